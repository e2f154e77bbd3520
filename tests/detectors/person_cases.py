"""What the PERSON rule tests share: the scores they expect and spans read as offsets, never as matched text."""
from __future__ import annotations

HIGH, FULL = 0.95, 0.85  # a cue (honorific, title, label, sentence rule) · a full name or a confirmed lone name


def spans(rec, text):
    """(start, end, score) of every PERSON at ≥ 0.5 — offsets only, never the matched text."""
    return [(r.start, r.end, r.score) for r in rec.analyze(text, ["PERSON"]) if r.score >= 0.5]


def at(text, part, score):
    """The span ``part`` takes in ``text`` (its first occurrence), with ``score``."""
    s = text.index(part)
    return (s, s + len(part), score)
