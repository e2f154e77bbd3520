"""Derived reference data (the name and address gazetteers, the bank names) kept on disk between processes,
rebuilt when stale.

Every scan's forkserver, every ``detect`` and every in-process analyzer builds both gazetteers before its first
text: ≈ 1.4 s of CPU (the name dataset's romaji variants and automata ≈ 0.6 s, Japan Post's 115,000 rows
≈ 0.8 s), the same result each time from the same installed packages. The built object is pickled once and
unpickled after (≈ 0.15 s for both; pyahocorasick automata pickle whole). The bank-name automaton
(``detectors.recognizers.jp_bank_account``) spares each worker zengin-code's import (≈ 0.3 s, 20 MiB).

Where: ``$TANAOROSHI_CACHE_DIR`` if set, else ``<sys.prefix>/var/cache/tanaoroshi`` — under the virtualenv
that holds the packages the data comes from, so that a new venv starts clean — or, outside a virtualenv (a
system-wide install, not writable by the user), ``$XDG_CACHE_HOME/tanaoroshi`` (``~/.cache/tanaoroshi``). The
directory must be as trusted as the installed code (unpickling a planted file runs what it says), which is why
it sits beside the packages or in the user's own cache, never in a scanned share or a shared temporary folder. Nothing is downloaded: the cache
is derived from installed files only, and it holds public reference data (a names dataset, Japan Post's place
names), never anything read from a scanned source.

When it is rebuilt: the file's name carries a digest of everything the build reads — the builder's own source
file, the Python version (pickle, ``unicodedata``), the versions of the packages involved, and each data
file's identity (content hash for small files; size and mtime for large ones, see ``file_identity``). Any
change gives a new name, so a stale file is never read (old files of the same cache are removed when a new
one is written). A missing, truncated or corrupt file (its payload digest is checked before unpickling), or
one holding the wrong type, is rebuilt and rewritten; a directory that cannot be written just means building
in memory every time, as before.

Hand-written rather than a caching library (joblib.Memory, diskcache): neither is a dependency, and what is
needed is twenty lines — a key over inputs, an atomic write, a checked read.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")

log = logging.getLogger("tanaoroshi.detectors")

FORMAT = b"tanaoroshi-cache-1\n"
_DIGEST = 32  # BLAKE2b-256 of the payload, after the header
_SMALL_FILE = 4 << 20  # files up to this size are identified by their content hash


def cache_dir() -> Path:
    env = os.environ.get("TANAOROSHI_CACHE_DIR")
    if env:
        return Path(env)
    if sys.prefix != sys.base_prefix:  # a virtualenv: beside the packages the data comes from
        return Path(sys.prefix) / "var" / "cache" / "tanaoroshi"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tanaoroshi"  # a system-wide install


def file_identity(path: str | os.PathLike) -> str:
    """A small file's content hash; a large file's size and mtime (an 84 MB SQLite file would take ≈ 0.1 s to
    hash at every start — more than the cache saves on it; package files change with the package's version,
    which is part of the key too)."""
    st = os.stat(path)
    if st.st_size <= _SMALL_FILE:
        return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()
    return f"{st.st_size}:{st.st_mtime_ns}"


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def cache_key(builder_source: str | os.PathLike, packages: Iterable[str], files: Iterable[str | os.PathLike]) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(Path(builder_source).read_bytes())
    for part in (
        FORMAT.decode(),
        sys.version,
        *(f"{p}=={package_version(p)}" for p in packages),
        *(f"{os.fspath(f)}:{file_identity(f)}" for f in files),
    ):
        h.update(b"\0")
        h.update(part.encode())
    return h.hexdigest()


def _read(path: Path) -> object:
    data = path.read_bytes()
    head = len(FORMAT) + _DIGEST
    if not data.startswith(FORMAT) or len(data) <= head:
        raise ValueError("not a cache file")
    payload = memoryview(data)[head:]
    if hashlib.blake2b(payload, digest_size=_DIGEST).digest() != data[len(FORMAT) : head]:
        raise ValueError("payload digest mismatch")
    return pickle.loads(payload)


def _write(path: Path, name: str, value: object) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would keep the cache from other users of a shared venv
        with os.fdopen(fd, "wb") as f:
            f.write(FORMAT)
            f.write(hashlib.blake2b(payload, digest_size=_DIGEST).digest())
            f.write(payload)
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the whole new one
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for old in path.parent.glob(f"{name}-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)


def cached(name: str, key: str, build: Callable[[], T], kind: type, directory: Path | None = None) -> T:
    """``build()``'s result, read from ``<dir>/<name>-<key>.pickle`` when that holds a ``kind``; else built
    and written there (best effort: a cache that cannot be read or written is never an error)."""
    path = (directory or cache_dir()) / f"{name}-{key}.pickle"
    try:
        value = _read(path)
        if isinstance(value, kind):
            return value
        log.warning("derived-data cache %s holds a %s, not a %s: rebuilding", path.name, type(value).__name__, kind.__name__)
    except FileNotFoundError:
        pass
    except Exception as exc:  # truncated, corrupt, unreadable, an old class layout: rebuild it
        log.warning("derived-data cache %s unreadable (%s): rebuilding", path.name, type(exc).__name__)
    value = build()
    try:
        _write(path, name, value)
    except OSError as exc:
        log.info("derived-data cache %s not written (%s): built in memory", path, type(exc).__name__)
    return value
