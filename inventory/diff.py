"""Differences between two runs, as set arithmetic over (source, path) (STYLE.md: identity without position).

Works on the report document of each run (``inventory.report_document.build_report``), so a diff says
exactly what the two reports say, in the same words.
"""
from __future__ import annotations

from typing import Any

from inventory.i18n import t

EXPOSED = {"PUBLIC", "ORGANIZATION", "EXTERNAL", "DEPARTED"}


def _key(asset: dict) -> tuple[str, str]:
    return asset["source"], asset["path"]


def _departed(asset: dict) -> set[str]:
    return {g["principal"] for g in asset.get("access") or [] if g.get("status") == "departed"}


def _pick_runs(store, old: int | None, new: int | None) -> tuple[int, int]:
    if old is not None and new is not None:
        return old, new
    complete = [r["id"] for r in store.runs() if r.get("status") == "complete"]
    complete.sort()
    if len(complete) < 2:
        raise LookupError("fewer than two complete runs")
    return complete[-2], complete[-1]


def diff_documents(old_doc: dict, new_doc: dict) -> dict[str, Any]:
    old = {_key(a): a for a in old_doc["assets"]}
    new = {_key(a): a for a in new_doc["assets"]}
    added = sorted(new.keys() - old.keys())
    removed = sorted(old.keys() - new.keys())
    changed, tier_changes, new_entities, exposure_changes = [], [], [], []
    for key in sorted(old.keys() & new.keys()):
        a, b = old[key], new[key]
        content = (a.get("hash"), a.get("size"), a.get("modified")) != (b.get("hash"), b.get("size"), b.get("modified"))
        if content:
            changed.append(key)
        if a.get("tier") != b.get("tier"):
            tier_changes.append({"source": key[0], "path": key[1], "old": a.get("tier"), "new": b.get("tier")})
        gained = sorted(set(b.get("entities") or {}) - set(a.get("entities") or {}))
        if gained:
            new_entities.append({"source": key[0], "path": key[1], "entities": gained})
        old_scopes, new_scopes = set(a.get("exposure") or []), set(b.get("exposure") or [])
        departed_new = sorted(_departed(b) - _departed(a))
        if old_scopes != new_scopes or departed_new:
            exposure_changes.append(
                {
                    "source": key[0],
                    "path": key[1],
                    "added": sorted(new_scopes - old_scopes),
                    "removed": sorted(old_scopes - new_scopes),
                    "departed_principals_added": departed_new,
                }
            )
    for key in added:
        b = new[key]
        if b.get("entities"):
            new_entities.append({"source": key[0], "path": key[1], "entities": sorted(b["entities"])})
    return {
        "schema": "tanaoroshi.diff/1",
        "old_run": old_doc["run"].get("id"),
        "new_run": new_doc["run"].get("id"),
        "added": [{"source": s, "path": p, "tier": new[(s, p)].get("tier")} for s, p in added],
        "removed": [{"source": s, "path": p, "tier": old[(s, p)].get("tier")} for s, p in removed],
        "changed": [{"source": s, "path": p} for s, p in changed],
        "tier_changes": tier_changes,
        "new_entities": new_entities,
        "exposure_changes": exposure_changes,
        "new_exposed_tier3": [
            {"source": s, "path": p, "exposure": sorted(set(new[(s, p)].get("exposure") or []) & EXPOSED)}
            for (s, p) in sorted(new)
            if _exposed_tier3(new[(s, p)]) and not (old.get((s, p)) and _exposed_tier3(old[(s, p)]))
        ],
    }


def _exposed_tier3(asset: dict) -> bool:
    return asset.get("tier") == 3 and bool(set(asset.get("exposure") or []) & EXPOSED)


def diff_runs(store, old: int | None = None, new: int | None = None) -> dict[str, Any]:
    from inventory.report_document import build_report

    from inventory.reviews import outcomes_of_run

    old_id, new_id = _pick_runs(store, old, new)
    try:
        result = diff_documents(build_report(store, old_id), build_report(store, new_id))
    except KeyError as exc:
        raise LookupError(str(exc)) from exc
    # 対応済み decisions the new run verified (resolved) or found unchanged (reopened)
    result["review_outcomes"] = outcomes_of_run(store.conn, new_id)
    return result


def new_exposed_tier3(db: str, run_id: int) -> list[dict]:
    """レベル3 assets exposed beyond RESTRICTED in ``run_id`` that the previous complete run did not have so."""
    from inventory.report_document import build_report
    from inventory.store import Store

    with Store.open(db) as store:
        earlier = [r["id"] for r in store.runs() if r.get("status") == "complete" and r["id"] < run_id]
        new_doc = build_report(store, run_id)
        old_doc = build_report(store, max(earlier)) if earlier else {"run": {"id": None}, "assets": []}
    return diff_documents(old_doc, new_doc)["new_exposed_tier3"]


def format_diff(result: dict[str, Any], lang: str) -> str:
    lines = [t("diff.title", lang, old=result["old_run"], new=result["new_run"])]
    sections = [
        ("added", "diff.added", lambda x: f"{x['path']} ({_tier(x['tier'], lang)})"),
        ("removed", "diff.removed", lambda x: f"{x['path']} ({_tier(x['tier'], lang)})"),
        ("changed", "diff.changed", lambda x: x["path"]),
        ("tier_changes", "diff.tier_changes", lambda x: f"{x['path']}: {_tier(x['old'], lang)} → {_tier(x['new'], lang)}"),
        ("new_entities", "diff.new_entities", lambda x: f"{x['path']}: {', '.join(x['entities'])}"),
        (
            "exposure_changes",
            "diff.exposure_changes",
            lambda x: f"{x['path']}: +{','.join(x['added']) or '-'} -{','.join(x['removed']) or '-'}"
            + (f" {t('diff.departed', lang)}: {len(x['departed_principals_added'])}" if x["departed_principals_added"] else ""),
        ),
    ]
    if "review_outcomes" in result:
        sections.append(("review_outcomes", "diff.review_outcomes", lambda x: f"{x['path']}: {t('review.state.' + x['state'], lang)} ({t('review.why.' + x['why'], lang)})"))
    for key, label, fmt in sections:
        items = result[key]
        lines.append(f"{t(label, lang)}: {len(items)}")
        lines.extend(f"  {fmt(x)}" for x in items)
    return "\n".join(lines)


def _tier(tier: int | None, lang: str) -> str:
    return t(f"tier.{tier if tier is not None else 'none'}", lang)
