"""Text normalisation shared by every recognizer, with offsets mapped back to the original text.

NFKC folds full-width digits and letters (４１１１ → 4111) and compatibility characters (㍻ → 平成);
on top of it one explicit dash class and one space class. NFKC may change lengths, so the map is
built per original character cluster (a base character and the combining marks after it):
normalised index → original index. Text whose NFKC form has the same length as the original (the
common case) keeps an identity map and costs no per-character Python work.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import regex  # a presidio-analyzer dependency; stdlib re has no \p{M}

# Every dash-like character seen in Japanese documents. 'ー' (the katakana prolonged sound mark) is a
# dash only between digits (090ー1234ー5678); elsewhere it is part of a word (データ), so it is handled
# by a separate rule below, as is the kanji 一 typed for a dash between digits.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\ufe63\ufe58\u2043\u2500\u2501"
SPACES = "\u3000\u00a0\u2002\u2003\u2009\u200a\u202f\u205f\t"
_TABLE = {ord(c): "-" for c in DASHES}
_TABLE.update({ord(c): " " for c in SPACES})
# Two substitutions, not ``str.translate(_TABLE)``: translate looks every character up in the dict (×4 slower
# on Japanese text, where the characters to replace are rare); the same result.
_DASH = re.compile(f"[{DASHES}]")
_SPACE = re.compile(f"[{SPACES}]")
# After NFKC most text holds neither (NFKC already folds U+3000, U+00A0, U+FF0D …): one search for both classes
# then replaces two substitutions that each scan the whole text (−24 ms over corpus-600's 3 M characters).
_DASH_OR_SPACE = re.compile(f"[{DASHES}{SPACES}]")
# The character class first, the digit before it checked by a lookbehind afterwards: the engine scans for
# the class (ー, ｰ, 一) instead of trying a lookbehind at every position (×2.4; the same matches).
_DIGIT_DASH_DIGIT = re.compile(r"[\u30fc\uff70\u4e00](?<=\d[\u30fc\uff70\u4e00])(?=\d)")
# Characters NFKC may merge with their neighbour (combining marks, half-width and spacing kana voicing
# marks, Hangul jamo). Without any of them a same-length fold is a 1:1 fold and needs no offset map.
_MAY_COMPOSE = regex.compile(r"[\p{M}\u309b\u309c\uff9e\uff9f\u1100-\u11ff\u3130-\u318f\uffa0-\uffdc\ud7b0-\ud7ff]")


@dataclass(frozen=True)
class Normalized:
    text: str
    _map: tuple[int, ...] | None  # normalised index → original index; None means identity
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        if self._map is None:
            return start, end
        if not self._map:
            return 0, 0
        o_start = self._map[start] if start < len(self._map) else self.original_length
        if end <= start:
            return o_start, o_start
        last = self._map[min(end, len(self._map)) - 1]
        # the span ends where the next original cluster starts (a cluster may fold to several chars)
        for j in range(min(end, len(self._map)), len(self._map)):
            if self._map[j] != last:
                return o_start, self._map[j]
        return o_start, self.original_length


def normalize(text: str) -> Normalized:
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) == len(text):
        # Same length: in practice a 1:1 fold (full-width → half-width). Verify cheaply per char only
        # where the fold changed something that could have shifted positions.
        if _aligned(text, folded):
            if _DASH_OR_SPACE.search(folded) is not None:
                folded = _SPACE.sub(" ", _DASH.sub("-", folded))
            out = _DIGIT_DASH_DIGIT.sub("-", folded)
            return Normalized(out, None, len(text))
    return _normalize_clusters(text)


def _aligned(text: str, folded: str) -> bool:
    """Same length and nothing merged means nothing expanded either: position i folds to position i."""
    return text.isascii() or _MAY_COMPOSE.search(text) is None


def _normalize_clusters(text: str) -> Normalized:
    out: list[str] = []
    mapping: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or text[j] in "\u3099\u309a\uff9e\uff9f"):
            j += 1
        piece = unicodedata.normalize("NFKC", text[i:j]).translate(_TABLE)
        out.append(piece)
        mapping.extend([i] * len(piece))
        i = j
    joined = _DIGIT_DASH_DIGIT.sub("-", "".join(out))  # same-length substitution: the map stays valid
    return Normalized(joined, tuple(mapping), n)
