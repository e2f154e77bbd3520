"""A real Samba server for tests: ``smbd`` on a free loopback port, everything under one temporary folder.

Use it from a test module with ``from tests.crawler.samba import samba  # noqa: F401`` (a module fixture:
one smbd per test module) or start more servers with :func:`start_share` (the kill-mid-walk tests do, so
killing one cannot break the module's server). Needs Debian's ``samba``, ``smbclient`` and ``acl``
(``make apt-test``) and root (useradd, unix accounts behind the passdb, chown); otherwise the tests are
skipped with the reason.

ACLs are POSIX ACLs set with ``setfacl``: smbd maps them to NT security descriptors itself (no VFS module
needed, so Debian's separate ``samba-vfs-modules`` is not required), ``map acl inherit = yes`` keeps the
INHERITED flag of ACEs a file took from its folder's default ACL.

The share ``data`` (read-only; ``tnsmb_admin`` may write, and writes the HR file through SMB):
- ``public.txt`` — mode 0644: Everyone read (Samba's Everyone ACE for "other r--");
- ``blob.bin`` — 300 KiB of random bytes (reading back in chunks);
- ``全社/マイナンバー.txt`` — mode 0644, a synthetic My Number with its context word: レベル3 + ORGANIZATION;
- ``staff-only.txt`` — mode 0640 root:root: Samba shows Everyone with access mask 0 (grants nothing) and
  the scanning account can neither open it nor read its descriptor;
- ``人事/給与.csv`` — the folder is ``tnsmb_admin:tnsmb_hr`` 2750; the admin uploads the file through SMB
  and then writes the folder's DACL (protected; admin full control, ``tnsmb_hr`` read, both object and
  container inherit) and the file's (the same ACEs flagged INHERITED) with SMB2 SET_INFO, as Explorer
  propagates inheritance — smbd without ``acl_xattr`` does not compute inherited ACEs on create itself;
- ``引継ぎメモ.txt`` — 0640 ``tnsmb_admin:tnsmb_hr`` plus a named ACL entry for ``tnsmb_gone`` (a user the
  tests' roster marks departed).
Accounts: ``tnsmb_admin`` (setup), ``tnsmb_scan`` (the scanner, a member of ``tnsmb_hr`` so it can read the
HR folder — an auditor's account is granted read where it audits), ``tnsmb_hr1`` (in ``tnsmb_hr``),
``tnsmb_gone``. They are fixed names, created once and reused (idempotent). Passwords are random per server
and passed on stdin or in 0600 files, never on a command line.
"""
from __future__ import annotations

import grp
import hashlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ADMIN, SCANNER, HR_USER, GONE_USER, HR_GROUP = "tnsmb_admin", "tnsmb_scan", "tnsmb_hr1", "tnsmb_gone", "tnsmb_hr"
USERS = (ADMIN, SCANNER, HR_USER, GONE_USER)
SHARE = "data"
HR_DIR, HR_FILE = "人事", "給与.csv"
HR_PATH = f"{HR_DIR}/{HR_FILE}"
MY_NUMBER_PATH = "全社/マイナンバー.txt"
DEPARTED_PATH = "引継ぎメモ.txt"
DENIED_PATH = "staff-only.txt"
MY_NUMBER = "123456789018"  # synthetic, valid check digit; tests never print it
OI, CI, INHERITED = 0x01, 0x02, 0x10  # ACE flags ([MS-DTYP] 2.4.4.1)
FULL_CONTROL, READ_EXECUTE = 0x001F01FF, 0x001200A9
TOOLS = ("/usr/sbin/smbd", "/usr/bin/smbpasswd", "/usr/bin/pdbedit", "/usr/bin/net", "/usr/bin/smbclient", "/usr/bin/setfacl", "/usr/sbin/useradd")


def skip_reason() -> str | None:
    missing = [t for t in TOOLS if not os.path.exists(t)]
    if missing:
        return f"Samba tools missing ({', '.join(missing)}): apt-get install samba smbclient acl"
    if os.geteuid() != 0:
        return "the Samba fixture needs root (useradd, unix accounts behind the passdb)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(args: list[str], stdin: str | None = None, timeout: float = 60) -> str:
    done = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:  # the output of these tools holds no password (it only ever goes in on stdin)
        raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stderr.strip()[:400] or done.stdout.strip()[:400]}")
    return done.stdout


def ensure_accounts() -> None:
    """Create the fixed test accounts once; later runs reuse them."""
    try:
        grp.getgrnam(HR_GROUP)
    except KeyError:
        _run(["groupadd", HR_GROUP])
    for user in USERS:
        try:
            pwd.getpwnam(user)
        except KeyError:
            _run(["useradd", "-M", "-N", "-s", "/usr/sbin/nologin", user])
    members = grp.getgrnam(HR_GROUP).gr_mem
    for user in (HR_USER, SCANNER):
        if user not in members:
            _run(["usermod", "-aG", HR_GROUP, user])


@dataclass
class SambaServer:
    root: Path
    port: int = field(default_factory=free_port)
    passwords: dict[str, str] = field(default_factory=dict, repr=False)
    proc: subprocess.Popen | None = field(default=None, repr=False)
    sids: dict[str, str] = field(default_factory=dict)
    share_path: Path | None = None

    @property
    def share_dir(self) -> Path:
        return self.share_path or self.root / "share"

    @property
    def conf(self) -> Path:
        return self.root / "smb.conf"

    def url(self, user: str = SCANNER, path: str = "") -> str:
        return f"smb://{user}@127.0.0.1:{self.port}/{SHARE}" + (f"/{path}" if path else "")

    def write_conf(self) -> None:
        r = self.root
        for sub in ("private", "lock", "state", "cache", "pid", "ncalrpc", "log"):
            (r / sub).mkdir(parents=True, exist_ok=True)
        self.conf.write_text(
            f"""[global]
  server role = standalone server
  workgroup = TANATEST
  netbios name = TANATEST
  smb ports = {self.port}
  interfaces = 127.0.0.1
  bind interfaces only = yes
  disable netbios = yes
  server min protocol = SMB2
  private dir = {r}/private
  lock directory = {r}/lock
  state directory = {r}/state
  cache directory = {r}/cache
  pid directory = {r}/pid
  ncalrpc dir = {r}/ncalrpc
  log file = {r}/log/log.%m
  passdb backend = tdbsam:{r}/private/passdb.tdb
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes
  map to guest = never
  restrict anonymous = 2
[{SHARE}]
  path = {self.share_dir}
  read only = yes
  write list = {ADMIN}
  map acl inherit = yes
  inherit acls = yes
  store dos attributes = no
  ea support = no
""",
            encoding="utf-8",
        )

    def add_users(self) -> None:
        for user in USERS:
            password = self.passwords.setdefault(user, "Tn-" + secrets.token_urlsafe(18))
            _run(["smbpasswd", "-c", str(self.conf), "-a", "-s", user], stdin=f"{password}\n{password}\n")
            out = _run(["pdbedit", "-s", str(self.conf), "-L", "-v", user])
            sid = next(line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("User SID:"))
            self.sids[user] = sid
        self.sids[HR_GROUP] = f"S-1-22-2-{grp.getgrnam(HR_GROUP).gr_gid}"  # no group mapping: Samba's Unix group SID

    def start(self) -> None:
        log = open(self.root / "smbd.out", "wb")
        self.proc = subprocess.Popen(
            ["/usr/sbin/smbd", "--foreground", "--no-process-group", "--debug-stdout", "-s", str(self.conf)],
            stdin=subprocess.PIPE,  # smbd --foreground exits on EOF on stdin: kept open, closed by kill()
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so the forked per-client children stop with it
        )
        log.close()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"smbd exited ({self.proc.returncode}); see {self.root}/smbd.out")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("smbd did not start listening within 20 s")

    def kill(self) -> None:
        """Stop the server and every child it forked for a client (SIGKILL: a server that goes away)."""
        if self.proc is None:
            return
        pgid = self.proc.pid  # start_new_session: the group id is smbd's own pid
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc = None

    def set_dacl(self, user: str, rel: str, aces: list[tuple[str, int, int]], protected: bool = False) -> None:
        """Write a DACL through SMB2 SET_INFO (security), as Explorer or icacls would: ``aces`` are
        (SID, ACE flags, access mask) allow entries. smbd maps it to POSIX ACLs and, with ``map acl
        inherit``, keeps the INHERITED and protected flags."""
        from smbclient._io import SMBFileTransaction, SMBRawIO
        from smbprotocol.file_info import InfoType
        from smbprotocol.open import SMB2SetInfoRequest, SMB2SetInfoResponse
        from smbprotocol.security_descriptor import AccessAllowedAce, AclPacket, SDControl, SIDPacket, SMB2CreateSDBuffer

        entries = []
        for sid_text, flags, mask in aces:
            sid = SIDPacket()
            sid.from_string(sid_text)
            ace = AccessAllowedAce()
            ace["ace_flags"], ace["mask"], ace["sid"] = flags, mask, sid
            entries.append(ace)
        sd = SMB2CreateSDBuffer()
        sd["control"].set_flag(SDControl.SELF_RELATIVE)
        sd["control"].set_flag(SDControl.DACL_AUTO_INHERITED)
        if protected:
            sd["control"].set_flag(SDControl.DACL_PROTECTED)
        acl = AclPacket()
        acl["aces"] = entries
        sd.set_dacl(acl)
        cache: dict = {}
        unc = "\\\\127.0.0.1\\" + SHARE + "\\" + rel.replace("/", "\\")
        raw = SMBRawIO(unc, mode="r", share_access="rwd", desired_access=0x00060000,  # WRITE_DAC | READ_CONTROL
                       username=user, password=self.passwords[user], port=self.port, connection_cache=cache)
        request = SMB2SetInfoRequest()
        request["info_type"] = InfoType.SMB2_0_INFO_SECURITY
        request["additional_information"] = 0x4  # DACL_SECURITY_INFORMATION
        request["file_id"] = raw.fd.file_id
        request["buffer"] = sd.pack()

        def receive(req):
            response = raw.fd.connection.receive(req)
            SMB2SetInfoResponse().unpack(response["data"].get_value())

        try:
            with SMBFileTransaction(raw) as transaction:
                transaction += (request, receive)
        finally:
            for conn in cache.values():
                conn.disconnect()

    def put(self, user: str, local: Path, remote: str) -> None:
        """Upload through SMB (so Samba applies the folder's inheritance), credentials in a 0600 file."""
        auth = self.root / f"auth-{user}"
        auth.write_text(f"username = {user}\npassword = {self.passwords[user]}\ndomain = TANATEST\n", encoding="utf-8")
        os.chmod(auth, 0o600)
        remote_dir, _, name = remote.rpartition("/")
        cmd = f'cd "{remote_dir}"; put "{local}" "{name}"' if remote_dir else f'put "{local}" "{name}"'
        _run(["smbclient", f"//127.0.0.1/{SHARE}", "-p", str(self.port), "-A", str(auth), "-s", str(self.conf), "-c", cmd])
        auth.unlink()


def _chown(path: Path, user: str, group: str) -> None:
    os.chown(path, pwd.getpwnam(user).pw_uid, grp.getgrnam(group).gr_gid)


def populate(server: SambaServer) -> dict[str, str]:
    """Fill the share (module docstring) before the server starts; returns {path: sha256}."""
    share = server.share_dir
    share.mkdir(parents=True, exist_ok=True)
    os.chmod(server.root, 0o755)
    os.chmod(share, 0o755)
    hashes: dict[str, str] = {}

    def write(rel: str, data: bytes, mode: int = 0o644) -> Path:
        path = share / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(path.parent, 0o755)
        path.write_bytes(data)
        os.chmod(path, mode)
        hashes[rel] = hashlib.sha256(data).hexdigest()
        return path

    write("public.txt", "社内のお知らせ\n来週の全体会議は会議室Aで行います。\n".encode("utf-8"))
    write("blob.bin", os.urandom(300 * 1024))
    write(MY_NUMBER_PATH, f"従業員のマイナンバー（個人番号）: {MY_NUMBER}\n".encode("utf-8"))
    write(DENIED_PATH, "staff only\n".encode("utf-8"), 0o640)
    memo = write(DEPARTED_PATH, "引継ぎメモ\n来期の予算案は共有フォルダにあります。\n".encode("utf-8"), 0o640)
    _chown(memo, ADMIN, HR_GROUP)
    _run(["setfacl", "-m", f"u:{GONE_USER}:r--", str(memo)])
    hr = share / HR_DIR
    hr.mkdir()
    _chown(hr, ADMIN, HR_GROUP)
    os.chmod(hr, 0o2750)
    _run(["setfacl", "-d", "-m", "u::rwx,g::r-x,o::---", str(hr)])
    return hashes


def populate_through_smb(server: SambaServer) -> dict[str, str]:
    """Files written through the running server (their ACL is inherited from the folder by Samba)."""
    payload = f"氏名,基本給,個人番号\n山田 太郎,300000,{MY_NUMBER}\n".encode("utf-8")
    staged = server.root / "staged.csv"
    staged.write_bytes(payload)
    server.put(ADMIN, staged, HR_PATH)
    staged.unlink()
    # The folder: protected (nothing from the share root), admin full control and HR read, inherited by
    # files and folders (OI|CI); the file: the same ACEs marked INHERITED, as Windows propagates them.
    admin, hr = server.sids[ADMIN], server.sids[HR_GROUP]
    server.set_dacl(ADMIN, HR_DIR, [(admin, OI | CI, FULL_CONTROL), (hr, OI | CI, READ_EXECUTE)], protected=True)
    server.set_dacl(ADMIN, HR_PATH, [(admin, INHERITED, FULL_CONTROL), (hr, INHERITED, READ_EXECUTE)])
    return {HR_PATH: hashlib.sha256(payload).hexdigest()}


@dataclass
class SambaShare:
    server: SambaServer
    hashes: dict[str, str]  # path → sha256 of what was written


def start_share(root: Path, share_dir: Path | None = None, passwords: dict[str, str] | None = None) -> SambaShare:
    """Start a server; with ``share_dir`` it serves that existing folder as it is (no files written)."""
    ensure_accounts()
    server = SambaServer(root=root, passwords=dict(passwords or {}), share_path=share_dir)
    server.write_conf()
    server.add_users()
    hashes: dict[str, str] = {}
    if share_dir is None:
        hashes = populate(server)
    server.start()
    try:
        if share_dir is None:
            hashes.update(populate_through_smb(server))
    except BaseException:
        server.kill()
        raise
    return SambaShare(server, hashes)


@pytest.fixture(scope="module")
def samba():
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="tanaoroshi-samba-", dir="/tmp"))
    share = None
    try:
        share = start_share(root)
        yield share
    finally:
        if share is not None:
            share.server.kill()
        shutil.rmtree(root, ignore_errors=True)
