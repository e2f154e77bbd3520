"""Peak memory of a process and everything it starts, read from /proc while it runs (Linux)."""
from __future__ import annotations

import os
import threading


class ProcessTreePeaks:
    """Peak RSS (VmHWM, KiB) of every process under one pid, read from /proc every 0.1 s while it runs.

    Not ``getrusage(RUSAGE_CHILDREN)``: the scan's workers are children of its forkserver, which is never
    waited for by the scan (it ends when the scan does), so their peaks never reach this process — the
    figures recorded before this reader (146 MiB) were the scan process's alone. VmHWM counts the pages a
    worker shares with the forkserver it forked from (copy-on-write) in each worker."""

    def __init__(self, root: int):
        self.root = root
        self.peaks: dict[int, tuple[int, int]] = {}  # pid -> (parent pid, VmHWM KiB)
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while not self._done.is_set():
            todo = [(self.root, 0)]
            while todo:
                pid, parent = todo.pop()
                try:
                    with open(f"/proc/{pid}/status") as fp:
                        hwm = next((int(line.split()[1]) for line in fp if line.startswith("VmHWM")), 0)
                    for task in os.listdir(f"/proc/{pid}/task"):
                        with open(f"/proc/{pid}/task/{task}/children") as fp:
                            todo += [(int(c), pid) for c in fp.read().split()]
                except (OSError, ValueError):
                    continue  # gone between listing and reading
                self.peaks[pid] = (parent, max(hwm, self.peaks.get(pid, (0, 0))[1]))
            self._done.wait(0.1)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def peak(self) -> int:
        """The largest VmHWM of any process in the tree (KiB)."""
        return max((hwm for _, hwm in self.peaks.values()), default=0)

    def worker_peak(self) -> int:
        """The largest VmHWM of a process two levels down (the scan's forkserver's children: the workers)."""
        children = {pid for pid, (parent, _) in self.peaks.items() if parent == self.root}
        return max((hwm for parent, hwm in self.peaks.values() if parent in children), default=0)
