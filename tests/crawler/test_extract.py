"""Extractors on real files the test writes: the same payload in every container, and the broken ones."""
from __future__ import annotations

import io
import os
import zipfile

import pytest

from crawler.extract import extract_bytes, extract_path, prefixed
from crawler.extract.text import decode
from crawler.limits import Limits
from crawler.model import Reason
from tests.crawler import payload
from tests.crawler.conftest import run_as_nobody


@pytest.fixture(scope="module")
def table():
    return payload.rows()


@pytest.fixture(scope="module")
def files(tmp_path_factory, table):
    return payload.write_all(tmp_path_factory.mktemp("payload"), table)


def _texts(extracted):
    segs = list(extracted.segments) + [s for m in extracted.members for s in prefixed(m.extracted, m.name)]
    return segs, "\n".join(s.text for s in segs)


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pptx", "pdf", "csv_cp932", "csv_bom", "txt_eucjp", "eml", "zip"])
def test_every_container_yields_the_payload(files, table, fmt):
    extracted = extract_path(str(files[fmt]))
    assert extracted.problem is None, f"{fmt}: {extracted.problem}"
    segs, text = _texts(extracted)
    missing = [(r, c) for r, row in enumerate(table) for c, v in enumerate(row) if v not in text]
    assert not missing, f"{fmt}: {len(missing)} payload cells missing (row, col): {missing[:5]}"


@pytest.mark.parametrize(
    "fmt,where,header",
    [
        ("xlsx", "sheet 社員!C2", "個人番号"),
        ("docx", "table 1!C2", "個人番号"),
        ("pptx", "slide 1!C2", "個人番号"),
        ("csv_cp932", "cell C2", "個人番号"),
        ("csv_bom", "cell C2", "個人番号"),
        ("eml", "attachment 名簿.xlsx › sheet 社員!C2", "個人番号"),
    ],
)
def test_table_cells_keep_address_and_header(files, table, fmt, where, header):
    segs, _ = _texts(extract_path(str(files[fmt])))
    seg = next((s for s in segs if s.where == where), None)
    assert seg is not None, f"{fmt}: no segment at {where}"
    assert seg.header == header
    assert seg.text == table[1][2]


def test_pdf_pages_and_text_locations(files):
    extracted = extract_path(str(files["pdf"]))
    assert extracted.kind == "pdf" and [s.where for s in extracted.segments] == ["page 1"]


def test_zip_members_are_assets_with_cp932_names(files):
    extracted = extract_path(str(files["zip"]))
    assert [m.name for m in extracted.members] == ["資料/名簿.xlsx", "資料/名簿.csv"]
    assert all(m.content_hash and m.extracted.segments for m in extracted.members)


def test_eml_headers_body_and_attachment(files):
    extracted = extract_path(str(files["eml"]))
    wheres = {s.where for s in extracted.segments}
    assert {"header From", "header Subject", "body"} <= wheres
    assert any(w.startswith("attachment 名簿.xlsx › sheet 社員!") for w in wheres)
    assert any("社員名簿を添付します" in s.text for s in extracted.segments)  # ISO-2022-JP body decoded


@pytest.mark.parametrize(
    "encoding,sample",
    [
        ("cp932", "顧客メモ 山田様 来週訪問予定。ご住所変更の連絡あり。"),
        ("euc_jp", "顧客メモ 山田様 来週訪問予定。ご住所変更の連絡あり。"),
        ("utf-8", "顧客メモ 山田様 来週訪問予定。"),
        ("cp932", "①髙橋様 ﾃｽﾄ"),  # CP932-only characters (NEC/IBM extensions, half-width kana)
        ("euc_jp", "短い"),
        ("cp932", "短い"),
    ],
)
def test_japanese_encodings_are_decided_right(encoding, sample):
    text, detected = decode(sample.encode(encoding))
    assert text == sample, f"{encoding} decoded as {detected}"


def test_broken_multibyte_does_not_stop_reading():
    data = (
        "前半は正常です。\n".encode("cp932")
        + b"\x82\xff\x82\n"  # a broken multibyte sequence
        + "この行はUTF-8です。\n".encode("utf-8")  # a line pasted from another encoding
        + "後半も読めます。\n".encode("cp932")
    )
    extracted = extract_bytes(data, "mixed.txt")
    assert extracted.problem is None
    text = extracted.segments[0].text
    assert "前半は正常です" in text and "この行はUTF-8です" in text and "後半も読めます" in text


def test_password_zip_aes_is_encrypted(tmp_path, table):
    from inventory.demo.documents import encrypted_zip

    path = tmp_path / "ppap.zip"
    encrypted_zip(path, [("名簿.csv", payload.csv_text(table).encode("cp932"))], b"pw")
    extracted = extract_path(str(path))
    assert extracted.problem.reason is Reason.ENCRYPTED and not extracted.problem.partial
    assert extracted.members[0].extracted.problem.reason is Reason.ENCRYPTED


def test_password_zip_zipcrypto_is_encrypted(tmp_path, files):
    path = tmp_path / "legacy.zip"
    if not payload.zipcrypto(path, files["csv_cp932"]):
        pytest.skip("Info-ZIP zip is not installed (Debian package zip; make test installs it)")
    assert extract_path(str(path)).problem.reason is Reason.ENCRYPTED


def test_partly_encrypted_zip_keeps_what_it_read(tmp_path, files):
    import pyzipper

    path = tmp_path / "mixed.zip"
    with pyzipper.AESZipFile(path, "w", encryption=pyzipper.WZ_AES) as z:
        z.setpassword(b"pw")
        z.writestr("secret.txt", "秘密")
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("open.txt", "公開 090-1234-5678")
    extracted = extract_path(str(path))
    assert extracted.problem.reason is Reason.ENCRYPTED and extracted.problem.partial
    assert any(m.extracted.segments for m in extracted.members)


def test_encrypted_office_document(tmp_path, files):
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with open(files["xlsx"], "rb") as fp:
        OOXMLFile(fp).encrypt("pw", out)
    path = tmp_path / "locked.xlsx"
    path.write_bytes(out.getvalue())
    assert extract_path(str(path)).problem.reason is Reason.ENCRYPTED


def test_encrypted_pdf(tmp_path, files):
    import pypdfium2  # noqa: F401  (PDFium reads it; fpdf2 writes it)
    from fpdf import FPDF

    doc = FPDF()
    doc.set_encryption(owner_password="owner", user_password="user")
    doc.add_page()
    doc.set_font("helvetica", size=12)
    doc.cell(0, 10, "secret")
    path = tmp_path / "locked.pdf"
    doc.output(str(path))
    assert extract_path(str(path)).problem.reason is Reason.ENCRYPTED


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pptx", "pdf"])
def test_truncated_documents_are_corrupt(tmp_path, files, fmt):
    data = files[fmt].read_bytes()
    path = tmp_path / f"cut.{files[fmt].suffix[1:]}"
    path.write_bytes(data[: len(data) // 3])
    extracted = extract_path(str(path))
    assert extracted.problem is not None and extracted.problem.reason is Reason.CORRUPT


def test_docx_that_is_really_a_png(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    extracted = extract_path(str(path))
    assert extracted.problem.reason is Reason.CORRUPT and "PNG" in extracted.problem.message


def test_zip_bomb_ratio_and_member_count(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.txt", b"0" * (50 * 1024 * 1024))
    assert extract_path(str(bomb)).problem.reason is Reason.ARCHIVE_LIMIT
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(30):
            z.writestr(f"f{i}.txt", "x")
    extracted = extract_path(str(many), Limits(archive_members=10))
    assert extracted.problem.reason is Reason.ARCHIVE_LIMIT and len(extracted.members) == 10


def test_nested_archives_stop_at_the_depth_limit(tmp_path):
    data = b"hello"
    name = "a.txt"
    for depth in range(6):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(name, data)
        data, name = buf.getvalue(), f"level{depth}.zip"
    extracted = extract_bytes(data, "outer.zip", Limits(archive_depth=3))
    deepest = extracted
    while deepest.members:
        deepest = deepest.members[0].extracted
    assert deepest.problem.reason is Reason.ARCHIVE_LIMIT


def test_file_over_the_size_limit_is_not_opened(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    assert extract_path(str(path), Limits(max_file_bytes=1024)).problem.reason is Reason.TOO_LARGE


def test_text_over_the_char_limit_is_partial(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("あ" * 5000 + "\n", encoding="utf-8")
    extracted = extract_path(str(path), Limits(max_chars=1000))
    assert extracted.problem.reason is Reason.TOO_LARGE and extracted.problem.partial and extracted.chars == 1000


def test_unknown_binary_is_unsupported(tmp_path):
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 10)
    assert extract_path(str(path)).problem.reason is Reason.UNSUPPORTED


def test_unreadable_file_is_permission_denied(world_dir):
    path = world_dir / "secret.txt"
    path.write_text("秘密", encoding="utf-8")
    os.chmod(path, 0)
    if os.geteuid() != 0:
        assert extract_path(str(path)).problem.reason is Reason.PERMISSION_DENIED
        return
    # root reads everything: check as an unprivileged user, in a directory it can traverse
    out = run_as_nobody(
        "from crawler.extract import extract_path\nimport crawler.extract.text\n#DROP\nprint(extract_path(sys.argv[1]).problem.reason.value)\n",
        str(path),
    )
    assert out.stdout.strip() == "PERMISSION_DENIED", out.stderr[-300:]


def test_one_cell_far_away_does_not_materialise_the_grid(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["氏名", "個人番号"])
    ws.append(["山田", "123456789018"])
    ws["XFD1048576"] = "far"
    path = tmp_path / "far.xlsx"
    wb.save(path)
    extracted = extract_path(str(path))
    assert extracted.problem is None
    assert [s.where for s in extracted.segments][-1] == "sheet Sheet!XFD1048576"
    assert next(s for s in extracted.segments if s.where == "sheet Sheet!B2").header == "個人番号"
