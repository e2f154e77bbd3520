"""Exposure scopes from grants (DESIGN.md §7) and the priority that joins tier and exposure.

- PUBLIC: a grant to anyone (anonymous link, AllUsers, world-readable web root).
- ORGANIZATION: a grant to the whole organisation (company-wide link, Everyone/Authenticated Users/
  Domain Users, a domain permission, POSIX "other" read with traversal).
- EXTERNAL: a *named* principal outside the organisation (guest, foreign domain).
- DEPARTED: a *named* principal the roster marks disabled, suspended or left.
- RESTRICTED: only when none of the above applies.
Named principals are users and groups (the owner, direct or inherited grants, a link's named recipients,
effective ACL entries, members of a granted group); a departed account reaching a file only through an
organisation-wide grant adds nothing beyond ORGANIZATION, because it is not named. Statuses ``departed``
and ``disabled`` both give DEPARTED (crawler/identity.py maps suspended/left accounts onto them).
A ``domain`` grant whose status is ``external`` (a partner's domain) gives EXTERNAL, not ORGANIZATION.
The access readers have already applied effective rights (mask, traversal, read bits, vendor effective
values), so every grant here is one that really reaches the asset.

Priority (``Assessment.priority``): ``urgent`` (要即時対応) = レベル3 exposed beyond RESTRICTED; ``high`` =
レベル3 restricted or レベル2 exposed; ``normal`` = レベル2 restricted; ``low`` = レベル1; ``review`` = 未確認
(tier None), which must always be looked at by hand whatever its exposure.
"""
from __future__ import annotations

from classifiers.model import Grant

SCOPES = ("PUBLIC", "ORGANIZATION", "EXTERNAL", "DEPARTED", "RESTRICTED")
EXPOSED = frozenset({"PUBLIC", "ORGANIZATION", "EXTERNAL", "DEPARTED"})
_NAMED = {"user", "group"}


def exposure_scopes(grants: list[Grant], owner: str | None = None) -> list[str]:
    """Scopes in the fixed order of SCOPES. ``owner`` (the asset's owner id) is accepted for callers that
    have it, but the owner's status reaches this function through its own grant (``via="owner"``): an
    owner without a grant has no known status and adds nothing."""
    scopes: set[str] = set()
    for g in grants:
        if g.kind == "anyone":
            scopes.add("PUBLIC")
        elif g.kind in ("organization", "domain"):
            scopes.add("EXTERNAL" if g.status == "external" else "ORGANIZATION")
        elif g.kind in _NAMED or g.kind == "well-known":
            if g.status == "external":
                scopes.add("EXTERNAL")
            elif g.status in ("departed", "disabled"):
                scopes.add("DEPARTED")
    if not scopes:
        return ["RESTRICTED"]
    return [s for s in SCOPES if s in scopes]


def priority(tier: int | None, scopes: list[str]) -> str:
    """urgent (要即時対応): レベル3 and exposed; high: レベル3, or レベル2 exposed; review: unreadable;
    normal: レベル2; low: レベル1."""
    exposed = bool(EXPOSED & set(scopes))
    if tier is None:
        return "review"
    if tier == 3:
        return "urgent" if exposed else "high"
    if tier == 2:
        return "high" if exposed else "normal"
    return "low"
