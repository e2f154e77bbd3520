"""The scan loop: walk the targets, run the per-file task in isolated workers, classify, store.

One process (this one) owns the store and writes it in batched transactions; extraction and
detection run in a supervised process pool (``--workers``) or, later, on a Dask cluster.
"""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from crawler.isolation import CRASH, OK, TIMEOUT, Outcome, SupervisedPool
from crawler.limits import Limits
from crawler.model import Entry, Problem, Reason
from inventory.access import AccessResolver, reconcile
from inventory.classify import classify_part, classify_unread, raise_containers, refresh_exposure
from inventory.lock import ScanLock
from inventory.preload import WORKER_PRELOAD
from inventory.keys import load_or_create_key
from inventory.records import AssetRecord
from inventory.reviews import Suppressions, verify_remediations
from inventory.store import Store
from inventory.store_writer import StoreWriter
from inventory.targets import Target, resolve_targets
from inventory.worker import FileResult, FileTask, Part, ProcessAndAssess, prefetch_read, process_file

log = logging.getLogger("tanaoroshi.scan")

BATCH_RECORDS = 200
BATCH_SECONDS = 2.0


class InputError(Exception):
    """A usage or input problem found before anything was written (exit code 2)."""


class SourceUnavailable(Exception):
    """A scanned source (an SMB server) went away and stayed away through the retries. The run is left
    ``incomplete`` with what was recorded; the next scan of the same targets resumes it (the recorded
    files are kept, the rest are read then). ``run_id`` is None when it failed before a run began."""

    def __init__(self, reason: str, run_id: int | None, assets: int):
        super().__init__(reason)
        self.reason, self.run_id, self.assets = reason, run_id, assets


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
    verify: bool = False  # hash every file, even when size and mtime are unchanged
    entities: tuple[str, ...] | None = None
    lang: str = "ja"
    ocr: bool = True  # --no-ocr: images and PDF pages without a text layer are not read


@dataclass
class ScanSummary:
    run_id: int
    assets: int = 0
    files: int = 0
    errors: int = 0
    by_tier: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    reused: int = 0  # files carried over unchanged from the previous run
    ocr_pages: int = 0  # pages and images read by OCR in this run
    resumed: bool = False
    export_only: list[str] = field(default_factory=list)  # export items with no local copy
    local_only: list[str] = field(default_factory=list)  # local files no permission export describes
    reviews: list[dict] = field(default_factory=list)  # remediations this crawl verified or reopened


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
    """Run one scan into the store. Raises InputError (nothing written) for bad input, LockedError when
    another scan holds the inventory."""
    from classifiers.policy import PolicyError, load_policy
    from inventory.access import AccessInputError
    from inventory.keys import KeyError_
    from inventory.targets import TargetError

    try:
        policy = load_policy(options.policy)
    except PolicyError as exc:
        raise InputError(str(exc)) from exc
    try:
        targets = resolve_targets(options.targets, options.lang)
        access = AccessResolver.load(options.permissions, options.roster, options.org_domains)
    except (TargetError, AccessInputError) as exc:
        raise InputError(str(exc)) from None
    except Exception as exc:
        if _is_unavailable(exc):
            raise SourceUnavailable(str(exc), None, 0) from None
        raise
    db_path = Path(options.db)
    with ScanLock(db_path):
        try:
            key = load_or_create_key(db_path)
        except KeyError_ as exc:
            raise InputError(str(exc)) from None
        with Store.open(db_path) as store:
            return _scan(store, options, policy, targets, access, key, progress)


def _scan(store: Store, options: ScanOptions, policy, targets: list[Target], access: AccessResolver, key: bytes, progress) -> ScanSummary:
    from detectors.version import DETECTOR_VERSION
    from inventory import __version__

    limits = _limits_from_policy(policy)
    if not options.ocr:
        limits = replace(limits, ocr=False)
    started = time.monotonic()
    target_names = [t.display for t in targets]
    versions = {"tool": __version__, "detector": DETECTOR_VERSION, "policy": policy.version, "ocr": "on" if limits.ocr else "off"}
    resumed = store.unfinished_run(target_names)
    if resumed is not None:
        run_id = resumed
        store.reopen_run(run_id)
        done = store.paths_in_run(run_id)
        log.info("resuming run %d: %d assets already recorded", run_id, len(done))
    else:
        run_id = store.begin_run(
            target_names,
            {
                "permissions": [os.path.basename(p) for p in options.permissions],
                "roster": os.path.basename(options.roster) if options.roster else None,
                "org_domains": options.org_domains,
                "workers": options.workers,
                "full": options.full,
            },
            versions,
        )
        done = set()
    previous = None if options.full else store.reusable_run(target_names, versions, exclude=run_id)
    suppressions = Suppressions.load(store.conn)  # reviewers' 誤検知, honoured when the tier is assessed
    reuse = Reuse(store, previous, options.verify, suppressions) if previous is not None else None
    summary = ScanSummary(run_id)
    summary.resumed = resumed is not None
    batch: list[AssetRecord] = []
    last_flush = time.monotonic()
    batch_records = int(os.environ.get("TANAOROSHI_BATCH_RECORDS", BATCH_RECORDS))
    writer = StoreWriter(store.path, run_id)  # commits the batches on a thread of its own (inventory.store_writer)

    def emit(records: Iterable[AssetRecord]) -> None:
        # all records of one file are appended before any flush: a file lands whole or not at all
        nonlocal batch, last_flush
        for rec in records:
            batch.append(rec)
            summary.assets += 1
            tier = rec.assessment.tier
            label = "none" if tier is None else str(tier)
            summary.by_tier[label] = summary.by_tier.get(label, 0) + 1
            if rec.error_code:
                summary.errors += 1
            if rec.reused and rec.parent is None:
                summary.reused += 1
        if len(batch) >= batch_records or time.monotonic() - last_flush > BATCH_SECONDS:
            writer.write(batch)
            batch = []
            last_flush = time.monotonic()

    try:
        tasks = _tasks(targets, limits, b"" if options.cluster else key, options.entities, emit, policy, access, done, reuse, suppressions, bool(options.cluster))
        startup: dict = {}
        with _outcomes(options, limits, key, tasks, startup, policy) as outcomes:
            for outcome in outcomes:
                if outcome.status == OK and outcome.value.unavailable:
                    raise SourceUnavailable(outcome.value.unavailable, run_id, 0)  # this file is read next time
                summary.files += 1
                if outcome.status == OK:
                    summary.ocr_pages += sum(p.ocr_pages for p in outcome.value.parts)
                emit(_records(outcome, policy, access, suppressions))
                if progress:
                    progress(summary.files, outcome.item.entry.path)
        if batch:
            writer.write(batch)
            batch = []
        writer.close()
    except BaseException as exc:
        try:
            if batch:
                writer.write(batch)
        finally:
            writer.close()  # what was read is committed before the run is marked incomplete
        store.finish_run(run_id, status="incomplete")
        if isinstance(exc, SourceUnavailable) or _is_unavailable(exc):
            log.info("run %d left incomplete: %s", run_id, exc)
            raise SourceUnavailable(str(exc), run_id, len(store.paths_in_run(run_id))) from None
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
            "assets": len(store.paths_in_run(run_id)),
            "extracted": summary.files,
            "reused": summary.reused,
            "resumed": summary.resumed,
            "errors": summary.errors,
            "ocr_pages": summary.ocr_pages,
            "seconds": round(summary.seconds, 3),
            # the local pool's start-up: each first worker's start (the first includes the forkserver's warm-up),
            # and when the last of them was running: seconds after the scan began, and the time of day (epoch
            # seconds, for a caller timing the whole command). Absent when no worker started.
            **(
                {
                    "worker_start_seconds": [round(s, 3) for s in startup["seconds"]],
                    "workers_ready_after": round(max(startup["ready_at"]) - started, 3),
                    "workers_ready_at": round(time.time() - (time.monotonic() - max(startup["ready_at"])), 3),
                    "prefetched": startup.get("prefetched", 0),  # files read by the start-up helpers
                }
                if startup.get("ready_at")
                else {}
            ),
            "export_only": summary.export_only[:1000],
            "local_only": summary.local_only[:1000],
        },
    )
    summary.assets = len(store.paths_in_run(run_id))
    summary.by_tier = store.tier_counts(run_id)
    summary.reviews = verify_remediations(store.conn, run_id)  # 対応済み checked against what this crawl found
    return summary


@contextmanager
def _outcomes(options: ScanOptions, limits: Limits, key: bytes, tasks: Iterator[FileTask], startup: dict, policy):
    """The per-file task on a supervised local pool, or on a Dask cluster with --cluster. ``startup`` gets the
    local pool's worker start times once the outcomes are consumed. Local workers also assess each part's tier
    (``ProcessAndAssess``); cluster results are assessed here."""
    if options.cluster:
        from inventory.cluster import ClusterError, connect, run_on_cluster

        try:
            with connect(options.cluster, key) as client:
                yield run_on_cluster(client, process_file, tasks)
        except ClusterError as exc:
            raise InputError(str(exc)) from None
        return
    pool = SupervisedPool(
        ProcessAndAssess(policy),
        workers=options.workers,
        timeout=limits.timeout_seconds,
        memory_bytes=limits.memory_bytes,
        preload=WORKER_PRELOAD,
        prefetch=prefetch_read,  # the spare cores read files while the forkserver loads the detectors
    )
    yield pool.run(tasks)
    startup.update(seconds=pool.startup_seconds, ready_at=pool.ready_at, prefetched=pool.prefetched)


# Results of these problems may change without the file changing: never carried over.
_TRANSIENT = {"TIMEOUT", "WORKER_CRASH", "VANISHED", "PERMISSION_DENIED"}


class Reuse:
    """The incremental re-crawl: an unchanged file (same size and mtime; or same content hash when only
    the mtime moved, or always with --verify) keeps the previous run's findings and tier; its access
    is re-read, so exposure and priority are recomputed. A file whose review decisions (誤検知) changed since
    it was assessed is read again, so its tier honours them."""

    def __init__(self, store: Store, run_id: int, verify: bool, suppressions: Suppressions | None = None):
        self.suppressions = suppressions or Suppressions()
        self.store = store
        self.run_id = run_id
        self.verify = verify
        self.index = store.index_of_run(run_id)
        self.containers = {(r["source"], r["parent"]) for r in self.index.values() if r["parent"] is not None and "!/" not in r["parent"]}

    def records(self, entry: Entry, grants) -> list[AssetRecord] | None:
        prev = self.index.get((entry.source, entry.path))
        if prev is None or prev["kind"] != entry.kind or prev["error_code"] in _TRANSIENT or prev["size"] != entry.size:
            return None
        same_time = prev["mtime"] is not None and abs(prev["mtime"] - entry.mtime) < 1e-6
        if not same_time or self.verify:
            if not prev["content_hash"] or not entry.locator or entry.source.startswith("smb://"):  # SMB: re-read in a worker
                return None
            try:
                from crawler.hashing import blake2b_file

                if blake2b_file(entry.locator) != prev["content_hash"]:
                    return None
            except OSError:
                return None
        rows = [prev]
        if (entry.source, entry.path) in self.containers:
            rows += self.store.members_of(self.run_id, entry.source, entry.path)
        if any((row["suppressed"] or "") != self.suppressions.digest(row["source"], row["path"]) for row in rows):
            return None  # a reviewer's decision changed since this file was assessed: assess it again
        out = []
        for row in rows:
            rec = self.store.record_of(row, with_findings=False, with_grants=False)
            rec.findings_from = row["findings_from"] if row["findings_from"] is not None else row["id"]
            rec.reused = True
            rec.grants = grants
            rec.owner, rec.group, rec.mode = entry.owner, entry.group, entry.mode
            if rec.parent is None:
                rec.mtime = entry.mtime
            rec.assessment = refresh_exposure(rec)
            out.append(rec)
        return out


def _is_unavailable(exc: BaseException) -> bool:
    """A walk or connection check that lost its SMB server (the module is loaded only when smb is used)."""
    smb = sys.modules.get("crawler.sources.smb")
    return smb is not None and isinstance(exc, smb.SmbUnavailable)


def _tasks(
    targets: list[Target],
    limits: Limits,
    key: bytes,
    entities: tuple[str, ...] | None,
    emit: Callable[[Iterable[AssetRecord]], None],
    policy,
    access: AccessResolver,
    done: set[tuple[str, str]],
    reuse: Reuse | None,
    suppressions: Suppressions | None = None,
    remote_workers: bool = False,
) -> Iterator[FileTask]:
    """Walk every target; entries that need no reading are recorded at once, files become tasks.
    SMB credentials go to local worker processes with the task; cluster workers load their own."""
    for target in targets:
        smb = target.smb.without_credentials() if target.smb is not None and remote_workers else target.smb
        for entry in target.walk():
            if entry.kind == "dir" and entry.problem is None:
                continue
            if (entry.source, entry.path) in done:
                continue  # resumed run: this file is already recorded
            if entry.kind != "file" or entry.problem is not None:
                emit([_unread_record(entry, entry.problem or Problem(Reason.UNSUPPORTED, "not a regular file", "walk"), policy, access, suppressions)])
                continue
            if entry.size > limits.max_file_bytes:
                problem = Problem(Reason.TOO_LARGE, f"{entry.size} bytes exceeds the limit of {limits.max_file_bytes}", "walk")
                emit([_unread_record(entry, problem, policy, access, suppressions)])
                continue
            if reuse is not None:
                carried = reuse.records(entry, access.grants(entry))
                if carried is not None:
                    emit(carried)
                    continue
            yield FileTask(entry=entry, limits=limits, key=key, entities=entities, smb=smb)


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


def _unread_record(entry: Entry, problem: Problem, policy, access: AccessResolver, suppressions: Suppressions | None = None) -> AssetRecord:
    rec = _base_record(entry)
    rec.error_code = problem.reason.value
    rec.error_message = problem.message
    rec.error_stage = problem.stage
    rec.grants = access.grants(entry)
    rec.assessment = classify_unread(rec, policy, suppressions)
    return rec


def _records(outcome: Outcome[FileTask], policy, access: AccessResolver, suppressions: Suppressions | None = None) -> list[AssetRecord]:
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
        rec = _unread_record(entry, Problem(reason, message, "extract"), policy, access, suppressions)
        return [rec]
    result: FileResult = outcome.value
    records = []
    top = next((p for p in result.parts if p.parent is None), None)
    # a whole-archive 誤検知 (made on this very archive content) covers its members too
    whole = suppressions is not None and top is not None and suppressions.whole_asset(entry.source, top.path, top.content_hash)
    for part in result.parts:
        rec = _part_record(entry, part)
        rec.grants = grants  # archive members share their container's access
        rec.assessment = classify_part(rec, part, policy, suppressions, within_false_positive=whole and part.parent is not None)
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
