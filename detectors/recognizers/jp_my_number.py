"""JP_MY_NUMBER — 個人番号 (My Number): 12 digits, the last a check digit (python-stdnum ``jp.in_``).

Scores: a valid check digit alone scores 0.40, below the tier threshold (0.5): one in ten random
12-digit numbers passes the check, and order numbers, account ids and phone-like numbers are
everywhere. A context word (個人番号, マイナンバー …) within 20 characters, or a column header naming
it, lifts it to 0.95. A failed check digit drops the candidate.

Digits around it: a number inside a longer digit run is never a My Number — the lookarounds refuse
it, so a 13-digit corporate number (recognised by ``jp_corporate_number``) never yields one; nor is a
4-4-4 grouping that goes on through one more separator (``1234 5678 9012 3456`` is a card number's
grouping). A digit a little further away — one or two separators from twelve contiguous digits
(``123456789018 090-1234-5678`` in a row of fields, ``123456789018  3``) — makes the candidate
``needs_context``: without a context word or header it is dropped, with one it stands (a register's
row holds the number beside the next field's).
"""
from __future__ import annotations

import re

from stdnum.jp import in_ as my_number

from detectors.recognizers.base import NEEDS_CONTEXT, WEAK_CHECKED_SCORE, JpPatternRecognizer, evidence_of

# no digit on either side (twelve contiguous digits); for the grouped form, not even one separator away
_EDGE_L = r"(?<![0-9])"
_EDGE_R = r"(?![0-9])"
_GROUP_EDGE_L = r"(?<![0-9][ \-]?)(?<![0-9])"
_GROUP_EDGE_R = r"(?![ \-]?[0-9])"
_NEAR = 3  # characters each side in which a further digit makes context necessary
_DIGIT = re.compile(r"[0-9]")


class JpMyNumberRecognizer(JpPatternRecognizer):
    ENTITY = "JP_MY_NUMBER"
    MIN_DIGITS = 12  # 12 digits: text with fewer digits is not searched
    PATTERNS = (
        ("my_number_12", _EDGE_L + r"[0-9]{12}" + _EDGE_R),
        ("my_number_4_4_4", _GROUP_EDGE_L + r"[0-9]{4}([ \-])[0-9]{4}\1[0-9]{4}" + _GROUP_EDGE_R),
    )
    CONTEXT = ("個人番号", "マイナンバー", "my number", "mynumber", "通知カード", "番号カード", "individual number")
    HEADER_WORDS = CONTEXT + ("個人番", "マイナンバ")
    NEGATIVE_CONTEXT = ("法人番号", "電話", "tel", "fax", "注文", "受注", "伝票", "口座", "請求書番号", "登録番号", "会員番号", "管理番号", "免許")
    PASSED_SCORE = WEAK_CHECKED_SCORE

    def check(self, value: str) -> bool:
        digits = re.sub(r"[^0-9]", "", value)
        return len(digits) == 12 and my_number.is_valid(digits)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            if _DIGIT.search(text, max(0, r.start - _NEAR), r.start) or _DIGIT.search(text, r.end, r.end + _NEAR):
                evidence_of(r).append(NEEDS_CONTEXT)
        return results
