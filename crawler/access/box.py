"""Box admin reports (Admin Console → Reports): the Collaborations report and the Shared Links report (CSV).

Collaborations report columns (Box support, "Collaborations Report"): ``Collaboration ID, Owner Name, Owner
Login, Path, Path ID, Item Name, Item ID, Item Type, Collaborator Name, Collaborator Login, Collaborator Type
(User / Group / External), Collaborator Permission, Inviter Email …``.
Shared Links report columns ("Shared Links Report"): ``Item Owner Login, Item ID, Item Name, Path, Shared
Item Type, Shared Link Status (Open / Company / Collaborators), Derived Status …``. The derived status is
the effective one (an enterprise or folder setting can narrow a link), so it wins over the configured
status when both are present (DESIGN.md §7). The link URL, custom URL and password columns are never read.

``Path`` is the path from the root of the Box instance; when its last segment is not the item's name, the
item name is appended (the report may give the containing folder). Older column names (``Collaboration
Role``, ``Is External``, ``Shared Link Access``) are accepted too.
"""
from __future__ import annotations

from crawler.access.errors import ExportFormatError
from crawler.access.exports import ExportItem, norm_path, shown
from crawler.model import AccessEntry

FORMAT = "box"
STATUS_COLUMNS = ("derived status", "shared link effective access", "shared link status", "shared link access")
LOGIN_COLUMNS = ("collaborator login", "collaborator email")
ROLE_COLUMNS = ("collaborator permission", "collaboration role", "role")
ACCESS = {"open": "anyone", "company": "organization", "collaborators": None}
NO_LINK = {"", "disabled", "none", "n/a", "-"}
ROLES = {"owner": "owner", "co-owner": "owner", "editor": "write", "uploader": "write", "viewer uploader": "write",
         "previewer uploader": "write", "viewer": "read", "previewer": "read"}


def sniff_csv(header: list[str]) -> bool:
    low = {h.lower() for h in header}
    return "path" in low and (bool(set(LOGIN_COLUMNS) & low) or bool(set(STATUS_COLUMNS) & low))


def _item_path(row: dict, col: dict) -> str:
    path = row.get(col["path"], "")
    name = row.get(col.get("item name", ""), "")
    if name and norm_path(path).rsplit("/", 1)[-1] != norm_path(name):
        return f"{path.rstrip('/')}/{name}"
    return path


def parse_csv(path: str, header: list[str], rows) -> list[ExportItem]:
    col = {h.lower(): h for h in header}
    status_cols = [col[c] for c in STATUS_COLUMNS if c in col]  # effective first
    login_col = next((col[c] for c in LOGIN_COLUMNS if c in col), None)
    role_col = next((col[c] for c in ROLE_COLUMNS if c in col), None)
    out = []
    for line, row in rows:
        item = _item_path(row, col)
        ctype = row.get(col.get("collaborator type", ""), "").lower()
        cname = row.get(col.get("collaborator name", ""), "")
        login = (row.get(login_col, "") if login_col else "").lower()
        if login or (ctype.startswith("group") and cname):  # a group collaborator has a name and no login
            role = (row.get(role_col, "") if role_col else "").lower()
            if role and role not in ROLES:
                raise ExportFormatError(path, f"unknown value {shown(row[role_col])}", line, role_col)
            kind = "group" if ctype.startswith("group") else "user"
            external = ctype.startswith("external") or row.get(col.get("is external", ""), "").lower() in ("true", "yes", "1")
            out.append(ExportItem(item, AccessEntry(login or cname, cname or login, kind, ROLES.get(role, "read"), "acl", "external" if external else "unknown"), line))
        for status_col in status_cols:  # the first non-empty one: derived (effective) before configured
            value = row.get(status_col, "")
            if not value:
                continue
            low = value.lower()
            if low in NO_LINK:
                break
            if low not in ACCESS:
                raise ExportFormatError(path, f"unknown value {shown(value)} (Open, Company or Collaborators)", line, status_col)
            scope = ACCESS[low]
            if scope == "anyone":
                out.append(ExportItem(item, AccessEntry("anyone", "open shared link", "anyone", "read", "link"), line))
            elif scope == "organization":
                out.append(ExportItem(item, AccessEntry("organization", "company shared link", "organization", "read", "link"), line))
            break
        if not any(e.line == line for e in out[-2:]):
            out.append(ExportItem(item, None, line))
    return out
