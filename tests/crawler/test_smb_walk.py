"""The SMB walk, reads and security descriptors against a real smbd (tests/crawler/samba.py)."""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from crawler.access.smb_acl import access_entries, parse_security_descriptor
from tests.assertions import assert_not_in
from crawler.model import Reason
from crawler.sources.smb import (
    RetryPolicy,
    SmbLoginError,
    SmbUnavailable,
    check_target,
    open_smb,
    read_security_descriptor,
    walk_smb,
    walk_smb_access,
)
from crawler.sources.smb_url import SmbCredentials, parse_smb_url
from tests.crawler.samba import (  # noqa: F401
    ADMIN,
    DENIED_PATH,
    DEPARTED_PATH,
    GONE_USER,
    HR_DIR,
    HR_FILE,
    HR_GROUP,
    HR_PATH,
    HR_USER,
    MY_NUMBER_PATH,
    SCANNER,
    samba,
    skip_reason,
    start_share,
)

pytestmark = pytest.mark.root

FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.02, connection_timeout=3)


def creds(share, user: str = SCANNER) -> SmbCredentials:
    return SmbCredentials(user, share.server.passwords[user])


def walk_as(share, user: str = SCANNER, path: str = ""):
    return {e.path: (e, a) for e, a in walk_smb_access(parse_smb_url(share.server.url(user, path)), creds(share, user), FAST)}


def test_walk_lists_every_file_with_its_size(samba):
    found = walk_as(samba)
    assert set(found) == {"blob.bin", "public.txt", DENIED_PATH, HR_PATH, MY_NUMBER_PATH, DEPARTED_PATH}
    for path in ("blob.bin", "public.txt"):
        entry, _ = found[path]
        assert entry.kind == "file" and entry.problem is None
        assert entry.size == (samba.server.share_dir / path).stat().st_size
        assert entry.source == f"smb://127.0.0.1:{samba.server.port}/data"
        assert entry.locator == f"\\\\127.0.0.1\\data\\{path}"
        assert entry.owner == "Unix User\\root"  # root owns the files written on the server's disk; named by LSA
    assert found[HR_PATH][0].size == (samba.server.share_dir / HR_PATH).stat().st_size


def test_walk_of_a_sub_folder_gives_paths_relative_to_it(samba):
    found = walk_as(samba, HR_USER, HR_DIR)
    assert set(found) == {HR_FILE}
    assert found[HR_FILE][0].locator == f"\\\\127.0.0.1\\data\\{HR_DIR}\\{HR_FILE}"


def test_walk_entries_only(samba):
    entries = list(walk_smb(parse_smb_url(samba.server.url()), creds(samba), FAST))
    assert [e.path for e in entries] == sorted((e.path for e in entries), key=lambda p: p.encode())


def test_read_back_equals_what_was_written(samba):
    for path in ("blob.bin", "public.txt"):
        with open_smb(f"\\\\127.0.0.1\\data\\{path}", creds(samba), port=samba.server.port, retry=FAST) as fp:
            digest = hashlib.sha256()
            while chunk := fp.read(64 * 1024):
                digest.update(chunk)
        assert digest.hexdigest() == samba.hashes[path], f"{path}: bytes read over SMB differ from the file"


def test_open_is_read_only_and_seekable(samba):
    with open_smb("\\\\127.0.0.1\\data\\blob.bin", creds(samba), port=samba.server.port, retry=FAST) as fp:
        fp.seek(1000)
        part = fp.read(10)
        assert fp.readable() and not fp.writable()
    expected = (samba.server.share_dir / "blob.bin").read_bytes()[1000:1010]
    assert part == expected, "seek+read over SMB gave other bytes"


def test_unreadable_file_is_permission_denied_and_the_walk_goes_on(samba):
    found = walk_as(samba)
    entry, access = found[DENIED_PATH]
    assert entry.problem is not None and entry.problem.reason is Reason.PERMISSION_DENIED
    assert entry.problem.stage == "walk" and access == []  # not even its descriptor may be read
    assert found["public.txt"][0].problem is None and found[HR_PATH][0].problem is None  # the walk went on
    # the HR user can read the HR file; the admin cannot read the root-only file either
    assert walk_as(samba, HR_USER)[HR_PATH][0].problem is None
    assert walk_as(samba, ADMIN)[DENIED_PATH][0].problem.reason is Reason.PERMISSION_DENIED


def test_everyone_read_is_organization(samba):
    _, access = walk_as(samba)["public.txt"]
    everyone = [a for a in access if a.principal == "S-1-1-0"]
    assert len(everyone) == 1
    assert (everyone[0].kind, everyone[0].right, everyone[0].via) == ("organization", "read", "acl")


def test_inherited_hr_folder_grants_only_the_hr_group_and_the_admin(samba):
    entry, access = walk_as(samba)[HR_PATH]
    sids = samba.server.sids
    by = {(a.principal, a.right, a.via) for a in access}
    assert by == {
        (sids[ADMIN], "owner", "owner"),
        (sids[ADMIN], "write", "inherited"),
        (sids[HR_GROUP], "read", "inherited"),
    }
    assert {a.kind for a in access if a.principal == sids[HR_GROUP]} == {"group"}
    assert not any(a.kind in ("organization", "anyone") for a in access)
    assert entry.owner == "TANATEST\\tnsmb_admin"


def test_sids_are_named_by_the_servers_lsa(samba):
    sids = samba.server.sids
    _, access = walk_as(samba)[DEPARTED_PATH]
    shown = {a.principal: a.display for a in access}
    assert shown[sids[GONE_USER]] == "TANATEST\\tnsmb_gone"
    assert shown[sids[HR_GROUP]] == "Unix Group\\tnsmb_hr"
    assert shown[sids[ADMIN]] == "TANATEST\\tnsmb_admin"
    _, public = walk_as(samba)["public.txt"]
    assert {a.display for a in public if a.principal == "S-1-1-0"} == {"全員 (Everyone)"}  # well-known keep their names
    unresolved = {e.path: a for e, a in walk_smb_access(parse_smb_url(samba.server.url()), creds(samba), FAST, resolve=False)}
    assert {a.display for a in unresolved[DEPARTED_PATH] if a.principal == sids[GONE_USER]} == {sids[GONE_USER]}


def test_lsa_lookup_directly(samba):
    from crawler.sources.smb_lsa import LsaLookup

    cache: dict = {}
    lsa = LsaLookup("127.0.0.1", username=SCANNER, password=samba.server.passwords[SCANNER], port=samba.server.port, connection_cache=cache)
    try:
        unknown = "S-1-5-21-1-2-3-4242"
        got = lsa.lookup([samba.server.sids[HR_USER], unknown, "S-1-5-32-545"])
    finally:
        lsa.close()
        for conn in cache.values():
            conn.disconnect()
    assert got == {samba.server.sids[HR_USER]: "TANATEST\\tnsmb_hr1", "S-1-5-32-545": "BUILTIN\\Users"}  # the unknown SID is left out


def test_departed_users_named_entry_is_listed(samba):
    _, access = walk_as(samba)[DEPARTED_PATH]
    sids = samba.server.sids
    assert (sids[GONE_USER], "user", "read", "acl") in {(a.principal, a.kind, a.right, a.via) for a in access}
    assert all(a.principal != "S-1-1-0" for a in access)


def test_samba_everyone_mask_zero_grants_nothing(samba):
    sd = read_security_descriptor(f"\\\\127.0.0.1\\data\\{DEPARTED_PATH}", creds(samba, ADMIN), port=samba.server.port, retry=FAST)
    everyone = [ace for ace in sd.dacl or () if ace.sid == "S-1-1-0"]
    assert everyone and all(ace.mask == 0 for ace in everyone)  # Samba's stand-in for "other ---"
    assert all(a.principal != "S-1-1-0" for a in access_entries(sd))
    assert any(a.principal == samba.server.sids[HR_GROUP] and a.right == "read" for a in access_entries(sd))  # group r-- is kept


def test_callers_names_come_before_the_lsa(samba):
    sids = samba.server.sids
    names = {sids[HR_GROUP]: "CORP\\hr-staff"}  # e.g. from a directory export
    url = parse_smb_url(samba.server.url(SCANNER, HR_DIR))
    ((entry, access),) = list(walk_smb_access(url, creds(samba), FAST, names=names))
    assert entry.owner == "TANATEST\\tnsmb_admin"
    assert {a.display for a in access} == {"TANATEST\\tnsmb_admin", "CORP\\hr-staff"}


def test_wrong_password_is_a_login_error_without_the_password(samba):
    secret = "Wrong-" + "pw-4711"
    slept: list[float] = []
    with pytest.raises(SmbLoginError) as info:
        list(walk_smb(parse_smb_url(samba.server.url()), SmbCredentials(SCANNER, secret), FAST))
    text = str(info.value) + repr(info.value) + "".join(str(a) for a in info.value.args)
    assert_not_in(secret, text, "the login error")
    assert "wrong user or password" in str(info.value)
    from crawler.sources.smb import SmbClient

    client = SmbClient(parse_smb_url(samba.server.url()), SmbCredentials(SCANNER, secret), FAST, sleep=slept.append)
    with pytest.raises(SmbLoginError):
        client.connect()
    assert slept == [], "a refused login was retried"


@pytest.mark.parametrize(
    "url_of, cause",
    [
        (lambda s: s.url().replace("/data", "/nosuchshare"), "no such share"),
        (lambda s: s.url(path="nosuchfolder"), "not found"),
    ],
)
def test_check_target_names_what_is_wrong(samba, url_of, cause):
    with pytest.raises(SmbLoginError, match=cause):
        check_target(parse_smb_url(url_of(samba.server)), creds(samba), FAST)
    check_target(parse_smb_url(samba.server.url()), creds(samba), FAST)  # the good one passes


def test_password_not_in_reprs(samba):
    password = samba.server.passwords[SCANNER]
    c = creds(samba)
    url = parse_smb_url(samba.server.url())
    entries = list(walk_smb_access(url, c, FAST))
    blob = repr(c) + repr(url) + repr(entries) + repr(samba.server)
    assert_not_in(password, blob, "reprs of credentials, URL, entries and server")


def test_server_killed_mid_walk_raises_smb_unavailable(samba):
    if skip_reason():
        pytest.skip(skip_reason())
    root = Path(tempfile.mkdtemp(prefix="tanaoroshi-samba-kill-", dir="/tmp"))
    # a second server on the same folder: killing it cannot disturb the shared one
    other = start_share(root, share_dir=samba.server.share_dir, passwords=samba.server.passwords)
    try:
        policy = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05, connection_timeout=2)
        walk = walk_smb(parse_smb_url(other.server.url(ADMIN)), SmbCredentials(ADMIN, other.server.passwords[ADMIN]), policy)
        first = next(walk)
        assert first.path == "blob.bin"
        other.server.kill()
        with pytest.raises(SmbUnavailable) as info:
            for _ in walk:
                pass
        assert info.value.attempts == 3
        assert info.value.source == f"smb://127.0.0.1:{other.server.port}/data"
        assert_not_in(other.server.passwords[ADMIN], str(info.value), "SmbUnavailable")
    finally:
        other.server.kill()
        shutil.rmtree(root, ignore_errors=True)


def test_descriptor_bytes_from_the_server_parse_with_inherited_flags(samba):
    from crawler.sources.smb import SmbClient

    client = SmbClient(parse_smb_url(samba.server.url(ADMIN)), creds(samba, ADMIN), FAST)
    try:
        data = client.security_descriptor(f"\\\\127.0.0.1\\data\\{HR_DIR}\\{HR_FILE}", 0)
    finally:
        client.close()
    sd = parse_security_descriptor(data)
    granting = [ace for ace in sd.dacl or () if ace.mask]  # Samba adds Everyone with mask 0, not inherited
    assert len(granting) >= 2 and all(ace.inherited for ace in granting)
    assert sd.owner == samba.server.sids[ADMIN]


def test_sharing_violation_is_recorded_per_file_with_its_descriptor(samba):
    import smbclient

    cache: dict = {}
    holder = smbclient.open_file(
        "\\\\127.0.0.1\\data\\public.txt", mode="rb", share_access=None,  # another user holds it, sharing nothing
        username=ADMIN, password=samba.server.passwords[ADMIN], port=samba.server.port, connection_cache=cache,
    )
    try:
        found = walk_as(samba)
    finally:
        holder.close()
        for conn in cache.values():
            conn.disconnect()
    entry, access = found["public.txt"]
    assert entry.problem is not None and entry.problem.reason is Reason.PERMISSION_DENIED
    assert "sharing violation" in entry.problem.message
    assert any(a.principal == "S-1-1-0" for a in access)  # who may read it is still known (read-control opens share)
    assert found["blob.bin"][0].problem is None  # the walk went on


@pytest.mark.parametrize(
    "status, reason, words",
    [
        (0xC0000022, Reason.PERMISSION_DENIED, "access denied"),
        (0xC0000043, Reason.PERMISSION_DENIED, "sharing violation"),
        (0xC0000106, Reason.UNSUPPORTED, "name too long"),
        (0xC0000034, Reason.VANISHED, "not found"),
        (0xC0000056, Reason.VANISHED, "delete pending"),
        (0xC00000BB, Reason.UNSUPPORTED, "not supported"),
    ],
)
def test_per_file_statuses_map_to_reasons(status, reason, words):
    from smbprotocol.exceptions import SMBOSError

    from crawler.sources.smb import problem_of

    problem = problem_of(SMBOSError(status, "\\\\h\\s\\f"), "read")
    assert (problem.reason, problem.stage) == (reason, "read") and words in problem.message


@pytest.mark.parametrize("status", [0xC000020C, 0xC0000203, 0xC00000C9])  # disconnected, session deleted, name deleted
def test_transient_statuses_are_not_per_file(status):
    from smbprotocol.exceptions import SMBOSError

    from crawler.sources.smb import problem_of

    assert problem_of(SMBOSError(status, "\\\\h\\s\\f")) is None


def test_transient_errors_are_retried_with_exponential_back_off():
    from crawler.sources.smb import SmbClient

    slept: list[float] = []
    policy = RetryPolicy(attempts=4, base_delay=0.5, max_delay=1.5)
    client = SmbClient(parse_smb_url("smb://127.0.0.1:1/s"), SmbCredentials("u", "p"), policy, sleep=slept.append)
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise ConnectionResetError(104, "Connection reset by peer")
        return "ok"

    assert client.call(flaky, "x") == "ok" and slept == [0.5, 1.0]
    slept.clear()
    with pytest.raises(SmbUnavailable) as info:
        client.call(lambda: (_ for _ in ()).throw(ConnectionRefusedError(111, "Connection refused")), "a/b.txt")
    assert slept == [0.5, 1.0, 1.5] and info.value.attempts == 4 and info.value.path == "a/b.txt"
    assert "Connection refused" in str(info.value)
    with pytest.raises(PermissionError):  # not transient: raised at once
        client.call(lambda: (_ for _ in ()).throw(PermissionError(13, "denied")), "x")


def test_a_read_cut_by_a_server_restart_resumes_at_the_same_offset(samba):
    """Bytes are fetched 1 MiB at a time; when the connection dies between two reads the file is reopened on
    a new connection at the same offset (with back-off), and the bytes still add up to the file. When the
    server stays away the read raises SmbUnavailable and the stream says it was lost."""
    root = Path(tempfile.mkdtemp(prefix="tanaoroshi-samba-read-", dir="/tmp"))
    share_dir = root / "big"
    share_dir.mkdir(parents=True)
    for path in (root, share_dir):
        os.chmod(path, 0o755)
    data = os.urandom(3 * 1024 * 1024 + 123)
    (share_dir / "big.bin").write_bytes(data)
    os.chmod(share_dir / "big.bin", 0o644)
    (root / "server").mkdir()
    other = start_share(root / "server", share_dir=share_dir, passwords=samba.server.passwords)
    unc = "\\\\127.0.0.1\\data\\big.bin"
    try:
        with open_smb(unc, creds(samba), port=other.server.port, retry=FAST) as fp:
            head = fp.read(1024 * 1024)
            other.server.kill()
            other.server.start()  # same port, same accounts: the same target
            rest = fp.read()
            assert fp.lost is None
        assert hashlib.sha256(head + rest).digest() == hashlib.sha256(data).digest(), "bytes differ after the reconnect"
        with open_smb(unc, creds(samba), port=other.server.port, retry=FAST) as fp:
            fp.read(1024 * 1024)
            other.server.kill()
            with pytest.raises(SmbUnavailable):
                fp.read()
            assert fp.lost is not None
    finally:
        other.server.kill()
        shutil.rmtree(root, ignore_errors=True)
