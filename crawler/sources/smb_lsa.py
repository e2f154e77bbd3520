"""SID → account name over SMB: LSARPC ``LsarLookupSids`` on the server's ``\\\\host\\IPC$\\lsarpc`` pipe.

Why hand-written: smbprotocol (the SMB client we use) speaks SMB2/3 but no DCE/RPC; the libraries that
do (impacket, Samba's own Python bindings) are not dependencies of this project and Samba's ``rpcclient``/
``wbinfo`` are not to be shelled out to from a scanner. What is needed is small: one connection-oriented
DCE/RPC bind ([C706] 12.6, [MS-RPCE] 2.2.2) and three calls of [MS-LSAT] — ``LsarOpenPolicy2`` (opnum 44),
``LsarLookupSids`` (opnum 15) and ``LsarClose`` (opnum 0) — marshalled in NDR 2.0 by the few helpers
below, over the named pipe that smbclient opens for us (same session as the walk, no new logon).

Each response is parsed defensively: a bad or hostile reply raises :class:`LsaError` (never an
IndexError deep inside), and the caller keeps the SID when a lookup fails. Names come back as
``DOMAIN\\name`` (``TANATEST\\sato``, ``Unix Group\\hr``); SIDs the server cannot map are left out.
"""
from __future__ import annotations

import struct
import uuid
from typing import Iterable

import smbclient
from smbprotocol.security_descriptor import SIDPacket

LSARPC = uuid.UUID("12345778-1234-abcd-ef00-0123456789ab")  # [MS-LSAT] 1.9, interface version 0.0
NDR = uuid.UUID("8a885d04-1ceb-11c9-9fe8-08002b104860")  # NDR 2.0 transfer syntax
MAX_FRAG = 4280
POLICY_LOOKUP_NAMES = 0x00000800
LOOKUP_WKSTA = 1  # LSAP_LOOKUP_LEVEL LsapLookupWksta: every kind of SID, the server's own view
STATUS_SOME_NOT_MAPPED = 0x00000107
STATUS_NONE_MAPPED = 0xC0000073
BATCH = 500  # SIDs per LsarLookupSids call (servers accept up to 20,480)

_BIND, _BIND_ACK, _BIND_NAK, _REQUEST, _RESPONSE, _FAULT = 11, 12, 13, 0, 2, 3
_FIRST, _LAST = 0x01, 0x02
_DREP = b"\x10\x00\x00\x00"  # little-endian integers, ASCII, IEEE floats


class LsaError(Exception):
    """The lookup could not be done (refused, faulted or an unreadable reply). No secret in it."""


class _Reader:
    """NDR little-endian reader with alignment relative to the start of the stub."""

    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def align(self, n: int) -> None:
        self.pos += (-self.pos) % n

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise LsaError("LSA reply shorter than it says")
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def u16(self) -> int:
        self.align(2)
        return struct.unpack("<H", self.take(2))[0]

    def u32(self) -> int:
        self.align(4)
        return struct.unpack("<I", self.take(4))[0]

    def count(self, limit: int) -> int:
        value = self.u32()
        if value > limit:
            raise LsaError("LSA reply holds an implausible count")
        return value

    def unicode_body(self) -> str:
        """The deferred body of an RPC_UNICODE_STRING: max count, offset, actual count, UTF-16LE units."""
        self.count(1 << 16)
        offset = self.u32()
        actual = self.count(1 << 16)
        if offset:
            raise LsaError("LSA reply uses a string offset")
        text = self.take(2 * actual).decode("utf-16-le", "replace")
        self.align(4)
        return text.rstrip("\x00")

    def sid_body(self) -> str:
        count = self.count(15)
        raw = self.take(8 + 4 * count)
        if raw[1] != count:
            raise LsaError("LSA reply SID count mismatch")
        sid = SIDPacket()
        sid.unpack(raw)
        return str(sid)


def _sid_bytes(text: str) -> bytes:
    sid = SIDPacket()
    sid.from_string(text)
    return sid.pack()


def _pdu(ptype: int, call_id: int, body: bytes) -> bytes:
    return struct.pack("<BBBB4sHHI", 5, 0, ptype, _FIRST | _LAST, _DREP, 16 + len(body), 0, call_id) + body


def _bind_body() -> bytes:
    context = struct.pack("<HBB", 0, 1, 0) + LSARPC.bytes_le + struct.pack("<HH", 0, 0) + NDR.bytes_le + struct.pack("<I", 2)
    return struct.pack("<HHI", MAX_FRAG, MAX_FRAG, 0) + struct.pack("<BBH", 1, 0, 0) + context


def _open_policy_stub() -> bytes:
    # SystemName NULL; LSAPR_OBJECT_ATTRIBUTES {Length 24, five NULL pointers/zeros}; DesiredAccess
    return struct.pack("<I", 0) + struct.pack("<6I", 24, 0, 0, 0, 0, 0) + struct.pack("<I", POLICY_LOOKUP_NAMES)


def _lookup_stub(handle: bytes, sids: list[str]) -> bytes:
    out = bytearray(handle)
    out += struct.pack("<II", len(sids), 0x00020000)  # SidEnumBuffer: Entries, SidInfo (unique pointer)
    out += struct.pack("<I", len(sids))  # conformant array of LSAPR_SID_INFORMATION
    out += b"".join(struct.pack("<I", 0x00020004 + 4 * i) for i in range(len(sids)))  # one PRPC_SID each
    for text in sids:
        raw = _sid_bytes(text)
        out += struct.pack("<I", raw[1]) + raw  # RPC_SID: conformance (sub-authority count) first
    out += struct.pack("<II", 0, 0)  # TranslatedNames: Entries 0, Names NULL
    out += struct.pack("<HH", LOOKUP_WKSTA, 0)  # LookupLevel (enum: 16 bits) + padding
    out += struct.pack("<I", 0)  # MappedCount
    return bytes(out)


def _parse_lookup(stub: bytes, sids: list[str]) -> tuple[dict[str, str], int]:
    r = _Reader(stub)
    domains: list[str] = []
    if r.u32():  # ReferencedDomains pointer
        entries = r.count(1 << 12)
        has_domains = r.u32()
        r.u32()  # MaxEntries
        if has_domains:
            if r.count(1 << 12) != entries:
                raise LsaError("LSA reply domain count mismatch")
            fields = []
            for _ in range(entries):
                r.u16(), r.u16()
                name_ptr, sid_ptr = r.u32(), r.u32()
                fields.append((name_ptr, sid_ptr))
            for name_ptr, sid_ptr in fields:
                domains.append(r.unicode_body() if name_ptr else "")
                if sid_ptr:
                    r.sid_body()
    entries = r.count(len(sids))
    names: dict[str, str] = {}
    if r.u32() and entries:  # Names pointer
        if r.count(len(sids)) != entries:
            raise LsaError("LSA reply name count mismatch")
        rows = []
        for _ in range(entries):
            use = r.u16()
            r.u16(), r.u16()
            name_ptr = r.u32()
            rows.append((use, name_ptr, struct.unpack("<i", r.take(4))[0]))
        for i, (use, name_ptr, domain_index) in enumerate(rows):
            name = r.unicode_body() if name_ptr else ""
            if use in (8,) or not name:  # SidTypeUnknown: not mapped
                continue
            domain = domains[domain_index] if 0 <= domain_index < len(domains) else ""
            names[sids[i]] = f"{domain}\\{name}" if domain else name
    r.u32()  # MappedCount
    status = r.u32()
    return names, status


class LsaLookup:
    """An open LSA policy handle on one server, reusing an smbclient connection (its ``kwargs``)."""

    def __init__(self, host: str, **smb_kwargs):
        self._pipe = smbclient.open_file(f"\\\\{host}\\IPC$\\lsarpc", mode="w+b", buffering=0, file_type="pipe", **smb_kwargs)
        self._call_id = 0
        self._handle: bytes | None = None
        try:
            self._bind()
            stub = self._call(44, _open_policy_stub())
            if len(stub) < 24:
                raise LsaError("LsarOpenPolicy2 reply too short")
            status = struct.unpack_from("<I", stub, 20)[0]
            if status != 0:
                raise LsaError(f"LsarOpenPolicy2 refused (0x{status:08X})")
            self._handle = stub[:20]
        except BaseException:
            self._pipe.close()
            raise

    def _exchange(self, pdu: bytes) -> list[tuple[int, int, bytes]]:
        """Send one PDU, read fragments until the last one: [(ptype, flags, body)]."""
        self._pipe.write(pdu)
        out = []
        while True:
            buf = bytearray(MAX_FRAG + 16)
            n = self._pipe.readinto(buf)
            data = bytes(buf[:n])
            if n < 16 or data[0] != 5:
                raise LsaError("not a DCE/RPC reply")
            ptype, flags = data[2], data[3]
            frag_len = struct.unpack_from("<H", data, 8)[0]
            if frag_len > n or frag_len < 16:
                raise LsaError("DCE/RPC fragment length wrong")
            out.append((ptype, flags, data[16:frag_len]))
            if flags & _LAST or ptype not in (_RESPONSE,):
                return out

    def _bind(self) -> None:
        self._call_id += 1
        ((ptype, _flags, body),) = self._exchange(_pdu(_BIND, self._call_id, _bind_body()))[:1]
        if ptype != _BIND_ACK:
            raise LsaError("the server refused the LSA bind")
        r = _Reader(body)
        r.take(8)
        port_len = r.u16()
        r.take(port_len)
        r.align(4)
        results = r.take(4)[0]
        if results < 1 or r.u16() != 0:
            raise LsaError("the server did not accept the LSA interface")

    def _call(self, opnum: int, stub: bytes) -> bytes:
        self._call_id += 1
        fragments = self._exchange(_pdu(_REQUEST, self._call_id, struct.pack("<IHH", len(stub), 0, opnum) + stub))
        parts = []
        for ptype, _flags, body in fragments:
            if ptype == _FAULT:
                status = struct.unpack_from("<I", body, 8)[0] if len(body) >= 12 else 0
                raise LsaError(f"LSA call {opnum} faulted (0x{status:08X})")
            if ptype != _RESPONSE or len(body) < 8:
                raise LsaError("unexpected DCE/RPC reply")
            parts.append(body[8:])
        return b"".join(parts)

    def lookup(self, sids: Iterable[str]) -> dict[str, str]:
        """SID → ``DOMAIN\\name`` for the SIDs the server can name (others are left out)."""
        wanted = list(dict.fromkeys(sids))
        names: dict[str, str] = {}
        for start in range(0, len(wanted), BATCH):
            batch = wanted[start : start + BATCH]
            try:
                found, status = _parse_lookup(self._call(15, _lookup_stub(self._handle or b"", batch)), batch)
            except (struct.error, ValueError) as exc:
                raise LsaError(f"LSA reply unreadable ({type(exc).__name__})") from None
            if status not in (0, STATUS_SOME_NOT_MAPPED, STATUS_NONE_MAPPED):
                raise LsaError(f"LsarLookupSids refused (0x{status:08X})")
            names.update(found)
        return names

    def close(self) -> None:
        try:
            if self._handle is not None:
                self._call(0, self._handle)
        except Exception:  # closing the policy on a broken pipe fails; the server drops it with the pipe
            pass
        finally:
            self._handle = None
            try:
                self._pipe.close()
            except Exception:
                pass
