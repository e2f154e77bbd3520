"""Whether two inventories of the same files hold the same findings and assessments (a speed change must
not change them): ``python -m benchmarks.same_inventory A.db B.db [--run-a N] [--run-b N]``.

Compares per asset path: tier, error code, characters read, format, entity counts, reasons (codes and
evidence), persons, content hash, and every finding (entity, score, location, span, masked preview,
fingerprint, recognizer, evidence, header). Both must use the same fingerprint key (the benchmark's is
fixed). Prints counts and the paths that differ, never a value. Exit 1 when anything differs."""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys


def facts(db: str, run: int | None = None) -> dict[str, tuple]:
    conn = sqlite3.connect(db)
    if run is None:
        run = conn.execute("SELECT MAX(id) FROM runs").fetchone()[0]
    out = {}
    rows = conn.execute("SELECT id, source, path, tier, error_code, chars, format, entities, reasons, persons, content_hash FROM assets WHERE run_id = ?", (run,))
    for aid, source, path, tier, err, chars, fmt, entities, reasons, persons, content_hash in rows.fetchall():
        holder = conn.execute("SELECT COALESCE(findings_from, id) FROM assets WHERE id = ?", (aid,)).fetchone()[0]
        findings = sorted(
            conn.execute(
                "SELECT entity, score, location, start, end, masked, fingerprint, recognizer, evidence, header FROM findings WHERE asset_id = ?", (holder,)
            ).fetchall()
        )
        codes = json.dumps([(r["code"], r.get("evidence")) for r in json.loads(reasons)], ensure_ascii=False)
        out[path] = (tier, err, chars, fmt, entities, codes, persons, content_hash, findings)
    conn.close()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--run-a", type=int)
    ap.add_argument("--run-b", type=int)
    args = ap.parse_args(argv)
    a, b = facts(args.a, args.run_a), facts(args.b, args.run_b)
    fields = ("tier", "error", "chars", "format", "entities", "reasons", "persons", "hash", "findings")
    differ = [p for p in sorted(set(a) | set(b)) if a.get(p) != b.get(p)]
    print(f"{len(a)} / {len(b)} assets; {sum(len(v[-1]) for v in a.values())} / {sum(len(v[-1]) for v in b.values())} findings; {len(differ)} differ")
    for path in differ[:20]:
        x, y = a.get(path), b.get(path)
        what = "only in one" if x is None or y is None else ", ".join(f for f, u, v in zip(fields, x, y) if u != v)
        print(f"  {path}: {what}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
