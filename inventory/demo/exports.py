"""The demo's cloud side: the share as if it were a SharePoint document library that someone downloaded,
with the site's sharing report, the Graph permissions (anonymous links are only there) and an Entra ID roster.

What a correct scan must find: 営業/顧客リスト shared with an anonymous link (PUBLIC; with its レベル3
customer list that is 要即時対応); 共有 shared company-wide (ORGANIZATION); 経理 shared with a guest
(EXTERNAL); 個人/退職者_佐藤 and 人事/給与 still reachable by the departed 佐藤 (DEPARTED).
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from inventory.demo.manifest import DemoManifest

DOMAIN = "tanaoroshi.example.co.jp"
SITE = f"https://tanaoroshi.sharepoint.com/sites/Share/Shared Documents"
DEPARTED = f"sato.ichiro@{DOMAIN}"
GUEST = "tax.advisor_example.com#EXT#@tanaoroshi.onmicrosoft.com"
REPORT_HEADER = ["Resource Path", "Item Type", "Permission", "User Name", "User Email", "User or Group Type", "Link ID", "Link Type", "AccessViaLinkID"]


def write_exports(share: Path, out: Path, seed: int, manifest: DemoManifest) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    rows = [
        [SITE.rsplit("/", 1)[0], "Web", "Full Control", "Share Owners", "", "SharePointGroup", "", "", ""],
        [SITE, "List", "Read", "Share Members", "", "SharePointGroup", "", "", ""],
        [f"{SITE}/人事", "Folder", "Full Control", "人事部", f"hr@{DOMAIN}", "SecurityGroup", "", "", ""],
        [f"{SITE}/人事/給与", "Folder", "Read", "佐藤 一郎", DEPARTED, "Internal", "", "", ""],
        [f"{SITE}/共有", "Folder", "Read", "", "", "", "a1b2c3d4-0000-4000-8000-000000000001", "OrganizationView", ""],
        [f"{SITE}/経理", "Folder", "Edit", "税理士事務所 (ゲスト)", GUEST, "External", "", "", ""],
        [f"{SITE}/個人/退職者_佐藤", "Folder", "Full Control", "佐藤 一郎", DEPARTED, "Internal", "", "", ""],
    ]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(REPORT_HEADER)
    w.writerows(rows)
    report = out / "sharing-report.csv"
    report.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))

    graph = [
        {
            "path": "/営業/顧客リスト",
            "permissions": [
                {
                    "id": "aTowIy5mfG1lbWJlcnNoaXB8",
                    "roles": ["read"],
                    "link": {"scope": "anonymous", "type": "view", "webUrl": "https://tanaoroshi.sharepoint.com/:f:/s/Share/REDACTED-TOKEN"},
                    "hasPassword": False,
                }
            ],
        }
    ]
    graph_path = out / "graph-permissions.json"
    graph_path.write_text(json.dumps(graph, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    roster = out / "entra-users.csv"
    users = [
        ["userPrincipalName", "displayName", "accountEnabled", "userType", "mail"],
        [f"yamada.hanako@{DOMAIN}", "山田 花子", "True", "Member", f"yamada.hanako@{DOMAIN}"],
        [DEPARTED, "佐藤 一郎", "False", "Member", DEPARTED],
        [f"hr@{DOMAIN}", "人事部", "True", "Member", ""],
        [GUEST, "税理士事務所", "True", "Guest", "tax.advisor@example.com"],
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(users)
    roster.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    return ["--permissions", str(report), "--permissions", str(graph_path), "--roster", str(roster), "--org-domain", DOMAIN]
