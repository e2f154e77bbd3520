"""Scans on a real Dask cluster (LocalCluster, 2 worker processes): the same inventory as in-process,
a worker killed mid-scan loses nothing, a file that kills workers becomes WORKER_CRASH."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from inventory.demo import generate

pytestmark = pytest.mark.slow
KEY = "22" * 32


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "inventory.cli", *args], capture_output=True, text=True, timeout=600, env=env)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("cluster")
    generate(root / "demo")
    args = (root / "demo" / "scan-args.txt").read_text(encoding="utf-8").split()
    return root / "demo" / "share", args


def inventory(db) -> dict:
    out = json.loads(cli("report", "--db", str(db), "--format", "json").stdout)
    conn = sqlite3.connect(db)
    fps = {}
    for path, fp in conn.execute("SELECT a.path, group_concat(f.entity || ':' || f.fingerprint || ':' || f.location, '|') FROM assets a LEFT JOIN findings f ON f.asset_id = COALESCE(a.findings_from, a.id) GROUP BY a.id"):
        fps[path] = tuple(sorted((fp or "").split("|")))
    conn.close()
    return {a["path"]: (a["tier"], tuple(a["exposure"]), tuple(sorted(a["entities"].items())), fps[a["path"]], (a["error"] or {}).get("code")) for a in out["assets"]}


@pytest.fixture(scope="module")
def reference(demo, tmp_path_factory):
    share, args = demo
    db = tmp_path_factory.mktemp("ref") / "ref.db"
    out = cli("scan", str(share), "--db", str(db), "--workers", "2", *args, env=dict(os.environ, TANAOROSHI_KEY=KEY))
    assert out.returncode == 0, out.stderr[-1000:]
    return inventory(db)


def test_local_cluster_gives_the_same_inventory(demo, reference, tmp_path):
    share, args = demo
    db = tmp_path / "t.db"
    out = cli("scan", str(share), "--db", str(db), "--cluster", "local:2", *args, env=dict(os.environ, TANAOROSHI_KEY=KEY))
    assert out.returncode == 0, out.stderr[-1000:]
    assert inventory(db) == reference


@pytest.fixture
def cluster(monkeypatch):
    from distributed import Client, LocalCluster

    def start(**env):
        for k, v in env.items():
            monkeypatch.setenv(k, v)
        monkeypatch.setenv("TANAOROSHI_KEY", KEY)
        c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1")
        started.append(c)
        return c, Client(c)

    started = []
    yield start
    for c in started:
        c.close()


def test_a_worker_killed_mid_scan_loses_nothing(demo, reference, tmp_path, cluster):
    share, args = demo
    c, client = cluster(TANAOROSHI_TEST_SLOW_SECONDS="0.3")
    db = tmp_path / "t.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "inventory.cli", "scan", str(share), "--db", str(db), "--cluster", c.scheduler_address, *args],
        env=dict(os.environ, TANAOROSHI_KEY=KEY), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.3)
        processing = client.processing()
        if sum(len(v) for v in processing.values()) >= 2 and db.exists():
            break
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    stdout, stderr = proc.communicate(timeout=600)
    client.close()
    assert proc.returncode == 0, stderr[-1000:]
    assert inventory(db) == reference


def test_a_file_that_kills_workers_is_worker_crash(demo, tmp_path, cluster):
    share, args = demo
    c, client = cluster(TANAOROSHI_TEST_CRASH_ON="会議室予約")
    db = tmp_path / "t.db"
    out = cli("scan", str(share), "--db", str(db), "--cluster", c.scheduler_address, *args, env=dict(os.environ, TANAOROSHI_KEY=KEY))
    client.close()
    assert out.returncode == 0, out.stderr[-1000:]
    inv = inventory(db)
    assert inv["共有/会議室予約.csv"][4] == "WORKER_CRASH" and inv["共有/会議室予約.csv"][0] is None
    assert inv["営業/顧客リスト/顧客リスト_2026.xlsx"][0] == 3
