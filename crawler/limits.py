"""Per-file resource budgets. Defaults are sane for a file server; the policy file overrides them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 512 * 1024 * 1024  # larger files are TOO_LARGE, never opened
    max_chars: int = 20_000_000  # extracted characters kept per file; beyond, the rest is cut (partial)
    timeout_seconds: float = 120.0  # wall time per file, enforced by the worker supervisor
    memory_bytes: int = 1536 * 1024 * 1024  # data-size cap (RLIMIT_DATA) of a worker process
    archive_depth: int = 3
    archive_members: int = 10_000
    archive_total_bytes: int = 1024 * 1024 * 1024
    archive_ratio: float = 200.0  # expanded/compressed beyond this is a bomb
    member_bytes: int = 256 * 1024 * 1024  # one archive member read into memory at most
    # OCR of images and of PDF pages without a text layer (crawler.extract.ocr); --no-ocr sets ocr=False
    ocr: bool = True
    ocr_page_seconds: float = 30.0  # Tesseract wall time per page; an overrun skips that page (partial TIMEOUT)
    ocr_min_image_pixels: int = 120_000  # smaller images (icons, logos, thumbnails) are not OCR'd
    ocr_max_pages: int = 50  # pages OCR'd per file; beyond, the rest is not read (partial TOO_LARGE)
    # time.monotonic() by which OCR of this file must end; set when a file's extraction starts (in the worker),
    # inherited by its archive members and attachments so that together they stay inside the file's budget
    ocr_deadline: float | None = None
