"""Walk an SMB share over the network (smbprotocol's ``smbclient``), read-only, with each file's
security descriptor.

- Paths: ``Entry.source`` is ``smb://host[:port]/share``; ``Entry.path`` is '/'-separated and relative to
  the *target*: the share root, or the sub-folder when the target names one (``smb://h/share/経理`` gives
  ``2024/a.xlsx``, not ``経理/2024/a.xlsx``; the source id stays the share, so two targets on one share
  that overlap give different paths for one file — scan the share, or disjoint sub-folders).
  ``Entry.locator`` is the full UNC path a worker hands to :func:`open_smb`.
- Order is deterministic (names sorted by their UTF-8 bytes, as the local walk does). Directories are
  descended, not yielded, unless they cannot be listed (then one ``dir`` entry with its problem).
- Reparse points (symbolic links, junctions, other tags) are listed as ``symlink`` with reason SYMLINK and
  never followed; devices are ``special`` / UNSUPPORTED and never opened.
- The walk opens each file (read data + read control, every share mode allowed so nobody is locked out)
  to prove it can be read and to fetch its security descriptor; a worker later reads its bytes through
  :func:`open_smb` / :class:`SmbSource` (SMB2 QUERY_INFO, SMB2_0_INFO_SECURITY,
  OWNER|GROUP|DACL — smbclient has no call for it, so the request is built here with smbprotocol's own
  structures). SIDs are named by the server's LSA when it allows the lookup (:class:`SidNames`); the
  SID stays the principal, the name is its display. ``Entry.owner`` is the owner's name, else its SID. A file the scanning account
  cannot read gets PERMISSION_DENIED; its descriptor is still fetched with read-control alone when allowed,
  because who *can* read it matters to the inventory.
- Per-file SMB errors become ``Entry.problem`` and the walk goes on: access denied → PERMISSION_DENIED,
  sharing violation (someone holds it with deny-read) → PERMISSION_DENIED with that message, object name
  or path not found / delete pending → VANISHED, name too long or invalid → UNSUPPORTED.
- Transient failures (connection closed or reset, timeouts, session expired) are retried with exponential
  back-off (:class:`RetryPolicy`), each time on a fresh connection. When the server stays away,
  :class:`SmbUnavailable` is raised: the entries yielded so far are good, the run is *incomplete*, and a
  later re-crawl finishes it (unchanged files are skipped by size/mtime/hash). ``SmbUnavailable.path`` is
  the last path the walk was working on, for the run's record.
- Credentials: the password lives only in the :class:`SmbCredentials` passed in and in smbprotocol's
  session object; each walk uses its own connection cache and closes it at the end.
"""
from __future__ import annotations

import errno
import io
import logging
import socket
import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterator, TypeVar

import smbclient
from smbclient._io import SMBFileTransaction, SMBRawIO
from smbprotocol.exceptions import (
    SMBAuthenticationError,
    SMBConnectionClosed,
    SMBException,
    SMBLinkRedirectionError,
    SMBOSError,
    SMBResponseException,
    SMBUnsupportedFeature,
)
from smbprotocol.file_info import FileAttributes, InfoType
from smbprotocol.open import CreateOptions, FilePipePrinterAccessMask, SMB2QueryInfoRequest, SMB2QueryInfoResponse

from crawler.access.smb_acl import (
    DACL_SECURITY_INFORMATION,
    GROUP_SECURITY_INFORMATION,
    OWNER_SECURITY_INFORMATION,
    SecurityDescriptor,
    SecurityDescriptorError,
    access_entries,
    owner_name,
    parse_security_descriptor,
)
from crawler.access.sids import well_known
from crawler.model import AccessEntry, Entry, Problem, Reason
from crawler.sources.smb_url import SmbCredentials, SmbUrl, parse_smb_url

T = TypeVar("T")
log = logging.getLogger("tanaoroshi.smb")
# smbprotocol logs whole packets at DEBUG — READ responses with the file's bytes among them — and the
# logon exchange; none of that may reach our logs (DESIGN.md §10), so its loggers pass warnings only,
# whatever the root level (an explicit level on a logger wins over the root's). Its transport also warns
# on every connection reset, which this module retries and reports itself.
for _name, _level in (("smbprotocol", logging.WARNING), ("smbclient", logging.WARNING), ("spnego", logging.WARNING), ("smbprotocol.transport", logging.ERROR)):
    logging.getLogger(_name).setLevel(_level)

_SD_BUFFER = 64 * 1024  # a security descriptor larger than this is exceptional; the server says so
_READ_CONTROL = 0x00020000
_LIST_DIRECTORY = 0x00000001 | 0x00000020 | 0x00000080  # FILE_LIST_DIRECTORY | FILE_TRAVERSE | FILE_READ_ATTRIBUTES
_READ_FILE = 0x00000001 | 0x00000080 | 0x00100000  # FILE_READ_DATA | FILE_READ_ATTRIBUTES | SYNCHRONIZE
_FILE_ATTRIBUTE_DEVICE = 0x00000040  # [MS-FSCC] 2.6; smbprotocol has no name for it

# NTSTATUS codes ([MS-ERREF] 2.3.1) that belong to one file, with the reason they give.
_PER_FILE: dict[int, tuple[Reason, str]] = {
    0xC0000022: (Reason.PERMISSION_DENIED, "access denied"),
    0xC0000043: (Reason.PERMISSION_DENIED, "sharing violation: another user holds the file open with deny-read"),
    0xC0000034: (Reason.VANISHED, "object name not found"),
    0xC000003A: (Reason.VANISHED, "object path not found"),
    0xC0000056: (Reason.VANISHED, "delete pending"),
    0xC000000F: (Reason.VANISHED, "no such file"),
    0xC0000106: (Reason.UNSUPPORTED, "name too long"),
    0xC0000033: (Reason.UNSUPPORTED, "object name invalid"),
    0xC000003B: (Reason.UNSUPPORTED, "object path syntax bad"),
    0xC00000BA: (Reason.UNSUPPORTED, "is a directory"),
    0xC0000103: (Reason.UNSUPPORTED, "not a directory"),
    0xC0000010: (Reason.UNSUPPORTED, "invalid device request"),
    0xC00000BB: (Reason.UNSUPPORTED, "not supported"),
}
# NTSTATUS codes after which a new connection may succeed.
_TRANSIENT_STATUS = {
    0xC00000C9,  # STATUS_NETWORK_NAME_DELETED
    0xC0000203,  # STATUS_USER_SESSION_DELETED
    0xC000035C,  # STATUS_NETWORK_SESSION_EXPIRED
    0xC00000B5,  # STATUS_IO_TIMEOUT
    0xC000020C,  # STATUS_CONNECTION_DISCONNECTED
    0xC000013B,  # STATUS_LOCAL_DISCONNECT
    0xC000013C,  # STATUS_REMOTE_DISCONNECT
    0xC0000120,  # STATUS_CANCELLED
}


# NTSTATUS codes that mean the target itself cannot be used with these credentials: never retried.
_LOGIN_STATUS: dict[int, str] = {
    0xC000006D: "logon failure (wrong user or password)",
    0xC000006E: "account restriction",
    0xC0000072: "account disabled",
    0xC0000193: "account expired",
    0xC0000071: "password expired",
    0xC0000224: "password must change",
    0xC0000234: "account locked out",
    0xC00000CC: "no such share",
    0xC0000225: "no such share",  # STATUS_NOT_FOUND: smbclient asks for the tree through DFS first
    0xC0000022: "access to the share denied",
}


class SmbLoginError(Exception):
    """The server answered but refuses these credentials or has no such share. One line, no secret."""

    def __init__(self, source: str, cause: str):
        super().__init__(f"SMB login to {source} failed: {cause}")
        self.source, self.cause = source, cause


class SmbUnavailable(Exception):
    """The server could not be reached after the retries: the walk stopped and the run is incomplete."""

    def __init__(self, source: str, path: str, attempts: int, cause: str):
        super().__init__(f"SMB server unavailable: {source} (at '{path or '.'}', {attempts} attempts; last error {cause})")
        self.source, self.path, self.attempts, self.cause = source, path, attempts, cause


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4  # tries per operation, the first one included
    base_delay: float = 0.5  # seconds before the 2nd try; doubled each time
    max_delay: float = 8.0
    connection_timeout: float = 15.0


def _status(exc: BaseException) -> int | None:
    if isinstance(exc, SMBOSError):
        return exc.ntstatus
    if isinstance(exc, SMBResponseException):
        return exc.status
    return None


# EBADF: smbprotocol's receiving thread closes the connection's socket when the server drops it, and a request
# sent meanwhile fails on the closed descriptor (seen when the server was killed mid-walk, CI 2026-12-04)
_NETWORK_ERRNOS = {errno.ENETDOWN, errno.ENETUNREACH, errno.ENETRESET, errno.EHOSTDOWN, errno.EHOSTUNREACH, errno.ETIMEDOUT, errno.EPIPE, errno.EBADF}


def _is_transient(exc: BaseException) -> bool:
    if isinstance(exc, (SMBAuthenticationError, SMBUnsupportedFeature, SMBLinkRedirectionError)):
        return False
    status = _status(exc)
    if status is not None:
        return status in _TRANSIENT_STATUS
    if isinstance(exc, ValueError) and isinstance(exc.__cause__, OSError):
        return True  # smbprotocol's transport wraps a refused or failed TCP connect in ValueError
    # Socket-level failures; SMBException without a status is smbprotocol's "connection/timeout" family.
    # Other local OSErrors (a PermissionError, say) are not the network's and are not retried.
    return isinstance(exc, (SMBConnectionClosed, ConnectionError, TimeoutError, socket.timeout, socket.gaierror, EOFError)) or (
        isinstance(exc, SMBException) and not isinstance(exc, SMBResponseException)
    ) or (isinstance(exc, OSError) and not isinstance(exc, SMBOSError) and exc.errno in _NETWORK_ERRNOS)


def _describe(exc: BaseException) -> str:
    """A short cause for messages: the exception's class, and the socket error under smbprotocol's wrapper."""
    cause = exc.__cause__ if isinstance(exc, ValueError) and isinstance(exc.__cause__, OSError) else exc
    status = _status(cause)
    if status is not None:
        return f"{type(cause).__name__} 0x{status:08X}"
    if isinstance(cause, OSError) and cause.strerror:
        return f"{type(cause).__name__}: {cause.strerror}"
    return type(cause).__name__


def _problem(exc: BaseException, stage: str) -> Problem | None:
    """The per-file problem an SMB error means, or None when it is not a per-file error."""
    status = _status(exc)
    if status is None or status in _TRANSIENT_STATUS:
        return None
    reason, message = _PER_FILE.get(status, (Reason.UNSUPPORTED, f"SMB error 0x{status:08X}"))
    return Problem(reason, message, stage)


@dataclass
class SmbClient:
    """One server connection with its own cache, retries and the security-descriptor query."""

    url: SmbUrl
    creds: SmbCredentials
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    sleep: Callable[[float], None] = time.sleep
    _cache: dict = field(default_factory=dict, repr=False)

    def kwargs(self) -> dict[str, Any]:
        return {
            "username": self.creds.login,
            "password": self.creds.password,
            "port": self.url.port,
            "connection_cache": self._cache,
            "connection_timeout": self.retry.connection_timeout,
        }

    def connect(self) -> None:
        """Log on (with retries while the server cannot be reached); SmbLoginError when it refuses us."""
        try:
            self.call(lambda: smbclient.register_session(self.url.host, **self.kwargs()), "")
        except SMBAuthenticationError:
            raise SmbLoginError(self.url.source, "authentication failed (wrong user or password)") from None
        except (SMBOSError, SMBResponseException) as exc:
            cause = _LOGIN_STATUS.get(_status(exc) or 0)
            if cause is None:
                raise
            raise SmbLoginError(self.url.source, cause) from None

    def check(self) -> None:
        """Log on and list the target folder once: a bad password or share is found before a scan starts."""
        self.connect()
        try:
            self.call(lambda: self.scandir(self.url.unc()), "")
        except (SMBOSError, SMBResponseException) as exc:
            cause = _LOGIN_STATUS.get(_status(exc) or 0) or _PER_FILE.get(_status(exc) or 0, (None, None))[1]
            if cause is None:
                raise
            raise SmbLoginError(self.url.source, f"{cause} ('{self.url.path or '/'}')") from None

    def reset(self) -> None:
        """Drop the connection (it is broken or the walk is over)."""
        for key in list(self._cache):
            conn = self._cache.pop(key)
            try:
                conn.disconnect(close=True, timeout=1)
            except Exception:  # a dead connection may fail to close; it is dropped either way
                pass

    close = reset

    def call(self, fn: Callable[[], T], where: str) -> T:
        """Run ``fn``; on a transient failure reconnect and retry with back-off, then SmbUnavailable."""
        delay = self.retry.base_delay
        for attempt in range(1, self.retry.attempts + 1):
            try:
                return fn()
            except Exception as exc:
                if not _is_transient(exc):
                    raise
                self.reset()
                if attempt == self.retry.attempts:
                    raise SmbUnavailable(self.url.source, where, attempt, _describe(exc)) from None
                self.sleep(min(delay, self.retry.max_delay))
                delay *= 2
        raise AssertionError("unreachable")

    def scandir(self, unc: str) -> list:
        # List + traverse + read attributes only: smbclient's default also asks for FILE_READ_EA, which an
        # auditing account granted "list folder / read permissions" does not have.
        return list(smbclient.scandir(unc, desired_access=_LIST_DIRECTORY, **self.kwargs()))

    def security_descriptor(self, unc: str, desired_access: int) -> bytes:
        """Open ``unc`` with ``desired_access`` (READ_CONTROL always added) and return its raw descriptor."""
        raw = SMBRawIO(
            unc,
            mode="r",
            share_access="rwd",
            desired_access=desired_access | _READ_CONTROL,
            create_options=CreateOptions.FILE_OPEN_REPARSE_POINT,
            **self.kwargs(),
        )
        request = SMB2QueryInfoRequest()
        request["info_type"] = InfoType.SMB2_0_INFO_SECURITY
        request["output_buffer_length"] = _SD_BUFFER
        request["additional_information"] = OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION
        request["file_id"] = raw.fd.file_id

        def receive(req):
            response = raw.fd.connection.receive(req)
            parsed = SMB2QueryInfoResponse()
            parsed.unpack(response["data"].get_value())
            return parsed["buffer"].get_value()

        with SMBFileTransaction(raw) as transaction:
            transaction += (request, receive)
        return transaction.results[0]


def check_target(url: SmbUrl, creds: SmbCredentials, retry: RetryPolicy | None = None) -> None:
    """Raise SmbLoginError / SmbUnavailable unless the target can be listed with these credentials."""
    client = SmbClient(url, creds, retry or RetryPolicy())
    try:
        client.check()
    finally:
        client.close()


class SidNames:
    """SID → account name for one walk: the caller's map first, then the server's LSA (LsarLookupSids over
    the walk's own session, see :mod:`crawler.sources.smb_lsa`), each SID asked once. Well-known SIDs keep
    their fixed (bilingual) names. When the server refuses lookups the walk goes on with SIDs only."""

    def __init__(self, client: SmbClient, given: dict[str, str] | None, resolve: bool):
        self.client, self.known, self.enabled = client, dict(given or {}), resolve
        self.missed: set[str] = set()
        self._lsa = None

    def for_descriptor(self, sd: SecurityDescriptor) -> dict[str, str]:
        present = {sd.owner, sd.group, *(ace.sid for ace in sd.dacl or ())}
        unknown = sorted(s for s in present if s and s not in self.known and s not in self.missed and well_known(s) is None)
        if unknown and self.enabled:
            try:
                found = self.client.call(lambda: self._lookup(unknown), "lsarpc")
            except SmbUnavailable:
                raise
            except Exception as exc:  # LsaError, a pipe the account may not open, a fault: keep the SIDs
                log.info("SIDs on %s are not resolved to names: %s", self.client.url.source, exc)
                self.enabled, found = False, {}
            self.known.update(found)
            self.missed.update(s for s in unknown if s not in found)
        return self.known

    def _lookup(self, unknown: list[str]) -> dict[str, str]:
        from crawler.sources.smb_lsa import LsaLookup

        try:
            if self._lsa is None:
                self._lsa = LsaLookup(self.client.url.host, **self.client.kwargs())
            return self._lsa.lookup(unknown)
        except BaseException:
            self.close()  # a broken pipe is reopened on the retry
            raise

    def close(self) -> None:
        if self._lsa is not None:
            self._lsa.close()
            self._lsa = None


def _sorted(entries: list) -> list:
    return sorted(entries, key=lambda e: e.name.encode("utf-8", "surrogatepass"))


def walk_smb_access(
    url: SmbUrl,
    creds: SmbCredentials,
    retry: RetryPolicy | None = None,
    names: dict[str, str] | None = None,
    resolve: bool = True,
) -> Iterator[tuple[Entry, list[AccessEntry]]]:
    """Every entry under the target with the access its security descriptor grants (module docstring).
    ``access`` is empty when the descriptor could not be read (the entry's problem, if any, says why).
    ``names`` (SID → name) are the caller's; with ``resolve`` the rest are asked of the server's LSA."""
    client = SmbClient(url, creds, retry or RetryPolicy())
    resolver = SidNames(client, names, resolve)
    try:
        client.connect()
        yield from _walk_dir(client, "", resolver)
    finally:
        resolver.close()
        client.close()


def walk_smb(url: SmbUrl, creds: SmbCredentials, retry: RetryPolicy | None = None, names: dict[str, str] | None = None, resolve: bool = True) -> Iterator[Entry]:
    """Every entry under the target, its grants in ``Entry.access`` (what the inventory reads)."""
    for entry, access in walk_smb_access(url, creds, retry, names, resolve):
        yield replace(entry, access=tuple(access))


def _walk_dir(client: SmbClient, rel: str, names: "SidNames") -> Iterator[tuple[Entry, list[AccessEntry]]]:
    url = client.url
    unc = url.unc(rel)
    try:
        children = client.call(lambda: _sorted(client.scandir(unc)), rel)
    except SmbUnavailable:
        raise
    except Exception as exc:
        problem = _problem(exc, "walk")
        if problem is None:
            raise
        yield Entry(source=url.source, path=rel or ".", kind="dir", locator=unc, problem=Problem(problem.reason, f"directory cannot be listed: {problem.message}", "walk")), []
        return
    log.debug("listed %s on %s: %d entries", rel or ".", url.source, len(children))  # names only, as the inventory holds them
    for child in children:
        child_rel = f"{rel}/{child.name}" if rel else child.name
        child_unc = url.unc(child_rel)
        info = child.smb_info
        attrs = info.file_attributes
        common = dict(
            source=url.source,
            path=child_rel,
            size=info.end_of_file,
            mtime=_timestamp(info.last_write_time),
            locator=child_unc,
        )
        if attrs & FileAttributes.FILE_ATTRIBUTE_REPARSE_POINT:
            entry, access = _with_descriptor(client, child_unc, child_rel, names, read=False, common=common)
            yield Entry(kind="symlink", owner=entry.owner, group=entry.group, problem=Problem(Reason.SYMLINK, "reparse points (links, junctions) are listed, never followed", "walk"), **common), access
        elif attrs & FileAttributes.FILE_ATTRIBUTE_DIRECTORY:
            yield from _walk_dir(client, child_rel, names)
        elif attrs & _FILE_ATTRIBUTE_DEVICE:
            yield Entry(kind="special", problem=Problem(Reason.UNSUPPORTED, "device: never opened", "walk"), **common), []
        else:
            yield _with_descriptor(client, child_unc, child_rel, names, read=True, common=common)


def _timestamp(value) -> float:
    """POSIX seconds of an SMB FILETIME; a server's out-of-range time (smbprotocol gives datetime.max) is 0."""
    try:
        return value.timestamp()
    except (OverflowError, ValueError, OSError):
        return 0.0


def _with_descriptor(client: SmbClient, unc: str, rel: str, resolver: "SidNames", read: bool, common: dict) -> tuple[Entry, list[AccessEntry]]:
    """Open the file (read data + read control) for its descriptor; fall back to read control alone."""
    problem: Problem | None = None
    data: bytes | None = None
    wanted = FilePipePrinterAccessMask.FILE_READ_DATA if read else 0
    try:
        data = client.call(lambda: client.security_descriptor(unc, wanted), rel)
    except SmbUnavailable:
        raise
    except Exception as exc:
        problem = _problem(exc, "walk")
        if problem is None:
            raise
        if read and problem.reason is Reason.PERMISSION_DENIED:
            try:  # cannot read the data; perhaps still allowed to read who can
                data = client.call(lambda: client.security_descriptor(unc, 0), rel)
            except SmbUnavailable:
                raise
            except Exception as exc2:
                if _problem(exc2, "walk") is None:
                    raise
    sd: SecurityDescriptor | None = None
    if data is not None:
        try:
            sd = parse_security_descriptor(data)
        except SecurityDescriptorError as exc:
            problem = problem or Problem(Reason.CORRUPT, f"security descriptor unreadable: {exc}", "access")
    names = resolver.for_descriptor(sd) if sd else {}
    owner = owner_name(sd, names) if sd else None
    group = names.get(sd.group, sd.group) if sd and sd.group else None
    access = access_entries(sd, names) if sd else []
    return Entry(kind="file", owner=owner, group=group, problem=problem, **common), access


def read_security_descriptor(locator: str, creds: SmbCredentials, port: int = 445, retry: RetryPolicy | None = None) -> SecurityDescriptor:
    """The parsed descriptor of one file or folder by its UNC locator (for re-crawls that refresh access)."""
    client = _client_for(locator, creds, port, retry)
    try:
        return parse_security_descriptor(client.call(lambda: client.security_descriptor(locator, 0), locator))
    finally:
        client.close()


def _client_for(locator: str, creds: SmbCredentials, port: int, retry: RetryPolicy | None) -> SmbClient:
    parts = [p for p in locator.split("\\") if p]
    if len(parts) < 2 or not locator.startswith("\\\\"):
        raise ValueError("an SMB locator is a UNC path: \\\\host\\share\\path")
    return SmbClient(SmbUrl(host=parts[0], share=parts[1], port=port), creds, retry or RetryPolicy())


class _SmbReader(io.RawIOBase):
    """A read-only raw stream over one remote file. A read that fails on a transient error reopens the
    file on a fresh connection at the same offset (with the client's back-off); when the server stays
    away, ``lost`` holds the :class:`SmbUnavailable` — extractors turn any read error into a CORRUPT
    problem, so the caller checks ``lost`` to tell "the server went away" from "the file is bad"."""

    def __init__(self, client: SmbClient, locator: str, own_client: bool):
        super().__init__()
        self._client, self._locator, self._own = client, locator, own_client
        self._fp = self._open()
        self.lost: SmbUnavailable | None = None

    def _open(self):
        return smbclient.open_file(self._locator, mode="rb", buffering=0, share_access="rwd", desired_access=_READ_FILE, **self._client.kwargs())

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.lost is not None:
            raise self.lost
        position = self._fp.tell()
        try:
            return self._fp.readinto(buffer)
        except Exception as exc:
            if not _is_transient(exc):
                raise
        self._client.reset()

        def again() -> int:
            self._fp = self._open()
            self._fp.seek(position)
            return self._fp.readinto(buffer)

        try:
            return self._client.call(again, self._locator)
        except SmbUnavailable as exc:
            self.lost = exc
            raise

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._fp.seek(offset, whence)

    def tell(self) -> int:
        return self._fp.tell()

    def close(self) -> None:
        if not self.closed:
            try:
                self._fp.close()
            except Exception:  # closing a handle on a dead connection fails; the handle is gone either way
                pass
            finally:
                if self._own:
                    self._client.close()
        super().close()


class SmbStream(io.BufferedReader):
    """The buffered read-only stream :func:`open_smb` returns; ``lost`` as on :class:`_SmbReader`."""

    @property
    def lost(self) -> SmbUnavailable | None:
        return self.raw.lost  # type: ignore[attr-defined]


def open_smb(locator: str, creds: SmbCredentials, port: int = 445, retry: RetryPolicy | None = None, client: SmbClient | None = None) -> SmbStream:
    """Open one file read-only as a buffered binary stream (data is fetched in 1 MiB reads as it is
    consumed, never copied whole). Other users keep every share mode (read, write, delete). With
    ``client`` its connection is reused and stays open; without, a connection is made for this file
    and closed with it. Raises ``SMBOSError`` for per-file errors (see :func:`problem_of`) and
    :class:`SmbUnavailable` when the server is gone."""
    own = client is None
    client = client or _client_for(locator, creds, port, retry)
    try:
        raw = client.call(lambda: _SmbReader(client, locator, own), locator)
    except BaseException:
        if own:
            client.close()
        raise
    return SmbStream(raw, buffer_size=1024 * 1024)


@dataclass(frozen=True)
class SmbSource:
    """What a worker needs to open the files of one SMB target: the URL (no secret) and credentials.
    ``creds`` None means "load them from this process's environment" — cluster workers get them that way,
    so a password never travels in a task over the network."""

    url: SmbUrl
    creds: SmbCredentials | None = field(default=None, repr=False)
    retry: RetryPolicy = field(default_factory=RetryPolicy)

    def without_credentials(self) -> "SmbSource":
        return replace(self, creds=None)

    def credentials(self) -> SmbCredentials:
        if self.creds is not None:
            return self.creds
        from crawler.sources.smb_url import load_credentials

        return load_credentials(self.url)

    def client(self) -> SmbClient:
        return SmbClient(self.url, self.credentials(), self.retry)


def problem_of(exc: BaseException, stage: str = "extract") -> Problem | None:
    """The Problem an exception from :func:`open_smb` or a read means (None: not a per-file SMB error)."""
    if isinstance(exc, SmbUnavailable):
        return None
    return _problem(exc, stage)


def open_target(target: str) -> tuple[SmbUrl, SmbCredentials]:
    """Parse ``smb://…`` and load its credentials (environment or credentials file)."""
    from crawler.sources.smb_url import load_credentials

    url = parse_smb_url(target)
    return url, load_credentials(url)


__all__ = [
    "RetryPolicy",
    "SmbClient",
    "SmbLoginError",
    "SmbSource",
    "SmbStream",
    "SidNames",
    "SmbUnavailable",
    "check_target",
    "open_smb",
    "open_target",
    "problem_of",
    "read_security_descriptor",
    "walk_smb",
    "walk_smb_access",
]

