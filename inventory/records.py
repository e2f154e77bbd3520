"""The record the scan loop hands to the store: one asset, everything known about it in this run."""
from __future__ import annotations

from dataclasses import dataclass, field

from classifiers.model import Assessment, Grant
from detectors.model import Finding


@dataclass
class AssetRecord:
    source: str  # source id: absolute root path, "smb://host/share", or an export folder
    path: str  # '/'-separated location inside the source; archive members "a.zip!/dir/b.xlsx"
    kind: str  # file / symlink / special / member
    size: int = 0
    mtime: float = 0.0
    content_hash: str | None = None  # BLAKE2b hex of the bytes, streamed
    owner: str | None = None
    group: str | None = None
    mode: int | None = None
    target: str | None = None  # symlink target
    format: str = ""  # docx, xlsx, pdf, csv, ...
    chars: int = 0  # characters extracted
    parent: str | None = None  # container path for archive members
    findings: list[Finding] = field(default_factory=list)
    grants: list[Grant] = field(default_factory=list)
    error_code: str | None = None  # a crawler Reason value
    error_message: str | None = None
    error_stage: str | None = None
    partial: bool = False  # read in part: findings kept, error recorded
    assessment: Assessment = field(default_factory=lambda: Assessment(tier=None))
    reused: bool = False  # results carried over from an earlier run (incremental re-crawl)
    findings_from: int | None = None  # reused: the asset row that holds the findings (they are not copied)
    suppressed: str = ""  # digest of the review decisions (false positives) applied when it was assessed
