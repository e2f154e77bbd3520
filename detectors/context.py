"""Context for Japanese: a character window, not token lemmas.

Presidio's ``LemmaContextAwareEnhancer`` compares token lemmas; Japanese has no spaces, so the
tokens around a number are whole phrases and the lemma rarely equals a keyword (STYLE.md, "What not
to copy": presidio #2216). This enhancer looks for each recognizer's context words in the N
characters before and after a match, for negative words the same way, and treats the column header
of a table cell (passed as Presidio's ``context`` argument) as context too.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

from detectors.recognizers.base import CONTEXT_SCORE, NEGATIVE_SCORE, evidence_of


def _folded(words) -> tuple[str, ...]:
    return tuple(w.lower() for w in words if w)


@lru_cache(maxsize=4096)
def _ascii_word(word: str) -> re.Pattern:
    return re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])")


def _in(word: str, text: str) -> bool:
    """Japanese keywords match as substrings (no word spaces); ASCII keywords only as whole words, so
    'birth' does not fire inside 'birthtime' nor 'tel' inside 'hotel' (STYLE.md, presidio #1063)."""
    if word.isascii() and word[:1].isalnum():
        return word in text and _ascii_word(word).search(text) is not None
    return word in text


class CharWindowContextEnhancer(ContextAwareEnhancer):
    def __init__(self, window: int = 20):
        super().__init__(
            context_similarity_factor=0.0,
            min_score_with_context_similarity=CONTEXT_SCORE,
            context_prefix_count=window,
            context_suffix_count=window,
        )
        self.window = window

    def enhance_using_context(
        self,
        text: str,
        raw_results: List[RecognizerResult],
        nlp_artifacts=None,
        recognizers: List[EntityRecognizer] = (),
        context: Optional[List[str]] = None,
    ) -> List[RecognizerResult]:
        by_name = {r.name: r for r in recognizers}
        header = " ".join(context or ()).lower()
        lowered = text.lower()
        for result in raw_results:
            meta = result.recognition_metadata or {}
            rec = by_name.get(meta.get(RecognizerResult.RECOGNIZER_NAME_KEY))
            if rec is None:
                continue
            window = getattr(rec, "CONTEXT_WINDOW", self.window)
            before = lowered[max(0, result.start - window) : result.start]
            after = lowered[result.end : result.end + window]
            ev = evidence_of(result)
            negative = _folded(getattr(rec, "NEGATIVE_CONTEXT", ()))
            hit_negative = next((w for w in negative if _in(w, before) or _in(w, after)), None)
            words = _folded(rec.context or ())
            header_only = any(e in getattr(rec, "HEADER_ONLY_PATTERNS", ()) for e in ev)
            hit = None if header_only else next((w for w in words if _in(w, before) or _in(w, after)), None)
            header_words = _folded(getattr(rec, "header_words", rec.context or ()))
            header_hit = next((w for w in header_words if _in(w, header)), None) if header else None
            if header_hit:
                # A column header is the strongest context there is: it names the whole column.
                result.score = max(result.score, CONTEXT_SCORE)
                ev.append(f"header:{header_hit}")
            elif hit_negative and not _closer(hit, hit_negative, before, after):
                result.score = min(result.score, NEGATIVE_SCORE)
                ev.append(f"negative:{hit_negative}")
            elif hit:
                result.score = max(result.score, CONTEXT_SCORE)
                ev.append(f"context:{hit}")
        return raw_results


def _distance(word: str, before: str, after: str) -> int:
    d = []
    if word in before:
        d.append(len(before) - (before.rfind(word) + len(word)))
    if word in after:
        d.append(after.find(word))
    return min(d) if d else 10**6


def _closer(hit: str | None, negative: str, before: str, after: str) -> bool:
    """True when the positive context word is nearer to the match than the negative one."""
    if hit is None:
        return False
    return _distance(hit, before, after) < _distance(negative, before, after)
