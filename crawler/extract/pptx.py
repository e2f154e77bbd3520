"""pptx: text frames and tables per slide (groups looked into), and the speaker notes.

Why not python-pptx: opening a presentation builds its whole object model — every part of the package
parsed, slide masters, layouts and themes included — for a few lines of text; on the benchmark corpus it
was the most expensive reader per file (≈ 20 ms a deck). This reader parses only what holds the text:
``presentation.xml`` for the slide order, each slide and its notes slide, with lxml (python-pptx's own
parser), entities never expanded, each part opened under the archive limits.

The text is python-pptx's, and so are the locations: a text frame is its paragraphs joined by "\\n", a
paragraph its runs and fields in order with "\\v" for each line break (``a:br``); shapes in z-order, group
members in place; a table cell by cell (``slide 2!B3``, with its column header when the first row is one);
notes from the notes slide's body placeholder (tests/crawler/test_pptx_reader.py compares the two readers
on generated decks). Unlike python-pptx it does not give up on a whole deck for one shape it has no class
for (an ink ``contentPart``, a shape without geometry), a missing slide, or a table row longer than its
first.
"""
from __future__ import annotations

import zipfile
from typing import BinaryIO, Iterator

from lxml import etree

from crawler.extract.package import main_part, open_part, relationships
from crawler.extract.table import column_letter, is_header_row
from crawler.limits import Limits
from crawler.model import ExtractError, Reason, Segment

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
_NOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide"

_SP, _GRP_SP, _GRAPHIC_FRAME, _TX_BODY = _P + "sp", _P + "grpSp", _P + "graphicFrame", _P + "txBody"
_NV_SP_PR, _NV_PR, _PH = _P + "nvSpPr", _P + "nvPr", _P + "ph"
_AP, _AR, _ABR, _AFLD, _AT = _A + "p", _A + "r", _A + "br", _A + "fld", _A + "t"
_GRAPHIC, _GRAPHIC_DATA, _TBL, _TR, _TC, _A_TX_BODY = _A + "graphic", _A + "graphicData", _A + "tbl", _A + "tr", _A + "tc", _A + "txBody"


def _parse(fp):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True, remove_pis=True)
    return etree.parse(fp, parser).getroot()


def _frame_text(tx_body) -> str:
    """``TextFrame.text``: paragraphs joined by a line feed; in each, runs and fields, "\\v" per line break."""
    if tx_body is None:
        return ""
    paragraphs = []
    for p in tx_body.iterchildren(_AP):
        out = []
        for child in p:
            tag = child.tag
            if tag == _AR or tag == _AFLD:
                t = child.find(_AT)
                if t is not None and t.text:
                    out.append(t.text)
            elif tag == _ABR:
                out.append("\v")
        paragraphs.append("".join(out))
    return "\n".join(paragraphs)


def _shapes(tree) -> Iterator:
    """The shapes of a shape tree in z-order, group members in place of their group."""
    for el in tree:
        if el.tag == _GRP_SP:
            yield from _shapes(el)
        elif el.tag in (_SP, _GRAPHIC_FRAME):
            yield el


def _table_segments(tbl, slide: int) -> Iterator[Segment]:
    rows = [[_frame_text(tc.find(_A_TX_BODY)) for tc in tr.iterchildren(_TC)] for tr in tbl.iterchildren(_TR)]
    headers = rows[0] if rows and is_header_row(rows[0]) else None
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text.strip():
                header = headers[c].strip() if headers and r > 0 and c < len(headers) and headers[c].strip() else None
                yield Segment(text, f"slide {slide}!{column_letter(c)}{r + 1}", header)


def _slide_segments(root, n: int) -> Iterator[Segment]:
    tree = root.find(f"{_P}cSld/{_P}spTree")
    if tree is None:
        return
    for shape in _shapes(tree):
        if shape.tag == _SP:
            text = _frame_text(shape.find(_TX_BODY))
            if text.strip():
                yield Segment(text, f"slide {n}")
            continue
        data = shape.find(f"{_GRAPHIC}/{_GRAPHIC_DATA}")
        if data is not None and data.get("uri") == _TABLE_URI:
            tbl = data.find(_TBL)
            if tbl is not None:
                yield from _table_segments(tbl, n)


def _notes_text(root) -> str:
    """The text of a notes slide's first body placeholder (python-pptx's ``notes_text_frame``)."""
    tree = root.find(f"{_P}cSld/{_P}spTree")
    if tree is None:
        return ""
    for shape in tree.iterchildren(_SP):
        ph = shape.find(f"{_NV_SP_PR}/{_NV_PR}/{_PH}")
        if ph is not None and ph.get("type", "obj") == "body":
            return _frame_text(shape.find(_TX_BODY))
    return ""


def extract(fp: BinaryIO, name: str, limits: Limits, depth: int = 0) -> Iterator[Segment]:
    with zipfile.ZipFile(fp) as zf:
        main = main_part(zf, limits, "ppt/presentation.xml")
        part = open_part(zf, main, limits)
        if part is None:
            raise ExtractError(Reason.CORRUPT, "the package has no presentation part")
        with part:
            pres = _parse(part)
        if pres.tag != _P + "presentation":
            raise ExtractError(Reason.CORRUPT, "the main part is not a PresentationML presentation")
        rels = relationships(zf, main, limits)
        slides = [rels.get(sld.get(_R_ID) or "") for sld in pres.iterfind(f"{_P}sldIdLst/{_P}sldId")]
        for n, slide in enumerate((s for s in slides if s), 1):
            fp_slide = open_part(zf, slide, limits)
            if fp_slide is None:
                continue
            with fp_slide:
                root = _parse(fp_slide)
            yield from _slide_segments(root, n)
            notes = next((target for target, typ in relationships(zf, slide, limits, with_types=True).values() if typ == _NOTES_REL), None)
            fp_notes = open_part(zf, notes, limits) if notes else None
            if fp_notes is not None:
                with fp_notes:
                    text = _notes_text(_parse(fp_notes))
                if text.strip():
                    yield Segment(text, f"slide {n} notes")
