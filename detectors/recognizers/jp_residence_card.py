"""JP_RESIDENCE_CARD — 在留カード番号: two letters, eight digits, two letters (AB12345678CD). The format is
distinctive (0.40) but only 在留カード/在留/residence card context (or header) makes it count."""
from __future__ import annotations

from detectors.recognizers.base import JpPatternRecognizer


class JpResidenceCardRecognizer(JpPatternRecognizer):
    ENTITY = "JP_RESIDENCE_CARD"
    MIN_DIGITS = 8  # 2 letters, 8 digits, 2 letters: text with fewer digits is not searched
    PATTERNS = (("residence_card", r"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{8}[A-Z]{2}(?![A-Za-z0-9])"),)
    CONTEXT = ("在留カード", "在留", "residence card", "特別永住者証明書")
    BASE_SCORE = 0.4
