"""Identity rosters: who is active, departed (退職者) or external.

Formats (sniffed from the header):
- Entra ID user export CSV: ``userPrincipalName``, ``accountEnabled``, ``userType`` (Guest → external;
  ``#EXT#`` in the UPN → external; accountEnabled false → departed).
- Google Workspace users CSV: ``Email Address [Required]``, ``Status [READ ONLY]`` (Suspended → departed).
- Plain CSV: ``account,status,left_on`` with status active / disabled / suspended / left; a ``left_on`` date in
  the past means departed whatever the status says.
Disabled, suspended and left accounts all count as DEPARTED for exposure: none of them should still hold
rights to personal data. Matching is case-insensitive; a local POSIX account name matches an e-mail whose
local part equals it within an organisation domain (``sato`` ↔ ``sato@example.co.jp``).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import date

from crawler.access.errors import ExportFormatError
from crawler.model import AccessEntry


@dataclass(frozen=True)
class Person:
    account: str
    status: str  # active / departed / external


def _read_csv(path: str) -> tuple[list[str], list[tuple[int, dict]]]:
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp932", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    rows = []
    for row in reader:
        rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items() if k is not None}))
    return header, rows


def _truthy(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "yes", "y", "有効")


class Roster:
    def __init__(self, people: dict[str, Person]):
        self.people = people

    def __len__(self) -> int:
        return len(self.people)

    def lookup(self, principal: str, org_domains: list[str]) -> Person | None:
        key = principal.strip().lower()
        if key in self.people:
            return self.people[key]
        if "@" not in key:
            for domain in org_domains:
                hit = self.people.get(f"{key}@{domain}")
                if hit:
                    return hit
        return None

    def status(self, principal: str, org_domains: list[str]) -> str:
        person = self.lookup(principal, org_domains)
        if person is not None and person.status != "active":
            return person.status
        if "#ext#" in principal.lower():
            return "external"
        if "@" in principal and org_domains:
            domain = principal.rsplit("@", 1)[1].lower()
            if not any(domain == d or domain.endswith("." + d) for d in org_domains):
                return "external"
        return "active" if person is not None else "unknown"

    def apply(self, entries: list[AccessEntry], org_domains: list[str]) -> list[AccessEntry]:
        out = []
        for e in entries:
            if e.kind in ("user", "group"):
                out.append(replace(e, status=self.status(e.principal, org_domains)))
            elif e.kind == "domain":
                external = org_domains and not any(e.principal.lower() == d or e.principal.lower().endswith("." + d) for d in org_domains)
                out.append(replace(e, status="external" if external else "active"))
            else:
                out.append(e)
        return out


def load_roster(path: str, today: date | None = None) -> Roster:
    today = today or date.today()
    header, rows = _read_csv(path)
    lower = {h.lower(): h for h in header}
    people: dict[str, Person] = {}
    if "userprincipalname" in lower:
        upn, enabled, utype = lower["userprincipalname"], lower.get("accountenabled"), lower.get("usertype")
        for line, row in rows:
            account = row.get(upn, "").lower()
            if not account:
                raise ExportFormatError(path, "empty userPrincipalName", line, "userPrincipalName")
            status = "active"
            if "#ext#" in account or (utype and row.get(utype, "").lower() == "guest"):
                status = "external"
            if enabled and row.get(enabled, "") and not _truthy(row[enabled]):
                status = "departed"
            people[account] = Person(account, status)
            mail = row.get(lower.get("mail", ""), "").lower()
            if mail:
                people[mail] = Person(mail, status)
    elif "email address [required]" in lower:
        email, status_col = lower["email address [required]"], lower.get("status [read only]")
        for line, row in rows:
            account = row.get(email, "").lower()
            if not account:
                raise ExportFormatError(path, "empty e-mail address", line, "Email Address [Required]")
            value = row.get(status_col, "Active").lower() if status_col else "active"
            if value not in ("active", "suspended", "archived", ""):
                raise ExportFormatError(path, f"unknown status {row.get(status_col)!r}", line, "Status [READ ONLY]")
            people[account] = Person(account, "active" if value in ("active", "") else "departed")
    elif "account" in lower and "status" in lower:
        acc, st, left = lower["account"], lower["status"], lower.get("left_on")
        for line, row in rows:
            account = row.get(acc, "").lower()
            if not account:
                raise ExportFormatError(path, "empty account", line, "account")
            value = row.get(st, "").lower()
            if value not in ("active", "disabled", "suspended", "left"):
                raise ExportFormatError(path, f"unknown status {row.get(st)!r} (active, disabled, suspended or left)", line, "status")
            status = "active" if value == "active" else "departed"
            if left and row.get(left):
                try:
                    if date.fromisoformat(row[left].replace("/", "-")) <= today:
                        status = "departed"
                except ValueError:
                    raise ExportFormatError(path, f"not a date {row[left]!r} (YYYY-MM-DD)", line, "left_on") from None
            people[account] = Person(account, status)
    else:
        raise ExportFormatError(path, "unknown roster format: expected an Entra ID, Google Workspace or account,status,left_on CSV", 1)
    return Roster(people)
