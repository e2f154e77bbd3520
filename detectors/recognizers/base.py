"""What every tanaoroshi recognizer shares, and what its scores mean.

Scores (the tier policy's default threshold is 0.5):

==========================================  =====
format only (no check digit exists)          0.30
check digit valid, no context                0.40  (JP_MY_NUMBER: a 12-digit number alone is too common)
check digit (or parser) valid, no context    0.60  (cards, corporate numbers, phone numbers)
a context word in the window / header         0.95
negative context in the window                0.10  (kept for the audit trail, below any threshold)
check failed                                  dropped
candidate marked ``needs_context``, no context  dropped
==========================================  =====

The tier threshold is 0.5 (``detectors.analyzer.DEFAULT_THRESHOLD``; the classifier policy owns it):
a score below it is kept for the audit trail but does not count. Findings below 0.3
(``FINDINGS_FLOOR``) are not stored at all.

"The regex proposes, the check decides" (STYLE.md): a recognizer's patterns find candidates; its
``check`` decides, and the character-window enhancer (``detectors.context``) adds context. Each
result keeps its evidence (pattern, check, context word) for the tier reasons, as a list of strings
in ``recognition_metadata[EVIDENCE_KEY]``: ``pattern:<name>``, ``check``, ``context:<word>``,
``header:<word>``, ``negative:<word>``, ``negative_header:<word>``, ``needs_context``.

Class attributes a recognizer may set (read by the enhancer and the analyzer):
``CONTEXT`` (Presidio's context list), ``NEGATIVE_CONTEXT``, ``HEADER_WORDS`` (default: the context
words), ``CONTEXT_WINDOW`` (characters each side, default 20), ``HEADER_ONLY_PATTERNS`` (evidence
items whose result only a header may lift), ``NEEDS_DIGITS`` (default True: skipped on text without
a digit), ``MIN_DIGITS`` (default 1: skipped on text with fewer digits — the shortest value the
recognizer can find, counted in the whole text handed to it), ``TRIGGER`` (a substring the text must hold, e.g. "@"), ``NEEDS_NLP`` (default False: the
recognizer reads Presidio ``NlpArtifacts`` and makes the analyzer load GiNZA).

Recognizers receive NORMALISED text (``detectors.normalize``) and never normalise themselves.

A value after a label is matched as ``label\\K value`` (the ``regex`` module's match-start reset), not with a
variable-length lookbehind ``(?<=label) value``: the spans are the same, but the lookbehind is tried at every
position of the text (≈ 0.45 s against 0.001 s for 保険者番号's pattern over the benchmark corpus), while a pattern
that starts with the label lets the engine jump from one occurrence of it to the next.
"""
from __future__ import annotations

import logging
from typing import ClassVar, List, Optional

import regex  # Presidio's own regex module: the same semantics and timeout as its pattern loop
from presidio_analyzer import EntityRecognizer, LocalRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.pattern_recognizer import REGEX_TIMEOUT_SECONDS

FORMAT_SCORE = 0.30
WEAK_CHECKED_SCORE = 0.40
CHECKED_SCORE = 0.60
CONTEXT_SCORE = 0.95
NEGATIVE_SCORE = 0.10

log = logging.getLogger("tanaoroshi.detectors")

EVIDENCE_KEY = "tanaoroshi_evidence"
NEEDS_CONTEXT = "needs_context"  # evidence item: drop the result unless a context word or header fires
CANONICAL_KEY = "tanaoroshi_canonical"  # a recognizer that parsed the value may hand over its canonical form


def evidence_of(result: RecognizerResult) -> list[str]:
    meta = result.recognition_metadata if result.recognition_metadata is not None else {}
    result.recognition_metadata = meta
    return meta.setdefault(EVIDENCE_KEY, [])


class JpPatternRecognizer(PatternRecognizer):
    """A Presidio PatternRecognizer whose ``check`` sets the score instead of Presidio's 0/1 jump."""

    ENTITY: ClassVar[str] = ""
    PATTERNS: ClassVar[tuple[tuple[str, str], ...]] = ()  # (name, regex)
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    NEGATIVE_CONTEXT: ClassVar[tuple[str, ...]] = ()
    HEADER_WORDS: ClassVar[tuple[str, ...]] = ()  # defaults to CONTEXT
    CONTEXT_WINDOW: ClassVar[int] = 20  # characters before and after
    PASSED_SCORE: ClassVar[float] = CHECKED_SCORE  # score when check() is True
    BASE_SCORE: ClassVar[float] = FORMAT_SCORE  # score when check() is None (no check exists)

    def __init__(self, context: Optional[List[str]] = None):
        super().__init__(
            supported_entity=self.ENTITY,
            name=type(self).__name__,
            supported_language="ja",
            patterns=[Pattern(name, regex, self.BASE_SCORE) for name, regex in self.PATTERNS],
            context=list(context if context is not None else self.CONTEXT),
        )

    @property
    def header_words(self) -> tuple[str, ...]:
        return self.HEADER_WORDS or tuple(self.context or ())

    def check(self, value: str) -> bool | None:
        """True: the value passes its check; False: it fails (dropped); None: no check exists."""
        return None

    def _pattern_results(self, text: str, flags: int) -> List[RecognizerResult]:
        """Every non-empty match of every pattern, in pattern order, each with its ``pattern:<name>`` evidence."""
        raw = []
        for pattern in self.patterns:
            if not pattern.compiled_regex or pattern.compiled_with_flags != flags:
                pattern.compiled_with_flags = flags
                pattern.compiled_regex = regex.compile(pattern.regex, flags=flags)
            evidence = f"pattern:{pattern.name}"
            try:
                for match in pattern.compiled_regex.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
                    start, end = match.span()
                    if start != end:
                        # the metadata dict is built whole (name, id, evidence — the order evidence_of gives it)
                        meta = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id, EVIDENCE_KEY: [evidence]}
                        raw.append(RecognizerResult(self.ENTITY, start, end, pattern.score, recognition_metadata=meta))
            except TimeoutError:  # as Presidio does: the pattern is skipped for this text, the rest still run
                log.warning("pattern %s of %s timed out after %s s; skipped", pattern.name, self.name, REGEX_TIMEOUT_SECONDS)
        return raw

    def _deduplicated(self, raw: List[RecognizerResult]) -> List[RecognizerResult]:
        """Presidio's ``remove_duplicates``, skipped where it cannot change anything: no result, or the matches of
        one pattern with a non-zero score — ``finditer`` gives them distinct, disjoint and in order, which is what
        ``remove_duplicates`` would return (it drops zero scores, duplicates and contained spans, then sorts by
        score and start). It was ≈ ¼ of EMAIL_ADDRESS's time (a chunk of e-mail cells brings thousands of
        matches); tests/detectors/test_identifiers.py checks the two agree."""
        if not raw or (len(self.patterns) == 1 and self.patterns[0].score != 0):
            return raw
        return EntityRecognizer.remove_duplicates(raw)

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        return None  # scoring happens in analyze(), so that a pass means 0.6, not Presidio's 1.0

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None) -> List[RecognizerResult]:
        """Presidio's pattern loop, without its per-call clock readings and debug lines and its per-match
        explanation objects (with them it was ≈ 10 % of the per-file task): the same Patterns, compiled with
        Presidio's regex module, flags and timeout, then its ``remove_duplicates``."""
        raw = self._pattern_results(text, regex_flags if regex_flags else self.global_regex_flags)
        kept = []
        for result in self._deduplicated(raw):  # before the check, as in Presidio's loop
            verdict = self.check(text[result.start : result.end])
            if verdict is False:
                continue
            if verdict:
                result.score = self.PASSED_SCORE
                evidence_of(result).append("check")
            kept.append(result)
        return kept

# Class names carry a ``Jp`` prefix: Presidio finds predefined recognizers by class name among every
# EntityRecognizer subclass, so a class named like one of Presidio's (CreditCardRecognizer) would be
# picked up in place of Presidio's own wherever Presidio's defaults are loaded in the same process.


class JpLocalRecognizer(LocalRecognizer):
    """A recognizer whose candidates come from code (a parser, an automaton) rather than patterns.
    Same class attributes as ``JpPatternRecognizer``; ``analyze`` is the subclass's own."""

    ENTITY: ClassVar[str] = ""
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    NEGATIVE_CONTEXT: ClassVar[tuple[str, ...]] = ()
    HEADER_WORDS: ClassVar[tuple[str, ...]] = ()
    CONTEXT_WINDOW: ClassVar[int] = 20

    def __init__(self, context: Optional[List[str]] = None):
        super().__init__(
            supported_entities=[self.ENTITY],
            name=type(self).__name__,
            supported_language="ja",
            context=list(context if context is not None else self.CONTEXT),
        )

    @property
    def header_words(self) -> tuple[str, ...]:
        return self.HEADER_WORDS or tuple(self.context or ())

    def load(self) -> None:
        pass

    def result(self, start: int, end: int, score: float, *evidence: str) -> RecognizerResult:
        return RecognizerResult(
            self.ENTITY, start, end, score,
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id, EVIDENCE_KEY: list(evidence)},
        )
