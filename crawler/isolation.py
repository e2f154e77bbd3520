"""Per-file isolation: run a task per item in worker processes that can be killed and replaced.

A parser that hangs, eats memory or crashes the interpreter must cost one file, not the crawl
(STYLE.md: "a time limit is not a memory limit — enforce budgets at the process boundary").
``concurrent.futures.ProcessPoolExecutor`` cannot kill one stuck task without breaking the whole pool,
so this supervisor keeps one pipe per worker, a deadline per task, and replaces a worker that times
out or dies. Workers apply a data-size limit (RLIMIT_DATA: heap and private writable mappings) so
runaway allocations end in ``MemoryError`` inside the task, which the task turns into a per-file error.
Not RLIMIT_AS: the address space also counts read-only file mappings (the Sudachi dictionary GiNZA
maps, ≈ 200 MB) and reserved-but-unused allocator arenas, so a worker with the NLP models loaded sat
at ≈ 1.1–1.3 GB of address space with ≈ 0.6 GB resident and a limit there refused ordinary files.

The supervisor knows nothing of what the task does: the inventory passes a picklable top-level
function (extract + detect) and gets back whatever it returns.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import resource
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Generic, Iterable, Iterator, TypeVar

T = TypeVar("T")

OK = "ok"
TIMEOUT = "timeout"
CRASH = "crash"


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What became of one item: ``status`` is ok / timeout / crash; ``value`` is the task's return value."""

    item: T
    status: str
    value: Any = None
    detail: str = ""


def _worker_main(conn: Connection, func: Callable[[Any], Any], memory_bytes: int | None) -> None:
    if memory_bytes:
        try:
            resource.setrlimit(resource.RLIMIT_DATA, (memory_bytes, memory_bytes))
        except (ValueError, OSError):  # the hard limit may already be lower: keep it
            pass
    while True:
        try:
            item = conn.recv()
        except EOFError:
            return
        if item is None:
            return
        try:
            value = func(item)
        except MemoryError:
            conn.send((CRASH, None, "MemoryError"))
            continue
        except BaseException as exc:  # the task is expected to catch its own errors; this is a safety net
            conn.send((CRASH, None, f"{type(exc).__name__}"))
            continue
        conn.send((OK, value, ""))


class _Worker:
    def __init__(self, ctx: Any, func: Callable[[Any], Any], memory_bytes: int | None):
        parent, child = ctx.Pipe(duplex=True)
        self.conn = parent
        self.process = ctx.Process(target=_worker_main, args=(child, func, memory_bytes), daemon=True)
        self.process.start()
        child.close()
        self.item: Any = None
        self.deadline: float | None = None
        self.busy = False

    def send(self, item: Any, timeout: float | None) -> None:
        self.item = item
        self.busy = True
        self.deadline = time.monotonic() + timeout if timeout else None
        self.conn.send(item)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


class SupervisedPool:
    """Runs ``func(item)`` for each item in ``workers`` killable processes.

    ``workers=0`` runs inline in this process (no time or memory enforcement): for debugging and
    for tiny scans where starting processes costs more than the work.
    """

    def __init__(
        self,
        func: Callable[[Any], Any],
        *,
        workers: int | None = None,
        timeout: float | None = None,
        memory_bytes: int | None = None,
        start_method: str = "forkserver",
        preload: Iterable[str] = (),
    ):
        self.func = func
        self.workers = (os.cpu_count() or 1) if workers is None else workers
        self.timeout = timeout
        self.memory_bytes = memory_bytes
        self.ctx = mp.get_context(start_method) if self.workers else None
        if self.ctx is not None and start_method == "forkserver" and preload:
            self.ctx.set_forkserver_preload(list(preload))
        self.restarts = 0

    def run(self, items: Iterable[T], backlog: int = 2) -> Iterator[Outcome[T]]:
        """Yield an Outcome per item as it completes (unordered). Items are pulled lazily."""
        if not self.workers:
            for item in items:
                try:
                    yield Outcome(item, OK, self.func(item))
                except MemoryError:
                    yield Outcome(item, CRASH, None, "MemoryError")
            return
        source = iter(items)
        pending: deque[Any] = deque()
        exhausted = False

        def refill() -> None:
            nonlocal exhausted
            while not exhausted and len(pending) < backlog * self.workers:
                try:
                    pending.append(next(source))
                except StopIteration:
                    exhausted = True

        pool = [_Worker(self.ctx, self.func, self.memory_bytes) for _ in range(self.workers)]
        try:
            while True:
                refill()
                for w in pool:
                    if not w.busy and pending:
                        w.send(pending.popleft(), self.timeout)
                busy = [w for w in pool if w.busy]
                if not busy:
                    if exhausted and not pending:
                        return
                    continue
                now = time.monotonic()
                deadlines = [w.deadline for w in busy if w.deadline is not None]
                wait_for = max(0.0, min(deadlines) - now) if deadlines else None
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=wait_for)
                for i, w in enumerate(pool):
                    if not w.busy:
                        continue
                    if w.conn in ready:
                        try:
                            status, value, detail = w.conn.recv()
                        except (EOFError, OSError):
                            status, value, detail = CRASH, None, f"exit code {w.process.exitcode}"
                            yield self._replace(pool, i, status, detail)
                            continue
                        item, w.item, w.busy, w.deadline = w.item, None, False, None
                        yield Outcome(item, status, value, detail)
                    elif w.process.sentinel in ready or not w.process.is_alive():
                        yield self._replace(pool, i, CRASH, f"exit code {w.process.exitcode}")
                    elif w.deadline is not None and time.monotonic() >= w.deadline:
                        yield self._replace(pool, i, TIMEOUT, f"over {self.timeout:g}s")
        finally:
            for w in pool:
                w.stop(kill=w.busy)

    def _replace(self, pool: list[_Worker], index: int, status: str, detail: str) -> Outcome[Any]:
        old = pool[index]
        item = old.item
        old.stop(kill=True)
        pool[index] = _Worker(self.ctx, self.func, self.memory_bytes)
        self.restarts += 1
        return Outcome(item, status, None, detail)
