"""False-positive filters: pure functions, one ``is_*`` each (STYLE.md, detect-secrets' filters).

Each takes the normalised text and the span of a candidate and says whether the candidate is *not*
what its recognizer thinks. Tests: tests/detectors/test_filters.py.
"""
from __future__ import annotations

# 障害 in a technical sense: a failure, not a disability.
TECHNICAL_FAILURE = (
    "システム障害", "通信障害", "回線障害", "障害対応", "障害発生", "障害報告", "障害復旧", "障害管理", "障害票", "障害情報",
    "サーバ障害", "サーバー障害", "ネットワーク障害", "機器障害", "設備障害", "電波障害", "障害物", "障害時", "障害切り分け",
    "運用障害", "本番障害", "システムの障害", "障害が発生", "障害の発生", "大規模障害", "障害件数", "障害レベル",
)
# negations and non-findings around a health term
NEGATION = ("なし", "無し", "ありません", "特になし", "該当なし", "異常なし", "ない", "無", "none", "n/a")
# general, non-personal uses of otherwise sensitive words
GENERAL_SENSE = ("宗教法人", "宗教学", "信条として", "企業理念", "経営理念", "人種差別の禁止", "差別をなくす", "犯罪防止", "防犯", "病歴欄", "記入例")


def _window(text: str, start: int, end: int, before: int, after: int) -> tuple[str, str]:
    return text[max(0, start - before) : start], text[end : end + after]


def is_technical_failure(text: str, start: int, end: int) -> bool:
    """システム障害, 通信障害, 障害対応 … are incidents, not a 障害 (disability) record."""
    around = text[max(0, start - 8) : end + 8]
    return any(w in around and _overlaps(around, w, text[start:end]) for w in TECHNICAL_FAILURE)


def is_negated(text: str, start: int, end: int) -> bool:
    """既往歴: なし, 病歴 特になし — the field is there, the fact is absent."""
    _, after = _window(text, start, end, 0, 8)
    head = after.lstrip(" :：・-")
    return any(head.startswith(n) for n in NEGATION)


def is_general_sense(text: str, start: int, end: int) -> bool:
    """宗教法人, 人種差別の禁止, 防犯 …: the word names a topic, not a person's attribute."""
    around = text[max(0, start - 10) : end + 10]
    return any(w in around for w in GENERAL_SENSE)


def _overlaps(around: str, phrase: str, term: str) -> bool:
    return term in phrase
