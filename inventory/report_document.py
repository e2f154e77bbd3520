"""The report document (DESIGN.md §8): the single source every report format is written from.

``{"schema":"tanaoroshi.report/1","run":{...},"summary":{...},"assets":[...]}`` — keys may be added,
never renamed or dropped. Samples carry masked previews and fingerprints only.
"""
from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timezone

SCHEMA = "tanaoroshi.report/1"
SAMPLES_PER_ENTITY = 3
PRIORITY_ORDER = {"urgent": 0, "high": 1, "review": 2, "normal": 3, "low": 4}
APPI_FLAGS = {
    "JP_MY_NUMBER": "特定個人情報",
    "SENSITIVE_CATEGORY": "要配慮個人情報",
    "CREDIT_CARD": "クレジットカード",
}


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    try:
        return datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="seconds")
    except (OverflowError, OSError, ValueError):
        return None


def top_folder(path: str) -> str:
    head = path.split("!/", 1)[0]
    return head.split("/", 1)[0] if "/" in head else "."


def appi_flags(asset: dict) -> list[str]:
    flags = [flag for entity, flag in APPI_FLAGS.items() if entity in asset["entities"]]
    codes = {r["code"] for r in asset["reasons"]}
    if any(c.startswith("PERSONS>") for c in codes):
        flags.append("1,000人超")
    if "要配慮個人情報" not in flags and any(r["code"] == "DOC_TYPE" and "健康診断" in r["ja"] for r in asset["reasons"]):
        flags.append("要配慮個人情報")
    return flags


def _sort_key(asset: dict):
    tier = asset["tier"]
    return (PRIORITY_ORDER.get(asset["priority"], 9), -(tier or 0) if tier is not None else 0, tier is None, asset["source"], asset["path"])


def build_report(store, run_id: int | None = None) -> dict:
    from inventory.reviews import ReviewBook

    if run_id is None:
        run_id = store.latest_run_id()
        if run_id is None:
            raise KeyError("no complete run")
    run = store.run(run_id)
    book = ReviewBook(store.conn)  # reviewers' decisions: the 確認欄, and false positives left out of the samples
    assets = [asset_document(store, row, book) for row in store.asset_rows(run_id)]
    assets.sort(key=_sort_key)
    return {"schema": SCHEMA, "run": run, "summary": summarise(assets), "assets": assets}


def asset_document(store, row, book) -> dict:
    """One asset as every report shows it (and the review app's detail page); ``book`` is a ReviewBook."""
    findings = store.findings_of(row["id"])
    samples, per_entity = [], Counter()
    for f in sorted(findings, key=lambda f: -f.score):
        if per_entity[f.entity] >= SAMPLES_PER_ENTITY or book.is_suppressed(row["source"], row["path"], f.entity, f.fingerprint):
            continue
        per_entity[f.entity] += 1
        samples.append({"entity": f.entity, "masked": f.masked, "fingerprint": f.fingerprint, "where": f.where, "score": f.score})
    asset = {
        "source": row["source"],
        "path": row["path"],
        "kind": row["kind"],
        "format": row["format"] or "",
        "size": row["size"],
        "modified": _iso(row["mtime"]),
        "hash": row["content_hash"],
        "owner": row["owner"],
        "tier": row["tier"],
        "reasons": json.loads(row["reasons"]),
        "entities": json.loads(row["entities"]),
        "persons": row["persons"],
        "exposure": json.loads(row["exposure"]),
        "priority": row["priority"],
        "access": [
            {"principal": g.principal, "display": g.display, "kind": g.kind, "right": g.right, "via": g.via, "status": g.status}
            for g in store.grants_of(row["id"])
        ],
        "samples": samples,
        "error": {"code": row["error_code"], "message": row["error_message"] or "", "partial": bool(row["partial"])} if row["error_code"] else None,
        "reused": bool(row["reused"]),
        "review": book.review_of(row["source"], row["path"], row["content_hash"]).as_dict()
        | {"false_positives": book.false_positives(row["source"], row["path"])},
    }
    asset["flags"] = appi_flags(asset)
    return asset


def summarise(assets: list[dict]) -> dict:
    by_tier = Counter("none" if a["tier"] is None else str(a["tier"]) for a in assets)
    by_exposure = Counter(s for a in assets for s in a["exposure"])
    by_priority = Counter(a["priority"] for a in assets)
    by_entity = Counter()
    for a in assets:
        by_entity.update(a["entities"])
    folders: dict[str, Counter] = {}
    for a in assets:
        folders.setdefault(top_folder(a["path"]), Counter())["none" if a["tier"] is None else str(a["tier"])] += 1
    flags = Counter(f for a in assets for f in a["flags"])
    return {
        "assets": len(assets),
        "by_tier": {k: by_tier.get(k, 0) for k in ("3", "2", "1", "none")},
        "by_exposure": dict(sorted(by_exposure.items())),
        "by_priority": dict(sorted(by_priority.items())),
        "by_entity": dict(sorted(by_entity.items())),
        "by_folder": {k: {t: v.get(t, 0) for t in ("3", "2", "1", "none")} for k, v in sorted(folders.items())},
        "appi_flags": dict(sorted(flags.items())),
        "unreadable": sum(1 for a in assets if a["error"] and not a["error"]["partial"]),
        "urgent": by_priority.get("urgent", 0),
    }
