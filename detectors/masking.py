"""Masked previews: enough to recognise a value in its file, never enough to use it.

What each entity keeps (digits counted in the value; separators and shape are kept):

=====================  ============================================================  ===========
entity                 mask                                                          digits kept
=====================  ============================================================  ===========
CREDIT_CARD            ``4111 **** **** **11``: issuer prefix (4) + last 2            6 (PCI: ≤ first 6 + last 4)
PHONE_NUMBER           ``090-****-**78``: the leading group (area / mobile prefix,    ≤ 5 + last 2
                       ≤ 5 digits, or +81 and it) + last 2
EMAIL_ADDRESS          ``ya***@example.co.jp``: ≤ 2 leading characters of the local   —
                       part (never all of it) + the domain
JP_CORPORATE_NUMBER    unmasked: a corporate number is public (国税庁 法人番号公表サイト)   all
SENSITIVE_CATEGORY     the term itself (病歴, 障害): the kind of data, not whose       —
PERSON                 the first character: ``山 **``                                 —
JP_ADDRESS             prefecture + city ``東京都千代田区 ****`` (or 2 of the town)         —
any other number       last 2 digits: ``**** **** **18``                              2
anything else          the first character and stars                                  —
=====================  ============================================================  ===========
"""
from __future__ import annotations

import re
import unicodedata

_DIGIT = re.compile(r"[0-9]")
_ADDRESS_LEAD = re.compile(r"[^0-9\-\s]*")
# the leading group of a phone number written with separators: 090-…, (03)…, +81 90 …
_PHONE_HEAD = re.compile(r"^(\+81[ \-]?)?\(?0?[0-9]{1,4}\)?(?=[ \-()])")

MASK_DIGITS_KEPT = 2  # trailing digits shown for numbers


def _mask_digits(value: str, keep_head: int = 0, keep_tail: int = MASK_DIGITS_KEPT) -> str:
    positions = [i for i, c in enumerate(value) if c.isdigit()]
    if len(positions) <= keep_head + keep_tail:  # too short to show anything safely
        keep_head, keep_tail = 0, 0
    keep = set(positions[:keep_head]) | set(positions[len(positions) - keep_tail :] if keep_tail else [])
    return "".join(c if (not c.isdigit() or i in keep) else "*" for i, c in enumerate(value))


def _mask_phone(v: str) -> str:
    head = _PHONE_HEAD.match(v)
    if head is None:
        return _mask_digits(v)
    prefix = head.group(0)
    head_digits = sum(c.isdigit() for c in prefix)
    total = sum(c.isdigit() for c in v)
    if total - head_digits < 6:  # the rest would be mostly shown: keep the tail only
        return _mask_digits(v)
    return prefix + _mask_digits(v[len(prefix) :])


def _mask_email(v: str) -> str:
    local, domain = v.rsplit("@", 1)
    shown = min(2, max(0, len(local) - 2))
    return f"{local[:shown]}{'*' * max(3, min(len(local) - shown, 6))}@{domain}"


def mask(entity: str, value: str) -> str:
    v = unicodedata.normalize("NFKC", value).strip()
    if entity == "CREDIT_CARD":
        digits = re.sub(r"[^0-9]", "", v)
        return f"{digits[:4]} **** **** **{digits[-2:]}" if len(digits) >= 13 else "*" * len(v)
    if entity == "JP_CORPORATE_NUMBER":
        return v
    if entity == "PHONE_NUMBER":
        return _mask_phone(v)
    if entity == "EMAIL_ADDRESS" and "@" in v:
        return _mask_email(v)
    if entity == "PERSON":
        return v[:1] + " " + "*" * 2 if v else v
    if entity == "JP_ADDRESS":
        # keep the prefecture/city part, hide block numbers and building
        m = re.match(r"^(.{2,3}?[都道府県])?(.{1,6}?[市区町村郡])?", v)
        head = (m.group(0) if m else "")[:10]
        if not head:  # an address that starts at its town (丸の内1-2-3): the town's first characters, never a number
            head = _ADDRESS_LEAD.match(v).group(0)[:2]
        return (head + " ****") if head else "****"
    if entity == "SENSITIVE_CATEGORY":
        return v
    if _DIGIT.search(v):
        return _mask_digits(v)
    return v[:1] + "*" * max(2, len(v) - 1)
