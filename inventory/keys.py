"""The inventory's fingerprint key: ``TANAOROSHI_KEY`` (hex or base64, ≥ 16 bytes) or ``<db>.key`` (mode 0600)."""
from __future__ import annotations

import base64
import binascii
import os
import secrets
import stat
from pathlib import Path


class KeyError_(ValueError):
    """The key cannot be used; the message says why in one line."""


def key_path(db_path: str | os.PathLike[str]) -> Path:
    return Path(str(db_path) + ".key")


def _decode(value: str) -> bytes:
    value = value.strip()
    try:
        key = bytes.fromhex(value)
    except ValueError:
        try:
            key = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise KeyError_("TANAOROSHI_KEY is neither hex nor base64") from None
    if len(key) < 16:
        raise KeyError_("TANAOROSHI_KEY must hold at least 16 bytes")
    return key


def load_or_create_key(db_path: str | os.PathLike[str]) -> bytes:
    env = os.environ.get("TANAOROSHI_KEY")
    if env:
        return _decode(env)
    path = key_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise KeyError_(f"{path}: key file mode {mode:04o} is wider than 0600; run chmod 600 {path}") from None
        key = path.read_bytes()
        if len(key) < 16:
            raise KeyError_(f"{path}: key file is too short") from None
        return key
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "wb") as fp:
        fp.write(key)
    return key
