"""docx (python-docx): title, paragraphs, tables with column headers, headers and footers."""
from __future__ import annotations

from typing import BinaryIO, Iterator

from crawler.extract.table import column_letter, is_header_row
from crawler.limits import Limits
from crawler.model import Segment


def _table_segments(table, label: str) -> Iterator[Segment]:
    rows = []
    for row in table.rows:
        try:
            rows.append([cell.text for cell in row.cells])
        except (IndexError, ValueError):  # malformed merged cells
            continue
    headers = rows[0] if rows and is_header_row(rows[0]) else None
    for r, row in enumerate(rows):
        seen = set()
        for c, text in enumerate(row):
            if not text.strip() or (text, r) in seen and c and row[c - 1] == text:
                continue  # merged cells repeat their text; keep the first
            seen.add((text, r))
            header = headers[c].strip() if headers and r > 0 and c < len(headers) and headers[c].strip() else None
            yield Segment(text, f"{label}!{column_letter(c)}{r + 1}", header)


def extract(fp: BinaryIO, name: str, limits: Limits, depth: int = 0) -> Iterator[Segment]:
    import docx

    document = docx.Document(fp)
    title = document.core_properties.title
    if title:
        yield Segment(title, "title")
    for i, para in enumerate(document.paragraphs, 1):
        if para.text.strip():
            yield Segment(para.text, f"paragraph {i}")
    for t, table in enumerate(document.tables, 1):
        yield from _table_segments(table, f"table {t}")
    for s, section in enumerate(document.sections, 1):
        for kind, part in (("header", section.header), ("footer", section.footer)):
            try:
                if part.is_linked_to_previous and s > 1:
                    continue
                text = "\n".join(p.text for p in part.paragraphs if p.text.strip())
            except (ValueError, KeyError):
                continue
            if text:
                yield Segment(text, kind if s == 1 else f"{kind} {s}")
            for t, table in enumerate(part.tables, 1):
                yield from _table_segments(table, f"{kind} table {t}")
