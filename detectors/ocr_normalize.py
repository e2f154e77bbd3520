"""The OCR variant of the normaliser: for text read from images only (segments marked ``ocr``).

On top of ``detectors.normalize`` (NFKC, dashes, ー/一 between digits) it repairs what Tesseract gets wrong
in numbers, with offsets still mapped back to the original text:

1. Look-alike letters inside a number: O o D Q 〇 ○ → 0, l I | i ! → 1, Z z → 2, S s → 5, b G → 6, B → 8,
   g q → 9. Only inside a token made of digits and look-alikes that holds at least three real digits and
   more digits than look-alikes — or, as one group of a spaced number next to a group of three or more
   digits, at least as many digits as look-alikes — and is not glued to another letter (so ``AB12345678CD`` — a residence card — ,
   ``ID``, ``S63`` and ``B1F`` stay as they are).
2. Spaces inside a number: a run of digit groups separated by single spaces whose grouping is irregular
   (a group shorter than 3 or longer than 4 digits: ``1 234 5678 9018``, ``12345 678 9018``) is joined into
   one digit string; regular groupings (``1234 5678 9018``, ``090 1234 5678``) are kept, the recognizers
   read them as they are.

Precision comes from the recognizers, not from here: a repaired My Number must still pass its check digit,
a card number Luhn, and a licence number needs its 免許 context. Hand-written because no maintained
library does OCR post-correction for identifiers (spell-checkers work on words, not digit strings).
"""
from __future__ import annotations

import re

from detectors.normalize import Normalized, normalize

LOOKALIKES = {
    **dict.fromkeys("OoDQ〇○", "0"),
    **dict.fromkeys("lI|i!", "1"),
    **dict.fromkeys("Zz", "2"),
    **dict.fromkeys("Ss", "5"),
    **dict.fromkeys("bG", "6"),
    "B": "8",
    **dict.fromkeys("gq", "9"),
}
_CLASS = "0-9" + re.escape("".join(LOOKALIKES))
_TOKEN = re.compile(f"[{_CLASS}]+")
_LETTER = re.compile(r"[A-Za-z]")
_RUN = re.compile(r"(?<![0-9A-Za-z])[0-9]+(?: [0-9]+)+(?![0-9A-Za-z])")
_GAP = re.compile(r"[ \-]")
MIN_DIGITS = 3
MIN_RUN_DIGITS = 6


def _repair_lookalikes(text: str) -> str:
    """Same length out as in: a 1:1 substitution, so offsets need no map."""
    out = list(text)
    tokens = list(_TOKEN.finditer(text))
    digits = [sum(c.isdigit() for c in m.group()) for m in tokens]
    for k, m in enumerate(tokens):
        token = m.group()
        others = len(token) - digits[k]
        if others == 0 or others > digits[k] or not digits[k]:
            continue
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if _LETTER.match(before) or _LETTER.match(after):
            continue  # part of a word or a letter-digit code
        # a group of a spaced number ("1234 5678 9Ol8") may be short or half wrong; alone it needs more digits
        grouped = any(
            0 <= j < len(tokens) and digits[j] >= MIN_DIGITS and _GAP.fullmatch(text[min(m.end(), tokens[j].end()) : max(m.start(), tokens[j].start())])
            for j in (k - 1, k + 1)
        )
        if not grouped and (digits[k] < MIN_DIGITS or others >= digits[k]):
            continue
        for i, c in enumerate(token):
            if not c.isdigit():
                out[m.start() + i] = LOOKALIKES[c]
    return "".join(out)


def _irregular(groups: list[str]) -> bool:
    return any(len(g) < 3 or len(g) > 4 for g in groups)


def ocr_normalize(text: str) -> Normalized:
    base = normalize(text)
    repaired = _repair_lookalikes(base.text)
    keep = list(range(len(repaired)))  # index into base.text of each kept character
    drop: set[int] = set()
    for m in _RUN.finditer(repaired):
        groups = m.group().split(" ")
        if sum(len(g) for g in groups) >= MIN_RUN_DIGITS and _irregular(groups):
            drop.update(m.start() + i for i, c in enumerate(m.group()) if c == " ")
    if not drop and repaired == base.text:
        return base
    if drop:
        keep = [i for i in keep if i not in drop]
    final = "".join(repaired[i] for i in keep)
    if base._map is None:
        mapping = tuple(keep)
    else:
        mapping = tuple(base._map[i] for i in keep)
    return Normalized(final, mapping, base.original_length)
