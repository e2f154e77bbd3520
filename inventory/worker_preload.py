"""Imported by the scan's forkserver before it forks any worker (``SupervisedPool(preload=...)`` in
``inventory.scan``): the detectors and GiNZA load once, in the server, and every worker — the first ones and
each replacement after a timeout or a crash — forks from that warm process (copy-on-write) instead of paying
the imports and model loads again (≈ 5 s of CPU each; docs/benchmarks.md).

The server has no memory budget; each worker sets its own (RLIMIT_DATA) after the fork, and the inherited
pages count towards it exactly as they would had the worker loaded them itself. If the warm-up fails, the
workers load the detectors themselves at their first file, as before.
"""
import gc
import logging
import signal

# The cyclic collector is paused while the warm-up creates its ≈ 100,000 long-lived tracked objects (Presidio,
# spaCy, GiNZA, the recognizers: collections that would find next to nothing to free), and what it loaded is
# then frozen (``gc.freeze``, as the gc docs advise before forking workers): the workers' own collections never
# walk it again, nor write its pages' GC headers, which would copy those pages out of the shared ones into each
# worker's — a worker's private dirty memory after 120 files of corpus-600 54 → 34 MiB.
gc.disable()
# A Ctrl-C in the terminal reaches the whole process group, this server too: the scan's process handles it (what
# was read is committed, exit 130) and ends this server; the warm-up is not interrupted into a traceback on the
# user's terminal. The handler is put back after it, for the workers the server forks.
try:
    _sigint = signal.signal(signal.SIGINT, signal.SIG_IGN)
except ValueError:  # imported off the main thread (not in a forkserver): nothing to keep from a traceback
    _sigint = None
try:
    from inventory.worker import warm_up

    warm_up()
except Exception as exc:  # never the server's end: a cold worker still works
    logging.getLogger("tanaoroshi.worker").warning("the worker warm-up in the forkserver failed (%s); workers load the detectors themselves", type(exc).__name__)
finally:
    gc.collect()  # the warm-up's own garbage, before what is left is frozen
    gc.freeze()
    # A worker makes and drops millions of short-lived containers (a morpheme is a tuple; ≈ 1.9 million on the
    # benchmark corpus) and next to no cycles: at the default threshold (700) its young generation was collected
    # ≈ 1,400 times over that corpus, for next to nothing — 1.2 % of the detection time, and the caches it cooled
    # (detection in one process 1.7 % faster with this threshold). Cyclic garbage still goes, after 10,000 net
    # allocations.
    gc.set_threshold(10_000, 20, 50)
    gc.enable()
    if _sigint is not None:
        signal.signal(signal.SIGINT, _sigint)
