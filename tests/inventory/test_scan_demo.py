"""End to end: generate the demo share, scan it through the CLI, report, and check tiers and privacy."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from inventory.demo import generate
from tests.privacy import haystacks, leaks

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_scan(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    manifest = generate(root / "demo")
    db = root / "out" / "tanaoroshi.db"
    db.parent.mkdir()
    scan_args = (root / "demo" / "scan-args.txt").read_text(encoding="utf-8").split()
    cmd = [sys.executable, "-m", "inventory.cli", "--log-level", "DEBUG", "scan", str(root / "demo" / "share"), "--db", str(db), "--workers", "2", *scan_args]
    scan = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert scan.returncode == 0, f"scan failed with exit {scan.returncode}"
    reports = {}
    for fmt in ("json", "html", "csv", "xlsx"):
        out = root / "out" / f"report.{fmt}"
        rep = subprocess.run(
            [sys.executable, "-m", "inventory.cli", "--log-level", "DEBUG", "report", "--db", str(db), "--format", fmt, "-o", str(out)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert rep.returncode == 0, f"report {fmt} failed with exit {rep.returncode}"
        reports[fmt] = out
    doc = json.loads(reports["json"].read_text(encoding="utf-8"))
    logs = scan.stdout + scan.stderr
    return manifest, db, reports, doc, logs


def _asset(doc, path):
    for a in doc["assets"]:
        if a["path"] == path:
            return a
    raise AssertionError(f"asset not in report: {path}")


def test_every_demo_file_gets_its_expected_tier(demo_scan):
    manifest, _, _, doc, _ = demo_scan
    wrong = []
    for f in manifest.files:
        asset = _asset(doc, f.path)
        if asset["tier"] != f.expected_tier:
            wrong.append((f.path, f.expected_tier, asset["tier"], [r["code"] for r in asset["reasons"]]))
    assert not wrong, f"unexpected tiers: {wrong}"


def test_expected_reason_codes_are_present(demo_scan):
    manifest, _, _, doc, _ = demo_scan
    missing = []
    for f in manifest.files:
        asset = _asset(doc, f.path)
        codes = {r["code"] for r in asset["reasons"]} | set(asset["entities"]) | ({asset["error"]["code"]} if asset["error"] else set())
        for code in f.expected_reasons:
            if not any(c == code or c.startswith(code) for c in codes):
                missing.append((f.path, code))
    assert not missing, f"missing reasons: {missing}"


def test_encrypted_zip_is_unverified_with_reason_encrypted(demo_scan):
    manifest, _, _, doc, _ = demo_scan
    encrypted = [f for f in manifest.files if "ENCRYPTED" in f.expected_reasons]
    assert encrypted, "the demo must hold an encrypted archive"
    for f in encrypted:
        asset = _asset(doc, f.path)
        assert asset["tier"] is None
        assert asset["error"]["code"] == "ENCRYPTED"


def test_privacy_no_raw_value_in_db_reports_or_logs(demo_scan):
    manifest, db, reports, _, logs = demo_scan
    assert manifest.planted, "the demo must plant identifiers"
    found = leaks(manifest.planted, haystacks(db, reports, {"logs": logs}))
    assert not found, f"raw values found (entity, where): {found}"


def test_demo_exposure_from_cloud_exports_and_roster(demo_scan):
    manifest, _, _, doc, _ = demo_scan
    wrong = []
    for f in manifest.files:
        asset = _asset(doc, f.path)
        if not set(f.expected_exposure) <= set(asset["exposure"]):
            wrong.append((f.path, f.expected_exposure, asset["exposure"]))
    assert not wrong, wrong
    customers = _asset(doc, "営業/顧客リスト/顧客リスト_2026.xlsx")
    assert customers["tier"] == 3 and "PUBLIC" in customers["exposure"] and customers["priority"] == "urgent"
    assert any(g["kind"] == "anyone" and g["via"] == "link" for g in customers["access"])
    payroll = _asset(doc, "人事/給与/給与明細_2026年10月.xlsx")
    assert "DEPARTED" in payroll["exposure"] and any(g["status"] == "departed" for g in payroll["access"])
    assert doc["summary"]["urgent"] >= 3


def test_no_link_token_from_an_export_is_stored(demo_scan):
    _, db, reports, _, _ = demo_scan
    assert b"REDACTED-TOKEN" not in db.read_bytes()
    assert "REDACTED-TOKEN" not in reports["json"].read_text(encoding="utf-8")


def test_policy_override_flips_a_demo_file(demo_scan, tmp_path):
    manifest, _, _, _, _ = demo_scan
    policy = tmp_path / "policy.toml"
    policy.write_text('[[folder]]\npattern = "広報/**"\nmin_tier = 3\napply_to = "all"\n', encoding="utf-8")
    db = tmp_path / "t.db"
    share = Path(manifest.root) / "share"
    out = subprocess.run([sys.executable, "-m", "inventory.cli", "scan", str(share), "--db", str(db), "--policy", str(policy), "--workers", "2"], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-500:]
    rep = subprocess.run([sys.executable, "-m", "inventory.cli", "report", "--db", str(db), "--format", "json"], capture_output=True, text=True, timeout=300)
    doc = json.loads(rep.stdout)
    press = _asset(doc, "広報/プレスリリース/2026-12_新サービス発表.docx")
    assert press["tier"] == 3 and any(r["code"] == "FOLDER_RULE" for r in press["reasons"])
