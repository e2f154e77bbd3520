"""Open Packaging Conventions (the zip container of docx and pptx): parts opened under the archive limits,
relationships, the main part. lxml only, entities never expanded, nothing fetched."""
from __future__ import annotations

import posixpath
import zipfile

from lxml import etree

from crawler.limits import Limits
from crawler.model import ExtractError, Reason

PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def open_part(zf: zipfile.ZipFile, name: str, limits: Limits):
    """The part as a stream, None if the package has no such part; a part that expands like a bomb is refused."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > limits.archive_total_bytes or (info.compress_size and info.file_size / info.compress_size > limits.archive_ratio and info.file_size > 1 << 20):
        raise ExtractError(Reason.ARCHIVE_LIMIT, f"part {posixpath.basename(name)} expands to {info.file_size} bytes")
    return zf.open(info)


def relationships(zf: zipfile.ZipFile, part: str, limits: Limits, with_types: bool = False) -> dict:
    """Relationship id → part name for ``part`` (read from its ``_rels`` file); external targets left out.
    ``with_types``: id → (part name, relationship type)."""
    base = posixpath.dirname(part)
    fp = open_part(zf, posixpath.join(base, "_rels", posixpath.basename(part) + ".rels"), limits)
    if fp is None:
        return {}
    out: dict = {}
    with fp:
        for _, el in etree.iterparse(fp, events=("end",), tag=PKG_RELS, resolve_entities=False, no_network=True):
            target = el.get("Target") or ""
            if el.get("TargetMode") != "External" and el.get("Id"):
                name = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(base, target))
                out[el.get("Id")] = (name, el.get("Type") or "") if with_types else name
            el.clear()
    return out


def main_part(zf: zipfile.ZipFile, limits: Limits, default: str) -> str:
    """The package's officeDocument part (``default`` when the package does not say or names a missing part)."""
    fp = open_part(zf, "_rels/.rels", limits)
    if fp is not None:
        with fp:
            for _, el in etree.iterparse(fp, events=("end",), tag=PKG_RELS, resolve_entities=False, no_network=True):
                if (el.get("Type") or "").endswith("/officeDocument"):
                    target = (el.get("Target") or "").lstrip("/")
                    if target in zf.NameToInfo:
                        return target
    return default
