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
