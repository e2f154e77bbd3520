"""xlsx: every sheet, every non-empty cell, with its address and its column header.

python-calamine (Rust) reads values about 9× faster than openpyxl's read-only mode (DESIGN.md §9);
openpyxl is the fallback for workbooks calamine refuses.
"""
from __future__ import annotations

from typing import BinaryIO, Iterator

from crawler.extract.table import cell_text, column_letter, find_header
from crawler.limits import Limits
from crawler.model import ExtractError, Reason, Segment

MAX_ROWS_PER_SHEET = 1_048_576


def _sheets_calamine(fp: BinaryIO) -> Iterator[tuple[str, list[list]]]:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(fp)
    for name in wb.sheet_names:
        yield name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False)


def _sheets_openpyxl(fp: BinaryIO) -> Iterator[tuple[str, list[list]]]:
    import openpyxl

    fp.seek(0)
    wb = openpyxl.load_workbook(fp, read_only=True, data_only=True)
    try:
        for ws in wb.worksheets:
            yield ws.title, [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def extract(fp: BinaryIO, name: str, limits: Limits, depth: int = 0) -> Iterator[Segment]:
    try:
        sheets = list(_sheets_calamine(fp))
    except Exception:  # calamine raises its own error types; try the reference reader before giving up
        try:
            sheets = list(_sheets_openpyxl(fp))
        except Exception as exc:
            raise ExtractError(Reason.CORRUPT, f"workbook cannot be read ({type(exc).__name__})") from None
    for sheet, raw_rows in sheets:
        rows = [[cell_text(v) for v in row] for row in raw_rows[:MAX_ROWS_PER_SHEET]]
        header_row = find_header(rows)
        headers = rows[header_row] if header_row is not None else []
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if not text.strip():
                    continue
                header = None
                if header_row is not None and r > header_row and c < len(headers) and headers[c].strip():
                    header = headers[c].strip()
                yield Segment(text, f"sheet {sheet}!{column_letter(c)}{r + 1}", header)
