"""The streaming docx reader on hand-written WordprocessingML: what Word puts in files and python-docx's
``paragraph.text`` leaves out (tracked changes, text boxes, content controls, comments, notes, nested
tables, Strict OOXML), merged cells, and hostile XML. Each case is a package built here, part by part."""
from __future__ import annotations

import io
import zipfile

import pytest

from crawler.extract import extract_bytes
from crawler.model import Reason

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def p(*runs: str) -> str:
    return "<w:p>" + "".join(f"<w:r><w:t xml:space='preserve'>{r}</w:t></w:r>" for r in runs) + "</w:p>"


def tc(text: str, props: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{p(text) if text else '<w:p/>'}</w:tc>"


def package(body: str, *, ns: str = W, parts: dict[str, str] | None = None, rels: list[tuple[str, str, str]] = (), sect: str = "") -> bytes:
    parts = dict(parts or {})
    doc = f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?><w:document xmlns:w='{ns}' xmlns:r='{R}' xmlns:mc='{MC}'><w:body>{body}{sect}</w:body></w:document>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>")
        z.writestr("_rels/.rels", f"<Relationships xmlns='{REL}'><Relationship Id='rId1' Type='{RT}/officeDocument' Target='word/document.xml'/></Relationships>")
        z.writestr("word/document.xml", doc)
        z.writestr("word/_rels/document.xml.rels", f"<Relationships xmlns='{REL}'>" + "".join(f"<Relationship Id='{i}' Type='{RT}/{t}' Target='{target}'/>" for i, t, target in rels) + "</Relationships>")
        for name, xml in parts.items():
            z.writestr(name, xml)
    return buf.getvalue()


def segments(data: bytes) -> list[tuple[str, str, str | None]]:
    ex = extract_bytes(data, "t.docx")
    assert ex.problem is None, ex.problem
    assert ex.kind == "docx"
    return [(s.where, s.text, s.header) for s in ex.segments]


def test_paragraphs_are_numbered_as_word_shows_them_empty_ones_included():
    assert segments(package(p("一行目") + "<w:p/>" + p("三", "行目"))) == [("paragraph 1", "一行目", None), ("paragraph 3", "三行目", None)]


def test_tabs_breaks_and_hyphens_inside_a_paragraph():
    body = "<w:p><w:r><w:t>氏名</w:t><w:tab/><w:t>山田</w:t><w:br/><w:t>090</w:t><w:noBreakHyphen/><w:t>1</w:t></w:r></w:p>"
    assert segments(package(body)) == [("paragraph 1", "氏名\t山田\n090-1", None)]


def test_tracked_insertions_and_deletions_are_read():
    body = "<w:p><w:r><w:t>担当 </w:t></w:r><w:ins w:id='1' w:author='a'><w:r><w:t>追加</w:t></w:r></w:ins><w:del w:id='2' w:author='a'><w:r><w:delText>削除した文字</w:delText></w:r></w:del></w:p>"
    assert segments(package(body)) == [("paragraph 1", "担当 追加削除した文字", None)]


def test_a_text_box_is_read_once_not_again_from_its_fallback():
    box = f"<w:txbxContent>{p('枠内の文字')}</w:txbxContent>"
    body = f"<w:p><w:r><w:t>本文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing>{box}</w:drawing></mc:Choice><mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    assert segments(package(body)) == [("paragraph 1", "本文\n枠内の文字", None)]


def test_content_controls_at_body_level_and_in_tables():
    body = f"<w:sdt><w:sdtContent>{p('入力欄の文字')}</w:sdtContent></w:sdt>" + (
        f"<w:tbl><w:tr>{tc('氏名')}{tc('電話')}</w:tr><w:sdt><w:sdtContent><w:tr>{tc('山田 太郎')}<w:sdt><w:sdtContent>{tc('03-1234-5678')}</w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt></w:tbl>"
    )
    assert segments(package(body)) == [
        ("paragraph 1", "入力欄の文字", None),
        ("table 1!A1", "氏名", None),
        ("table 1!B1", "電話", None),
        ("table 1!A2", "山田 太郎", "氏名"),
        ("table 1!B2", "03-1234-5678", "電話"),
    ]


RESTART = '<w:vMerge w:val="restart"/>'
SPAN2 = '<w:gridSpan w:val="2"/>'


def test_merged_cells_once_at_their_first_grid_column_and_equal_neighbours_kept():
    body = (
        "<w:tbl>"
        f"<w:tr>{tc('氏名')}{tc('評価')}{tc('総合')}</w:tr>"
        f"<w:tr>{tc('山田 太郎', RESTART)}{tc('S')}{tc('S')}</w:tr>"  # equal neighbours are two cells
        f"<w:tr>{tc('', '<w:vMerge/>')}{tc('所見', SPAN2)}</w:tr>"
        "</w:tbl>"
    )
    assert segments(package(body))[3:] == [
        ("table 1!A2", "山田 太郎", "氏名"),
        ("table 1!B2", "S", "評価"),
        ("table 1!C2", "S", "総合"),
        ("table 1!B3", "所見", "評価"),
    ]


def test_a_nested_table_is_part_of_its_cells_text():
    inner = f"<w:tbl><w:tr>{tc('内側の表')}</w:tr></w:tbl>"
    body = f"<w:tbl><w:tr><w:tc>{p('外側')}{inner}</w:tc></w:tr></w:tbl>"
    assert segments(package(body)) == [("table 1!A1", "外側\n内側の表", None)]


def test_headers_footers_by_section_comments_and_notes():
    hdr = f"<w:hdr xmlns:w='{W}'>{p('社外秘 人事部')}</w:hdr>"
    first = f"<w:hdr xmlns:w='{W}'>{p('表紙')}</w:hdr>"
    ftr = f"<w:ftr xmlns:w='{W}'>{p('1 / 3')}</w:ftr>"
    comments = f"<w:comments xmlns:w='{W}'><w:comment w:id='0' w:author='x'>{p('確認してください')}</w:comment></w:comments>"
    notes = f"<w:footnotes xmlns:w='{W}'><w:footnote w:type='separator' w:id='-1'>{p('---')}</w:footnote><w:footnote w:id='1'>{p('注記の本文')}</w:footnote></w:footnotes>"
    sect = "<w:sectPr><w:headerReference w:type='default' r:id='h1'/><w:headerReference w:type='first' r:id='h2'/><w:footerReference w:type='default' r:id='f1'/></w:sectPr>"
    data = package(
        p("本文"),
        sect=sect,
        rels=[("h1", "header", "header1.xml"), ("h2", "header", "header2.xml"), ("f1", "footer", "footer1.xml")],
        parts={"word/header1.xml": hdr, "word/header2.xml": first, "word/footer1.xml": ftr, "word/comments.xml": comments, "word/footnotes.xml": notes},
    )
    assert segments(data) == [
        ("paragraph 1", "本文", None),
        ("header", "社外秘 人事部", None),
        ("header (first)", "表紙", None),
        ("footer", "1 / 3", None),
        ("comment 1", "確認してください", None),
        ("footnote 1", "注記の本文", None),
    ]


def test_second_section_header_is_labelled_with_its_section():
    hdr2 = f"<w:hdr xmlns:w='{W}'>{p('第二部')}</w:hdr>"
    body = f"<w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>一部</w:t></w:r></w:p>{p('二部')}"
    data = package(body, sect="<w:sectPr><w:headerReference w:type='default' r:id='h2'/></w:sectPr>", rels=[("h2", "header", "header2.xml")], parts={"word/header2.xml": hdr2})
    assert ("header 2", "第二部", None) in segments(data)


def test_strict_ooxml_is_read():
    assert segments(package(p("厳格な形式").replace("<w:p>", "<w:p>"), ns=STRICT)) == [("paragraph 1", "厳格な形式", None)]


def test_title_from_core_properties():
    core = "<cp:coreProperties xmlns:cp='http://schemas.openxmlformats.org/package/2006/metadata/core-properties' xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:title>顧客名簿</dc:title></cp:coreProperties>"
    assert segments(package(p("本文"), parts={"docProps/core.xml": core}))[0] == ("title", "顧客名簿", None)


def test_entities_are_not_expanded():
    lol = "<!DOCTYPE w:document [<!ENTITY a 'ああああああああああ'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]>"
    doc = f"<?xml version='1.0'?>{lol}<w:document xmlns:w='{W}'><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>"
    data = package("")
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, doc if info.filename == "word/document.xml" else src.read(info))
    ex = extract_bytes(buf.getvalue(), "t.docx")
    assert ex.chars < 1000  # the entity is left unexpanded (or the part refused), never 1,000× its size


@pytest.mark.parametrize(
    "doc,reason",
    [
        ("<not-word/>", Reason.CORRUPT),  # a main part that is not WordprocessingML
        (f"<w:document xmlns:w='{W}'><w:body><w:p>", Reason.CORRUPT),  # truncated XML
    ],
)
def test_broken_main_parts_are_corrupt(doc, reason):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("_rels/.rels", f"<Relationships xmlns='{REL}'><Relationship Id='rId1' Type='{RT}/officeDocument' Target='word/document.xml'/></Relationships>")
        z.writestr("word/document.xml", doc)
    ex = extract_bytes(buf.getvalue(), "t.docx")
    assert ex.problem is not None and ex.problem.reason is reason


def test_a_part_that_expands_like_a_bomb_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", f"<w:document xmlns:w='{W}'><w:body>" + " " * (300 * 1024 * 1024) + "</w:body></w:document>")
    ex = extract_bytes(buf.getvalue(), "t.docx")
    assert ex.problem is not None and ex.problem.reason is Reason.ARCHIVE_LIMIT
