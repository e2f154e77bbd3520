"""Typed records that leave the detectors.

``Match`` holds the raw matched text and never leaves the process that made it, except through
the ``detect`` command. ``Finding`` is what the inventory stores: masked preview and keyed
fingerprint only.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class TextLike(Protocol):
    """What the analyzer reads: crawler segments fit this shape without an import."""

    text: str
    where: str
    header: str | None
    # OCR segments also carry ``ocr: bool`` and ``confidence_at(start, end)``; read with getattr, so plain
    # segments need neither.


@dataclass(frozen=True)
class Match:
    entity: str
    start: int  # code-point offset into the original (un-normalised) text, inclusive
    end: int  # exclusive
    score: float
    text: str  # RAW value: only the detect command may print it
    recognizer: str
    evidence: tuple[str, ...] = ()  # e.g. ("check_digit", "context:個人番号", "header:個人番号")
    normalized: str = ""  # the normalised value the fingerprint is computed over


@dataclass(frozen=True)
class Finding:
    entity: str
    score: float
    where: str
    start: int
    end: int
    masked: str
    fingerprint: str
    recognizer: str
    evidence: tuple[str, ...] = ()
    header: str | None = None
    ocr: bool = False  # found in text read by OCR
    ocr_confidence: float | None = None  # OCR confidence (0–100) of the characters of the match
