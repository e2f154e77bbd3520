"""JP_CORPORATE_NUMBER (法人番号): 13 digits, leading check digit (stdnum jp.cn). Not personal data,
recognised so that its digits never count as a My Number."""
import pytest
from stdnum.jp import cn

from tests.assertions import assert_matches, only

CORP = cn.calc_check_digit("700001205000") + "700001205000"
BAD = str((int(CORP[0]) + 1) % 10) + CORP[1:]
assert cn.is_valid(CORP) and not cn.is_valid(BAD)
GROUPED = f"{CORP[0]}-{CORP[1:5]}-{CORP[5:9]}-{CORP[9:]}"

CASES = [
    (f"法人番号 {CORP}", None, [("JP_CORPORATE_NUMBER", 5, 18, 0.95, 1.0)]),
    (f"登録番号 T{CORP}", None, [("JP_CORPORATE_NUMBER", 6, 19, 0.95, 1.0)]),  # 適格請求書 registration number
    (f"法人番号 {GROUPED}", None, [("JP_CORPORATE_NUMBER", 5, 21, 0.95, 1.0)]),
    (f"法人番号 {CORP}".translate(str.maketrans("0123456789", "０１２３４５６７８９")), None, [("JP_CORPORATE_NUMBER", 5, 18, 0.95, 1.0)]),
    (CORP, "法人番号", [("JP_CORPORATE_NUMBER", 0, 13, 0.95, 1.0)]),
    (CORP, None, [("JP_CORPORATE_NUMBER", 0, 13, 0.6, 0.6)]),  # check digit alone
    (f"法人番号 {BAD}", None, []),
    (f"法人番号 {CORP}4", None, []),  # 14 digits
    (f"法人番号 9{CORP}", None, []),
    (f"法人番号 {CORP[:12]}", None, []),
]


@pytest.mark.parametrize("text,header,expected", CASES)
def test_corporate_number(analyzer, text, header, expected):
    assert_matches(only(analyzer.analyze_text(text, header), "JP_CORPORATE_NUMBER"), expected, text_len=len(text))


@pytest.mark.parametrize("text,header", [(f"個人番号 {CORP}", None), (CORP, "マイナンバー"), (f"マイナンバー {GROUPED}", None)])
def test_never_reported_as_my_number(analyzer, text, header):
    assert not only(analyzer.analyze_text(text, header), "JP_MY_NUMBER", 0.0)
