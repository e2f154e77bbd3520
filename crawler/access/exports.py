"""Cloud permission exports joined to a downloaded copy of the library, by path.

The format is sniffed from the CSV header or the JSON shape (``m365``, ``gdrive``, ``box``, ``s3``).
Paths are joined robustly: URL-decoded, Unicode NFC (macOS downloads are NFD), with the site/library
prefix stripped by matching on path suffixes: the export's ``/sites/Sales/Shared Documents/顧客/a.xlsx``
joins the local ``顧客/a.xlsx``. A grant on a folder applies to everything below it. Link URLs, tokens and
passwords in an export are never carried into the access model.
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from crawler.access.errors import ExportFormatError
from crawler.model import AccessEntry


@dataclass(frozen=True)
class ExportItem:
    path: str  # as the vendor wrote it (decoded)
    entry: AccessEntry | None  # None: the item is known but this row grants nothing by itself
    line: int | None = None


def norm_path(path: str) -> str:
    """URL-decode, drop scheme/host, NFC, '/' separators, no leading/trailing slash."""
    p = path.strip()
    if "://" in p:
        p = urlparse(p).path
    p = unquote(p).replace("\\", "/")
    p = unicodedata.normalize("NFC", p)
    return "/".join(part for part in p.split("/") if part and part != ".")


@dataclass
class PermissionExport:
    path: str
    format: str
    items: list[ExportItem] = field(default_factory=list)
    _index: dict[str, list[ExportItem]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for item in self.items:
            parts = norm_path(item.path).split("/")
            for i in range(len(parts)):
                self._index.setdefault("/".join(parts[i:]).lower(), []).append(item)
            if not parts or parts == [""]:
                self._index.setdefault("", []).append(item)

    def _matches(self, relpath: str) -> list[ExportItem]:
        found: list[ExportItem] = []
        parts = norm_path(relpath).split("/")
        for depth in range(len(parts), 0, -1):  # the item itself, then each ancestor folder
            found.extend(self._index.get("/".join(parts[:depth]).lower(), ()))
        found.extend(self._roots())
        return found

    def _roots(self) -> list[ExportItem]:
        """Items that stand for the library root itself (a site or library row)."""
        return self._index.get("", [])

    def covers(self, relpath: str) -> bool:
        return bool(self._matches(relpath))

    def grants_for(self, relpath: str) -> list[AccessEntry]:
        seen, out = set(), []
        own = norm_path(relpath).lower()
        for item in self._matches(relpath):
            if item.entry is None:
                continue
            entry = item.entry
            if not own.endswith(norm_path(item.path).lower()) and entry.via not in ("link",):
                entry = AccessEntry(entry.principal, entry.display, entry.kind, entry.right, "inherited", entry.status)
            key = (entry.principal, entry.right, entry.kind)
            if key not in seen:
                seen.add(key)
                out.append(entry)
        return out

    def unmatched_paths(self, local_paths: set[str]) -> list[str]:
        """Export items with no local file or folder (a partial download, a renamed file)."""
        local = {norm_path(p).lower() for p in local_paths}
        folders = {"/".join(p.split("/")[:i]) for p in local for i in range(1, p.count("/") + 1)}
        out = []
        for item in self.items:
            if not norm_path(item.path):
                continue  # the library root itself
            parts = norm_path(item.path).lower().split("/")
            if not any("/".join(parts[i:]) in local or "/".join(parts[i:]) in folders for i in range(len(parts))):
                out.append(item.path)
        return sorted(set(out))


def _csv_rows(path: str) -> tuple[list[str], list[tuple[int, dict]]]:
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp932", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    rows = []
    try:
        for row in reader:
            if None in row:
                raise ExportFormatError(path, f"{len(row[None]) + len(header)} fields where the header has {len(header)}", reader.line_num)
            rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    except csv.Error as exc:
        raise ExportFormatError(path, f"CSV syntax: {exc}", reader.line_num) from None
    return header, rows


def load_permissions(path: str) -> PermissionExport:
    head = Path(path).read_bytes()[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith((b"{", b"[")):
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        except json.JSONDecodeError as exc:
            raise ExportFormatError(path, f"JSON syntax: {exc.msg} (column {exc.colno})", exc.lineno) from None
        from crawler.access import gdrive, m365, s3

        for module in (m365, gdrive, s3):
            if module.sniff_json(data):
                return PermissionExport(path, module.FORMAT + "-json", module.parse_json(path, data))
        raise ExportFormatError(path, "unknown JSON permission export (expected Microsoft Graph, Google Drive v3 or S3 ACL/policy)", 1)
    header, rows = _csv_rows(path)
    from crawler.access import box, gdrive, m365

    for module in (m365, gdrive, box):
        if module.sniff_csv(header):
            return PermissionExport(path, module.FORMAT + "-csv", module.parse_csv(path, header, rows))
    raise ExportFormatError(path, "unknown CSV permission export (expected a SharePoint/OneDrive sharing report, GAM file list or Box report)", 1)
