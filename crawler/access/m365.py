"""Microsoft 365: the SharePoint/OneDrive sharing report CSV and Microsoft Graph permission JSON.

Sharing report (Site settings → Site usage → "Run report"): ``Resource Path, Item Type, Permission,
User Name, User Email, User or Group Type, Link ID, Link Type, AccessViaLinkID``. Anonymous ("anyone")
links do not appear in it, so Graph permissions are read too: a JSON list of items, each
``{"path": "<library-relative path or URL>", "permissions": [<permission resource>...]}`` (also accepted:
``{"value": [...]}`` and items carrying ``parentReference.path`` + ``name``). For each permission:
``link.scope`` anonymous → anyone, organization → organization, users → the named
``grantedToIdentitiesV2``; ``grantedToV2`` user/group/siteGroup → named; ``roles`` read/write/owner;
``inheritedFrom`` → via inherited. Link ``webUrl`` values (they carry the sharing token) are dropped.
"""
from __future__ import annotations

from crawler.access.errors import ExportFormatError
from crawler.access.exports import ExportItem
from crawler.model import AccessEntry

FORMAT = "m365"
REPORT_COLUMNS = {"resource path", "item type", "permission", "user name", "user email", "user or group type", "link type"}
ROOT_ITEM_TYPES = {"web", "site", "list", "library", "document library"}
ITEM_TYPES = ROOT_ITEM_TYPES | {"folder", "file", "item", "list item"}


def sniff_csv(header: list[str]) -> bool:
    return REPORT_COLUMNS <= {h.lower() for h in header}


def _right(permission: str) -> str:
    p = permission.lower()
    if "full control" in p or "owner" in p:
        return "owner"
    if any(w in p for w in ("edit", "contribute", "design", "write")):
        return "write"
    return "read"


def _link_kind(link_type: str) -> str | None:
    lt = link_type.lower().replace(" ", "")
    if not lt:
        return None
    if "anonymous" in lt or "anyone" in lt:
        return "anyone"
    if "organization" in lt or "company" in lt:
        return "organization"
    return "users"  # Flexible / SpecificPeople / Direct


def parse_csv(path: str, header: list[str], rows: list[tuple[int, dict]]) -> list[ExportItem]:
    col = {h.lower(): h for h in header}
    get = lambda row, name: row.get(col.get(name, ""), "")  # noqa: E731
    items = []
    for line, row in rows:
        resource = get(row, "resource path")
        item_type = get(row, "item type").lower()
        if item_type and item_type not in ITEM_TYPES:
            raise ExportFormatError(path, f"unknown item type {get(row, 'item type')!r}", line, col["item type"])
        target = "" if item_type in ROOT_ITEM_TYPES else resource
        right = _right(get(row, "permission"))
        link = _link_kind(get(row, "link type"))
        name, email, utype = get(row, "user name"), get(row, "user email"), get(row, "user or group type").lower()
        if link in ("anyone", "organization") and not email:
            entry = AccessEntry("anyone" if link == "anyone" else "organization", get(row, "link type"), link, right, "link")
        elif email or name:
            principal = email or name
            if "everyone" in name.lower() and "external" not in name.lower():
                entry = AccessEntry(principal, name, "organization", right, "acl")
            else:
                kind = "group" if "group" in utype else "user"
                status = "external" if ("external" in utype or "guest" in utype or "#ext#" in principal.lower()) else "unknown"
                entry = AccessEntry(principal, name or email, kind, right, "link" if link else "acl", status)
        else:
            entry = None
        items.append(ExportItem(target, entry, line))
    return items


def sniff_json(data) -> bool:
    items = data.get("value") if isinstance(data, dict) else data
    return isinstance(items, list) and any(isinstance(i, dict) and "permissions" in i and any(
        isinstance(p, dict) and ({"roles", "grantedToV2", "grantedToIdentitiesV2", "link", "grantedTo"} & set(p)) and "type" not in p
        for p in i.get("permissions") or []) for i in items)


def _identity(ident: dict) -> tuple[str, str, str] | None:
    for key, kind in (("user", "user"), ("group", "group"), ("siteGroup", "group"), ("siteUser", "user")):
        who = ident.get(key)
        if isinstance(who, dict):
            principal = who.get("email") or who.get("loginName") or who.get("id") or who.get("displayName") or ""
            return principal, who.get("displayName") or principal, kind
    return None


def parse_json(path: str, data) -> list[ExportItem]:
    items_in = data.get("value") if isinstance(data, dict) else data
    out = []
    for n, item in enumerate(items_in, 1):
        if not isinstance(item, dict):
            raise ExportFormatError(path, f"item #{n} is not an object", None)
        if "path" in item:
            item_path = item["path"] or ""
        elif "parentReference" in item:
            parent = (item.get("parentReference") or {}).get("path", "")
            parent = parent.split("root:", 1)[1] if "root:" in parent else ""
            item_path = f"{parent}/{item.get('name', '')}"
        else:
            raise ExportFormatError(path, f"item #{n} has neither 'path' nor 'parentReference'", None)
        if item_path.strip("/") in ("", "root"):
            item_path = ""
        for perm in item.get("permissions") or []:
            roles = [r.lower() for r in perm.get("roles") or []]
            right = "owner" if "owner" in roles else "write" if "write" in roles else "read"
            via = "inherited" if perm.get("inheritedFrom") else "acl"
            link = perm.get("link") or {}
            scope = (link.get("scope") or "").lower()
            if scope == "anonymous":
                out.append(ExportItem(item_path, AccessEntry("anyone", "anonymous link", "anyone", right, "link")))
                continue
            if scope == "organization":
                out.append(ExportItem(item_path, AccessEntry("organization", "organization link", "organization", right, "link")))
                continue
            idents = []
            if perm.get("grantedToV2") or perm.get("grantedTo"):
                idents.append(perm.get("grantedToV2") or perm.get("grantedTo"))
            idents += perm.get("grantedToIdentitiesV2") or perm.get("grantedToIdentities") or []
            for ident in idents:
                found = _identity(ident or {})
                if found:
                    principal, display, kind = found
                    out.append(ExportItem(item_path, AccessEntry(principal, display, kind, right, "link" if link else via)))
            if not idents:
                out.append(ExportItem(item_path, None))
    return out
