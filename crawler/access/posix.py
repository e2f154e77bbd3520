"""Who can read a file on a POSIX file system: owner, group, mode, POSIX ACLs, and traversal.

Effective rights, not written ones (DESIGN.md §7):
- ACLs are read with pylibacl (``posix1e``, a maintained binding of libacl; building it needs Debian's
  ``libacl1-dev``). Named-user, named-group and owning-group entries are ANDed with the ACL mask, so an
  entry cancelled by the mask grants nothing.
- Reachability is resolved along every directory from the scan root down to the file: a principal needs
  search (x) permission on each one. x without r on a directory still lets a known path through (the
  principal cannot list the directory, but can open a path it was told), so r is not required.
- The access check is the kernel's (acl(5) "ACCESS CHECK ALGORITHM"): owner entry, else a named-user
  entry, else the union of matching group entries, else other. Root's override is ignored on purpose: the
  question is who the data is shared with, not who administers the machine.

What comes out, one :class:`AccessEntry` per way in:
- the owner (``via="owner"``, ``right="owner"``) — listed even when the mode denies the owner, because an
  owner can always chmod the file back open; a departed owner is a DEPARTED finding;
- named ACL users that can read and traverse (``via="acl"``);
- the owning group (``via="mode"``) and named ACL groups (``via="acl"``) that can read and traverse, then
  each member of such a group who really reaches the file (``via="membership"``); members come from the
  system group database: supplementary members (``grp``) and users whose primary group it is (``pwd``),
  so a departed account that is still in the group counts;
- ``*other*`` (kind ``organization``, ``via="mode"``) when "other" can read the file and search every
  directory above it: every local account on the machine can read it, which is what ORGANIZATION means
  for a file server.

Speed: a big tree has many files per directory, so each directory's permissions and each
(directory, principal) traversal answer are cached; call :func:`clear_cache` at the start of each scan.
"""
from __future__ import annotations

import grp
import os
import pwd
import stat
from dataclasses import dataclass, field
from functools import lru_cache

import posix1e

from crawler.model import AccessEntry

R, W, X = 4, 2, 1
OTHER = "*other*"
OTHER_DISPLAY = "すべてのローカルアカウント (other)"


@dataclass(frozen=True)
class Perms:
    """One inode's permissions with the ACL mask already applied."""

    uid: int
    gid: int
    mode: int
    users: tuple[tuple[int, int], ...] = ()  # named ACL users (uid, masked rwx bits)
    groups: tuple[tuple[int, int], ...] = ()  # named ACL groups (gid, masked rwx bits)
    group_perms: int = 0  # the owning group's bits, masked when an ACL mask exists

    @property
    def owner_perms(self) -> int:
        return (self.mode >> 6) & 7

    @property
    def other_perms(self) -> int:
        return self.mode & 7


@dataclass
class GroupDB:
    """A snapshot of the account database: who is in which group, and names for ids.

    Built once per scan from ``pwd``/``grp`` (:meth:`from_system`); tests and callers with another source
    (an LDAP dump, a container's /etc) can build one directly.
    """

    users: dict[int, str] = field(default_factory=dict)  # uid -> name
    groups: dict[int, str] = field(default_factory=dict)  # gid -> name
    members: dict[int, frozenset[int]] = field(default_factory=dict)  # gid -> uids (primary and supplementary)
    memberships: dict[int, frozenset[int]] = field(default_factory=dict)  # uid -> gids

    @classmethod
    def from_system(cls) -> "GroupDB":
        users, primary = {}, {}
        for pw in pwd.getpwall():
            users.setdefault(pw.pw_uid, pw.pw_name)
            primary[pw.pw_uid] = pw.pw_gid
        by_name = {name: uid for uid, name in users.items()}
        groups: dict[int, str] = {}
        members: dict[int, set[int]] = {}
        for g in grp.getgrall():
            groups.setdefault(g.gr_gid, g.gr_name)
            for name in g.gr_mem:
                if name in by_name:
                    members.setdefault(g.gr_gid, set()).add(by_name[name])
        for uid, gid in primary.items():
            members.setdefault(gid, set()).add(uid)
        memberships: dict[int, set[int]] = {}
        for gid, uids in members.items():
            for uid in uids:
                memberships.setdefault(uid, set()).add(gid)
        return cls(users, groups, {g: frozenset(u) for g, u in members.items()}, {u: frozenset(g) for u, g in memberships.items()})

    def user_name(self, uid: int) -> str:
        return self.users.get(uid, str(uid))

    def group_name(self, gid: int) -> str:
        return self.groups.get(gid, str(gid))

    def groups_of(self, uid: int) -> frozenset[int]:
        return self.memberships.get(uid, frozenset())

    def members_of(self, gid: int) -> tuple[int, ...]:
        return tuple(sorted(self.members.get(gid, ())))


_system_db: GroupDB | None = None


def system_group_db() -> GroupDB:
    global _system_db
    if _system_db is None:
        _system_db = GroupDB.from_system()
    return _system_db


def _bits(permset) -> int:
    return (R if permset.read else 0) | (W if permset.write else 0) | (X if permset.execute else 0)


@lru_cache(maxsize=16384)
def perms_of(path: str) -> Perms:
    """Mode, owner and (for regular files and directories) the ACL of ``path``, mask applied."""
    st = os.lstat(path)
    mode = stat.S_IMODE(st.st_mode)
    group_bits = (mode >> 3) & 7
    if stat.S_ISLNK(st.st_mode):  # acl_get_file follows links: a link's own "ACL" would be its target's
        return Perms(st.st_uid, st.st_gid, mode, (), (), group_bits)
    try:
        acl = posix1e.ACL(file=path)
    except OSError:  # file system without ACL support (ENOTSUP): mode bits are the whole story
        return Perms(st.st_uid, st.st_gid, mode, (), (), group_bits)
    users, groups, mask, group_obj = [], [], None, None
    for entry in acl:
        tag = entry.tag_type
        if tag == posix1e.ACL_USER:
            users.append((entry.qualifier, _bits(entry.permset)))
        elif tag == posix1e.ACL_GROUP:
            groups.append((entry.qualifier, _bits(entry.permset)))
        elif tag == posix1e.ACL_MASK:
            mask = _bits(entry.permset)
        elif tag == posix1e.ACL_GROUP_OBJ:
            group_obj = _bits(entry.permset)
    if group_obj is None:
        group_obj = group_bits
    if mask is not None:  # with a mask, the mode's group bits ARE the mask; the owning group's own bits are group_obj
        users = [(u, b & mask) for u, b in users]
        groups = [(g, b & mask) for g, b in groups]
        group_obj &= mask
    return Perms(st.st_uid, st.st_gid, mode, tuple(users), tuple(groups), group_obj)


def user_perms(p: Perms, uid: int, db: GroupDB) -> int:
    """The kernel's access check for one user (acl(5)), root's override left out."""
    if uid == p.uid:
        return p.owner_perms
    for u, bits in p.users:
        if u == uid:
            return bits
    gids = db.groups_of(uid)
    matched = [p.group_perms] if p.gid in gids else []
    matched += [bits for g, bits in p.groups if g in gids]
    if matched:
        combined = 0
        for bits in matched:
            combined |= bits
        return combined
    return p.other_perms


def group_perms(p: Perms, gid: int) -> int:
    """What an entry for the group as a whole grants (used to decide whether the group is listed)."""
    if gid == p.gid:
        return p.group_perms
    for g, bits in p.groups:
        if g == gid:
            return bits
    return p.other_perms


def _dirs(root: str, relpath: str) -> tuple[str, ...]:
    parts = [p for p in relpath.split("/") if p][:-1]
    dirs = [root]
    for part in parts:
        dirs.append(os.path.join(dirs[-1], part))
    return tuple(dirs)


@lru_cache(maxsize=65536)
def _user_traverses(dirs: tuple[str, ...], uid: int, db_id: int) -> bool:
    db = _dbs[db_id]
    return all(user_perms(perms_of(d), uid, db) & X for d in dirs)


@lru_cache(maxsize=65536)
def _group_traverses(dirs: tuple[str, ...], gid: int) -> bool:
    return all(group_perms(perms_of(d), gid) & X for d in dirs)


@lru_cache(maxsize=65536)
def _other_traverses(dirs: tuple[str, ...]) -> bool:
    return all(perms_of(d).other_perms & X for d in dirs)


_dbs: dict[int, GroupDB] = {}


def _right(bits: int) -> str:
    return "write" if bits & W else "read"


def read_access(root: str, relpath: str, *, group_db: GroupDB | None = None) -> list[AccessEntry]:
    """Effective read access to ``root/relpath``, traversal from ``root`` down included.

    Returns [] when the file or a directory above it cannot be stat'ed (it vanished: the walk reports that).
    """
    db = group_db or system_group_db()
    _dbs[id(db)] = db
    path = os.path.join(root, relpath)
    dirs = _dirs(root, relpath)
    try:
        target = perms_of(path)
        for d in dirs:
            perms_of(d)
    except OSError:
        return []
    entries: list[AccessEntry] = []
    seen: set[int] = {target.uid}

    def reaches(uid: int) -> int:
        """The user's rights on the file if it can get there, else 0."""
        bits = user_perms(target, uid, db)
        return bits if bits & R and _user_traverses(dirs, uid, id(db)) else 0

    owner = db.user_name(target.uid)
    entries.append(AccessEntry(owner, owner, "user", "owner", "owner"))
    for uid, _ in target.users:
        bits = reaches(uid)
        if uid not in seen and bits:
            seen.add(uid)
            name = db.user_name(uid)
            entries.append(AccessEntry(name, name, "user", _right(bits), "acl"))
    group_grants = [(target.gid, target.group_perms, "mode")] + [(g, b, "acl") for g, b in target.groups]
    for gid, bits, via in group_grants:
        if not bits & R or not _group_traverses(dirs, gid):
            continue
        name = db.group_name(gid)
        entries.append(AccessEntry(name, name, "group", _right(bits), via))
        for uid in db.members_of(gid):
            got = reaches(uid)
            if uid not in seen and got:
                seen.add(uid)
                member = db.user_name(uid)
                entries.append(AccessEntry(member, member, "user", _right(got), "membership"))
    if target.other_perms & R and _other_traverses(dirs):
        entries.append(AccessEntry(OTHER, OTHER_DISPLAY, "organization", _right(target.other_perms), "mode"))
    return entries


def clear_cache() -> None:
    """Forget cached permissions and the account snapshot (call at the start of each scan)."""
    global _system_db
    _system_db = None
    _dbs.clear()
    perms_of.cache_clear()
    _user_traverses.cache_clear()
    _group_traverses.cache_clear()
    _other_traverses.cache_clear()
