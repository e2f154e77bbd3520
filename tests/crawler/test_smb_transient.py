"""Which failures of an SMB call are the network's (reconnect, retry, then ``unavailable``) and which are not."""
import errno

from crawler.sources.smb import _is_transient


def test_a_request_on_a_socket_closed_by_the_dropped_connection_is_the_networks():
    # the server went away: smbprotocol's receiver closed the socket, the walk's next send got EBADF
    assert _is_transient(OSError(errno.EBADF, "Bad file descriptor"))
    assert _is_transient(ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"))
    assert _is_transient(OSError(errno.EPIPE, "Broken pipe"))


def test_a_local_failure_is_not_retried():
    assert not _is_transient(PermissionError(errno.EACCES, "Permission denied"))
    assert not _is_transient(FileNotFoundError(errno.ENOENT, "No such file or directory"))
