"""Masks never show more than allowed; fingerprints are keyed and canonical."""
import re

import pytest

from detectors.fingerprint import Fingerprinter
from detectors.masking import mask


@pytest.mark.parametrize(
    "entity,value,max_digits",
    [("JP_MY_NUMBER", "1234 5678 9018", 2), ("CREDIT_CARD", "4111-1111-1111-1111", 6), ("PHONE_NUMBER", "090-1234-5678", 5)],
)
def test_mask_shows_few_digits(entity, value, max_digits):
    masked = mask(entity, value)
    assert len(re.findall(r"[0-9]", masked)) <= max_digits
    assert re.sub(r"\D", "", value) not in re.sub(r"\D", "", masked)


def test_email_mask_hides_local_part():
    masked = mask("EMAIL_ADDRESS", "yamada.taro@example.co.jp")
    assert masked.endswith("@example.co.jp") and "yamada.taro" not in masked


def test_fingerprint_is_canonical_and_keyed():
    a, b = Fingerprinter(b"k" * 32), Fingerprinter(b"j" * 32)
    assert a.fingerprint("JP_MY_NUMBER", "1234 5678 9018") == a.fingerprint("JP_MY_NUMBER", "１２３４５６７８９０１８")
    assert a.fingerprint("EMAIL_ADDRESS", "A@Example.JP") == a.fingerprint("EMAIL_ADDRESS", "a@example.jp")
    assert a.fingerprint("PHONE_NUMBER", "090-1234-5678") == a.fingerprint("PHONE_NUMBER", "+81 90 1234 5678")
    assert a.fingerprint("JP_MY_NUMBER", "123456789018") != b.fingerprint("JP_MY_NUMBER", "123456789018")
    assert "1234" not in repr(a)


def test_phone_fingerprint_is_the_same_through_the_analyzer_and_by_hand(analyzer):
    fp = Fingerprinter(b"k" * 32)
    m = next(m for m in analyzer.analyze_text("携帯 ０９０－１２３４－５６７８") if m.entity == "PHONE_NUMBER")
    assert m.normalized == "+819012345678"
    assert fp.fingerprint("PHONE_NUMBER", m.normalized) == fp.fingerprint("PHONE_NUMBER", "090-1234-5678")


def test_fingerprint_is_hmac_sha256_of_entity_and_canonical_value():
    """The copied key state gives exactly the one-shot HMAC-SHA256, value after value (no state carried over)."""
    import hmac

    from detectors.fingerprint import canonical

    key = b"k" * 32
    fp = Fingerprinter(key)
    values = [("JP_MY_NUMBER", "1234 5678 9018"), ("EMAIL_ADDRESS", "A@Example.JP"), ("PERSON", "山田 太郎"), ("JP_MY_NUMBER", "1234 5678 9018")]
    for entity, value in values:
        expected = hmac.digest(key, f"{entity}\x00{canonical(entity, value)}".encode("utf-8"), "sha256").hex()[:32]
        assert fp.fingerprint(entity, value) == expected
