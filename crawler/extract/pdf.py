"""pdf: text per page.

pypdfium2 (PDFium) reads Japanese text about 11× faster than pdfminer.six (DESIGN.md §9, measured on
this machine); pdfminer.six stays as the fallback for files PDFium refuses for reasons other than a
password.

Pages without a text layer (scans, faxes: fewer than ``NEAR_EMPTY_CHARS`` characters of text and at least one
image object) are rasterised with PDFium at ``OCR_DPI`` and read by OCR (``crawler.extract.ocr``), unless
``limits.ocr`` is off — then the file says so (UNSUPPORTED, partial when other pages had text). Pages with a
text layer are never rasterised, so OCR costs nothing on born-digital PDFs.
"""
from __future__ import annotations

from typing import BinaryIO, Iterator

from crawler.limits import Limits
from crawler.model import ExtractError, Reason, Segment


NEAR_EMPTY_CHARS = 16  # a page with fewer non-space characters than this has no real text layer
OCR_DPI = 300
MIN_OCR_DPI = 100  # a page so large that even this resolution exceeds MAX_RENDER_PIXELS is not OCR'd
MAX_RENDER_PIXELS = 36_000_000


def _has_image(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return next(iter(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3)), None) is not None


def _pdfium(data: bytes, scanned: list[int]) -> Iterator[Segment]:
    """Text per page; indexes of pages without a text layer that show an image are appended to ``scanned``."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ExtractError(Reason.ENCRYPTED, "password-protected PDF") from None
        raise
    try:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            if len("".join(text.split())) < NEAR_EMPTY_CHARS and _has_image(page):
                scanned.append(i)
            page.close()
            yield Segment(text.replace("\r\n", "\n"), f"page {i + 1}")
    finally:
        doc.close()


def _ocr(data: bytes, scanned: list[int], limits: Limits) -> Iterator[Segment]:
    """Rasterise and OCR the pages without a text layer; pages that cannot be read are reported at the end."""
    import pypdfium2 as pdfium

    from crawler.extract.ocr import OcrBudget, PageSkipped, ocr_segment

    budget = OcrBudget(limits)
    skipped: list[tuple[Reason, str]] = []
    doc = pdfium.PdfDocument(data)
    try:
        for n, i in enumerate(scanned):
            if n >= limits.ocr_max_pages:
                skipped.append((Reason.TOO_LARGE, f"only the first {limits.ocr_max_pages} pages without a text layer are OCR'd"))
                break
            page = doc[i]
            try:
                width, height = page.get_size()  # points (1/72 inch)
                dpi = min(OCR_DPI, (MAX_RENDER_PIXELS / max(1.0, width * height)) ** 0.5 * 72)
                if dpi < MIN_OCR_DPI:
                    skipped.append((Reason.TOO_LARGE, f"page {i + 1} is too large to rasterise"))
                    continue
                image = page.render(scale=dpi / 72, grayscale=True).to_pil()
                yield ocr_segment(image, f"page {i + 1}", budget)
            except PageSkipped as exc:
                skipped.append((exc.reason, f"page {i + 1}: {exc.message}"))
            finally:
                page.close()
    finally:
        doc.close()
    if skipped:
        raise ExtractError(skipped[0][0], f"{len(skipped)} page(s) without a text layer not OCR'd ({skipped[0][1]})")


def _pdfminer(fp: BinaryIO) -> Iterator[Segment]:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage

    fp.seek(0)
    try:
        count = sum(1 for _ in PDFPage.get_pages(fp))
        for i in range(count):
            fp.seek(0)
            yield Segment(extract_text(fp, page_numbers=[i]), f"page {i + 1}")
    except PDFPasswordIncorrect:
        raise ExtractError(Reason.ENCRYPTED, "password-protected PDF") from None


def extract(fp: BinaryIO, name: str, limits: Limits, depth: int = 0) -> Iterator[Segment]:
    data = fp.read()
    scanned: list[int] = []
    try:
        pages = list(_pdfium(data, scanned))
    except ExtractError:
        raise
    except Exception:
        scanned = []
        try:
            pages = list(_pdfminer(fp))
        except ExtractError:
            raise
        except Exception as exc:
            raise ExtractError(Reason.CORRUPT, f"PDF cannot be parsed ({type(exc).__name__})") from None
    yield from pages
    if not scanned:
        return
    if not limits.ocr:
        raise ExtractError(Reason.UNSUPPORTED, f"{len(scanned)} page(s) without a text layer not read: OCR is turned off (--no-ocr)")
    yield from _ocr(data, scanned, limits)
