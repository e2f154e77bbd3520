"""Keyed fingerprints: HMAC-SHA256 with the inventory's key over the canonical value.

The same value written differently (full-width, hyphens, spaces, upper-case e-mail) gives the same
fingerprint, so findings can be counted and compared across files and runs without keeping the value.
Without the key a fingerprint cannot be brute-forced back to a 12-digit number.
"""
from __future__ import annotations

import hmac
import re
import unicodedata

_E164 = re.compile(r"^\+[1-9][0-9]{7,14}$")
# compiled once: ``re.sub(pattern_string, …)`` looks its pattern up in re's cache on every call
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")
_NOT_PHONE = re.compile(r"[^0-9+]")
_SPACE_OR_DASH = re.compile(r"[\s\-]")
_SPACES = re.compile(r"\s+")
_NUMERIC = {
    "JP_MY_NUMBER",
    "JP_CORPORATE_NUMBER",
    "CREDIT_CARD",
    "JP_BANK_ACCOUNT",
    "JP_PENSION_NUMBER",
    "JP_DRIVERS_LICENSE",
    "JP_POSTAL_CODE",
}


def canonical(entity: str, value: str) -> str:
    v = unicodedata.normalize("NFKC", value).strip()
    if entity in _NUMERIC:
        return _NOT_ALNUM.sub("", v).upper()
    if entity == "EMAIL_ADDRESS":
        return v.lower()
    if entity == "PHONE_NUMBER":
        if _E164.match(v):
            return v  # already canonical (the recognizer hands over the number it parsed): no second parse
        import phonenumbers

        try:
            return phonenumbers.format_number(phonenumbers.parse(v, "JP"), phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            return _NOT_PHONE.sub("", v)
    if entity in ("JP_PASSPORT", "JP_RESIDENCE_CARD", "JP_HEALTH_INSURANCE"):
        return _SPACE_OR_DASH.sub("", v).upper()
    return _SPACES.sub("", v)


class Fingerprinter:
    def __init__(self, key: bytes):
        if len(key) < 16:
            raise ValueError("fingerprint key must be at least 16 bytes")
        # The key's HMAC state, set up once and copied per value (``HMAC.copy``): the same HMAC-SHA256 as
        # ``hmac.digest(key, msg, "sha256")``, without setting up the key's inner and outer hashes again for every
        # value — 136 ms against 179 ms for corpus-600's 36,915 fingerprints.
        self._keyed = hmac.new(key, digestmod="sha256")

    def __repr__(self) -> str:
        return "Fingerprinter(<key>)"

    def fingerprint(self, entity: str, value: str) -> str:
        mac = self._keyed.copy()
        mac.update(f"{entity}\x00{canonical(entity, value)}".encode("utf-8"))
        return mac.hexdigest()[:32]
