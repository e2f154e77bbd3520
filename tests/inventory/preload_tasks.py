"""Top-level task functions for the worker warm-up tests (worker processes import them by name)."""
import os
import sys


def loaded(item):
    """What this worker process had loaded before the item's own work, and what it did with the item."""
    kind, arg = item
    from inventory import worker

    state = {
        "pid": os.getpid(),
        "analyzer": None in worker._ANALYZERS,
        "ginza": "detectors.nlp" in sys.modules and sys.modules["detectors.nlp"].nlp_engine.cache_info().currsize == 1,
    }
    if kind == "exit":
        os._exit(arg)
    if kind == "alloc":
        state["len"] = len(bytearray(arg))  # over the data-size limit: MemoryError inside the worker
    return state
