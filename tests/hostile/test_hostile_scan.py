"""A scan of the hostile corpus beside the demo: exit 0, every hostile file listed with its reason,
good files still read, memory under a ceiling, and no planted raw value anywhere (DEBUG logs included)."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

from benchmarks.peaks import ProcessTreePeaks
from inventory.demo import generate
from tests.hostile.generator import ANY, build
from tests.privacy import haystacks, leaks

pytestmark = pytest.mark.slow

MEMORY_CEILING_MIB = 1536  # peak of any scan or worker process ≈ 540 MiB (the warm forkserver); the per-worker budget is 1.5 GiB

POLICY = """
[limits]
archive_members = 100
timeout_seconds = 60.0
"""


@pytest.fixture(scope="module")
def hostile_scan(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    expect, planted = build(root / "hostile")
    manifest = generate(root / "demo")
    planted += manifest.planted
    (root / "policy.toml").write_text(POLICY, encoding="utf-8")
    db = root / "out" / "t.db"
    cmd = [sys.executable, "-m", "inventory.cli", "--log-level", "DEBUG", "scan", str(root / "hostile"), str(root / "demo" / "share"),
           "--db", str(db), "--policy", str(root / "policy.toml"), "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks = ProcessTreePeaks(proc.pid)  # the workers too: getrusage never sees the forkserver's children
    stdout, stderr = proc.communicate(timeout=900)
    peaks.stop()
    scan = subprocess.CompletedProcess(cmd, proc.returncode, stdout, stderr)
    peak_mib = peaks.peak() / 1024
    reports = {}
    for fmt in ("json", "html", "csv", "xlsx"):
        out = root / "out" / f"r.{fmt}"
        rep = subprocess.run([sys.executable, "-m", "inventory.cli", "--log-level", "DEBUG", "report", "--db", str(db), "--format", fmt, "-o", str(out)], capture_output=True, text=True, timeout=300)
        assert rep.returncode == 0
        reports[fmt] = (out, rep.stderr)
    doc = json.loads(reports["json"][0].read_text(encoding="utf-8"))
    hostile_root = str((root / "hostile").resolve())
    assets = {a["path"]: a for a in doc["assets"] if a["source"] == hostile_root}
    return scan, expect, planted, assets, doc, db, reports, peak_mib


def test_the_scan_finishes_with_exit_0(hostile_scan):
    scan = hostile_scan[0]
    assert scan.returncode == 0, scan.stderr[-2000:]


def test_every_hostile_file_is_listed_with_its_reason(hostile_scan):
    _, expect, _, assets, _, _, _, _ = hostile_scan
    wrong = []
    for path, reason in expect.items():
        family = {p: a for p, a in assets.items() if p == path or p.startswith(path + "!/") or p.startswith(path + "/")}
        if not family:
            wrong.append((path, reason, "missing"))
            continue
        if reason is ANY:
            continue
        codes = {a["error"]["code"] for a in family.values() if a["error"]}
        if reason is None:
            if assets.get(path, {}).get("error"):
                wrong.append((path, None, assets[path]["error"]["code"]))
        elif reason not in codes:
            wrong.append((path, reason, sorted(codes)))
    assert not wrong, wrong


def test_encrypted_files_are_unverified_in_every_report(hostile_scan):
    _, expect, _, assets, _, _, reports, _ = hostile_scan
    encrypted = [p for p, r in expect.items() if r == "ENCRYPTED"]
    assert len(encrypted) >= 4
    for path in encrypted:
        assert assets[path]["tier"] is None and assets[path]["error"]["code"] == "ENCRYPTED"
    csv_text = reports["csv"][0].read_text(encoding="utf-8-sig")
    html_text = reports["html"][0].read_text(encoding="utf-8")
    with zipfile.ZipFile(reports["xlsx"][0]) as z:
        xlsx_text = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    for path in encrypted:
        assert path in csv_text and path in html_text and path in xlsx_text


def test_good_files_around_the_hostile_ones_are_read(hostile_scan):
    _, _, _, assets, doc, _, _, _ = hostile_scan
    assert assets["good.xlsx"]["tier"] == 3 and assets["good.xlsx"]["entities"]["JP_MY_NUMBER"] == 6
    assert assets["far_cell.xlsx"]["entities"].get("JP_MY_NUMBER") == 1
    assert assets["mixed_encoding.csv"]["error"] is None
    demo = [a for a in doc["assets"] if "/demo/" in a["source"]]
    assert len(demo) >= 30 and sum(1 for a in demo if a["tier"] == 3) >= 10


def test_memory_stays_under_the_ceiling(hostile_scan):
    peak = hostile_scan[7]
    assert peak < MEMORY_CEILING_MIB, f"peak RSS {peak:.0f} MiB"


def test_privacy_guard_no_planted_value_anywhere(hostile_scan):
    scan, _, planted, _, _, db, reports, _ = hostile_scan
    logs = {"scan stdout+stderr (DEBUG)": scan.stdout + scan.stderr}
    logs.update({f"report {fmt} stderr": stderr for fmt, (_, stderr) in reports.items()})
    found = leaks(planted, haystacks(db, {fmt: path for fmt, (path, _) in reports.items()}, logs))
    assert not found, f"raw values found (entity, where): {found}"
