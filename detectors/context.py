"""Context for Japanese: a character window, not token lemmas.

Presidio's ``LemmaContextAwareEnhancer`` compares token lemmas; Japanese has no spaces, so the
tokens around a number are whole phrases and the lemma rarely equals a keyword (STYLE.md, "What not
to copy": presidio #2216). This enhancer subclasses Presidio's ``ContextAwareEnhancer`` (so the
``AnalyzerEngine`` calls it like its own) and looks for each recognizer's context words in the N
characters before and after a match (``CONTEXT_WINDOW``, default 20), for its negative words the
same way, and treats the column header of a table cell (Presidio's ``context`` argument) as context.

Rules, in order:
1. A header word of the recognizer in the column header → 0.95, evidence ``header:<word>``.
2. A negative header word (a column named 注文番号) → 0.10, evidence ``negative_header:<word>``.
3. A negative word in the window, nearer than any positive word → 0.10, evidence ``negative:<word>``.
4. A context word in the window → 0.95, evidence ``context:<word>``.
5. A result marked ``needs_context`` (``base.NEEDS_CONTEXT``) that got neither 1 nor 4 is dropped.

Japanese keywords match as substrings; ASCII keywords only where no Latin letter touches them
('tel' does not fire inside 'hotel', 'birth' not inside 'birthtime' — presidio #1063 — but
'TEL03-1234-5678' still counts).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import List, Optional

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

from detectors.recognizers.base import CONTEXT_SCORE, NEEDS_CONTEXT, NEGATIVE_SCORE, evidence_of

DEFAULT_WINDOW = 20


@lru_cache(maxsize=1024)
def _folded(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.lower() for w in words if w)


@lru_cache(maxsize=4096)
def _ascii_word(word: str) -> re.Pattern:
    return re.compile(rf"(?<![a-z]){re.escape(word)}(?![a-z])")


def contains_word(word: str, text: str) -> bool:
    """``word`` (lower-case) occurs in ``text`` (lower-case): substring for Japanese, Latin-letter
    boundaries for ASCII words."""
    if word not in text:
        return False
    if word.isascii() and word[:1].isalpha():
        return _ascii_word(word).search(text) is not None
    return True


def _first(words: tuple[str, ...], *texts: str) -> str | None:
    return next((w for w in words if any(contains_word(w, t) for t in texts)), None)


def _distance(word: str, before: str, after: str) -> int:
    d = []
    if word in before:
        d.append(len(before) - (before.rfind(word) + len(word)))
    if word in after:
        d.append(after.find(word))
    return min(d) if d else 10**6


_WORDS_ATTR = "_tanaoroshi_context_words"


def _words_of(rec) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(context words, negative words, header words — its context words when it has none —, header-only
    patterns) of a recognizer, folded once and kept on the recognizer (its lists do not change after
    construction): read per result they were ≈ 30 % of the enhancer's time."""
    words = getattr(rec, _WORDS_ATTR, None)
    if words is None:
        words = (
            _folded(tuple(rec.context or ())),
            _folded(tuple(getattr(rec, "NEGATIVE_CONTEXT", ()))),
            _folded(tuple(getattr(rec, "header_words", None) or rec.context or ())),
            tuple(getattr(rec, "HEADER_ONLY_PATTERNS", ())),
        )
        setattr(rec, _WORDS_ATTR, words)
    return words


def header_hit(rec, header: str) -> str | None:
    """The first of ``rec``'s header words (its context words when it has none) in a column header, as rule 1
    below reads it."""
    return _first(_words_of(rec)[2], header.lower())


class CharWindowContextEnhancer(ContextAwareEnhancer):
    """Presidio context enhancer over a window of characters (see the module docstring)."""

    def __init__(self, window: int = DEFAULT_WINDOW):
        super().__init__(
            context_similarity_factor=0.0,  # unused: the rules above set scores directly
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
        header = " ".join(c for c in (context or ()) if c).lower()
        lowered = text.lower()
        # What does not depend on the result — the recognizer's window and words, and what the column header
        # says about it (rules 1 and 2) — is read once per recognizer and call, not per result: a chunk of
        # table cells brings thousands of results of a few recognizers under one header (the header lookup
        # per result was ⅓ of the enhancer's time on corpus-600).
        plans: dict[str, _Plan | None] = {}
        kept = []
        for result in raw_results:
            meta = result.recognition_metadata or {}
            name = meta.get(RecognizerResult.RECOGNIZER_NAME_KEY)
            plan = plans.get(name, False)
            if plan is False:
                rec = by_name.get(name)
                plan = plans[name] = None if rec is None else self._plan(rec, header)
            if plan is None:  # not one of ours (or unnamed): leave it as it is
                kept.append(result)
                continue
            if self._apply(plan, result, lowered):
                kept.append(result)
        return kept

    def _plan(self, rec, header: str) -> "_Plan":
        words, negative, header_words, header_only_patterns = _words_of(rec)
        return _Plan(
            window=getattr(rec, "CONTEXT_WINDOW", self.window),
            words=words,
            negative=negative,
            header_only_patterns=header_only_patterns,
            in_header=_first(header_words, header) if header else None,
            negative_header=_first(negative, header) if header else None,
        )

    @staticmethod
    def _apply(plan: "_Plan", result: RecognizerResult, lowered: str) -> bool:
        """Adjust one result's score and evidence; False when the result is to be dropped."""
        ev = evidence_of(result)
        if plan.in_header:
            # A column header is the strongest context there is: it names the whole column.
            result.score = max(result.score, CONTEXT_SCORE)
            ev.append(f"header:{plan.in_header}")
            return True
        window = plan.window
        before = lowered[max(0, result.start - window) : result.start]
        after = lowered[result.end : result.end + window]
        header_only = bool(plan.header_only_patterns) and any(e in plan.header_only_patterns for e in ev)
        hit = None if header_only else _first(plan.words, before, after)
        hit_negative = _first(plan.negative, before, after)
        if plan.negative_header:
            result.score = min(result.score, NEGATIVE_SCORE)
            ev.append(f"negative_header:{plan.negative_header}")
        elif hit_negative and (hit is None or _distance(hit, before, after) >= _distance(hit_negative, before, after)):
            result.score = min(result.score, NEGATIVE_SCORE)
            ev.append(f"negative:{hit_negative}")
        elif hit:
            result.score = max(result.score, CONTEXT_SCORE)
            ev.append(f"context:{hit}")
            return True
        return NEEDS_CONTEXT not in ev


@dataclass(frozen=True)
class _Plan:
    """One recognizer's rules under one column header (``CharWindowContextEnhancer._plan``)."""

    window: int
    words: tuple[str, ...]
    negative: tuple[str, ...]
    header_only_patterns: tuple[str, ...]
    in_header: str | None  # rule 1: its header word in the column header
    negative_header: str | None  # rule 2: its negative word in the column header
