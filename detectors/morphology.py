"""SudachiPy morphemes (the ``core`` dictionary GiNZA installs), the cheap first pass for names and places.

DESIGN.md §9: mode C tokenises ≈ 840k chars/s and tags 名詞-固有名詞-人名-姓/名/一般 and 固有名詞-地名. The
tokenizer is created once per process, lazily. Text is tokenised line by line (Sudachi also refuses inputs
above 49,149 bytes: a longer line is cut at a fixed size) and offsets are shifted back.
"""
from __future__ import annotations

import threading
from functools import lru_cache
from typing import NamedTuple

_PIECE = 4000  # characters: ≤ 16 kB of UTF-8 even for 4-byte characters


class Morpheme(NamedTuple):
    """One token. A tuple, built in the tokenising loop without a Python-level constructor call: a scan builds
    one per token of every line (≈ 500,000 on the 600-file benchmark corpus); against the frozen dataclass with
    properties over ``pos`` it was, tokenising included, ×1.2 faster with identical tokens, and the callers read
    plain fields. The flags are computed once per POS id (``_pos``)."""

    start: int
    end: int
    surface: str
    pos: tuple[str, ...]  # Sudachi's six POS fields, e.g. ('名詞', '固有名詞', '人名', '姓', '*', '*')
    is_name: bool  # 名詞-固有名詞-人名-*
    name_part: str  # '姓', '名', '一般' for a name token, '' otherwise
    is_proper: bool  # 固有名詞
    is_place: bool  # 固有名詞-地名
    oov: bool


@lru_cache(maxsize=1)
def _tokenizer():
    from sudachipy import dictionary, tokenizer

    dic = dictionary.Dictionary(dict="core")
    # Only the POS field is read from the dictionary (surface, offsets and the OOV flag come with every
    # morpheme): readings, normalised and dictionary forms are never loaded (≈ 8 % faster, the same tokens).
    mode = tokenizer.Tokenizer.SplitMode.C
    return dic, dic.create(mode, fields={"pos"}), mode


@lru_cache(maxsize=4096)
def _pos(pos_id: int) -> tuple:
    """(pos, is_name, name_part, is_proper, is_place) of a POS id."""
    pos = tuple(_tokenizer()[0].pos_of(pos_id))
    return pos, pos[2] == "人名", pos[3] if pos[2] == "人名" else "", pos[1] == "固有名詞", pos[2] == "地名"


class _Tails(dict):
    """POS id → the fields of a ``Morpheme`` after its surface, for in-vocabulary or OOV tokens: one subscript per
    token, filled on first sight of an id (the core dictionary has 1,558)."""

    def __init__(self, oov: bool):
        super().__init__()
        self.oov = oov

    def __missing__(self, pos_id: int) -> tuple:
        tail = self[pos_id] = _pos(pos_id) + (self.oov,)
        return tail


_IV_TAILS, _OOV_TAILS = _Tails(False), _Tails(True)
# Sudachi's morphemes are written into one MorphemeList per thread (``out=``), not a new list per line: a table's
# thousands of cells are one tokenize call each (≈ 4 µs of call overhead, ≈ 1 µs with ``out``).
_LOCAL = threading.local()


def _pieces(text: str, skip_ascii: bool):
    """(offset, piece): one line at a time (a longer line in fixed-size pieces). Lines are tokenised alone so a
    line — a table cell — gives the same morphemes whatever text surrounds it (the analyzer batches a column's
    cells into one text with line-break separators)."""
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\x1f")
        if skip_ascii and body.isascii():
            pos += len(line)
            continue
        for k in range(0, len(body), _PIECE):
            yield pos + k, body[k : k + _PIECE]
        pos += len(line)


def morphemes(text: str, skip_ascii_lines: bool = False) -> list[Morpheme]:
    """Mode-C morphemes of ``text`` with offsets into it. ``skip_ascii_lines``: lines holding only ASCII are not
    tokenised at all (a caller with nothing to learn from them — PERSON reads Latin names as romaji pairs —
    saves the dictionary's time on numeric cells, code and logs)."""
    tokenize = _tokenizer()[1].tokenize  # created in mode C
    found = getattr(_LOCAL, "found", None)
    if found is None:
        found = _LOCAL.found = tokenize("")
    out: list[Morpheme] = []
    append = out.append
    new = tuple.__new__
    iv, oov = _IV_TAILS, _OOV_TAILS
    for offset, piece in _pieces(text, skip_ascii_lines):
        # Sudachi's morphemes tile their input (no character is skipped: spaces are 空白 tokens), so each one
        # starts where the previous one ended: two fewer calls into the tokenizer per morpheme (×1.15).
        start = offset
        for m in tokenize(piece, out=found):
            surface = m.surface()
            end = start + len(surface)
            append(new(Morpheme, (start, end, surface) + (oov if m.is_oov() else iv)[m.part_of_speech_id()]))
            start = end
    return out


@lru_cache(maxsize=16384)
def in_dictionary(surface: str) -> bool:
    """Whether the dictionary lists ``surface`` as a word at all. Sudachi joins a run of katakana it does not know
    into one 普通名詞 morpheme that is NOT flagged OOV (グロースマン, ベルカンヌ — a foreign name, as a rule):
    PERSON asks this of such a word (a dictionary lookup, ≈ 2 µs, cached)."""
    return len(_tokenizer()[0].lookup(surface)) > 0
