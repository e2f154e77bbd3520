"""Store round trip, migrations, the key file, and every report format written from one document."""
from __future__ import annotations

import csv
import json
import os
import shutil
import stat
import subprocess

import pytest

from inventory.keys import KeyError_, load_or_create_key
from inventory.migrations import migrate
from inventory.report_document import build_report
from inventory.reports import csv_report, html_report, json_report, xlsx_report
from tests.inventory.fixtures_store import HOSTILE, filled_store


@pytest.fixture
def doc(tmp_path):
    store, run = filled_store(tmp_path / "t.db")
    with store:
        return build_report(store, run)


def test_round_trip_keeps_masked_findings_and_grants(tmp_path):
    store, run = filled_store(tmp_path / "t.db")
    with store:
        rows = {r["path"]: r for r in store.asset_rows(run)}
        rec = store.record_of(rows["総務/マイナンバー台帳.xlsx"])
        assert rec.assessment.tier == 3 and len(rec.findings) == 12 and rec.findings[0].masked == "**** **** **18"
        assert [g.status for g in rec.grants] == ["active", "departed"]
        assert store.runs()[0]["tiers"] == {"3": 1, "1": 1, "none": 1, "2": 1}


def test_migrations_are_idempotent(tmp_path):
    store, _ = filled_store(tmp_path / "t.db")
    with store:
        v = migrate(store.conn)
        assert migrate(store.conn) == v


def test_key_file_is_0600_and_env_wins(tmp_path, monkeypatch):
    monkeypatch.delenv("TANAOROSHI_KEY", raising=False)
    key = load_or_create_key(tmp_path / "t.db")
    path = tmp_path / "t.db.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(key) == 32
    assert load_or_create_key(tmp_path / "t.db") == key
    os.chmod(path, 0o644)
    with pytest.raises(KeyError_, match="wider than 0600"):
        load_or_create_key(tmp_path / "t.db")
    monkeypatch.setenv("TANAOROSHI_KEY", "00" * 32)
    assert load_or_create_key(tmp_path / "other.db") == bytes(32)
    monkeypatch.setenv("TANAOROSHI_KEY", "short")
    with pytest.raises(KeyError_):
        load_or_create_key(tmp_path / "other.db")


def test_json_document_has_the_contract_keys(doc, tmp_path):
    json_report.write(doc, tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["schema"] == "tanaoroshi.report/1" and {"run", "summary", "assets"} <= set(data)
    asset = data["assets"][0]
    required = {"source", "path", "size", "modified", "tier", "reasons", "entities", "persons", "exposure", "priority", "access", "samples", "error"}
    assert required <= set(asset)
    assert {"code", "ja", "en"} <= set(asset["reasons"][0])
    assert {"principal", "kind", "right", "via", "status"} <= set(asset["access"][0])
    assert {"entity", "masked", "fingerprint", "where"} <= set(asset["samples"][0])
    # urgent first; unverified (要確認) before low-priority Level 1 assets
    assert [a["priority"] for a in data["assets"]] == ["urgent", "high", "review", "low"]
    assert len(asset["samples"]) == 3  # capped per entity
    enc = next(a for a in data["assets"] if a["error"])
    assert enc["error"]["code"] == "ENCRYPTED" and enc["tier"] is None
    assert data["summary"]["by_tier"] == {"3": 1, "2": 1, "1": 1, "none": 1}
    assert data["summary"]["appi_flags"] == {"特定個人情報": 1}


@pytest.mark.parametrize("lang,tier3", [("ja", "レベル3"), ("en", "Level 3")])
def test_csv_opens_with_the_csv_module(doc, tmp_path, lang, tier3):
    csv_report.write(doc, tmp_path / "r.csv", lang)
    raw = (tmp_path / "r.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader((tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 5 and rows[1][2] == tier3 and rows[1][1] == "総務/マイナンバー台帳.xlsx"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_xlsx_has_the_sheets_and_columns(doc, tmp_path, lang):
    from openpyxl import load_workbook

    xlsx_report.write(doc, tmp_path / "r.xlsx", lang)
    wb = load_workbook(tmp_path / "r.xlsx")
    if lang == "ja":
        assert wb.sheetnames == ["サマリー", "資産一覧", "読み取り不可"]
        header = [c.value for c in wb["資産一覧"][1]]
        assert header == ["場所", "レベル", "理由", "個人データ種別と件数", "推定人数", "公開範囲", "アクセスできる人", "退職者", "優先度", "最終更新", "所有者", "確認欄"]
        assert wb["資産一覧"].freeze_panes == "A2" and wb["資産一覧"].auto_filter.ref
        assert wb["資産一覧"]["H2"].value == "佐藤"  # the departed principal
        assert wb["読み取り不可"].max_row == 2
    else:
        assert wb.sheetnames == ["Summary", "Assets", "Unreadable"]


def test_xlsx_opens_in_libreoffice(doc, tmp_path):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (Debian package libreoffice-calc-nogui; make test installs it)")
    xlsx_report.write(doc, tmp_path / "r.xlsx", "ja")
    out = subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "r.xlsx")],
        capture_output=True, text=True, timeout=180,
    )
    assert out.returncode == 0 and (tmp_path / "r.pdf").exists() and (tmp_path / "r.pdf").stat().st_size > 1000


def test_html_is_self_contained_and_escapes_hostile_paths(doc, tmp_path):
    html_report.write(doc, tmp_path / "r.html", "ja")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert page.count("</script>") == 2  # only our own two script elements close
    assert "http://" not in page and "https://" not in page  # nothing fetched from outside
    assert 'lang="ja"' in page and "<svg" in page and "レベル3" in page
    blob = page.split('<script id="report-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(blob)
    assert any(a["location"].endswith(HOSTILE) for a in data["assets"])
