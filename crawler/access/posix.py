"""Who can read a file on a POSIX file system: owner, group, mode, POSIX ACLs, and traversal.

ACLs are read with pylibacl (``posix1e``), a maintained binding of libacl; entries are masked by the
ACL mask (an entry cancelled by the mask grants nothing). Reachability is resolved along every
directory from the scan root down: a principal needs search (x) permission on each; x without r on a
directory still lets a known path through. Group members come from the system group database
(supplementary members and users whose primary group it is), so a departed user in a group counts.
"""
from __future__ import annotations

import grp
import os
import pwd
import stat
from dataclasses import dataclass
from functools import lru_cache

from crawler.model import AccessEntry

R, W, X = 4, 2, 1
OTHER = "*other*"


@dataclass(frozen=True)
class Perms:
    uid: int
    gid: int
    mode: int
    users: tuple[tuple[int, int], ...]  # named ACL users (uid, perms already masked)
    groups: tuple[tuple[int, int], ...]  # named ACL groups (gid, perms masked)
    group_perms: int  # owning group's perms, masked when an ACL mask exists

    @property
    def owner_perms(self) -> int:
        return (self.mode >> 6) & 7

    @property
    def other_perms(self) -> int:
        return self.mode & 7


def _acl_entries(path: str, mode: int) -> tuple[tuple, tuple, int | None]:
    try:
        import posix1e
    except ImportError:  # pylibacl not built (no libacl headers): mode bits only
        return (), (), None
    try:
        acl = posix1e.ACL(file=path)
    except OSError:
        return (), (), None
    users, groups, mask = [], [], None
    group_obj = None
    for entry in acl:
        perms = entry.permset
        bits = (R if perms.read else 0) | (W if perms.write else 0) | (X if perms.execute else 0)
        if entry.tag_type == posix1e.ACL_USER:
            users.append((entry.qualifier, bits))
        elif entry.tag_type == posix1e.ACL_GROUP:
            groups.append((entry.qualifier, bits))
        elif entry.tag_type == posix1e.ACL_MASK:
            mask = bits
        elif entry.tag_type == posix1e.ACL_GROUP_OBJ:
            group_obj = bits
    if mask is None:
        return tuple(users), tuple(groups), None
    return tuple((u, b & mask) for u, b in users), tuple((g, b & mask) for g, b in groups), (group_obj if group_obj is not None else (mode >> 3) & 7) & mask


@lru_cache(maxsize=8192)
def perms_of(path: str) -> Perms:
    st = os.lstat(path)
    mode = stat.S_IMODE(st.st_mode)
    users, groups, group_masked = _acl_entries(path, mode)
    return Perms(st.st_uid, st.st_gid, mode, users, groups, group_masked if group_masked is not None else (mode >> 3) & 7)


@lru_cache(maxsize=4096)
def user_groups(uid: int) -> frozenset[int]:
    try:
        pw = pwd.getpwuid(uid)
    except KeyError:
        return frozenset()
    gids = {pw.pw_gid}
    for g in grp.getgrall():
        if pw.pw_name in g.gr_mem:
            gids.add(g.gr_gid)
    return frozenset(gids)


@lru_cache(maxsize=4096)
def group_members(gid: int) -> tuple[int, ...]:
    members = set()
    try:
        g = grp.getgrgid(gid)
        for name in g.gr_mem:
            try:
                members.add(pwd.getpwnam(name).pw_uid)
            except KeyError:
                continue
    except KeyError:
        pass
    for pw in pwd.getpwall():
        if pw.pw_gid == gid:
            members.add(pw.pw_uid)
    return tuple(sorted(members))


def user_perms(p: Perms, uid: int) -> int:
    """The POSIX access-check algorithm for one user (root's override is ignored on purpose:
    the question is who the file is shared with, not who administers the machine)."""
    if uid == p.uid:
        return p.owner_perms
    for u, bits in p.users:
        if u == uid:
            return bits
    gids = user_groups(uid)
    matched = [p.group_perms] if p.gid in gids else []
    matched += [bits for g, bits in p.groups if g in gids]
    if matched:
        combined = 0
        for bits in matched:
            combined |= bits
        return combined
    return p.other_perms


def group_perms(p: Perms, gid: int) -> int:
    if gid == p.gid:
        return p.group_perms
    for g, bits in p.groups:
        if g == gid:
            return bits
    return p.other_perms


def _name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _gname(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def _dirs(root: str, relpath: str) -> list[str]:
    parts = relpath.split("/")[:-1]
    dirs = [root]
    for part in parts:
        dirs.append(os.path.join(dirs[-1], part))
    return dirs


def read_access(root: str, relpath: str) -> list[AccessEntry]:
    """Effective read access to ``root/relpath`` (traversal from ``root`` down included)."""
    path = os.path.join(root, relpath)
    try:
        target = perms_of(path)
        dirs = [perms_of(d) for d in _dirs(root, relpath)]
    except OSError:
        return []
    entries: list[AccessEntry] = []
    seen_users: set[int] = set()

    def user_reaches(uid: int) -> bool:
        return all(user_perms(d, uid) & X for d in dirs) and bool(user_perms(target, uid) & R)

    # owner
    entries.append(AccessEntry(_name(target.uid), _name(target.uid), "user", "owner", "owner"))
    seen_users.add(target.uid)
    # named ACL users
    for uid, bits in target.users:
        if uid not in seen_users and user_reaches(uid):
            seen_users.add(uid)
            entries.append(AccessEntry(_name(uid), _name(uid), "user", "write" if bits & W else "read", "acl"))
    # owning group and named ACL groups, with their members
    group_grants = [(target.gid, target.group_perms, "mode")] + [(g, bits, "acl") for g, bits in target.groups]
    for gid, bits, via in group_grants:
        if not bits & R:
            continue
        if not all(group_perms(d, gid) & X for d in dirs):
            continue
        entries.append(AccessEntry(_gname(gid), _gname(gid), "group", "write" if bits & W else "read", via))
        for uid in group_members(gid):
            if uid not in seen_users and user_reaches(uid):
                seen_users.add(uid)
                entries.append(AccessEntry(_name(uid), _name(uid), "user", "read", "membership"))
    # everyone else with an account on the machine
    if target.other_perms & R and all(d.other_perms & X for d in dirs):
        entries.append(AccessEntry(OTHER, "すべてのローカルアカウント (other)", "organization", "write" if target.other_perms & W else "read", "mode"))
    return entries


def clear_cache() -> None:
    """Forget cached permissions (call at the start of each scan: modes change between runs)."""
    perms_of.cache_clear()
    user_groups.cache_clear()
    group_members.cache_clear()
