"""The demo's cloud side: the share as if it were a SharePoint document library someone downloaded, with
the site's sharing report (CSV), the Graph permissions of its items (JSON) and a plain identity roster.

What a correct scan with :func:`scan_args` must find (DESIGN.md §7):
- 営業/顧客リスト: an anonymous ("anyone") link → PUBLIC (its レベル3 customer list is 要即時対応);
- 共有: a company-wide link → ORGANIZATION;
- 経理: a guest (``#EXT#``) granted Edit → EXTERNAL;
- 個人/退職者_佐藤 (佐藤 owns it) and 人事/給与 (佐藤 is granted Read): 佐藤 is ``left`` in the roster → DEPARTED.

Item paths come from walking ``share_root``; the only randomness (link and object ids) comes from ``seed``,
so the same share and seed give byte-identical files. No link URL or token is written.
"""
from __future__ import annotations

import csv
import io
import json
import os
import random
import uuid
from pathlib import Path

ORG_DOMAIN = "tanaoroshi.example.co.jp"
SITE = "sites/Share"  # server-relative, as the sharing report writes Resource Path
LIBRARY = f"{SITE}/Shared Documents"
SATO = f"sato.ichiro@{ORG_DOMAIN}"
GUEST = "tax.advisor_example.com#EXT#@tanaoroshi.onmicrosoft.com"
REPORT_HEADER = ["Resource Path", "Item Type", "Permission", "User Name", "User E-mail", "User or Group Type", "Link ID", "Link Type", "AccessViaLinkID"]
REPORT, GRAPH, ROSTER = "sharing-report.csv", "graph-permissions.json", "roster.csv"


def _walk(share_root: Path) -> tuple[list[str], list[str]]:
    """Folders and files below the share, '/' separated, sorted (symlinks listed, never followed)."""
    folders, files = [], []
    for dirpath, dirnames, filenames in os.walk(share_root):
        dirnames.sort()
        rel = Path(dirpath).relative_to(share_root).as_posix()
        for name in dirnames:
            folders.append(name if rel == "." else f"{rel}/{name}")
        for name in sorted(filenames):
            files.append(name if rel == "." else f"{rel}/{name}")
    return sorted(folders), sorted(files)


def _under(paths: list[str], folder: str) -> list[str]:
    return [p for p in paths if p == folder or p.startswith(folder + "/")]


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")  # Excel-friendly UTF-8, as SharePoint writes it


def write_exports(share_root: Path, out_dir: Path, seed: int) -> list[Path]:
    """Write the sharing report, Graph permissions and roster for the demo share; return their paths."""
    share_root, out_dir = Path(share_root), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    new_id = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))  # noqa: E731
    folders, files = _walk(share_root)

    rows = [REPORT_HEADER,
            [SITE, "Web", "Full Control", "Share Owners", "", "SharePoint group", "", "", ""],
            [LIBRARY, "List", "Read", "Share Members", "", "SharePoint group", "", "", ""]]
    if "人事" in folders:
        rows.append([f"{LIBRARY}/人事", "Folder", "Full Control", "人事部", f"hr@{ORG_DOMAIN}", "Security group", "", "", ""])
    if "人事/給与" in folders:
        rows.append([f"{LIBRARY}/人事/給与", "Folder", "Read", "佐藤 一郎", SATO, "Member", "", "", ""])
    if "共有" in folders:
        rows.append([f"{LIBRARY}/共有", "Folder", "Read", "SharingLink", "", "", new_id(), "Company", ""])
    if "経理" in folders:
        link = new_id()
        rows.append([f"{LIBRARY}/経理", "Folder", "Edit", "SharingLink", "", "", link, "Specific People", ""])
        rows.append([f"{LIBRARY}/経理", "Folder", "Edit", "税理士事務所 (ゲスト)", GUEST, "Guest", "", "", link])
    for path in _under(folders + files, "個人/退職者_佐藤"):
        kind = "Folder" if path in folders else "File"
        rows.append([f"{LIBRARY}/{path}", kind, "Full Control", "佐藤 一郎", SATO, "Member", "", "", ""])
    report = out_dir / REPORT
    report.write_bytes(_csv_bytes(rows))

    items = []
    for path in _under(folders + files, "営業/顧客リスト"):
        items.append({
            "id": new_id(),
            "name": path.rsplit("/", 1)[-1],
            "parentReference": {"path": "/drive/root:/" + path.rsplit("/", 1)[0] if "/" in path else "/drive/root:"},
            "permissions": [{"id": new_id(), "roles": ["read"], "link": {"scope": "anonymous", "type": "view"}, "hasPassword": False}],
        })
    graph = out_dir / GRAPH
    graph.write_text(json.dumps({"value": items}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    roster = out_dir / ROSTER
    roster.write_bytes(_csv_bytes([
        ["account", "status", "left_on"],
        [f"yamada.hanako@{ORG_DOMAIN}", "active", ""],
        [f"hr@{ORG_DOMAIN}", "active", ""],
        [SATO, "left", "2025-03-31"],
    ]))
    return [report, graph, roster]


def scan_args(paths: list[Path]) -> list[str]:
    """The ``tanaoroshi scan`` options that pair the share with what :func:`write_exports` wrote."""
    args: list[str] = []
    for p in paths:
        args += ["--roster", str(p)] if p.name == ROSTER else ["--permissions", str(p)]
    return args + ["--org-domain", ORG_DOMAIN]
