"""Security descriptor parsing and effective read rights, from bytes captured from Samba and from
descriptors built with smbprotocol's own structures."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from smbprotocol.security_descriptor import AccessAllowedAce, AccessDeniedAce, AclPacket, SDControl, SIDPacket, SMB2CreateSDBuffer

from crawler.access import sids
from crawler.access.smb_acl import (
    FILE_GENERIC_READ,
    GENERIC_ALL,
    GENERIC_READ,
    INHERIT_ONLY,
    INHERITED,
    OBJECT_INHERIT,
    SecurityDescriptorError,
    access_entries,
    owner_name,
    parse_security_descriptor,
)

# Captured with SMB2 QUERY_INFO (security) from smbd 4.17 (an earlier version of tests/crawler/samba.py that
# stored NT ACLs with vfs_acl_xattr; the fixture now maps POSIX ACLs, which test_smb_walk.py reads live).
# staff-only.txt: mode 0640 root:root, no NT ACL stored, so Samba derives one from the mode.
SAMBA_MODE_0640 = bytes.fromhex(
    "0100048014000000240000000000000034000000010200000000001601000000000000000102000000000016020000000000000002004c"
    "0003000000000018009f011f00010200000000001601000000000000000000180089001200010200000000001602000000000000000000"
    "140000000000010100000000000100000000"
)
# 人事/給与.csv: created through SMB under a folder whose protected, auto-inherited DACL gives the admin
# full control, the Unix group 1001 (tnsmb_hr) read, and the scanner read-control only.
SAMBA_INHERITED = bytes.fromhex(
    "010004841400000030000000000000004c000000010500000000000515000000624e74c5be0ab7d1d598adc6e8030000010500000000"
    "000515000000624e74c5be0ab7d1d598adc601020000020068000300000000102400ff010000010500000000000515000000624e74c5"
    "be0ab7d1d598adc6e803000000101800a9001200010200000000001602000000e90300000010240080000200010500000000000515000000"
    "624e74c5be0ab7d1d598adc6e9030000"
)
DOMAIN = "S-1-5-21-3312733794-3518434750-3333265621"
ALICE, HR, BOB = f"{DOMAIN}-1000", "S-1-22-2-1001", f"{DOMAIN}-1001"


def _sid(text: str) -> SIDPacket:
    sid = SIDPacket()
    sid.from_string(text)
    return sid


def ace(kind: str, sid: str, mask: int, flags: int = 0):
    a = AccessAllowedAce() if kind == "allow" else AccessDeniedAce()
    a["ace_flags"] = flags
    a["mask"] = mask
    a["sid"] = _sid(sid)
    return a


def build(owner: str | None, aces: list | None, protected: bool = False) -> bytes:
    """A self-relative descriptor built with smbprotocol's structures; aces=None gives a NULL DACL."""
    sd = SMB2CreateSDBuffer()
    sd["control"].set_flag(SDControl.SELF_RELATIVE)
    if protected:
        sd["control"].set_flag(SDControl.DACL_PROTECTED)
    if owner:
        sd.set_owner(_sid(owner))
    if aces is not None:
        acl = AclPacket()
        acl["aces"] = aces
        sd.set_dacl(acl)
    return sd.pack()


def grants(data: bytes) -> set[tuple[str, str, str, str]]:
    return {(a.principal, a.kind, a.right, a.via) for a in access_entries(parse_security_descriptor(data))}


def test_samba_mode_descriptor_everyone_mask_zero_grants_nothing():
    sd = parse_security_descriptor(SAMBA_MODE_0640)
    assert sd.owner == "S-1-22-1-0" and sd.group == "S-1-22-2-0"
    assert [(a.sid, a.mask) for a in sd.dacl] == [("S-1-22-1-0", 0x001F019F), ("S-1-22-2-0", 0x00120089), (sids.EVERYONE, 0)]
    assert grants(SAMBA_MODE_0640) == {
        ("S-1-22-1-0", "user", "owner", "owner"),
        ("S-1-22-1-0", "user", "write", "acl"),
        ("S-1-22-2-0", "group", "read", "acl"),
    }


def test_samba_inherited_descriptor():
    sd = parse_security_descriptor(SAMBA_INHERITED)
    assert sd.owner == ALICE.replace(DOMAIN, sd.owner.rsplit("-", 1)[0]) and sd.owner.endswith("-1000")
    assert all(a.inherited for a in sd.dacl)
    domain = sd.owner.rsplit("-", 1)[0]
    assert grants(SAMBA_INHERITED) == {
        (f"{domain}-1000", "user", "owner", "owner"),
        (f"{domain}-1000", "user", "write", "inherited"),
        (HR, "group", "read", "inherited"),
    }  # the scanner's read-control ACE (0x20080) grants no read and is not listed
    assert sd.group == f"{domain}-513"  # the primary group field is not a grant


@pytest.mark.parametrize(
    "mask, expected",
    [
        (FILE_GENERIC_READ, "read"),
        (0x00000001, "read"),  # FILE_READ_DATA alone
        (GENERIC_READ, "read"),
        (GENERIC_ALL, "write"),
        (0x001F01FF, "write"),  # full control
        (0x00000002, None),  # write-only drop box: cannot read
        (0x00020080, None),  # read control + attributes
        (0, None),
    ],
)
def test_read_rights(mask, expected):
    got = {r for p, _k, r, _v in grants(build(ALICE, [ace("allow", sids.EVERYONE, mask)])) if p == sids.EVERYONE}
    assert got == ({expected} if expected else set())


def test_everyone_read_is_organization():
    assert (sids.EVERYONE, "organization", "read", "acl") in grants(build(ALICE, [ace("allow", sids.EVERYONE, FILE_GENERIC_READ)]))


def test_deny_before_allow_cancels_the_principal():
    data = build(ALICE, [ace("deny", BOB, 0x1), ace("allow", BOB, FILE_GENERIC_READ), ace("allow", HR, FILE_GENERIC_READ)])
    assert {p for p, _k, r, _v in grants(data) if r != "owner"} == {HR}


def test_deny_everyone_cancels_everybody():
    data = build(ALICE, [ace("deny", sids.EVERYONE, GENERIC_ALL), ace("allow", HR, FILE_GENERIC_READ), ace("allow", sids.AUTHENTICATED_USERS, GENERIC_READ)])
    assert {p for p, _k, r, _v in grants(data) if r != "owner"} == set()


def test_deny_after_allow_does_not_take_back_what_was_granted():  # Windows' in-order evaluation
    data = build(ALICE, [ace("allow", BOB, FILE_GENERIC_READ), ace("deny", BOB, 0x1)])
    assert (BOB, "user", "read", "acl") in grants(data)


def test_inherit_only_and_creator_owner_grant_nothing_on_the_object():
    data = build(ALICE, [ace("allow", sids.CREATOR_OWNER, GENERIC_ALL, OBJECT_INHERIT | INHERIT_ONLY), ace("allow", HR, FILE_GENERIC_READ, INHERIT_ONLY)])
    assert grants(data) == {(ALICE, "user", "owner", "owner")}


def test_inherited_flag_gives_via_inherited():
    assert (HR, "group", "read", "inherited") in grants(build(ALICE, [ace("allow", HR, FILE_GENERIC_READ, INHERITED)]))


def test_null_dacl_grants_everyone_everything_and_empty_dacl_nothing():
    assert (sids.EVERYONE, "organization", "write", "acl") in grants(build(ALICE, None))
    assert grants(build(ALICE, [], protected=True)) == {(ALICE, "user", "owner", "owner")}
    assert parse_security_descriptor(build(ALICE, [], protected=True)).dacl_protected


@pytest.mark.parametrize(
    "sid, kind",
    [
        (sids.EVERYONE, "organization"),
        (sids.AUTHENTICATED_USERS, "organization"),
        (sids.USERS, "organization"),
        (f"{DOMAIN}-513", "organization"),
        (sids.GUESTS, "anyone"),
        (f"{DOMAIN}-514", "anyone"),
        (f"{DOMAIN}-501", "anyone"),
        (sids.ANONYMOUS, "anyone"),
        (sids.ADMINISTRATORS, "well-known"),
        (sids.SYSTEM, "well-known"),
        (sids.CREATOR_OWNER, "well-known"),
        (f"{DOMAIN}-512", "well-known"),
        ("S-1-22-2-1001", "group"),
        ("S-1-22-1-1000", "user"),
        (f"{DOMAIN}-1105", "user"),
    ],
)
def test_sid_kinds(sid, kind):
    assert sids.kind_of(sid) == kind


def test_display_and_owner_names():
    assert sids.display_of("S-1-22-1-1000") == "Unix User\\1000"
    assert sids.display_of(sids.EVERYONE).endswith("(Everyone)")
    assert sids.display_of(BOB, {BOB: "CORP\\bob"}) == "CORP\\bob"
    sd = parse_security_descriptor(build(BOB, []))
    assert owner_name(sd) == BOB and owner_name(sd, {BOB: "CORP\\bob"}) == "CORP\\bob"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x01\x00",
        SAMBA_MODE_0640[:30],  # owner SID cut
        SAMBA_MODE_0640[:60],  # DACL cut
        b"\x02" + SAMBA_MODE_0640[1:],  # unknown revision
        SAMBA_MODE_0640[:2] + b"\x04\x00" + SAMBA_MODE_0640[4:],  # not self-relative
        SAMBA_MODE_0640[:16] + b"\xff\xff\x00\x00" + SAMBA_MODE_0640[20:],  # DACL offset outside
    ],
)
def test_malformed_descriptors_raise_their_own_error(data):
    with pytest.raises(SecurityDescriptorError):
        parse_security_descriptor(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200), st.integers(min_value=0, max_value=len(SAMBA_INHERITED)))
def test_fuzzed_descriptors_never_crash(noise, cut):
    for data in (noise, SAMBA_INHERITED[:cut] + noise, bytes(b ^ 0xFF if i == cut else b for i, b in enumerate(SAMBA_INHERITED))):
        try:
            sd = parse_security_descriptor(data)
        except SecurityDescriptorError:
            continue
        access_entries(sd)
