"""JP_DRIVERS_LICENSE — 運転免許証番号: 12 digits (issuing commission, year of first licence, serial,
a check digit, reissue count). The check-digit rule is not published by the National Police Agency, so
none is applied: the format scores 0.20 (not kept) and needs 免許 context or a header — which also keeps it from
ever taking a My Number's place (without context a My Number with a valid check digit scores higher)."""
from __future__ import annotations

from detectors.recognizers.base import JpPatternRecognizer

_EDGE_L = r"(?<![0-9][ \-]?)(?<![0-9])"
_EDGE_R = r"(?![ \-]?[0-9])"


class JpDriversLicenseRecognizer(JpPatternRecognizer):
    ENTITY = "JP_DRIVERS_LICENSE"
    MIN_DIGITS = 12  # 12 digits: text with fewer digits is not searched
    PATTERNS = (("license_12", _EDGE_L + r"[0-9]{12}" + _EDGE_R), ("license_groups", _EDGE_L + r"[0-9]{4}([ \-])[0-9]{4}\1[0-9]{4}" + _EDGE_R))
    CONTEXT = ("免許証", "免許番号", "運転免許", "免許", "driver's license", "driving licence", "driver license")
    NEGATIVE_CONTEXT = ("個人番号", "マイナンバー")
    BASE_SCORE = 0.2  # twelve digits alone are everywhere: kept only with 免許 context
