"""The per-file task that joins crawler and detectors: read one file, extract, detect, mask.

It runs inside a supervised worker process (``crawler.isolation``) or a Dask worker. What it
returns crosses a process (or network) boundary, so it holds masked findings and keyed fingerprints
only: raw values never leave this function. (A file read ahead by a start-up helper, ``prefetch_read``, reaches
its worker as its extracted text, through the supervisor's memory and two pipes on this machine: never written,
logged or shown — ``FileTask.read`` has no repr.)
"""
from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field, replace
from typing import Iterable

from crawler.extract import extract_path
from crawler.hashing import blake2b_file
from crawler.limits import Limits
from crawler.model import Entry, Extracted, Problem, Reason
from detectors.fingerprint import Fingerprinter
from detectors.model import Finding
from inventory.classify import assess_part
from inventory.finding_rows import FindingList

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
    smb: object | None = field(default=None, repr=False)  # crawler.sources.smb.SmbSource for smb:// entries
    # the file already read by a start-up helper (``prefetch_read``): its content hash and extracted text, pickled
    read: bytes | None = field(default=None, repr=False)


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
    assessment: object | None = None  # classifiers.model.Assessment: its tier, when the worker assessed it
    assessed_by: str | None = None  # the version of the policy that assessment was made under


@dataclass
class FileResult:
    parts: list[Part]
    unavailable: str | None = None  # the source went away while this file was read: nothing to record


_ANALYZERS: dict[tuple[str, ...] | None, object] = {}


def _analyzer(entities: tuple[str, ...] | None):
    # One analyzer per worker process and entity set: building it loads recognizers and data once.
    from detectors.analyzer import Analyzer

    if entities not in _ANALYZERS:
        _ANALYZERS[entities] = Analyzer(entities)
    return _ANALYZERS[entities]


# A made-up line that reaches every lazily loaded part of detection: identifiers, an address, and a surname
# alone in a sentence (an ambiguous name window, which loads GiNZA).
_WARM_UP_TEXT = "氏名 山田 太郎 様 東京都千代田区丸の内1-1-1 電話 03-1234-5678 佐藤は来なかった。"


def warm_up() -> None:
    """Load what detecting any file needs — the default analyzer, its data and GiNZA — before the first file:
    in the scan's forkserver (``inventory.worker_preload``), which every worker then forks from, and in each
    Dask worker (``inventory.cluster``)."""
    _analyzer(None).analyze_text(_WARM_UP_TEXT)


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
    findings = FindingList(_analyzer(entities).findings(extracted.segments, fingerprinter) if extracted.segments else ())
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
    slow = os.environ.get("TANAOROSHI_TEST_SLOW_SECONDS")  # test-only: makes interruption tests deterministic
    if slow:
        import time

        time.sleep(float(slow))
    crash_on = os.environ.get("TANAOROSHI_TEST_CRASH_ON")  # test-only: a file that kills its worker
    if crash_on and crash_on in entry.path:
        os._exit(70)
    fingerprinter = Fingerprinter(task.key or _key_from_environment())
    if task.smb is not None:
        return _process_smb(task, fingerprinter)
    if task.read is not None:
        content_hash, extracted = pickle.loads(task.read)
    else:
        read = _read_local(task)
        if isinstance(read, FileResult):
            return read
        content_hash, extracted = read
    return FileResult(_file_parts(extracted, entry, content_hash, fingerprinter, task.entities))


def _read_local(task: FileTask) -> tuple[str | None, Extracted] | FileResult:
    """A local file's content hash and extracted text, or the result that records why it could not be read."""
    entry = task.entry
    locator = entry.locator or entry.path
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
    return content_hash, extract_path(locator, task.limits, name=os.path.basename(entry.path))


# A prefetched file's extracted text waits in the supervisor's memory until a worker takes it, within the start-up
# helpers' budget (``crawler.isolation._Prefetch.BUDGET``, 64 MiB): a file bigger than this, or whose text is, is
# left to the worker (the 2,000-file benchmark corpus's files average 8.6 kB of pickled text).
PREFETCH_MAX_BYTES = 64 << 10
PREFETCH_MAX_FILE = 16 << 20  # an office file's size is mostly its pictures; a bigger file is left to the worker


def prefetch_read(task: FileTask) -> FileTask | None:
    """Read a local file ahead of the workers — hash and extract, the part of the per-file task that needs no
    detector — in a start-up helper process (``crawler.isolation.SupervisedPool(prefetch=...)``), while the
    workers' forkserver is still loading the detectors. The task comes back carrying what was read, and the
    worker detects on it; None leaves the file to the worker as it is: an SMB file, a big one, one that could not
    be read (the worker reads it again and records why). The worker's result is the same either way."""
    if task.smb is not None or task.entry.size > PREFETCH_MAX_FILE:
        return None
    read = _read_local(task)
    if isinstance(read, FileResult):
        return None
    blob = pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL)
    return replace(task, read=blob) if len(blob) <= PREFETCH_MAX_BYTES else None


def _file_parts(extracted: Extracted, entry: Entry, content_hash: str | None, fingerprinter: Fingerprinter, entities) -> list[Part]:
    """The parts of a file read from any source: the file itself, then its archive members."""
    return list(
        _parts(
            extracted,
            path=entry.path,
            kind=entry.kind,
            size=entry.size,
            mtime=entry.mtime,
            content_hash=content_hash,
            fingerprinter=fingerprinter,
            entities=entities,
            parent=None,
        )
    )


_SMB_CLIENTS: dict[tuple[str, str | None], object] = {}


def _smb_client(source):
    # One connection per worker process and server/account, reused across files (a logon per file
    # would cost more than reading a small file).
    creds = source.credentials()
    key = (source.url.source, creds.login)
    client = _SMB_CLIENTS.get(key)
    if client is None or client.creds != creds:  # a changed password gets a new logon
        if client is not None:
            client.close()
        client = _SMB_CLIENTS[key] = source.client()
    return client


def _process_smb(task: FileTask, fingerprinter: Fingerprinter) -> FileResult:
    """Read one file over SMB: hash it as a stream, rewind, extract from the same stream (read-only,
    fetched in chunks; never a whole local copy). A server that goes away gives ``unavailable``."""
    from crawler.extract import extract_stream
    from crawler.hashing import blake2b_stream
    from crawler.sources.smb import SmbUnavailable, open_smb, problem_of

    entry = task.entry
    source = task.smb
    try:
        client = _smb_client(source)
        with open_smb(entry.locator or "", client.creds, source.url.port, source.retry, client=client) as fp:
            content_hash = blake2b_stream(fp)
            fp.seek(0)
            extracted = extract_stream(fp, os.path.basename(entry.path), entry.size, task.limits)
            lost = fp.lost
    except SmbUnavailable as exc:
        return FileResult([], unavailable=str(exc))
    except Exception as exc:
        problem = problem_of(exc, "read")
        if problem is None:  # not an SMB status: a local failure while reading (kept as this file's problem)
            problem = Problem(Reason.CORRUPT, f"read error: {type(exc).__name__}", "read")
        return FileResult([_error_part(entry, problem)])
    if lost is not None:  # an extractor swallowed the read error; the file is not bad, the server left
        return FileResult([], unavailable=str(lost))
    return FileResult(_file_parts(extracted, entry, content_hash, fingerprinter, task.entities))


@dataclass(frozen=True)
class ProcessAndAssess:
    """The scan's per-file task on its local pool: ``process_file``, then each part's tier from the part alone
    (``inventory.classify.assess_part``) — per-file pure work that runs here, in parallel, instead of in the one
    process that writes the store. The pool pickles this callable, policy included, once per worker start.
    The store writer keeps the tier unless a review decision touches the asset (then it assesses it again)."""

    policy: object  # classifiers.policy.Policy

    def __call__(self, task: FileTask) -> FileResult:
        result = process_file(task)
        for part in result.parts:
            part.assessment = assess_part(part, self.policy)
            part.assessed_by = self.policy.version
        return result


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
