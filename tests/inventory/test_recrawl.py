"""Scheduled re-crawls: incremental reuse, diffs, --fail-on, the lock, and resuming a killed scan."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inventory.demo import generate
from inventory.lock import ScanLock

pytestmark = pytest.mark.slow


def cli(*args, env=None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "inventory.cli", *args], capture_output=True, text=True, timeout=600, env=env, **kw)


@pytest.fixture(scope="module")
def demo_share(tmp_path_factory):
    root = tmp_path_factory.mktemp("recrawl")
    generate(root / "demo")
    return root / "demo" / "share"


@pytest.fixture
def share(demo_share, tmp_path):
    """A private copy, nothing readable by 'other', so exposure starts RESTRICTED."""
    copy = tmp_path / "share"
    shutil.copytree(demo_share, copy, symlinks=True)
    for dirpath, dirnames, filenames in os.walk(copy):
        for name in dirnames:
            os.chmod(os.path.join(dirpath, name), 0o750)
        for name in filenames:
            p = os.path.join(dirpath, name)
            if not os.path.islink(p):
                os.chmod(p, 0o640)
    os.chmod(copy, 0o755)
    return copy


def fingerprints(db: Path, run: int) -> dict[str, tuple]:
    conn = sqlite3.connect(db)
    out = {}
    for path, tier, fps in conn.execute(
        "SELECT a.path, a.tier, group_concat(f.entity || ':' || f.fingerprint || ':' || f.location, '|') FROM assets a "
        "LEFT JOIN findings f ON f.asset_id = COALESCE(a.findings_from, a.id) WHERE a.run_id = ? GROUP BY a.id",
        (run,),
    ):
        out[path] = (tier, tuple(sorted((fps or "").split("|"))))
    conn.close()
    return out


def stats(db: Path, run: int) -> dict:
    conn = sqlite3.connect(db)
    row = conn.execute("SELECT stats FROM runs WHERE id = ?", (run,)).fetchone()
    conn.close()
    return json.loads(row[0])


def test_unchanged_rescan_reads_nothing_and_keeps_findings(share, tmp_path):
    db = tmp_path / "t.db"
    assert cli("scan", str(share), "--db", str(db), "--workers", "1").returncode == 0
    out = cli("scan", str(share), "--db", str(db), "--workers", "1")
    assert out.returncode == 0
    first, second = stats(db, 1), stats(db, 2)
    assert first["extracted"] > 20 and second["extracted"] == 0 and second["reused"] == first["extracted"]
    assert fingerprints(db, 1) == fingerprints(db, 2)
    third = cli("scan", str(share), "--db", str(db), "--workers", "1", "--full")
    assert third.returncode == 0 and stats(db, 3)["extracted"] == first["extracted"]


def test_change_chmod_delete_show_in_diff_and_fail_on(share, tmp_path):
    db = tmp_path / "t.db"
    assert cli("scan", str(share), "--db", str(db), "--workers", "1").returncode == 0
    changed = share / "共有" / "会議室予約.csv"
    changed.write_text(changed.read_text(encoding="utf-8") + "2026/11/30,A会議室,総務部,定例\n", encoding="utf-8")
    exposed = share / "総務" / "マイナンバー" / "マイナンバー管理台帳.xlsx"
    os.chmod(share / "総務", 0o751)
    os.chmod(share / "総務" / "マイナンバー", 0o751)
    os.chmod(exposed, 0o644)
    removed = share / "広報" / "プレスリリース" / "記者発表資料.pptx"
    removed.unlink()
    out = cli("scan", str(share), "--db", str(db), "--workers", "1", "--fail-on", "new-exposed-tier3")
    assert out.returncode == 3, out.stderr
    diff = json.loads(cli("diff", "--db", str(db), "--json").stdout)
    assert [d["path"] for d in diff["changed"]] == ["共有/会議室予約.csv"]
    assert [d["path"] for d in diff["removed"]] == ["広報/プレスリリース/記者発表資料.pptx"]
    assert [(d["path"], d["added"]) for d in diff["exposure_changes"]] == [("総務/マイナンバー/マイナンバー管理台帳.xlsx", ["ORGANIZATION"])]
    assert diff["added"] == [] and [d["path"] for d in diff["new_exposed_tier3"]] == ["総務/マイナンバー/マイナンバー管理台帳.xlsx"]
    assert stats(db, 2)["extracted"] == 1  # only the changed file was read again
    # the same state scanned again trips nothing
    assert cli("scan", str(share), "--db", str(db), "--workers", "1", "--fail-on", "new-exposed-tier3").returncode == 0


def test_a_second_scan_of_the_same_inventory_is_refused(share, tmp_path):
    db = tmp_path / "t.db"
    with ScanLock(db):
        out = cli("scan", str(share), "--db", str(db))
    assert out.returncode == 75 and "使用中" in out.stderr


def _slow_scan_under_way(share, db, recorded_at_least: int, **popen) -> tuple[subprocess.Popen, int]:
    """A 1-worker scan of ``share`` into ``db``, slowed down and committing each file, once it has recorded
    ``recorded_at_least`` assets (and is still running): (the process, the assets it had recorded)."""
    env = dict(os.environ, TANAOROSHI_TEST_SLOW_SECONDS="0.25", TANAOROSHI_BATCH_RECORDS="1")
    proc = subprocess.Popen([sys.executable, "-m", "inventory.cli", "scan", str(share), "--db", str(db), "--workers", "1"], env=env, **popen)
    deadline = time.monotonic() + 120
    recorded = 0
    while time.monotonic() < deadline and recorded < recorded_at_least:
        time.sleep(0.2)
        if db.exists():
            try:
                conn = sqlite3.connect(db, timeout=1)
                recorded = conn.execute("SELECT COUNT(*) FROM assets").fetchone()[0]
                conn.close()
            except sqlite3.OperationalError:
                pass
    assert recorded >= recorded_at_least and proc.poll() is None, "the scan finished before it could be stopped"
    return proc, recorded


def test_killed_scan_resumes_to_the_same_inventory(share, tmp_path, monkeypatch):
    monkeypatch.setenv("TANAOROSHI_KEY", "11" * 32)  # one key for both inventories, so fingerprints compare
    reference = tmp_path / "ref.db"
    assert cli("scan", str(share), "--db", str(reference), "--workers", "1").returncode == 0
    db = tmp_path / "t.db"
    proc, _ = _slow_scan_under_way(share, db, 6, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    during = cli("runs", "--db", str(db))  # readers work while the scan writes (WAL snapshot)
    assert during.returncode == 0 and "実行中" in during.stdout
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    out = cli("scan", str(share), "--db", str(db), "--workers", "1")
    assert out.returncode == 0, out.stderr
    conn = sqlite3.connect(db)
    runs = conn.execute("SELECT id, status FROM runs").fetchall()
    conn.close()
    assert runs == [(1, "complete")]  # the killed run was continued, not restarted
    s = stats(db, 1)
    assert s["resumed"] and s["extracted"] < stats(reference, 1)["extracted"]
    assert fingerprints(db, 1) == fingerprints(reference, 1)


def test_a_terminated_scan_commits_what_it_read_and_resumes(share, tmp_path, monkeypatch):
    # SIGTERM — systemctl stop, a scheduler's time limit — ends a scan as Ctrl-C does: what was read is committed,
    # the run is recorded as incomplete (not left "running"), exit code 143; the next scan continues it
    monkeypatch.setenv("TANAOROSHI_KEY", "11" * 32)
    reference = tmp_path / "ref.db"
    assert cli("scan", str(share), "--db", str(reference), "--workers", "1").returncode == 0
    db = tmp_path / "t.db"
    proc, recorded = _slow_scan_under_way(share, db, 4, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143 and "中断しました" in err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT id, status FROM runs").fetchall() == [(1, "incomplete")]
    kept = conn.execute("SELECT COUNT(*) FROM assets").fetchone()[0]
    conn.close()
    assert kept >= recorded
    out = cli("scan", str(share), "--db", str(db), "--workers", "1")
    assert out.returncode == 0, out.stderr
    assert stats(db, 1)["resumed"]
    assert fingerprints(db, 1) == fingerprints(reference, 1)


def test_excel_ledger_gets_a_diff_sheet_once_two_runs_exist(share, tmp_path):
    from openpyxl import load_workbook

    db = tmp_path / "t.db"
    assert cli("scan", str(share), "--db", str(db), "--workers", "1").returncode == 0
    (share / "共有" / "会議室予約.csv").unlink()
    assert cli("scan", str(share), "--db", str(db), "--workers", "1").returncode == 0
    assert cli("report", "--db", str(db), "--format", "xlsx", "-o", str(tmp_path / "l.xlsx")).returncode == 0
    wb = load_workbook(tmp_path / "l.xlsx")
    assert wb.sheetnames == ["サマリー", "資産一覧", "読み取り不可", "実行差分"]
    assert [c.value for c in wb["実行差分"][2]][:2] == ["削除された資産", "共有/会議室予約.csv"]
