"""LSARPC LsarLookupSids marshalling and the defensive reply parser (crawler/sources/smb_lsa.py), from a
reply captured from the test smbd (tests/crawler/samba.py). The live lookup is in test_smb_walk.py."""
from __future__ import annotations

import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.sources.smb_lsa import STATUS_SOME_NOT_MAPPED, LsaError, _lookup_stub, _parse_lookup

# smbd 4.17: LsarLookupSids for [a passdb user, a Unix group, an unknown domain SID, BUILTIN\Users]
SIDS = ["S-1-5-21-2033824153-3590671156-3729158126-1003", "S-1-22-2-1001", "S-1-5-21-1-2-3-4242", "S-1-5-32-545"]
REPLY = bytes.fromhex(
    "1400020004000000180002002000000004000000100012001c00020020000200140016002400020028000200000002002c0002003000"
    "02000e0010003400020038000200090000000000000008000000540041004e00410054004500530054000400000001040000000000051500"
    "000099b13979344b05d6ee6f46de0b000000000000000a00000055006e00690078002000470072006f007500700001000000010100000000"
    "001602000000010000000000000000000000040000000104000000000005150000000100000002000000030000000800000000000000070000"
    "004200550049004c00540049004e00000001000000010100000000000520000000040000003c000200040000000100000014001400400002"
    "000000000002000000100010004400020001000000080000002600260048000200ffffffff040000000a000a004c00020003000000"
    "0a000000000000000a00000074006e0073006d0062005f0067006f006e0065000800000000000000080000"
    "0074006e0073006d0062005f006800720013000000000000001300000053002d0031002d0035002d00320031002d0031002d00320"
    "02d0033002d00340032003400320000000500000000000000050000005500730065007200730000000300000007010000"
)


def test_captured_reply_names_the_mapped_sids_and_leaves_the_unknown_out():
    names, status = _parse_lookup(REPLY, SIDS)
    assert status == STATUS_SOME_NOT_MAPPED
    assert names == {SIDS[0]: "TANATEST\\tnsmb_gone", SIDS[1]: "Unix Group\\tnsmb_hr", SIDS[3]: "BUILTIN\\Users"}


def test_request_layout():
    handle = bytes(range(20))
    stub = _lookup_stub(handle, SIDS[:2])
    assert stub[:20] == handle
    entries, _ptr, conformance = struct.unpack_from("<III", stub, 20)
    assert entries == conformance == 2
    # handle, enum header (8), conformance (4), two pointers (8), two SIDs (4 + 8 + 4n each), names (8), level+pad, count
    assert len(stub) == 20 + 8 + 4 + 8 + (4 + 8 + 4 * 5) + (4 + 8 + 4 * 2) + 8 + 4 + 4


@pytest.mark.parametrize("cut", [0, 3, 4, 20, 60, 200, len(REPLY) - 5])
def test_truncated_replies_raise_lsa_error(cut):
    with pytest.raises(LsaError):
        _parse_lookup(REPLY[:cut], SIDS)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=len(REPLY) - 1), st.integers(min_value=0, max_value=255), st.binary(max_size=64))
def test_mutated_replies_never_crash(index, value, noise):
    for data in (REPLY[:index] + bytes([value]) + REPLY[index + 1 :], noise, REPLY[:index] + noise):
        try:
            names, _status = _parse_lookup(data, SIDS)
        except LsaError:
            continue
        assert set(names) <= set(SIDS)
