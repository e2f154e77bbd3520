"""The streaming pptx reader gives python-pptx's segments (the reader it replaced, kept here as the
reference) on decks generated with python-pptx: placeholders, text boxes with paragraphs and line breaks,
groups within groups, tables with and without a header row, notes, fields, pictures and connectors beside
the text, the demo's and the benchmark corpus's decks. And what python-pptx gave up on is read."""
from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from crawler.extract import extract_bytes
from crawler.extract.table import column_letter, is_header_row
from crawler.model import Reason


def _python_pptx_segments(data: bytes) -> list[tuple[str, str, str | None]]:
    """The reader this module replaced (python-pptx's object model), as it was."""
    from pptx import Presentation

    def shapes(tree):
        for shape in tree:
            if shape.shape_type == 6 and hasattr(shape, "shapes"):  # group
                yield from shapes(shape.shapes)
            else:
                yield shape

    out = []
    prs = Presentation(io.BytesIO(data))
    for n, slide in enumerate(prs.slides, 1):
        for shape in shapes(slide.shapes):
            if getattr(shape, "has_text_frame", False) and shape.text_frame.text.strip():
                out.append((f"slide {n}", shape.text_frame.text, None))
            if getattr(shape, "has_table", False):
                rows = [[cell.text for cell in row.cells] for row in shape.table.rows]
                headers = rows[0] if rows and is_header_row(rows[0]) else None
                for r, row in enumerate(rows):
                    for c, text in enumerate(row):
                        if text.strip():
                            header = headers[c].strip() if headers and r > 0 and headers[c].strip() else None
                            out.append((f"slide {n}!{column_letter(c)}{r + 1}", text, header))
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame.text if slide.notes_slide.notes_text_frame else ""
            if notes.strip():
                out.append((f"slide {n} notes", notes, None))
    return out


def _segments(data: bytes) -> list[tuple[str, str, str | None]]:
    ex = extract_bytes(data, "t.pptx")
    assert ex.problem is None, ex.problem
    assert ex.kind == "pptx"
    return [(s.where, s.text, s.header) for s in ex.segments]


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 10, 10)).save(buf, "PNG")
    return buf.getvalue()


_WORDS = ["氏名", "山田 太郎", "住所", "東京都千代田区丸の内1-1-1", "電話", "03-1234-5678", "備考", "", " ", "社外秘", "Tel", "e-mail"]


def _deck(seed: int) -> bytes:
    """A deck of a few slides whose shapes, texts and tables are drawn from ``seed``."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.util import Inches

    rng = random.Random(seed)
    word = lambda: rng.choice(_WORDS)  # noqa: E731
    prs = Presentation()
    png = io.BytesIO(_png())
    for _ in range(rng.randint(1, 4)):
        layout = rng.choice([0, 1, 5, 6])
        slide = prs.slides.add_slide(prs.slide_layouts[layout])
        if slide.shapes.title is not None and rng.random() < 0.8:
            slide.shapes.title.text = word()
        for ph in slide.placeholders:
            if ph.placeholder_format.idx == 1:
                ph.text = "\n".join(word() for _ in range(rng.randint(1, 3)))
        for _ in range(rng.randint(0, 4)):
            kind = rng.choice(["textbox", "autoshape", "table", "group", "picture", "connector"])
            if kind == "textbox":
                box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1))
                box.text_frame.text = word()
                for _ in range(rng.randint(0, 3)):
                    para = box.text_frame.add_paragraph()
                    para.text = word() + ("\v" + word() if rng.random() < 0.4 else "")  # \v: a line break
            elif kind == "autoshape":
                shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(1), Inches(2), Inches(2), Inches(1))
                if rng.random() < 0.7:
                    shape.text = word()
            elif kind == "table":
                rows, cols = rng.randint(1, 4), rng.randint(1, 4)
                table = slide.shapes.add_table(rows, cols, Inches(0.5), Inches(3), Inches(8), Inches(2)).table
                header = rng.random() < 0.5
                for r in range(rows):
                    for c in range(cols):
                        table.cell(r, c).text = (["氏名", "住所", "電話", "備考"][c] if header and r == 0 else word())
            elif kind == "group":
                group = slide.shapes.add_group_shape()
                group.shapes.add_textbox(Inches(1), Inches(4), Inches(2), Inches(1)).text_frame.text = word()
                inner = group.shapes.add_group_shape()
                inner.shapes.add_shape(MSO_SHAPE.OVAL, Inches(3), Inches(4), Inches(1), Inches(1)).text = word()
            elif kind == "picture":
                png.seek(0)
                slide.shapes.add_picture(png, Inches(5), Inches(1), Inches(1), Inches(1))
            else:
                slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(1), Inches(1), Inches(4), Inches(4))
        if rng.random() < 0.5:
            slide.notes_slide.notes_text_frame.text = word() + "\n" + word()
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("seed", range(40))
def test_segments_are_python_pptx_s_on_generated_decks(seed):
    data = _deck(seed)
    assert _segments(data) == _python_pptx_segments(data)


def test_segments_are_python_pptx_s_on_the_demo_and_benchmark_decks(tmp_path):
    from benchmarks.corpus import generate
    from inventory.demo import documents

    documents.pptx(tmp_path / "demo.pptx", [("タナオロシ・クラウド", "在庫をどこでも、すぐに。"), ("料金", "1拠点 月額9,800円から")])
    generate(tmp_path / "corpus", 40)
    decks = sorted(Path(tmp_path).rglob("*.pptx"))
    assert len(decks) >= 3
    for path in decks:
        data = path.read_bytes()
        assert _segments(data) == _python_pptx_segments(data), path.name


def _with_slide_xml(data: bytes, edit) -> bytes:
    """The deck with ``ppt/slides/slide1.xml`` rewritten by ``edit``."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "ppt/slides/slide1.xml":
                body = edit(body.decode("utf-8")).encode("utf-8")
            out.writestr(info, body)
    return buf.getvalue()


def _one_box(text: str) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1)).text_frame.text = text
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def test_a_field_is_read_like_a_run():
    data = _with_slide_xml(_one_box("担当"), lambda xml: xml.replace("</a:r>", "</a:r><a:fld id='{1}' type='slidenum'><a:t>3</a:t></a:fld>", 1))
    assert _segments(data) == _python_pptx_segments(data) == [("slide 1", "担当3", None)]


def test_an_ink_part_does_not_cost_the_deck():
    ink = "<p:contentPart xmlns:r='http://schemas.openxmlformats.org/officeDocument/2006/relationships' r:id='rId9'/>"
    data = _with_slide_xml(_one_box("氏名 山田"), lambda xml: xml.replace("</p:spTree>", ink + "</p:spTree>"))
    with pytest.raises(AttributeError):
        _python_pptx_segments(data)  # python-pptx has no shape class for it and gave up on the whole deck
    assert _segments(data) == [("slide 1", "氏名 山田", None)]


def test_entities_are_not_expanded():
    data = _with_slide_xml(_one_box("X"), lambda xml: xml.replace("<a:t>X</a:t>", "<a:t>&ent;</a:t>").replace("<p:sld ", "<!DOCTYPE p:sld [<!ENTITY ent 'EXPANDED'>]><p:sld ", 1))
    ex = extract_bytes(data, "t.pptx")
    assert all("EXPANDED" not in s.text for s in ex.segments)


def test_a_deck_without_a_presentation_part_is_corrupt():
    src = zipfile.ZipFile(io.BytesIO(_one_box("x")))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            if info.filename != "ppt/presentation.xml":
                out.writestr(info, src.read(info))
    ex = extract_bytes(buf.getvalue(), "t.pptx")
    assert ex.problem is not None and ex.problem.reason in (Reason.CORRUPT, Reason.UNSUPPORTED)
