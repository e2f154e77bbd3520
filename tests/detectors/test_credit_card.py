"""CREDIT_CARD: Luhn + issuer range; separators, full-width and line breaks inside a cell."""
import pytest
from stdnum import luhn

from detectors.recognizers.credit_card import issuer
from detectors.analyzer import FINDINGS_FLOOR
from tests.assertions import assert_matches


def card(prefix: str, length: int) -> str:
    body = prefix + "0" * (length - len(prefix) - 1)
    return body + luhn.calc_check_digit(body)


VISA = "4111111111111111"
CASES = [
    ("カード番号 4111-1111-1111-1111", [("CREDIT_CARD", 6, 25, 0.95, 1.0)]),
    ("４１１１ １１１１ １１１１ １１１１", [("CREDIT_CARD", 0, 19, 0.6, 0.6)]),
    ("4111 1111 1111 1112", []),  # Luhn fails
    ("1234567812345670", []),  # Luhn ok, no issuer starts with 1
    (f"VISA {card('4', 16)}", [("CREDIT_CARD", 5, 21, 0.95, 1.0)]),
    (f"カード {card('2221', 16)}", [("CREDIT_CARD", 4, 20, 0.95, 1.0)]),  # Mastercard 2-series
    (f"カード {card('3528', 16)}", [("CREDIT_CARD", 4, 20, 0.95, 1.0)]),  # JCB
    (f"カード {card('3589', 19)}", [("CREDIT_CARD", 4, 23, 0.95, 1.0)]),
    (f"カード {card('37', 15)}", [("CREDIT_CARD", 4, 19, 0.95, 1.0)]),  # Amex
    (f"カード {card('36', 14)}", [("CREDIT_CARD", 4, 18, 0.95, 1.0)]),  # Diners
    (f"カード {card('62', 17)}", [("CREDIT_CARD", 4, 21, 0.95, 1.0)]),  # UnionPay
    (f"カード {card('3599', 16)}", []),  # outside JCB's range
    (f"注文番号 {VISA}", []),  # negative context: below the findings floor
]


@pytest.mark.parametrize("text,expected", CASES)
def test_card(analyzer, text, expected):
    matches = [m for m in analyzer.analyze_text(text) if m.entity == "CREDIT_CARD" and m.score >= FINDINGS_FLOOR]
    assert_matches(matches, expected, text_len=len(text))


def test_card_split_over_a_line_break_in_a_cell(analyzer):
    matches = analyzer.analyze_text("4111 1111\n1111 1111", header="カード番号")
    assert_matches(matches, [("CREDIT_CARD", 0, 19, 0.95, 1.0)])


@pytest.mark.parametrize(
    "digits,name",
    [(card("4", 16), "visa"), (card("51", 16), "mastercard"), (card("2720", 16), "mastercard"), (card("3528", 16), "jcb"), (card("34", 15), "amex")],
)
def test_issuer(digits, name):
    assert issuer(digits) == name
