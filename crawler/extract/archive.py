"""zip archives: members become assets of their own (``a.zip!/dir/b.xlsx``), read in memory, with limits.

Limits (``crawler.limits.Limits``): nesting depth, member count, total expanded bytes, expansion
ratio (zip bombs) — the declared sizes are checked first and the actual bytes counted while reading,
since declared sizes can lie. Encrypted members (ZipCrypto or AES) are listed with ENCRYPTED; an
archive whose every file is encrypted (the "PPAP" habit) is itself ENCRYPTED. Member names written
by Japanese Windows without the UTF-8 flag are CP932 bytes: zipfile decodes them as CP437, so they are
re-encoded and decoded as CP932. Nothing is written to disk and member paths are only labels.
"""
from __future__ import annotations

import zipfile
from datetime import datetime
from typing import BinaryIO

from crawler.hashing import blake2b_bytes
from crawler.limits import Limits
from crawler.model import Extracted, ExtractError, Member, Problem, Reason

_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1


def member_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG:
        try:
            name = name.encode("cp437").decode("cp932")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")


def _mtime(info: zipfile.ZipInfo) -> float | None:
    try:
        return datetime(*info.date_time).timestamp()
    except (ValueError, OverflowError):
        return None


def _read_capped(z: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    chunks, total = [], 0
    with z.open(info) as fp:
        while block := fp.read(1 << 20):
            total += len(block)
            if total > cap:
                raise ExtractError(Reason.ARCHIVE_LIMIT, "member expands beyond the limit")
            chunks.append(block)
    return b"".join(chunks)


def extract_members(fp: BinaryIO, name: str, limits: Limits, depth: int, out: Extracted) -> None:
    from crawler.extract import extract_bytes

    if depth >= limits.archive_depth:
        raise ExtractError(Reason.ARCHIVE_LIMIT, f"archives nested deeper than {limits.archive_depth}")
    z = zipfile.ZipFile(fp)
    infos = [i for i in z.infolist() if not i.is_dir()]
    if len(infos) > limits.archive_members:
        infos = infos[: limits.archive_members]
        limit_hit = f"more than {limits.archive_members} members; the rest were not read"
    else:
        limit_hit = None
    expanded = 0
    encrypted = 0
    for info in infos:
        label = member_name(info)
        if info.flag_bits & _ENCRYPTED_FLAG or info.compress_type == 99:  # 99: WinZip AES
            encrypted += 1
            out.members.append(Member(label, info.file_size, _mtime(info), None, Extracted(problem=Problem(Reason.ENCRYPTED, "encrypted archive member"))))
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.archive_ratio and info.file_size > 1 << 20:
            raise ExtractError(Reason.ARCHIVE_LIMIT, f"member expansion ratio {ratio:.0f} exceeds {limits.archive_ratio:g} (zip bomb)")
        if expanded + info.file_size > limits.archive_total_bytes:
            raise ExtractError(Reason.ARCHIVE_LIMIT, f"archive expands beyond {limits.archive_total_bytes} bytes")
        cap = min(limits.member_bytes, limits.archive_total_bytes - expanded)
        try:
            data = _read_capped(z, info, cap)
        except ExtractError:
            raise
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
            reason = Reason.ENCRYPTED if "encrypted" in str(exc).lower() or "password" in str(exc).lower() else Reason.CORRUPT
            out.members.append(Member(label, info.file_size, _mtime(info), None, Extracted(problem=Problem(reason, f"member cannot be read ({type(exc).__name__})"))))
            continue
        expanded += len(data)
        inner = extract_bytes(data, label, limits, depth + 1)
        out.members.append(Member(label, len(data), _mtime(info), blake2b_bytes(data), inner))
    if infos and encrypted == len(infos):
        raise ExtractError(Reason.ENCRYPTED, f"all {encrypted} members are encrypted (password-protected archive)")
    if encrypted:
        out.problem = Problem(Reason.ENCRYPTED, f"{encrypted} of {len(infos)} members are encrypted", partial=True)
    if limit_hit:
        raise ExtractError(Reason.ARCHIVE_LIMIT, limit_hit)
