"""Masked previews: enough to recognise a value in its file, never enough to use it.

Numbers keep at most their last two digits (cards: the first four, which name the issuer, and the
last two — well inside PCI DSS's first-six/last-four display rule); e-mail keeps the first two
characters of the local part and the domain; names keep the surname's first character.
"""
from __future__ import annotations

import re
import unicodedata

_DIGIT = re.compile(r"[0-9]")


def _mask_digits(value: str, keep_head: int = 0, keep_tail: int = 2) -> str:
    positions = [i for i, c in enumerate(value) if c.isdigit()]
    keep = set(positions[:keep_head]) | set(positions[len(positions) - keep_tail :] if keep_tail else [])
    return "".join(c if (not c.isdigit() or i in keep) else "*" for i, c in enumerate(value))


def mask(entity: str, value: str) -> str:
    v = unicodedata.normalize("NFKC", value).strip()
    if entity == "CREDIT_CARD":
        digits = re.sub(r"[^0-9]", "", v)
        return f"{digits[:4]} **** **** **{digits[-2:]}" if len(digits) >= 13 else "*" * len(v)
    if entity == "JP_CORPORATE_NUMBER":
        return v  # a corporate number is public (国税庁 法人番号公表サイト)
    if entity == "EMAIL_ADDRESS" and "@" in v:
        local, domain = v.rsplit("@", 1)
        return f"{local[:2]}{'*' * max(1, min(len(local) - 2, 6))}@{domain}"
    if entity in ("PERSON",):
        return v[:1] + " " + "*" * 2 if v else v
    if entity in ("JP_ADDRESS",):
        # keep the prefecture/city part, hide block numbers and building
        m = re.match(r"^(.{2,3}?[都道府県])?(.{1,6}?[市区町村郡])?", v)
        head = (m.group(0) if m else "")[:10]
        return head + " ****"
    if entity == "SENSITIVE_CATEGORY":
        return v  # the category word itself (病歴, 障害) says what kind of data is there, not whose
    if _DIGIT.search(v):
        return _mask_digits(v, 0, 2)
    return v[:1] + "*" * max(2, len(v) - 1)
