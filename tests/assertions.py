"""One helper to assert detector results by entity, span and score — never by printing the value."""
from __future__ import annotations


def assert_matches(matches, expected, *, text_len: int | None = None):
    """``expected``: list of (entity, start, end, min_score, max_score). Messages hold no matched text."""
    got = [(m.entity, m.start, m.end, m.score) for m in matches]
    assert len(got) == len(expected), f"expected {len(expected)} matches, got {[(e, s, t, sc) for e, s, t, sc in got]}"
    for (entity, start, end, score), (e_entity, e_start, e_end, lo, hi) in zip(got, expected):
        assert (entity, start, end) == (e_entity, e_start, e_end), f"got {(entity, start, end)}, expected {(e_entity, e_start, e_end)}"
        assert lo <= score <= hi, f"{entity} {start}-{end}: score {score} not in [{lo}, {hi}]"
        if text_len is not None:
            assert 0 <= start < end <= text_len


def entities_at_threshold(matches, threshold=0.5):
    return [(m.entity, m.start, m.end) for m in matches if m.score >= threshold]
