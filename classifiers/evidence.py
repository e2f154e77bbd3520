"""Where findings are, said briefly: cell addresses compressed into ranges, pages into spans.

``sheet 社員!C2``…``sheet 社員!C13`` → ``sheet 社員!C2:C13``; ``page 1``, ``page 2``, ``page 3`` → ``pages 1–3``.
"""
from __future__ import annotations

import re
from collections import defaultdict

_CELL = re.compile(r"^(?P<prefix>.*!)(?P<col>[A-Z]{1,3})(?P<row>[0-9]+)$")
_CSV_CELL = re.compile(r"^cell (?P<col>[A-Z]{1,3})(?P<row>[0-9]+)$")
_PAGE = re.compile(r"^page (?P<n>[0-9]+)$")


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def compress(wheres: list[str], max_items: int = 4) -> str:
    cells: dict[tuple[str, str], list[int]] = defaultdict(list)
    pages: list[int] = []
    other: list[str] = []
    for w in dict.fromkeys(wheres):
        if m := _CELL.match(w):
            cells[(m["prefix"], m["col"])].append(int(m["row"]))
        elif m := _CSV_CELL.match(w):
            cells[("cell ", m["col"])].append(int(m["row"]))
        elif m := _PAGE.match(w):
            pages.append(int(m["n"]))
        else:
            other.append(w)
    parts = []
    for (prefix, col), rows in cells.items():
        for a, b in _runs(rows):
            parts.append(f"{prefix}{col}{a}" if a == b else f"{prefix}{col}{a}:{col}{b}")
    for a, b in _runs(pages):
        parts.append(f"page {a}" if a == b else f"pages {a}–{b}")
    parts.extend(other)
    if len(parts) > max_items:
        return ", ".join(parts[:max_items]) + f" … (+{len(parts) - max_items})"
    return ", ".join(parts)


def row_key(where: str) -> str | None:
    """The table row a location belongs to (``sheet 顧客!C12`` → ``sheet 顧客!12``), or None."""
    if m := _CELL.match(where):
        return f"{m['prefix']}{m['row']}"
    if m := _CSV_CELL.match(where):
        return f"cell {m['row']}"
    return None
