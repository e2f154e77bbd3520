"""Exposure scopes and priority (DESIGN.md §7): one table of grants → scopes, one of tier × scopes → priority."""
from __future__ import annotations

import pytest

from classifiers.exposure import exposure_scopes, priority
from classifiers.model import Grant


def G(principal, kind="user", status="active", via="acl", right="read"):
    return Grant(principal=principal, display=principal, kind=kind, right=right, via=via, status=status)


OWNER = G("yamada", via="owner", right="owner")


@pytest.mark.parametrize(
    "grants,scopes",
    [
        ([], ["RESTRICTED"]),
        ([OWNER, G("hr", "group")], ["RESTRICTED"]),
        ([OWNER, G("anyone", "anyone", "unknown", "link")], ["PUBLIC"]),
        ([G("organization", "organization", "unknown", "link")], ["ORGANIZATION"]),
        ([G("*other*", "organization", "unknown", "mode")], ["ORGANIZATION"]),
        ([G("example.co.jp", "domain", "active", "link")], ["ORGANIZATION"]),
        ([G("partner.example", "domain", "external", "link")], ["EXTERNAL"]),  # a foreign domain is outside
        ([G("guest#EXT#@t.onmicrosoft.com", status="external")], ["EXTERNAL"]),
        ([G("sato", status="departed")], ["DEPARTED"]),
        ([G("suzuki", status="disabled")], ["DEPARTED"]),  # disabled / suspended count as departed
        ([G("sato", status="departed", via="owner", right="owner")], ["DEPARTED"]),  # a departed owner
        ([G("sato", status="departed", via="membership")], ["DEPARTED"]),  # a departed member of a granted group
        ([G("hr", "group", status="departed")], ["DEPARTED"]),
        ([G("x", status="unknown")], ["RESTRICTED"]),  # not in the roster, inside the org
        # several scopes at once, in a fixed order; RESTRICTED never beside another scope
        ([G("anyone", "anyone"), G("organization", "organization"), G("g@p.example", status="external"), G("sato", status="departed")],
         ["PUBLIC", "ORGANIZATION", "EXTERNAL", "DEPARTED"]),
        ([G("sato", status="departed"), OWNER], ["DEPARTED"]),
        # DEPARTED / EXTERNAL are about named principals: an org-wide grant's status adds nothing
        ([G("*other*", "organization", status="departed", via="mode")], ["ORGANIZATION"]),
        ([G("anyone", "anyone", status="external", via="link")], ["PUBLIC"]),
    ],
)
def test_exposure_scopes(grants, scopes):
    assert exposure_scopes(grants) == scopes


def test_owner_argument_changes_nothing_by_itself():
    assert exposure_scopes([G("hr", "group")], owner="sato") == ["RESTRICTED"]


@pytest.mark.parametrize(
    "tier,scopes,expected",
    [
        (3, ["PUBLIC"], "urgent"),
        (3, ["ORGANIZATION"], "urgent"),
        (3, ["EXTERNAL"], "urgent"),
        (3, ["DEPARTED"], "urgent"),
        (3, ["RESTRICTED"], "high"),
        (2, ["PUBLIC"], "high"),
        (2, ["DEPARTED"], "high"),
        (2, ["RESTRICTED"], "normal"),
        (1, ["PUBLIC"], "low"),
        (1, ["RESTRICTED"], "low"),
        (None, ["PUBLIC"], "review"),
        (None, ["RESTRICTED"], "review"),
    ],
)
def test_priority(tier, scopes, expected):
    assert priority(tier, scopes) == expected
