"""``multiprocessing.connection.wait`` for a supervisor that waits on the same few pipes thousands of times.

The stdlib's ``wait`` builds a new selector and registers every object again on each call: with two workers, the
scan's supervisor waits ≈ 4,800 times on the 2,000-file benchmark corpus, and the selector's set-up and
registrations cost more than the ``poll`` itself — CPU taken from the workers on a machine whose cores they fill
(docs/benchmarks.md, 2026-12-04). ``Poller`` keeps one ``select.poll`` object and changes its registrations only
when the set of objects waited on changes (a worker idles, is replaced, a helper ends).

Same contract as the stdlib's: objects are ``Connection``s or integer descriptors (process sentinels); the ready
ones are returned, a descriptor that hung up or failed counts as ready (its reader then sees the EOF or error).
"""
from __future__ import annotations

import math
import select
from multiprocessing.connection import wait as _stdlib_wait
from typing import Any, Sequence


class Poller:
    def __init__(self) -> None:
        self._poll = select.poll() if hasattr(select, "poll") else None  # no poll(2): the stdlib's wait
        self._registered: set[int] = set()

    def wait(self, objects: Sequence[Any], timeout: float | None = None) -> list[Any]:
        if self._poll is None:
            return _stdlib_wait(objects, timeout)
        by_fd = {obj if isinstance(obj, int) else obj.fileno(): obj for obj in objects}
        if by_fd.keys() != self._registered:
            for fd in self._registered - by_fd.keys():
                self._poll.unregister(fd)
            for fd in by_fd.keys() - self._registered:
                self._poll.register(fd, select.POLLIN)
            self._registered = set(by_fd)
        # a descriptor number reused by a new pipe (a replaced worker) stays registered: poll(2) takes the numbers
        # anew on every call, so it watches whatever the number now refers to
        ms = None if timeout is None else max(0, math.ceil(timeout * 1000))
        return [by_fd[fd] for fd, _ in self._poll.poll(ms)]  # only these are registered
