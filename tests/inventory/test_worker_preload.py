"""Workers fork from a forkserver that has the detectors and GiNZA loaded (inventory.worker_preload): the
first workers and each replacement start warm, the per-worker memory budget still holds, and items are
pulled ahead while the first worker comes up. Each case runs in a fresh interpreter, since the forkserver
is one per process and keeps the preload list of the first pool that started it."""
from __future__ import annotations

from tests.inventory.python_child import run_python


def test_workers_and_their_replacements_fork_warm_and_keep_the_memory_budget():
    got = run_python(
        """
        import json
        from crawler.isolation import SupervisedPool
        from tests.inventory.preload_tasks import loaded

        pool = SupervisedPool(loaded, workers=1, timeout=60, memory_bytes=1536 * 1024**2,
                              preload=["inventory.worker", "inventory.worker_preload"])
        items = [("ok", 0), ("exit", 9), ("ok", 1), ("alloc", 3 * 1024**3), ("ok", 2)]
        out = {o.item[0] + str(o.item[1]): (o.status, o.value, o.detail) for o in pool.run(items)}
        print(json.dumps({"out": out, "restarts": pool.restarts, "startup": pool.startup_seconds}))
        """
    )
    out = got["out"]
    first, after_crash = out["ok0"][1], out["ok1"][1]
    assert first["analyzer"] and first["ginza"]  # loaded before the worker's first task
    assert after_crash["pid"] != first["pid"] and after_crash["analyzer"] and after_crash["ginza"]  # the replacement too
    assert out["exit9"][0] == "crash" and got["restarts"] == 1
    assert out["alloc3221225472"][:1] == ["crash"] and out["alloc3221225472"][2] == "MemoryError"
    assert out["ok2"][0] == "ok"  # the worker that hit its budget goes on
    assert len(got["startup"]) == 1


def test_nothing_starts_without_items_and_items_are_read_ahead_during_start_up():
    got = run_python(
        """
        import json, time
        from crawler.isolation import SupervisedPool
        from tests.crawler.isolation_tasks import behave

        empty = SupervisedPool(behave, workers=2, preload=["tests.inventory.slow_preload"])
        assert list(empty.run([])) == [] and empty.startup_seconds == []
        import multiprocessing.forkserver as fs
        assert fs._forkserver._forkserver_pid is None  # no server, no preload: nothing was loaded

        pulled = []
        def items():
            for n in range(30):
                pulled.append(time.monotonic())
                yield ("ok", n)

        pool = SupervisedPool(behave, workers=2, timeout=60, preload=["tests.inventory.slow_preload"], lookahead=100)
        values = sorted(o.value for o in pool.run(items()))
        print(json.dumps({"values": values, "pulled": pulled, "ready": pool.ready_at, "startup": pool.startup_seconds}))
        """
    )
    assert got["values"] == [2 * n for n in range(30)]
    assert max(got["pulled"]) < min(got["ready"])  # every item was pulled while the first worker was starting
    assert got["startup"][0] >= 1.0 and len(got["startup"]) == 2  # the first start waited for the preload
