"""Masks keep enough to recognise a value, never enough to use it: each entity's digit budget is checked
against the value's own digits, and no long run of the value survives."""
import re

import pytest

from detectors.masking import mask


def digits(s: str) -> str:
    return re.sub(r"\D", "", s)


CASES = [
    # entity, value, expected mask, digits of the value the mask may show
    ("JP_MY_NUMBER", "1234 5678 9018", "**** **** **18", 2),
    ("JP_MY_NUMBER", "123456789018", "**********18", 2),
    ("JP_MY_NUMBER", "１２３４－５６７８－９０１８", "****-****-**18", 2),
    ("CREDIT_CARD", "4111-1111-1111-1111", "4111 **** **** **11", 6),
    ("CREDIT_CARD", "４１１１ １１１１ １１１１ １１１１", "4111 **** **** **11", 6),
    ("CREDIT_CARD", "378282246310005", "3782 **** **** **05", 6),
    ("PHONE_NUMBER", "090-1234-5678", "090-****-**78", 5),
    ("PHONE_NUMBER", "(03)1234-5678", "(03)****-**78", 4),
    ("PHONE_NUMBER", "+81-90-1234-5678", "+81-90-****-**78", 6),
    ("PHONE_NUMBER", "09012345678", "*********78", 2),  # no groups: the tail only
    ("EMAIL_ADDRESS", "yamada@example.co.jp", "ya****@example.co.jp", 0),
    ("EMAIL_ADDRESS", "ab@example.jp", "***@example.jp", 0),  # a short local part is hidden entirely
    ("JP_BANK_ACCOUNT", "1234567", "*****67", 2),
    ("JP_PASSPORT", "TK1234567", "TK*****67", 2),
    ("SOMETHING_NEW", "山田花子", "山***", 0),  # generic fallback
    ("JP_ADDRESS", "東京都千代田区丸の内1-2-3", "東京都千代田区 ****", 0),
    ("JP_ADDRESS", "丸の内1-2-3 丸の内ビル5F", "丸の ****", 0),  # starts at the town: two characters of it
    ("JP_ADDRESS", "1-2-3", "****", 0),
]


@pytest.mark.parametrize("entity,value,expected,allowed", CASES)
def test_mask(entity, value, expected, allowed):
    masked = mask(entity, value)
    assert masked == expected  # synthetic values: the expected mask may be shown
    assert len(digits(masked)) <= allowed


@pytest.mark.parametrize("entity", ["JP_MY_NUMBER", "CREDIT_CARD", "PHONE_NUMBER", "JP_BANK_ACCOUNT", "JP_PENSION_NUMBER", "JP_DRIVERS_LICENSE"])
@pytest.mark.parametrize("value", ["123456789018", "4111 1111 1111 1111", "090-1234-5678", "1234-567890", "12", "１２３４５６７８９０１２"])
def test_no_mask_shows_more_than_six_digits_nor_a_run_of_the_value(entity, value):
    masked = mask(entity, value)
    assert len(digits(masked)) <= 6
    d = digits(value.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    assert len(d) < 8 or d not in digits(masked)
    assert len(digits(masked)) < len(d) or len(d) == 0


def test_pci_display_rule_for_every_card_length():
    for n in range(13, 20):
        value = "4" + "1" * (n - 1)
        shown = mask("CREDIT_CARD", value)
        assert digits(shown) == value[:4] + value[-2:]  # first 4 + last 2, within PCI's first 6 + last 4


def test_corporate_number_is_public_and_shown():
    assert mask("JP_CORPORATE_NUMBER", "7000012050002") == "7000012050002"


def test_digit_masking_is_the_per_character_rule():
    """``_mask_digits`` cuts ASCII values with regexes; it must give what the per-character rule gives (every
    ``str.isdigit`` character a star but the kept ones), on random values of digits, separators and letters."""
    import random

    from detectors.masking import _mask_digits, _mask_digits_per_character

    rng = random.Random(20261202)
    for _ in range(20000):
        value = "".join(rng.choice("0123456789-() +*abc") for _ in range(rng.randint(0, 16)))
        head, tail = rng.choice([(0, 2), (0, 0), (4, 2), (1, 3), (0, 1)])
        assert _mask_digits(value, head, tail) == _mask_digits_per_character(value, head, tail)
    assert _mask_digits("٣٤٥٦٧", 0, 2) == _mask_digits_per_character("٣٤٥٦٧", 0, 2)  # not ASCII: per character
