"""Writers for the demo's documents, each reproducible byte for byte (fixed timestamps, fixed boundaries)."""
from __future__ import annotations

import codecs
import csv
import io
import os
import subprocess
import zipfile
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

FIXED = datetime(2026, 10, 1, 9, 0, 0)
FIXED_ZIP_TIME = (2026, 10, 1, 9, 0, 0)


class FontMissing(RuntimeError):
    pass


def japanese_font() -> str:
    candidates = [
        "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
        "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    ]
    for path in candidates:
        if os.path.exists(path):
            return path
    try:
        out = subprocess.run(["fc-list", ":lang=ja", "file"], capture_output=True, text=True, timeout=20).stdout
        for line in out.splitlines():
            path = line.split(":")[0].strip()
            if path.endswith((".ttf", ".otf")):
                return path
    except (OSError, subprocess.SubprocessError):
        pass
    raise FontMissing("no Japanese TrueType font found for the demo PDFs: install the Debian package fonts-ipafont-gothic")


def fix_zip_times(path: Path) -> None:
    """Rewrite an OOXML/zip file with fixed entry times, so the same input gives the same bytes."""
    with zipfile.ZipFile(path) as z:
        entries = [(info, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            z.writestr(fixed, data)


def xlsx(path: Path, sheets: dict[str, list[list]], widths: dict[str, int] | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for col, width in (widths or {}).items():
            ws.column_dimensions[col].width = width
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "demo"
    wb.save(path)
    fix_zip_times(path)


def docx(path: Path, title: str, paragraphs: list[str], table: list[list[str]] | None = None, header: str | None = None, pictures: list[bytes] = ()) -> None:
    """``pictures``: JPEG or PNG images placed after the paragraphs (as Word embeds them: a media part)."""
    import docx as python_docx
    from docx.shared import Cm

    doc = python_docx.Document()
    doc.core_properties.title = title
    doc.core_properties.created = FIXED
    doc.core_properties.modified = FIXED
    doc.core_properties.last_printed = FIXED
    doc.core_properties.author = "demo"
    doc.core_properties.revision = 1
    doc.add_heading(title, level=1)
    for p in paragraphs:
        doc.add_paragraph(p)
    for picture in pictures:
        doc.add_picture(io.BytesIO(picture), width=Cm(12))
    if table:
        t = doc.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = str(value)
    if header:
        doc.sections[0].header.paragraphs[0].text = header
    doc.save(path)
    fix_zip_times(path)


def pptx(path: Path, slides: list[tuple[str, str]], pictures: dict[int, bytes] | None = None) -> None:
    """``pictures``: slide index → an image placed on that slide beside its text."""
    from pptx import Presentation
    from pptx.util import Cm

    prs = Presentation()
    prs.core_properties.created = FIXED
    prs.core_properties.modified = FIXED
    prs.core_properties.last_printed = FIXED
    prs.core_properties.revision = 1
    for k, (title, body) in enumerate(slides):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = body
        picture = (pictures or {}).get(k)
        if picture is not None:
            slide.shapes.add_picture(io.BytesIO(picture), Cm(14), Cm(5), width=Cm(10))
    prs.save(path)
    fix_zip_times(path)


def pdf(path: Path, title: str, lines: list[str], picture: bytes | None = None) -> None:
    """``picture``: an image on the first page under the title (a page with a text layer: never OCR'd)."""
    from fpdf import FPDF

    doc = FPDF()
    doc.set_creation_date(FIXED.replace(tzinfo=timezone.utc))
    doc.set_title(title)
    doc.add_font("jp", "", japanese_font())
    doc.add_page()
    doc.set_font("jp", size=16)
    doc.cell(0, 12, title, new_x="LMARGIN", new_y="NEXT")
    if picture is not None:
        doc.image(io.BytesIO(picture), w=120)
    doc.set_font("jp", size=10)
    for line in lines:
        doc.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    doc.output(str(path))


def csv_file(path: Path, rows: list[list], encoding: str) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    data = buf.getvalue()
    if encoding == "utf-8-sig":
        path.write_bytes(codecs.BOM_UTF8 + data.encode("utf-8"))
    else:
        path.write_bytes(data.encode(encoding))


def text(path: Path, content: str, encoding: str = "utf-8") -> None:
    path.write_bytes(content.encode(encoding))


def eml(path: Path, sender: str, to: str, subject: str, body: str, attachments: list[tuple[str, bytes, str]]) -> None:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(FIXED.replace(tzinfo=timezone.utc))
    msg["Message-ID"] = "<demo-0001@example.co.jp>"
    msg.set_content(body, charset="iso-2022-jp", cte="7bit")
    for name, data, mime in attachments:
        maintype, subtype = mime.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    msg.set_boundary("==tanaoroshi-demo-boundary==")
    path.write_bytes(bytes(msg))


class _Cp932Info(zipfile.ZipInfo):
    """zipfile writes non-ASCII names as UTF-8 with the UTF-8 flag; Japanese Windows writes CP932 bytes
    without it. This ZipInfo writes the latter, as the archives found on real shares are."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("cp932"), self.flag_bits


def plain_zip_cp932(path: Path, members: list[tuple[str, bytes]]) -> None:
    """A zip as Japanese Windows writes it: CP932 member names without the UTF-8 flag."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = _Cp932Info(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def encrypted_zip(path: Path, members: list[tuple[str, bytes]], password: bytes) -> None:
    import pyzipper

    with pyzipper.AESZipFile(path, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as z:
        z.setpassword(password)
        for name, data in members:
            z.writestr(name, data)
