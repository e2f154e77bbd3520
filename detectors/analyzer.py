"""The analyzer: normalise once, run the recognizers, add context, resolve overlaps, map offsets back.

Fast path: the pattern/check recognizers are Presidio recognizers called directly on the normalised
text with no NLP artifacts (``nlp_artifacts=None``; none of them reads it), and the character-window
enhancer (``detectors.context``) adds context — GiNZA is not loaded for them. Measured on 3 M chars of
Faker ja_JP text with identifiers (one shared core): the five core entities ≈ 0.9 M chars/s on
~140-char paragraphs and ≈ 1.2 M chars/s on 20k-char chunks; every enabled recognizer ≈ 0.5 M / 0.8 M. A recognizer with ``NEEDS_NLP = True`` (PERSON, later)
gets Presidio ``NlpArtifacts`` from ``detectors.nlp`` — ja_ginza, loaded lazily on first use.
``detectors.nlp.build_engine`` wires the same recognizers into Presidio's own ``AnalyzerEngine``.

Overlaps: a corporate number removes any My Number candidate on its digits, an address any PERSON
candidate inside it; otherwise the higher
score wins, then the longer span, then the earlier one. Offsets are code points into the ORIGINAL
text, end exclusive, sorted by position.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Iterable, Iterator

from detectors.columns import VALUE_FIRST, column_of, header_label, label_columns, skipped_in_column
from detectors.context import CharWindowContextEnhancer, header_hit
from detectors.fingerprint import Fingerprinter
from detectors.masking import mask
from detectors.model import Finding, Match, TextLike
from detectors.normalize import normalize
from detectors.ocr_normalize import ocr_normalize
from detectors.recognizers.base import CANONICAL_KEY, CONTEXT_SCORE, EVIDENCE_KEY
from detectors.registry import load_recognizers

DEFAULT_THRESHOLD = 0.5  # the tier policy's default; policy files may change it per entity
FINDINGS_FLOOR = 0.3  # findings below this are noise and are not kept at all

_DIGITS = "0123456789"
# A table cell holding only a number broken over lines ("4111 1111\n1111 1111"): join the lines.
_NUMERIC_CELL = re.compile(r"^[0-9 \-\n\r]+$")
_LINE_BREAK = re.compile(r"[ \-]*\r?\n[ \-]*")
_MAX_CELL = 64
_TRIGGERS = {"EMAIL_ADDRESS": "@"}
# Wider than any context window (≤ 40 characters, bank names included), so no cell lends context to its neighbour.
_CELL_SEPARATOR = "\n" + "\x1f" * 48 + "\n"
_CHUNK_CHARS = 20_000

# (start, end, entity, score, recognizer, evidence, normalized): a match before it is a ``Match`` (``Analyzer._spans``)
_Span = tuple[int, int, str, float, str, tuple[str, ...], str]


def _by_position(span: _Span) -> tuple[int, int]:
    return span[0], span[1]


def _is_numeric_cell(ntext: str) -> bool:
    return "\n" in ntext and len(ntext) <= _MAX_CELL and _NUMERIC_CELL.match(ntext) is not None


def _join_lines(ntext: str) -> tuple[str, list[int]]:
    """A short cell holding only a number broken over lines is one number: each line break (with the
    separators around it) becomes the cell's own separator ('-' if the cell uses hyphens, else ' ').
    Returns the joined text and, per joined character, its index in ``ntext``."""
    sep = "-" if "-" in ntext and " " not in ntext.strip() else " "
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _LINE_BREAK.finditer(ntext):
        out.append(ntext[pos : m.start()])
        index.extend(range(pos, m.start()))
        if m.start() > 0 and m.end() < len(ntext):
            out.append(sep)
            index.append(m.start())
        pos = m.end()
    out.append(ntext[pos:])
    index.extend(range(pos, len(ntext)))
    return "".join(out), index


def _corporate_over_my_number(results: list) -> list:
    """A 13-digit corporate number (not personal) removes any My Number candidate on its digits, whatever
    the scores: a My Number context word nearby must not turn a company's number into a person's."""
    corporate = [(r.start, r.end) for r in results if r.entity_type == "JP_CORPORATE_NUMBER"]
    if not corporate:
        return results
    return [r for r in results if r.entity_type != "JP_MY_NUMBER" or not any(r.start < e and s < r.end for s, e in corporate)]


def _address_over_person(results: list) -> list:
    """A name inside an address is a place or a building (渡辺 of コート渡辺, 太田 of 太田ヶ谷): an address that
    passed its check (≥ 0.5) removes any PERSON candidate lying wholly inside it, whatever the scores."""
    addresses = [(r.start, r.end) for r in results if r.entity_type == "JP_ADDRESS" and r.score >= DEFAULT_THRESHOLD]
    if not addresses:
        return results
    return [r for r in results if r.entity_type != "PERSON" or not any(s <= r.start and r.end <= e for s, e in addresses)]


class Analyzer:
    """Runs the registry's recognizers over text.

    ``entities``: only these (default: every enabled one). ``threshold``: results scoring below it
    are not returned (default 0.0: everything, so callers and the audit trail see weak candidates;
    the tier policy applies ``DEFAULT_THRESHOLD``). ``ner``: None = load GiNZA only if a selected
    recognizer needs NLP artifacts; False = never (such recognizers are skipped); True = allowed.
    """

    def __init__(self, entities: Iterable[str] | None = None, *, threshold: float = 0.0, ner: bool | None = None):
        self.entities = tuple(entities) if entities is not None else None
        self.threshold = threshold
        self.ner = ner
        recognizers = load_recognizers(self.entities)
        if ner is False:
            recognizers = [r for r in recognizers if not getattr(r, "NEEDS_NLP", False)]
            for r in recognizers:
                if hasattr(r, "use_ner"):
                    r.use_ner = False  # PERSON calls GiNZA itself on ambiguous windows; ner=False means never
        self.recognizers = recognizers
        # What decides, before a recognizer runs, whether a text is worth it — read once, not per call: its
        # entity, a substring the text must hold (TRIGGER), else the digits it must hold (MIN_DIGITS; 1 for any
        # NEEDS_DIGITS one).
        self._gates = [
            (r, r.supported_entities[0], getattr(r, "TRIGGER", _TRIGGERS.get(r.supported_entities[0])), getattr(r, "MIN_DIGITS", 1) if getattr(r, "NEEDS_DIGITS", True) else 0)
            for r in recognizers
        ]
        self.needs_nlp = any(getattr(r, "NEEDS_NLP", False) for r in recognizers)
        self._entities_present = frozenset(r.supported_entities[0] for r in recognizers)
        self._fast_labels: dict[str, str | None] = {}
        self._whole_cell_deciders: dict[str, tuple | None] = {}
        self.enhancer = CharWindowContextEnhancer()

    def _raw(self, text: str, header: str | None, only: str | None = None):
        results = []
        digits = sum(map(text.count, _DIGITS))  # in C: ten fast searches, no copy of the text (×2 over a translate)
        artifacts = None
        if self.needs_nlp and text.strip():
            from detectors.nlp import nlp_artifacts  # lazy: GiNZA loads only here

            artifacts = nlp_artifacts(text)
        for rec, entity, trigger, min_digits in self._gates:
            if only is not None and entity != only:
                continue
            if trigger is not None:
                if trigger not in text:
                    continue
            elif digits < min_digits:
                continue
            if header and skipped_in_column(entity, header):
                continue
            results.extend(rec.analyze(text, [entity], artifacts))
        if results:
            results = self.enhancer.enhance_using_context(text, results, artifacts, self.recognizers, [header] if header else None)
        return results

    def analyze_text(self, text: str, header: str | None = None, *, ocr: bool = False) -> list[Match]:
        return self._analyze(text, header, ocr, None)

    def _analyze(self, text: str, header: str | None, ocr: bool, only: str | None) -> list[Match]:
        """``analyze_text``; ``only``: run that entity's recognizer alone (the column fast path)."""
        if header and not ocr and only is None:
            decider = self._whole_cell_decider(header)
            if decider is not None and (decided := self._whole_cell(decider, text)) is not None:
                return decided  # a cell alone is decided as it is in a batch of its column (``_flush``)
        return [Match(entity, start, end, score, text[start:end], recognizer, evidence, normalized) for start, end, entity, score, recognizer, evidence, normalized in self._spans(text, header, ocr, only)]

    def _spans(self, text: str, header: str | None, ocr: bool, only: str | None) -> list[_Span]:
        """What ``_analyze`` returns, as plain tuples: a chunk of table cells is split into its cells by
        ``_per_cell``, which builds each cell's ``Match`` once from these instead of re-building a ``Match`` built
        for the chunk (a frozen dataclass costs ≈ 4 µs to build here; ~35,000 of them on corpus-600)."""
        norm = ocr_normalize(text) if ocr else normalize(text)  # OCR text: look-alikes and split digits repaired
        ntext = norm.text
        joined: list[int] | None = None
        if _is_numeric_cell(ntext):
            ntext, joined = _join_lines(ntext)
        results = _address_over_person(_corporate_over_my_number([r for r in self._raw(ntext, header, only) if r.score >= max(self.threshold, 0.0)]))
        results.sort(key=lambda r: (-r.score, -(r.end - r.start), r.start))
        starts: list[int] = []  # the kept spans, disjoint, sorted by start (a chunk of cells keeps thousands)
        ends: list[int] = []
        spans: list[_Span] = []
        for r in results:
            i = bisect_left(starts, r.end)  # spans starting before r ends: only the last can reach r
            if i and ends[i - 1] > r.start:
                continue
            starts.insert(i, r.start)
            ends.insert(i, r.end)
            if joined is None:
                start, end = norm.to_original(r.start, r.end)
            else:
                start, end = norm.to_original(joined[r.start], joined[r.end - 1] + 1)
            meta = r.recognition_metadata or {}
            spans.append(
                (
                    start,
                    end,
                    r.entity_type,
                    round(float(r.score), 4),
                    str(meta.get("recognizer_name", "")),
                    tuple(meta.get(EVIDENCE_KEY, ())),
                    meta.get(CANONICAL_KEY) or ntext[r.start : r.end],
                )
            )
        spans.sort(key=_by_position)
        return spans

    def analyze_segments(self, segments: Iterable[TextLike]) -> Iterator[tuple[TextLike, list[Match]]]:
        for seg in segments:
            yield seg, self.analyze_text(seg.text, getattr(seg, "header", None), ocr=getattr(seg, "ocr", False))

    def analyze_batched(self, segments: Iterable[TextLike]) -> Iterator[tuple[TextLike, list[Match]]]:
        """Like ``analyze_segments``, but table cells under the same column header are analysed together: a
        spreadsheet has thousands of short cells and each call runs every recognizer, so per-call overhead,
        not text, would dominate. Cells of one column are joined with a separator no pattern crosses and no
        context window sees past (newline, 48 × U+001F, newline); matches are mapped back to their cell, and a
        cell's own line-break rule still applies. The column header is the context for the whole chunk,
        exactly as it is for each cell alone. Results come back in the segments' order."""
        segments = list(segments)
        results: list[list[Match] | None] = [None] * len(segments)
        columns: dict[tuple[str | None, tuple[str, str] | None], list[int]] = {}
        cells = [column_of(seg.where) for seg in segments]  # read once, for the batching here and label_columns
        for i, seg in enumerate(segments):
            header = getattr(seg, "header", None)
            # cells of a header-less table are batched per column (sheet and letter), with no header context
            column = cells[i] if header is None else None
            if (header is None and column is None) or getattr(seg, "ocr", False):
                results[i] = self.analyze_text(seg.text, header, ocr=getattr(seg, "ocr", False))
            else:
                columns.setdefault((header, column), []).append(i)
        for (header, _), indexes in columns.items():
            chunk: list[int] = []
            size = 0
            for i in indexes:
                if chunk and size + len(segments[i].text) > _CHUNK_CHARS:
                    self._flush(segments, chunk, header, results)
                    chunk, size = [], 0
                chunk.append(i)
                size += len(segments[i].text) + len(_CELL_SEPARATOR)
            self._flush(segments, chunk, header, results)
        results = [r or [] for r in results]
        label_columns(segments, results, cells)  # PERSON / JP_ADDRESS columns become whole-cell findings (detectors.columns)
        for seg, matches in zip(segments, results):
            yield seg, matches

    def _flush(self, segments, chunk: list[int], header: str | None, results: list) -> None:
        if not chunk:
            return
        if len(chunk) == 1:
            results[chunk[0]] = self.analyze_text(segments[chunk[0]].text, header)
            return
        alone = {i for i in chunk if "\n" in segments[i].text and _is_numeric_cell(normalize(segments[i].text).text)}
        for i in alone:  # a number broken over lines: its own call, where the lines are joined
            results[i] = self.analyze_text(segments[i].text, header)
        chunk = [i for i in chunk if i not in alone]
        decider = self._whole_cell_decider(header)
        if decider is not None and chunk:
            # DESIGN.md §9: under a header naming a person's column, a cell that is exactly a full name the
            # gazetteer confirms is decided by the recognizer's whole-cell check (``whole_cell``) instead of
            # its full analysis: the morphemes of corpus-2000's 35,000 name cells took ≈ 1.8 s of ≈ 15 s of detection.
            rest = []
            for i in chunk:
                decided = self._whole_cell(decider, segments[i].text)
                if decided is None:
                    rest.append(i)
                else:
                    results[i] = decided
            chunk = rest
        label = self._column_fast_label(header)
        if label is not None and chunk:
            # DESIGN.md §9: a column whose header names a kind of value is checked by that kind's recognizer
            # first; a cell that one match of it covers whole, at header strength, is that value and nothing
            # else (any other candidate on it would overlap the match and lose to it), so the other
            # recognizers are not run on it. Every other cell — empty, mixed, a value of another kind, a
            # value that fails its check — is analysed by all recognizers as before.
            texts = [segments[i].text for i in chunk]
            rest = []
            for i, text, matches in zip(chunk, texts, self._per_cell(segments, chunk, texts, header, label)):
                body_start = len(text) - len(text.lstrip())
                body_end = len(text.rstrip())
                if len(matches) == 1 and matches[0].start == body_start and matches[0].end == body_end and matches[0].score >= CONTEXT_SCORE:
                    results[i] = matches
                else:
                    rest.append(i)
            chunk = rest
        if not chunk:
            return
        texts = [segments[i].text for i in chunk]
        for i, matches in zip(chunk, self._per_cell(segments, chunk, texts, header, None)):
            results[i] = matches

    def _per_cell(self, segments, chunk: list[int], texts: list[str], header: str | None, only: str | None) -> list[list[Match]]:
        """The cells of ``chunk`` analysed as one text (separated by ``_CELL_SEPARATOR``), matches per cell."""
        starts = []
        pos = 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + len(_CELL_SEPARATOR)
        per_cell: list[list[Match]] = [[] for _ in chunk]
        for start, end, entity, score, recognizer, evidence, normalized in self._spans(_CELL_SEPARATOR.join(texts), header, False, only):
            k = bisect_right(starts, start) - 1
            if end > starts[k] + len(texts[k]):
                continue  # crossed a cell boundary: cannot be one value
            base, original = starts[k], segments[chunk[k]].text
            per_cell[k].append(Match(entity, start - base, end - base, score, original[start - base : end - base], recognizer, evidence, normalized))
        return per_cell

    def _whole_cell_decider(self, header: str | None):
        """(recognizer, its header word) when cells under ``header`` may be decided whole by that recognizer's
        ``whole_cell`` check, or None: the header names its entity's column (``columns.header_label``), one of
        its header words occurs in it (rule 1 of ``detectors.context``: the word that lifts a match to
        ``CONTEXT_SCORE``), no other recognizer's header word does, and that score passes the threshold."""
        if not header or CONTEXT_SCORE < self.threshold:
            return None
        cached = self._whole_cell_deciders.get(header, False)
        if cached is not False:
            return cached
        decider = None
        label = header_label(header)[0]
        for rec in self.recognizers:
            if rec.supported_entities[0] == label and hasattr(rec, "whole_cell") and (word := header_hit(rec, header)):
                if not self._claimed_by_another(header, label):
                    decider = (rec, word)
                break
        self._whole_cell_deciders[header] = decider
        return decider

    @staticmethod
    def _whole_cell(decider, text: str) -> list[Match] | None:
        """The cell's one whole-cell match when ``decider``'s recognizer decides it, else None."""
        rec, word = decider
        norm = normalize(text)
        ntext = norm.text
        body = ntext.strip()
        decided = rec.whole_cell(body) if body else None
        if decided is None:
            return None
        kind, evidence, canonical = decided
        body_start = len(ntext) - len(ntext.lstrip())
        start, end = norm.to_original(body_start, body_start + len(body))
        return [Match(rec.supported_entities[0], start, end, CONTEXT_SCORE, text[start:end], rec.name, (f"pattern:{kind}", *evidence, f"header:{word}"), canonical)]

    def _column_fast_label(self, header: str | None) -> str | None:
        """The entity whose recognizer checks a column under ``header`` first, or None: the header names a kind
        of value (``columns.VALUE_FIRST``) that is among this analyzer's recognizers, and no OTHER recognizer's
        header words occur in it (else that one could also reach header strength on the same cells)."""
        if not header:
            return None
        cached = self._fast_labels.get(header, False)
        if cached is not False:
            return cached
        label = header_label(header)[0]
        if label not in VALUE_FIRST or label not in self._entities_present:
            label = None
        elif self._claimed_by_another(header, label):
            label = None
        self._fast_labels[header] = label
        return label

    def _claimed_by_another(self, header: str, entity: str) -> bool:
        """Whether a recognizer of another entity has a header word in ``header``: it too could reach header
        strength on the column's cells, so no fast path may decide them for ``entity`` alone."""
        return any(header_hit(rec, header) for rec in self.recognizers if rec.supported_entities[0] != entity)

    def findings(self, segments: Iterable[TextLike], fingerprinter: Fingerprinter) -> list[Finding]:
        """Masked, fingerprinted findings: the raw text is dropped here."""
        out = []
        for seg, matches in self.analyze_batched(segments):
            if not matches:
                continue
            where, header, ocr = seg.where, getattr(seg, "header", None), getattr(seg, "ocr", False)  # once a segment
            for m in matches:
                if m.score < FINDINGS_FLOOR:
                    continue
                out.append(
                    Finding(
                        entity=m.entity,
                        score=m.score,
                        where=where,
                        start=m.start,
                        end=m.end,
                        masked=mask(m.entity, m.text),
                        fingerprint=fingerprinter.fingerprint(m.entity, m.normalized or m.text),
                        recognizer=m.recognizer,
                        evidence=m.evidence,
                        header=header,
                        ocr=ocr,
                        ocr_confidence=seg.confidence_at(m.start, m.end) if ocr else None,
                    )
                )
        return out
