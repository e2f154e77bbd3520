"""Table helpers shared by spreadsheet and CSV readers: header-row detection and cell addresses."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from crawler.model import Segment

_NUMBERISH = re.compile(r"^[\s0-9０-９\-+.,/:()年月日円¥%]*$")


@lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (as spreadsheets label columns). Cached: called once per table cell."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_text(value) -> str:
    """A cell value as text; integral floats lose their '.0' so 12-digit ids keep every digit."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e19:
            return str(int(value))
        return repr(value)
    return str(value)


def is_header_row(cells: list[str]) -> bool:
    """Mostly short, non-numeric labels: 氏名, フリガナ, 住所 …"""
    filled = [c.strip() for c in cells if c and c.strip()]
    if len(filled) < 2:
        return False
    labels = [c for c in filled if len(c) <= 30 and not _NUMBERISH.match(c) and "@" not in c]
    return len(labels) / len(filled) >= 0.8


def find_header(rows: list[list[str]], look: int = 5) -> int | None:
    """Index of the header row among the first rows, or None for a header-less table."""
    for i, row in enumerate(rows[:look]):
        if is_header_row(row) and i + 1 < len(rows):
            return i
        if any(c.strip() for c in row) and not is_header_row(row) and sum(1 for c in row if c.strip()) >= 2:
            return None  # data before any header: header-less
    return None


def cells(rows: list[list[str]], where) -> "Iterator[Segment]":
    """Every non-empty cell as a Segment, with the header of its column when the table has a header row.
    ``where(row_index, col_index)`` names the cell (``sheet 社員!C5``, ``cell C5``)."""
    from crawler.model import Segment

    header_row = find_header(rows)
    headers = rows[header_row] if header_row is not None else []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if not text.strip():
                continue
            header = None
            if header_row is not None and r > header_row and c < len(headers) and headers[c].strip():
                header = headers[c].strip()
            yield Segment(text, where(r, c), header)
