"""Well-known Windows security identifiers (SIDs) and what each one means for exposure (DESIGN.md §7).

[MS-DTYP] 2.4.2.4 lists the well-known SIDs. Only those that decide who can reach a file are named here;
every other SID is kept as it is (``S-1-5-21-…-1105``) and treated as a named user or group.

Kinds (the ``AccessEntry.kind`` the SMB ACL reader gives a grant to the SID):
- ``organization`` — every account of the organisation: Everyone (S-1-1-0; since Windows XP it no longer
  holds anonymous logons unless an administrator turns that back on), Authenticated Users (S-1-5-11), the
  local Users group (S-1-5-32-545, which holds Domain Users on a member server) and Domain Users
  (``S-1-5-21-<domain>-513``).
- ``anyone`` — people who need no account of the organisation: Anonymous Logon (S-1-5-7), the Guests
  groups (S-1-5-32-546, ``…-514`` Domain Guests) and the Guest account (``…-501``). A share that maps bad
  users to guest lets anyone on the network in through these, which is what PUBLIC means for a file server.
- ``well-known`` — administrative and service principals (Administrators, SYSTEM, Domain Admins,
  CREATOR OWNER …): named, never a wide exposure by themselves.
- ``group`` — Samba's Unix groups (``S-1-22-2-<gid>``); ``user`` — Samba's Unix users (``S-1-22-1-<uid>``)
  and, by default, any other SID: without an LSA lookup a domain SID does not say whether it is a user or
  a group, and both are named principals (RESTRICTED unless the roster says otherwise).
"""
from __future__ import annotations

from dataclasses import dataclass

EVERYONE = "S-1-1-0"
CREATOR_OWNER = "S-1-3-0"
CREATOR_GROUP = "S-1-3-1"
ANONYMOUS = "S-1-5-7"
AUTHENTICATED_USERS = "S-1-5-11"
SYSTEM = "S-1-5-18"
ADMINISTRATORS = "S-1-5-32-544"
USERS = "S-1-5-32-545"
GUESTS = "S-1-5-32-546"

UNIX_USER_PREFIX = "S-1-22-1-"  # Samba: a Unix uid with no Windows account mapped to it
UNIX_GROUP_PREFIX = "S-1-22-2-"  # Samba: a Unix gid with no Windows group mapped to it
DOMAIN_PREFIX = "S-1-5-21-"


@dataclass(frozen=True)
class WellKnown:
    name: str  # the English name Windows shows
    display: str  # Japanese first, English in parentheses (user-facing)
    kind: str


_FIXED: dict[str, WellKnown] = {
    EVERYONE: WellKnown("Everyone", "全員 (Everyone)", "organization"),
    AUTHENTICATED_USERS: WellKnown("Authenticated Users", "認証済みユーザー (Authenticated Users)", "organization"),
    USERS: WellKnown("BUILTIN\\Users", "ユーザー (BUILTIN\\Users)", "organization"),
    ANONYMOUS: WellKnown("ANONYMOUS LOGON", "匿名ログオン (ANONYMOUS LOGON)", "anyone"),
    GUESTS: WellKnown("BUILTIN\\Guests", "ゲスト (BUILTIN\\Guests)", "anyone"),
    ADMINISTRATORS: WellKnown("BUILTIN\\Administrators", "管理者 (BUILTIN\\Administrators)", "well-known"),
    SYSTEM: WellKnown("NT AUTHORITY\\SYSTEM", "システム (NT AUTHORITY\\SYSTEM)", "well-known"),
    CREATOR_OWNER: WellKnown("CREATOR OWNER", "作成者オーナー (CREATOR OWNER)", "well-known"),
    CREATOR_GROUP: WellKnown("CREATOR GROUP", "作成者グループ (CREATOR GROUP)", "well-known"),
    "S-1-5-32-547": WellKnown("BUILTIN\\Power Users", "パワーユーザー (BUILTIN\\Power Users)", "well-known"),
    "S-1-5-32-551": WellKnown("BUILTIN\\Backup Operators", "バックアップオペレーター (BUILTIN\\Backup Operators)", "well-known"),
    "S-1-5-19": WellKnown("NT AUTHORITY\\LOCAL SERVICE", "ローカルサービス (LOCAL SERVICE)", "well-known"),
    "S-1-5-20": WellKnown("NT AUTHORITY\\NETWORK SERVICE", "ネットワークサービス (NETWORK SERVICE)", "well-known"),
}

# Domain-relative identifiers ([MS-DTYP] 2.4.2.4): S-1-5-21-<three sub-authorities>-<RID>.
_DOMAIN_RIDS: dict[int, WellKnown] = {
    500: WellKnown("Administrator", "管理者アカウント (Administrator)", "well-known"),
    501: WellKnown("Guest", "ゲストアカウント (Guest)", "anyone"),
    512: WellKnown("Domain Admins", "ドメイン管理者 (Domain Admins)", "well-known"),
    513: WellKnown("Domain Users", "ドメインユーザー (Domain Users)", "organization"),
    514: WellKnown("Domain Guests", "ドメインゲスト (Domain Guests)", "anyone"),
    515: WellKnown("Domain Computers", "ドメインコンピューター (Domain Computers)", "well-known"),
    516: WellKnown("Domain Controllers", "ドメインコントローラー (Domain Controllers)", "well-known"),
    519: WellKnown("Enterprise Admins", "エンタープライズ管理者 (Enterprise Admins)", "well-known"),
}


def domain_rid(sid: str) -> int | None:
    """The RID of a domain SID ``S-1-5-21-a-b-c-RID``, else None."""
    if not sid.startswith(DOMAIN_PREFIX):
        return None
    parts = sid.split("-")
    if len(parts) != 8:  # S, 1, 5, 21, a, b, c, RID
        return None
    try:
        return int(parts[-1])
    except ValueError:
        return None


def well_known(sid: str) -> WellKnown | None:
    """What a well-known SID is, or None for an ordinary account or group."""
    if sid in _FIXED:
        return _FIXED[sid]
    rid = domain_rid(sid)
    if rid is not None:
        return _DOMAIN_RIDS.get(rid)
    return None


def kind_of(sid: str) -> str:
    """The AccessEntry kind of a SID (see the module docstring)."""
    known = well_known(sid)
    if known is not None:
        return known.kind
    if sid.startswith(UNIX_GROUP_PREFIX):
        return "group"
    return "user"


def display_of(sid: str, names: dict[str, str] | None = None) -> str:
    """A name for people: a caller-supplied resolution first (an LSA lookup, a directory export), then the
    well-known name, then Samba's Unix ids as ``Unix User\\<uid>`` / ``Unix Group\\<gid>`` (the uid is the
    server's, so it is not looked up in this machine's account database), else the SID itself."""
    if names and sid in names:
        return names[sid]
    known = well_known(sid)
    if known is not None:
        return known.display
    if sid.startswith(UNIX_USER_PREFIX):
        return f"Unix User\\{sid[len(UNIX_USER_PREFIX):]}"
    if sid.startswith(UNIX_GROUP_PREFIX):
        return f"Unix Group\\{sid[len(UNIX_GROUP_PREFIX):]}"
    return sid
