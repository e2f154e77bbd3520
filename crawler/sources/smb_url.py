"""``smb://[domain;][user@]host[:port]/share[/path]`` targets and the credentials to open them.

The password never comes from the command line (DESIGN.md §8): a URL with ``user:password@`` is refused.
It is read, in this order, from
1. the environment variable ``TANAOROSHI_SMB_PASSWORD``;
2. a credentials file: ``TANAOROSHI_SMB_CREDENTIALS`` names it, else ``~/.config/tanaoroshi/smb-credentials``.
   Its format is mount.cifs's (``username=…``, ``password=…``, ``domain=…``, one per line, ``#`` comments).
   A file that group or others may read or write (mode wider than 0600) is refused, like ssh refuses a
   private key anyone can read.
The user comes from the URL, else the credentials file, else ``TANAOROSHI_SMB_USER``.
The password is held in a dataclass field with ``repr=False``; no exception or log line here names it.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping
from urllib.parse import unquote, urlsplit

DEFAULT_PORT = 445
PASSWORD_ENV = "TANAOROSHI_SMB_PASSWORD"
CREDENTIALS_ENV = "TANAOROSHI_SMB_CREDENTIALS"
USER_ENV = "TANAOROSHI_SMB_USER"
DEFAULT_CREDENTIALS = Path("~/.config/tanaoroshi/smb-credentials")


class SmbTargetError(ValueError):
    """A bad smb:// target or missing/unsafe credentials. One line, no secret in it."""


@dataclass(frozen=True)
class SmbUrl:
    host: str
    share: str
    path: str = ""  # '/'-separated sub-path inside the share, no leading or trailing '/'
    port: int = DEFAULT_PORT
    user: str | None = None
    domain: str | None = None

    @property
    def source(self) -> str:
        """The source id the inventory stores: ``smb://host[:port]/share`` (no user, no sub-path)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if self.port == DEFAULT_PORT else f":{self.port}"
        return f"smb://{host}{port}/{self.share}"

    @property
    def display(self) -> str:
        """The target as the user named it, without any secret: ``smb://[domain;][user@]host[:port]/share[/path]``
        (the run records it; a resumed run is found by it)."""
        user = f"{self.domain};{self.user}@" if self.domain and self.user else (f"{self.user}@" if self.user else "")
        tail = f"/{self.path}" if self.path else ""
        return self.source.replace("smb://", "smb://" + user, 1) + tail

    def __str__(self) -> str:
        return self.display

    def unc(self, rel: str = "") -> str:
        r"""The UNC path smbclient opens: ``\\host\share\sub\path\rel``."""
        parts = [p for p in (self.path + "/" + rel).split("/") if p]
        return "\\\\" + "\\".join([self.host, self.share, *parts])


def parse_smb_url(text: str) -> SmbUrl:
    if not text.lower().startswith("smb://"):
        raise SmbTargetError("an SMB target starts with smb://")
    parts = urlsplit(text)
    if parts.password is not None:
        raise SmbTargetError(f"passwords are never taken from the command line: set {PASSWORD_ENV} or a credentials file")
    if parts.query or parts.fragment:
        raise SmbTargetError("an SMB target has no ?query or #fragment")
    host = parts.hostname
    if not host:
        raise SmbTargetError("an SMB target needs a host: smb://host/share")
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError:
        raise SmbTargetError("the port of an SMB target is a number from 1 to 65535") from None
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if not segments:
        raise SmbTargetError("an SMB target needs a share: smb://host/share")
    if any(s in (".", "..") or "\\" in s for s in segments):
        raise SmbTargetError("an SMB target path may not hold '.', '..' or backslashes")
    user = unquote(parts.username) if parts.username else None
    domain = None
    if user and ";" in user:  # smb URL convention: smb://DOMAIN;user@host/share
        domain, user = user.split(";", 1)
    return SmbUrl(host=host, share=segments[0], path="/".join(segments[1:]), port=port, user=user or None, domain=domain or None)


@dataclass(frozen=True)
class SmbCredentials:
    username: str | None
    password: str | None = field(default=None, repr=False)
    domain: str | None = None

    @property
    def login(self) -> str | None:
        """The user name smbprotocol sends: ``DOMAIN\\user`` when a domain is set."""
        if not self.username:
            return None
        return f"{self.domain}\\{self.username}" if self.domain else self.username


def read_credentials_file(path: Path) -> dict[str, str]:
    """Parse a mount.cifs credentials file; refuse one whose mode is wider than 0600."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise SmbTargetError(f"credentials file not found: {path}") from None
    if not stat.S_ISREG(st.st_mode):
        raise SmbTargetError(f"credentials file is not a regular file: {path}")
    if st.st_mode & 0o077:
        raise SmbTargetError(f"credentials file {path} has mode {stat.S_IMODE(st.st_mode):04o}; make it 0600 (chmod 600)")
    values: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        key = key.strip().lower()
        if not sep or key not in ("username", "user", "password", "pass", "domain", "workgroup"):
            raise SmbTargetError(f"{path}:{number}: expected username=, password= or domain=")
        key = {"user": "username", "pass": "password", "workgroup": "domain"}.get(key, key)
        values[key] = value if key == "password" else value.strip()
    return values


def load_credentials(url: SmbUrl, env: Mapping[str, str] | None = None, home: Path | None = None) -> SmbCredentials:
    """The credentials for ``url`` from the environment or the credentials file (module docstring)."""
    env = os.environ if env is None else env
    file_values: dict[str, str] = {}
    explicit = env.get(CREDENTIALS_ENV)
    if explicit:
        file_values = read_credentials_file(Path(explicit))
    else:
        default = (home / ".config/tanaoroshi/smb-credentials") if home else DEFAULT_CREDENTIALS.expanduser()
        if default.exists():
            file_values = read_credentials_file(default)
    password = env.get(PASSWORD_ENV) or file_values.get("password")
    username = url.user or file_values.get("username") or env.get(USER_ENV)
    domain = url.domain or file_values.get("domain")
    if not username:
        raise SmbTargetError(f"no SMB user: put it in the target (smb://user@host/share), the credentials file or {USER_ENV}")
    if not password:
        raise SmbTargetError(f"no SMB password: set {PASSWORD_ENV} or write a credentials file (mode 0600) named by {CREDENTIALS_ENV}")
    return SmbCredentials(username=username, password=password, domain=domain)
