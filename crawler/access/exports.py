"""Cloud permission exports joined to a downloaded copy of the library, by path.

``load_permissions(path)`` sniffs the format from the CSV header or the JSON shape (Microsoft 365 sharing
report / Graph permissions, Google Drive v3 JSON / GAM file list, Box collaborations / shared links, S3
bucket ACL / policy; docs/access-exports.md lists the columns) and returns a :class:`PermissionExport`.

Joining an export path to a local path (``PermissionExport.grants_for(relpath)``):
- the export path is URL-decoded, stripped of scheme and host, NFC-normalised (macOS downloads are NFD),
  '\\' becomes '/', and compared case-insensitively (SharePoint and Box paths are case-insensitive);
- the vendor's library prefix is removed: ``sites|teams|personal/<site>/<library>/`` (SharePoint,
  OneDrive), ``…/root:/`` (Graph), ``My Drive/`` / ``マイドライブ/`` / ``Shared drives/<drive>/`` (Google),
  ``All Files/`` / ``すべてのファイル/`` (Box): ``https://contoso.sharepoint.com/sites/Sales/Shared
  Documents/顧客/a.xlsx`` is ``顧客/a.xlsx`` under the downloaded library folder;
- when the scan root is a sub-folder of the library (someone downloaded only ``顧客``), the local path's first
  segment is looked up below the library root, and the shallowest folder that holds it is taken as the
  download root (an item at the library root itself always wins);
- a grant on a folder applies to everything below it (``via`` becomes ``inherited`` unless it is a link).

``unmatched_paths(local_paths)`` lists export items with no local counterpart; ``local_only(local_paths)``
lists local paths that no export item describes. Link URLs, tokens and passwords in an export never reach
an :class:`AccessEntry`: the parsers keep the link's scope and type only.
"""
from __future__ import annotations

import bisect
import csv
import io
import json
import json.decoder
import json.scanner
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from crawler.access.errors import ExportFormatError
from crawler.model import AccessEntry


@dataclass(frozen=True)
class ExportItem:
    path: str  # as the vendor wrote it (URL-decoded by the parser when it was a URL)
    entry: AccessEntry | None  # None: the item is known but this row grants nothing by itself
    line: int | None = None


# --- paths -----------------------------------------------------------------------------------------------

_GOOGLE_ROOTS = {"my drive", "マイドライブ"}
_GOOGLE_SHARED = {"shared drives", "共有ドライブ"}
_BOX_ROOTS = {"all files", "すべてのファイル"}
_SP_ROOTS = {"sites", "teams", "personal"}


def norm_path(path: str) -> str:
    """URL-decode, drop scheme/host, NFC, '/' separators, no empty or '.' segments."""
    p = (path or "").strip()
    if "://" in p:
        p = urlparse(p).path
    p = unquote(p).replace("\\", "/")
    p = unicodedata.normalize("NFC", p)
    return "/".join(part for part in p.split("/") if part and part != ".")


def library_relative(path: str) -> str:
    """The path below the vendor's library root, case-folded: the key export items are joined on."""
    parts = norm_path(path).split("/") if norm_path(path) else []
    low = [p.casefold() for p in parts]
    for i, part in enumerate(low):  # Graph: /drive/root:/a/b, /drives/{id}/root:/a/b
        if part.endswith("root:"):
            return "/".join(low[i + 1:])
    if low and low[0] in _SP_ROOTS:
        return "/".join(low[3:])
    if low and low[0] in _GOOGLE_ROOTS or low and low[0] in _BOX_ROOTS:
        return "/".join(low[1:])
    if low and low[0] in _GOOGLE_SHARED:
        return "/".join(low[2:])
    return "/".join(low)


def _join(*parts: str) -> str:
    return "/".join(p for p in parts if p)


def _prefixes(key: str) -> list[str]:
    """'a/b/c' -> ['a', 'a/b', 'a/b/c']."""
    parts = key.split("/") if key else []
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


@dataclass
class PermissionExport:
    path: str
    format: str
    items: list[ExportItem] = field(default_factory=list)
    _keys: dict[str, list[ExportItem]] = field(default_factory=dict, repr=False)
    _folders: set[str] = field(default_factory=set, repr=False)
    _offsets: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for item in self.items:
            key = library_relative(item.path)
            self._keys.setdefault(key, []).append(item)
            self._folders.update(_prefixes(key))

    def _offset(self, first: str) -> str:
        """Where the local tree's top level sits in the library ('' = the library root itself)."""
        if first in self._offsets:
            return self._offsets[first]
        if first in self._folders:
            found = ""
        else:
            suffix = "/" + first
            candidates = sorted((k[: -len(suffix)] for k in self._folders if k.endswith(suffix)), key=lambda k: (k.count("/"), k))
            found = candidates[0] if candidates else ""
        self._offsets[first] = found
        return found

    def _mapped(self, relpath: str) -> str:
        local = norm_path(relpath).casefold()
        return _join(self._offset(local.split("/", 1)[0]), local) if local else ""

    def _matches(self, relpath: str) -> list[tuple[str, ExportItem]]:
        mapped = self._mapped(relpath)
        found: list[tuple[str, ExportItem]] = []
        for key in reversed(_prefixes(mapped)):  # the item itself, then each ancestor folder
            found.extend((key, item) for item in self._keys.get(key, ()))
        found.extend(("", item) for item in self._keys.get("", ()))  # the library (site, bucket) itself
        return found

    def covers(self, relpath: str) -> bool:
        """True when some export item applies to ``relpath`` (itself, a folder above it, or the library)."""
        return bool(self._matches(relpath))

    def grants_for(self, relpath: str) -> list[AccessEntry]:
        own = self._mapped(relpath)
        seen, out = set(), []
        for key, item in self._matches(relpath):
            entry = item.entry
            if entry is None:
                continue
            if key != own and entry.via not in ("link", "inherited"):
                entry = AccessEntry(entry.principal, entry.display, entry.kind, entry.right, "inherited", entry.status)
            k = (entry.principal, entry.kind, entry.right, entry.via)
            if k not in seen:
                seen.add(k)
                out.append(entry)
        return out

    def unmatched_paths(self, local_paths) -> list[str]:
        """Export items (as the vendor wrote them) with no local file or folder: a partial download, a rename."""
        present: set[str] = set()
        for p in local_paths:
            present.update(_prefixes(self._mapped(p)))
        out = {item.path for key, items in self._keys.items() if key for item in items if key not in present and not self._above_root(key)}
        return sorted(out)

    def _above_root(self, key: str) -> bool:
        """A folder above the download root (the user downloaded a sub-folder of it)."""
        return any(off and (off == key or off.startswith(key + "/")) for off in self._offsets.values())

    def local_only(self, local_paths) -> list[str]:
        """Local paths that no export item describes."""
        return sorted(p for p in local_paths if not self.covers(p))


# --- reading ---------------------------------------------------------------------------------------------


def _decode(path: str) -> str:
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # Excel on Japanese Windows saves CSV as CP932
            return raw.decode("cp932")
        except UnicodeDecodeError:
            raise ExportFormatError(path, "neither UTF-8 nor CP932 text") from None


def read_csv(path: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and (line, row) pairs; BOM, CRLF and quoted fields handled by the csv module.

    The line is the physical line the row starts on (quoted fields may span lines)."""
    text = _decode(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ExportFormatError(path, "empty file", 1) from None
    except csv.Error as exc:
        raise ExportFormatError(path, f"CSV syntax: {exc}", reader.line_num) from None
    rows = []
    start = reader.line_num + 1
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                start = reader.line_num + 1
                continue
            if len(values) > len(header):
                raise ExportFormatError(path, f"{len(values)} fields where the header has {len(header)}", start, None)
            row = {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ExportFormatError(path, f"CSV syntax: {exc}", reader.line_num) from None
    return header, rows


class JsonObject(dict):
    """A JSON object that remembers the line it starts on (for error messages)."""

    line: int | None = None


def read_json(path: str):
    """Parse JSON keeping each object's line (``JsonObject.line``): the standard decoder with its
    pure-Python scanner, whose object hook receives the position."""
    text = _decode(path)
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def parse_object(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None, *args):
        s, end = s_and_end
        obj, new_end = json.decoder.JSONObject(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo)
        located = JsonObject(obj)
        located.line = bisect.bisect_right(starts, end - 1)
        return located, new_end

    decoder = json.JSONDecoder()
    decoder.parse_object = parse_object
    decoder.scan_once = json.scanner.py_make_scanner(decoder)
    try:
        return decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise ExportFormatError(path, f"JSON syntax: {exc.msg} (character {exc.colno})", exc.lineno) from None


def line_of(obj) -> int | None:
    return getattr(obj, "line", None)


def shown(value, limit: int = 40) -> str:
    """An enumerated value quoted for an error message (never a whole cell of free text)."""
    text = str(value)
    return repr(text if len(text) <= limit else text[:limit] + "…")


def load_permissions(path: str) -> PermissionExport:
    from crawler.access import box, gdrive, m365, s3

    head = Path(path).read_bytes()[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith((b"{", b"[")):
        data = read_json(path)
        for module in (m365, gdrive, s3):
            if module.sniff_json(data):
                return PermissionExport(path, module.FORMAT + "-json", module.parse_json(path, data))
        raise ExportFormatError(path, "unknown JSON permission export (expected Microsoft Graph, Google Drive v3 or S3 ACL/policy)", 1)
    header, rows = read_csv(path)
    for module in (m365, gdrive, box):
        if module.sniff_csv(header):
            return PermissionExport(path, module.FORMAT + "-csv", module.parse_csv(path, header, rows))
    raise ExportFormatError(path, "unknown CSV permission export (expected a SharePoint/OneDrive sharing report, GAM file list or Box report)", 1)
