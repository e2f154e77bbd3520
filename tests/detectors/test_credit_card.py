"""CREDIT_CARD: Luhn + issuer range; separators, full-width and line breaks inside a table cell.
Numbers are synthetic: the Luhn digit is computed, never typed from a real card."""
import pytest
from stdnum import luhn

from detectors.recognizers.credit_card import issuer
from tests.assertions import assert_matches, only


def card(prefix: str, length: int) -> str:
    body = prefix + "0" * (length - len(prefix) - 1)
    return body + luhn.calc_check_digit(body)


def bad(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


VISA = "4111111111111111"  # the networks' documented test number
UNIONPAY_19 = card("62", 19)
CASES = [
    ("カード番号 4111-1111-1111-1111", None, [("CREDIT_CARD", 6, 25, 0.95, 1.0)]),
    ("４１１１ １１１１ １１１１ １１１１", None, [("CREDIT_CARD", 0, 19, 0.6, 0.6)]),
    ("４１１１－１１１１－１１１１－１１１１", None, [("CREDIT_CARD", 0, 19, 0.6, 0.6)]),
    (VISA, None, [("CREDIT_CARD", 0, 16, 0.6, 0.6)]),  # Luhn + issuer, no context
    (VISA, "カード番号", [("CREDIT_CARD", 0, 16, 0.95, 1.0)]),
    (f"クレジットカード{VISA}で決済", None, [("CREDIT_CARD", 8, 24, 0.95, 1.0)]),
    (f"VISA {card('4', 16)}", None, [("CREDIT_CARD", 5, 21, 0.95, 1.0)]),
    (f"Visa {card('4', 13)}", None, [("CREDIT_CARD", 5, 18, 0.95, 1.0)]),  # 13-digit Visa
    (f"カード {card('51', 16)}", None, [("CREDIT_CARD", 4, 20, 0.95, 1.0)]),  # Mastercard 51–55
    (f"カード {card('2221', 16)}", None, [("CREDIT_CARD", 4, 20, 0.95, 1.0)]),  # Mastercard 2-series
    (f"カード {card('2720', 16)}", None, [("CREDIT_CARD", 4, 20, 0.95, 1.0)]),
    (f"カード {card('3528', 16)}", None, [("CREDIT_CARD", 4, 20, 0.95, 1.0)]),  # JCB
    (f"カード {card('3589', 19)}", None, [("CREDIT_CARD", 4, 23, 0.95, 1.0)]),
    (f"カード {card('37', 15)}", None, [("CREDIT_CARD", 4, 19, 0.95, 1.0)]),  # Amex
    (f"AMEX {card('34', 15)[:4]} {card('34', 15)[4:10]} {card('34', 15)[10:]}", None, [("CREDIT_CARD", 5, 22, 0.95, 1.0)]),  # 4-6-5
    (f"カード {card('36', 14)}", None, [("CREDIT_CARD", 4, 18, 0.95, 1.0)]),  # Diners
    (f"カード {card('300', 14)}", None, [("CREDIT_CARD", 4, 18, 0.95, 1.0)]),
    (f"カード {card('62', 17)}", None, [("CREDIT_CARD", 4, 21, 0.95, 1.0)]),  # UnionPay
    (f"銀聯カード {' '.join([UNIONPAY_19[i:i + 4] for i in range(0, 19, 4)])}", None, [("CREDIT_CARD", 6, 29, 0.95, 1.0)]),  # 4-4-4-4-3
    (f"カード {card('6011', 16)}", None, [("CREDIT_CARD", 4, 20, 0.95, 1.0)]),  # Discover
    # Luhn fails
    ("4111 1111 1111 1112", None, []),
    (f"カード {bad(card('3528', 16))}", None, []),
    (bad(VISA), "カード番号", []),
    # Luhn passes, but no issuer or wrong length for the issuer
    ("1234567812345670", None, []),
    (f"カード {card('3599', 16)}", None, []),  # outside JCB's range
    (f"カード {card('37', 16)}", None, []),  # Amex is 15 digits
    (f"カード {card('2721', 16)}", None, []),  # past Mastercard's 2-series
    # malformed
    (f"カード {VISA}1", None, []),  # 17 digits: not a Visa length
    ("カード 4111-1111 1111-1111", None, []),  # mixed separators
    (f"カード 9{VISA}", None, []),
    # negative context
    (f"注文番号 {VISA}", None, []),
    (VISA, "注文番号", []),
]


@pytest.mark.parametrize("text,header,expected", CASES)
def test_card(analyzer, text, header, expected):
    assert_matches(only(analyzer.analyze_text(text, header), "CREDIT_CARD"), expected, text_len=len(text))


@pytest.mark.parametrize("cell", ["4111 1111\n1111 1111", "4111-1111-\n1111-1111".replace("-\n", "\n"), "４１１１ １１１１\r\n１１１１ １１１１"])
def test_card_split_over_a_line_break_in_a_cell(analyzer, cell):
    assert_matches(analyzer.analyze_text(cell, header="カード番号"), [("CREDIT_CARD", 0, len(cell), 0.95, 1.0)])


def test_line_break_in_running_text_is_not_joined(analyzer):
    text = "売上 4111 1111\n1111 1111 件数 " + "あ" * 60  # a long paragraph, not a cell
    assert only(analyzer.analyze_text(text), "CREDIT_CARD") == []


def test_evidence(analyzer):
    [m] = analyzer.analyze_text("カード番号 4111-1111-1111-1111")
    assert m.evidence == ("pattern:card_4_groups", "check", "context:カード")


@pytest.mark.parametrize(
    "digits,name",
    [
        (card("4", 16), "visa"),
        (card("51", 16), "mastercard"),
        (card("55", 16), "mastercard"),
        (card("2720", 16), "mastercard"),
        (card("3528", 16), "jcb"),
        (card("34", 15), "amex"),
        (card("305", 14), "diners"),
        (card("62", 16), "unionpay"),
        (card("65", 16), "discover"),
        (card("56", 16), None),
        (card("1", 16), None),
    ],
)
def test_issuer(digits, name):
    assert issuer(digits) == name
