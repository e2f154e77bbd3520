"""Real Japanese text with person annotations: the ``hironsancorpus`` PyPI package (MIT, by Hironsan).

500 news sentences (2005; 芥川賞, 大相撲, ドイツ総選挙 …) as IOB2 morphemes; ``PSN`` marks persons (``PER`` in
this corpus is a percentage — 93%, 2倍 — not a person, and is ignored). The sentences are read from the
installed package, never copied into this repository, never downloaded at run time.

The package's own reader uses ``line.strip()``, which eats ideographic-space tokens (U+3000) and shifts their
fields; this reader splits each line on tabs only, so the text and the offsets are exact.

Split (deterministic, decided before any rule was written): the corpus is in document order, so the first
half (sentences 0–249) is DEV — the part one may read, debug on and tune against — and the second half
(250–499) is HELD-OUT — only ever measured. Articles are contiguous, so names leak across the split only at
the one boundary article. Gold labels are used as published, quirks included (``ホルスト・ケーラードイツ``
holds a country name; in ``扇畑忠雄（おうぎはたただお）`` only ``ただお`` of the reading is labelled).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from tests.corpus.generator import Sample

DEV, HELD_OUT = "dev", "held-out"
SPLIT_AT = 250
PERSON_TAG = "PSN"


def corpus_path() -> Path:
    import hironsan.corpus

    return Path(hironsan.corpus.__file__).parent / "iob_sents.txt"


@lru_cache(maxsize=1)
def _sentences() -> tuple[Sample, ...]:
    out: list[Sample] = []
    tokens: list[tuple[str, str]] = []
    for line in corpus_path().read_text(encoding="utf-8").split("\n"):
        if line == "":
            if tokens:
                out.append(_sample(tokens))
            tokens = []
            continue
        fields = line.split("\t")
        tokens.append((fields[0], fields[-1]))
    if tokens:
        out.append(_sample(tokens))
    return tuple(out)


def _sample(tokens: list[tuple[str, str]]) -> Sample:
    text, gold, start, pos = "", [], None, 0

    def close(end: int) -> None:
        nonlocal start
        if start is not None:
            gold.append(("PERSON", start, end))
        start = None

    for surface, tag in tokens:
        if tag == f"B-{PERSON_TAG}" or (tag == f"I-{PERSON_TAG}" and start is None):
            close(pos)
            start = pos
        elif tag != f"I-{PERSON_TAG}":
            close(pos)
        text += surface
        pos += len(surface)
    close(pos)
    return Sample(text, None, gold)


def sentences(split: str) -> list[Sample]:
    """The DEV or HELD-OUT half, in corpus order."""
    sents = _sentences()
    if split == DEV:
        return list(sents[:SPLIT_AT])
    if split == HELD_OUT:
        return list(sents[SPLIT_AT:])
    raise ValueError(f"unknown split {split!r}")
