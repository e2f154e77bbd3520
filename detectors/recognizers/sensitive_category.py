"""SENSITIVE_CATEGORY — 要配慮個人情報 (APPI Art. 2(3)): terms for medical history, disability, criminal
record, creed, race, social status, victimisation, health checks and genetic data, found with an
Aho–Corasick automaton (pyahocorasick). Strong terms (病歴, 前科, 身体障害者手帳 …) score 0.60; weak ones
(障害, 宗教, 信条 …) 0.40 and need a personal context (氏名, 本人, 様, 社員 …) to count. The filters in
``detectors.filters`` drop technical senses (システム障害), negations (既往歴: なし) and general topics."""
from __future__ import annotations

from functools import lru_cache
from typing import List

from presidio_analyzer import RecognizerResult

from detectors import filters
from detectors.recognizers.base import CHECKED_SCORE, WEAK_CHECKED_SCORE, JpLocalRecognizer

STRONG = {
    "病歴": "病歴", "既往歴": "病歴", "既往症": "病歴", "通院歴": "病歴", "入院歴": "病歴", "傷病名": "病歴", "診断名": "病歴", "病名": "病歴",
    "服薬": "病歴", "治療中": "病歴", "精神疾患": "病歴", "うつ病": "病歴", "がん治療": "病歴", "HIV": "病歴",
    "身体障害者手帳": "障害", "障害者手帳": "障害", "療育手帳": "障害", "精神障害者保健福祉手帳": "障害", "障害等級": "障害", "精神障害": "障害",
    "知的障害": "障害", "発達障害": "障害", "身体障害": "障害",
    "犯罪歴": "犯罪歴", "前科": "犯罪歴", "前歴": "犯罪歴", "逮捕歴": "犯罪歴", "服役": "犯罪歴", "有罪判決": "犯罪歴",
    "犯罪被害": "犯罪被害", "被害歴": "犯罪被害",
    "人種": "人種", "民族": "人種", "門地": "社会的身分", "本籍地": "社会的身分", "被差別部落": "社会的身分",
    "信仰": "信条", "支持政党": "信条", "所属宗教": "信条",
    "健康診断結果": "健康診断", "健診結果": "健康診断", "ストレスチェック結果": "健康診断", "要精密検査": "健康診断", "要再検査": "健康診断",
    "遺伝子検査": "ゲノム", "ゲノム情報": "ゲノム",
}
WEAK = {"障害": "障害", "宗教": "信条", "信条": "信条", "思想": "信条", "病気": "病歴", "持病": "病歴", "疾患": "病歴"}
PERSONAL = ("氏名", "本人", "様", "さん", "社員", "従業員", "職員", "患者", "応募者", "申請者", "被保険者", "生年月日", "名前", "家族")


@lru_cache(maxsize=1)
def automaton():
    import ahocorasick

    a = ahocorasick.Automaton()
    for term, category in STRONG.items():
        a.add_word(term, (term, category, True))
    for term, category in WEAK.items():
        a.add_word(term, (term, category, False))
    a.make_automaton()
    return a


class SensitiveCategoryRecognizer(JpLocalRecognizer):
    ENTITY = "SENSITIVE_CATEGORY"
    CONTEXT = PERSONAL
    HEADER_WORDS = ("病歴", "既往歴", "障害", "所見", "判定", "診断", "宗教", "犯罪歴", "国籍")
    NEGATIVE_CONTEXT = ()
    NEEDS_DIGITS = False
    TRIGGER = None

    def analyze(self, text, entities, nlp_artifacts=None) -> List[RecognizerResult]:
        found = []
        taken: list[tuple[int, int]] = []
        # longest terms first, so 身体障害者手帳 wins over 障害 inside it
        hits = sorted(((end - len(term) + 1, end + 1, term, cat, strong) for end, (term, cat, strong) in automaton().iter(text)), key=lambda h: (h[0], -(h[1] - h[0])))
        for start, end, term, category, strong in hits:
            if any(start < e and s < end for s, e in taken):
                continue
            if term.isascii() and ((start > 0 and text[start - 1].isascii() and text[start - 1].isalnum()) or (end < len(text) and text[end].isascii() and text[end].isalnum())):
                continue  # an ASCII term inside a longer word (HIV in ARCHIVE)
            if filters.is_technical_failure(text, start, end) or filters.is_general_sense(text, start, end):
                continue
            score = CHECKED_SCORE if strong else WEAK_CHECKED_SCORE
            if filters.is_negated(text, start, end):
                score = 0.1
            taken.append((start, end))
            found.append(self.result(start, end, score, f"term:{category}", "strong" if strong else "weak"))
        return found
