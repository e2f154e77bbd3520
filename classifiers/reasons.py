"""Reason texts in Japanese and English, for entities and for unreadable assets."""
from __future__ import annotations

ENTITY_NAMES = {
    "JP_MY_NUMBER": ("マイナンバー", "My Number"),
    "CREDIT_CARD": ("クレジットカード番号", "credit card number"),
    "JP_BANK_ACCOUNT": ("銀行口座", "bank account"),
    "JP_PASSPORT": ("旅券番号", "passport number"),
    "JP_DRIVERS_LICENSE": ("運転免許証番号", "driver's licence number"),
    "JP_RESIDENCE_CARD": ("在留カード番号", "residence card number"),
    "JP_PENSION_NUMBER": ("基礎年金番号", "pension number"),
    "JP_HEALTH_INSURANCE": ("健康保険証の番号", "health insurance number"),
    "SENSITIVE_CATEGORY": ("要配慮個人情報", "special-care personal information"),
    "PERSON": ("氏名", "person name"),
    "JP_ADDRESS": ("住所", "address"),
    "DATE_OF_BIRTH": ("生年月日", "date of birth"),
    "EMAIL_ADDRESS": ("メールアドレス", "e-mail address"),
    "PHONE_NUMBER": ("電話番号", "phone number"),
    "JP_POSTAL_CODE": ("郵便番号", "postal code"),
    "JP_CORPORATE_NUMBER": ("法人番号", "corporate number"),
}

PROBLEMS = {
    "ENCRYPTED": ("暗号化されていて中身を確認できません (手動で確認してください)", "Encrypted: contents could not be checked (review by hand)"),
    "CORRUPT": ("ファイルが壊れているため読めません", "Corrupt: the file could not be parsed"),
    "TIMEOUT": ("読み取りが時間の上限を超えました", "Timed out: reading exceeded the per-file time budget"),
    "TOO_LARGE": ("大きすぎるため読み取りの上限を超えました", "Too large: the file exceeds a size or memory limit"),
    "ARCHIVE_LIMIT": ("圧縮ファイルが展開の上限 (深さ・件数・容量・圧縮率) を超えました", "Archive limit: nesting, member count, size or ratio exceeded"),
    "UNSUPPORTED": ("対応していない形式です", "Unsupported format"),
    "PERMISSION_DENIED": ("読み取り権限がありません", "Permission denied"),
    "VANISHED": ("読み取る前に削除・移動されました", "Vanished before it could be read"),
    "WORKER_CRASH": ("読み取り中にプロセスが異常終了しました", "The reading process crashed"),
    "SYMLINK": ("シンボリックリンクです (リンク先はたどりません)", "Symbolic link (never followed)"),
}


def entity_name(entity: str, lang: str) -> str:
    ja, en = ENTITY_NAMES.get(entity, (entity, entity))
    return ja if lang == "ja" else en
