"""pptx (python-pptx): text frames and tables per slide, and the speaker notes."""
from __future__ import annotations

from typing import BinaryIO, Iterator

from crawler.extract.table import column_letter, is_header_row
from crawler.limits import Limits
from crawler.model import Segment


def _shapes(shapes) -> Iterator:
    for shape in shapes:
        if shape.shape_type == 6 and hasattr(shape, "shapes"):  # group
            yield from _shapes(shape.shapes)
        else:
            yield shape


def extract(fp: BinaryIO, name: str, limits: Limits, depth: int = 0) -> Iterator[Segment]:
    from pptx import Presentation

    prs = Presentation(fp)
    for n, slide in enumerate(prs.slides, 1):
        for shape in _shapes(slide.shapes):
            if getattr(shape, "has_text_frame", False) and shape.text_frame.text.strip():
                yield Segment(shape.text_frame.text, f"slide {n}")
            if getattr(shape, "has_table", False):
                rows = [[cell.text for cell in row.cells] for row in shape.table.rows]
                headers = rows[0] if rows and is_header_row(rows[0]) else None
                for r, row in enumerate(rows):
                    for c, text in enumerate(row):
                        if text.strip():
                            header = headers[c].strip() if headers and r > 0 and headers[c].strip() else None
                            yield Segment(text, f"slide {n}!{column_letter(c)}{r + 1}", header)
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame.text if slide.notes_slide.notes_text_frame else ""
            if notes.strip():
                yield Segment(notes, f"slide {n} notes")
