"""Typed records that leave the classifiers."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReasonText:
    """One reason for a tier, readable by an auditor in Japanese and English."""

    code: str  # e.g. JP_MY_NUMBER, PERSONS>1000, DOC_TYPE, ENCRYPTED
    ja: str
    en: str
    evidence: str = ""  # where: "sheet 社員!C2:C13", "page 3"


@dataclass(frozen=True)
class Grant:
    """Who can reach an asset. Mirrors DESIGN.md §4."""

    principal: str  # account id, SID, e-mail, "anyone", domain
    display: str
    kind: str  # user / group / anyone / organization / domain / well-known
    right: str  # read / write / owner
    via: str  # acl / inherited / link / membership / mode
    status: str = "active"  # active / external / departed / disabled / unknown


@dataclass
class Assessment:
    tier: int | None  # 1, 2, 3 or None (未確認)
    reasons: list[ReasonText] = field(default_factory=list)
    entities: dict[str, int] = field(default_factory=dict)
    persons: int = 0
    exposure: list[str] = field(default_factory=list)
    priority: str = "normal"  # "urgent" (要即時対応), "high", "normal", "review", "low"
