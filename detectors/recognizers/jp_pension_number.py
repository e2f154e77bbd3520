"""JP_PENSION_NUMBER — 基礎年金番号: four digits (office code) and six digits, written 1234-567890 or as
ten digits. No check digit is published; ten digits also look like phone numbers, so only 年金 context
or a header makes it count."""
from __future__ import annotations

from detectors.recognizers.base import JpPatternRecognizer


class JpPensionNumberRecognizer(JpPatternRecognizer):
    ENTITY = "JP_PENSION_NUMBER"
    MIN_DIGITS = 10  # 4 + 6 digits: text with fewer digits is not searched
    PATTERNS = (
        ("pension_4_6", r"(?<![0-9\-])[0-9]{4}-[0-9]{6}(?![0-9\-])"),
        ("pension_10", r"(?<![0-9\-])[0-9]{10}(?![0-9\-])"),
    )
    CONTEXT = ("基礎年金番号", "年金番号", "年金手帳", "基礎年金", "pension")
    NEGATIVE_CONTEXT = ("電話", "tel", "携帯", "fax", "注文")
    BASE_SCORE = 0.2
