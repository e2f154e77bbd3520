"""GiNZA NER (``ja_ginza``) as the deciding signal for name candidates the cheap signals leave open.

Only short windows around ambiguous candidates go through the CNN (≈ 2,000 chars/s, DESIGN.md §9), in one
``nlp.pipe`` batch per analysed text, with only ``tok2vec`` + ``ner`` enabled. The model is the one
``detectors.nlp`` loads (once per process, lazily). Results are cached per window text (bounded), so the
same sentence repeated across a document or a re-scan is not run twice.
"""
from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache

PERSON_LABEL = "Person"
# GiNZA's label for a title or an occupation: on exactly a token the dictionary calls a person's name it is a person
# too (メルケル is labelled Position_Vocation in メルケルは、ドイツ初の…) — the recognizer decides how far to trust it
POSITION_LABEL = "Position_Vocation"
LABELS = (PERSON_LABEL, POSITION_LABEL)
_CACHE_SIZE = 8192
_cache: OrderedDict[str, tuple[tuple[int, int, str], ...]] = OrderedDict()


@lru_cache(maxsize=1)
def _pipeline():
    from detectors.nlp import nlp_engine

    nlp = nlp_engine().nlp["ja"]
    return nlp, [p for p in nlp.pipe_names if p not in ("tok2vec", "ner")]


def clear_cache() -> None:
    """Forget every window's result (a benchmark's timed pass over text an earlier pass has already seen)."""
    _cache.clear()


def person_spans(windows: list[str]) -> list[tuple[tuple[int, int, str], ...]]:
    """For each window, the (start, end, label) character spans GiNZA labels ``Person`` or ``Position_Vocation``."""
    todo = [w for w in dict.fromkeys(windows) if w not in _cache]
    if todo:
        nlp, disabled = _pipeline()
        for window, doc in zip(todo, nlp.pipe(todo, batch_size=64, disable=disabled)):
            _cache[window] = tuple((e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in LABELS)
            if len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    out = []
    for w in windows:
        spans = _cache.get(w)
        if spans is None:  # evicted within this call (more windows than the cache holds): run it alone
            nlp, disabled = _pipeline()
            spans = tuple((e.start_char, e.end_char, e.label_) for e in nlp(w, disable=disabled).ents if e.label_ in LABELS)
        out.append(spans)
    return out
