"""JP_CORPORATE_NUMBER — 法人番号: 13 digits with a leading check digit (python-stdnum ``jp.cn``).

Not personal data. It is recognised so that its digits are never taken for a My Number, and so that
the 適格請求書 registration number (T + 法人番号) on invoices is explained rather than ignored.
"""
from __future__ import annotations

import re

from stdnum.jp import cn as corporate_number

from detectors.recognizers.base import JpPatternRecognizer

_EDGE_L = r"(?<![0-9][ \-]?)(?<![0-9])"
_EDGE_R = r"(?![ \-]?[0-9])"


class JpCorporateNumberRecognizer(JpPatternRecognizer):
    ENTITY = "JP_CORPORATE_NUMBER"
    MIN_DIGITS = 13  # 13 digits: text with fewer digits is not searched
    PATTERNS = (
        ("corporate_13", _EDGE_L + r"[0-9]{13}" + _EDGE_R),  # after a T (invoice registration number) too
        ("corporate_1_4_4_4", _EDGE_L + r"[0-9]([ \-])[0-9]{4}\1[0-9]{4}\1[0-9]{4}" + _EDGE_R),
    )
    CONTEXT = ("法人番号", "登録番号", "適格請求書", "インボイス", "corporate number", "registration number")

    def check(self, value: str) -> bool:
        digits = re.sub(r"[^0-9]", "", value)
        return len(digits) == 13 and corporate_number.is_valid(digits)
