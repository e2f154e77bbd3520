"""JP_PASSPORT — 旅券番号: two letters and seven digits (TK1234567). No check digit exists in the printed
number, so the format alone scores 0.30 and only 旅券/パスポート/passport context (or header) counts."""
from __future__ import annotations

from detectors.recognizers.base import JpPatternRecognizer


class JpPassportRecognizer(JpPatternRecognizer):
    ENTITY = "JP_PASSPORT"
    MIN_DIGITS = 7  # 2 letters and 7 digits: text with fewer digits is not searched
    PATTERNS = (("passport", r"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{7}(?![A-Za-z0-9])"),)
    CONTEXT = ("旅券", "パスポート", "passport")
    NEEDS_DIGITS = True
