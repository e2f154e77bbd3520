"""The scan command starts the workers' forkserver before anything else (``crawler.isolation.start_forkserver``),
so its preload overlaps what the command does before its first worker, and ends it with the command
(``stop_forkserver``), so a scan that forks no worker leaves nothing loading behind it. Cases that touch the
forkserver run in a fresh interpreter: it is one per process."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from tests.inventory.python_child import run_python

ROOT = Path(__file__).resolve().parents[2]


def test_a_server_started_early_has_preloaded_by_the_first_worker():
    got = run_python(
        """
        import json, time
        from crawler.isolation import SupervisedPool, start_forkserver
        from tests.crawler.isolation_tasks import behave

        assert start_forkserver(["tests.inventory.slow_preload"])  # a 1.5 s preload
        time.sleep(2.0)  # the caller's own start-up: imports, the store, the walk
        pool = SupervisedPool(behave, workers=1, timeout=60, preload=["tests.inventory.slow_preload"])
        values = [o.value for o in pool.run([("ok", 1), ("ok", 2)])]
        print(json.dumps({"values": sorted(values), "startup": pool.startup_seconds}))
        """
    )
    assert got["values"] == [2, 4]
    assert got["startup"][0] < 1.0  # the preload had run during the caller's 2 s, not after its first item


def test_stop_ends_a_server_that_is_still_preloading():
    got = run_python(
        """
        import json, os, time
        import multiprocessing.forkserver as fs
        from crawler.isolation import start_forkserver, stop_forkserver

        start_forkserver(["tests.inventory.slow_preload"])
        pid = fs._forkserver._forkserver_pid
        t0 = time.monotonic()
        stop_forkserver()
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"seconds": time.monotonic() - t0, "signalled": os.WIFSIGNALED(status)}))
        """
    )
    assert got["signalled"] and got["seconds"] < 1.0  # not left to finish its 1.5 s preload


def _marked_processes(mark: str) -> list[int]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes()
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if f"H4_TEST_MARK={mark}".encode() in environ.split(b"\0") and state != "Z":
            found.append(int(pid))
    return found


def test_a_scan_with_nothing_to_read_leaves_no_server_behind(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    mark = uuid.uuid4().hex
    env = dict(os.environ, TANAOROSHI_KEY="42" * 32, H4_TEST_MARK=mark)
    out = subprocess.run(
        [sys.executable, "-m", "inventory.cli", "scan", str(share), "--db", str(tmp_path / "inv.db"), "--workers", "2"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    deadline = time.monotonic() + 5
    while _marked_processes(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _marked_processes(mark) == []  # the forkserver did not go on loading the detectors for nobody


def test_workers_fork_from_a_frozen_warm_heap_with_the_collector_on():
    got = run_python(
        """
        import json
        from crawler.isolation import SupervisedPool
        from tests.inventory.gc_tasks import gc_state

        pool = SupervisedPool(gc_state, workers=1, timeout=120, preload=["inventory.worker", "inventory.worker_preload"])
        print(json.dumps([o.value for o in pool.run([0])]))
        """
    )
    assert got[0]["enabled"]  # the worker collects its own garbage
    assert got[0]["frozen"] > 50_000  # what the warm-up loaded is out of the worker's collections
    assert got[0]["threshold"][0] == 10_000  # its young objects are collected less often than by default (700)


def test_a_pool_after_stop_starts_a_new_server():
    got = run_python(
        """
        import json
        from crawler.isolation import SupervisedPool, start_forkserver, stop_forkserver
        from tests.crawler.isolation_tasks import behave

        start_forkserver(["tests.inventory.slow_preload"])
        stop_forkserver()
        pool = SupervisedPool(behave, workers=1, timeout=60)
        print(json.dumps(sorted(o.value for o in pool.run([("ok", 1), ("ok", 2)]))))
        """
    )
    assert got == [2, 4]


def _scan_started_a_server(share: Path, db: Path, *extra: str) -> bool:
    got = run_python(
        f"""
        import contextlib, io, json, os
        import multiprocessing.forkserver as fs
        from inventory.cli import main
        os.environ["TANAOROSHI_KEY"] = "42" * 32
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["scan", {str(share)!r}, "--db", {str(db)!r}, "--workers", "1", *{list(extra)!r}]) == 0
        print(json.dumps({{"server": fs._forkserver._forkserver_pid is not None}}))
        """
    )
    return got["server"]


def test_only_a_scan_that_reads_every_file_starts_the_server_early(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    (share / "memo.txt").write_text("電話 03-1234-5678\n", encoding="utf-8")
    db = tmp_path / "inv.db"
    assert _scan_started_a_server(share, db)  # a new inventory: every file is read
    assert not _scan_started_a_server(share, db)  # an unchanged re-crawl reads nothing and loads nothing
    assert _scan_started_a_server(share, db, "--full")
    (share / "memo.txt").write_text("電話 03-1234-9999\n", encoding="utf-8")
    assert _scan_started_a_server(share, db)  # a changed file: its pool starts the server when it comes to it


def test_ctrl_c_during_the_start_up_ends_the_scan_without_a_traceback(tmp_path):
    # A Ctrl-C in a terminal reaches the whole process group: the scan, its forkserver in the middle of its preload,
    # and the start-up helper reading files. The scan handles it (exit 130, resumable); neither the server nor the
    # helper prints a KeyboardInterrupt traceback over the scan's message.
    import signal

    from benchmarks.corpus import generate

    share = tmp_path / "share"
    generate(share, 40, seed=3, pictures=False)
    proc = subprocess.Popen(
        [sys.executable, "-m", "inventory.cli", "scan", str(share), "--db", str(tmp_path / "inv.db"), "--workers", "2"],
        cwd=ROOT, env=dict(os.environ, TANAOROSHI_KEY="42" * 32), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
        # as a terminal's foreground job has it: a suite started in the background by a non-interactive shell
        # (`make test &`) runs with SIGINT ignored, which its children inherit, and the scan would not see the Ctrl-C
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(0.8)  # the forkserver is loading the detectors (≈ 1.5 s)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err[-2000:]
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err[-2000:]
