"""``tanaoroshi scan smb://…`` end to end against a real smbd (tests/crawler/samba.py): tiers and exposure
from the share's ACLs, credentials, privacy, local-vs-SMB equivalence, and a server killed mid-scan."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.crawler.samba import (  # noqa: F401
    ADMIN,
    DENIED_PATH,
    DEPARTED_PATH,
    GONE_USER,
    HR_GROUP,
    HR_PATH,
    MY_NUMBER,
    MY_NUMBER_PATH,
    SCANNER,
    samba,
    start_share,
)
from tests.assertions import assert_not_in
from tests.privacy import haystacks, leaks

pytestmark = pytest.mark.root

KEY = "5a" * 32  # one fingerprint key for every inventory here, so fingerprints compare across scans


def cli(*args, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("TANAOROSHI_SMB_")}
    base.update(TANAOROSHI_KEY=KEY, **(env or {}))
    return subprocess.run([sys.executable, "-m", "inventory.cli", *args], capture_output=True, text=True, timeout=timeout, env=base)


def password_env(share, user: str = SCANNER) -> dict:
    return {"TANAOROSHI_SMB_PASSWORD": share.server.passwords[user]}


def write_roster(path: Path, share) -> Path:
    # the departed user by account name (matched through the resolved SID name) — as HR would write it
    path.write_text(f"account,status,left_on\n{GONE_USER},left,2025-03-31\n{ADMIN},active,\n", encoding="utf-8")
    return path


def report(db: Path, out: Path, fmt: str = "json") -> Path:
    done = cli("--log-level", "DEBUG", "report", "--db", str(db), "--format", fmt, "-o", str(out))
    assert done.returncode == 0, done.stderr[-2000:]
    return out


def assets(doc) -> dict[str, dict]:
    return {a["path"]: a for a in doc["assets"]}


@pytest.fixture(scope="module")
def smb_scan(samba, tmp_path_factory):
    root = tmp_path_factory.mktemp("smbscan")
    db = root / "t.db"
    roster = write_roster(root / "roster.csv", samba)
    scan = cli("--log-level", "DEBUG", "scan", samba.server.url(), "--db", str(db), "--workers", "1", "--roster", str(roster), env=password_env(samba))
    assert scan.returncode == 0, scan.stderr[-3000:]
    reports = {fmt: report(db, root / f"report.{fmt}", fmt) for fmt in ("json", "csv", "html", "xlsx")}
    doc = json.loads(reports["json"].read_text(encoding="utf-8"))
    return db, reports, doc, scan


def test_my_number_readable_by_everyone_is_tier3_organization(smb_scan):
    a = assets(smb_scan[2])[MY_NUMBER_PATH]
    assert a["tier"] == 3 and a["entities"].get("JP_MY_NUMBER") == 1
    assert "ORGANIZATION" in a["exposure"] and a["priority"] == "urgent"
    everyone = [g for g in a["access"] if g["principal"] == "S-1-1-0"]
    assert [(g["kind"], g["right"]) for g in everyone] == [("organization", "read")]


def test_hr_folder_inherited_dacl_is_restricted_to_hr(smb_scan, samba):
    a = assets(smb_scan[2])[HR_PATH]
    assert a["tier"] == 3
    assert a["exposure"] == ["RESTRICTED"]
    sids = samba.server.sids
    readers = {(g["principal"], g["via"]) for g in a["access"] if g["right"] != "owner"}
    assert readers == {(sids[ADMIN], "inherited"), (sids[HR_GROUP], "inherited")}


def test_file_granted_to_a_departed_user_is_departed(smb_scan, samba):
    a = assets(smb_scan[2])[DEPARTED_PATH]
    assert "DEPARTED" in a["exposure"] and "ORGANIZATION" not in a["exposure"]
    gone = [g for g in a["access"] if g["principal"] == samba.server.sids[GONE_USER]]
    assert [(g["right"], g["status"]) for g in gone] == [("read", "departed")]


def test_unreadable_file_is_permission_denied_and_the_scan_goes_on(smb_scan, samba):
    found = assets(smb_scan[2])
    assert found[DENIED_PATH]["error"]["code"] == "PERMISSION_DENIED" and found[DENIED_PATH]["tier"] is None
    assert set(found) == set(samba.hashes), "every file of the share is in the inventory"
    assert found["public.txt"]["tier"] == 1 and found["public.txt"]["error"] is None


def test_password_and_my_number_appear_nowhere(smb_scan, samba):
    db, reports, _, scan = smb_scan
    texts = haystacks(db, reports, {"scan stdout+stderr (DEBUG)": scan.stdout + scan.stderr})
    planted = [("SMB_PASSWORD", p) for p in samba.server.passwords.values()] + [("JP_MY_NUMBER", MY_NUMBER)]
    assert not leaks(planted, texts), f"raw values found (what, where): {leaks(planted, texts)}"
    conn = sqlite3.connect(db)
    targets = [row[0] for row in conn.execute("SELECT targets FROM runs")]
    conn.close()
    assert all("smb://tnsmb_scan@127.0.0.1" in t for t in targets)


def in_process_scan(target: str, db: Path, monkeypatch, password: str | None = None, progress=None, **options):
    """One scan in this process with the inline worker (the analyzer loads once for the module)."""
    from inventory.scan import ScanOptions, scan

    monkeypatch.setenv("TANAOROSHI_KEY", KEY)
    if password is not None:
        monkeypatch.setenv("TANAOROSHI_SMB_PASSWORD", password)
    return scan(ScanOptions(targets=[target], db=str(db), workers=0, **options), progress=progress)


def json_report(db: Path, out: Path) -> dict:
    from inventory.cli import main

    assert main(["report", "--db", str(db), "--format", "json", "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def share_state(share) -> dict[str, tuple]:
    out = {}
    for path in sorted(share.server.share_dir.rglob("*")):
        st = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        out[str(path)] = (st.st_mode, st.st_uid, st.st_gid, st.st_size, st.st_mtime_ns, st.st_ctime_ns, digest)
    return out


def test_debug_logging_of_an_inline_scan_holds_no_content_or_password(samba, tmp_path, monkeypatch, caplog):
    """smbprotocol dumps whole packets (READ responses with the file's bytes) at DEBUG; none of that may reach
    the logs, even with the worker inline in the process that logs at DEBUG."""
    import logging

    caplog.set_level(logging.DEBUG)
    in_process_scan(samba.server.url(), tmp_path / "l.db", monkeypatch, password=samba.server.passwords[SCANNER], full=True)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert caplog.records, "nothing was logged at DEBUG"
    planted = [("SMB_PASSWORD", samba.server.passwords[SCANNER]), ("JP_MY_NUMBER", MY_NUMBER)]
    found = leaks(planted, {"log": text, "log (hex)": text.replace(" ", "")})
    assert not found, f"raw values in the DEBUG log (what, where): {found}"
    hex_dump = MY_NUMBER.encode().hex() in text.replace(" ", "").lower()
    assert not hex_dump, "file bytes (hex) in the DEBUG log"


def test_credentials_file_0600_is_used_read_only_and_a_wider_one_refused(samba, tmp_path, monkeypatch):
    """The admin (who could write) scans through a 0600 credentials file: nothing on the server's disk changes."""
    creds = tmp_path / "smb-credentials"
    creds.write_text(f"username={ADMIN}\npassword={samba.server.passwords[ADMIN]}\n", encoding="utf-8")
    os.chmod(creds, 0o600)
    url = samba.server.url().replace(f"{SCANNER}@", "")  # the user comes from the file
    monkeypatch.delenv("TANAOROSHI_SMB_PASSWORD", raising=False)
    monkeypatch.setenv("TANAOROSHI_SMB_CREDENTIALS", str(creds))
    before = share_state(samba)
    summary = in_process_scan(url, tmp_path / "c.db", monkeypatch)
    assert summary.assets == len(samba.hashes)
    assert share_state(samba) == before, "the scan changed something on the share"
    os.chmod(creds, 0o644)
    refused = cli("scan", url, "--db", str(tmp_path / "d.db"), env={"TANAOROSHI_SMB_CREDENTIALS": str(creds)})
    assert refused.returncode == 2 and "0600" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "d.db").exists(), "nothing is written when the target cannot be used"


def test_wrong_password_or_password_in_url_is_exit_2_without_echo(samba, tmp_path):
    wrong = "Wrong-" + "pw-31337"
    out = cli("scan", samba.server.url(), "--db", str(tmp_path / "w.db"), env={"TANAOROSHI_SMB_PASSWORD": wrong})
    assert out.returncode == 2 and "SMB" in out.stderr
    assert_not_in(wrong, out.stdout + out.stderr, "output of a refused login")
    assert not (tmp_path / "w.db").exists()
    in_url = samba.server.url().replace(f"{SCANNER}@", f"{SCANNER}:{wrong}@")
    out = cli("scan", in_url, "--db", str(tmp_path / "u.db"), env=password_env(samba))
    assert out.returncode == 2
    assert_not_in(wrong, out.stdout + out.stderr, "output of a refused URL")


def fingerprints(doc) -> dict[str, tuple]:
    return {
        a["path"]: (
            a["tier"],
            sorted(r["code"] for r in a["reasons"]),
            a["entities"],
            sorted((s["entity"], s["fingerprint"], s["where"]) for s in a["samples"]),
            (a["error"] or {}).get("code"),
        )
        for a in doc["assets"]
    }


def test_smb_and_local_scans_of_one_tree_agree(smb_scan, samba, tmp_path, monkeypatch):
    roster = write_roster(tmp_path / "roster.csv", samba)
    db = tmp_path / "local.db"
    in_process_scan(str(samba.server.share_dir), db, monkeypatch, roster=str(roster))
    local_doc = json_report(db, tmp_path / "local.json")
    over_smb, on_disk = fingerprints(smb_scan[2]), fingerprints(local_doc)
    # the one difference is the scanning account's own rights: root reads the file tnsmb_scan may not
    assert over_smb.pop(DENIED_PATH)[4] == "PERMISSION_DENIED" and on_disk.pop(DENIED_PATH)[4] is None
    assert over_smb == on_disk
    exposure_smb = {p: a["exposure"] for p, a in assets(smb_scan[2]).items() if p != DENIED_PATH}
    exposure_local = {p: a["exposure"] for p, a in assets(local_doc).items() if p != DENIED_PATH}
    assert exposure_smb == exposure_local  # who can reach it agrees; only the principals' names differ


def test_unchanged_rescan_reuses_findings_and_refreshes_access(samba, tmp_path, monkeypatch):
    db = tmp_path / "r.db"
    first = in_process_scan(samba.server.url(), db, monkeypatch, password=samba.server.passwords[SCANNER])
    second = in_process_scan(samba.server.url(), db, monkeypatch, password=samba.server.passwords[SCANNER])
    opened = len(samba.hashes) - 1  # every file but the one the scanner may not open
    assert (first.files, first.reused) == (opened, 0)
    assert (second.files, second.reused) == (0, opened), "an unchanged file was read again"
    found = assets(json_report(db, tmp_path / "r.json"))
    assert found[MY_NUMBER_PATH]["tier"] == 3 and "ORGANIZATION" in found[MY_NUMBER_PATH]["exposure"]
    assert {g["principal"] for g in found[HR_PATH]["access"]} >= {samba.server.sids[HR_GROUP]}


def test_a_local_folder_and_a_share_in_one_scan(samba, tmp_path, monkeypatch):
    from inventory.scan import ScanOptions, scan

    local = tmp_path / "local"
    local.mkdir()
    (local / "memo.txt").write_text("議事録\n", encoding="utf-8")
    monkeypatch.setenv("TANAOROSHI_KEY", KEY)
    monkeypatch.setenv("TANAOROSHI_SMB_PASSWORD", samba.server.passwords[SCANNER])
    summary = scan(ScanOptions(targets=[str(local), samba.server.url()], db=str(tmp_path / "m.db"), workers=0))
    assert summary.assets == len(samba.hashes) + 1
    sources = {a["source"] for a in json_report(tmp_path / "m.db", tmp_path / "m.json")["assets"]}
    assert sources == {str(local), f"smb://127.0.0.1:{samba.server.port}/data"}


def test_server_unreachable_before_the_scan_is_exit_75_and_writes_nothing(samba, tmp_path):
    from tests.crawler.samba import free_port

    url = samba.server.url().replace(f":{samba.server.port}/", f":{free_port()}/")
    out = cli("scan", url, "--db", str(tmp_path / "n.db"), env=password_env(samba))
    assert out.returncode == 75 and "接続できません" in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr[-2000:]
    assert "Connection refused" in out.stderr and not (tmp_path / "n.db").exists()


def test_server_killed_mid_scan_leaves_a_resumable_run(smb_scan, samba, monkeypatch):
    from inventory.scan import SourceUnavailable

    root = Path(tempfile.mkdtemp(prefix="tanaoroshi-samba-kill-", dir="/tmp"))
    # a second server on the same folder, so killing it cannot disturb the module's server
    other = start_share(root, share_dir=samba.server.share_dir, passwords=samba.server.passwords)
    try:
        db = root / "k.db"
        monkeypatch.setenv("TANAOROSHI_BATCH_RECORDS", "1")  # each file lands as soon as it is read

        def kill_after_two(files: int, _path: str) -> None:
            if files == 2:
                other.server.kill()  # smbd and its per-client children, SIGKILL

        with pytest.raises(SourceUnavailable) as info:
            in_process_scan(other.server.url(), db, monkeypatch, password=other.server.passwords[SCANNER], progress=kill_after_two)
        assert info.value.run_id == 1 and "SMB server unavailable" in info.value.reason
        assert_not_in(other.server.passwords[SCANNER], str(info.value), "SourceUnavailable")
        conn = sqlite3.connect(db)
        assert conn.execute("SELECT id, status FROM runs").fetchall() == [(1, "incomplete")]
        kept = conn.execute("SELECT COUNT(*) FROM assets WHERE run_id = 1").fetchone()[0]
        conn.close()
        assert 2 <= kept < len(samba.hashes) and info.value.assets == kept
        other.server.start()  # the server comes back on the same port: the same target
        again = in_process_scan(other.server.url(), db, monkeypatch, password=other.server.passwords[SCANNER])
        assert again.resumed and again.run_id == 1
        conn = sqlite3.connect(db)
        assert conn.execute("SELECT id, status FROM runs").fetchall() == [(1, "complete")]  # continued, not restarted
        stats = json.loads(conn.execute("SELECT stats FROM runs WHERE id = 1").fetchone()[0])
        conn.close()
        assert stats["resumed"] and stats["extracted"] < len(samba.hashes)
        assert fingerprints(json_report(db, root / "k.json")) == fingerprints(smb_scan[2])
    finally:
        other.server.kill()
        shutil.rmtree(root, ignore_errors=True)


def _recorded(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=1)
        try:
            return conn.execute("SELECT COUNT(*) FROM assets").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_cli_exit_code_and_message_when_the_server_is_killed_mid_scan(samba):
    """The same through the command line: smbd killed while the scan runs gives exit 75 and one line."""
    import time

    root = Path(tempfile.mkdtemp(prefix="tanaoroshi-samba-clikill-", dir="/tmp"))
    other = start_share(root, share_dir=samba.server.share_dir, passwords=samba.server.passwords)
    try:
        db = root / "k.db"
        env = {k: v for k, v in os.environ.items() if not k.startswith("TANAOROSHI_SMB_")}
        env.update(TANAOROSHI_KEY=KEY, TANAOROSHI_SMB_PASSWORD=other.server.passwords[SCANNER], TANAOROSHI_TEST_SLOW_SECONDS="0.5", TANAOROSHI_BATCH_RECORDS="1")
        proc = subprocess.Popen(
            [sys.executable, "-m", "inventory.cli", "scan", other.server.url(), "--db", str(db), "--workers", "0"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and _recorded(db) < 2 and proc.poll() is None:
            time.sleep(0.1)
        assert proc.poll() is None, "the scan finished before the server could be killed"
        other.server.kill()
        stdout, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 75
        lines = stderr.strip().splitlines()
        assert len(lines) == 1 and "再開" in lines[0] and "記録済みの資産" in lines[0], "expected one line saying how to resume"
        assert_not_in(other.server.passwords[SCANNER], stdout + stderr, "scan output")
        conn = sqlite3.connect(db)
        assert conn.execute("SELECT status FROM runs").fetchall() == [("incomplete",)]
        conn.close()
    finally:
        other.server.kill()
        shutil.rmtree(root, ignore_errors=True)


@pytest.mark.slow
def test_cluster_workers_read_the_share_with_their_own_credentials(smb_scan, samba, tmp_path):
    """On a Dask LocalCluster the tasks carry no password: each worker loads it from its own environment
    (here inherited), and the inventory is the one the process pool made."""
    db = tmp_path / "cl.db"
    out = cli("scan", samba.server.url(), "--db", str(db), "--cluster", "local:1", "--roster", str(write_roster(tmp_path / "r.csv", samba)), env=password_env(samba))
    assert out.returncode == 0, out.stderr[-2000:]
    assert fingerprints(json_report(db, tmp_path / "cl.json")) == fingerprints(smb_scan[2])


def test_tasks_for_remote_workers_hold_no_password(samba, monkeypatch):
    from inventory.scan import _tasks
    from inventory.targets import resolve_targets
    from crawler.limits import Limits

    monkeypatch.setenv("TANAOROSHI_SMB_PASSWORD", samba.server.passwords[SCANNER])
    (target,) = resolve_targets([samba.server.url()])
    records = []

    class NoAccess:
        def grants(self, entry):
            return []

    def tasks(remote: bool):
        return list(_tasks([target], Limits(), b"", None, records.extend, None, NoAccess(), set(), None, None, remote))

    import pickle

    remote, local = tasks(True), tasks(False)
    assert remote and all(t.smb.creds is None for t in remote)
    assert all(t.smb.creds is not None for t in local)
    blob = b"".join(pickle.dumps(t) for t in remote)
    leaked = samba.server.passwords[SCANNER].encode() in blob
    assert not leaked, "a password in a task sent to the cluster"
