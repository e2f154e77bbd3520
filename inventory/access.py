"""Access for each asset: the crawler's access readers joined to the identity roster, as Grants.

Local sources: POSIX owner/group/mode/ACLs with traversal. Files described by a cloud permission export
(``--permissions``) take their access from the export instead: the local copy's modes say nothing
about how the file is shared in the cloud. The roster (``--roster``) marks departed and external
principals; ``--org-domain`` tells external addresses from internal ones.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from classifiers.model import Grant
from crawler.model import AccessEntry, Entry


class AccessInputError(ValueError):
    """A permission export or roster that cannot be read: one line naming file, line and column."""


@dataclass
class AccessResolver:
    exports: list = field(default_factory=list)
    roster: object | None = None
    org_domains: list[str] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set, repr=False)
    _uncovered: list[str] = field(default_factory=list, repr=False)

    @classmethod
    def load(cls, permissions: list[str], roster: str | None, org_domains: list[str]) -> "AccessResolver":
        from crawler.access import posix

        posix.clear_cache()
        exports = []
        if permissions:
            from crawler.access.errors import ExportFormatError
            from crawler.access.exports import load_permissions

            for path in permissions:
                try:
                    exports.append(load_permissions(path))
                except ExportFormatError as exc:
                    raise AccessInputError(str(exc)) from None
                except OSError as exc:
                    raise AccessInputError(f"{path}: cannot be read ({exc.strerror})") from None
        loaded_roster = None
        if roster:
            from crawler.access.errors import ExportFormatError
            from crawler.identity import load_roster

            try:
                loaded_roster = load_roster(roster)
            except ExportFormatError as exc:
                raise AccessInputError(str(exc)) from None
            except OSError as exc:
                raise AccessInputError(f"{roster}: cannot be read ({exc.strerror})") from None
        return cls(exports, loaded_roster, [d.lower() for d in org_domains])

    def entries(self, entry: Entry) -> list[AccessEntry]:
        path = entry.path.split("!/", 1)[0]
        from_exports: list[AccessEntry] = []
        for export in self.exports:
            from_exports.extend(export.grants_for(path))
        if path not in self._seen:
            self._seen.add(path)
            if self.exports and not from_exports and not any(export.covers(path) for export in self.exports):
                self._uncovered.append(path)
        if from_exports or any(export.covers(path) for export in self.exports):
            return from_exports
        if entry.source.startswith("smb://"):
            return list(entry.access)  # read from the security descriptor by the walk
        if entry.kind in ("file", "symlink", "special", "dir"):
            from crawler.access.posix import read_access

            return read_access(entry.source, path) if path != "." else []
        return []

    def grants(self, entry: Entry) -> list[Grant]:
        found = self.entries(entry)
        if self.roster is not None:
            applied = self.roster.apply(found, self.org_domains)
            if entry.source.startswith("smb://"):
                applied = [_smb_by_name(self.roster, e, a, self.org_domains) for e, a in zip(found, applied)]
            found = applied
        elif self.org_domains:
            found = [_mark_external(e, self.org_domains) for e in found]
        out, seen = [], set()
        for e in found:
            key = (e.principal, e.right, e.via)
            if key in seen:
                continue
            seen.add(key)
            out.append(Grant(principal=e.principal, display=e.display, kind=e.kind, right=e.right, via=e.via, status=e.status))
        return out


def _smb_by_name(roster, before: AccessEntry, after: AccessEntry, org_domains: list[str]) -> AccessEntry:
    """An SMB principal is a SID; a roster names accounts. When the SID itself is not in the roster, its
    resolved name (``DOMAIN\\user`` from the LSA lookup) is looked up as the bare account ``user``."""
    if after.status != "unknown" or before.kind not in ("user", "group") or before.display == before.principal:
        return after
    account = before.display.rsplit("\\", 1)[-1]
    status = roster.status(account, org_domains)
    return after if status == "unknown" else AccessEntry(after.principal, after.display, after.kind, after.right, after.via, status)


def _mark_external(e: AccessEntry, org_domains: list[str]) -> AccessEntry:
    if e.kind == "domain":
        inside = any(e.principal.lower() == d or e.principal.lower().endswith("." + d) for d in org_domains)
        return AccessEntry(e.principal, e.display, e.kind, e.right, e.via, "active" if inside else "external")
    if "@" in e.principal and e.kind in ("user", "group"):
        domain = e.principal.rsplit("@", 1)[1].lower()
        if "#ext#" in e.principal.lower() or not any(domain == d or domain.endswith("." + d) for d in org_domains):
            return AccessEntry(e.principal, e.display, e.kind, e.right, e.via, "external")
    return e


def reconcile(resolver: AccessResolver) -> dict[str, list[str]]:
    """Files present on one side only: export items with no local copy, local files no export describes."""
    missing_locally: list[str] = []
    for export in resolver.exports:
        missing_locally.extend(export.unmatched_paths(resolver._seen))
    return {"export_only": sorted(set(missing_locally)), "local_only": sorted(resolver._uncovered) if resolver.exports else []}
