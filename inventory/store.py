"""The inventory store: SQLite (WAL), written by one process in batched transactions.

Readers (``report``, ``diff``, ``runs``) see a consistent snapshot while a scan writes: WAL gives each
read transaction its own snapshot. Findings hold masked previews and keyed fingerprints only.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from classifiers.model import Assessment, Grant, ReasonText
from detectors.model import Finding
from inventory.finding_rows import finding_values
from inventory.migrations import migrate
from inventory.records import AssetRecord


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@lru_cache(maxsize=4096)
def _evidence_json(evidence: tuple[str, ...]) -> str:
    # A scan writes tens of thousands of findings whose evidence is one of a few dozen tuples: serialising it
    # again for every finding took ≈ 30 % of the time the findings took to write (600-file benchmark corpus).
    return _j(list(evidence))


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str | Path) -> "Store":
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=30000")
        migrate(conn)
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- runs -------------------------------------------------------------------------------
    def begin_run(self, targets: list[str], options: dict, versions: dict) -> int:
        cur = self.conn.execute(
            "INSERT INTO runs (started_at, status, targets, options, versions) VALUES (?, 'running', ?, ?, ?)",
            (_now(), _j(targets), _j(options), _j(versions)),
        )
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, status: str = "complete", stats: dict | None = None) -> None:
        self.conn.execute(
            "UPDATE runs SET status = ?, finished_at = ?, stats = ? WHERE id = ?",
            (status, _now(), _j(stats or {}), run_id),
        )

    def reopen_run(self, run_id: int) -> None:
        self.conn.execute("UPDATE runs SET status = 'running', finished_at = NULL WHERE id = ?", (run_id,))

    def run(self, run_id: int) -> dict:
        row = self.conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(run_id)
        return self._run_dict(row)

    def _run_dict(self, row: sqlite3.Row) -> dict:
        return {
            "id": row["id"],
            "started_at": row["started_at"],
            "finished_at": row["finished_at"],
            "status": row["status"],
            "targets": json.loads(row["targets"]),
            "options": json.loads(row["options"]),
            "versions": json.loads(row["versions"]),
            "stats": json.loads(row["stats"]) if row["stats"] else {},
        }

    def runs(self) -> list[dict]:
        out = []
        for row in self.conn.execute("SELECT * FROM runs ORDER BY id"):
            run = self._run_dict(row)
            tiers = {}
            for t_row in self.conn.execute("SELECT tier, COUNT(*) AS n FROM assets WHERE run_id = ? GROUP BY tier", (row["id"],)):
                tiers["none" if t_row["tier"] is None else str(t_row["tier"])] = t_row["n"]
            run["tiers"] = tiers
            run["assets"] = sum(tiers.values())
            out.append(run)
        return out

    def unfinished_run(self, targets: list[str]) -> int | None:
        """The newest run of these targets that never completed (killed, lost connection): to resume."""
        row = self.conn.execute(
            "SELECT id, status FROM runs WHERE targets = ? ORDER BY id DESC LIMIT 1", (_j(targets),)
        ).fetchone()
        return row["id"] if row is not None and row["status"] in ("running", "incomplete") else None

    def reusable_run(self, targets: list[str], versions: dict, exclude: int | None = None) -> int | None:
        """The newest complete run of these targets made by the same detector and policy versions (and the same
        OCR setting: images read with --no-ocr must be read again once OCR is on)."""
        for row in self.conn.execute("SELECT id, versions FROM runs WHERE targets = ? AND status = 'complete' ORDER BY id DESC", (_j(targets),)):
            if row["id"] == exclude:
                continue
            v = json.loads(row["versions"])
            same_ocr = v.get("ocr", "on") == versions.get("ocr", "on")
            if v.get("detector") == versions.get("detector") and v.get("policy") == versions.get("policy") and same_ocr:
                return row["id"]
            return None  # the newest complete run was made by other versions: re-classify everything
        return None

    def tier_counts(self, run_id: int) -> dict[str, int]:
        out = {}
        for row in self.conn.execute("SELECT tier, COUNT(*) AS n FROM assets WHERE run_id = ? GROUP BY tier", (run_id,)):
            out["none" if row["tier"] is None else str(row["tier"])] = row["n"]
        return out

    def latest_run_id(self, status: str | None = "complete") -> int | None:
        if status is None:
            row = self.conn.execute("SELECT MAX(id) FROM runs").fetchone()
        else:
            row = self.conn.execute("SELECT MAX(id) FROM runs WHERE status = ?", (status,)).fetchone()
        return row[0]

    # --- writing ----------------------------------------------------------------------------
    def add_assets(self, run_id: int, records: Iterable[AssetRecord]) -> None:
        """One transaction for the whole batch: a file's container and members land together."""
        with self.conn:
            self.conn.execute("BEGIN")
            for rec in records:
                self._insert(run_id, rec)

    def _insert(self, run_id: int, rec: AssetRecord) -> None:
        # reasons are flat (ReasonText: strings only): vars() gives what dataclasses.asdict() would, without its
        # recursive deep copy (a quarter of a millisecond a file)
        a = rec.assessment
        self.conn.execute("DELETE FROM assets WHERE run_id = ? AND source = ? AND path = ?", (run_id, rec.source, rec.path))
        cur = self.conn.execute(
            """INSERT INTO assets (run_id, source, path, kind, size, mtime, content_hash, owner, grp, mode, target, format,
                   chars, parent, tier, reasons, entities, persons, exposure, priority, error_code, error_message, error_stage,
                   partial, reused, findings_from, suppressed)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                run_id, rec.source, rec.path, rec.kind, rec.size, rec.mtime, rec.content_hash, rec.owner, rec.group, rec.mode,
                rec.target, rec.format, rec.chars, rec.parent, a.tier, _j([vars(r) for r in a.reasons]), _j(a.entities),
                a.persons, _j(a.exposure), a.priority, rec.error_code, rec.error_message, rec.error_stage, int(rec.partial),
                int(rec.reused), rec.findings_from, rec.suppressed,
            ),
        )
        asset_id = cur.lastrowid
        if rec.findings_from is None:
            self._insert_findings(asset_id, rec)
        self.conn.executemany(
            "INSERT INTO grants (asset_id, principal, display, kind, right, via, status) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(asset_id, g.principal, g.display, g.kind, g.right, g.via, g.status) for g in rec.grants],
        )

    def _insert_findings(self, asset_id: int, rec: AssetRecord) -> None:
        # a worker's findings arrive as the rows they crossed the pipe as (FindingRows); others are read as rows
        rows = getattr(rec.findings, "rows", None)
        if rows is None:
            rows = map(finding_values, rec.findings)
        values = [
            (asset_id, entity, score, where, start, end, masked, fingerprint, recognizer, _evidence_json(tuple(evidence)), header, int(ocr), ocr_confidence)
            for entity, score, where, start, end, masked, fingerprint, recognizer, evidence, header, ocr, ocr_confidence in rows
        ]
        self.conn.executemany(
            """INSERT INTO findings (asset_id, entity, score, location, start, end, masked, fingerprint, recognizer, evidence, header,
                   ocr, ocr_confidence)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            values,
        )

    # --- reading ----------------------------------------------------------------------------
    def asset_rows(self, run_id: int) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM assets WHERE run_id = ? ORDER BY source, path", (run_id,)).fetchall()

    def findings_holder(self, asset_id: int) -> int:
        """The asset row whose findings this asset has (itself, or the one a re-crawl carried them from)."""
        row = self.conn.execute("SELECT findings_from FROM assets WHERE id = ?", (asset_id,)).fetchone()
        return row[0] if row is not None and row[0] is not None else asset_id

    def findings_of(self, asset_id: int) -> list[Finding]:
        asset_id = self.findings_holder(asset_id)
        return [
            Finding(
                entity=r["entity"], score=r["score"], where=r["location"], start=r["start"], end=r["end"], masked=r["masked"],
                fingerprint=r["fingerprint"], recognizer=r["recognizer"], evidence=tuple(json.loads(r["evidence"])), header=r["header"],
                ocr=bool(r["ocr"]), ocr_confidence=r["ocr_confidence"],
            )
            for r in self.conn.execute("SELECT * FROM findings WHERE asset_id = ? ORDER BY id", (asset_id,))
        ]

    def grants_of(self, asset_id: int) -> list[Grant]:
        return [
            Grant(principal=r["principal"], display=r["display"], kind=r["kind"], right=r["right"], via=r["via"], status=r["status"])
            for r in self.conn.execute("SELECT * FROM grants WHERE asset_id = ? ORDER BY id", (asset_id,))
        ]

    def record_of(self, row: sqlite3.Row, with_findings: bool = True, with_grants: bool = True) -> AssetRecord:
        """An asset row as the AssetRecord the scan wrote (for incremental re-crawls and reports)."""
        assessment = Assessment(
            tier=row["tier"],
            reasons=[ReasonText(**r) for r in json.loads(row["reasons"])],
            entities=json.loads(row["entities"]),
            persons=row["persons"],
            exposure=json.loads(row["exposure"]),
            priority=row["priority"],
        )
        return AssetRecord(
            source=row["source"], path=row["path"], kind=row["kind"], size=row["size"], mtime=row["mtime"],
            content_hash=row["content_hash"], owner=row["owner"], group=row["grp"], mode=row["mode"], target=row["target"],
            format=row["format"] or "", chars=row["chars"], parent=row["parent"],
            findings=self.findings_of(row["id"]) if with_findings else [], grants=self.grants_of(row["id"]) if with_grants else [],
            error_code=row["error_code"], error_message=row["error_message"], error_stage=row["error_stage"],
            partial=bool(row["partial"]), assessment=assessment, reused=bool(row["reused"]),
            findings_from=None, suppressed=row["suppressed"] or "",
        )

    def paths_in_run(self, run_id: int) -> set[tuple[str, str]]:
        return {(r[0], r[1]) for r in self.conn.execute("SELECT source, path FROM assets WHERE run_id = ?", (run_id,))}

    def index_of_run(self, run_id: int) -> dict[tuple[str, str], sqlite3.Row]:
        """(source, path) → row, for the incremental re-crawl's unchanged-file check."""
        return {(r["source"], r["path"]): r for r in self.asset_rows(run_id)}

    def members_of(self, run_id: int, source: str, container: str) -> list[sqlite3.Row]:
        """Members of an archive, nested ones included (parent is the container or a member inside it);
        a range on the (run_id, source, parent) index."""
        rows = self.conn.execute(
            "SELECT * FROM assets WHERE run_id = ? AND source = ? AND parent >= ? AND parent < ? ORDER BY path",
            (run_id, source, container, container + "!/\U0010ffff"),
        ).fetchall()
        return [r for r in rows if r["parent"] == container or r["parent"].startswith(container + "!/")]
