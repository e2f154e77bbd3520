"""docx: body paragraphs, tables with column headers, headers and footers, comments, foot/endnotes.

Why not python-docx: its object model parses every part of the package (styles, numbering, settings,
themes) and builds Python objects for each run; on the benchmark corpus it was the most expensive
reader of the per-file task (14 %, docs/benchmarks.md). Text needs none of that: this reader streams
each XML part it needs with lxml's ``iterparse`` (lxml is python-docx's own parser) and clears what it
has read, so memory stays bounded by the largest body-level element, not the document.

It also reads what python-docx's ``paragraph.text`` leaves out and a data inventory must not: text in
tracked insertions and deletions (``w:ins``, ``w:delText`` — deleted text is still in the file), text
boxes, content controls (``w:sdt``), nested tables (inside their cell's text), comments, footnotes and
endnotes, and Strict OOXML files (their own namespace).

Locations: ``paragraph N`` counts body-level paragraphs (empty ones included, as Word shows them),
``table T!C2`` names a cell by grid column (merged cells once, at their first column), ``header`` /
``footer`` (``header 2`` for the second section, ``header (first)`` for a first-page header),
``comment N``, ``footnote N``, ``endnote N``, ``title`` (core properties).
"""
from __future__ import annotations

import posixpath
import zipfile
from functools import lru_cache
from typing import BinaryIO, Iterator

from lxml import etree

from crawler.extract.package import main_part, open_part, relationships
from crawler.extract.table import column_letter, is_header_row
from crawler.limits import Limits
from crawler.model import ExtractError, Reason, Segment

_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # Strict OOXML
)
_REL_NS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


class _Names:
    """Qualified tag names in the namespace the document uses (transitional or strict)."""

    def __init__(self, ns: str):
        w = "{%s}" % ns
        self.body, self.p, self.tbl, self.tr, self.tc, self.sdt, self.sdt_content = (w + t for t in ("body", "p", "tbl", "tr", "tc", "sdt", "sdtContent"))
        self.t, self.del_text, self.tab, self.br, self.cr, self.nb_hyphen = (w + t for t in ("t", "delText", "tab", "br", "cr", "noBreakHyphen"))
        self.tc_pr, self.grid_span, self.v_merge, self.val, self.type, self.id = (w + t for t in ("tcPr", "gridSpan", "vMerge", "val", "type", "id"))
        self.sect_pr, self.header_ref, self.footer_ref = (w + t for t in ("sectPr", "headerReference", "footerReference"))
        self.comment, self.footnote, self.endnote = (w + t for t in ("comment", "footnote", "endnote"))
        self.text_tags = (self.t, self.del_text, self.tab, self.br, self.cr, self.nb_hyphen, self.p)
        self.chars = {self.tab: "\t", self.br: "\n", self.cr: "\n", self.nb_hyphen: "-"}


def _text(el, n: _Names) -> str:
    """The text of a paragraph or a table cell: runs in order, a line break between paragraphs
    (nested ones: text boxes, a cell's paragraphs, nested tables)."""
    out: list[str] = []
    for node in el.iter(*n.text_tags):
        tag = node.tag
        if tag == n.p:
            if node is not el and out:
                out.append("\n")
        elif tag == n.t or tag == n.del_text:
            if node.text:
                out.append(node.text)
        else:
            out.append(n.chars[tag])
    return "".join(out)


def _children(el, tag: str, n: _Names) -> Iterator:
    """Children with ``tag``, looking through content controls (``w:sdt``/``w:sdtContent``)."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == n.sdt:
            for content in child.iterchildren(n.sdt_content):
                yield from _children(content, tag, n)


def _table_segments(tbl, label: str, n: _Names) -> Iterator[Segment]:
    rows: list[dict[int, str]] = []
    for tr in _children(tbl, n.tr, n):
        row: dict[int, str] = {}
        col = 0
        for tc in _children(tr, n.tc, n):
            span, continued = 1, False
            pr = tc.find(n.tc_pr)
            if pr is not None:
                gs = pr.find(n.grid_span)
                if gs is not None and (gs.get(n.val) or "").isdigit():
                    span = max(1, min(int(gs.get(n.val)), 64))
                vm = pr.find(n.v_merge)
                continued = vm is not None and vm.get(n.val, "continue") == "continue"
            if not continued:  # a vertically merged cell holds its text in the first row only
                row[col] = _text(tc, n)
            col += span
        rows.append(row)
    width = max((max(r) + 1 for r in rows if r), default=0)
    first = [rows[0].get(c, "") for c in range(width)] if rows else []
    headers = first if first and is_header_row(first) else None
    for r, row in enumerate(rows):
        for c, text in sorted(row.items()):
            if not text.strip():
                continue
            header = headers[c].strip() if headers and r > 0 and c < len(headers) and headers[c].strip() else None
            yield Segment(text, f"{label}!{column_letter(c)}{r + 1}", header)


def _iterparse(fp, local_names: tuple[str, ...]):
    """Events for these WordprocessingML elements only (in either namespace) and mc:Fallback: lxml
    filters the rest in C, so Python sees a few events per paragraph, not one per run."""
    tags = [f"{{{ns}}}{t}" for ns in _NAMESPACES for t in local_names] + [_MC_FALLBACK]
    return etree.iterparse(fp, events=("start", "end"), tag=tags, resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True, remove_pis=True)


def _names_of(el) -> _Names | None:
    ns = el.tag[1:].split("}", 1)[0] if el.tag.startswith("{") else ""
    return _names(ns) if ns in _NAMESPACES else None


@lru_cache(maxsize=len(_NAMESPACES))
def _names(ns: str) -> _Names:
    return _Names(ns)


def _body(fp, sections: list) -> Iterator[Segment]:
    """Body paragraphs and tables of the main document part, streamed. ``sections`` collects the section
    references (header/footer) met on the way, in section order."""
    n: _Names | None = None
    body = None  # the body element, once seen
    paragraphs = tables = 0
    for event, el in _iterparse(fp, ("body", "p", "tbl", "sectPr")):
        if event == "start":
            if body is None and el.tag != _MC_FALLBACK and el.tag.endswith("}body"):
                body, n = el, _names_of(el)
            continue
        if n is None:
            continue
        if el.tag == _MC_FALLBACK:  # the same content as its mc:Choice, for older readers
            el.clear()
            continue
        if el.tag == n.sect_pr:
            refs = [(ref.tag == n.header_ref and "header" or "footer", ref.get(n.type) or "default", _rel_id(ref)) for ref in el if ref.tag in (n.header_ref, n.footer_ref)]
            sections.append(refs)
            continue
        if body is None or el.tag not in (n.p, n.tbl):
            continue
        parent = el.getparent()
        at_body = parent is body or (parent is not None and parent.tag == n.sdt_content and _under_body(parent, body, n))
        if not at_body:
            continue
        if el.tag == n.p:
            paragraphs += 1
            text = _text(el, n)
            if text.strip():
                yield Segment(text, f"paragraph {paragraphs}")
        else:
            tables += 1
            yield from _table_segments(el, f"table {tables}", n)
        el.clear()
        while el.getprevious() is not None:  # drop what was read: memory stays bounded
            del parent[0]
    if body is None:
        raise ExtractError(Reason.CORRUPT, "the main document part has no WordprocessingML body")


def _under_body(el, body, n: _Names) -> bool:
    while el is not None:
        if el is body:
            return True
        if el.tag not in (n.sdt, n.sdt_content):
            return False
        el = el.getparent()
    return False


def _rel_id(ref) -> str | None:
    for ns in _REL_NS:
        value = ref.get("{%s}id" % ns)
        if value:
            return value
    return None


def _story(fp, label: str) -> Iterator[Segment]:
    """A header or footer part: its paragraphs as one segment, its tables cell by cell."""
    root = etree.parse(fp, etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)).getroot()
    n = _names_of(root)
    if n is None:
        return
    for fb in root.iter(_MC_FALLBACK):
        fb.clear()
    lines = [t for t in (_text(p, n) for p in _children(root, n.p, n)) if t.strip()]
    if lines:
        yield Segment("\n".join(lines), label)
    for t, tbl in enumerate(_children(root, n.tbl, n), 1):
        yield from _table_segments(tbl, f"{label} table {t}", n)


def _notes(fp, label: str) -> Iterator[Segment]:
    """comments.xml, footnotes.xml, endnotes.xml: one segment per note (separators skipped)."""
    count = 0
    for event, el in _iterparse(fp, ("comment", "footnote", "endnote")):
        if event != "end":
            continue
        n = _names_of(el) if el.tag != _MC_FALLBACK else None
        if el.tag == _MC_FALLBACK:
            el.clear()
        elif n is not None:
            if (el.get(n.type) or "normal") == "normal":
                count += 1
                text = _text(el, n)
                if text.strip():
                    yield Segment(text, f"{label} {count}")
            el.clear()


def extract(fp: BinaryIO, name: str, limits: Limits, depth: int = 0) -> Iterator[Segment]:
    with zipfile.ZipFile(fp) as zf:
        core = open_part(zf, "docProps/core.xml", limits)
        if core is not None:
            with core:
                root = etree.parse(core, etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
                title = root.findtext(_DC_TITLE)
                if title and title.strip():
                    yield Segment(title, "title")
        main = main_part(zf, limits, "word/document.xml")
        doc = open_part(zf, main, limits)
        if doc is None:
            raise ExtractError(Reason.CORRUPT, "the package has no main document part")
        sections: list = []
        with doc:
            yield from _body(doc, sections)
        rels = relationships(zf, main, limits)
        seen: set[str] = set()
        for s, refs in enumerate(sections, 1):
            for kind, typ, rid in refs:
                part = rels.get(rid or "")
                if not part or part in seen:
                    continue
                seen.add(part)
                label = kind if s == 1 else f"{kind} {s}"
                if typ != "default":
                    label += f" ({typ})"
                story = open_part(zf, part, limits)
                if story is not None:
                    with story:
                        yield from _story(story, label)
        base = posixpath.dirname(main)
        for part, label in (("comments.xml", "comment"), ("footnotes.xml", "footnote"), ("endnotes.xml", "endnote")):
            notes = open_part(zf, posixpath.join(base, part), limits)
            if notes is not None:
                with notes:
                    yield from _notes(notes, label)
