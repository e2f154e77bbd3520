"""DATE_OF_BIRTH — 西暦 (1985年4月1日, 1985/04/01, 1985-04-01, 1985.4.1) and 和暦 (昭和60年4月1日, S60.4.1,
H2/4/1, R1.5.1, 平成元年…; ㍻ arrives as 平成 after NFKC) dates, only with birth context (生年月日,
生まれ, 誕生日, 生) or a 生年月日 column header: a date alone is not personal data. 和暦 dates are
converted with their era's real first and last days (``detectors.wareki``); dates that do not exist,
or lie in the future, are dropped."""
from __future__ import annotations

import re
from datetime import date

from detectors.recognizers.base import JpPatternRecognizer
from detectors.wareki import to_gregorian

_SEP = r"\s{0,2}[/.\-]\s{0,2}"
WAREKI = r"(?P<era>明治|大正|昭和|平成|令和|[MTSHRmtshr])\s{0,2}(?P<wy>元|[0-9]{1,2})"
_WAREKI_FULL = re.compile(WAREKI + r"\s{0,2}(?:年\s{0,2}(?P<m1>[0-9]{1,2})\s{0,2}月\s{0,2}(?P<d1>[0-9]{1,2})\s{0,2}日?|" + _SEP + r"(?P<m2>[0-9]{1,2})" + _SEP + r"(?P<d2>[0-9]{1,2}))")
_SEIREKI = re.compile(r"(?P<y>(?:18|19|20)[0-9]{2})\s{0,2}(?:年\s{0,2}(?P<m1>[0-9]{1,2})\s{0,2}月\s{0,2}(?P<d1>[0-9]{1,2})\s{0,2}日?|" + _SEP + r"(?P<m2>[0-9]{1,2})" + _SEP + r"(?P<d2>[0-9]{1,2}))")


def parse(value: str) -> date | None:
    m = _WAREKI_FULL.fullmatch(value.strip())
    if m:
        year = 1 if m["wy"] == "元" else int(m["wy"])
        month, day = int(m["m1"] or m["m2"]), int(m["d1"] or m["d2"])
        return to_gregorian(m["era"], year, month, day)
    m = _SEIREKI.fullmatch(value.strip())
    if m:
        try:
            return date(int(m["y"]), int(m["m1"] or m["m2"]), int(m["d1"] or m["d2"]))
        except ValueError:
            return None
    return None


class DateOfBirthRecognizer(JpPatternRecognizer):
    ENTITY = "DATE_OF_BIRTH"
    MIN_DIGITS = 2  # an era year and a month, S1.2 at the shortest: text with fewer digits is not searched
    PATTERNS = (
        ("wareki", r"(?<![A-Za-z0-9])" + _WAREKI_FULL.pattern + r"(?![0-9])"),
        ("seireki", r"(?<![0-9])" + _SEIREKI.pattern + r"(?![0-9])"),
    )
    CONTEXT = ("生年月日", "生まれ", "誕生日", "生）", "生)", "年生", "birth", "dob", "生年")
    HEADER_WORDS = ("生年月日", "誕生日", "生まれ", "birth", "dob")
    NEGATIVE_CONTEXT = ("発行日", "作成日", "更新日", "納品", "締切", "期限", "入社", "契約", "支払", "受診日", "提出日")
    BASE_SCORE = 0.1  # a date alone: not kept
    PASSED_SCORE = 0.1  # a real date still needs birth context
    CONTEXT_WINDOW = 12

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        from detectors.recognizers.base import CONTEXT_SCORE, evidence_of

        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            if r.score > 0 and text[r.end : r.end + 1] == "生":  # 1985年4月1日生: the suffix itself says "born"
                r.score = CONTEXT_SCORE
                evidence_of(r).append("context:生")
        return results

    def check(self, value: str) -> bool:
        d = parse(value)
        return d is not None and date(1868, 1, 1) <= d <= date.today()

