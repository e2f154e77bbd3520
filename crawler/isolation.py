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
function (extract + detect) and gets back whatever it returns — and, optionally, a function for start-up
helpers (``_Prefetch``) that do an item's first part (reading the file) on the cores left idle while the
workers come up.
"""
from __future__ import annotations

import math
import multiprocessing as mp
import os
import pickle
import resource
import signal
import socket
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Callable, Generic, Iterable, Iterator, TypeVar

from crawler.poller import Poller

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


def _worker_main(conn: Connection, func: Callable[[Any], Any], memory_bytes: int | None, helper: bool = False) -> None:
    if helper:  # a start-up helper (``_Prefetch``): below the preload every worker waits for, and ended by its pool
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C in the terminal is the supervisor's to handle
        try:
            os.nice(_Prefetch.NICE)
        except OSError:
            pass
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


def start_forkserver(preload: Iterable[str]) -> bool:
    """Start this process's forkserver now, in the background, importing ``preload`` — so that its imports and
    model loads, the longest part of a scan's start-up, run while the caller is still importing, opening its
    store and walking, instead of only once the first item exists. The pools started later in this process
    fork their workers from it (one server per process: the first preload list set is the one it loads).
    Returns False where there is no forkserver (not POSIX)."""
    try:
        ctx = mp.get_context("forkserver")
    except ValueError:
        return False
    from multiprocessing import forkserver

    ctx.set_forkserver_preload(list(preload))
    forkserver.ensure_running()  # spawns the server and returns: the preload runs there, not here
    return True


def stop_forkserver() -> None:
    """End this process's forkserver, if one runs: one started early (``start_forkserver``) for a scan that forked
    no worker — nothing to read, an input error — would otherwise go on loading the detectors after this
    process has exited. A signal, not the stdlib's ``ForkServer._stop``, which waits for the preload to finish;
    then a wait for its end that leaves it unreaped (``WNOWAIT``), so that a pool started later in this process
    finds it gone (the stdlib reaps it then) and starts another."""
    from multiprocessing import forkserver

    pid = getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)  # no public accessor
    if pid is None:
        return
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
    except (ProcessLookupError, ChildProcessError):
        pass


_MESSAGE_OVERHEAD = 1536  # bytes of a socket buffer a message takes beyond its own (its header, the kernel's bookkeeping)


def _message_cost(blob: bytes) -> int:
    return len(blob) + _MESSAGE_OVERHEAD


def _pipe_room(conn: Connection) -> int:
    """Bytes of items that may wait in a worker's pipe: three quarters of its send buffer (a Unix socket pair;
    212,992 bytes by default on Linux, of which a 700-byte message takes ≈ 1.3 kB), 48 KiB if that cannot be
    read. At least one item always fits (``_Worker.fits``)."""
    try:
        with socket.socket(fileno=os.dup(conn.fileno())) as sock:
            return sock.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF) * 3 // 4
    except (OSError, ValueError):
        return 48 << 10


class _Worker:
    """One worker process and the items sent to it, oldest first: it works on the first (whose deadline runs)
    while the others wait in its pipe, so that it never idles while the supervisor handles a result."""

    def __init__(self, ctx: Any, func: Callable[[Any], Any], memory_bytes: int | None, helper: bool = False):
        parent, child = ctx.Pipe(duplex=True)
        self.conn = parent
        self.process = ctx.Process(target=_worker_main, args=(child, func, memory_bytes, helper), daemon=True)
        self.process.start()
        child.close()
        self.items: deque[Any] = deque()
        self.sizes: deque[int] = deque()  # what each item cost of the pipe's buffer (``_message_cost``)
        self.queued = 0  # their sum
        self.room = _pipe_room(parent)
        # whether a result waits, asked after each one taken: a poll kept for this pipe, not ``Connection.poll``
        # (the stdlib's ``wait``: a new selector per call)
        self._results = Poller()
        self.timeout: float | None = None
        self.began = 0.0  # when the oldest item started (time.monotonic(), as far as the supervisor can tell)
        self.per_item: float | None = None  # seconds an item takes this worker, a moving average

    @property
    def busy(self) -> bool:
        return bool(self.items)

    @property
    def deadline(self) -> float | None:
        """When the oldest item's time is up (its time limit runs from when the worker took it)."""
        return self.began + self.timeout if self.items and self.timeout else None

    def fits(self, blob: bytes) -> bool:
        """Whether an item pickled as ``blob`` can be sent without the send blocking. The pipe holds the items
        the worker has not read, and a send that waits for room while the worker waits to send a result larger
        than its own direction holds would wait forever: what is queued stays within the buffer (an item to an
        idle worker always goes: it is reading)."""
        return not self.items or self.queued + _message_cost(blob) <= self.room

    def send(self, item: Any, timeout: float | None, blob: bytes | None = None) -> None:
        if not self.items:
            self.began = time.monotonic()
        self.timeout = timeout
        if blob is None:
            # what ``Connection.send`` sends, without the ForkingPickler it builds per call (an item holds no descriptor)
            blob = pickle.dumps(item, pickle.HIGHEST_PROTOCOL)
        cost = _message_cost(blob)
        self.items.append(item)
        self.sizes.append(cost)
        self.queued += cost
        try:
            self.conn.send_bytes(blob)
        except (BrokenPipeError, ConnectionResetError):
            # it died on an item it holds and the supervisor has not seen it yet: its sentinel and pipe say so at the
            # next wait, and this item, queued behind the one that killed it, goes to its replacement
            pass

    def done(self) -> Any:
        """The oldest item is finished (its result was received): the next one's deadline starts now."""
        now = time.monotonic()
        item = self.items.popleft()
        self.queued -= self.sizes.popleft()
        took = now - self.began
        self.per_item = took if self.per_item is None else 0.8 * self.per_item + 0.2 * took
        self.began = now
        return item

    def has_result(self) -> bool:
        """Whether the worker has sent something not yet received (or its pipe hung up: ``recv`` then says so)."""
        return bool(self._results.wait([self.conn], 0))

    def ahead(self) -> float:
        """Seconds of work queued behind the item it works on, by its average item."""
        return (len(self.items) - 1) * (self.per_item or 0.0)

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


class _Starter:
    """Starts the first workers on a thread of its own, so that the caller goes on pulling items (walking,
    recording what needs no reading) while they come up. With the forkserver the first start waits for the
    server's preload (the warm-up every worker then forks from); each later start is a fork. Each started
    worker is announced on a pipe the supervisor waits on beside its workers."""

    def __init__(self, ctx: Any, func: Callable[[Any], Any], memory_bytes: int | None, count: int):
        import queue
        import threading

        self.started: "queue.SimpleQueue[_Worker | BaseException]" = queue.SimpleQueue()
        self.seconds: list[float] = []  # per worker: its start call until it was running (ready to take a task)
        self.ready_at: list[float] = []  # per worker: time.monotonic() when it was running
        self.signal_r, self._signal_w = os.pipe()
        self._stop = threading.Event()
        self._args = (ctx, func, memory_bytes, count)
        self._thread = threading.Thread(target=self._run, name="worker-starter", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        ctx, func, memory_bytes, count = self._args
        try:
            for _ in range(count):
                if self._stop.is_set():
                    break
                t0 = time.monotonic()
                worker = _Worker(ctx, func, memory_bytes)
                self.ready_at.append(time.monotonic())
                self.seconds.append(self.ready_at[-1] - t0)
                self.started.put(worker)
                os.write(self._signal_w, b"w")
        except BaseException as exc:  # no worker could be started (fds, memory): the supervisor raises it
            self.started.put(exc)
            os.write(self._signal_w, b"e")

    def take(self) -> list["_Worker"]:
        """The workers started since the last call (raises what stopped the starter)."""
        out = []
        while not self.started.empty():
            got = self.started.get()
            os.read(self.signal_r, 1)
            if isinstance(got, BaseException):
                raise got
            out.append(got)
        return out

    def close(self) -> list["_Worker"]:
        """Stop starting more; wait for a start under way; hand back the workers nobody took yet."""
        self._stop.set()
        self._thread.join()
        left = []
        while not self.started.empty():
            got = self.started.get()
            if isinstance(got, _Worker):
                left.append(got)
        os.close(self.signal_r)
        os.close(self._signal_w)
        return left


class _Prefetch:
    """Start-up helpers: while the pool's first workers come up — with the forkserver, while it loads what every
    worker forks from, one core busy — ``count`` helper processes run ``func`` over the items read ahead, each
    item replaced by what ``func`` makes of it (a file read ahead of its detection), or kept as it is where
    ``func`` returns None, fails or dies on it. Spawned, not forked from the server, which serves no fork before its
    preload is done. Used only during the start-up: ``close`` kills them (an item in flight goes back as it was)."""

    DEPTH = 2  # items in a helper's pipe: it never idles while the supervisor walks
    # What the helpers made waits here until a worker takes it: bounded in bytes (as it crossed the pipe), not in
    # items — at 1,000 items the helper of the 2-worker benchmark scan had read them all ≈ 0.7 s before the workers
    # were up, and then idled; the budget holds ≈ 7,000 of that corpus's files (8.6 kB each on average). No item is
    # handed to a helper once it is spent: what they hold is at most the budget and their pipes' items.
    BUDGET = 64 << 20
    NICE = 10  # below the preload, which every worker waits for: a helper takes only what the start-up leaves idle
    # (at the same priority the preload took ≈ 0.5 s longer: the helper's start and the walk competed with it)

    def __init__(self, func: Callable[[Any], Any], memory_bytes: int | None, count: int):
        ctx = mp.get_context("spawn")
        self.helpers: list[_Worker] = []
        for _ in range(count):
            try:
                self.helpers.append(_Worker(ctx, func, memory_bytes, helper=True))
            except OSError:  # out of processes or descriptors: the workers will read every file themselves
                break
        self.prepared: deque[Any] = deque()  # items ``func`` replaced, oldest first
        self.prepared_bytes = 0  # their size as they crossed the pipe
        self.kept: deque[Any] = deque()  # items ``func`` left as they were (declined, failed, or its helper died)

    @property
    def unprepared(self) -> int:
        """Items held that no helper has replaced: kept as they were, or in a helper's pipe."""
        return len(self.kept) + sum(len(w.items) for w in self.helpers)

    @property
    def full(self) -> bool:
        return self.prepared_bytes >= self.BUDGET

    @property
    def conns(self) -> list:
        return [w.conn for w in self.helpers if w.busy]

    def feed(self, pending: deque) -> None:
        """Hand items to the helpers, up to ``DEPTH`` each, while what they made is within ``BUDGET``."""
        for w in self.helpers:
            while len(w.items) < self.DEPTH and pending and not self.full:
                w.send(pending.popleft(), None)

    def collect(self, ready: list) -> None:
        for w in list(self.helpers):
            if not w.busy or w.conn not in ready:
                continue
            try:
                raw = w.conn.recv_bytes()
                status, value, _ = pickle.loads(raw)  # what ``recv`` does, the size kept
            except (EOFError, OSError):  # the helper died on this item: the item goes on as it was, and so do the rest
                self.kept.extend(w.items)
                w.items.clear()
                self.helpers.remove(w)
                w.stop(kill=True)
                continue
            item = w.done()
            if status == OK and value is not None:
                self.prepared.append(value)
                self.prepared_bytes += len(raw)
            else:
                self.kept.append(item)

    def close(self) -> list:
        """Stop every helper; hand back every item it holds, the replaced ones first."""
        out = [*self.prepared, *self.kept]
        for w in self.helpers:
            out.extend(w.items)
            w.stop(kill=True)
        self.helpers = []
        return out


class SupervisedPool:
    """Runs ``func(item)`` for each item in ``workers`` killable processes.

    ``workers=0`` runs inline in this process (no time or memory enforcement): for debugging and
    for tiny scans where starting processes costs more than the work.

    No process starts before the first item exists (nothing to read, nothing loaded). The workers start in
    the background; until the first is up, items are pulled ahead (up to ``lookahead``), so that whatever
    producing an item costs — a walk, recording entries that need no reading — overlaps the start-up.
    ``preload``: modules the forkserver imports once, before it forks any worker (``start_method``
    "forkserver"; the server is one per process, so the first pool's list is the one that holds).
    ``prefetch``: with two workers or more, ``workers - 1`` helper processes run it over the items read ahead
    while the first worker comes up (``_Prefetch``): the cores the start-up leaves idle do the part of each item
    that needs nothing the workers load, and no more processes work than ``workers`` (the forkserver's preload
    is one). It must return the item to hand to ``func`` instead, or None; ``func``'s result must not depend
    on which (``prefetched`` counts the items replaced).
    After ``run``, ``startup_seconds`` holds each first worker's start time (start call to running; the
    first one's includes the forkserver's preload) and ``ready_at`` when each was running (time.monotonic()).
    """

    PULL_STEP = 16  # items walked between two looks at the pipes while the workers start (≈ 0.4 ms of walking)
    # Once the workers run, the supervisor wakes at most every ``NAP`` seconds for the results they sent meanwhile,
    # rather than for each: every wake takes a core from a worker (on a machine the workers fill, a context switch
    # and the caches it cools, ≈ 330 a second on the benchmark corpus with two workers). It naps only while every
    # worker has work queued for twice as long — by its average item, up to ``MAX_DEPTH`` items and as many bytes
    # as its pipe holds — and never past a deadline; ``nap=0`` wakes for each result.
    NAP = 0.015
    MIN_NAP = 0.001  # a shorter lull is not worth a sleep
    MAX_DEPTH = 64

    def __init__(
        self,
        func: Callable[[Any], Any],
        *,
        workers: int | None = None,
        timeout: float | None = None,
        memory_bytes: int | None = None,
        start_method: str = "forkserver",
        preload: Iterable[str] = (),
        lookahead: int = 1000,
        prefetch: Callable[[Any], Any] | None = None,
        nap: float | None = None,
    ):
        self.func = func
        self.nap = self.NAP if nap is None else nap
        self.prefetch = prefetch
        self.prefetched = 0
        self.workers = (os.cpu_count() or 1) if workers is None else workers
        self.timeout = timeout
        self.memory_bytes = memory_bytes
        self.lookahead = lookahead
        self.ctx = mp.get_context(start_method) if self.workers else None
        if self.ctx is not None and start_method == "forkserver" and preload:
            self.ctx.set_forkserver_preload(list(preload))
        self.restarts = 0
        self.wakes = 0  # waits on the running workers' pipes (each a wake once they returned)
        self.startup_seconds: list[float] = []
        self.ready_at: list[float] = []

    def run(self, items: Iterable[T], depth: int = 4) -> Iterator[Outcome[T]]:
        """Yield an Outcome per item as it completes (unordered). Items are pulled lazily.

        ``depth``: items in flight per worker, waiting in its pipe behind the one it works on. With one, a
        worker that has sent a result idles until this process has received it, pulled the next item (the
        walk) and sent it, and for as long as the caller is busy with what it was handed (a store flush): on
        the 2,000-file benchmark corpus with one worker, 3.2–3.6 s of a 22–24 s scan between the worker's
        calls, 1.4 s of it the store's flushes (200 records, ≈ 170 ms each); with four, ≈ 1.9 s. The price:
        at the very end, a worker may still hold a few items while another has none. With naps (``NAP``) a
        worker holds more once its average item is known: enough for twice the nap, up to ``MAX_DEPTH``.
        Whatever the depth, the items queued in a worker's pipe stay within what its buffer holds
        (``_Worker.fits``), so that a send never waits on a worker that waits to send its result."""
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

        def pull(limit: int) -> None:
            nonlocal exhausted
            while not exhausted and len(pending) < limit:
                try:
                    pending.append(next(source))
                except StopIteration:
                    exhausted = True

        head: list[Any] = [None, b""]  # the first pending item and its pickle (kept if it did not fit a pipe)

        def give(w: _Worker, limit: int) -> None:
            """Send ``w`` pending items until it holds ``limit``, as far as its pipe takes them without blocking."""
            pull(limit * len(pool))
            while len(w.items) < limit and pending:
                if head[0] is not pending[0]:
                    head[:] = pending[0], pickle.dumps(pending[0], pickle.HIGHEST_PROTOCOL)
                if not w.fits(head[1]):
                    return
                w.send(pending.popleft(), self.timeout, head[1])
                head[:] = None, b""

        def target(w: _Worker) -> int:
            # ``depth`` items at least; with naps, enough for twice the nap by the worker's average item
            if self.nap and w.per_item is not None:
                return max(depth, min(self.MAX_DEPTH, 1 + math.ceil(2 * self.nap / max(w.per_item, 1e-6))))
            return depth

        def until_deadline(busy: list[_Worker]) -> float | None:
            deadlines = [w.deadline for w in busy if w.deadline is not None]
            return max(0.0, min(deadlines) - time.monotonic()) if deadlines else None

        pull(1)
        if not pending:
            return
        woke = 0.0
        starter = _Starter(self.ctx, self.func, self.memory_bytes, self.workers)
        helpers = _Prefetch(self.prefetch, self.memory_bytes, self.workers - 1) if self.prefetch is not None and self.workers > 1 else None
        pool: list[_Worker] = []
        starting, running = Poller(), Poller()  # one each: the two loops wait on different pipes
        try:
            while True:
                if len(pool) < self.workers:
                    pool += starter.take()
                if not pool:  # still starting: read ahead (the helpers reading its files) while the first worker comes up

                    def room() -> int:
                        # up to ``lookahead`` items pulled ahead and unread; what the helpers read is bounded by their budget
                        return self.lookahead - len(pending) - (helpers.unprepared if helpers else 0)

                    while True:
                        more = not exhausted and room() > 0
                        if helpers:
                            helpers.feed(pending)
                        ready = starting.wait([starter.signal_r] + (helpers.conns if helpers else []), timeout=0 if more else None)
                        if helpers:
                            helpers.collect(ready)
                        if starter.signal_r in ready:
                            break
                        if more:  # a few at a time: a poll per item walked cost more than walking it
                            pull(len(pending) + min(self.PULL_STEP, room()))
                    pool += starter.take()
                    if helpers:
                        self.prefetched = len(helpers.prepared)
                        pending.extendleft(reversed(helpers.close()))  # what they read goes out first
                        helpers = None
                for _ in range(depth):  # round-robin, so that a short walk still spreads over the workers
                    for w in pool:
                        give(w, min(len(w.items) + 1, depth))
                busy = [w for w in pool if w.busy]
                if not busy:
                    if exhausted and not pending:
                        return
                    continue
                more = [starter.signal_r] if len(pool) < self.workers else []
                if self.nap and not more:
                    # results wait in the pipes a moment, each worker busy meanwhile on what it holds (half of it)
                    deadline = until_deadline(busy)
                    lull = min(self.nap - (time.monotonic() - woke), min(w.ahead() for w in busy) / 2, math.inf if deadline is None else deadline)
                    if lull > self.MIN_NAP:
                        time.sleep(lull)
                ready = running.wait([w.conn for w in busy] + [w.process.sentinel for w in busy] + more, timeout=until_deadline(busy))
                woke = time.monotonic()
                self.wakes += 1
                for i, w in enumerate(pool):
                    if not w.busy:
                        continue
                    if w.conn in ready:
                        while True:  # every result this worker has sent meanwhile
                            try:
                                status, value, detail = w.conn.recv()
                            except (EOFError, OSError):
                                status, value, detail = CRASH, None, f"exit code {w.process.exitcode}"
                                yield self._replace(pool, i, status, detail, pending)
                                break
                            item = w.done()
                            give(w, target(w))  # the worker's next items go out before this result is handed on:
                            yield Outcome(item, status, value, detail)  # it works meanwhile
                            if not (self.nap and w.busy and w.has_result()):
                                break
                    elif w.process.sentinel in ready:  # a dead worker's sentinel is ready (no waitpid poll per result)
                        yield self._replace(pool, i, CRASH, f"exit code {w.process.exitcode}", pending)
                    elif w.deadline is not None and time.monotonic() >= w.deadline:
                        yield self._replace(pool, i, TIMEOUT, f"over {self.timeout:g}s", pending)
        finally:
            if helpers:
                helpers.close()
            pool += starter.close()
            self.startup_seconds, self.ready_at = list(starter.seconds), list(starter.ready_at)
            for w in pool:
                w.stop(kill=w.busy)

    def _replace(self, pool: list[_Worker], index: int, status: str, detail: str, pending: deque) -> Outcome[Any]:
        """The worker's oldest item failed with ``status``; the items queued behind it, never started, go back to
        the front of ``pending`` in their order, for whichever worker is free next."""
        old = pool[index]
        item = old.items.popleft()
        pending.extendleft(reversed(old.items))
        old.items.clear()
        old.stop(kill=True)
        pool[index] = _Worker(self.ctx, self.func, self.memory_bytes)
        self.restarts += 1
        return Outcome(item, status, None, detail)
