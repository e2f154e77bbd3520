"""JP_HEALTH_INSURANCE — 健康保険証: the 保険者番号 (8 digits: 法別番号 2, 都道府県番号 2, 保険者別番号 3,
検証番号 1; 国民健康保険 6 digits) and the 記号・番号 of the insured.

The 検証番号 follows 厚生労働省's rule for 保険者番号: multiply the digits alternately by 2 and 1 from the
right, add the digits of the products, and the check digit brings the sum to a multiple of 10 — the Luhn
scheme, so python-stdnum's ``luhn`` checks it. A checked 保険者番号 with 保険者番号/保険証 context scores
0.95; 記号・番号 are recognised only with their labels and 保険証 context.
"""
from __future__ import annotations

import re

from stdnum import luhn

from detectors.recognizers.base import WEAK_CHECKED_SCORE, JpPatternRecognizer, evidence_of


class JpHealthInsuranceRecognizer(JpPatternRecognizer):
    ENTITY = "JP_HEALTH_INSURANCE"
    MIN_DIGITS = 2  # 記号 and 番号 of one digit each: text with fewer digits is not searched
    PATTERNS = (
        ("insurer_number", r"保険者番号\s{0,3}[:：]?\s{0,3}\K(?:[0-9]{8}|[0-9]{6})(?![0-9])"),
        ("insurer_number_bare", r"(?<![0-9\-])(?:[0-9]{8})(?![0-9\-])"),
        ("symbol_number", r"記号\s{0,3}[:：]?\s{0,3}\K[0-9A-Za-z\-]{1,10}\s{0,3}番号\s{0,3}[:：]?\s{0,3}[0-9]{1,10}"),
    )
    CONTEXT = ("保険者番号", "被保険者証", "保険証", "健康保険", "国民健康保険", "被保険者")
    HEADER_WORDS = ("保険者番号", "被保険者証", "保険証番号", "記号番号")
    BASE_SCORE = 0.2
    PASSED_SCORE = WEAK_CHECKED_SCORE  # one random 8-digit number in ten passes Luhn: context must decide

    def check(self, value: str) -> bool | None:
        if "番号" in value:
            return None  # 記号・番号: no check digit; context decides
        digits = re.sub(r"[^0-9]", "", value)
        return luhn.is_valid(digits)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        labelled = {(r.start, r.end) for r in results if "pattern:insurer_number" in evidence_of(r)}
        return [r for r in results if not ("pattern:insurer_number_bare" in evidence_of(r) and (r.start, r.end) in labelled)]
