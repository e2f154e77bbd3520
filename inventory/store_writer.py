"""The scan's store writes, on a thread of their own.

The process that writes the store also hands files to the workers. While it wrote a batch (200 records,
≈ 170 ms on the benchmark corpus) it handed out nothing, and the workers ran dry after the few files waiting
in their pipes (``crawler.isolation.SupervisedPool.run``). Here the batch goes to a thread with its own SQLite
connection (WAL: the scan's own connection still reads — what an earlier run recorded, for reuse — while this
one writes); SQLite runs with the GIL released, so the supervisor keeps dispatching meanwhile.

Nothing changes in what is written or when it is safe: one transaction per batch, a batch holds whole files,
and ``close`` returns only once every batch handed over is committed (a scan that ends, fails or is
interrupted closes the writer before it records the run's status). A failure to write is raised in the scan's
thread, at the next ``write`` or at ``close``.
"""
from __future__ import annotations

import queue
import threading
from pathlib import Path

from inventory.records import AssetRecord
from inventory.store import Store

_QUEUED = 2  # batches waiting; a third ``write`` waits for the first to be written (memory stays bounded)


class StoreWriter:
    def __init__(self, path: Path, run_id: int):
        self._queue: queue.Queue[list[AssetRecord] | None] = queue.Queue(maxsize=_QUEUED)
        self._error: BaseException | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, args=(path, run_id), name="store-writer", daemon=True)
        self._thread.start()

    def _run(self, path: Path, run_id: int) -> None:
        store = None
        try:
            store = Store.open(path)
        except BaseException as exc:
            self._error = exc
        try:
            while (batch := self._queue.get()) is not None:
                if self._error is None:  # after a failure, batches are taken and dropped: ``write`` never blocks
                    try:
                        store.add_assets(run_id, batch)
                    except BaseException as exc:
                        self._error = exc
        finally:
            if store is not None:
                store.close()

    def write(self, batch: list[AssetRecord]) -> None:
        """Hand over a batch (the caller keeps no reference to the list: it is written as it is)."""
        self._raise()
        self._queue.put(batch)

    def close(self) -> None:
        """Wait until every batch handed over is committed; raise what failed, if anything did."""
        if not self._closed:
            self._closed = True
            self._queue.put(None)
            self._thread.join()
        self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error
