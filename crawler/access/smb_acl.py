"""Windows security descriptors (read over SMB) → who can read the file (DESIGN.md §7).

Parsing uses smbprotocol's own structures ([MS-DTYP] 2.4.6 ``SMB2CreateSDBuffer``, ``AclPacket``,
``AccessAllowedAce``/``AccessDeniedAce``, ``SIDPacket``); this module only checks the offsets they trust
(a hostile or truncated descriptor must give :class:`SecurityDescriptorError`, not garbage or a crash) and
turns the result into plain frozen dataclasses.

Effective rights, not written ones:
- An ACE counts only when its mask holds a read right: FILE_READ_DATA (= FILE_LIST_DIRECTORY, which
  FILE_GENERIC_READ contains), GENERIC_READ or GENERIC_ALL. Samba writes an ``Everyone`` ACE with mask 0
  to stand for POSIX "other" without rights: it grants nothing and is not listed.
- Inherit-only ACEs (flag INHERIT_ONLY) only pass to children; they grant nothing on the object itself
  (that is where CREATOR OWNER / CREATOR GROUP live).
- Generic bits (GENERIC_READ/WRITE/EXECUTE/ALL) are mapped to the file rights they stand for first, so a
  deny of GENERIC_ALL meets an allow of FILE_READ_DATA.
- ACEs are evaluated in order, as Windows does for one SID: a deny ACE takes away the bits no earlier
  ACE granted, an allow ACE grants the bits no earlier ACE denied. The SID of a principal is all we know of
  it (not its group memberships), so a deny ACE on the principal's own SID or on Everyone (which holds
  every account) applies to it; a deny on another group cannot be applied without a membership lookup.
- A missing DACL (a NULL DACL, no DACL_PRESENT flag) grants everyone everything: listed as Everyone with
  read and write. An empty DACL grants nothing.

What comes out: the owner (``right="owner"``, ``via="owner"``), then one :class:`AccessEntry` for each SID
that can read, with ``right="write"`` when it can also write the data and ``"read"`` otherwise, and
``via="inherited"`` when the ACE that gave the read right was inherited from a parent folder, ``"acl"``
when it was set on the object. Kinds come from :mod:`crawler.access.sids` (Everyone → organization …).
Names: SIDs are the principals; ``names`` (a SID → name map from an LSA lookup or a directory export)
gives the display, else the well-known name, else Samba's ``Unix User\\<uid>``, else the SID.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass

from smbprotocol.security_descriptor import (
    AccessAllowedAce,
    AccessDeniedAce,
    AclPacket,
    SDControl,
    SIDPacket,
    SMB2CreateSDBuffer,
)

from crawler.access import sids
from crawler.model import AccessEntry

# [MS-DTYP] 2.4.3 ACCESS_MASK and [MS-SMB2] 2.2.13.1.1 file access bits.
FILE_READ_DATA = 0x00000001
FILE_WRITE_DATA = 0x00000002
FILE_APPEND_DATA = 0x00000004
GENERIC_ALL = 0x10000000
GENERIC_WRITE = 0x40000000
GENERIC_READ = 0x80000000
FILE_GENERIC_READ = 0x00120089
READ_RIGHTS = FILE_READ_DATA | GENERIC_READ | GENERIC_ALL  # generic bits are mapped first; kept for raw masks
WRITE_RIGHTS = FILE_WRITE_DATA | FILE_APPEND_DATA | GENERIC_WRITE | GENERIC_ALL

# [MS-DTYP] 2.4.4.1 ACE_HEADER flags.
OBJECT_INHERIT = 0x01
CONTAINER_INHERIT = 0x02
INHERIT_ONLY = 0x08
INHERITED = 0x10

ALLOW, DENY = 0x00, 0x01

# SECURITY_INFORMATION flags for an SMB2 QUERY_INFO of type SMB2_0_INFO_SECURITY ([MS-DTYP] 2.4.7).
OWNER_SECURITY_INFORMATION = 0x1
GROUP_SECURITY_INFORMATION = 0x2
DACL_SECURITY_INFORMATION = 0x4

_HEADER = 20  # SECURITY_DESCRIPTOR_RELATIVE header size


class SecurityDescriptorError(ValueError):
    """A descriptor that cannot be parsed. The message names the defect, never the bytes."""


@dataclass(frozen=True)
class Ace:
    ace_type: int  # 0 allow, 1 deny, other types are kept but never grant anything
    flags: int
    mask: int
    sid: str

    @property
    def inherited(self) -> bool:
        return bool(self.flags & INHERITED)

    @property
    def inherit_only(self) -> bool:
        return bool(self.flags & INHERIT_ONLY)


@dataclass(frozen=True)
class SecurityDescriptor:
    owner: str | None
    group: str | None
    dacl: tuple[Ace, ...] | None  # None: a NULL DACL (everyone has full access)
    control: int = 0

    @property
    def dacl_protected(self) -> bool:
        """Inheritance from the parent folder is switched off on this object."""
        return bool(self.control & SDControl.DACL_PROTECTED)


def _sid_at(data: bytes, offset: int, what: str) -> str | None:
    if offset == 0:
        return None
    if offset < _HEADER or offset + 8 > len(data):
        raise SecurityDescriptorError(f"{what} SID offset outside the descriptor")
    count = data[offset + 1]
    if offset + 8 + 4 * count > len(data):
        raise SecurityDescriptorError(f"{what} SID runs past the end of the descriptor")
    sid = SIDPacket()
    sid.unpack(data[offset:])
    return str(sid)


def _acl_at(data: bytes, offset: int) -> tuple[Ace, ...]:
    if offset < _HEADER or offset + 8 > len(data):
        raise SecurityDescriptorError("DACL offset outside the descriptor")
    size, count = struct.unpack_from("<HH", data, offset + 2)
    if size < 8 or offset + size > len(data):
        raise SecurityDescriptorError("DACL size runs past the end of the descriptor")
    body = data[offset : offset + size]
    # Check every ACE header before smbprotocol walks them: its loop trusts ace_size.
    pos = 8
    for _ in range(count):
        if pos + 4 > size:
            raise SecurityDescriptorError("ACE runs past the end of the DACL")
        ace_type, _flags, ace_size = struct.unpack_from("<BBH", body, pos)
        if ace_size < 4 or pos + ace_size > size:
            raise SecurityDescriptorError("ACE size runs past the end of the DACL")
        if ace_type in (ALLOW, DENY):
            if ace_size < 16 or 16 + 4 * body[pos + 9] > ace_size:
                raise SecurityDescriptorError("ACE SID runs past the end of the ACE")
        pos += ace_size
    acl = AclPacket()
    acl.unpack(body)
    aces = []
    for ace in acl["aces"].get_value():
        if isinstance(ace, (AccessAllowedAce, AccessDeniedAce)):
            aces.append(Ace(ace["ace_type"].get_value(), ace["ace_flags"].get_value(), ace["mask"].get_value(), str(ace["sid"].get_value())))
        else:  # object, callback, audit … ACEs: raw bytes from smbprotocol; kept so the order stays true
            raw = bytes(ace)
            aces.append(Ace(raw[0], raw[1], struct.unpack_from("<I", raw, 4)[0] if len(raw) >= 8 else 0, ""))
    return tuple(aces)


def parse_security_descriptor(data: bytes) -> SecurityDescriptor:
    """Parse a self-relative SECURITY_DESCRIPTOR as an SMB2 QUERY_INFO (security) returns it."""
    if len(data) < _HEADER:
        raise SecurityDescriptorError("descriptor shorter than its header")
    if data[0] != 1:
        raise SecurityDescriptorError("unknown descriptor revision")
    header = SMB2CreateSDBuffer()
    try:
        header.unpack(data)
    except Exception as exc:  # smbprotocol raises struct/value errors on bad input
        raise SecurityDescriptorError(f"descriptor header unreadable ({type(exc).__name__})") from None
    control = header["control"].get_value()
    if not control & SDControl.SELF_RELATIVE:
        raise SecurityDescriptorError("descriptor is not self-relative")
    try:
        owner = _sid_at(data, header["offset_owner"].get_value(), "owner")
        group = _sid_at(data, header["offset_group"].get_value(), "group")
        dacl: tuple[Ace, ...] | None = None
        if control & SDControl.DACL_PRESENT:
            offset = header["offset_dacl"].get_value()
            dacl = _acl_at(data, offset) if offset else None  # DACL_PRESENT with offset 0 is a NULL DACL too
    except SecurityDescriptorError:
        raise
    except Exception as exc:
        raise SecurityDescriptorError(f"descriptor body unreadable ({type(exc).__name__})") from None
    return SecurityDescriptor(owner, group, dacl, control)


_GENERIC_MAP = (  # [MS-DTYP] 2.4.3 / file objects' generic mapping, so deny GENERIC_ALL meets allow FILE_READ_DATA
    (GENERIC_READ, FILE_GENERIC_READ),
    (GENERIC_WRITE, 0x00120116),  # FILE_GENERIC_WRITE
    (0x20000000, 0x001200A0),  # GENERIC_EXECUTE → FILE_GENERIC_EXECUTE
    (GENERIC_ALL, 0x001F01FF),  # FILE_ALL_ACCESS
)


def _specific(mask: int) -> int:
    for generic, specific in _GENERIC_MAP:
        if mask & generic:
            mask = (mask & ~generic) | specific
    return mask


def _effective(dacl: tuple[Ace, ...], sid: str) -> tuple[int, Ace | None]:
    """(granted mask, the first ACE that granted a read right) for one SID, ACEs in order."""
    granted = denied = 0
    read_from: Ace | None = None
    for ace in dacl:
        if ace.inherit_only or ace.ace_type not in (ALLOW, DENY):
            continue
        if ace.sid != sid and not (ace.ace_type == DENY and ace.sid == sids.EVERYONE):
            continue
        mask = _specific(ace.mask)
        if ace.ace_type == DENY:
            denied |= mask & ~granted
        else:
            new = mask & ~denied
            if read_from is None and new & READ_RIGHTS:
                read_from = ace
            granted |= new
    return granted, read_from


def access_entries(sd: SecurityDescriptor, names: dict[str, str] | None = None) -> list[AccessEntry]:
    """The owner, then every SID the DACL lets read the object (see the module docstring)."""
    out: list[AccessEntry] = []
    if sd.owner:
        out.append(AccessEntry(sd.owner, sids.display_of(sd.owner, names), sids.kind_of(sd.owner), "owner", "owner"))
    if sd.dacl is None:
        sid = sids.EVERYONE
        out.append(AccessEntry(sid, sids.display_of(sid, names), sids.kind_of(sid), "write", "acl"))
        return out
    seen: list[str] = []
    for ace in sd.dacl:
        if ace.ace_type == ALLOW and not ace.inherit_only and ace.sid not in seen:
            seen.append(ace.sid)
    for sid in seen:
        granted, read_from = _effective(sd.dacl, sid)
        if not granted & READ_RIGHTS or read_from is None:
            continue
        right = "write" if granted & WRITE_RIGHTS else "read"
        via = "inherited" if read_from.inherited else "acl"
        out.append(AccessEntry(sid, sids.display_of(sid, names), sids.kind_of(sid), right, via))
    return out


def owner_name(sd: SecurityDescriptor, names: dict[str, str] | None = None) -> str | None:
    """The owner as an Entry holds it: the resolved name when ``names`` has one, else the SID (stable, and
    what a roster keyed by SID matches)."""
    if not sd.owner:
        return None
    return names.get(sd.owner, sd.owner) if names else sd.owner
