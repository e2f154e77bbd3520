"""Which format a file is: magic bytes first, the name second."""
from __future__ import annotations

import os
import zipfile
from typing import BinaryIO

from crawler.model import ExtractError, Reason

TEXT_EXTENSIONS = {".txt", ".log", ".md", ".json", ".xml", ".html", ".htm", ".ini", ".conf", ".yaml", ".yml", ".sql", ".text", ".rtf"}
CSV_EXTENSIONS = {".csv", ".tsv", ".tab"}
OFFICE = {".docx": "docx", ".docm": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".pptx": "pptx", ".pptm": "pptx"}
IMAGES = {b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF", b"II*\x00": "TIFF", b"MM\x00*": "TIFF", b"BM": "BMP"}
IMAGE_KINDS = {"png", "jpeg", "gif", "tiff", "bmp", "avif"}  # sniff() results read by OCR (crawler.extract.image)
# ISO base media files (``....ftyp<brand>``): AVIF Pillow decodes; HEIC (HEVC-coded HEIF) it cannot.
AVIF_BRANDS = {b"avif", b"avis"}
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_EML_HEADERS = (b"received:", b"from:", b"return-path:", b"mime-version:", b"subject:", b"date:", b"message-id:", b"to:", b"delivered-to:", b"x-")


def _ext(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return True
    if b"\x00" in head:
        # UTF-16 text has NULs; accept it only with a BOM
        return head[:2] in (b"\xff\xfe", b"\xfe\xff")
    control = sum(1 for b in head if b < 9 or 13 < b < 27 or 27 < b < 32)
    return control / len(head) < 0.01


def sniff(head: bytes, name: str, fp: BinaryIO) -> str:
    ext = _ext(name)
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(fp) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            raise ExtractError(Reason.CORRUPT, f"not a readable zip container ({ext or 'no extension'})") from None
        finally:
            fp.seek(0)
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "ppt/presentation.xml" in names:
            return "pptx"
        if ext in OFFICE:
            raise ExtractError(Reason.CORRUPT, f"a zip container without the parts of a {OFFICE[ext]} file")
        return "zip"
    if head[:4] == b"%PDF" or (b"%PDF-" in head[:1024] and ext == ".pdf"):
        return "pdf"
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return _ole_kind(fp, ext)
    for magic, label in IMAGES.items():
        if head.startswith(magic):
            if ext in OFFICE or ext == ".pdf":
                raise ExtractError(Reason.CORRUPT, f"content is a {label} image, not {ext[1:]}")
            return label.lower()  # read by crawler.extract.image (OCR)
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in AVIF_BRANDS:
            return "avif"
        if brand in HEIF_BRANDS:
            raise ExtractError(Reason.UNSUPPORTED, "HEIC/HEIF image: no HEIF decoder is installed (pillow-heif), so it is not OCR'd")
    if ext in OFFICE or ext == ".pdf":
        raise ExtractError(Reason.CORRUPT, f"content does not match the {ext[1:]} format")
    if ext in (".eml", ".mht") or (ext == "" and head.lower().startswith(_EML_HEADERS) and b"\n\n" in head.replace(b"\r\n", b"\n")):
        return "eml"
    if ext == ".msg":
        raise ExtractError(Reason.CORRUPT, "not an Outlook message container")
    if ext in CSV_EXTENSIONS:
        return "csv"
    if ext in TEXT_EXTENSIONS or _looks_like_text(head):
        return "txt"
    raise ExtractError(Reason.UNSUPPORTED, f"binary format not read ({ext or 'no extension'})")


def _ole_kind(fp: BinaryIO, ext: str) -> str:
    import olefile

    try:
        ole = olefile.OleFileIO(fp)
    except Exception:  # olefile raises plain OSError and others on broken containers
        raise ExtractError(Reason.CORRUPT, "broken OLE compound file") from None
    finally:
        fp.seek(0)
    try:
        streams = {"/".join(s) for s in ole.listdir()}
    finally:
        ole.close()
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        raise ExtractError(Reason.ENCRYPTED, "password-protected Office document")
    if any(s.startswith("__substg1.0_") for s in streams):
        return "msg"
    label = {"WordDocument": "Word 97-2003 (.doc)", "Workbook": "Excel 97-2003 (.xls)", "PowerPoint Document": "PowerPoint 97-2003 (.ppt)"}
    for stream, what in label.items():
        if stream in streams:
            raise ExtractError(Reason.UNSUPPORTED, f"{what} is not read yet")
    raise ExtractError(Reason.UNSUPPORTED, "OLE compound file of an unknown kind")
