"""Joins an asset's findings, hints and grants into its Assessment (tier, reasons, exposure, priority)."""
from __future__ import annotations

import os

from classifiers.doctypes import DocHints
from classifiers.exposure import exposure_scopes, priority
from classifiers.model import Assessment
from classifiers.tiers import assess
from inventory.records import AssetRecord


def _finish(rec: AssetRecord, assessment: Assessment) -> Assessment:
    assessment.exposure = exposure_scopes(rec.grants, rec.owner)
    assessment.priority = priority(assessment.tier, assessment.exposure)
    return assessment


def part_hints(path: str, part) -> DocHints:
    """What a part (``inventory.worker.Part``) tells the document-type rules besides its findings."""
    return DocHints(
        name=os.path.basename(path.split("!/")[-1]),
        title=getattr(part, "title", "") or "",
        lead=getattr(part, "lead_text", "") or "",
        headers=tuple(getattr(part, "headers", ()) or ()),
        ocr_text=getattr(part, "ocr_text", "") or "",
    )


def assess_part(part, policy) -> Assessment:
    """The tier of one part from the part alone (its findings, problem and hints; no review decisions, no
    exposure): what ``classify_part`` computes for an asset no decision touches. Per-file pure work, so the
    scan's workers run it beside detection (``inventory.worker.ProcessAndAssess``) and the single store-writing
    process only joins access to it."""
    problem = part.problem
    return assess(
        part.path,
        part.findings,
        error_code=problem.reason.value if problem is not None else None,
        error_message=problem.message if problem is not None else None,
        partial=problem.partial if problem is not None else False,
        hints=part_hints(part.path, part),
        policy=policy,
    )


def classify_part(rec: AssetRecord, part, policy, suppressions=None, within_false_positive: bool = False) -> Assessment:
    """``suppressions`` (inventory.reviews.Suppressions): findings a reviewer marked 誤検知 are kept in the
    store but left out of the tier; a whole-asset 誤検知 on unchanged content also drops the document hints.
    ``within_false_positive``: the member of an archive marked 誤検知 as a whole.
    A part a worker already assessed under this very policy (``part.assessment``, ``part.assessed_by``) keeps
    that assessment when no decision touches it (the same ``assess`` call on the same inputs)."""
    if suppressions is not None:
        rec.suppressed = suppressions.digest(rec.source, rec.path)  # '' when no decision applies
    ready = getattr(part, "assessment", None)
    if ready is not None and getattr(part, "assessed_by", None) == policy.version and not within_false_positive and not rec.suppressed:
        return _finish(rec, ready)
    hints = part_hints(rec.path, part)
    findings, note = rec.findings, None
    if suppressions is not None:
        findings, note = suppressions.apply(rec.source, rec.path, rec.content_hash, rec.findings, within_false_positive)
        if note is not None and note.code == "REVIEW_FALSE_POSITIVE":
            hints = DocHints(name="")
    assessment = assess(rec.path, findings, error_code=rec.error_code, error_message=rec.error_message, partial=rec.partial, hints=hints, policy=policy)
    if note is not None:
        assessment.reasons = [r for r in assessment.reasons if r.code != "NO_PERSONAL_DATA"] + [note]
    return _finish(rec, assessment)


def classify_unread(rec: AssetRecord, policy, suppressions=None) -> Assessment:
    if suppressions is not None:
        rec.suppressed = suppressions.digest(rec.source, rec.path)
    return _finish(rec, assess(rec.path, [], error_code=rec.error_code, error_message=rec.error_message, policy=policy))


def refresh_exposure(rec: AssetRecord) -> Assessment:
    """A reused asset keeps its tier and reasons; its access is re-read, so exposure and priority are recomputed."""
    return _finish(rec, rec.assessment)


def raise_containers(records: list[AssetRecord]) -> None:
    """An archive is as sensitive as its most sensitive member: a customer list inside a zip makes the zip
    レベル2 even though the zip itself holds no text."""
    from classifiers.model import ReasonText

    by_path = {r.path: r for r in records}
    for rec in sorted(records, key=lambda r: -r.path.count("!/")):  # innermost first
        if rec.parent is None or rec.parent not in by_path:
            continue
        container = by_path[rec.parent]
        a = container.assessment
        if rec.error_code and not rec.partial and container.error_code is None and a.tier is not None:
            # an unreadable member (encrypted, a nested bomb) makes the archive "read in part"
            member = rec.path.rsplit("!/", 1)[-1]
            container.error_code, container.partial = rec.error_code, True
            container.error_message = f"member {member}: {rec.error_message or rec.error_code}"
            a.reasons = [r for r in a.reasons if r.code != "NO_PERSONAL_DATA"]
            a.reasons.append(
                ReasonText(
                    rec.error_code,
                    f"一部のみ読み取り: 圧縮ファイル内の {member} を読めません ({rec.error_code})",
                    f"Read in part: member {member} could not be read ({rec.error_code})",
                    member,
                )
            )
        if rec.assessment.tier is None:
            continue
        if a.tier is None or rec.assessment.tier <= a.tier:
            continue
        member = rec.path.rsplit("!/", 1)[-1]
        a.tier = rec.assessment.tier
        a.reasons.append(
            ReasonText(
                "ARCHIVE_MEMBER",
                f"圧縮ファイル内の {member} がレベル{rec.assessment.tier}",
                f"member {member} is Level {rec.assessment.tier}",
                member,
            )
        )
        a.reasons = [r for r in a.reasons if r.code != "NO_PERSONAL_DATA"]
        for entity, n in rec.assessment.entities.items():
            a.entities[entity] = a.entities.get(entity, 0) + n
        _finish(container, a)
