"""Document types from the file name, title, first lines and table headers (rules in the policy)."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from classifiers.policy import DocTypeRule, Policy


@dataclass(frozen=True)
class DocHints:
    """What the inventory tells the classifier about a document besides its findings (held in memory only)."""

    name: str = ""
    title: str = ""
    lead: str = ""  # the first few hundred characters
    headers: tuple[str, ...] = field(default_factory=tuple)
    ocr_text: str = ""  # the start of the text read by OCR (scans, card copies)


@dataclass(frozen=True)
class DocType:
    rule: DocTypeRule
    evidence: str  # "file name", "title", "heading", "headers 基本給+控除"


def _norm(s: str) -> str:
    return unicodedata.normalize("NFKC", s).lower()


# OCR reads the long-vowel mark of カード as a dash or the kanji 一, and spaces out letters of a printed title
_OCR_DASHES = str.maketrans({c: "ー" for c in "-‐‑–—―−一ｰ"})


def _ocr_norm(s: str) -> str:
    return "".join(_norm(s).translate(_OCR_DASHES).split())


# The policy's words (names, exclusions, header words), normalised once rather than once per asset (the scan
# classifies every file in one process: ≈ 0.6 ms a file went to normalising the same words again).
_word = lru_cache(maxsize=4096)(_norm)
_ocr_word = lru_cache(maxsize=4096)(_ocr_norm)


def detect(hints: DocHints, policy: Policy) -> list[DocType]:
    name, title, lead = _norm(hints.name), _norm(hints.title), _norm(hints.lead[:400])
    headers = {_norm(h).strip() for h in hints.headers}
    found = []
    ocr_text = _ocr_norm(hints.ocr_text) if hints.ocr_text else ""
    for rule in policy.doctypes:
        if rule.ocr:
            # layout words of an identity card: matched in OCR text only, where they mean a copy of the card
            # (in a text layer 運転免許証 is as often a form asking for one)
            word = next((n for n in rule.names if ocr_text and _ocr_word(n) in ocr_text), None)
            if word is not None and not any(_ocr_word(x) in ocr_text for x in rule.exclude):
                found.append(DocType(rule, f"OCR: {word}"))
            continue
        names = [_word(n) for n in rule.names]
        excluded = any(_word(x) in name or _word(x) in title for x in rule.exclude)
        evidence = None
        if not excluded:
            if any(n in name for n in names):
                evidence = "file name"
            elif any(n in title for n in names):
                evidence = "title"
            elif any(n in lead for n in names):
                evidence = "heading"
        if evidence is None:
            for group in rule.headers:
                if all(any(_word(h) in header for header in headers) for h in group):
                    evidence = "headers " + "+".join(group)
                    break
        if evidence:
            found.append(DocType(rule, evidence))
    return found
