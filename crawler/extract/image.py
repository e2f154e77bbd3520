"""image: JPEG, PNG, TIFF (every page of a multi-page TIFF), BMP, GIF and AVIF scans, read by OCR (Pillow + Tesseract).

Hostile images: Pillow's own decompression-bomb guard (``Image.MAX_IMAGE_PIXELS``) is turned from a warning
into an error for this read only (the global setting is left alone), so an image declaring more than
``MAX_IMAGE_PIXELS`` pixels is TOO_LARGE before anything is decoded; truncated files stay errors (Pillow's
``LOAD_TRUNCATED_IMAGES`` is never set) and become CORRUPT. Images below ``limits.ocr_min_image_pixels``
(icons, logos) are not OCR'd: they hold no document. HEIC/HEIF is sniffed and reported UNSUPPORTED: no
maintained HEIF decoder is installed (pillow-heif is not a dependency).
"""
from __future__ import annotations

import warnings
from typing import BinaryIO, Iterator

from crawler.limits import Limits
from crawler.model import ExtractError, Reason, Segment


def _bomb_guarded(call):
    """Run a Pillow call with its decompression-bomb warning raised as an error (for this call only)."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return call()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ExtractError(Reason.TOO_LARGE, f"image exceeds Pillow's decompression-bomb limit ({type(exc).__name__})") from None


def extract(fp: BinaryIO, name: str, limits: Limits, depth: int = 0) -> Iterator[Segment]:
    if not limits.ocr:
        raise ExtractError(Reason.UNSUPPORTED, "image not read: OCR is turned off (--no-ocr)")
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

    from crawler.extract.ocr import OcrBudget, PageSkipped, ocr_segment

    budget = OcrBudget(limits)
    skipped: list[PageSkipped] = []
    pages = 0
    try:
        image = _bomb_guarded(lambda: Image.open(fp))
    except UnidentifiedImageError:
        raise ExtractError(Reason.CORRUPT, "not a readable image") from None
    with image:
        n_frames = getattr(image, "n_frames", 1)
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            if pages >= limits.ocr_max_pages:
                raise ExtractError(Reason.TOO_LARGE, f"only the first {limits.ocr_max_pages} of {n_frames} pages were OCR'd")
            try:
                _bomb_guarded(frame.load)
            except OSError as exc:  # "image file is truncated", broken compressed data
                raise ExtractError(Reason.CORRUPT, f"image data cannot be decoded ({type(exc).__name__})") from None
            if frame.width * frame.height < limits.ocr_min_image_pixels:
                continue
            page = ImageOps.exif_transpose(frame) if n_frames == 1 else frame.copy()
            where = "image" if n_frames == 1 else f"page {index + 1}"
            pages += 1
            try:
                yield ocr_segment(page, where, budget)
            except PageSkipped as exc:
                skipped.append(exc)
    if skipped:
        raise ExtractError(skipped[0].reason, f"{len(skipped)} of {pages} pages not OCR'd: {skipped[0].message}")
