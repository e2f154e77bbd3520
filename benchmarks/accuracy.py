"""Per-entity precision, recall and F1 of the analyzer on the labelled corpus (tests/corpus).

A prediction is correct when its entity and its code-point span equal a gold span exactly; predictions
below the tier threshold (0.5) do not count. Usage: ``python -m benchmarks.accuracy [--size N] [--seed S]``.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter

from detectors.analyzer import DEFAULT_THRESHOLD, Analyzer


def evaluate(samples, analyzer: Analyzer | None = None, threshold: float = DEFAULT_THRESHOLD) -> dict[str, dict[str, float]]:
    analyzer = analyzer or Analyzer()
    tp, fp, fn = Counter(), Counter(), Counter()
    for sample in samples:
        predicted = {(m.entity, m.start, m.end) for m in analyzer.analyze_text(sample.text, sample.header) if m.score >= threshold}
        gold = set(sample.gold)
        for item in predicted & gold:
            tp[item[0]] += 1
        for item in predicted - gold:
            fp[item[0]] += 1
        for item in gold - predicted:
            fn[item[0]] += 1
    out = {}
    for entity in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[entity] / (tp[entity] + fp[entity]) if tp[entity] + fp[entity] else 1.0
        r = tp[entity] / (tp[entity] + fn[entity]) if tp[entity] + fn[entity] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out[entity] = {"precision": p, "recall": r, "f1": f1, "tp": tp[entity], "fp": fp[entity], "fn": fn[entity]}
    return out


def table(results: dict[str, dict[str, float]]) -> str:
    lines = ["| entity | precision | recall | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for entity, r in results.items():
        lines.append(f"| {entity} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['tp']} | {r['fp']} | {r['fn']} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=100, help="samples per template")
    ap.add_argument("--seed", type=int, default=20261124)
    args = ap.parse_args(argv)
    from tests.corpus.generator import generate

    print(table(evaluate(generate(args.size, args.seed))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
