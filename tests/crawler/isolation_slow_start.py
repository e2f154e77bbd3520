"""A task module that takes 1.5 s to import: as a forkserver's preload, a start-up long enough for the pool's
start-up helpers to work during it (tests/crawler/test_isolation.py)."""
import time

time.sleep(1.5)


def behave_slowly_started(item):
    kind, arg = item
    if kind == "ready":  # prepared by a start-up helper (tests.crawler.isolation_tasks.prepare)
        return ("helped", arg * 2)
    if kind in ("ok", "decline", "die"):
        return ("alone", arg * 2)
    raise AssertionError(kind)
