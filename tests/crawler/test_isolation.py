"""The supervisor turns hangs, crashes and memory blow-ups into per-item outcomes; the run goes on."""
import pytest

from crawler.isolation import CRASH, OK, TIMEOUT, SupervisedPool
from tests.crawler.isolation_tasks import behave


def run(items, **kw):
    pool = SupervisedPool(behave, **kw)
    return {o.item: o for o in pool.run(items)}, pool


def test_every_item_has_an_outcome_despite_hangs_crashes_and_memory():
    items = [("ok", 1), ("sleep", 30), ("ok", 2), ("exit", 9), ("ok", 3), ("alloc", 2 * 1024**3), ("raise", 0), ("ok", 4)]
    out, pool = run(items, workers=2, timeout=2.0, memory_bytes=1024**3)
    assert set(out) == set(items)
    assert [out[("ok", n)].value for n in (1, 2, 3, 4)] == [2, 4, 6, 8]
    assert out[("sleep", 30)].status == TIMEOUT
    assert out[("exit", 9)].status == CRASH
    assert out[("alloc", 2 * 1024**3)].status == CRASH and out[("alloc", 2 * 1024**3)].detail == "MemoryError"
    assert out[("raise", 0)].status == CRASH and out[("raise", 0)].detail == "ValueError"
    assert pool.restarts == 2  # the hung and the exited worker were replaced; MemoryError kept its worker


def test_inline_mode_runs_in_process():
    out, _ = run([("ok", 5)], workers=0)
    assert out[("ok", 5)].status == OK and out[("ok", 5)].value == 10


@pytest.mark.parametrize("workers", [1, 2])
def test_many_items_keep_order_independent_results(workers):
    items = [("ok", n) for n in range(50)]
    out, pool = run(items, workers=workers, timeout=10)
    assert sorted(o.value for o in out.values()) == [2 * n for n in range(50)]
    assert pool.restarts == 0
