"""Top-level task functions for the isolation tests (worker processes import them by name)."""
import os
import time


def behave(item):
    kind, arg = item
    if kind == "ok":
        return arg * 2
    if kind == "sleep":
        time.sleep(arg)
        return "woke"
    if kind == "exit":
        os._exit(arg)
    if kind == "alloc":
        block = bytearray(arg)  # over the data-size limit: MemoryError inside the worker
        return len(block)
    if kind == "raise":
        raise ValueError("boom")
    raise AssertionError(kind)


def prepare(item):
    """A start-up helper's part of ``behave`` (``SupervisedPool(prefetch=...)``): ("ok", n) becomes ("ready", n);
    ("decline", n) is left to the worker; ("die", n) kills the helper."""
    kind, arg = item
    if kind == "die":
        os._exit(3)
    return ("ready", arg) if kind == "ok" else None


def bulk(item):
    """("bulk", (payload, n)): a result of ``n`` bytes for an item carrying ``payload`` (bytes)."""
    _, (payload, n) = item
    return bytes(n)
