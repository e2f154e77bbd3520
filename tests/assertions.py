"""One helper to assert detector results by entity, span and score — never by printing the value.

Failure messages hold entity names, offsets and scores only: a matched value never reaches the
test output, even when the assertion fails.
"""
from __future__ import annotations

FINDINGS_FLOOR = 0.3  # same as detectors.analyzer.FINDINGS_FLOOR (kept here so this module imports nothing)


def only(matches, entity: str, floor: float = FINDINGS_FLOOR) -> list:
    """The matches of one entity scoring at least ``floor``."""
    return [m for m in matches if m.entity == entity and m.score >= floor]


def assert_matches(matches, expected, *, text_len: int | None = None):
    """``expected``: list of (entity, start, end, min_score, max_score), in order of position."""
    got = [(m.entity, m.start, m.end, m.score) for m in matches]
    assert len(got) == len(expected), f"expected {len(expected)} matches, got {[(e, s, t, sc) for e, s, t, sc in got]}"
    for (entity, start, end, score), (e_entity, e_start, e_end, lo, hi) in zip(got, expected):
        assert (entity, start, end) == (e_entity, e_start, e_end), f"got {(entity, start, end)}, expected {(e_entity, e_start, e_end)}"
        assert lo <= score <= hi, f"{entity} {start}-{end}: score {score} not in [{lo}, {hi}]"
        if text_len is not None:
            assert 0 <= start < end <= text_len, f"{entity} {start}-{end} outside the text (length {text_len})"


def assert_same(a: str, b: str, what: str) -> None:
    """Compare two values without showing either in the failure message."""
    assert a == b, f"{what}: values differ (lengths {len(a)} and {len(b)})"


def assert_not_in(value: str, haystack: str, what: str) -> None:
    """``value`` does not occur in ``haystack``; the message names ``what``, never the value."""
    assert value not in haystack, f"{what}: the raw value occurs in it"


def entities_at_threshold(matches, threshold=0.5):
    return [(m.entity, m.start, m.end) for m in matches if m.score >= threshold]
