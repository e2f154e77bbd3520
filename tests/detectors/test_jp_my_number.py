"""JP_MY_NUMBER: text → spans and scores. Values are synthetic: they pass stdnum's check digit by construction."""
import pytest
from stdnum.jp import in_

from detectors.analyzer import FINDINGS_FLOOR
from tests.assertions import assert_matches

VALID = "123456789018"  # check digit computed by stdnum below
assert in_.is_valid(VALID)
BAD = VALID[:-1] + str((int(VALID[-1]) + 1) % 10)
assert not in_.is_valid(BAD)
SPACED = f"{VALID[:4]} {VALID[4:8]} {VALID[8:]}"
FULL = SPACED.translate(str.maketrans("0123456789 ", "０１２３４５６７８９\u3000"))

CASES = [
    # text, expected [(entity, start, end, min, max)]
    (f"個人番号: {VALID}", [("JP_MY_NUMBER", 6, 18, 0.95, 1.0)]),
    (f"マイナンバー {SPACED}", [("JP_MY_NUMBER", 7, 21, 0.95, 1.0)]),
    (f"マイナンバー {FULL}", [("JP_MY_NUMBER", 7, 21, 0.95, 1.0)]),
    (f"{VALID}", [("JP_MY_NUMBER", 0, 12, 0.3, 0.49)]),  # check digit alone: below the tier threshold
    (f"個人番号 {BAD}", []),  # check digit fails: never a My Number
    (f"個人番号 {VALID}3", []),  # 13 digits: not a My Number
    (f"個人番号 1{VALID}", []),
    (f"個人番号 {VALID} 3", []),  # a 13th digit nearby
    (f"注文番号 {VALID}", []),  # negative context: below the findings floor
    (f"{VALID[:6]}-{VALID[6:]}", []),  # not a My Number grouping
]


@pytest.mark.parametrize("text,expected", CASES)
def test_my_number(analyzer, text, expected):
    matches = [m for m in analyzer.analyze_text(text) if m.entity == "JP_MY_NUMBER" and m.score >= FINDINGS_FLOOR]
    assert_matches(matches, expected, text_len=len(text))


def test_header_counts_as_context(analyzer):
    matches = analyzer.analyze_text(VALID, header="個人番号")
    assert_matches(matches, [("JP_MY_NUMBER", 0, 12, 0.95, 1.0)])
    assert any(e.startswith("header:") for e in matches[0].evidence)


def test_corporate_number_is_not_my_number(analyzer):
    from stdnum.jp import cn

    corp = "7000012050002"
    assert cn.is_valid(corp)
    matches = analyzer.analyze_text(f"法人番号 {corp}")
    assert [m.entity for m in matches] == ["JP_CORPORATE_NUMBER"]


def test_same_spans_half_and_full_width(analyzer):
    half = f"個人番号 {SPACED} です"
    full = half.translate(str.maketrans("0123456789 ", "０１２３４５６７８９\u3000"))
    a = [(m.entity, m.start, m.end) for m in analyzer.analyze_text(half)]
    b = [(m.entity, m.start, m.end) for m in analyzer.analyze_text(full)]
    assert a == b and a
