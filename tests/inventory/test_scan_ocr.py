"""OCR through the real scan loop (CLI, worker processes, store, reports): an image-only PDF holding a My Number
card copy comes out レベル3 with reasons naming OCR; a card copy whose number cannot be read is still レベル3
from its layout words; hostile images are error rows with reasons; a tree without images never invokes OCR,
whether OCR is on or off. Planted values never reach the store, the reports or the logs."""
from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpus import scans as S
from tests.privacy import haystacks, leaks

pytestmark = pytest.mark.slow


def _scan(share: Path, db: Path, *extra: str) -> tuple[dict, str, Path]:
    cmd = [sys.executable, "-m", "inventory.cli", "--log-level", "DEBUG", "scan", str(share), "--db", str(db), "--workers", "1", *extra]
    scan = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert scan.returncode == 0, f"scan failed with exit {scan.returncode}"
    out = db.with_suffix(".json")
    rep = subprocess.run([sys.executable, "-m", "inventory.cli", "report", "--db", str(db), "--format", "json", "-o", str(out)], capture_output=True, text=True, timeout=300)
    assert rep.returncode == 0, f"report failed with exit {rep.returncode}"
    return json.loads(out.read_text(encoding="utf-8")), scan.stdout + scan.stderr, out


def _stats(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        return json.loads(conn.execute("SELECT stats FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0])
    finally:
        conn.close()


def _by_path(doc: dict) -> dict:
    return {a["path"]: a for a in doc["assets"]}


def _occluded_card(seed: int) -> S.Scan:
    """A My Number card copy whose number was blacked out before scanning (or is too blurred to read)."""
    from PIL import Image, ImageDraw
    import io

    scan = S.my_number_card(S.People(seed).person(), random.Random(seed), rotate=0.0)
    image = Image.open(io.BytesIO(scan.image)).convert("L")
    ImageDraw.Draw(image).rectangle((0, int(image.height * 0.52), image.width, image.height), fill=20)
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=80)
    return S.Scan("my_number_card", buf.getvalue(), {"PERSON": scan.planted["PERSON"]}, scan.layout_word)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    root = tmp_path_factory.mktemp("ocr-scan")
    share = root / "share"
    (share / "総務").mkdir(parents=True)
    card = S.my_number_card(S.People(3).person(), random.Random(3))
    (share / "総務" / "scan_0001.pdf").write_bytes(S.image_pdf([card.image]))
    masked = _occluded_card(4)
    (share / "総務" / "IMG_0002.jpg").write_bytes(masked.image)
    (share / "hostile").mkdir()
    from tests.crawler.test_ocr import _png_header

    (share / "hostile" / "bomb.png").write_bytes(_png_header(30_000, 30_000))
    (share / "hostile" / "truncated.jpg").write_bytes(card.image[: len(card.image) // 2])
    (share / "hostile" / "photo.heic").write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64)
    (share / "readme.txt").write_text("共有フォルダの使い方: スキャンした書類はここに置きます。\n", encoding="utf-8")
    db = root / "out" / "t.db"
    db.parent.mkdir()
    doc, logs, report = _scan(share, db)
    planted = [(e, v) for s in (card, masked) for e, v in s.planted.items()]
    return doc, logs, db, report, planted


def test_image_only_pdf_with_a_my_number_card_is_level_3_with_reasons_naming_ocr(scanned):
    doc, _, db, _, _ = scanned
    asset = _by_path(doc)["総務/scan_0001.pdf"]
    assert asset["tier"] == 3 and asset["error"] is None
    assert asset["entities"].get("JP_MY_NUMBER") == 1
    codes = {r["code"]: r for r in asset["reasons"]}
    assert "OCR" in codes["JP_MY_NUMBER"]["ja"] and "OCR" in codes["JP_MY_NUMBER"]["en"]
    assert "OCR" in codes["DOC_TYPE"]["en"] and "マイナンバーカード" in codes["DOC_TYPE"]["ja"]
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT f.ocr, f.ocr_confidence FROM findings f JOIN assets a ON a.id = f.asset_id WHERE a.path = ? AND f.entity = 'JP_MY_NUMBER'",
        ("総務/scan_0001.pdf",),
    ).fetchall()
    conn.close()
    assert rows and all(ocr == 1 and 0 < conf <= 100 for ocr, conf in rows)


def test_a_card_copy_with_an_unreadable_number_is_level_3_from_its_layout_words(scanned):
    doc, *_ = scanned
    asset = _by_path(doc)["総務/IMG_0002.jpg"]
    assert "JP_MY_NUMBER" not in asset["entities"]
    assert asset["tier"] == 3
    (doctype,) = [r for r in asset["reasons"] if r["code"] == "DOC_TYPE"]
    assert "OCR" in doctype["en"] and "マイナンバーカード" in doctype["ja"]


def test_hostile_images_are_error_rows_with_reasons(scanned):
    doc, *_ = scanned
    assets = _by_path(doc)
    expected = {"hostile/bomb.png": "TOO_LARGE", "hostile/truncated.jpg": "CORRUPT", "hostile/photo.heic": "UNSUPPORTED"}
    for path, code in expected.items():
        assert assets[path]["tier"] is None and assets[path]["error"]["code"] == code, (path, assets[path]["error"])
    assert assets["readme.txt"]["tier"] == 1


def test_run_stats_count_ocr_pages(scanned):
    _, logs, db, _, _ = scanned
    assert _stats(db)["ocr_pages"] == 2  # the PDF's page and the JPEG; hostile images never reached Tesseract
    assert "OCR" in logs


def test_planted_values_never_leave_the_scan(scanned):
    _, logs, db, report, planted = scanned
    assert not leaks(planted, haystacks(db, {"json": report}, {"logs": logs}))


def test_a_tree_without_images_never_invokes_ocr(tmp_path):
    from inventory.demo import documents as d

    share = tmp_path / "share"
    share.mkdir()
    d.pdf(share / "議事録.pdf", "議事録", ["次回の会議は来週の月曜日です。", "担当: 総務部"])
    (share / "メモ.txt").write_text("備品の発注は月末までにお願いします。\n", encoding="utf-8")
    (share / "予定.csv").write_text("日付,件名\n2026-04-01,入社式\n", encoding="utf-8")
    on, _, _ = _scan(share, tmp_path / "on.db")
    off, _, _ = _scan(share, tmp_path / "off.db", "--no-ocr")
    assert _stats(tmp_path / "on.db")["ocr_pages"] == 0 and _stats(tmp_path / "off.db")["ocr_pages"] == 0
    strip = lambda doc: sorted((a["path"], a["tier"], json.dumps(a["entities"]), a["error"]) for a in doc["assets"])  # noqa: E731
    assert strip(on) == strip(off)
    assert all(a["error"] is None for a in on["assets"])


def test_images_read_with_no_ocr_are_read_again_once_ocr_is_on(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    (share / "card.jpg").write_bytes(S.my_number_card(S.People(8).person(), random.Random(8)).image)
    db = tmp_path / "t.db"
    off, _, _ = _scan(share, db, "--no-ocr")
    assert off["assets"][0]["error"]["code"] == "UNSUPPORTED" and off["assets"][0]["tier"] is None
    on, _, _ = _scan(share, db)  # unchanged file, but a run made without OCR is not reused
    assert on["assets"][0]["tier"] == 3 and on["assets"][0]["error"] is None
    assert _stats(db)["ocr_pages"] == 1
