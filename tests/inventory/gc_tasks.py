"""A top-level task for the forkserver tests (worker processes import it by name): the worker's collector state."""
import gc


def gc_state(_item):
    return {"enabled": gc.isenabled(), "frozen": gc.get_freeze_count(), "threshold": gc.get_threshold()}
