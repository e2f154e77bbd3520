"""Scan progress: a live line on a terminal, periodic log lines otherwise (cron, journald)."""
from __future__ import annotations

import logging
import sys
import time

from inventory.i18n import t

log = logging.getLogger("tanaoroshi.scan")


class Progress:
    def __init__(self, lang: str, stream=None, every_seconds: float = 30.0):
        self.lang = lang
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.every = every_seconds
        self._bar = None
        self._last = 0.0
        self._start = time.monotonic()

    def __enter__(self) -> "Progress":
        if self.tty:
            from tqdm import tqdm

            self._bar = tqdm(total=None, unit=t("progress.unit", self.lang), desc=t("progress.desc", self.lang), file=self.stream, leave=False, dynamic_ncols=True)
        return self

    def update(self, files: int, path: str) -> None:
        if self._bar is not None:
            self._bar.update(1)
            return
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            log.info("scanned %d files in %.0fs", files, now - self._start)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.close()
