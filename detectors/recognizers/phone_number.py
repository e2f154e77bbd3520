"""PHONE_NUMBER — Japanese numbers parsed and validated by phonenumbers (region JP).

Fixed lines (03-1234-5678, (03)1234-5678), mobiles (070/080/090), free dial (0120/0800), IP phones
(050) and +81 forms. phonenumbers decides validity from the national numbering plan; a valid number
scores 0.60, 0.95 with 電話/TEL/携帯/連絡先/FAX nearby. Candidates come from a cheap regex first, so
the (slow, pure-Python) matcher runs only on text that has a phone-shaped digit run.
"""
from __future__ import annotations

import re
from typing import List

import phonenumbers
from presidio_analyzer import RecognizerResult

from detectors.recognizers.base import CANONICAL_KEY, CHECKED_SCORE, JpLocalRecognizer

_CANDIDATE = re.compile(r"(?:\+81|\(0|0)[0-9 ()\-]{8,16}[0-9]")
# phonenumbers refuses a number glued to a Latin letter ("TEL03-1234-5678", common in Japanese
# letterheads); the matcher reads a copy where such a label is blanked out (same length, same offsets).
_GLUED_LABEL = re.compile(r"(?i)(?:tel|fax|phone|mobile)(?=[.:]?[0-9(+])")


class JpPhoneNumberRecognizer(JpLocalRecognizer):
    ENTITY = "PHONE_NUMBER"
    CONTEXT = ("電話", "tel", "携帯", "連絡先", "fax", "ファックス", "phone", "mobile", "内線", "代表")
    NEGATIVE_CONTEXT = ("注文番号", "伝票番号", "会員番号", "口座番号", "個人番号", "マイナンバー")
    HEADER_WORDS = CONTEXT + ("電話番号", "携帯番号")

    def analyze(self, text, entities, nlp_artifacts=None) -> List[RecognizerResult]:
        if not _CANDIDATE.search(text):
            return []
        out = []
        scan = _GLUED_LABEL.sub(lambda m: " " * len(m.group(0)), text)
        for match in phonenumbers.PhoneNumberMatcher(scan, "JP", leniency=phonenumbers.Leniency.VALID):
            if match.number.country_code != 81:
                continue
            r = self.result(match.start, match.end, CHECKED_SCORE, "pattern:phonenumbers", "check")
            r.recognition_metadata[CANONICAL_KEY] = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            out.append(r)
        return out
