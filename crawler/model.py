"""Typed records that leave the crawler: entries, segments, extraction results.

Everything here is picklable (it crosses process boundaries) and holds no open handles.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Reason(str, Enum):
    """Why an asset (or part of one) could not be read. Codes are part of the report contract."""

    ENCRYPTED = "ENCRYPTED"
    CORRUPT = "CORRUPT"
    TIMEOUT = "TIMEOUT"
    TOO_LARGE = "TOO_LARGE"
    ARCHIVE_LIMIT = "ARCHIVE_LIMIT"
    UNSUPPORTED = "UNSUPPORTED"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    VANISHED = "VANISHED"
    WORKER_CRASH = "WORKER_CRASH"
    SYMLINK = "SYMLINK"


class ExtractError(Exception):
    """Raised by an extractor; carries the reason code. The message must never hold file content."""

    def __init__(self, reason: Reason, message: str):
        super().__init__(f"{reason.value}: {message}")
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class Segment:
    """A piece of text with the place it came from.

    ``where`` is human-readable and stable across runs: ``page 3``, ``sheet 社員!C5``,
    ``paragraph 12``, ``table 1!B3``, ``header``, ``body``, ``attachment x.pdf › page 1``.
    ``header`` is the column header when the text is a table cell.
    """

    text: str
    where: str
    header: str | None = None
    ocr: bool = False  # the text was read from an image by OCR (detectors use their OCR normaliser)
    confidence: float | None = None  # OCR: mean word confidence of the segment, 0–100
    char_confidence: tuple[int, ...] = field(default=(), repr=False, compare=False)  # OCR: per character, 0–100

    def confidence_at(self, start: int, end: int) -> float | None:
        """OCR confidence of the characters [start, end) (of the words they belong to); None if not OCR text."""
        if not self.ocr:
            return None
        values = [c for c in self.char_confidence[start:end] if c >= 0]
        if not values:
            return self.confidence
        return round(sum(values) / len(values), 1)


@dataclass(frozen=True)
class Problem:
    """An error attached to an asset: reason code, the stage that failed, a message without content."""

    reason: Reason
    message: str
    stage: str = "extract"
    partial: bool = False  # some text was read before the failure; its findings are kept


@dataclass
class Extracted:
    """What extracting one file (or one archive member) produced."""

    segments: list[Segment] = field(default_factory=list)
    problem: Problem | None = None
    members: list["Member"] = field(default_factory=list)
    chars: int = 0
    kind: str = ""  # detected format: docx, xlsx, pdf, pptx, csv, txt, eml, msg, zip, image, ...
    ocr_pages: int = 0  # pages (or images) that went through OCR, members excluded


@dataclass
class Member:
    """An archive member, extracted as an asset of its own (``a.zip!/dir/b.xlsx``)."""

    name: str  # path inside the archive, '/' separated
    size: int
    mtime: float | None
    content_hash: str | None
    extracted: Extracted


@dataclass(frozen=True)
class Entry:
    """One directory entry found by a walk, with what stat and the access readers said."""

    source: str  # source id, e.g. "/abs/root" or "smb://host/share"
    path: str  # '/' separated path relative to the source root
    kind: str  # "file", "symlink", "special", "dir"
    size: int = 0
    mtime: float = 0.0
    owner: str | None = None
    group: str | None = None
    mode: int | None = None
    target: str | None = None  # symlink target
    problem: Problem | None = None  # set when the walk itself could not read it
    locator: str | None = None  # how a worker opens it (an absolute path, a UNC path for SMB)
    access: tuple["AccessEntry", ...] = ()  # grants a walk read with the entry (SMB security descriptors)


@dataclass(frozen=True)
class AccessEntry:
    """One way a principal can reach an asset, as the access readers found it.

    The inventory turns these into ``classifiers.model.Grant`` (the crawler may not import classifiers).
    ``kind``: user / group / anyone / organization / domain / well-known.
    ``right``: read / write / owner.  ``via``: acl / inherited / link / membership / mode / owner.
    ``status``: active / external / departed / disabled / unknown (set by the identity roster).
    """

    principal: str
    display: str
    kind: str
    right: str
    via: str
    status: str = "unknown"
