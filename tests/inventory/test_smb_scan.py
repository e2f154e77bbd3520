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
import time
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
    scan = cli("--log-level", "DEBUG", "scan", samba.server.url(), "--db", str(db), "--workers", "2", "--roster", str(roster), env=password_env(samba))
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


def test_credentials_file_0600_is_used_and_a_wider_one_refused(samba, tmp_path):
    creds = tmp_path / "smb-credentials"
    creds.write_text(f"username={SCANNER}\npassword={samba.server.passwords[SCANNER]}\n", encoding="utf-8")
    os.chmod(creds, 0o600)
    url = samba.server.url().replace(f"{SCANNER}@", "")  # the user comes from the file
    db = tmp_path / "c.db"
    ok = cli("scan", url, "--db", str(db), "--workers", "0", env={"TANAOROSHI_SMB_CREDENTIALS": str(creds)})
    assert ok.returncode == 0, ok.stderr[-2000:]
    os.chmod(creds, 0o644)
    refused = cli("scan", url, "--db", str(tmp_path / "d.db"), env={"TANAOROSHI_SMB_CREDENTIALS": str(creds)})
    assert refused.returncode == 2 and "0600" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "d.db").exists(), "nothing is written when the target cannot be used"


def test_wrong_password_or_password_in_url_is_exit_2_without_echo(samba, tmp_path):
    wrong = "Wrong-" + "pw-31337"
    out = cli("scan", samba.server.url(), "--db", str(tmp_path / "w.db"), env={"TANAOROSHI_SMB_PASSWORD": wrong})
    assert out.returncode == 2 and "SMB" in out.stderr and wrong not in out.stdout + out.stderr
    assert not (tmp_path / "w.db").exists()
    in_url = samba.server.url().replace(f"{SCANNER}@", f"{SCANNER}:{wrong}@")
    out = cli("scan", in_url, "--db", str(tmp_path / "u.db"), env=password_env(samba))
    assert out.returncode == 2 and wrong not in out.stdout + out.stderr


def test_scan_is_read_only(samba, tmp_path):
    """Scanned as the admin, who could write: nothing on the server's disk changes."""

    def state() -> dict[str, tuple]:
        out = {}
        for path in sorted(samba.server.share_dir.rglob("*")):
            st = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
            out[str(path)] = (st.st_mode, st.st_uid, st.st_gid, st.st_size, st.st_mtime_ns, st.st_ctime_ns, digest)
        return out

    before = state()
    out = cli("scan", samba.server.url(ADMIN), "--db", str(tmp_path / "a.db"), "--workers", "1", env=password_env(samba, ADMIN))
    assert out.returncode == 0, out.stderr[-2000:]
    assert state() == before


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


def test_smb_and_local_scans_of_one_tree_agree(smb_scan, samba, tmp_path):
    roster = write_roster(tmp_path / "roster.csv", samba)
    db = tmp_path / "local.db"
    local = cli("scan", str(samba.server.share_dir), "--db", str(db), "--workers", "2", "--roster", str(roster))
    assert local.returncode == 0, local.stderr[-2000:]
    local_doc = json.loads(report(db, tmp_path / "local.json").read_text(encoding="utf-8"))
    over_smb, on_disk = fingerprints(smb_scan[2]), fingerprints(local_doc)
    # the one difference is the scanning account's own rights: root reads the file tnsmb_scan may not
    assert over_smb.pop(DENIED_PATH)[4] == "PERMISSION_DENIED" and on_disk.pop(DENIED_PATH)[4] is None
    assert over_smb == on_disk
    exposure_smb = {p: a["exposure"] for p, a in assets(smb_scan[2]).items() if p != DENIED_PATH}
    exposure_local = {p: a["exposure"] for p, a in assets(local_doc).items() if p != DENIED_PATH}
    assert exposure_smb == exposure_local  # who can reach it agrees; only the principals' names differ


def _recorded(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=1)
        try:
            return conn.execute("SELECT COUNT(*) FROM assets").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def test_server_killed_mid_scan_leaves_a_resumable_run(smb_scan, samba):
    root = Path(tempfile.mkdtemp(prefix="tanaoroshi-samba-kill-", dir="/tmp"))
    # a second server on the same folder, so killing it cannot disturb the module's server
    other = start_share(root, share_dir=samba.server.share_dir, passwords=samba.server.passwords)
    try:
        db = root / "k.db"
        env = dict(os.environ, TANAOROSHI_KEY=KEY, TANAOROSHI_SMB_PASSWORD=other.server.passwords[SCANNER], TANAOROSHI_TEST_SLOW_SECONDS="0.4", TANAOROSHI_BATCH_RECORDS="1")
        proc = subprocess.Popen(
            [sys.executable, "-m", "inventory.cli", "scan", other.server.url(), "--db", str(db), "--workers", "1"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and _recorded(db) < 2 and proc.poll() is None:
            time.sleep(0.1)
        assert proc.poll() is None, "the scan finished before the server could be killed"
        other.server.kill()
        stdout, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 75, stderr[-2000:]
        assert "再開" in stderr and "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1, stderr[-3000:]
        assert other.server.passwords[SCANNER] not in stdout + stderr
        conn = sqlite3.connect(db)
        assert conn.execute("SELECT id, status FROM runs").fetchall() == [(1, "incomplete")]
        kept = conn.execute("SELECT COUNT(*) FROM assets WHERE run_id = 1").fetchone()[0]
        conn.close()
        assert 2 <= kept < len(samba.hashes)
        other.server.start()  # the server comes back on the same port: the same target
        again = cli("scan", other.server.url(), "--db", str(db), "--workers", "1", env={"TANAOROSHI_SMB_PASSWORD": other.server.passwords[SCANNER]})
        assert again.returncode == 0, again.stderr[-2000:]
        conn = sqlite3.connect(db)
        assert conn.execute("SELECT id, status FROM runs").fetchall() == [(1, "complete")]  # continued, not restarted
        stats = json.loads(conn.execute("SELECT stats FROM runs WHERE id = 1").fetchone()[0])
        conn.close()
        assert stats["resumed"] and stats["extracted"] < len(samba.hashes)
        resumed = fingerprints(json.loads(report(db, root / "k.json").read_text(encoding="utf-8")))
        assert resumed == fingerprints(smb_scan[2])
    finally:
        other.server.kill()
        shutil.rmtree(root, ignore_errors=True)
