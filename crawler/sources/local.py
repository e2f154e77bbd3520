"""Walk a local (or mounted) tree: stat every entry, never follow symlinks, never open specials.

Order is deterministic (names sorted). Directories are descended, not yielded, unless they cannot be
read (then one entry with PERMISSION_DENIED). Loop-safe: a directory already seen (same st_dev and
st_ino, e.g. through a bind mount) is not entered twice. Names that are not valid UTF-8 keep their
bytes in ``locator`` (surrogateescape) and get a printable, stable ``path`` with \\xNN escapes.
"""
from __future__ import annotations

import grp
import os
import pwd
import stat
from functools import lru_cache
from typing import Iterator

from crawler.model import Entry, Problem, Reason


@lru_cache(maxsize=4096)
def _user(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


@lru_cache(maxsize=4096)
def _group(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def printable(name: str) -> str:
    """A file name as stable, printable text: undecodable bytes become \\xNN."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        return raw.decode("utf-8", "backslashreplace")


def walk(root: str) -> Iterator[Entry]:
    root = os.path.abspath(root)
    seen: set[tuple[int, int]] = set()
    try:
        st = os.stat(root)
        seen.add((st.st_dev, st.st_ino))
    except OSError:
        pass
    yield from _walk_dir(root, root, "", seen)


def _walk_dir(source: str, abspath: str, rel: str, seen: set[tuple[int, int]]) -> Iterator[Entry]:
    try:
        with os.scandir(abspath) as it:
            children = sorted(it, key=lambda e: os.fsencode(e.name))
    except PermissionError:
        yield Entry(source=source, path=rel or ".", kind="dir", locator=abspath, problem=Problem(Reason.PERMISSION_DENIED, "directory cannot be listed", "walk"))
        return
    except FileNotFoundError:
        yield Entry(source=source, path=rel or ".", kind="dir", locator=abspath, problem=Problem(Reason.VANISHED, "directory vanished during the walk", "walk"))
        return
    except OSError as exc:  # ENAMETOOLONG, ELOOP, EIO …: this directory is lost, the walk goes on
        yield Entry(source=source, path=rel or ".", kind="dir", locator=abspath, problem=Problem(Reason.UNSUPPORTED, f"directory cannot be listed: {exc.strerror or type(exc).__name__}", "walk"))
        return
    for child in children:
        child_rel = f"{rel}/{printable(child.name)}" if rel else printable(child.name)
        try:
            st = child.stat(follow_symlinks=False)
        except FileNotFoundError:
            yield Entry(source=source, path=child_rel, kind="file", locator=child.path, problem=Problem(Reason.VANISHED, "vanished between listing and stat", "walk"))
            continue
        except PermissionError:
            yield Entry(source=source, path=child_rel, kind="file", locator=child.path, problem=Problem(Reason.PERMISSION_DENIED, "cannot stat", "walk"))
            continue
        except OSError as exc:
            yield Entry(source=source, path=child_rel, kind="file", locator=child.path, problem=Problem(Reason.UNSUPPORTED, f"cannot stat: {exc.strerror or type(exc).__name__}", "walk"))
            continue
        common = dict(
            source=source,
            path=child_rel,
            size=st.st_size,
            mtime=st.st_mtime,
            owner=_user(st.st_uid),
            group=_group(st.st_gid),
            mode=stat.S_IMODE(st.st_mode),
            locator=child.path,
        )
        if stat.S_ISLNK(st.st_mode):
            try:
                target = printable(os.readlink(child.path))
            except OSError:
                target = None
            yield Entry(kind="symlink", target=target, problem=Problem(Reason.SYMLINK, "symbolic links are listed, never followed", "walk"), **common)
        elif stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in seen:
                continue
            seen.add(key)
            yield from _walk_dir(source, child.path, child_rel, seen)
        elif stat.S_ISREG(st.st_mode):
            yield Entry(kind="file", **common)
        else:
            what = "FIFO" if stat.S_ISFIFO(st.st_mode) else "socket" if stat.S_ISSOCK(st.st_mode) else "device"
            yield Entry(kind="special", problem=Problem(Reason.UNSUPPORTED, f"{what}: never opened", "walk"), **common)
