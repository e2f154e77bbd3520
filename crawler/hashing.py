"""Content hashes: streamed BLAKE2b (never the whole file in memory)."""
from __future__ import annotations

import hashlib
from typing import BinaryIO

DIGEST_SIZE = 32


def blake2b_file(path: str, chunk: int = 1 << 20) -> str:
    with open(path, "rb") as fp:
        return blake2b_stream(fp, chunk)


def blake2b_stream(fp: BinaryIO, chunk: int = 1 << 20) -> str:
    """Hash a binary stream from its current position to the end (an SMB file, for one)."""
    h = hashlib.blake2b(digest_size=DIGEST_SIZE)
    while block := fp.read(chunk):
        h.update(block)
    return h.hexdigest()


def blake2b_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=DIGEST_SIZE).hexdigest()
