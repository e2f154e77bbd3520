"""Identity rosters: Entra ID, Google Workspace and plain CSV, one fixture each; status mapping and matching."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from crawler.access.errors import ExportFormatError
from crawler.identity import load_roster
from crawler.model import AccessEntry

DATA = Path(__file__).parent / "data" / "exports"
TODAY = date(2026, 11, 24)


def E(principal, kind="user", status="unknown"):
    return AccessEntry(principal, principal, kind, "read", "acl", status)


def statuses(roster, principals, domains):
    return [e.status for e in roster.apply([E(p) for p in principals], domains)]


@pytest.mark.parametrize(
    "principal,expected",
    [
        ("sato", "departed"),  # a bare roster name; its left_on is in the past although the status says active
        ("sato@example.co.jp", "departed"),  # an org address matches a bare roster name by its local part
        ("yamada@example.co.jp", "active"),
        ("YAMADA@Example.co.jp", "active"),
        ("yamada", "active"),  # local POSIX account ↔ e-mail in an org domain
        ("suzuki@example.co.jp", "disabled"),  # suspended
        ("takahashi@example.co.jp", "active"),  # left_on in the future
        ("ito@example.co.jp", "departed"),  # left
        ("nobody@else.example", "external"),
        ("sato@else.example", "external"),  # the local part alone matches only inside the org domains
        ("stranger@example.co.jp", "unknown"),
    ],
)
def test_plain_roster(principal, expected):
    roster = load_roster(str(DATA / "roster-plain.csv"), today=TODAY)
    assert roster.status(principal, ["example.co.jp"]) == expected


def test_entra_roster_guests_disabled_and_mail_alias():
    roster = load_roster(str(DATA / "roster-entra.csv"))
    got = statuses(roster, ["sato@contoso.co.jp", "YAMADA@contoso.co.jp", "partner_example.com#EXT#@contoso.onmicrosoft.com", "partner@example.com", "sato"], ["contoso.co.jp"])
    assert got == ["disabled", "active", "external", "external", "disabled"]


def test_google_roster_suspended_archived_and_domains():
    roster = load_roster(str(DATA / "roster-google.csv"))
    got = statuses(roster, ["sato", "yamada@example.co.jp", "tanaka@example.co.jp"], ["example.co.jp"])
    assert got == ["disabled", "active", "departed"]
    domains = roster.apply([E("example.co.jp", "domain"), E("partner.example", "domain"), E("anyone", "anyone")], ["example.co.jp"])
    assert [e.status for e in domains] == ["active", "external", "unknown"]


def test_no_org_domain_calls_nothing_external_by_domain():
    roster = load_roster(str(DATA / "roster-plain.csv"), today=TODAY)
    assert roster.status("nobody@else.example", []) == "unknown"
    assert roster.status("x_y.com#EXT#@tenant.onmicrosoft.com", []) == "external"


def test_an_exports_guest_flag_survives_a_roster_that_does_not_know_the_guest():
    roster = load_roster(str(DATA / "roster-plain.csv"), today=TODAY)
    assert roster.apply([E("guest@example.co.jp", status="external")], ["example.co.jp"])[0].status == "external"


@pytest.mark.parametrize(
    "content,expect",
    [
        ("account,status,left_on\r\nsato,left,\r\nyamada,retired,\r\n", ":3: column 'status': unknown value 'retired'"),
        ("account,status,left_on\nsato,left,31.03.2025\n", ":2: column 'left_on': not a date"),
        ("account,status,left_on\n,left,\n", ":2: column 'account': empty value"),
        ("\ufeffuserPrincipalName,displayName,accountEnabled\r\na@example.co.jp,A,Maybe\r\n", ":2: column 'accountEnabled': unknown value 'Maybe'"),
        ("Email Address [Required],Status [READ ONLY]\na@example.co.jp,Frozen\n", ":2: column 'Status [READ ONLY]': unknown value 'Frozen'"),
        ("account,status\n\"sato,left\n", ":2: CSV syntax"),
        ("name,state\nsato,left\n", ":1: unknown roster format"),
    ],
)
def test_malformed_roster_names_file_line_and_column(tmp_path, content, expect):
    path = tmp_path / "roster.csv"
    path.write_text(content, encoding="utf-8", newline="")
    with pytest.raises(ExportFormatError) as exc:
        load_roster(str(path), today=TODAY)
    message = str(exc.value)
    assert message.startswith(str(path)) and expect in message and "\n" not in message, message


def test_cp932_roster(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("account,status,left_on\r\n佐藤@example.co.jp,left,\r\n".encode("cp932"))
    assert load_roster(str(path), today=TODAY).status("佐藤@example.co.jp", ["example.co.jp"]) == "departed"
