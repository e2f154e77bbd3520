"""A multi-worker scan reads files on the spare core while the workers' forkserver loads the detectors
(``inventory.worker.prefetch_read`` on ``crawler.isolation``'s start-up helpers): the inventory is the one a
1-worker scan, which has no helper, records. (That no helper outlives its pool: tests/crawler/test_isolation.py.)"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.same_inventory import facts
from benchmarks.corpus import generate

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _scan(share: Path, db: Path, workers: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "inventory.cli", "scan", str(share), "--db", str(db), "--workers", str(workers)],
        cwd=ROOT, env=dict(os.environ, TANAOROSHI_KEY="42" * 32), capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    conn = sqlite3.connect(db)
    stats = json.loads(conn.execute("SELECT stats FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0])
    conn.close()
    return stats


def test_a_two_worker_scan_with_files_read_ahead_records_what_one_worker_records(tmp_path):
    share = tmp_path / "share"
    generate(share, 150, seed=7, pictures=False)
    one = _scan(share, tmp_path / "one.db", 1)
    two = _scan(share, tmp_path / "two.db", 2)
    assert one["prefetched"] == 0  # one worker: the forkserver's preload is the other busy process
    assert 0 < two["prefetched"] <= 150  # the helper read files while the detectors loaded
    a, b = facts(str(tmp_path / "one.db")), facts(str(tmp_path / "two.db"))
    assert len(a) >= 150 and sum(len(v[-1]) for v in a.values()) > 0
    assert [p for p in sorted(set(a) | set(b)) if a.get(p) != b.get(p)] == []
