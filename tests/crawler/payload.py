"""One synthetic 社員名簿 payload rendered into every container the crawler reads (STYLE.md, pdscan:
one payload, every container). Values are fake: Faker ja_JP with a fixed seed, valid check digits."""
from __future__ import annotations

import codecs
import io
import subprocess
from email.message import EmailMessage
from pathlib import Path

from inventory.demo import documents as d
from inventory.demo.people import People

HEADER = ["氏名", "フリガナ", "個人番号", "電話番号", "メールアドレス"]


def rows(n: int = 5, seed: int = 7) -> list[list[str]]:
    people = People(seed)
    out = [HEADER]
    for _ in range(n):
        p = people.person()
        out.append([p.name, p.kana, p.my_number, p.mobile, p.email])
    return out


def csv_text(table: list[list[str]]) -> str:
    return "".join(",".join(r) + "\r\n" for r in table)


def xlsx_bytes(table) -> bytes:
    buf = io.BytesIO()
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "社員"
    for r in table:
        ws.append(r)
    wb.save(buf)
    return buf.getvalue()


def write_all(folder: Path, table) -> dict[str, Path]:
    """Every container, same payload. Returns format → path."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    out["xlsx"] = folder / "名簿.xlsx"
    out["xlsx"].write_bytes(xlsx_bytes(table))
    out["docx"] = folder / "名簿.docx"
    d.docx(out["docx"], "社員名簿", ["社員名簿です。"], table)
    out["pptx"] = folder / "名簿.pptx"
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    shape = slide.shapes.add_table(len(table), len(table[0]), Inches(0.2), Inches(1), Inches(9), Inches(4))
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            shape.table.cell(r, c).text = value
    prs.save(out["pptx"])
    out["pdf"] = folder / "名簿.pdf"
    d.pdf(out["pdf"], "社員名簿", [" ".join(r) for r in table])
    out["csv_cp932"] = folder / "名簿_cp932.csv"
    out["csv_cp932"].write_bytes(csv_text(table).encode("cp932"))
    out["csv_bom"] = folder / "名簿_bom.csv"
    out["csv_bom"].write_bytes(codecs.BOM_UTF8 + csv_text(table).encode("utf-8"))
    out["txt_eucjp"] = folder / "名簿_euc.txt"
    out["txt_eucjp"].write_bytes("\n".join(" ".join(r) for r in table).encode("euc_jp"))
    out["eml"] = folder / "名簿.eml"
    msg = EmailMessage()
    msg["From"] = "人事部 <hr@example.co.jp>"
    msg["To"] = "all@example.co.jp"
    msg["Subject"] = "社員名簿の送付"
    msg.set_content("社員名簿を添付します。\n", charset="iso-2022-jp", cte="7bit")
    msg.add_attachment(xlsx_bytes(table), maintype="application", subtype="octet-stream", filename="名簿.xlsx")
    out["eml"].write_bytes(bytes(msg))
    out["zip"] = folder / "名簿.zip"
    d.plain_zip_cp932(out["zip"], [("資料/名簿.xlsx", xlsx_bytes(table)), ("資料/名簿.csv", csv_text(table).encode("cp932"))])
    return out


def zipcrypto(path: Path, member: Path, password: str = "secret") -> bool:
    """A ZipCrypto (legacy) encrypted zip written by Info-ZIP's zip, as PPAP mails carry them."""
    try:
        subprocess.run(["zip", "-q", "-j", "-P", password, str(path), str(member)], check=True, timeout=30)
        return True
    except (OSError, subprocess.SubprocessError):
        return False
