"""JP_MY_NUMBER: text → spans and scores. Values are synthetic: their check digit is computed by stdnum."""
import pytest
from stdnum.jp import cn, in_

from detectors.analyzer import DEFAULT_THRESHOLD
from tests.assertions import assert_matches, only

VALID = "12345678901" + in_.calc_check_digit("12345678901")
BAD = VALID[:-1] + str((int(VALID[-1]) + 1) % 10)
assert in_.is_valid(VALID) and not in_.is_valid(BAD)
SPACED = f"{VALID[:4]} {VALID[4:8]} {VALID[8:]}"
HYPHENS = SPACED.replace(" ", "-")
FULL = SPACED.translate(str.maketrans("0123456789 ", "０１２３４５６７８９\u3000"))
CORP = cn.calc_check_digit("123456789012") + "123456789012"
assert cn.is_valid(CORP)

CASES = [
    # text, column header, expected [(entity, start, end, min, max)]
    (f"個人番号: {VALID}", None, [("JP_MY_NUMBER", 6, 18, 0.95, 1.0)]),
    (f"個人番号{VALID}です", None, [("JP_MY_NUMBER", 4, 16, 0.95, 1.0)]),
    (f"マイナンバー {SPACED}", None, [("JP_MY_NUMBER", 7, 21, 0.95, 1.0)]),
    (f"マイナンバー {HYPHENS}", None, [("JP_MY_NUMBER", 7, 21, 0.95, 1.0)]),
    (f"マイナンバー {FULL}", None, [("JP_MY_NUMBER", 7, 21, 0.95, 1.0)]),
    (f"マイナンバー {VALID[:4]}ー{VALID[4:8]}ー{VALID[8:]}", None, [("JP_MY_NUMBER", 7, 21, 0.95, 1.0)]),  # ー as a dash
    (VALID, "個人番号", [("JP_MY_NUMBER", 0, 12, 0.95, 1.0)]),  # a table cell under its header
    (SPACED, "マイナンバー", [("JP_MY_NUMBER", 0, 14, 0.95, 1.0)]),
    (VALID, None, [("JP_MY_NUMBER", 0, 12, 0.4, 0.4)]),  # check digit alone: below the tier threshold
    (VALID, "備考", [("JP_MY_NUMBER", 0, 12, 0.4, 0.4)]),
    # bad check digit
    (f"個人番号 {BAD}", None, []),
    (BAD, "個人番号", []),
    # malformed or part of something longer
    (f"個人番号 {VALID}3", None, []),  # 13 digits
    (f"個人番号 1{VALID}", None, []),
    (f"{VALID} 3", None, []),  # a 13th digit one separator away, no context
    (f"{VALID}  3", None, []),  # a digit nearby and no context
    (f"{VALID} 090-1234-5678", None, []),  # the next field's number one space away, no context
    (f"個人番号 {VALID} 090-1234-5678", None, [("JP_MY_NUMBER", 5, 17, 0.95, 1.0)]),  # … with context it stands
    (f"{VALID} 090-1234-5678", "個人番号", [("JP_MY_NUMBER", 0, 12, 0.95, 1.0)]),  # … or under its header
    (f"個人番号 {VALID}-2", None, [("JP_MY_NUMBER", 5, 17, 0.95, 1.0)]),
    (f"{VALID}-2", None, []),
    (f"個人番号 {SPACED} 3456", None, []),  # a 4-4-4 grouping going on: a card number's 4-4-4-4
    (f"個人番号 9999 {SPACED}", None, []),
    (f"個人番号 {HYPHENS}-3456", None, []),
    (f"個人番号 {VALID}  3", None, [("JP_MY_NUMBER", 5, 17, 0.95, 1.0)]),  # … with context it stands
    (f"{VALID[:6]}-{VALID[6:]}", None, []),  # not a My Number grouping
    (f"{VALID[:4]} {VALID[4:8]}-{VALID[8:]}", None, []),  # mixed separators
    (VALID[:11], "個人番号", []),
    (f"法人番号 {CORP}", None, []),  # a corporate number is not a My Number
    (f"個人番号 {CORP}", None, []),  # …not even next to My Number words
    (f"注文番号 {VALID}", None, []),  # negative context: below the findings floor
]


@pytest.mark.parametrize("text,header,expected", CASES)
def test_my_number(analyzer, text, header, expected):
    assert_matches(only(analyzer.analyze_text(text, header), "JP_MY_NUMBER"), expected, text_len=len(text))


def test_valid_number_without_context_is_below_the_tier_threshold(analyzer):
    [m] = analyzer.analyze_text(VALID)
    assert m.score < DEFAULT_THRESHOLD == 0.5


def test_evidence_names_pattern_check_and_context(analyzer):
    [m] = analyzer.analyze_text(f"個人番号 {VALID}")
    assert m.evidence == ("pattern:my_number_12", "check", "context:個人番号")
    [m] = analyzer.analyze_text(SPACED, header="マイナンバー")
    assert m.evidence == ("pattern:my_number_4_4_4", "check", "header:マイナンバー")


def test_corporate_number_is_not_my_number(analyzer):
    assert [m.entity for m in analyzer.analyze_text(f"法人番号 {CORP}")] == ["JP_CORPORATE_NUMBER"]


def test_same_spans_half_and_full_width(analyzer):
    half = f"個人番号 {SPACED} です"
    full = half.translate(str.maketrans("0123456789 ", "０１２３４５６７８９\u3000"))
    a = [(m.entity, m.start, m.end) for m in analyzer.analyze_text(half)]
    b = [(m.entity, m.start, m.end) for m in analyzer.analyze_text(full)]
    assert a == b and a


def test_many_random_valid_numbers_are_found_with_context(analyzer):
    import random

    rnd = random.Random(5)
    for _ in range(200):
        body = "".join(rnd.choice("0123456789") for _ in range(11))
        number = body + in_.calc_check_digit(body)
        assert [(m.entity, m.start, m.end) for m in analyzer.analyze_text(f"マイナンバー：{number}。") if m.score >= 0.5] == [("JP_MY_NUMBER", 7, 19)]
