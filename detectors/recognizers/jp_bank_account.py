"""JP_BANK_ACCOUNT — a 7-digit account number after its type (普通/当座/貯蓄), or in a column headed
口座番号. With a bank or branch name from the zengin-code data (全銀協 bank codes) or 銀行/支店 nearby the
score is 0.95; the type alone gives 0.60; a bare 7-digit number only counts under a 口座番号 header."""
from __future__ import annotations

from functools import lru_cache

from detectors.recognizers.base import CHECKED_SCORE, CONTEXT_SCORE, JpPatternRecognizer, evidence_of

_TYPE = r"(?:普通|当座|貯蓄|総合)(?:預金)?(?:口座)?(?:\s{0,3}[:：]?\s{0,3}|\s{0,3}(?:No\.?|番号)\s{0,3}[:：]?\s{0,3})"


def _build_bank_names():
    import ahocorasick
    from zengin_code import Bank

    automaton = ahocorasick.Automaton()
    for bank in Bank.all.values():
        name = bank.name
        if len(name) >= 2:
            automaton.add_word(name, name)
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def bank_names():
    """An Aho–Corasick automaton over bank names (with 銀行/信用金庫/… suffixes) from zengin-code. Importing
    zengin-code reads every bank's and branch's JSON (≈ 0.3 s and 20 MiB per process, paid by each worker at its
    first text with seven digits); the 1,100-name automaton is kept in the derived-data cache
    (``detectors.data_cache``, keyed by this file and zengin-code's version) and read in ≈ 1 ms."""
    import ahocorasick

    from detectors.data_cache import cache_key, cached

    key = cache_key(__file__, ("zengin-code", "pyahocorasick"), [])
    return cached("bank-names", key, _build_bank_names, ahocorasick.Automaton)


class JpBankAccountRecognizer(JpPatternRecognizer):
    ENTITY = "JP_BANK_ACCOUNT"
    MIN_DIGITS = 7  # 7 digits: text with fewer digits is not searched
    PATTERNS = (
        ("account_after_type", rf"{_TYPE}\K[0-9]{{7}}(?![0-9])"),
        ("account_bare_7", r"(?<![0-9\-])[0-9]{7}(?![0-9\-])"),
    )
    CONTEXT = ("銀行", "信用金庫", "信金", "支店", "口座", "振込先", "振込", "bank account")
    HEADER_ONLY_PATTERNS = ("pattern:account_bare_7",)  # a bare 7-digit number counts only under a 口座番号 header
    HEADER_WORDS = ("口座番号", "口座", "account")
    NEGATIVE_CONTEXT = ("注文", "会員番号", "伝票", "郵便", "〒", "電話", "tel")
    BASE_SCORE = 0.2  # a bare 7-digit number: below the findings floor unless a header names the column
    CONTEXT_WINDOW = 30

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            ev = evidence_of(r)
            if "pattern:account_after_type" in ev:
                r.score = CHECKED_SCORE
                window = text[max(0, r.start - 40) : r.start]
                if any(True for _ in bank_names().iter(window)):
                    r.score = CONTEXT_SCORE
                    ev.append("bank_name")
        # the type-anchored match wins over the bare one on the same digits
        anchored = {(r.start, r.end) for r in results if "pattern:account_after_type" in evidence_of(r)}
        return [r for r in results if "pattern:account_bare_7" not in evidence_of(r) or (r.start, r.end) not in anchored]
