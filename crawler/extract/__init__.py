"""Text extraction: sniff the format, run its extractor, cap the work, turn failures into Problems.

Each format module holds a plain function ``extract(fp, name, limits, depth) -> Iterator[Segment]``
that raises ``ExtractError`` (STYLE.md, scancode: a per-file scanner is a plain function). This module
never raises for a problem with the file: ``extract_path`` and ``extract_bytes`` return an
``Extracted`` whose ``problem`` says what went wrong, keeping whatever was read before.
"""
from __future__ import annotations

import io
import logging
import os
import zlib
from dataclasses import replace
from typing import BinaryIO, Callable, Iterator

from crawler.limits import Limits
from crawler.model import Extracted, ExtractError, Problem, Reason, Segment
from crawler.extract.sniff import IMAGE_KINDS, sniff

log = logging.getLogger("tanaoroshi.extract")


def _extractor(kind: str) -> Callable[..., Iterator[Segment]] | None:
    if kind == "docx":
        from crawler.extract import docx as mod
    elif kind == "xlsx":
        from crawler.extract import xlsx as mod
    elif kind == "pptx":
        from crawler.extract import pptx as mod
    elif kind == "pdf":
        from crawler.extract import pdf as mod
    elif kind in ("csv", "txt"):
        from crawler.extract import text as mod
    elif kind == "eml":
        from crawler.extract import eml as mod
    elif kind == "msg":
        from crawler.extract import msg as mod
    elif kind in IMAGE_KINDS:
        from crawler.extract import image as mod
    else:
        return None
    return mod.extract


def extract_path(path: str, limits: Limits = Limits(), name: str | None = None) -> Extracted:
    name = name or os.path.basename(path)
    try:
        size = os.stat(path).st_size
        if size > limits.max_file_bytes:
            return Extracted(problem=Problem(Reason.TOO_LARGE, f"{size} bytes exceeds the limit of {limits.max_file_bytes}"))
        with open(path, "rb") as fp:
            return extract_stream(fp, name, size, limits)
    except PermissionError:
        return Extracted(problem=Problem(Reason.PERMISSION_DENIED, "read permission denied", "read"))
    except FileNotFoundError:
        return Extracted(problem=Problem(Reason.VANISHED, "file vanished before it was read", "read"))
    except IsADirectoryError:
        return Extracted(problem=Problem(Reason.UNSUPPORTED, "a directory, not a file", "read"))
    except OSError as exc:
        return Extracted(problem=Problem(Reason.CORRUPT, f"read error: {exc.strerror or type(exc).__name__}", "read"))


def extract_bytes(data: bytes, name: str, limits: Limits = Limits(), depth: int = 0) -> Extracted:
    return extract_stream(io.BytesIO(data), name, len(data), limits, depth)


def extract_stream(fp: BinaryIO, name: str, size: int, limits: Limits = Limits(), depth: int = 0) -> Extracted:
    """Extract from a seekable binary stream (a local file, a spooled SMB file, an archive member)."""
    if limits.ocr and limits.ocr_deadline is None:
        from crawler.extract.ocr import file_deadline

        limits = replace(limits, ocr_deadline=file_deadline(limits))  # members and attachments share it
    head = fp.read(8192)
    fp.seek(0)
    try:
        kind = sniff(head, name, fp)
    except ExtractError as exc:
        return Extracted(problem=Problem(exc.reason, exc.message))
    out = Extracted(kind=kind)
    if kind == "zip":
        from crawler.extract import archive

        try:
            archive.extract_members(fp, name, limits, depth, out)
        except ExtractError as exc:
            out.problem = Problem(exc.reason, exc.message, partial=_members_read(out))
        except MemoryError:
            raise
        except Exception as exc:  # any library failure on hostile input is this file's problem only
            out.problem = Problem(Reason.CORRUPT, f"{type(exc).__name__} while reading the archive", partial=_members_read(out))
        return out
    func = _extractor(kind)
    if func is None:
        out.problem = Problem(Reason.UNSUPPORTED, f"format {kind or 'unknown'} is not read")
        return out
    try:
        for seg in func(fp, name, limits, depth):
            if seg.ocr:
                out.ocr_pages += 1
            if not seg.text or not seg.text.strip():
                continue
            room = limits.max_chars - out.chars
            if len(seg.text) > room:
                if room > 0:
                    out.segments.append(replace(seg, text=seg.text[:room]))
                    out.chars += room
                out.problem = Problem(Reason.TOO_LARGE, f"extracted text exceeds {limits.max_chars} characters; the rest was not read", partial=True)
                break
            out.segments.append(seg)
            out.chars += len(seg.text)
    except ExtractError as exc:
        out.problem = Problem(exc.reason, exc.message, partial=bool(out.segments))
    except MemoryError:
        raise
    except RecursionError:
        out.problem = Problem(Reason.CORRUPT, "structure nested too deeply", partial=bool(out.segments))
    except (zlib.error, EOFError, KeyError, ValueError, IndexError, TypeError, AttributeError, AssertionError, OSError, UnicodeError, LookupError) as exc:
        out.problem = Problem(Reason.CORRUPT, f"{type(exc).__name__} while parsing {kind}", partial=bool(out.segments))
    except Exception as exc:  # parser libraries raise their own types on hostile input; never let one stop the crawl
        out.problem = Problem(Reason.CORRUPT, f"{type(exc).__name__} while parsing {kind}", partial=bool(out.segments))
    return out


def _members_read(out: Extracted) -> bool:
    """Whether any member of an archive was read (then the archive's findings are partial, not absent)."""
    return any(m.extracted.segments or m.extracted.members for m in out.members)


def prefixed(extracted: Extracted, prefix: str) -> Iterator[Segment]:
    """Segments of a nested document (an attachment) with their location prefixed, members included."""
    for seg in extracted.segments:
        yield replace(seg, where=f"{prefix} › {seg.where}")
    for member in extracted.members:
        yield from prefixed(member.extracted, f"{prefix} › {member.name}")
