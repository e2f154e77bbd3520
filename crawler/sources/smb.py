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
- Each file is opened once (read data + read control, every share mode allowed so nobody is locked out)
  to prove it can be read and to fetch its security descriptor (SMB2 QUERY_INFO, SMB2_0_INFO_SECURITY,
  OWNER|GROUP|DACL — smbclient has no call for it, so the request is built here with smbprotocol's own
  structures). ``Entry.owner`` is the owner SID (or its name from ``names``). A file the scanning account
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

import io
import socket
import time
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Callable, Iterator, TypeVar

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
from crawler.model import AccessEntry, Entry, Problem, Reason
from crawler.sources.smb_url import SmbCredentials, SmbUrl, parse_smb_url

T = TypeVar("T")

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


def _is_transient(exc: BaseException) -> bool:
    if isinstance(exc, (SMBAuthenticationError, SMBUnsupportedFeature, SMBLinkRedirectionError)):
        return False
    status = _status(exc)
    if status is not None:
        return status in _TRANSIENT_STATUS
    if isinstance(exc, ValueError) and isinstance(exc.__cause__, OSError):
        return True  # smbprotocol's transport wraps a refused or failed TCP connect in ValueError
    # Socket-level failures; SMBException without a status is smbprotocol's "connection/timeout" family.
    return isinstance(exc, (SMBConnectionClosed, ConnectionError, TimeoutError, socket.timeout, socket.gaierror, EOFError)) or (
        isinstance(exc, SMBException) and not isinstance(exc, SMBResponseException)
    ) or (isinstance(exc, OSError) and not isinstance(exc, SMBOSError))


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
                    raise SmbUnavailable(self.url.source, where, attempt, type(exc).__name__) from None
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


def _sorted(entries: list) -> list:
    return sorted(entries, key=lambda e: e.name.encode("utf-8", "surrogatepass"))


def walk_smb_access(
    url: SmbUrl,
    creds: SmbCredentials,
    retry: RetryPolicy | None = None,
    names: dict[str, str] | None = None,
) -> Iterator[tuple[Entry, list[AccessEntry]]]:
    """Every entry under the target with the access its security descriptor grants (module docstring).
    ``access`` is empty when the descriptor could not be read (the entry's problem, if any, says why)."""
    client = SmbClient(url, creds, retry or RetryPolicy())
    try:
        client.connect()
        yield from _walk_dir(client, "", names)
    finally:
        client.close()


def walk_smb(url: SmbUrl, creds: SmbCredentials, retry: RetryPolicy | None = None, names: dict[str, str] | None = None) -> Iterator[Entry]:
    for entry, _access in walk_smb_access(url, creds, retry, names):
        yield entry


def _walk_dir(client: SmbClient, rel: str, names: dict[str, str] | None) -> Iterator[tuple[Entry, list[AccessEntry]]]:
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
    for child in children:
        child_rel = f"{rel}/{child.name}" if rel else child.name
        child_unc = url.unc(child_rel)
        info = child.smb_info
        attrs = info.file_attributes
        common = dict(
            source=url.source,
            path=child_rel,
            size=info.end_of_file,
            mtime=info.last_write_time.timestamp(),
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


def _with_descriptor(client: SmbClient, unc: str, rel: str, names, read: bool, common: dict) -> tuple[Entry, list[AccessEntry]]:
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
    owner = owner_name(sd, names) if sd else None
    group = ((names or {}).get(sd.group, sd.group)) if sd and sd.group else None
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
    """A read-only raw stream that closes its file and its connection together."""

    def __init__(self, client: SmbClient, fp):
        super().__init__()
        self._client, self._fp = client, fp

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        return self._fp.readinto(buffer)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._fp.seek(offset, whence)

    def tell(self) -> int:
        return self._fp.tell()

    def close(self) -> None:
        if not self.closed:
            try:
                self._fp.close()
            finally:
                self._client.close()
        super().close()


def open_smb(locator: str, creds: SmbCredentials, port: int = 445, retry: RetryPolicy | None = None) -> BinaryIO:
    """Open one file read-only as a buffered binary stream (data is fetched in chunks as it is read, never
    copied whole). Other users keep every share mode (read, write, delete). Close it when done: that also
    closes the connection made for it. Raises ``SMBOSError`` for per-file errors (see :func:`problem_of`)
    and :class:`SmbUnavailable` when the server is gone."""
    client = _client_for(locator, creds, port, retry)
    try:
        raw = client.call(
            lambda: smbclient.open_file(locator, mode="rb", buffering=0, share_access="rwd", desired_access=_READ_FILE, **client.kwargs()),
            locator,
        )
    except BaseException:
        client.close()
        raise
    return io.BufferedReader(_SmbReader(client, raw), buffer_size=1024 * 1024)  # type: ignore[return-value]


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
    "SmbUnavailable",
    "check_target",
    "open_smb",
    "open_target",
    "problem_of",
    "read_security_descriptor",
    "walk_smb",
    "walk_smb_access",
]

