"""Accuracy of the analyzer on labelled data: per-entity precision, recall and F1.

Two parts, one run (``make accuracy`` = ``python -m benchmarks.accuracy``):

1. Identifiers on the generated identifier corpus (``tests.corpus.generator``), as before.
2. PERSON and JP_ADDRESS, tanaoroshi beside the NAIVE BASELINE — Presidio's ``AnalyzerEngine`` with its
   default recognizers over ``ja_ginza`` (the same spaCy model ``detectors.nlp`` loads), GiNZA's ``Person``
   label as PERSON and its place/address labels (``detectors.nlp.GINZA_ENTITY_MAPPING``'s LOCATION group:
   Province, City, County, GPE_Other, Address_Other, Postal_Address) as JP_ADDRESS — on
   (a) real text: ``hironsancorpus`` (news sentences with PSN labels; ``tests.corpus.hironsan``), its DEV and
       HELD-OUT halves reported separately (rules were written looking at DEV only); and UD_Japanese-GSD's
       Wikipedia sentences with Megagon Labs' PERSON labels (``tests.corpus.gsd``: DEV = a sample of GSD train,
       HELD-OUT = GSD dev);
   (b) generated forms, letters, signatures, minutes and table cells (``tests.corpus.names``) and its
       NEGATIVES set (companies, places alone, products), where the false-positive rate is the share of
       negative samples with at least one prediction of the entity;
   (c) JP_ADDRESS only, real addresses with gold spans: public facilities' published addresses
       (``tests.corpus.facility_addresses``: Kyoto and Sapporo schools, Kyoto fire stations, five towns'
       schools), its DEV and HELD-OUT parts reported separately (address rules were tuned on DEV only), and the
       HELD-OUT addresses in eight generated carrier sentences (where an address ends when prose follows it).

Matching rule (the same for both systems): a prediction is correct when its entity and its code-point span
equal a gold span EXACTLY (a family + given name is one span; honorifics and titles are outside it — a
baseline span 横綱朝青龍 or 武豊騎手 is wrong, as it would mask the wrong characters); predictions below the
tier threshold (0.5) do not count. An ``overlap`` figure (one-to-one, any shared character) is printed
beside it for information; the floors use the exact figures. The JP_ADDRESS evaluation is
entity-agnostic: it measures whatever recognizer ``detectors/recognizers/conf`` registers for JP_ADDRESS.

Usage: ``python -m benchmarks.accuracy [--size N] [--seed S] [--names N] [--no-baseline] [--speed]``.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass

from detectors.analyzer import DEFAULT_THRESHOLD, Analyzer

NAME_ENTITIES = ("PERSON", "JP_ADDRESS")
BASELINE_MAPPING = {"PERSON": "PERSON", "LOCATION": "JP_ADDRESS"}


@dataclass(frozen=True)
class Span:
    entity: str
    start: int
    end: int
    score: float


class NaiveBaseline:
    """The naive baseline (``benchmarks.naive``: Presidio + ``ja_ginza``, predefined recognizers), labels mapped as above.
    Given the original text (as a user would run it); offsets are code points into it."""

    def __init__(self):
        from benchmarks.naive import naive_engine

        self.engine = naive_engine()  # the engine ``make bench`` times (its PERSON / LOCATION come from GiNZA alone)

    def analyze_text(self, text: str, header: str | None = None) -> list[Span]:
        out = []
        for r in self.engine.analyze(text, language="ja", context=[header] if header else None):
            entity = BASELINE_MAPPING.get(r.entity_type)
            if entity:
                out.append(Span(entity, r.start, r.end, r.score))
        return out


def _overlap_hits(predicted: list[tuple], gold: list[tuple]) -> int:
    """One-to-one matches between predicted and gold spans of one entity sharing at least one character."""
    used, hits = set(), 0
    for e, s, t in sorted(predicted, key=lambda x: x[1]):
        for k, (ge, gs, gt) in enumerate(gold):
            if k not in used and ge == e and s < gt and gs < t:
                used.add(k)
                hits += 1
                break
    return hits


def evaluate(samples, analyzer=None, threshold: float = DEFAULT_THRESHOLD, entities: tuple[str, ...] | None = None) -> dict[str, dict[str, float]]:
    """Per entity: precision, recall, F1 (exact spans), tp/fp/fn, overlap precision/recall, and ``neg_fp``:
    the number of samples without any gold span that got a prediction of the entity (``negatives`` of them)."""
    analyzer = analyzer or Analyzer()
    tp, fp, fn, ov_hits, n_pred, n_gold = Counter(), Counter(), Counter(), Counter(), Counter(), Counter()
    neg_fp, negatives = Counter(), 0
    for sample in samples:
        predicted = {(m.entity, m.start, m.end) for m in analyzer.analyze_text(sample.text, sample.header) if m.score >= threshold}
        gold = set(sample.gold)
        if entities is not None:
            predicted = {p for p in predicted if p[0] in entities}
            gold = {g for g in gold if g[0] in entities}
        if not sample.gold:
            negatives += 1
            for entity in {p[0] for p in predicted}:
                neg_fp[entity] += 1
        for item in predicted & gold:
            tp[item[0]] += 1
        for item in predicted - gold:
            fp[item[0]] += 1
        for item in gold - predicted:
            fn[item[0]] += 1
        for entity in {x[0] for x in predicted | gold}:
            p = [x for x in predicted if x[0] == entity]
            g = [x for x in gold if x[0] == entity]
            ov_hits[entity] += _overlap_hits(p, g)
            n_pred[entity] += len(p)
            n_gold[entity] += len(g)
    out = {}
    for entity in sorted(set(tp) | set(fp) | set(fn) | set(entities or ())):
        p = tp[entity] / (tp[entity] + fp[entity]) if tp[entity] + fp[entity] else 1.0
        r = tp[entity] / (tp[entity] + fn[entity]) if tp[entity] + fn[entity] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out[entity] = {
            "precision": p, "recall": r, "f1": f1, "tp": tp[entity], "fp": fp[entity], "fn": fn[entity],
            "overlap_precision": ov_hits[entity] / n_pred[entity] if n_pred[entity] else 1.0,
            "overlap_recall": ov_hits[entity] / n_gold[entity] if n_gold[entity] else 1.0,
            "neg_fp": neg_fp[entity], "negatives": negatives,
        }
    return out


def table(results: dict[str, dict[str, float]]) -> str:
    lines = ["| entity | precision | recall | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for entity, r in results.items():
        lines.append(f"| {entity} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['tp']} | {r['fp']} | {r['fn']} |")
    return "\n".join(lines)


def side_by_side(rows: list[tuple[str, str, dict, dict | None]]) -> str:
    """rows: (data set, entity, tanaoroshi result, baseline result or None)."""
    lines = [
        "| data | entity | tanaoroshi P / R / F1 | baseline P / R / F1 | tanaoroshi overlap P / R | baseline overlap P / R | tp / fp / fn (t) | tp / fp / fn (b) |",
        "|---|---|---|---|---|---|---|---|",
    ]

    def prf(r):
        return f"{r['precision']:.3f} / {r['recall']:.3f} / {r['f1']:.3f}" if r else "—"

    def ov(r):
        return f"{r['overlap_precision']:.3f} / {r['overlap_recall']:.3f}" if r else "—"

    def counts(r):
        return f"{r['tp']} / {r['fp']} / {r['fn']}" if r else "—"

    for data, entity, ours, base in rows:
        lines.append(f"| {data} | {entity} | {prf(ours)} | {prf(base)} | {ov(ours)} | {ov(base)} | {counts(ours)} | {counts(base)} |")
    return "\n".join(lines)


def negatives_table(rows: list[tuple[str, dict, dict | None]]) -> str:
    lines = ["| entity | negatives | tanaoroshi false-positive rate | baseline false-positive rate |", "|---|---|---|---|"]
    for entity, ours, base in rows:
        n = ours["negatives"]
        b = f"{base['neg_fp'] / n:.3f} ({base['neg_fp']})" if base else "—"
        lines.append(f"| {entity} | {n} | {ours['neg_fp'] / n:.3f} ({ours['neg_fp']}) | {b} |")
    return "\n".join(lines)


def name_results(names: int, seed: int, baseline: bool) -> dict:
    """{data set: (tanaoroshi results, baseline results or None)} for PERSON and JP_ADDRESS."""
    from tests.corpus import facility_addresses, gsd, hironsan
    from tests.corpus.names import generate

    ours_analyzer = Analyzer(entities=NAME_ENTITIES)
    base = NaiveBaseline() if baseline else None
    generated = generate(names, seed)
    data = {
        "hironsan dev": hironsan.sentences(hironsan.DEV),
        "hironsan held-out": hironsan.sentences(hironsan.HELD_OUT),
        "gsd dev": gsd.sentences(gsd.DEV),
        "gsd held-out": gsd.sentences(gsd.HELD_OUT),
        "generated": generated.positives,
        "generated negatives": generated.negatives,
        "facilities dev": facility_addresses.samples(facility_addresses.DEV),
        "facilities held-out": facility_addresses.samples(facility_addresses.HELD_OUT),
        "facilities held-out in sentences": facility_addresses.in_sentences(facility_addresses.HELD_OUT),
    }
    out = {}
    for name, samples in data.items():
        ours = evaluate(samples, ours_analyzer, entities=NAME_ENTITIES)
        theirs = evaluate(samples, base, entities=NAME_ENTITIES) if base else None
        out[name] = (ours, theirs)
    return out


def person_speed(seed: int = 3, repeat: int = 3) -> tuple[int, float, float]:
    """(characters, chars/s of the PERSON recognizer over generated business text, share of characters sent to NER).
    CPU time of this process (``time.process_time``), so that other load on a shared machine does not count; the
    NER cache is cleared before each repeat so every window really goes through GiNZA."""
    from detectors import person_ner
    from detectors.normalize import normalize
    from detectors.recognizers.person import JpPersonRecognizer
    from tests.corpus.names import generate

    labelled = generate(40, seed)
    texts = [normalize(s.text).text for s in labelled.positives + labelled.negatives]
    text = "\n".join(texts)
    rec = JpPersonRecognizer()
    rec.analyze(text[:2000], ["PERSON"])  # warm: dictionaries, automata, GiNZA if it is needed at all
    sent = 0
    original = person_ner.person_spans

    def counting(windows):
        nonlocal sent
        sent += sum(len(w) for w in windows)
        return original(windows)

    person_ner.person_spans = counting
    try:
        t0 = time.process_time()
        for _ in range(repeat):
            person_ner.clear_cache()
            rec.analyze(text, ["PERSON"])
        elapsed = time.process_time() - t0
    finally:
        person_ner.person_spans = original
    return len(text), len(text) * repeat / elapsed, sent / (len(text) * repeat)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=100, help="identifier corpus: samples per template")
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--names", type=int, default=60, help="name/address corpus: rounds of templates")
    ap.add_argument("--names-seed", type=int, default=20261201)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--speed", action="store_true", help="also time the PERSON recognizer")
    args = ap.parse_args(argv)
    from tests.corpus.generator import generate

    print("## Identifiers (generated corpus)\n")
    print(table(evaluate(generate(args.size, args.seed))))
    print("\n## PERSON and JP_ADDRESS: tanaoroshi vs the naive baseline (Presidio + ja_ginza), exact spans\n")
    results = name_results(args.names, args.names_seed, not args.no_baseline)
    rows = []
    for data, (ours, base) in results.items():
        if data == "generated negatives":
            continue
        for entity in NAME_ENTITIES:
            if data.startswith(("hironsan", "gsd")) and entity == "JP_ADDRESS":
                continue  # the corpora label no addresses (their LOC/GPE is a place name, not an address)
            if data.startswith("facilities") and entity != "JP_ADDRESS":
                continue  # addresses of facilities: no person is labelled
            rows.append((data, entity, ours[entity], base[entity] if base else None))
    print(side_by_side(rows))
    print("\nJP_ADDRESS on the real text (news sentences full of place names; none of them holds an address, so every")
    print("predicted span is a false positive):\n")
    print("| data | tanaoroshi predicted spans | baseline predicted spans |\n|---|---|---|")
    for data in ("hironsan dev", "hironsan held-out"):
        ours, base = results[data]
        print(f"| {data} | {ours['JP_ADDRESS']['fp']} | {base['JP_ADDRESS']['fp'] if base else '—'} |")
    ours, base = results["generated negatives"]
    print("\nFalse positives on the generated negatives (companies, places alone, products, role words):\n")
    print(negatives_table([(e, ours[e], base[e] if base else None) for e in NAME_ENTITIES]))
    if args.speed:
        chars, cps, ner_share = person_speed()
        print(f"\nPERSON recognizer: {cps:,.0f} chars/s (CPU time) over {chars:,} chars of generated business text; {ner_share:.1%} of characters sent to GiNZA NER")
    return 0


if __name__ == "__main__":
    sys.exit(main())
