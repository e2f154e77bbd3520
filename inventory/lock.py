"""One scan per inventory at a time: an advisory lock on ``<db>.lock`` (fcntl.flock).

The kernel drops the lock when the process dies, so a killed scan never leaves a stale lock behind.
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path


class LockedError(Exception):
    """Another scan holds the lock on this inventory."""


class ScanLock:
    def __init__(self, db_path: str | os.PathLike[str]):
        self.path = Path(str(db_path) + ".lock")
        self._fd: int | None = None

    def __enter__(self) -> "ScanLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            raise LockedError(holder) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
