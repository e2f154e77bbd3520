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


def test_items_queued_behind_a_hang_or_a_crash_are_run_by_the_replacement():
    # one worker, two items in flight: the item waiting in the pipe of a worker that hangs or dies was never
    # started; it must still get its own outcome (not the failed one's), from the next worker
    items = [("sleep", 30), ("ok", 1), ("exit", 9), ("ok", 2), ("ok", 3)]
    out, pool = run(items, workers=1, timeout=1.5)
    assert set(out) == set(items)
    assert out[("sleep", 30)].status == TIMEOUT and out[("exit", 9)].status == CRASH
    assert [(out[("ok", n)].status, out[("ok", n)].value) for n in (1, 2, 3)] == [(OK, 2), (OK, 4), (OK, 6)]
    assert pool.restarts == 2


def test_a_queued_items_time_limit_starts_when_the_worker_takes_it():
    # each item takes 1.2 s of a 2 s limit; the second waits 1.2 s in the pipe first, which is not its time
    items = [("sleep", 1.2), ("sleep", 1.21)]
    out, pool = run(items, workers=1, timeout=2.0)
    assert [out[i].status for i in items] == [OK, OK] and pool.restarts == 0


def test_one_item_in_flight_per_worker_still_works():
    pool = SupervisedPool(behave, workers=1, timeout=5)
    out = {o.item: o.value for o in pool.run([("ok", n) for n in range(5)], depth=1)}
    assert out == {("ok", n): 2 * n for n in range(5)}


@pytest.fixture
def slow_forkserver():
    """This process's forkserver, new, with a preload that takes 1.5 s (one server per process: any earlier one,
    with its own preload, is ended first; this one is ended after the test, for the next test's preload)."""
    from crawler.isolation import stop_forkserver

    stop_forkserver()
    yield ["tests.crawler.isolation_slow_start"]
    stop_forkserver()


def test_start_up_helpers_do_their_part_of_items_while_the_workers_come_up(slow_forkserver):
    # The workers' forkserver takes 1.5 s to preload; meanwhile one helper (workers - 1) runs ``prepare`` over the
    # items read ahead. An item it declines, and the items from the one it dies on, reach the workers as they
    # were; every item has one outcome, and no helper is left running.
    import multiprocessing

    from tests.crawler.isolation_slow_start import behave_slowly_started
    from tests.crawler.isolation_tasks import prepare

    items = [("ok", n) for n in range(10)] + [("decline", 10)] + [("ok", n) for n in range(11, 20)] + [("die", 20)] + [("ok", n) for n in range(21, 30)]
    pool = SupervisedPool(behave_slowly_started, workers=2, timeout=30, preload=slow_forkserver, prefetch=prepare)
    outcomes = list(pool.run(items))
    assert all(o.status == OK for o in outcomes)
    values = sorted(o.value for o in outcomes)
    assert sorted(v[1] for v in values) == [2 * n for n in range(30)]  # every item once
    helped = {v[1] // 2 for v in values if v[0] == "helped"}
    assert helped == set(range(20)) - {10}  # every "ok" before the helper died, none after: it was not replaced
    assert pool.prefetched == len(helped)
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]


def test_what_start_up_helpers_hold_is_bounded_in_bytes(slow_forkserver, monkeypatch):
    # The helpers' work waits in this process until a worker takes it: once it holds the budget's bytes, no more
    # items are read ahead for them, and the rest reach the workers as they were — each item still once.
    import pickle

    from crawler.isolation import OK, _Prefetch
    from tests.crawler.isolation_slow_start import behave_slowly_started
    from tests.crawler.isolation_tasks import prepare

    one = len(pickle.dumps((OK, ("ready", 100), ""), protocol=pickle.HIGHEST_PROTOCOL))
    monkeypatch.setattr(_Prefetch, "BUDGET", 5 * one)
    items = [("ok", n) for n in range(100, 400)]
    pool = SupervisedPool(behave_slowly_started, workers=2, timeout=30, preload=slow_forkserver, prefetch=prepare)
    values = sorted(o.value for o in pool.run(items))
    assert sorted(v[1] for v in values) == [2 * n for n in range(100, 400)]
    # the budget's five, and what was already pulled for the helpers when it filled (in their pipes, ≤ DEPTH)
    assert 5 <= pool.prefetched <= 5 + 2 * _Prefetch.DEPTH
    assert pool.prefetched == sum(v[0] == "helped" for v in values)


def test_one_worker_has_no_start_up_helper(slow_forkserver):
    # at most ``workers`` processes work: with one, the forkserver's preload is the other
    from tests.crawler.isolation_slow_start import behave_slowly_started
    from tests.crawler.isolation_tasks import prepare

    pool = SupervisedPool(behave_slowly_started, workers=1, timeout=30, preload=slow_forkserver, prefetch=prepare)
    assert sorted(o.value for o in pool.run([("ok", 1), ("ok", 2)])) == [("alone", 2), ("alone", 4)]
    assert pool.prefetched == 0


def test_an_item_sent_to_a_worker_that_just_died_waits_for_its_replacement():
    # the worker died on an item it holds; before the supervisor has seen it go, it sends the next one: no broken
    # pipe escapes, the item stays queued behind the one that killed the worker (which ``_replace`` then blames
    # and requeues the rest for the replacement)
    import multiprocessing as mp

    from crawler.isolation import _Worker

    worker = _Worker(mp.get_context("spawn"), behave, None)
    try:
        worker.send(("exit", 9), None)
        worker.process.join(timeout=30)
        assert worker.process.exitcode == 9
        for n in range(50):  # a socket's buffer may take the first few writes after the peer has gone
            worker.send(("ok", n), None)
        assert list(worker.items) == [("exit", 9)] + [("ok", n) for n in range(50)]
    finally:
        worker.stop(kill=True)


@pytest.mark.timeout(120)
def test_big_items_and_big_results_do_not_deadlock_the_pipes():
    # Items of 80 kB (a start-up helper's extracted text can be 64 kB) and results of 1 MB (a big spreadsheet's
    # findings), up to 64 items per worker: were they all sent, the supervisor's send would wait for room in the
    # pipe while the worker waits to send a result the supervisor is not reading. What waits in a pipe stays
    # within its buffer instead.
    from tests.crawler.isolation_tasks import bulk

    items = [("bulk", (bytes([n]) * 80_000, 1_000_000)) for n in range(40)]
    pool = SupervisedPool(bulk, workers=1, timeout=60)
    out = list(pool.run(items, depth=64))
    assert len(out) == 40 and all(o.status == OK and len(o.value) == 1_000_000 for o in out)


def test_the_supervisor_wakes_for_several_results_at_once():
    # one worker, items of 10 ms: with naps (50 ms here) the results that arrive meanwhile are taken together;
    # without, the supervisor wakes for about every result (a loaded machine may merge a few: the bound is relative)
    items = [("sleep", 0.01 + n * 1e-9) for n in range(150)]  # distinct items (the outcomes are keyed by item)
    napping = SupervisedPool(behave, workers=1, timeout=30, nap=0.05)
    assert sum(o.status == OK for o in napping.run(items)) == 150
    awake = SupervisedPool(behave, workers=1, timeout=30, nap=0)
    assert sum(o.status == OK for o in awake.run(items)) == 150
    assert 2 * napping.wakes < awake.wakes


def test_a_nap_never_outlasts_a_time_limit():
    # short items teach the workers' pace (naps of up to NAP), then one item hangs: it is ended at its limit
    items = [("ok", n) for n in range(40)] + [("sleep", 30)] + [("ok", n) for n in range(40, 60)]
    out, pool = run(items, workers=1, timeout=1.0)
    assert out[("sleep", 30)].status == TIMEOUT
    assert all(out[("ok", n)].status == OK for n in range(60)) and pool.restarts == 1
