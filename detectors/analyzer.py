"""The analyzer: normalise once, run the recognizers, add context, resolve overlaps, map offsets back.

Fast path: the pattern/check recognizers are Presidio recognizers called directly on the normalised
text with no NLP artifacts, and the character-window enhancer (``detectors.context``) adds context —
GiNZA is not loaded for them. ``detectors.nlp`` wires the same recognizers into Presidio's
``AnalyzerEngine`` with ``ja_ginza`` for the entities that need NER.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from detectors.context import CharWindowContextEnhancer
from detectors.fingerprint import Fingerprinter
from detectors.masking import mask
from detectors.model import Finding, Match, TextLike
from detectors.normalize import normalize
from detectors.recognizers.base import EVIDENCE_KEY
from detectors.registry import load_recognizers

DEFAULT_THRESHOLD = 0.5  # the tier policy's default; policy files may change it per entity
FINDINGS_FLOOR = 0.3  # findings below this are noise and are not kept at all

_DIGIT = re.compile(r"[0-9]")
# A table cell holding only a number broken over lines ("4111 1111\n1111 1111"): join the lines.
_NUMERIC_CELL = re.compile(r"^[0-9 \-\n\r]+$")
_TRIGGERS = {"EMAIL_ADDRESS": "@"}


class Analyzer:
    def __init__(self, entities: Iterable[str] | None = None, *, threshold: float = 0.0, ner: bool | None = None):
        self.entities = tuple(entities) if entities is not None else None
        self.threshold = threshold
        self.recognizers = load_recognizers(self.entities)
        self.enhancer = CharWindowContextEnhancer()
        self.ner = ner

    def _raw(self, text: str, header: str | None):
        results = []
        has_digit = bool(_DIGIT.search(text))
        for rec in self.recognizers:
            entity = rec.supported_entities[0]
            trigger = getattr(rec, "TRIGGER", _TRIGGERS.get(entity))
            if trigger is not None:
                if trigger not in text:
                    continue
            elif not has_digit and getattr(rec, "NEEDS_DIGITS", True):
                continue
            results.extend(rec.analyze(text, [entity], None))
        if results:
            self.enhancer.enhance_using_context(text, results, None, self.recognizers, [header] if header else None)
        return results

    def analyze_text(self, text: str, header: str | None = None) -> list[Match]:
        norm = normalize(text)
        ntext = norm.text
        if "\n" in ntext and len(ntext) <= 64 and _NUMERIC_CELL.match(ntext):
            ntext = ntext.replace("\r", " ").replace("\n", " ")
        results = [r for r in self._raw(ntext, header) if r.score >= max(self.threshold, 0.0)]
        results.sort(key=lambda r: (-r.score, -(r.end - r.start), r.start))
        taken: list[tuple[int, int]] = []
        matches = []
        for r in results:
            if any(r.start < e and s < r.end for s, e in taken):
                continue
            taken.append((r.start, r.end))
            start, end = norm.to_original(r.start, r.end)
            meta = r.recognition_metadata or {}
            matches.append(
                Match(
                    entity=r.entity_type,
                    start=start,
                    end=end,
                    score=round(float(r.score), 4),
                    text=text[start:end],
                    recognizer=str(meta.get("recognizer_name", "")),
                    evidence=tuple(meta.get(EVIDENCE_KEY, ())),
                    normalized=ntext[r.start : r.end],
                )
            )
        matches.sort(key=lambda m: (m.start, m.end))
        return matches

    def analyze_segments(self, segments: Iterable[TextLike]) -> Iterator[tuple[TextLike, list[Match]]]:
        for seg in segments:
            yield seg, self.analyze_text(seg.text, getattr(seg, "header", None))

    def findings(self, segments: Iterable[TextLike], fingerprinter: Fingerprinter) -> list[Finding]:
        """Masked, fingerprinted findings: the raw text is dropped here."""
        out = []
        for seg, matches in self.analyze_segments(segments):
            for m in matches:
                if m.score < FINDINGS_FLOOR:
                    continue
                out.append(
                    Finding(
                        entity=m.entity,
                        score=m.score,
                        where=seg.where,
                        start=m.start,
                        end=m.end,
                        masked=mask(m.entity, m.text),
                        fingerprint=fingerprinter.fingerprint(m.entity, m.normalized or m.text),
                        recognizer=m.recognizer,
                        evidence=m.evidence,
                        header=getattr(seg, "header", None),
                    )
                )
        return out
