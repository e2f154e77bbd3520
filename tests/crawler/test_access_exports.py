"""Cloud permission exports, one fixture per vendor format (BOM, CRLF, Japanese and
URL-encoded paths, quoted commas), joined to local paths; malformed files fail with file, line and column."""
from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from crawler.access.errors import ExportFormatError
from crawler.access.exports import load_permissions

DATA = Path(__file__).parent / "data" / "exports"


def kinds(entries):
    return {(e.principal, e.kind, e.right, e.status) for e in entries}


def test_m365_sharing_report_joins_by_path_with_prefix_encoding_and_inheritance():
    export = load_permissions(str(DATA / "m365-sharing-report.csv"))
    assert export.format == "m365-csv"
    got = export.grants_for("顧客/見積,2026.xlsx")  # quoted comma in the CSV, a folder's Company link inherited
    assert ("organization", "organization", "read", "unknown") in kinds(got)
    assert ("partner_example.com#ext#@contoso.onmicrosoft.com", "user", "write", "external") in kinds(got)
    assert ("sales members", "group", "read", "unknown") in kinds(got)  # the library row covers everything
    assert {e.via for e in got if e.principal == "sales members"} == {"inherited"}
    assert {e.kind for e in export.grants_for("広報/発表.docx")} >= {"anyone"}  # SharingLink row, Link Type Anonymous
    proposal = export.grants_for("営業/提案.pptx")  # a Specific People link: only its users, via link
    assert "anyone" not in {e.kind for e in proposal} and ("suzuki@contoso.co.jp", "link") in {(e.principal, e.via) for e in proposal}
    nfd = unicodedata.normalize("NFD", "人事/評価.xlsx")  # a macOS download
    assert "sato@contoso.co.jp" in {e.principal for e in export.grants_for(nfd)}
    assert "sato@contoso.co.jp" in {e.principal for e in export.grants_for("人事/評価.XLSX")}  # case of the name
    assert export.covers("anything/else.txt")
    assert export.unmatched_paths({"顧客/見積,2026.xlsx", "広報/発表.docx", "営業/提案.pptx"}) == ["sites/Sales/Shared Documents/人事/評価.xlsx"]


def test_a_downloaded_sub_folder_joins_below_the_library_root():
    export = load_permissions(str(DATA / "m365-sharing-report.csv"))
    # the scan root is the library's 顧客 folder itself: local paths start one level down ... except they
    # name a file that exists only there
    assert ("partner_example.com#ext#@contoso.onmicrosoft.com", "external") in {(e.principal, e.status) for e in export.grants_for("見積,2026.xlsx")}
    assert "organization" in {e.kind for e in export.grants_for("見積,2026.xlsx")}  # the folder's link, above the download


def test_a_root_file_does_not_take_a_deeper_files_grants_when_the_root_has_its_own(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(
        "Resource Path,Item Type,Permission,User Name,User E-mail,User or Group Type,Link ID,Link Type,AccessViaLinkID\r\n"
        "sites/S/Docs/a.xlsx,File,Read,A,a@example.co.jp,Member,,,\r\n"
        "sites/S/Docs/sub/a.xlsx,File,Read,B,b@example.co.jp,Member,,,\r\n",
        encoding="utf-8",
    )
    export = load_permissions(str(path))
    assert {e.principal for e in export.grants_for("a.xlsx")} == {"a@example.co.jp"}
    assert {e.principal for e in export.grants_for("sub/a.xlsx")} == {"b@example.co.jp"}
    assert export.local_only(["a.xlsx", "other.txt"]) == ["other.txt"]


def test_graph_json_anonymous_links_and_no_tokens():
    export = load_permissions(str(DATA / "graph-permissions.json"))
    assert export.format == "m365-json"
    got = export.grants_for("顧客/顧客リスト.xlsx")
    assert {("anyone", "anyone", "read"), ("yamada@contoso.co.jp", "user", "write"), ("someone@partner.example", "user", "read"), ("sales owners", "group", "owner")} <= {
        (e.principal, e.kind, e.right) for e in got
    }
    assert not any("SECRET" in repr(e) or "sharepoint.com/:" in repr(e) for e in got)
    assert next(e for e in got if e.principal == "sales owners").via == "inherited"


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
    assert kinds(collab.grants_for("経理/請求書.pdf")) == {("tax@partner.example", "user", "read", "external"), ("経理部", "group", "write", "unknown")}
    assert ("sato@example.co.jp", "owner") in {(e.principal, e.right) for e in collab.grants_for("人事/評価.xlsx")}  # Co-owner, inherited
    links = load_permissions(str(DATA / "box-shared-links.csv"))
    assert {e.kind for e in links.grants_for("広報/a.docx")} == {"organization"}  # configured Open, derived Company
    assert {e.kind for e in links.grants_for("営業/b.xlsx")} == {"anyone"}
    assert links.grants_for("人事/社員名簿.xlsx") == []  # configured Company, derived Collaborators
    assert links.covers("人事/社員名簿.xlsx")


@pytest.mark.parametrize("name", ["s3-bucket-acl.json", "s3-bucket-policy.json"])
def test_s3_public_access_applies_to_every_object(name):
    export = load_permissions(str(DATA / name))
    assert "anyone" in {e.kind for e in export.grants_for("any/object.csv")}


@pytest.mark.parametrize(
    "content,expect",
    [
        ("Resource Path,Item Type,Permission,User Name,User Email,User or Group Type,Link ID,Link Type,AccessViaLinkID\r\n/x,Spaceship,Read,a,,,,,\r\n", ":2: column 'Item Type': unknown value 'Spaceship'"),
        ("\ufeffResource Path,Item Type,Permission,User Name,User E-mail,User or Group Type,Link ID,Link Type,AccessViaLinkID\r\n/a,File,Read,a,,,,,\r\n\"/x,\r\ny\",File,Read,SharingLink,,,id,Foo,\r\n", ":3: column 'Link Type': unknown value 'Foo'"),
        ('[\n {"path": "a",\n  "permissions": [\n   {"roles": ["read"], "link": {"scope": "galaxy"}}]}]', ":4: column 'link.scope': unknown value 'galaxy'"),
        ("Path,Collaborator Login,Collaborator Permission\r\nAll Files/a,x@example.co.jp,Viewer\r\nAll Files/b,y@example.co.jp,Overlord\r\n", ":3: column 'Collaborator Permission': unknown value 'Overlord'"),
        ("Path,Shared Link Status,Derived Status\r\nAll Files/a,Open,Everybody\r\n", ":2: column 'Derived Status': unknown value 'Everybody'"),
        ('{"Grants": [\n {"Grantee": {"Type": "Group"}, "Permission": "TELEPORT"}]}', ":2: column 'Permission': unknown value 'TELEPORT'"),
        ("Resource Path,Item Type,Permission,User Name,User Email,User or Group Type,Link ID,Link Type,AccessViaLinkID\r\n/x,File,Read,a,b,c,d,e,f,EXTRA\r\n", ":2: 10 fields"),
        ('[{"path": "a",\n  "permissions": [{"type": "robot", "role": "reader"}]}]', ":2: column 'type': unknown value 'robot'"),
        ("Owner,id,path,permissions.0.type,permissions.0.role\r\no@example.co.jp,1,My Drive/a,robot,reader\r\n", ":2: column 'permissions.0.type': unknown value 'robot'"),
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


def test_gam_one_item_per_row_with_full_paths():
    export = load_permissions(str(DATA / "gam-filelist-oneitemperrow.csv"))
    assert kinds(export.grants_for("営業/顧客.xlsx")) == {("partner.example", "domain", "read", "unknown")}


def test_demo_exports_give_the_promised_scopes_and_are_deterministic(tmp_path):
    from classifiers.exposure import exposure_scopes
    from classifiers.model import Grant
    from crawler.identity import load_roster
    from inventory.demo.exports import ORG_DOMAIN, scan_args, write_exports

    share = tmp_path / "share"
    files = ["人事/給与/給与明細.xlsx", "人事/社員名簿.xlsx", "総務/マイナンバー/一覧.xlsx", "営業/顧客リスト/顧客.xlsx",
             "経理/請求書/請求書.pdf", "広報/プレスリリース/発表.docx", "個人/退職者_佐藤/メモ.txt", "共有/議事録.docx"]
    for f in files:
        (share / f).parent.mkdir(parents=True, exist_ok=True)
        (share / f).write_text("x", encoding="utf-8")
    paths = write_exports(share, tmp_path / "a", 7)
    again = write_exports(share, tmp_path / "b", 7)
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    args = scan_args(paths)
    assert args.count("--permissions") == 2 and args.count("--roster") == 1 and args[-1] == ORG_DOMAIN

    exports = [load_permissions(str(p)) for p in paths[:2]]
    roster = load_roster(str(paths[2]))

    def scopes(relpath):
        entries = roster.apply([e for x in exports for e in x.grants_for(relpath)], [ORG_DOMAIN])
        return exposure_scopes([Grant(e.principal, e.display, e.kind, e.right, e.via, e.status) for e in entries])

    assert "PUBLIC" in scopes("営業/顧客リスト/顧客.xlsx")
    assert "ORGANIZATION" in scopes("共有/議事録.docx")
    assert "EXTERNAL" in scopes("経理/請求書/請求書.pdf")
    assert "DEPARTED" in scopes("個人/退職者_佐藤/メモ.txt") and "DEPARTED" in scopes("人事/給与/給与明細.xlsx")
    assert scopes("総務/マイナンバー/一覧.xlsx") == ["RESTRICTED"] and scopes("人事/社員名簿.xlsx") == ["RESTRICTED"]
    assert all(not x.unmatched_paths(files) for x in exports)
