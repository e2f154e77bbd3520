"""Identity rosters: who is active, disabled, departed (退職者) or external.

Formats, sniffed from the header (docs/access-exports.md):
- Entra ID "Download users" CSV: ``userPrincipalName, displayName, …, mail, …, userType, …, accountEnabled``.
  ``userType`` Guest or ``#EXT#`` in the UPN → external; ``accountEnabled`` false → disabled. ``mail`` is an
  alias of the same person.
- Google Workspace users CSV (Admin console → Users → Download): ``Email Address [Required]``,
  ``Status [READ ONLY]`` Active / Suspended / Archived. Suspended → disabled; Archived (a former employee
  kept on an Archived User licence) → departed.
- Plain CSV ``account,status,left_on``: status active / disabled / suspended / left (disabled and suspended →
  disabled, left → departed); a ``left_on`` date (YYYY-MM-DD or YYYY/MM/DD) on or before today means departed
  whatever the status says; a future ``left_on`` leaves the status as written.

Statuses are ``active``, ``external``, ``disabled``, ``departed`` and ``unknown`` (not in the roster, inside the
organisation). For exposure both ``disabled`` and ``departed`` count as DEPARTED: none of those accounts
should still hold rights to personal data. A disabled or departed guest stays disabled/departed (the stale
grant is the finding).

Matching is case-insensitive on e-mail / UPN. A bare account name (a POSIX user ``sato``) matches
``sato@<org domain>`` for each ``--org-domain``; a roster entry written as a bare name (``sato``) matches
``sato@<org domain>`` likewise. Addresses outside the org domains (or ``#EXT#`` UPNs) not in the roster are
external; with no org domain given, nothing is called external on the strength of its domain.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from crawler.access.errors import ExportFormatError
from crawler.access.exports import read_csv, shown
from crawler.model import AccessEntry

STATUSES = ("active", "external", "disabled", "departed", "unknown")


@dataclass(frozen=True)
class Person:
    account: str
    status: str  # active / external / disabled / departed
    display: str = ""


def _truthy(value: str) -> bool | None:
    v = value.strip().lower()
    if v in ("true", "1", "yes", "y", "有効", "はい"):
        return True
    if v in ("false", "0", "no", "n", "無効", "いいえ"):
        return False
    return None


def in_org(address: str, org_domains: list[str]) -> bool:
    domain = address.rsplit("@", 1)[-1].lower()
    return any(domain == d or domain.endswith("." + d) for d in org_domains)


class Roster:
    def __init__(self, people: dict[str, Person]):
        self.people = people  # lower-cased account -> person

    def __len__(self) -> int:
        return len(self.people)

    def lookup(self, principal: str, org_domains: list[str]) -> Person | None:
        key = principal.strip().lower()
        if key in self.people:
            return self.people[key]
        domains = [d.lower() for d in org_domains]
        if "@" not in key:
            for domain in domains:
                hit = self.people.get(f"{key}@{domain}")
                if hit:
                    return hit
        elif in_org(key, domains):
            return self.people.get(key.split("@", 1)[0])
        return None

    def status(self, principal: str, org_domains: list[str]) -> str:
        person = self.lookup(principal, org_domains)
        if person is not None:
            return person.status
        low = principal.lower()
        if "#ext#" in low:
            return "external"
        if "@" in low and org_domains and not in_org(low, [d.lower() for d in org_domains]):
            return "external"
        return "unknown"

    def apply(self, entries: list[AccessEntry], org_domains: list[str]) -> list[AccessEntry]:
        """Entries with their status set: users and groups from the roster; a domain grant is external when
        the domain is not the organisation's; anyone / organization entries are left as they are."""
        out = []
        for e in entries:
            if e.kind in ("user", "group"):
                status = self.status(e.principal, org_domains)
                if status == "unknown" and e.status == "external":  # the export already knew (a guest type)
                    status = "external"
                out.append(replace(e, status=status))
            elif e.kind == "domain":
                external = bool(org_domains) and not in_org(e.principal, [d.lower() for d in org_domains])
                out.append(replace(e, status="external" if external else "active"))
            else:
                out.append(e)
        return out


def _parse_date(path: str, value: str, line: int, column: str) -> date:
    try:
        return date.fromisoformat(value.strip().replace("/", "-"))
    except ValueError:
        raise ExportFormatError(path, f"not a date {shown(value)} (YYYY-MM-DD)", line, column) from None


def load_roster(path: str, today: date | None = None) -> Roster:
    today = today or date.today()
    header, rows = read_csv(path)
    col = {h.lower(): h for h in header}
    people: dict[str, Person] = {}
    if "userprincipalname" in col:
        upn, enabled, utype = col["userprincipalname"], col.get("accountenabled"), col.get("usertype")
        for line, row in rows:
            account = row.get(upn, "").lower()
            if not account:
                raise ExportFormatError(path, "empty value", line, upn)
            status = "active"
            if "#ext#" in account or (utype and row.get(utype, "").lower() == "guest"):
                status = "external"
            if enabled and row.get(enabled, ""):
                flag = _truthy(row[enabled])
                if flag is None:
                    raise ExportFormatError(path, f"unknown value {shown(row[enabled])} (True or False)", line, enabled)
                if not flag:
                    status = "disabled"
            display = row.get(col.get("displayname", ""), "")
            people[account] = Person(account, status, display)
            mail = row.get(col.get("mail", ""), "").lower()
            if mail and mail not in people:
                people[mail] = Person(mail, status, display)
    elif "email address [required]" in col:
        email, status_col = col["email address [required]"], col.get("status [read only]")
        mapping = {"active": "active", "": "active", "suspended": "disabled", "archived": "departed"}
        for line, row in rows:
            account = row.get(email, "").lower()
            if not account:
                raise ExportFormatError(path, "empty value", line, email)
            value = row.get(status_col, "").lower() if status_col else ""
            if value not in mapping:
                raise ExportFormatError(path, f"unknown value {shown(row.get(status_col))} (Active, Suspended or Archived)", line, status_col)
            people[account] = Person(account, mapping[value])
    elif "account" in col and "status" in col:
        acc, st, left = col["account"], col["status"], col.get("left_on")
        mapping = {"active": "active", "disabled": "disabled", "suspended": "disabled", "left": "departed"}
        for line, row in rows:
            account = row.get(acc, "").lower()
            if not account:
                raise ExportFormatError(path, "empty value", line, acc)
            value = row.get(st, "").lower()
            if value not in mapping:
                raise ExportFormatError(path, f"unknown value {shown(row.get(st))} (active, disabled, suspended or left)", line, st)
            status = mapping[value]
            if left and row.get(left) and _parse_date(path, row[left], line, left) <= today:
                status = "departed"
            people[account] = Person(account, status)
    else:
        raise ExportFormatError(path, "unknown roster format: expected an Entra ID, Google Workspace or account,status,left_on CSV", 1)
    return Roster(people)
