"""xlsx: every sheet, every non-empty cell, with its address and its column header.

python-calamine (Rust) reads values about 9× faster than openpyxl's read-only mode (DESIGN.md §9).
Both readers materialise a sheet as a dense grid, so a hostile workbook with one cell at XFD1048576
would ask for 17 billion cells: sheets whose used range exceeds ``DENSE_CELLS`` are read by a small
streaming reader over the sheet XML that visits only the cells that exist (no library offers a sparse,
streaming read of cell values). openpyxl remains the fallback for workbooks calamine refuses.
"""
from __future__ import annotations

import re
import zipfile
from typing import BinaryIO, Iterator
from xml.etree.ElementTree import iterparse

from crawler.extract.table import cell_text, cells, column_letter, find_header
from crawler.limits import Limits
from crawler.model import ExtractError, Reason, Segment

DENSE_CELLS = 2_000_000
HEADER_ROWS = 5
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _dense(rows: list[list], sheet: str) -> Iterator[Segment]:
    yield from cells([[cell_text(v) for v in row] for row in rows], lambda r, c: f"sheet {sheet}!{column_letter(c)}{r + 1}")


def _sparse_sheets(fp: BinaryIO) -> Iterator[tuple[str, Iterator[tuple[int, int, str]]]]:
    """(sheet name, iterator of (row, col, text)) straight from the XML, only cells that exist."""
    z = zipfile.ZipFile(fp)
    shared: list[str] = []
    if "xl/sharedStrings.xml" in z.namelist():
        with z.open("xl/sharedStrings.xml") as f:
            for _, el in iterparse(f):
                if el.tag == f"{_NS}si":
                    shared.append("".join(t.text or "" for t in el.iter(f"{_NS}t")))
                    el.clear()
    rels = {}
    with z.open("xl/_rels/workbook.xml.rels") as f:
        for _, el in iterparse(f):
            if el.tag.endswith("Relationship"):
                rels[el.get("Id")] = el.get("Target", "").lstrip("/")
    with z.open("xl/workbook.xml") as f:
        sheets = [(el.get("name"), rels.get(el.get(_REL), "")) for _, el in iterparse(f) if el.tag == f"{_NS}sheet"]
    for name, target in sheets:
        part = target if target.startswith("xl/") else f"xl/{target}"

        def sheet_cells(part=part) -> Iterator[tuple[int, int, str]]:
            with z.open(part) as f:
                for _, el in iterparse(f):
                    if el.tag != f"{_NS}c":
                        continue
                    m = _CELL_REF.match(el.get("r", ""))
                    v = el.find(f"{_NS}v")
                    text = None
                    if el.get("t") == "s" and v is not None and v.text is not None:
                        idx = int(v.text)
                        text = shared[idx] if 0 <= idx < len(shared) else None
                    elif el.get("t") == "inlineStr":
                        text = "".join(t.text or "" for t in el.iter(f"{_NS}t"))
                    elif v is not None:
                        raw = v.text or ""
                        try:
                            text = cell_text(float(raw)) if el.get("t") in (None, "n") else raw
                        except ValueError:
                            text = raw
                    el.clear()
                    if m and text:
                        yield int(m.group(2)) - 1, _col_index(m.group(1)), text

        yield name, sheet_cells()


def _sparse(stream: Iterator[tuple[int, int, str]], sheet: str) -> Iterator[Segment]:
    head: list[tuple[int, int, str]] = []
    rest = iter(stream)
    for cell in rest:
        head.append(cell)
        if cell[0] >= HEADER_ROWS:
            break
    rows: dict[int, list[str]] = {}
    for r, c, text in head:
        if r < HEADER_ROWS:
            row = rows.setdefault(r, [])
            row.extend([""] * (c + 1 - len(row)))
            row[c] = text
    grid = [rows.get(i, []) for i in range(max(rows) + 1)] if rows else []
    header_row = find_header(grid)
    headers = grid[header_row] if header_row is not None else []

    def emit(r: int, c: int, text: str) -> Segment:
        header = headers[c].strip() if header_row is not None and r > header_row and c < len(headers) and headers[c].strip() else None
        return Segment(text, f"sheet {sheet}!{column_letter(c)}{r + 1}", header)

    for r, c, text in head:
        if text.strip():
            yield emit(r, c, text)
    for r, c, text in rest:
        if text.strip():
            yield emit(r, c, text)


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?([0-9]+)?(?::([A-Z]{1,3})([0-9]+))?"')


def _declared_cells(fp: BinaryIO) -> int | None:
    """The largest used range any sheet declares (``<dimension ref>``, read from the head of each sheet's
    XML), or None when a sheet declares none. calamine allocates the whole range before returning a cell."""
    largest = 0
    try:
        z = zipfile.ZipFile(fp)
        for part in z.namelist():
            if not (part.startswith("xl/worksheets/") and part.endswith(".xml")):
                continue
            with z.open(part) as f:
                head = f.read(4096)
            m = _DIMENSION.search(head)
            if m is None:
                return None
            if m.group(3):
                rows = int(m.group(4)) - int(m.group(2) or 1) + 1
                cols = _col_index(m.group(3).decode()) - _col_index((m.group(1) or b"A").decode()) + 1
                largest = max(largest, rows * cols)
    except (zipfile.BadZipFile, KeyError, ValueError):
        return 0  # let the readers report the damage
    finally:
        fp.seek(0)
    return largest


def extract(fp: BinaryIO, name: str, limits: Limits, depth: int = 0) -> Iterator[Segment]:
    declared = _declared_cells(fp)
    big = declared is None or declared > DENSE_CELLS
    wb = None
    if not big:
        try:
            from python_calamine import CalamineWorkbook

            wb = CalamineWorkbook.from_filelike(fp)
            names = wb.sheet_names
        except Exception:  # calamine raises its own error types; try the reference reader before giving up
            wb = None
    if big:
        fp.seek(0)
        try:
            sheets = list(_sparse_sheets(fp))
        except (KeyError, zipfile.BadZipFile, SyntaxError) as exc:
            raise ExtractError(Reason.CORRUPT, f"workbook cannot be read ({type(exc).__name__})") from None
        for sheet, sheet_cells in sheets:
            yield from _sparse(sheet_cells, sheet)
        return
    if wb is not None:
        for sheet in names:
            yield from _dense(wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False), sheet)
        return
    try:
        import openpyxl

        fp.seek(0)
        book = openpyxl.load_workbook(fp, read_only=True, data_only=True)
    except Exception as exc:
        raise ExtractError(Reason.CORRUPT, f"workbook cannot be read ({type(exc).__name__})") from None
    try:
        for ws in book.worksheets:
            if (ws.max_row or 0) * (ws.max_column or 0) > DENSE_CELLS:
                raise ExtractError(Reason.TOO_LARGE, "sheet dimensions too large for the fallback reader")
            yield from _dense([list(r) for r in ws.iter_rows(values_only=True)], ws.title)
    finally:
        book.close()
