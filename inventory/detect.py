"""The ``detect`` command: the one place that prints matched text, because its user asked for it.

Plain mode prints one JSON object per finding. ``--jsonl`` reads ``{"id","text"}`` lines and writes
``{"id","entities":[{"entity","start","end","score","text"}]}`` lines; offsets are code points into
the given text, end exclusive (DESIGN.md §8).
"""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from typing import IO, Iterable

from detectors.analyzer import DEFAULT_THRESHOLD, Analyzer
from inventory.i18n import t


def _entity_json(m) -> dict:
    return {"entity": m.entity, "start": m.start, "end": m.end, "score": round(m.score, 4), "text": m.text}


def _open_text(path: str) -> IO[str]:
    if path == "-":
        return sys.stdin
    return open(path, encoding="utf-8")


def run_detect(path: str, *, jsonl: bool, entities: tuple[str, ...] | None, lang: str, out: IO[str] | None = None) -> int:
    out = out or sys.stdout
    analyzer = Analyzer(entities, threshold=DEFAULT_THRESHOLD)  # what would count for a tier, not weak signals
    if jsonl:
        with _open_text(path) as stream:
            _detect_jsonl(stream, analyzer, out, lang)
        return 0
    if path == "-":
        text = sys.stdin.read()
        for m in analyzer.analyze_text(text):
            out.write(json.dumps({**_entity_json(m), "where": "stdin"}, ensure_ascii=False) + "\n")
        return 0
    # A file: extract it like the scan does, so documents work too; offsets are per segment.
    from crawler.extract import extract_path

    extracted = extract_path(path)
    if extracted.problem is not None and not extracted.segments:
        raise ValueError(t("detect.unreadable", lang, path=path, reason=extracted.problem.reason.value, message=extracted.problem.message))
    for segment in _all_segments(extracted):
        for m in analyzer.analyze_text(segment.text, header=segment.header, ocr=segment.ocr):
            out.write(json.dumps({**_entity_json(m), "where": segment.where}, ensure_ascii=False) + "\n")
    return 0


def _all_segments(extracted) -> Iterable:
    yield from extracted.segments
    for member in extracted.members:
        for seg in _all_segments(member.extracted):
            yield replace(seg, where=f"{member.name} › {seg.where}")


def _detect_jsonl(stream: Iterable[str], analyzer: Analyzer, out: IO[str], lang: str) -> None:
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(t("detect.bad_json", lang, line=lineno, column=exc.colno)) from None
        if not isinstance(obj, dict) or "text" not in obj or not isinstance(obj["text"], str):
            raise ValueError(t("detect.bad_record", lang, line=lineno))
        matches = analyzer.analyze_text(obj["text"])
        out.write(json.dumps({"id": obj.get("id"), "entities": [_entity_json(m) for m in matches]}, ensure_ascii=False) + "\n")
        out.flush()
