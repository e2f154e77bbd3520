"""pdf: text per page.

pypdfium2 (PDFium) reads Japanese text about 11× faster than pdfminer.six (DESIGN.md §9, measured on
this machine); pdfminer.six stays as the fallback for files PDFium refuses for reasons other than a
password.
"""
from __future__ import annotations

from typing import BinaryIO, Iterator

from crawler.limits import Limits
from crawler.model import ExtractError, Reason, Segment


def _pdfium(fp: BinaryIO) -> Iterator[Segment]:
    import pypdfium2 as pdfium

    data = fp.read()
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
            page.close()
            yield Segment(text.replace("\r\n", "\n"), f"page {i + 1}")
    finally:
        doc.close()


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
    try:
        pages = list(_pdfium(fp))
    except ExtractError:
        raise
    except Exception:
        try:
            pages = list(_pdfminer(fp))
        except ExtractError:
            raise
        except Exception as exc:
            raise ExtractError(Reason.CORRUPT, f"PDF cannot be parsed ({type(exc).__name__})") from None
    yield from pages
