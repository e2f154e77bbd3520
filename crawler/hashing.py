"""Content hashes: streamed BLAKE2b (never the whole file in memory)."""
from __future__ import annotations

import hashlib

DIGEST_SIZE = 32


def blake2b_file(path: str, chunk: int = 1 << 20) -> str:
    h = hashlib.blake2b(digest_size=DIGEST_SIZE)
    with open(path, "rb") as fp:
        while block := fp.read(chunk):
            h.update(block)
    return h.hexdigest()


def blake2b_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=DIGEST_SIZE).hexdigest()
