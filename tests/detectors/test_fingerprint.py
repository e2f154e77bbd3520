"""Keyed fingerprints over the canonical value: the same value written differently gives the same
fingerprint, a different value or key a different one. Fingerprints are compared, never printed."""
import hashlib
import hmac

import pytest

from detectors.fingerprint import Fingerprinter, canonical

KEY = b"k" * 32
FP = Fingerprinter(KEY)

SAME = [
    ("JP_MY_NUMBER", "123456789018", "1234 5678 9018"),
    ("JP_MY_NUMBER", "123456789018", "１２３４－５６７８－９０１８"),
    ("CREDIT_CARD", "4111111111111111", "４１１１ １１１１ １１１１ １１１１"),
    ("CREDIT_CARD", "4111111111111111", "4111-1111-1111-1111"),
    ("JP_CORPORATE_NUMBER", "7000012050002", "7-0000-1205-0002"),
    ("EMAIL_ADDRESS", "a@example.jp", "A@Example.JP"),
    ("EMAIL_ADDRESS", "a@example.jp", "ａ＠ｅｘａｍｐｌｅ．ｊｐ"),
    ("PHONE_NUMBER", "090-1234-5678", "+81 90 1234 5678"),
    ("PHONE_NUMBER", "090-1234-5678", "０９０（１２３４）５６７８"),
    ("PHONE_NUMBER", "03-1234-5678", "(03)1234-5678"),
    ("PHONE_NUMBER", "+81312345678", "03-1234-5678"),  # E.164 as handed over by the recognizer
]


@pytest.mark.parametrize("entity,a,b", SAME)
def test_same_value_written_differently(entity, a, b):
    assert FP.fingerprint(entity, a) == FP.fingerprint(entity, b)


DIFFERENT = [
    ("JP_MY_NUMBER", "123456789018", "123456789026"),
    ("EMAIL_ADDRESS", "a@example.jp", "b@example.jp"),
    ("PHONE_NUMBER", "03-1234-5678", "03-1234-5679"),
]


@pytest.mark.parametrize("entity,a,b", DIFFERENT)
def test_different_values_differ(entity, a, b):
    assert FP.fingerprint(entity, a) != FP.fingerprint(entity, b)


def test_entity_is_part_of_the_message():
    assert FP.fingerprint("JP_MY_NUMBER", "123456789018") != FP.fingerprint("JP_DRIVERS_LICENSE", "123456789018")


def test_different_key_different_fingerprint():
    assert FP.fingerprint("JP_MY_NUMBER", "123456789018") != Fingerprinter(b"j" * 32).fingerprint("JP_MY_NUMBER", "123456789018")


def test_is_hmac_sha256_truncated_to_32_hex_over_entity_and_canonical_value():
    got = FP.fingerprint("PHONE_NUMBER", "090-1234-5678")
    want = hmac.new(KEY, b"PHONE_NUMBER\x00+819012345678", hashlib.sha256).hexdigest()[:32]
    assert got == want and len(got) == 32 and int(got, 16) >= 0


@pytest.mark.parametrize(
    "entity,value,expected",
    [
        ("JP_MY_NUMBER", "１２３４ ５６７８ ９０１８", "123456789018"),
        ("EMAIL_ADDRESS", " Yamada@Example.CO.JP ", "yamada@example.co.jp"),
        ("PHONE_NUMBER", "０９０－１２３４－５６７８", "+819012345678"),
        ("PHONE_NUMBER", "+81 3 1234 5678", "+81312345678"),
    ],
)
def test_canonical(entity, value, expected):
    assert canonical(entity, value) == expected


def test_key_is_never_shown_and_must_be_long_enough():
    assert "k" * 8 not in repr(FP)
    with pytest.raises(ValueError):
        Fingerprinter(b"short")
