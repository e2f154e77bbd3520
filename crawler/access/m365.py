"""Microsoft 365: the SharePoint/OneDrive sharing report CSV and Microsoft Graph permission JSON.

Sharing report (Site usage → "Shared with external users" → Run report; Microsoft Learn, "Report on file
and folder sharing in a SharePoint site"): ``Resource Path, Item Type, Permission, User Name, User E-mail,
User or Group Type, Link ID, Link Type, AccessViaLinkID``. One row per user/item for direct access; for a
link, one row for the link itself (User Name ``SharingLink``, Link Type Anonymous / Company / Specific
People) and one row per user who used it (``AccessViaLinkID``). User or Group Type: Member, Guest,
SharePoint group, Security group, Office 365 group (older reports: Internal / External). ``User Email``
without the hyphen is accepted too.

Graph JSON (the shape docs/access-exports.md documents, what a ``Get-MgDriveItemPermission`` loop writes):
a list, or ``{"value": [...]}``, of items ``{"path": "<library path or URL>", "permissions": [...]}`` or
driveItems with ``parentReference.path`` (``/drive/root:/folder``) + ``name``; each permission is the Graph
``permission`` resource: ``link.scope`` anonymous → anyone, organization → organization, users / existingAccess
→ the named ``grantedToIdentitiesV2``; ``grantedToV2`` user / group / siteUser / siteGroup → named; ``roles``
read / write / owner; ``inheritedFrom`` → via inherited. ``link.webUrl`` (it carries the sharing token),
``shareId`` and passwords are never read.
"""
from __future__ import annotations

from crawler.access.errors import ExportFormatError
from crawler.access.exports import ExportItem, line_of, shown
from crawler.model import AccessEntry

FORMAT = "m365"
REQUIRED = {"resource path", "item type", "permission", "user name", "link type"}
EMAIL_COLUMNS = ("user e-mail", "user email")
ROOT_ITEM_TYPES = {"web", "site", "list", "library", "document library"}
ITEM_TYPES = ROOT_ITEM_TYPES | {"folder", "file", "item", "list item", "document"}
LINK_NAMES = {"sharinglink", "sharing link"}
# Link Type values, spaces/underscores removed, lower-cased -> scope. The documented ones are Anonymous,
# Company and Specific People; tenants also write the SharingLinkType names (AnonymousView, OrganizationEdit ...).
LINK_SCOPES = {
    "anonymous": "anyone", "anonymousaccess": "anyone", "anonymousview": "anyone", "anonymousedit": "anyone", "anyone": "anyone",
    "company": "organization", "organization": "organization", "organizationview": "organization", "organizationedit": "organization",
    "specificpeople": "users", "flexible": "users", "direct": "users", "users": "users", "existingaccess": "users",
}
ORG_WIDE_NAMES = ("everyone except external users", "everyone", "すべてのユーザー", "外部ユーザー以外のすべてのユーザー")
GRAPH_SCOPES = {"anonymous": "anyone", "organization": "organization", "users": "users", "existingaccess": "users"}


def sniff_csv(header: list[str]) -> bool:
    low = {h.lower() for h in header}
    return REQUIRED <= low and any(c in low for c in EMAIL_COLUMNS)


def _right(permission: str) -> str:
    p = permission.lower()
    if "full control" in p or "owner" in p or "フル コントロール" in p:
        return "owner"
    if any(w in p for w in ("edit", "contribute", "design", "write", "編集", "投稿")):
        return "write"
    return "read"


def parse_csv(path: str, header: list[str], rows: list[tuple[int, dict]]) -> list[ExportItem]:
    col = {h.lower(): h for h in header}
    email_col = next(col[c] for c in EMAIL_COLUMNS if c in col)

    def get(row, name):
        return row.get(col.get(name, ""), "")

    items = []
    for line, row in rows:
        resource = get(row, "resource path")
        item_type = get(row, "item type").lower()
        if item_type not in ITEM_TYPES:
            raise ExportFormatError(path, f"unknown value {shown(get(row, 'item type'))}", line, col["item type"])
        target = "" if item_type in ROOT_ITEM_TYPES else resource
        right = _right(get(row, "permission"))
        link_type = get(row, "link type")
        scope = None
        if link_type:
            scope = LINK_SCOPES.get(link_type.lower().replace(" ", "").replace("_", ""))
            if scope is None:
                raise ExportFormatError(path, f"unknown value {shown(link_type)}", line, col["link type"])
        name, email = get(row, "user name"), row.get(email_col, "")
        utype = get(row, "user or group type").lower()
        via_link = bool(get(row, "accessvialinkid"))
        if name.lower() in LINK_NAMES or (scope and not email and not name):
            if scope == "anyone":
                entry = AccessEntry("anyone", f"anonymous link ({link_type})", "anyone", right, "link")
            elif scope == "organization":
                entry = AccessEntry("organization", f"organization link ({link_type})", "organization", right, "link")
            else:
                entry = None  # a specific-people link: its users come on their own rows
        elif email or name:
            principal = (email or name).lower()
            if not email and name.lower() in ORG_WIDE_NAMES:
                entry = AccessEntry(name, name, "organization", right, "acl")
            else:
                kind = "group" if "group" in utype else "user"
                external = "guest" in utype or "external" in utype or "#ext#" in principal
                entry = AccessEntry(principal, name or email, kind, right, "link" if via_link or scope else "acl", "external" if external else "unknown")
        else:
            entry = None
        items.append(ExportItem(target, entry, line))
    return items


def _items(data):
    return data.get("value") if isinstance(data, dict) else data


def sniff_json(data) -> bool:
    items = _items(data)
    return isinstance(items, list) and any(
        isinstance(i, dict) and isinstance(i.get("permissions"), list) and any(
            isinstance(p, dict) and "type" not in p and bool({"roles", "grantedToV2", "grantedToIdentitiesV2", "link", "grantedTo"} & set(p))
            for p in i["permissions"])
        for i in items)


def _identity(ident: dict) -> tuple[str, str, str] | None:
    for key, kind in (("user", "user"), ("siteUser", "user"), ("group", "group"), ("siteGroup", "group")):
        who = ident.get(key)
        if isinstance(who, dict):
            principal = who.get("email") or who.get("loginName") or who.get("id") or who.get("displayName") or ""
            return principal.lower(), who.get("displayName") or principal, kind
    return None


def _item_path(path: str, n: int, item: dict) -> str:
    if "path" in item:
        return item["path"] or ""
    if isinstance(item.get("parentReference"), dict) and "name" in item:
        parent = item["parentReference"].get("path") or ""
        return f"{parent}/{item['name']}"
    raise ExportFormatError(path, f"item #{n} has neither 'path' nor 'parentReference.path' + 'name'", line_of(item), "path")


def parse_json(path: str, data) -> list[ExportItem]:
    out = []
    for n, item in enumerate(_items(data), 1):
        if not isinstance(item, dict):
            raise ExportFormatError(path, f"item #{n} is not an object", None)
        item_path = _item_path(path, n, item)
        perms = item.get("permissions") or []
        if not isinstance(perms, list):
            raise ExportFormatError(path, "not a list", line_of(item), "permissions")
        if not perms:
            out.append(ExportItem(item_path, None, line_of(item)))
        for perm in perms:
            line = line_of(perm)
            roles = [str(r).lower() for r in perm.get("roles") or []]
            right = "owner" if "owner" in roles else "write" if "write" in roles else "read"
            via = "inherited" if perm.get("inheritedFrom") else "acl"
            link = perm.get("link") or {}
            scope = None
            if link:
                raw_scope = str(link.get("scope") or "users")
                scope = GRAPH_SCOPES.get(raw_scope.lower())
                if scope is None:
                    raise ExportFormatError(path, f"unknown value {shown(raw_scope)}", line_of(link) or line, "link.scope")
            if scope == "anyone":
                out.append(ExportItem(item_path, AccessEntry("anyone", "anonymous link", "anyone", right, "link"), line))
                continue
            if scope == "organization":
                out.append(ExportItem(item_path, AccessEntry("organization", "organization link", "organization", right, "link"), line))
                continue
            idents = []
            if perm.get("grantedToV2") or perm.get("grantedTo"):
                idents.append(perm.get("grantedToV2") or perm.get("grantedTo"))
            idents += perm.get("grantedToIdentitiesV2") or perm.get("grantedToIdentities") or []
            found = [f for f in (_identity(i or {}) for i in idents) if f]
            for principal, display, kind in found:
                external = "#ext#" in principal
                out.append(ExportItem(item_path, AccessEntry(principal, display, kind, right, "link" if link else via, "external" if external else "unknown"), line))
            if not found:
                out.append(ExportItem(item_path, None, line))
    return out
