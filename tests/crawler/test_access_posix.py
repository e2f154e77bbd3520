"""POSIX access on real files with real users, groups and ACLs (created by the test; needs root and setfacl)."""
from __future__ import annotations

import os
import secrets
import shutil
import subprocess

import pytest

from crawler.access import posix
from crawler.access.posix import OTHER, read_access

pytestmark = [
    pytest.mark.root,
    pytest.mark.skipif(os.geteuid() != 0, reason="creating users and ACLs needs root"),
    pytest.mark.skipif(shutil.which("setfacl") is None or shutil.which("useradd") is None, reason="setfacl/useradd missing (Debian packages acl, passwd)"),
]


def sh(*cmd):
    subprocess.run(cmd, check=True, capture_output=True, timeout=30)


@pytest.fixture(scope="module")
def accounts():
    tag = secrets.token_hex(3)
    names = {"hr": f"tg_hr_{tag}", "alice": f"tu_alice_{tag}", "bob": f"tu_bob_{tag}", "carol": f"tu_carol_{tag}"}
    sh("groupadd", names["hr"])
    for who in ("alice", "bob", "carol"):
        sh("useradd", "-M", "-N", "-s", "/usr/sbin/nologin", names[who])
    sh("usermod", "-a", "-G", names["hr"], names["alice"])
    posix.clear_cache()
    yield names
    for who in ("alice", "bob", "carol"):
        subprocess.run(["userdel", names[who]], capture_output=True)
    subprocess.run(["groupdel", names["hr"]], capture_output=True)
    posix.clear_cache()


@pytest.fixture
def share(world_dir, accounts):
    root = world_dir / "share"
    root.mkdir()
    os.chmod(root, 0o755)
    posix.clear_cache()
    return root


def principals(entries):
    return {(e.principal, e.via) for e in entries}


def test_group_members_count_through_membership(share, accounts):
    hr = share / "人事"
    hr.mkdir()
    shutil.chown(hr, group=accounts["hr"])
    os.chmod(hr, 0o750)
    f = hr / "評価.txt"
    f.write_text("x", encoding="utf-8")
    shutil.chown(f, group=accounts["hr"])
    os.chmod(f, 0o640)
    got = principals(read_access(str(share), "人事/評価.txt"))
    assert (accounts["hr"], "mode") in got
    assert (accounts["alice"], "membership") in got
    assert not any(p == OTHER for p, _ in got)
    assert not any(p == accounts["bob"] for p, _ in got)


def test_world_readable_file_under_a_closed_directory_is_not_reachable(share):
    closed = share / "closed"
    closed.mkdir()
    os.chmod(closed, 0o700)
    (closed / "list.csv").write_text("x", encoding="utf-8")
    os.chmod(closed / "list.csv", 0o644)
    assert not any(e.principal == OTHER for e in read_access(str(share), "closed/list.csv"))


def test_search_without_read_still_lets_a_known_path_through(share):
    blind = share / "blind"
    blind.mkdir()
    os.chmod(blind, 0o711)
    (blind / "list.csv").write_text("x", encoding="utf-8")
    os.chmod(blind / "list.csv", 0o644)
    assert any(e.principal == OTHER and e.kind == "organization" for e in read_access(str(share), "blind/list.csv"))


def test_acl_user_entry_counts_and_the_mask_cancels_it(share, accounts):
    f = share / "acl.txt"
    f.write_text("x", encoding="utf-8")
    os.chmod(f, 0o600)
    sh("setfacl", "-m", f"u:{accounts['bob']}:r", str(f))
    posix.clear_cache()
    assert (accounts["bob"], "acl") in principals(read_access(str(share), "acl.txt"))
    sh("setfacl", "-m", "m::-", str(f))
    posix.clear_cache()
    assert accounts["bob"] not in {e.principal for e in read_access(str(share), "acl.txt")}


def test_acl_user_needs_traversal_too(share, accounts):
    d = share / "d"
    d.mkdir()
    os.chmod(d, 0o700)
    f = d / "acl.txt"
    f.write_text("x", encoding="utf-8")
    sh("setfacl", "-m", f"u:{accounts['carol']}:r", str(f))
    posix.clear_cache()
    assert accounts["carol"] not in {e.principal for e in read_access(str(share), "d/acl.txt")}
    sh("setfacl", "-m", f"u:{accounts['carol']}:x", str(d))
    posix.clear_cache()
    assert accounts["carol"] in {e.principal for e in read_access(str(share), "d/acl.txt")}


def test_owner_is_listed(share, accounts):
    f = share / "mine.txt"
    f.write_text("x", encoding="utf-8")
    shutil.chown(f, user=accounts["carol"])
    posix.clear_cache()
    owner = [e for e in read_access(str(share), "mine.txt") if e.right == "owner"]
    assert owner and owner[0].principal == accounts["carol"]


def test_departed_group_member_makes_the_file_departed(share, accounts, tmp_path):
    from classifiers.exposure import exposure_scopes
    from crawler.model import Entry
    from inventory.access import AccessResolver

    hr = share / "給与"
    hr.mkdir()
    shutil.chown(hr, group=accounts["hr"])
    os.chmod(hr, 0o750)
    f = hr / "明細.xlsx"
    f.write_text("x", encoding="utf-8")
    shutil.chown(f, group=accounts["hr"])
    os.chmod(f, 0o640)
    roster = tmp_path / "roster.csv"
    roster.write_text(f"account,status,left_on\n{accounts['alice']},left,2025-03-31\n", encoding="utf-8")
    resolver = AccessResolver.load([], str(roster), ["example.co.jp"])
    grants = resolver.grants(Entry(source=str(share), path="給与/明細.xlsx", kind="file"))
    alice = next(g for g in grants if g.principal == accounts["alice"])
    assert (alice.via, alice.status) == ("membership", "departed")
    assert exposure_scopes(grants) == ["DEPARTED"]


def test_departed_owner_makes_the_file_departed(share, accounts, tmp_path):
    from classifiers.exposure import exposure_scopes
    from crawler.model import Entry
    from inventory.access import AccessResolver

    f = share / "退職者_メモ.txt"
    f.write_text("x", encoding="utf-8")
    shutil.chown(f, user=accounts["bob"])
    os.chmod(f, 0o600)
    roster = tmp_path / "roster.csv"
    roster.write_text(f"account,status,left_on\n{accounts['bob']}@example.co.jp,left,\n", encoding="utf-8")
    resolver = AccessResolver.load([], str(roster), ["example.co.jp"])
    grants = resolver.grants(Entry(source=str(share), path="退職者_メモ.txt", kind="file"))
    assert [(g.principal, g.via, g.status) for g in grants] == [(accounts["bob"], "owner", "departed")]
    assert exposure_scopes(grants) == ["DEPARTED"]


def test_mask_cancels_a_named_group_and_its_members(share, accounts):
    f = share / "g.txt"
    f.write_text("x", encoding="utf-8")
    os.chmod(f, 0o600)
    sh("setfacl", "-m", f"g:{accounts['hr']}:r", str(f))
    posix.clear_cache()
    got = principals(read_access(str(share), "g.txt"))
    assert (accounts["hr"], "acl") in got and (accounts["alice"], "membership") in got
    sh("setfacl", "-m", "m::-", str(f))
    posix.clear_cache()
    got = {p for p, _ in principals(read_access(str(share), "g.txt"))}
    assert accounts["hr"] not in got and accounts["alice"] not in got


def test_a_named_user_entry_without_read_shuts_out_a_group_member(share, accounts):
    hr = share / "hr2"
    hr.mkdir()
    os.chmod(hr, 0o755)
    f = hr / "a.txt"
    f.write_text("x", encoding="utf-8")
    shutil.chown(f, group=accounts["hr"])
    os.chmod(f, 0o640)
    sh("setfacl", "-m", f"u:{accounts['alice']}:-", str(f))  # the named-user entry wins over the group (acl(5))
    posix.clear_cache()
    got = principals(read_access(str(share), "hr2/a.txt"))
    assert (accounts["hr"], "mode") in got and accounts["alice"] not in {p for p, _ in got}


def test_group_db_can_be_given(share, accounts):
    """A caller-supplied account snapshot decides membership (an LDAP dump, a container's /etc)."""
    import grp as grp_mod
    import pwd as pwd_mod

    f = share / "db.txt"
    f.write_text("x", encoding="utf-8")
    shutil.chown(f, group=accounts["hr"])
    os.chmod(f, 0o640)
    gid = grp_mod.getgrnam(accounts["hr"]).gr_gid
    carol = pwd_mod.getpwnam(accounts["carol"]).pw_uid
    db = posix.GroupDB(users={carol: accounts["carol"]}, groups={gid: accounts["hr"]}, members={gid: frozenset({carol})}, memberships={carol: frozenset({gid})})
    posix.clear_cache()
    got = principals(read_access(str(share), "db.txt", group_db=db))
    assert (accounts["carol"], "membership") in got and accounts["alice"] not in {p for p, _ in got}


def test_a_symlink_is_not_given_its_targets_acl(share, accounts):
    target = share / "t.txt"
    target.write_text("x", encoding="utf-8")
    os.chmod(target, 0o600)
    sh("setfacl", "-m", f"u:{accounts['bob']}:r", str(target))
    os.symlink("t.txt", share / "link")
    posix.clear_cache()
    assert accounts["bob"] not in {e.principal for e in read_access(str(share), "link")}
