"""Box admin reports: the Collaborations report and the Shared Links report (CSV).

Collaborations: ``Path``, ``Collaborator Login`` (or ``Collaborator Email``), ``Collaborator Name``,
``Role``/``Collaboration Role``, ``Collaborator Type``/``Is External``. Shared links: ``Path``,
``Shared Link Access``/``Access`` (Open → anyone, Company → organization, Collaborators → named only).
Where a report gives both a configured and an effective access, the effective one wins (DESIGN.md §7).
"""
from __future__ import annotations

from crawler.access.errors import ExportFormatError
from crawler.access.exports import ExportItem
from crawler.model import AccessEntry

FORMAT = "box"
ACCESS_COLUMNS = ("effective access", "shared link effective access", "shared link access", "access")


def sniff_csv(header: list[str]) -> bool:
    low = {h.lower() for h in header}
    return "path" in low and (bool({"collaborator login", "collaborator email"} & low) or bool(set(ACCESS_COLUMNS) & low))


def parse_csv(path: str, header: list[str], rows) -> list[ExportItem]:
    col = {h.lower(): h for h in header}
    out = []
    access_col = next((col[c] for c in ACCESS_COLUMNS if c in col), None)
    login_col = col.get("collaborator login") or col.get("collaborator email")
    for line, row in rows:
        item = row.get(col["path"], "")
        if login_col and row.get(login_col):
            login = row[login_col].lower()
            role = (row.get(col.get("collaboration role", col.get("role", "")), "") or "").lower()
            right = "owner" if "owner" in role or "co-owner" in role else "write" if "editor" in role or "upload" in role else "read"
            external = (row.get(col.get("is external", ""), "") or "").lower() in ("true", "yes", "1") or "external" in (row.get(col.get("collaborator type", ""), "") or "").lower()
            out.append(ExportItem(item, AccessEntry(login, row.get(col.get("collaborator name", ""), "") or login, "user", right, "acl", "external" if external else "unknown"), line))
        if access_col and row.get(access_col):
            access = row[access_col].lower()
            if access == "open":
                out.append(ExportItem(item, AccessEntry("anyone", "open shared link", "anyone", "read", "link"), line))
            elif access == "company":
                out.append(ExportItem(item, AccessEntry("organization", "company shared link", "organization", "read", "link"), line))
            elif access != "collaborators":
                raise ExportFormatError(path, f"unknown shared link access {row[access_col]!r} (Open, Company or Collaborators)", line, access_col)
    return out
