"""The per-file task that joins crawler and detectors: read one file, extract, detect, mask.

It runs inside a supervised worker process (``crawler.isolation``) or a Dask worker. What it
returns crosses a process (or network) boundary, so it holds masked findings and keyed fingerprints
only: raw values never leave this function.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable

from crawler.extract import extract_path
from crawler.hashing import blake2b_file
from crawler.limits import Limits
from crawler.model import Entry, Extracted, Problem, Reason
from detectors.fingerprint import Fingerprinter
from detectors.model import Finding

# Hints for document-type rules: a little text from the start of a document and its table headers.
# They stay in memory (never stored) and are capped.
_HINT_CHARS = 400
_HINT_HEADERS = 60
_HINT_OCR_CHARS = 2000  # a card copy may sit below a scanned form's first page


@dataclass(frozen=True)
class FileTask:
    entry: Entry
    limits: Limits
    key: bytes = field(repr=False)
    entities: tuple[str, ...] | None = None


@dataclass
class Part:
    """One asset made from a file: the file itself, or one archive member (``a.zip!/b.xlsx``)."""

    path: str
    kind: str
    size: int
    mtime: float | None
    content_hash: str | None
    format: str
    chars: int
    findings: list[Finding]
    problem: Problem | None
    title: str = ""
    lead_text: str = ""
    headers: tuple[str, ...] = ()
    parent: str | None = None
    ocr_pages: int = 0  # pages of this part read by OCR
    ocr_text: str = ""  # the start of its OCR text, for layout-word document types (in memory only)


@dataclass
class FileResult:
    parts: list[Part]


_ANALYZERS: dict[tuple[str, ...] | None, object] = {}


def _analyzer(entities: tuple[str, ...] | None):
    # One analyzer per worker process and entity set: building it loads recognizers and data once.
    from detectors.analyzer import Analyzer

    if entities not in _ANALYZERS:
        _ANALYZERS[entities] = Analyzer(entities)
    return _ANALYZERS[entities]


def _hints(extracted: Extracted) -> tuple[str, str, tuple[str, ...]]:
    title = ""
    lead: list[str] = []
    used = 0
    headers: list[str] = []
    seen: set[str] = set()
    for seg in extracted.segments:
        if seg.where == "title" and not title:
            title = seg.text[:200]
        elif used < _HINT_CHARS and seg.header is None:
            piece = seg.text[: _HINT_CHARS - used]
            lead.append(piece)
            used += len(piece)
        if seg.header and seg.header not in seen and len(headers) < _HINT_HEADERS:
            seen.add(seg.header)
            headers.append(seg.header)
    return title, "\n".join(lead), tuple(headers)


def _parts(
    extracted: Extracted,
    *,
    path: str,
    kind: str,
    size: int,
    mtime: float | None,
    content_hash: str | None,
    fingerprinter: Fingerprinter,
    entities: tuple[str, ...] | None,
    parent: str | None,
) -> Iterable[Part]:
    findings = _analyzer(entities).findings(extracted.segments, fingerprinter) if extracted.segments else []
    title, lead, headers = _hints(extracted)
    ocr_text = "\n".join(s.text for s in extracted.segments if s.ocr)[:_HINT_OCR_CHARS]
    yield Part(
        path=path,
        kind=kind,
        size=size,
        mtime=mtime,
        content_hash=content_hash,
        format=extracted.kind,
        chars=extracted.chars,
        findings=findings,
        problem=extracted.problem,
        title=title,
        lead_text=lead,
        headers=headers,
        parent=parent,
        ocr_pages=extracted.ocr_pages,
        ocr_text=ocr_text,
    )
    for member in extracted.members:
        yield from _parts(
            member.extracted,
            path=f"{path}!/{member.name}",
            kind="member",
            size=member.size,
            mtime=member.mtime,
            content_hash=member.content_hash,
            fingerprinter=fingerprinter,
            entities=entities,
            parent=path,
        )


def process_file(task: FileTask) -> FileResult:
    """Extract and detect one file. Never raises for a problem with the file: it becomes a Problem."""
    entry = task.entry
    locator = entry.locator or entry.path
    slow = os.environ.get("TANAOROSHI_TEST_SLOW_SECONDS")  # test-only: makes interruption tests deterministic
    if slow:
        import time

        time.sleep(float(slow))
    crash_on = os.environ.get("TANAOROSHI_TEST_CRASH_ON")  # test-only: a file that kills its worker
    if crash_on and crash_on in entry.path:
        os._exit(70)
    fingerprinter = Fingerprinter(task.key or _key_from_environment())
    content_hash: str | None = None
    try:
        if entry.size <= task.limits.max_file_bytes:
            content_hash = blake2b_file(locator)
    except PermissionError:
        return FileResult([_error_part(entry, Problem(Reason.PERMISSION_DENIED, "read permission denied", "read"))])
    except FileNotFoundError:
        return FileResult([_error_part(entry, Problem(Reason.VANISHED, "file vanished before it was read", "read"))])
    except OSError as exc:
        return FileResult([_error_part(entry, Problem(Reason.CORRUPT, f"read error: {exc.strerror or type(exc).__name__}", "read"))])
    extracted = extract_path(locator, task.limits, name=os.path.basename(entry.path))
    parts = list(
        _parts(
            extracted,
            path=entry.path,
            kind=entry.kind,
            size=entry.size,
            mtime=entry.mtime,
            content_hash=content_hash,
            fingerprinter=fingerprinter,
            entities=task.entities,
            parent=None,
        )
    )
    return FileResult(parts)


def _key_from_environment() -> bytes:
    """On cluster workers the key comes from the worker's own environment, never from the task."""
    from inventory.keys import _decode

    value = os.environ.get("TANAOROSHI_KEY")
    if not value:
        raise RuntimeError("TANAOROSHI_KEY is not set on this worker")
    return _decode(value)


def _error_part(entry: Entry, problem: Problem) -> Part:
    return Part(
        path=entry.path,
        kind=entry.kind,
        size=entry.size,
        mtime=entry.mtime,
        content_hash=None,
        format="",
        chars=0,
        findings=[],
        problem=problem,
    )
