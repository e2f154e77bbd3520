"""Real Japanese text with person annotations, second source: UD_Japanese-GSD with Megagon Labs' NE labels.

Wikipedia sentences (Google UDT 2.0 → UD_Japanese-GSD; CC BY-SA 4.0), named-entity labels added by Megagon
Labs Tokyo (``*.ne.conllu``, BILUO in the MISC column; the spaCy DocBin of the same labels for train). Only
``PERSON`` is kept; ``TITLE_AFFIX`` (役職・敬称: 氏, さん, 選手, 監督 …) is a separate label in GSD and stays
outside the span, which is our span rule too, so no mapping is needed: the gold is used as published.

The committed fixture ``gsd_persons.tsv`` (CC BY-SA 4.0, attribution in its header and in README.md) is built
by ``python -m tests.corpus.gsd build`` from the read-only mirror of https://github.com/megagonlabs/UD_Japanese-GSD
— never at test or run time. The test split of GSD is never read (DESIGN.md §11 reserves it).

Split, fixed before any rule was written and before any result was seen:
- DEV = a deterministic sample of GSD **train**: every 4th sentence (index 0, 4, 8, …) in the DocBin's order
  (documents in file order, sentences in document order) — 1,763 of 7,050 sentences. Read, debugged, tuned on.
- HELD-OUT = all 507 sentences of GSD **dev** — only measured, only aggregate figures printed.
GSD's train and dev are different documents, so no sentence is on both sides (names may recur: Wikipedia).
"""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from tests.corpus.generator import Sample

DEV, HELD_OUT = "dev", "held-out"
FIXTURE = Path(__file__).with_name("gsd_persons.tsv")
TRAIN_EVERY = 4
MIRROR = Path("/work/.mirror/megagonlabs+UD_Japanese-GSD/repo")
DEV_CONLLU = "ja_gsd-ud-dev.ne.conllu"
TRAIN_DOCBIN = "spacy/ja_gsd-ud-train.ne.spacy"
PERSON = "PERSON"

HEADER = """\
# PERSON spans in sentences of UD_Japanese-GSD (train sample = DEV, dev split = HELD-OUT), character offsets.
# Source: https://github.com/megagonlabs/UD_Japanese-GSD at commit {commit}
#   files {dev} (GSD dev) and {train} (GSD train, spaCy DocBin of the same NE labels).
# Licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/) — this file is NOT under the
#   repository's Apache-2.0 licence. Attribution: UD_Japanese-GSD — original sentences from Google Universal
#   Dependency Treebanks v2.0; treebank converted by Mai Omura, Yusuke Miyao, Hiroshi Kanayama, Hiroshi Matsuda
#   et al. (see the treebank's README); named-entity labels added by Megagon Labs Tokyo (松田寛, 若狭絢, 山下華代,
#   大村舞, 浅原正幸: UD Japanese GSD の再整備と固有表現情報付与, 言語処理学会第26回年次大会, 2020).
# Changes: sentences selected (all of GSD dev; every {every}th sentence of GSD train), only PERSON spans kept
#   (all other labels dropped), converted from tokens to the sentence text (SpaceAfter / doc.text) and
#   character offsets. Built by `python -m tests.corpus.gsd build`. GSD's test split is not used.
# Columns: split, sentence id, PERSON spans as start-end (code points, end exclusive) joined by ",", or "-",
#   then the sentence text.
"""


def _read() -> list[tuple[str, str, list[tuple[str, int, int]], str]]:
    rows = []
    for line in FIXTURE.read_text(encoding="utf-8").split("\n"):
        if not line or line.startswith("#"):
            continue
        split, sent_id, spans, text = line.split("\t", 3)
        gold = [] if spans == "-" else [(PERSON, int(a), int(b)) for a, b in (s.split("-") for s in spans.split(","))]
        rows.append((split, sent_id, gold, text))
    return rows


@lru_cache(maxsize=1)
def _samples() -> dict[str, tuple[Sample, ...]]:
    out: dict[str, list[Sample]] = {DEV: [], HELD_OUT: []}
    for split, _, gold, text in _read():
        out[split].append(Sample(text, None, gold))
    return {k: tuple(v) for k, v in out.items()}


def sentences(split: str) -> list[Sample]:
    """The DEV (train sample) or HELD-OUT (GSD dev) sentences, in corpus order."""
    if split not in (DEV, HELD_OUT):
        raise ValueError(f"unknown split {split!r}")
    return list(_samples()[split])


# --- building the fixture from the mirror (run once by hand; never at test time) ---------------------------


def _git_show(path: str) -> bytes:
    import subprocess

    return subprocess.run(["git", "-C", str(MIRROR), "show", f"HEAD:{path}"], check=True, capture_output=True).stdout


def _conllu_sentences(text: str):
    """(sent_id, text, PERSON spans) per sentence of a ``*.ne.conllu``; the text is rebuilt from the tokens and
    their SpaceAfter and checked against the ``# text`` line, so each span's offsets cover exactly its tokens."""
    for block in text.strip("\n").split("\n\n"):
        sent_id = stated = None
        surface, spans, start = "", [], None
        for line in block.split("\n"):
            if line.startswith("# sent_id = "):
                sent_id = line[len("# sent_id = "):]
            elif line.startswith("# text = "):
                stated = line[len("# text = "):]
            elif line and not line.startswith("#"):
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                misc = dict(kv.split("=", 1) for kv in cols[9].split("|") if "=" in kv)
                ne = misc.get("NE", "O")
                pos = len(surface)
                tag, _, label = ne.partition("-")
                if label == PERSON and tag in ("B", "U"):
                    start = pos
                surface += cols[1]
                if label == PERSON and tag in ("L", "U"):
                    spans.append((start, len(surface)))
                    start = None
                if misc.get("SpaceAfter", "Yes") != "No":
                    surface += " "
        surface_stripped = surface.rstrip(" ")
        assert surface_stripped == stated, f"{sent_id}: tokens do not rebuild the # text line"
        assert start is None, f"{sent_id}: unclosed PERSON span"
        yield sent_id, stated, spans


def _docbin_sentences(data: bytes):
    """(index, text, PERSON spans) per sentence of the DocBin, in order; spans checked against the entity text."""
    import spacy
    from spacy.tokens import DocBin

    index = 0
    for doc in DocBin().from_bytes(data).get_docs(spacy.vocab.Vocab()):
        for sent in doc.sents:
            base = sent.start_char
            text = sent.text
            spans = []
            for ent in sent.ents:
                if ent.label_ == PERSON:
                    s, e = ent.start_char - base, ent.end_char - base
                    assert text[s:e] == ent.text, f"train {index}: span text differs"
                    spans.append((s, e))
            yield index, text, spans
            index += 1


def build() -> None:
    import subprocess

    commit = subprocess.run(["git", "-C", str(MIRROR), "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
    rows = []
    for index, text, spans in _docbin_sentences(_git_show(TRAIN_DOCBIN)):
        if index % TRAIN_EVERY == 0:
            rows.append((DEV, f"train-{index}", spans, text))
    for sent_id, text, spans in _conllu_sentences(_git_show(DEV_CONLLU).decode("utf-8")):
        rows.append((HELD_OUT, sent_id, spans, text))
    lines = [HEADER.format(commit=commit, dev=DEV_CONLLU, train=TRAIN_DOCBIN, every=TRAIN_EVERY).rstrip("\n")]
    for split, sent_id, spans, text in rows:
        assert "\t" not in text and "\n" not in text and text == text.strip(), f"{sent_id}: text not storable as is"
        cell = ",".join(f"{s}-{e}" for s, e in spans) or "-"
        lines.append(f"{split}\t{sent_id}\t{cell}\t{text}")
    FIXTURE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts = {k: (sum(1 for r in rows if r[0] == k), sum(len(r[2]) for r in rows if r[0] == k)) for k in (DEV, HELD_OUT)}
    print(f"wrote {FIXTURE}: {counts} (sentences, PERSON spans)")


if __name__ == "__main__" and sys.argv[1:] == ["build"]:
    build()
