"""The scan loop: walk the targets, run the per-file task in isolated workers, classify, store.

One process (this one) owns the store and writes it in batched transactions; extraction and
detection run in a supervised process pool (``--workers``) or, later, on a Dask cluster.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from classifiers.model import Assessment, Grant
from crawler.isolation import CRASH, OK, TIMEOUT, Outcome, SupervisedPool
from crawler.limits import Limits
from crawler.model import AccessEntry, Entry, Problem, Reason
from inventory.access import AccessResolver, reconcile
from inventory.classify import classify_part, classify_unread, raise_containers
from inventory.keys import load_or_create_key
from inventory.records import AssetRecord
from inventory.store import Store
from inventory.targets import Target, resolve_targets
from inventory.worker import FileResult, FileTask, Part, process_file

log = logging.getLogger("tanaoroshi.scan")

BATCH_RECORDS = 200
BATCH_SECONDS = 2.0


class InputError(Exception):
    """A usage or input problem found before anything was written (exit code 2)."""


@dataclass
class ScanOptions:
    targets: list[str]
    db: str = "tanaoroshi.db"
    permissions: list[str] = field(default_factory=list)
    roster: str | None = None
    org_domains: list[str] = field(default_factory=list)
    policy: str | None = None
    workers: int | None = None
    cluster: str | None = None
    full: bool = False
    entities: tuple[str, ...] | None = None
    lang: str = "ja"


@dataclass
class ScanSummary:
    run_id: int
    assets: int = 0
    files: int = 0
    errors: int = 0
    by_tier: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    export_only: list[str] = field(default_factory=list)  # export items with no local copy
    local_only: list[str] = field(default_factory=list)  # local files no permission export describes


def _limits_from_policy(policy) -> Limits:
    values = getattr(policy, "limits", None)
    if values is None:
        return Limits()
    if isinstance(values, Limits):
        return values
    known = {k: v for k, v in vars(values).items() if k in Limits.__dataclass_fields__}
    return Limits(**known)


def scan(
    options: ScanOptions,
    *,
    progress: Callable[[int, str], None] | None = None,
) -> ScanSummary:
    """Run one scan into the store. Raises InputError (nothing written) for bad input."""
    from classifiers.policy import PolicyError, load_policy

    try:
        policy = load_policy(options.policy)
    except PolicyError as exc:
        raise InputError(str(exc)) from exc
    from inventory.access import AccessInputError
    from inventory.keys import KeyError_
    from inventory.targets import TargetError

    try:
        targets = resolve_targets(options.targets, options.lang)
        access = AccessResolver.load(options.permissions, options.roster, options.org_domains)
        db_path = Path(options.db)
        key = load_or_create_key(db_path)
    except (TargetError, AccessInputError, KeyError_) as exc:
        raise InputError(str(exc)) from None
    limits = _limits_from_policy(policy)
    started = time.monotonic()
    from detectors.version import DETECTOR_VERSION
    from inventory import __version__

    with Store.open(db_path) as store:
        run_id = store.begin_run(
            [t.display for t in targets],
            {
                "permissions": [os.path.basename(p) for p in options.permissions],
                "roster": os.path.basename(options.roster) if options.roster else None,
                "org_domains": options.org_domains,
                "workers": options.workers,
                "full": options.full,
            },
            {"tool": __version__, "detector": DETECTOR_VERSION, "policy": policy.version},
        )
        summary = ScanSummary(run_id)
        batch: list[AssetRecord] = []
        last_flush = time.monotonic()

        def emit(records: Iterable[AssetRecord]) -> None:
            nonlocal last_flush
            for rec in records:
                batch.append(rec)
                summary.assets += 1
                tier = rec.assessment.tier
                label = "none" if tier is None else str(tier)
                summary.by_tier[label] = summary.by_tier.get(label, 0) + 1
                if rec.error_code:
                    summary.errors += 1
            if len(batch) >= BATCH_RECORDS or time.monotonic() - last_flush > BATCH_SECONDS:
                store.add_assets(run_id, batch)
                batch.clear()
                last_flush = time.monotonic()

        try:
            tasks = _tasks(targets, limits, key, options.entities, emit, policy, access)
            pool = SupervisedPool(
                process_file,
                workers=options.workers,
                timeout=limits.timeout_seconds,
                memory_bytes=limits.memory_bytes,
                preload=["inventory.worker"],
            )
            for outcome in pool.run(tasks):
                summary.files += 1
                emit(_records(outcome, policy, access))
                if progress:
                    progress(summary.files, outcome.item.entry.path)
            if batch:
                store.add_assets(run_id, batch)
                batch.clear()
        except BaseException:
            if batch:
                store.add_assets(run_id, batch)
            store.finish_run(run_id, status="incomplete")
            raise
        summary.seconds = time.monotonic() - started
        sides = reconcile(access)
        summary.export_only, summary.local_only = sides["export_only"], sides["local_only"]
        for path in summary.export_only[:50]:
            log.warning("permission export names a path with no local copy: %s", path)
        store.finish_run(
            run_id,
            status="complete",
            stats={
                "assets": summary.assets,
                "files": summary.files,
                "errors": summary.errors,
                "seconds": round(summary.seconds, 3),
                "export_only": summary.export_only[:1000],
                "local_only": summary.local_only[:1000],
            },
        )
    return summary


def _tasks(
    targets: list[Target],
    limits: Limits,
    key: bytes,
    entities: tuple[str, ...] | None,
    emit: Callable[[Iterable[AssetRecord]], None],
    policy,
    access: AccessResolver,
) -> Iterator[FileTask]:
    """Walk every target; entries that need no reading are recorded at once, files become tasks."""
    for target in targets:
        for entry in target.walk():
            if entry.kind == "dir" and entry.problem is None:
                continue
            if entry.kind != "file" or entry.problem is not None:
                emit([_unread_record(entry, entry.problem or Problem(Reason.UNSUPPORTED, "not a regular file", "walk"), policy, access)])
                continue
            if entry.size > limits.max_file_bytes:
                problem = Problem(Reason.TOO_LARGE, f"{entry.size} bytes exceeds the limit of {limits.max_file_bytes}", "walk")
                emit([_unread_record(entry, problem, policy, access)])
                continue
            yield FileTask(entry=entry, limits=limits, key=key, entities=entities)


def _base_record(entry: Entry, path: str | None = None) -> AssetRecord:
    return AssetRecord(
        source=entry.source,
        path=path or entry.path,
        kind=entry.kind,
        size=entry.size,
        mtime=entry.mtime,
        owner=entry.owner,
        group=entry.group,
        mode=entry.mode,
        target=entry.target,
    )


def _unread_record(entry: Entry, problem: Problem, policy, access: AccessResolver) -> AssetRecord:
    rec = _base_record(entry)
    rec.error_code = problem.reason.value
    rec.error_message = problem.message
    rec.error_stage = problem.stage
    rec.grants = access.grants(entry)
    rec.assessment = classify_unread(rec, policy)
    return rec


def _records(outcome: Outcome[FileTask], policy, access: AccessResolver) -> list[AssetRecord]:
    entry = outcome.item.entry
    grants = access.grants(entry)
    if outcome.status != OK:
        reason = Reason.TIMEOUT if outcome.status == TIMEOUT else Reason.WORKER_CRASH
        if outcome.status == CRASH and outcome.detail == "MemoryError":
            reason, message = Reason.TOO_LARGE, "the per-file memory budget was exhausted"
        elif reason is Reason.TIMEOUT:
            message = f"the per-file time budget was exhausted ({outcome.detail})"
        else:
            message = f"the worker process died ({outcome.detail})"
        rec = _unread_record(entry, Problem(reason, message, "extract"), policy, access)
        return [rec]
    result: FileResult = outcome.value
    records = []
    for part in result.parts:
        rec = _part_record(entry, part)
        rec.grants = grants  # archive members share their container's access
        rec.assessment = classify_part(rec, part, policy)
        records.append(rec)
    raise_containers(records)
    return records


def _part_record(entry: Entry, part: Part) -> AssetRecord:
    rec = _base_record(entry, part.path)
    rec.kind = part.kind
    rec.size = part.size
    rec.mtime = part.mtime if part.mtime is not None else entry.mtime
    rec.content_hash = part.content_hash
    rec.format = part.format
    rec.chars = part.chars
    rec.parent = part.parent
    rec.findings = part.findings
    if part.problem is not None:
        rec.error_code = part.problem.reason.value
        rec.error_message = part.problem.message
        rec.error_stage = part.problem.stage
        rec.partial = part.problem.partial
    return rec
