"""JP_MY_NUMBER — 個人番号 (My Number): 12 digits, the last a check digit (python-stdnum ``jp.in_``).

A valid check digit alone scores 0.40, below the tier threshold: one in ten random 12-digit numbers
passes the check, and order numbers, account ids and phone-like numbers are everywhere. A context
word (個人番号, マイナンバー …) within 20 characters, or a column header naming it, lifts it to 0.95.
A number inside a longer digit run, or with a 13th digit nearby, is not a My Number (the 13-digit
corporate number is recognised by its own recognizer).
"""
from __future__ import annotations

import re

from stdnum.jp import in_ as my_number

from detectors.recognizers.base import WEAK_CHECKED_SCORE, JpPatternRecognizer

# no digit (or digit + one separator) on either side
_EDGE_L = r"(?<![0-9][ \-]?)(?<![0-9])"
_EDGE_R = r"(?![ \-]?[0-9])"


class JpMyNumberRecognizer(JpPatternRecognizer):
    ENTITY = "JP_MY_NUMBER"
    PATTERNS = (
        ("my_number_12", _EDGE_L + r"[0-9]{12}" + _EDGE_R),
        ("my_number_4_4_4", _EDGE_L + r"[0-9]{4}([ \-])[0-9]{4}\1[0-9]{4}" + _EDGE_R),
    )
    CONTEXT = ("個人番号", "マイナンバー", "マイナンバ", "my number", "mynumber", "通知カード", "番号カード", "individual number")
    HEADER_WORDS = CONTEXT + ("個人番", "番号(マイナンバー)")
    NEGATIVE_CONTEXT = ("法人番号", "電話", "tel", "fax", "注文", "受注", "伝票", "口座", "請求書番号", "登録番号", "会員番号", "管理番号", "免許")
    PASSED_SCORE = WEAK_CHECKED_SCORE

    def check(self, value: str) -> bool:
        digits = re.sub(r"[^0-9]", "", value)
        return len(digits) == 12 and my_number.is_valid(digits)
