"""Cloud permission exports and identity rosters, one fixture per vendor format (BOM, CRLF, Japanese and
URL-encoded paths, quoted commas), joined to local paths; malformed files fail with file, line and column."""
from __future__ import annotations

import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from crawler.access.errors import ExportFormatError
from crawler.access.exports import load_permissions
from crawler.identity import load_roster
from crawler.model import AccessEntry

DATA = Path(__file__).parent / "data" / "exports"


def kinds(entries):
    return {(e.principal, e.kind, e.right, e.status) for e in entries}


def test_m365_sharing_report_joins_by_path_with_prefix_encoding_and_inheritance():
    export = load_permissions(str(DATA / "m365-sharing-report.csv"))
    assert export.format == "m365-csv"
    got = export.grants_for("顧客/見積,2026.xlsx")  # quoted comma in the CSV, folder link inherited
    assert ("organization", "organization", "read", "unknown") in kinds(got)
    assert ("partner_example.com#EXT#@contoso.onmicrosoft.com", "user", "write", "external") in kinds(got)
    assert ("Sales Members", "group", "read", "unknown") in kinds(got)  # the library row covers everything
    nfd = unicodedata.normalize("NFD", "人事/評価.xlsx")  # a macOS download
    assert "sato@contoso.co.jp" in {e.principal for e in export.grants_for(nfd)}
    assert export.covers("anything/else.txt")
    assert export.unmatched_paths({"顧客/見積,2026.xlsx"}) == ["https://contoso.sharepoint.com/sites/Sales/Shared Documents/人事/評価.xlsx"]


def test_graph_json_anonymous_links_and_no_tokens():
    export = load_permissions(str(DATA / "graph-permissions.json"))
    assert export.format == "m365-json"
    got = export.grants_for("顧客/顧客リスト.xlsx")
    assert {("anyone", "anyone", "read"), ("yamada@contoso.co.jp", "user", "write"), ("someone@partner.example", "user", "read"), ("Sales Owners", "group", "owner")} <= {
        (e.principal, e.kind, e.right) for e in got
    }
    assert not any("SECRET" in repr(e) for e in got)
    assert next(e for e in got if e.principal == "Sales Owners").via == "inherited"


def test_gdrive_json_types_roles_and_deleted_accounts():
    export = load_permissions(str(DATA / "gdrive-permissions.json"))
    got = {e.principal: e for e in export.grants_for("名簿/社員名簿.xlsx")}
    assert got["anyone"].kind == "anyone"
    assert got["example.co.jp"].kind == "domain" and got["partner.example"].kind == "domain"
    assert got["old.user@example.co.jp"].status == "departed" and got["old.user@example.co.jp"].right == "write"


def test_gam_csv_with_quoted_comma():
    export = load_permissions(str(DATA / "gam-filelist.csv"))
    assert export.format == "gdrive-csv"
    got = kinds(export.grants_for("共有,資料/顧客.xlsx"))
    assert ("anyone", "anyone", "read", "unknown") in got and ("guest@partner.example", "user", "write", "unknown") in got


def test_box_reports_effective_access_wins():
    collab = load_permissions(str(DATA / "box-collaborations.csv"))
    assert kinds(collab.grants_for("経理/請求書.pdf")) == {("tax@partner.example", "user", "read", "external")}
    links = load_permissions(str(DATA / "box-shared-links.csv"))
    assert {e.kind for e in links.grants_for("広報/a.docx")} == {"organization"}  # configured Open, effective Company
    assert {e.kind for e in links.grants_for("営業/b.xlsx")} == {"anyone"}


@pytest.mark.parametrize("name", ["s3-bucket-acl.json", "s3-bucket-policy.json"])
def test_s3_public_access_applies_to_every_object(name):
    export = load_permissions(str(DATA / name))
    assert "anyone" in {e.kind for e in export.grants_for("any/object.csv")}


@pytest.mark.parametrize(
    "content,expect",
    [
        ("Resource Path,Item Type,Permission,User Name,User Email,User or Group Type,Link ID,Link Type,AccessViaLinkID\r\n/x,Spaceship,Read,a,,,,,\r\n", ":2: column 'Item Type': unknown item type"),
        ("Resource Path,Item Type,Permission,User Name,User Email,User or Group Type,Link ID,Link Type,AccessViaLinkID\r\n/x,File,Read,a,b,c,d,e,f,EXTRA\r\n", ":2: 10 fields"),
        ('[{"path": "a", "permissions": [{"type": "robot", "role": "reader"}]}]', ": unknown permission type"),
        ("{not json", ":1: JSON syntax"),
        ("col1,col2\r\n1,2\r\n", ":1: unknown CSV permission export"),
    ],
)
def test_malformed_exports_name_file_line_and_column(tmp_path, content, expect):
    path = tmp_path / "export.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExportFormatError) as exc:
        load_permissions(str(path))
    assert str(exc.value).startswith(str(path)) and expect in str(exc.value) and "\n" not in str(exc.value)


def test_malformed_export_on_the_command_line_exits_2_and_writes_nothing(tmp_path):
    (tmp_path / "share").mkdir()
    bad = tmp_path / "bad.csv"
    bad.write_text("Resource Path,Item Type,Permission,User Name,User Email,User or Group Type,Link ID,Link Type,AccessViaLinkID\r\n/x,Spaceship,Read,a,,,,,\r\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "inventory.cli", "scan", str(tmp_path / "share"), "--db", str(tmp_path / "t.db"), "--permissions", str(bad)],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 2 and f"{bad}:2: column 'Item Type'" in out.stderr
    assert not (tmp_path / "t.db").exists()


E = lambda p, kind="user": AccessEntry(p, p, kind, "read", "acl")  # noqa: E731


def test_plain_roster_left_on_in_the_past_means_departed():
    roster = load_roster(str(DATA / "roster-plain.csv"), today=date(2026, 11, 24))
    got = {e.principal: e.status for e in roster.apply([E("sato"), E("yamada@example.co.jp"), E("suzuki@example.co.jp"), E("nobody@else.example")], ["example.co.jp"])}
    assert got == {"sato": "departed", "yamada@example.co.jp": "active", "suzuki@example.co.jp": "departed", "nobody@else.example": "external"}


def test_entra_roster_guests_and_disabled_accounts():
    roster = load_roster(str(DATA / "roster-entra.csv"))
    got = {e.principal: e.status for e in roster.apply([E("sato@contoso.co.jp"), E("YAMADA@contoso.co.jp"), E("partner_example.com#EXT#@contoso.onmicrosoft.com")], ["contoso.co.jp"])}
    assert got == {"sato@contoso.co.jp": "departed", "YAMADA@contoso.co.jp": "active", "partner_example.com#EXT#@contoso.onmicrosoft.com": "external"}


def test_google_roster_suspended_and_local_account_names():
    roster = load_roster(str(DATA / "roster-google.csv"))
    got = {e.principal: e.status for e in roster.apply([E("sato"), E("yamada@example.co.jp"), E("example.co.jp", "domain"), E("partner.example", "domain")], ["example.co.jp"])}
    assert got == {"sato": "departed", "yamada@example.co.jp": "active", "example.co.jp": "active", "partner.example": "external"}


def test_bad_roster_status_names_line_and_column(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("account,status,left_on\nsato,retired,\n", encoding="utf-8")
    with pytest.raises(ExportFormatError, match=r"r.csv:2: column 'status': unknown status"):
        load_roster(str(path))


def test_gam_one_item_per_row_with_full_paths():
    export = load_permissions(str(DATA / "gam-filelist-oneitemperrow.csv"))
    assert kinds(export.grants_for("営業/顧客.xlsx")) == {("partner.example", "domain", "read", "unknown")}
