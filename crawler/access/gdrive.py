"""Google Drive: Drive API v3 permission JSON and GAM file-list CSV with permissions.

JSON: a list (or ``{"files": [...]}``) of ``{"path": ..., "permissions": [...]}`` where each permission
is the Drive v3 resource: ``type`` user/group/domain/anyone, ``role`` owner/organizer/fileOrganizer/
writer/commenter/reader, ``emailAddress``, ``domain``, ``allowFileDiscovery``, ``deleted`` (a deleted
account is departed). GAM (``gam print filelist ... fields id,title,permissions`` with ``allfields`` or
a ``path``/``paths.0``/``name`` column): ``permissions.N.type`` (or ``permission.type`` with ``oneitemperrow``), ``permissions.N.role``, ``permissions.N.emailAddress``,
``permissions.N.domain``.
"""
from __future__ import annotations

import re

from crawler.access.errors import ExportFormatError
from crawler.access.exports import ExportItem, line_of, shown
from crawler.model import AccessEntry

FORMAT = "gdrive"
TYPES = {"user", "group", "domain", "anyone"}
_GAM = re.compile(r"^permissions?\.(?:(\d+)\.)?(\w+)$")  # permissions.N.type, or permission.type with oneitemperrow
_NAME_COLUMNS = ("fullpath", "path", "paths.0", "path.0", "name", "title")


def _right(role: str) -> str:
    role = (role or "").lower()
    if role in ("owner", "organizer"):
        return "owner"
    if role in ("writer", "fileorganizer"):
        return "write"
    return "read"


def _entry(path: str, perm: dict, line: int | None, column: str | None) -> AccessEntry:
    ptype = (perm.get("type") or "").lower()
    if ptype not in TYPES:
        raise ExportFormatError(path, f"unknown value {shown(perm.get('type'))} (user, group, domain or anyone)", line, column)
    right = _right(perm.get("role", ""))
    if ptype == "anyone":
        return AccessEntry("anyone", "anyone with the link", "anyone", right, "link")
    if ptype == "domain":
        domain = (perm.get("domain") or "").lower()
        return AccessEntry(domain, domain, "domain", right, "link")
    email = (perm.get("emailAddress") or "").lower()
    status = "departed" if str(perm.get("deleted", "")).lower() == "true" else "unknown"
    return AccessEntry(email, perm.get("displayName") or email, ptype, right, "acl", status)


def sniff_json(data) -> bool:
    items = data.get("files") if isinstance(data, dict) else data
    return isinstance(items, list) and any(
        isinstance(i, dict) and any(isinstance(p, dict) and "type" in p and "role" in p for p in i.get("permissions") or []) for i in items
    )


def parse_json(path: str, data) -> list[ExportItem]:
    items = data.get("files") if isinstance(data, dict) else data
    out = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ExportFormatError(path, f"file #{n} is not an object", None)
        item_path = item.get("path") or item.get("name")
        if item_path is None:
            raise ExportFormatError(path, f"file #{n} has no 'path'", line_of(item), "path")
        for perm in item.get("permissions") or []:
            out.append(ExportItem(item_path, _entry(path, perm, line_of(perm) or line_of(item), "type"), line_of(perm)))
    return out


def sniff_csv(header: list[str]) -> bool:
    return any(_GAM.match(h) for h in header) and any(h in _NAME_COLUMNS for h in header)


def parse_csv(path: str, header: list[str], rows) -> list[ExportItem]:
    name_col = next(h for h in _NAME_COLUMNS if h in header)
    out = []
    for line, row in rows:
        perms: dict[str, dict] = {}
        columns: dict[str, str] = {}
        for h, v in row.items():
            m = _GAM.match(h)
            if m and v:
                perms.setdefault(m.group(1) or "0", {})[m.group(2)] = v
                if m.group(2) == "type":
                    columns[m.group(1) or "0"] = h
        for idx, perm in sorted(perms.items(), key=lambda kv: int(kv[0])):
            out.append(ExportItem(row[name_col], _entry(path, perm, line, columns.get(idx, "type")), line))
        if not perms:
            out.append(ExportItem(row[name_col], None, line))
    return out
