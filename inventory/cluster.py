"""Scans past one machine: the same per-file task (``inventory.worker.process_file``) on Dask distributed.

``--cluster local:N`` starts a ``LocalCluster`` of N worker processes; ``--cluster tcp://host:8786`` uses an
existing scheduler. The writer stays here, in one process, consuming results as they complete, with at most
``in_flight`` tasks submitted at a time (back-pressure keeps memory flat on millions of files).

What crosses the network: the task (an Entry — a path — and limits) and the result (masked findings and
fingerprints). Never the fingerprint key: workers read it from ``TANAOROSHI_KEY`` in their own
environment (a LocalCluster inherits it from this process), and never SMB passwords.

Fault tolerance is Dask's: a task whose worker dies is retried on another worker; after the scheduler's
``allowed-failures`` it fails with ``KilledWorker`` and the file is recorded as WORKER_CRASH.
"""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from typing import Iterable, Iterator

from crawler.isolation import CRASH, OK, Outcome

log = logging.getLogger("tanaoroshi.cluster")

ALLOWED_FAILURES = 2


class ClusterError(ValueError):
    """The cluster address cannot be used (one line for the user)."""


def _warm_up() -> str:
    """Load the detectors (and GiNZA) once per worker, before the first task (the worker plugin's job)."""
    from inventory.worker import warm_up

    warm_up()
    return "ready"


def _plugin():
    from distributed import WorkerPlugin

    class WarmUp(WorkerPlugin):
        """Recognizers, gazetteers and data load once per worker, not per task."""

        name = "tanaoroshi-warm-up"

        def setup(self, worker) -> None:  # pragma: no cover - runs inside the worker process
            _warm_up()

    return WarmUp()


@contextmanager
def connect(address: str, key: bytes) -> Iterator[object]:
    import dask
    from distributed import Client, LocalCluster

    os.environ["TANAOROSHI_KEY"] = key.hex()  # inherited by LocalCluster workers; never sent in a task
    level = max(logging.WARNING, logging.getLogger().level)
    for name in ("distributed", "tornado"):
        logging.getLogger(name).setLevel(level)  # Dask's INFO chatter is not ours to print
    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES, "distributed.worker.daemon": False}):
        if address.startswith("local:"):
            try:
                n = int(address.split(":", 1)[1])
            except ValueError:
                raise ClusterError(f"--cluster local:N needs a number of workers, got {address!r}") from None
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1")
            try:
                with Client(cluster) as client:
                    client.register_plugin(_plugin())
                    yield client
            finally:
                cluster.close()
        else:
            try:
                client = Client(address, timeout="20s")
            except OSError as exc:
                raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
            try:
                client.register_plugin(_plugin())
                yield client
            finally:
                client.close()


def run_on_cluster(client, func, items: Iterable, in_flight: int = 64) -> Iterator[Outcome]:
    """Submit ``func(item)`` per item, at most ``in_flight`` at a time; yield Outcomes as they complete."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    source = iter(items)
    pending = {}
    done = as_completed()

    def submit_next() -> bool:
        try:
            item = next(source)
        except StopIteration:
            return False
        future = client.submit(func, item, pure=False)
        pending[future.key] = item
        done.add(future)
        return True

    for _ in range(in_flight):
        if not submit_next():
            break
    for future in done:
        item = pending.pop(future.key)
        try:
            value = future.result()
            outcome = Outcome(item, OK, value)
        except KilledWorker:
            outcome = Outcome(item, CRASH, None, f"killed {ALLOWED_FAILURES + 1} workers")
        except MemoryError:
            outcome = Outcome(item, CRASH, None, "MemoryError")
        except Exception as exc:  # the task itself raised: a bug or an environment problem on that worker
            log.warning("task failed on the cluster: %s", type(exc).__name__)
            outcome = Outcome(item, CRASH, None, type(exc).__name__)
        future.release()
        yield outcome
        submit_next()
