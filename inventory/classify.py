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


def classify_part(rec: AssetRecord, part, policy) -> Assessment:
    hints = DocHints(
        name=os.path.basename(rec.path.split("!/")[-1]),
        title=getattr(part, "title", "") or "",
        lead=getattr(part, "lead_text", "") or "",
        headers=tuple(getattr(part, "headers", ()) or ()),
    )
    return _finish(
        rec,
        assess(rec.path, rec.findings, error_code=rec.error_code, error_message=rec.error_message, partial=rec.partial, hints=hints, policy=policy),
    )


def classify_unread(rec: AssetRecord, policy) -> Assessment:
    return _finish(rec, assess(rec.path, [], error_code=rec.error_code, error_message=rec.error_message, policy=policy))


def refresh_exposure(rec: AssetRecord) -> Assessment:
    """A reused asset keeps its tier and reasons; its access is re-read, so exposure and priority are recomputed."""
    return _finish(rec, rec.assessment)
