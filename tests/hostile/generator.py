"""A hostile corpus, generated (never committed as binaries): what real file servers hold and what
breaks scanners. ``build(root)`` returns {relative path: expected reason (None = must read fine)} and the
raw identifier values it planted (memory only), for the privacy guard.
"""
from __future__ import annotations

import io
import os
import stat
import subprocess
import zipfile
from email.message import EmailMessage
from pathlib import Path

from inventory.demo import documents as d
from inventory.demo.people import People

ANY = "ANY"  # listed with any outcome; the point is that the scan goes on


def _xlsx(rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def build(root: Path, seed: int = 99) -> tuple[dict[str, str | None], list[tuple[str, str]]]:
    root.mkdir(parents=True, exist_ok=True)
    ppl = People(seed)
    planted: list[tuple[str, str]] = []
    expect: dict[str, str | None] = {}

    def person():
        p = ppl.person()
        planted.extend([("JP_MY_NUMBER", p.my_number), ("PHONE_NUMBER", p.mobile), ("EMAIL_ADDRESS", p.email)])
        return p

    people = [person() for _ in range(6)]
    table = [["氏名", "個人番号", "電話番号", "メールアドレス"]] + [[p.name, p.my_number, p.mobile, p.email] for p in people]
    good = _xlsx(table)

    # a good file among the hostile ones: it must still be read and found
    (root / "good.xlsx").write_bytes(good)
    expect["good.xlsx"] = None

    # archives: ratio bomb, deep nesting, too many members, PPAP (AES and ZipCrypto), partly encrypted
    with zipfile.ZipFile(root / "bomb_ratio.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.bin", b"\0" * (300 * 1024 * 1024))
    expect["bomb_ratio.zip"] = "ARCHIVE_LIMIT"
    data, name = good, "inner.xlsx"
    for level in range(8):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(name, data)
        data, name = buf.getvalue(), f"level{level}.zip"
    (root / "bomb_nested.zip").write_bytes(data)
    expect["bomb_nested.zip"] = "ARCHIVE_LIMIT"  # found on the member at the depth limit
    with zipfile.ZipFile(root / "bomb_members.zip", "w") as z:
        for i in range(400):
            z.writestr(f"m{i:04d}.txt", "x")
    expect["bomb_members.zip"] = "ARCHIVE_LIMIT"  # the hostile policy allows 100 members
    d.encrypted_zip(root / "ppap_aes.zip", [("名簿.xlsx", good)], b"secret")
    expect["ppap_aes.zip"] = "ENCRYPTED"
    (root / "plain.xlsx").write_bytes(good)
    try:
        subprocess.run(["zip", "-q", "-j", "-P", "secret", str(root / "ppap_zipcrypto.zip"), str(root / "plain.xlsx")], check=True, timeout=30)
        expect["ppap_zipcrypto.zip"] = "ENCRYPTED"
    except (OSError, subprocess.SubprocessError):
        pass
    (root / "plain.xlsx").unlink()

    # encrypted office documents and PDF
    from msoffcrypto.format.ooxml import OOXMLFile

    for ext, payload in (("xlsx", good), ("docx", None)):
        if payload is None:
            d.docx(root / "tmp.docx", "文書", ["本文"])
            payload = (root / "tmp.docx").read_bytes()
            (root / "tmp.docx").unlink()
        out = io.BytesIO()
        OOXMLFile(io.BytesIO(payload)).encrypt("pw", out)
        (root / f"encrypted.{ext}").write_bytes(out.getvalue())
        expect[f"encrypted.{ext}"] = "ENCRYPTED"
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="o", user_password="u")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "secret")
    pdf.output(str(root / "encrypted.pdf"))
    expect["encrypted.pdf"] = "ENCRYPTED"

    # truncated and bit-flipped documents, a .docx that is a PNG
    d.docx(root / "src.docx", "文書", ["本文です。"] * 50)
    d.pdf(root / "src.pdf", "報告", ["本文です。"] * 50)
    d.pptx(root / "src.pptx", [("題", "本文")])
    for ext in ("docx", "pdf", "pptx"):
        raw = (root / f"src.{ext}").read_bytes()
        (root / f"truncated.{ext}").write_bytes(raw[: len(raw) // 3])
        expect[f"truncated.{ext}"] = "CORRUPT"
        flipped = bytearray(raw)
        for i in range(len(flipped) // 4, len(flipped) // 4 + 64):
            flipped[i] ^= 0xFF
        (root / f"bitflipped.{ext}").write_bytes(bytes(flipped))
        expect[f"bitflipped.{ext}"] = ANY
        (root / f"src.{ext}").unlink()
    (root / "truncated.xlsx").write_bytes(good[: len(good) // 3])
    expect["truncated.xlsx"] = "CORRUPT"
    (root / "really_a_png.docx").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(512))
    expect["really_a_png.docx"] = "CORRUPT"

    # a workbook with one cell a million rows away
    from openpyxl import Workbook

    wb = Workbook()
    p = person()
    wb.active.append(["氏名", "個人番号"])
    wb.active.append([p.name, p.my_number])
    wb.active["XFD1048576"] = "far away"
    wb.save(root / "far_cell.xlsx")
    expect["far_cell.xlsx"] = None

    # a 1 GB sparse text file (no disk used), over the size limit
    with open(root / "huge_sparse.txt", "wb") as f:
        f.truncate(1024 * 1024 * 1024)
    expect["huge_sparse.txt"] = "TOO_LARGE"

    # CSV with CP932 and UTF-8 lines mixed and a broken multibyte sequence
    p = person()
    (root / "mixed_encoding.csv").write_bytes(
        "氏名,電話\r\n".encode("cp932") + f"{p.name},{p.mobile}\r\n".encode("utf-8") + b"\x82\xff,\x93\r\n" + "最後,の行\r\n".encode("cp932")
    )
    expect["mixed_encoding.csv"] = None

    # names: not UTF-8, NFD, very long paths
    (root / os.fsdecode(b"bad_name_\xff\xfe.txt")).write_text("中身", encoding="utf-8")
    expect["bad_name_\\xff\\xfe.txt"] = None
    (root / "\u30ab\u3099\u30a4\u30c9.txt").write_text("NFD の名前", encoding="utf-8")
    expect["\u30ab\u3099\u30a4\u30c9.txt"] = None
    fd = os.open(root, os.O_RDONLY)
    long_rel = []
    try:
        for i in range(24):
            part = f"{i:02d}_" + "長" * 60  # 180 bytes per level: past PATH_MAX after ~22 levels
            os.mkdir(part, dir_fd=fd)
            nfd = os.open(part, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nfd
            long_rel.append(part)
        with os.fdopen(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as f:
            f.write("深い場所のファイル")
    finally:
        os.close(fd)
    expect["/".join(long_rel[:1])] = ANY  # somewhere below, the walk records a path it cannot list

    # links and specials
    os.symlink("loop_b", root / "loop_a")
    os.symlink("loop_a", root / "loop_b")
    expect["loop_a"] = "SYMLINK"
    os.symlink("/etc/passwd", root / "outside_link")
    expect["outside_link"] = "SYMLINK"
    os.mkfifo(root / "a_fifo")
    expect["a_fifo"] = "UNSUPPORTED"
    if os.geteuid() == 0:
        os.mknod(root / "a_device", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        expect["a_device"] = "UNSUPPORTED"

    # an e-mail with hundreds of nested attachments
    inner = EmailMessage()
    inner["Subject"] = "inner"
    inner.set_content("本文")
    for i in range(600):
        inner.add_attachment(b"x", maintype="application", subtype="octet-stream", filename=f"a{i}.bin")
    msg = EmailMessage()
    msg["Subject"] = "添付だらけ"
    msg.set_content("本文")
    msg.add_attachment(inner)
    (root / "many_attachments.eml").write_bytes(bytes(msg))
    expect["many_attachments.eml"] = "ARCHIVE_LIMIT"
    return expect, planted
