"""What each page of the review app shows, computed from the report document (inventory.report_document)
so the app says exactly what the HTML report and the 台帳 say; reviews are laid over it on every request.

A complete run never changes, so its document is built once and cached; decisions change at any time,
so they are read fresh (one small table) for each page.
"""
from __future__ import annotations

import re
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

from inventory.report_document import PRIORITY_ORDER, asset_document, build_report, top_folder
from inventory.reviews import REVIEW_STATES, ReviewBook, history

TIERS = ("3", "2", "1", "none")
EXPOSURES = ("PUBLIC", "ORGANIZATION", "EXTERNAL", "DEPARTED", "RESTRICTED")
SORTS = ("priority", "path", "-path", "tier", "-tier", "persons", "-persons", "modified", "-modified")
PAGE_SIZE = 50
FINDINGS_PAGE = 50


@dataclass(frozen=True)
class Filters:
    tier: str = ""
    exposure: str = ""
    owner: str = ""
    folder: str = ""
    entity: str = ""
    review: str = ""
    q: str = ""
    sort: str = "priority"
    page: int = 1

    def query(self, **change) -> str:
        """The query string of these filters with some changed (for sort links and the pager)."""
        from urllib.parse import urlencode

        values = {k: getattr(self, k) for k in self.__dataclass_fields__} | change
        return urlencode({k: v for k, v in values.items() if v not in ("", None) and not (k == "page" and v == 1) and not (k == "sort" and v == "priority")})


class DocumentCache:
    """The report document of a complete run, with each asset's row id, built once per run."""

    def __init__(self, size: int = 3):
        self.size = size
        self.lock = threading.Lock()
        self.docs: OrderedDict[int, tuple[dict, dict]] = OrderedDict()

    def get(self, store, run_id: int) -> tuple[dict, dict[tuple[str, str], int]]:
        with self.lock:
            if run_id in self.docs:
                self.docs.move_to_end(run_id)
                return self.docs[run_id]
        doc = build_report(store, run_id)
        ids = {(r["source"], r["path"]): r["id"] for r in store.conn.execute("SELECT id, source, path FROM assets WHERE run_id = ?", (run_id,))}
        with self.lock:
            self.docs[run_id] = (doc, ids)
            while len(self.docs) > self.size:
                self.docs.popitem(last=False)
        return doc, ids


def _tier_key(tier) -> str:
    return "none" if tier is None else str(tier)


def with_reviews(doc: dict, book: ReviewBook) -> list[dict]:
    """The document's assets with the current review state (copies: the cached document stays as built)."""
    out = []
    for a in doc["assets"]:
        review = book.review_of(a["source"], a["path"], a["hash"]).as_dict() | {"false_positives": book.false_positives(a["source"], a["path"])}
        out.append(a | {"review": review})
    return out


def overview(store, doc: dict, assets: list[dict], ids: dict) -> dict:
    s = doc["summary"]
    matrix = {t: Counter() for t in TIERS}
    for a in assets:
        for scope in a["exposure"] or ["RESTRICTED"]:
            matrix[_tier_key(a["tier"])][scope] += 1
    reviews = Counter(a["review"]["state"] for a in assets if a["tier"] is None or a["tier"] >= 2)
    trend = []
    for r in store.runs():
        if r["status"] != "complete":
            continue
        tiers = r.get("tiers") or {}
        trend.append({"id": r["id"], "started": (r["started_at"] or "")[:16].replace("T", " "), "tiers": {t: tiers.get(t, 0) for t in TIERS}, "total": r.get("assets", 0)})
    trend = trend[-12:]
    peak = max([sum(x["tiers"].values()) for x in trend] or [1]) or 1
    urgent_open = [a for a in assets if a["priority"] == "urgent" and a["review"]["state"] in ("open", "reopened", "stale")]
    for a in urgent_open[:10]:
        a["id"] = ids[(a["source"], a["path"])]
    return {
        "summary": s,
        "matrix": {t: dict(matrix[t]) for t in TIERS},
        "exposures": EXPOSURES,
        "tiers": TIERS,
        "reviews": {k: reviews.get(k, 0) for k in REVIEW_STATES},
        "trend": trend,
        "peak": peak,
        "urgent_open": urgent_open[:10],
        "urgent_open_count": len(urgent_open),
    }


def _matches(a: dict, f: Filters) -> bool:
    if f.tier and _tier_key(a["tier"]) != f.tier:
        return False
    if f.exposure and f.exposure not in a["exposure"]:
        return False
    if f.owner and (a.get("owner") or "") != f.owner and a["review"].get("assignee") != f.owner:
        return False
    if f.folder and top_folder(a["path"]) != f.folder:
        return False
    if f.entity and f.entity not in a["entities"]:
        return False
    if f.review and a["review"]["state"] != f.review:
        return False
    if f.q and f.q.casefold() not in a["path"].casefold():
        return False
    return True


def _sorter(sort: str):
    key = sort.lstrip("-")
    if key == "path":
        return lambda a: (a["source"], a["path"])
    if key == "tier":
        return lambda a: (-1 if a["tier"] is None else a["tier"], a["path"])
    if key == "persons":
        return lambda a: (a["persons"], a["path"])
    if key == "modified":
        return lambda a: (a["modified"] or "", a["path"])
    return lambda a: (PRIORITY_ORDER.get(a["priority"], 9), -(a["tier"] or 0), a["path"])


def asset_list(assets: list[dict], ids: dict, f: Filters) -> dict:
    hits = [a for a in assets if _matches(a, f)]
    hits.sort(key=_sorter(f.sort), reverse=f.sort.startswith("-"))
    pages = max(1, -(-len(hits) // PAGE_SIZE))
    page = min(f.page, pages)
    shown = hits[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    for a in shown:
        a["id"] = ids[(a["source"], a["path"])]
    return {
        "assets": shown,
        "count": len(hits),
        "page": page,
        "pages": pages,
        "owners": sorted({a["owner"] for a in assets if a.get("owner")} | {a["review"]["assignee"] for a in assets if a["review"].get("assignee")}),
        "folders": sorted({top_folder(a["path"]) for a in assets}),
        "entities": sorted({e for a in assets for e in a["entities"]}),
    }


@dataclass
class FindingGroup:
    """One value (entity + fingerprint) at this asset, wherever it occurs: what a reviewer decides on."""

    entity: str
    fingerprint: str
    masked: str
    score: float
    wheres: list[str] = field(default_factory=list)
    state: str = ""  # '' / confirmed / false_positive
    by: str = ""
    at: str = ""
    comment: str = ""


def _natural(where: str) -> tuple:
    """'sheet 顧客!G9' before 'sheet 顧客!G10'."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", where))


def asset_detail(store, row, fpage: int = 1) -> dict:
    book = ReviewBook(store.conn)
    asset = asset_document(store, row, book)
    groups: dict[tuple[str, str], FindingGroup] = {}
    for f in store.findings_of(row["id"]):
        g = groups.get((f.entity, f.fingerprint))
        if g is None:
            g = groups[(f.entity, f.fingerprint)] = FindingGroup(f.entity, f.fingerprint, f.masked, f.score)
            d = book.finding_state(row["source"], row["path"], f.entity, f.fingerprint)
            if d is not None:
                g.state, g.by, g.at, g.comment = d["state"], d["by_user"], d["at"], d["comment"]
        g.score = max(g.score, f.score)
        g.wheres.append(f.where)
    # a stable order whatever the decisions: a value stays on its page after it is marked
    ordered = sorted(groups.values(), key=lambda g: (g.entity, -g.score, _natural(g.wheres[0]), g.fingerprint))
    fpages = max(1, -(-len(ordered) // FINDINGS_PAGE))
    fpage = min(max(fpage, 1), fpages)
    runs = []
    for r in store.conn.execute(
        """SELECT a.id, a.run_id, a.tier, a.exposure, a.content_hash, a.priority, r.started_at FROM assets a JOIN runs r ON r.id = a.run_id
           WHERE a.source = ? AND a.path = ? ORDER BY a.run_id DESC LIMIT 50""",
        (row["source"], row["path"]),
    ):
        runs.append(dict(r))
    for older, newer in zip(runs[1:], runs[:-1]):
        newer["changed"] = older["content_hash"] != newer["content_hash"]
    latest = store.conn.execute(
        "SELECT a.id FROM assets a JOIN runs r ON r.id = a.run_id WHERE a.source = ? AND a.path = ? AND r.status = 'complete' ORDER BY a.run_id DESC LIMIT 1",
        (row["source"], row["path"]),
    ).fetchone()
    return {
        "asset": asset,
        "row_id": row["id"],
        "run_id": row["run_id"],
        "is_latest": latest is not None and latest["id"] == row["id"],
        "latest_id": latest["id"] if latest is not None else None,
        "groups": ordered[(fpage - 1) * FINDINGS_PAGE : fpage * FINDINGS_PAGE],
        "group_count": len(ordered),
        "findings_count": sum(len(g.wheres) for g in ordered),
        "fpage": fpage,
        "fpages": fpages,
        "runs": runs,
        "events": history(store.conn, row["source"], row["path"]),
    }


def finding_exists(store, row, entity: str, fingerprint: str) -> bool:
    holder = store.findings_holder(row["id"])
    return store.conn.execute("SELECT 1 FROM findings WHERE asset_id = ? AND entity = ? AND fingerprint = ? LIMIT 1", (holder, entity, fingerprint)).fetchone() is not None
