"""EMAIL_ADDRESS — local@domain with a real top-level domain (tldextract's bundled suffix list, offline).

The pattern is ASCII-only, so Japanese text glued to an address (山田yamada@example.co.jpまで) does
not stick to it. tldextract is told never to fetch the suffix list: the snapshot it ships is used.
"""
from __future__ import annotations

from functools import lru_cache

from detectors.recognizers.base import JpPatternRecognizer

_SCORE = 0.9


@lru_cache(maxsize=1)
def _extractor():
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class JpEmailAddressRecognizer(JpPatternRecognizer):
    ENTITY = "EMAIL_ADDRESS"
    PATTERNS = (
        (
            "email",
            r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])",
        ),
    )
    CONTEXT = ("メール", "mail", "e-mail", "email", "連絡先", "アドレス")
    PASSED_SCORE = _SCORE

    def check(self, value: str) -> bool:
        return _has_public_suffix(value.rsplit("@", 1)[1].lower())


@lru_cache(maxsize=4096)
def _has_public_suffix(domain: str) -> bool:
    # cached per domain: a list of people's addresses repeats a handful of domains (tldextract ≈ 10 µs a call)
    return bool(_extractor()(domain).suffix)
