"""Data owners' review decisions, kept across re-crawls (issue #13).

A decision is keyed the way detect-secrets keys a secret (STYLE.md): the asset's (source, path), and for a
finding its entity and keyed fingerprint — never a line number, a cell or an asset row id — so the next
crawl finds it again. Actions:

- 確認済み ``confirmed``: the owner has seen the asset (or finding) and signs it off.
- 誤検知 ``false_positive``: per finding (entity + fingerprint at this asset: honoured whatever the file's
  content becomes) or per asset (bound to the content hash it was made on: a changed file is judged
  afresh). Future scans leave suppressed findings out when they assess the tier.
- 対応済み ``remediated``: moved, deleted or access removed. The next complete crawl verifies it: the asset
  gone, its content or its access changed → ``resolved``; nothing changed → ``reopened``.
- assignment of an asset to an owner.

Every action is appended to ``review_events`` (who, when, comment); ``decisions`` holds the current state.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable

from classifiers.model import Grant, ReasonText
from detectors.model import Finding

ASSET_ACTIONS = ("confirmed", "false_positive", "remediated", "cleared")
FINDING_ACTIONS = ("confirmed", "false_positive", "cleared")
# the review state of an asset as the list filters it; "open" = nobody has decided yet, "stale" = an
# asset-level sign-off or false positive made on content that has changed since
REVIEW_STATES = ("open", "confirmed", "false_positive", "remediated", "reopened", "resolved", "stale")
MAX_COMMENT = 2000
MAX_NAME = 200
SYSTEM_USER = "tanaoroshi"


class ReviewError(ValueError):
    """A review request that cannot be stored (unknown action, oversized comment): a 4xx, never a 500.
    ``code`` names the case for the user's message: ``comment_too_long``, ``assignee_too_long``, ``bad_action``."""

    def __init__(self, message: str, code: str = "bad_action"):
        super().__init__(message)
        self.code = code


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def access_digest(grants: Iterable[Grant], exposure: Iterable[str]) -> str:
    """What 'access unchanged' means for a remediation check: the same grants with the same statuses and
    the same exposure scopes."""
    body = {
        "grants": sorted([g.principal, g.right, g.via, g.status] for g in grants),
        "exposure": sorted(exposure),
    }
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@dataclass
class Suppressions:
    """The false positives future scans honour: per finding (entity, fingerprint) and per asset (content hash)."""

    findings: dict[tuple[str, str], set[tuple[str, str]]] = field(default_factory=dict)
    assets: dict[tuple[str, str], str] = field(default_factory=dict)  # (source, path) → content hash decided on

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> "Suppressions":
        out = cls()
        for r in conn.execute("SELECT source, path, entity, fingerprint, content_hash FROM decisions WHERE state = 'false_positive'"):
            key = (r["source"], r["path"])
            if r["entity"] == "" and r["fingerprint"] == "":
                out.assets[key] = r["content_hash"] or ""
            else:
                out.findings.setdefault(key, set()).add((r["entity"], r["fingerprint"]))
        return out

    def digest(self, source: str, path: str) -> str:
        """A digest of the decisions that apply to this asset ('' for none): a re-crawl carries an unchanged
        file's tier over only when the same decisions applied when it was assessed."""
        key = (source, path)
        found = sorted(self.findings.get(key, ()))
        whole = self.assets.get(key)
        if not found and whole is None:
            return ""
        body = json.dumps({"findings": found, "asset": whole}, sort_keys=True)
        return hashlib.sha256(body.encode()).hexdigest()[:32]

    def whole_asset(self, source: str, path: str, content_hash: str | None) -> bool:
        decided = self.assets.get((source, path))
        return decided is not None and bool(content_hash) and decided == content_hash

    def apply(
        self, source: str, path: str, content_hash: str | None, findings: list[Finding], within_false_positive: bool = False
    ) -> tuple[list[Finding], ReasonText | None]:
        """The findings the tier is assessed on, and the reason that says what was left out.
        ``within_false_positive``: a member of an archive marked 誤検知 as a whole."""
        if within_false_positive:
            return [], ReasonText(
                "REVIEW_FALSE_POSITIVE",
                "レビューで圧縮ファイル全体が誤検知とされました (内容が変わるまで有効)",
                "its archive was marked a false positive as a whole by review (until its content changes)",
            )
        if self.whole_asset(source, path, content_hash):
            return [], ReasonText(
                "REVIEW_FALSE_POSITIVE",
                "レビューで資産全体が誤検知とされました (内容が変わるまで有効)",
                "marked a false positive as a whole by review (until its content changes)",
            )
        keys = self.findings.get((source, path))
        if not keys:
            return findings, None
        kept = [f for f in findings if (f.entity, f.fingerprint) not in keys]
        dropped = len(findings) - len(kept)
        if not dropped:
            return findings, None
        return kept, ReasonText(
            "REVIEW_SUPPRESSED",
            f"レビューで誤検知とされた {dropped:,} 件を除外",
            f"{dropped:,} finding(s) left out as false positives by review",
        )


# --- writing ---------------------------------------------------------------------------------------
def _check_comment(comment: str) -> str:
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise ReviewError(f"comment too long ({len(comment)} characters, at most {MAX_COMMENT})", "comment_too_long")
    return comment


def _asset_row(conn: sqlite3.Connection, source: str, path: str) -> sqlite3.Row | None:
    """The asset in the newest complete run (what the reviewer is looking at)."""
    return conn.execute(
        """SELECT a.* FROM assets a JOIN runs r ON r.id = a.run_id
           WHERE a.source = ? AND a.path = ? AND r.status = 'complete' ORDER BY a.run_id DESC LIMIT 1""",
        (source, path),
    ).fetchone()


def _grants(conn: sqlite3.Connection, asset_id: int) -> list[Grant]:
    return [
        Grant(r["principal"], r["display"], r["kind"], r["right"], r["via"], r["status"])
        for r in conn.execute("SELECT * FROM grants WHERE asset_id = ? ORDER BY id", (asset_id,))
    ]


def _event(conn, source, path, entity, fingerprint, action, user, comment, run_id=None, at=None) -> None:
    conn.execute(
        "INSERT INTO review_events (source, path, entity, fingerprint, action, by_user, at, comment, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (source, path, entity, fingerprint, action, user, at or _now(), comment, run_id),
    )


def decide(
    conn: sqlite3.Connection,
    source: str,
    path: str,
    action: str,
    user: str,
    comment: str = "",
    entity: str = "",
    fingerprint: str = "",
) -> None:
    """Record one review action on an asset (entity and fingerprint '') or on one of its findings."""
    per_finding = bool(entity or fingerprint)
    allowed = FINDING_ACTIONS if per_finding else ASSET_ACTIONS
    if action not in allowed:
        raise ReviewError(f"unknown action {action!r} (one of {', '.join(allowed)})")
    if per_finding and not (entity and fingerprint):
        raise ReviewError("a finding is named by its entity and fingerprint")
    comment = _check_comment(comment)
    row = _asset_row(conn, source, path)
    if row is None:
        raise LookupError(path)
    at = _now()
    with conn:
        conn.execute("BEGIN IMMEDIATE")
        if action == "cleared":
            conn.execute("DELETE FROM decisions WHERE source = ? AND path = ? AND entity = ? AND fingerprint = ?", (source, path, entity, fingerprint))
        else:
            seen_run = conn.execute("SELECT MAX(id) FROM runs").fetchone()[0]
            exposure = json.loads(row["exposure"])
            conn.execute(
                """INSERT INTO decisions (source, path, entity, fingerprint, state, content_hash, access, seen_run, by_user, at, comment)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (source, path, entity, fingerprint) DO UPDATE SET state = excluded.state,
                     content_hash = excluded.content_hash, access = excluded.access, seen_run = excluded.seen_run,
                     by_user = excluded.by_user, at = excluded.at, comment = excluded.comment""",
                (source, path, entity, fingerprint, action, row["content_hash"], access_digest(_grants(conn, row["id"]), exposure), seen_run, user, at, comment),
            )
        _event(conn, source, path, entity, fingerprint, action, user, comment, at=at)


def assign(conn: sqlite3.Connection, source: str, path: str, assignee: str, user: str, comment: str = "") -> None:
    """Assign an asset to an owner ('' removes the assignment)."""
    assignee = (assignee or "").strip()
    if len(assignee) > MAX_NAME:
        raise ReviewError(f"assignee name too long (at most {MAX_NAME} characters)", "assignee_too_long")
    comment = _check_comment(comment)
    if _asset_row(conn, source, path) is None:
        raise LookupError(path)
    at = _now()
    with conn:
        conn.execute("BEGIN IMMEDIATE")
        if assignee:
            conn.execute(
                """INSERT INTO assignments (source, path, assignee, by_user, at) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (source, path) DO UPDATE SET assignee = excluded.assignee, by_user = excluded.by_user, at = excluded.at""",
                (source, path, assignee, user, at),
            )
        else:
            conn.execute("DELETE FROM assignments WHERE source = ? AND path = ?", (source, path))
        _event(conn, source, path, "", "", "assigned", user, (f"→ {assignee}" if assignee else "→ -") + (f": {comment}" if comment else ""), at=at)


def verify_remediations(conn: sqlite3.Connection, run_id: int) -> list[dict]:
    """After a complete crawl: every 対応済み asset decided before this run began is checked against what
    the crawl found. Gone, or content or access changed → resolved; nothing changed → reopened."""
    pending = conn.execute(
        "SELECT * FROM decisions WHERE state = 'remediated' AND entity = '' AND (seen_run IS NULL OR seen_run < ?)", (run_id,)
    ).fetchall()
    outcomes = []
    at = _now()
    # only what this crawl looked at: a decision on another source's asset waits for a crawl of that source
    sources = {r[0] for r in conn.execute("SELECT DISTINCT source FROM assets WHERE run_id = ?", (run_id,))}
    with conn:
        conn.execute("BEGIN IMMEDIATE")
        for d in pending:
            if d["source"] not in sources:
                continue
            row = conn.execute("SELECT * FROM assets WHERE run_id = ? AND source = ? AND path = ?", (run_id, d["source"], d["path"])).fetchone()
            if row is None:
                state, why = "resolved", "gone"
            else:
                changed = []
                if (row["content_hash"] or "") != (d["content_hash"] or ""):
                    changed.append("content")
                if access_digest(_grants(conn, row["id"]), json.loads(row["exposure"])) != (d["access"] or ""):
                    changed.append("access")
                state, why = ("resolved", "+".join(changed)) if changed else ("reopened", "unchanged")
            conn.execute(
                "UPDATE decisions SET state = ?, by_user = ?, at = ?, comment = ?, seen_run = ? WHERE id = ?",
                (state, SYSTEM_USER, at, why, run_id, d["id"]),
            )
            _event(conn, d["source"], d["path"], "", "", state, SYSTEM_USER, why, run_id=run_id, at=at)
            outcomes.append({"source": d["source"], "path": d["path"], "state": state, "why": why})
    return outcomes


# --- reading ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AssetReview:
    state: str  # one of REVIEW_STATES
    by: str = ""
    at: str = ""
    comment: str = ""
    assignee: str = ""

    def as_dict(self) -> dict:
        return {"state": self.state, "by": self.by, "at": self.at, "comment": self.comment, "assignee": self.assignee}


class ReviewBook:
    """Every decision and assignment, loaded once (a few rows per reviewed asset), for lists and reports."""

    def __init__(self, conn: sqlite3.Connection):
        self.assets: dict[tuple[str, str], sqlite3.Row] = {}
        self.findings: dict[tuple[str, str], dict[tuple[str, str], sqlite3.Row]] = {}
        for r in conn.execute("SELECT * FROM decisions"):
            key = (r["source"], r["path"])
            if r["entity"] == "" and r["fingerprint"] == "":
                self.assets[key] = r
            else:
                self.findings.setdefault(key, {})[(r["entity"], r["fingerprint"])] = r
        self.assignees = {(r["source"], r["path"]): r["assignee"] for r in conn.execute("SELECT source, path, assignee FROM assignments")}

    def review_of(self, source: str, path: str, content_hash: str | None) -> AssetReview:
        key = (source, path)
        assignee = self.assignees.get(key, "")
        d = self.assets.get(key)
        if d is None:
            return AssetReview("open", assignee=assignee)
        state = d["state"]
        if state in ("confirmed", "false_positive") and (d["content_hash"] or "") != (content_hash or ""):
            state = "stale"
        return AssetReview(state, d["by_user"], d["at"], d["comment"], assignee)

    def finding_state(self, source: str, path: str, entity: str, fingerprint: str) -> sqlite3.Row | None:
        return self.findings.get((source, path), {}).get((entity, fingerprint))

    def is_suppressed(self, source: str, path: str, entity: str, fingerprint: str) -> bool:
        d = self.finding_state(source, path, entity, fingerprint)
        return d is not None and d["state"] == "false_positive"

    def false_positives(self, source: str, path: str) -> int:
        return sum(1 for d in self.findings.get((source, path), {}).values() if d["state"] == "false_positive")


def history(conn: sqlite3.Connection, source: str, path: str) -> list[dict]:
    return [
        dict(r)
        for r in conn.execute(
            "SELECT entity, fingerprint, action, by_user, at, comment, run_id FROM review_events WHERE source = ? AND path = ? ORDER BY id DESC",
            (source, path),
        )
    ]


def outcomes_of_run(conn: sqlite3.Connection, run_id: int) -> list[dict]:
    """The remediations a crawl verified (resolved) or reopened, for ``diff``."""
    return [
        {"source": r["source"], "path": r["path"], "state": r["action"], "why": r["comment"]}
        for r in conn.execute(
            "SELECT * FROM review_events WHERE run_id = ? AND action IN ('resolved', 'reopened') ORDER BY path", (run_id,)
        )
    ]
