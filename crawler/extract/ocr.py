"""OCR: text from a page image with Tesseract (Debian's ``tesseract-ocr`` + ``-jpn``) through pytesseract.

One call per page: ``image_to_data`` (TSV) gives words, their boxes and confidences in a single Tesseract
run; the page text is rebuilt from it (see ``_page_text``) so every character keeps the confidence of its
word. Choices, measured on synthetic 300 dpi ID-card scans (tests/crawler/test_ocr.py):

- language ``jpn+eng``: Japanese layout words and names, Latin letters and digits of licence and card numbers;
- page segmentation ``--psm 4`` (one column of lines of varying size): on 8 card copies, 6 licences and 2
  forms it read every number, where ``--psm 3`` (automatic layout) split a card's number line into two
  columns and ``--psm 6`` (one uniform block) lost a boxed form's fields;
- a 3×3 median filter first: scanner noise made Tesseract misread single digits (8 → 6) — 2 of 14
  numbers lost without it, none with it, on the same images;
- long numbers (a word with 8+ digits or look-alikes) are read again as digits only (``eng``, ``--psm 7``,
  digit whitelist) from their box: see ``_reread_numbers``;
- orientation: only when the first pass reads little or reads it badly, Tesseract's orientation detector
  (``--psm 0``, the ``osd`` model) is asked; a confident 90/180/270° answer is applied and the page read
  again, and the better of the two readings is kept; a page still read poorly is tried as vertical text
  (縦書き: ``jpn_vert``, ``--psm 5``). Small skew (a few degrees) is handled by Tesseract.
- ``OMP_THREAD_LIMIT=1``: the scan already runs one worker per core; Tesseract's own OpenMP threads would
  only oversubscribe them (Tesseract's documentation recommends this when running several instances).

Budgets: each page gets ``limits.ocr_page_seconds`` of Tesseract wall time (pytesseract kills the process
on overrun), and a file's pages together stay within three quarters of the per-file time budget, so a long
scan ends as a partial read with its findings kept rather than a killed worker.
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass

from crawler.limits import Limits
from crawler.model import ExtractError, Reason, Segment

LANG = "jpn+eng"
PSM = 4
VERTICAL_LANG = "jpn_vert"
VERTICAL_PSM = 5
# Images larger than this are scaled down before OCR (a 600 dpi A4 scan reads as well at 300 dpi, 4× faster);
# images whose longer side is below UPSCALE_BELOW are scaled up 2× (Tesseract wants x-heights of ~20 px).
MAX_OCR_PIXELS = 12_000_000
UPSCALE_BELOW = 1000
RETRY_BELOW_CONFIDENCE = 60.0  # a first reading below this mean confidence gets the orientation check
RETRY_BELOW_CHARS = 12
FILE_SHARE = 0.75  # OCR of one file may use this share of the per-file time budget
REREAD_MIN_CHARS = 8  # a word holding a digit run this long (with look-alikes) is read again as digits
REREAD_MIN_DIGITS = 6
REREAD_MARGIN = 15
_NUMBER_RUN = re.compile(r"[0-9OoDQlI|SsBZ]+")
_DIGITS_ONLY = "--psm 7 -c tessedit_char_whitelist=0123456789"
_CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]")


def file_deadline(limits: Limits) -> float:
    """When OCR of a file that starts now must end: a share of the per-file budget, leaving time to detect."""
    return time.monotonic() + limits.timeout_seconds * FILE_SHARE


@dataclass
class OcrBudget:
    """Time left for the OCR of one file's pages (archive members and attachments included: ``limits.ocr_deadline``)."""

    limits: Limits
    deadline: float = 0.0
    pages: int = 0
    page_deadline: float = 0.0

    def __post_init__(self) -> None:
        if not self.deadline:
            self.deadline = self.limits.ocr_deadline or file_deadline(self.limits)

    def start_page(self) -> None:
        """Every Tesseract run for one page (readings, number re-reads, orientation) shares its budget."""
        self.pages += 1
        self.page_deadline = time.monotonic() + self.limits.ocr_page_seconds

    def page_seconds(self) -> float:
        return min(self.page_deadline or float("inf"), self.deadline) - time.monotonic()


@dataclass(frozen=True)
class OcrText:
    text: str
    confidence: float | None  # mean word confidence (0–100), weighted by word length
    char_confidence: tuple[int, ...]
    rotated: int = 0  # degrees the page was turned before this reading


class PageSkipped(Exception):
    """One page could not be OCR'd (time budget, size); the file goes on with its other pages."""

    def __init__(self, reason: Reason, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


def _prepare(image):
    from PIL import Image, ImageFilter

    image = image.convert("L")  # a new image without a format: pytesseract hands it over as lossless PNG
    pixels = image.width * image.height
    if pixels > MAX_OCR_PIXELS:
        factor = (MAX_OCR_PIXELS / pixels) ** 0.5
        image = image.resize((max(1, int(image.width * factor)), max(1, int(image.height * factor))), Image.LANCZOS)
    elif max(image.size) < UPSCALE_BELOW:
        image = image.resize((image.width * 2, image.height * 2), Image.LANCZOS)
    return image.filter(ImageFilter.MedianFilter(3))


def _tesseract(call, *args, seconds: float, **kwargs):
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if seconds <= 0.5:
        raise PageSkipped(Reason.TIMEOUT, "no OCR time left for the page (per-page or per-file budget)")
    try:
        return call(*args, timeout=seconds, **kwargs)
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise PageSkipped(Reason.TIMEOUT, f"OCR of a page exceeded {seconds:.0f} s") from None
        raise
    except pytesseract.TesseractNotFoundError:
        raise ExtractError(Reason.UNSUPPORTED, "Tesseract is not installed (Debian package tesseract-ocr); images cannot be read") from None
    except pytesseract.TesseractError as exc:
        raise PageSkipped(Reason.CORRUPT, f"Tesseract failed on a page (status {exc.status})") from None


def _read(image, budget: "OcrBudget", rotated: int = 0, *, lang: str = LANG, psm: int = PSM) -> OcrText:
    import pytesseract

    data = _tesseract(
        pytesseract.image_to_data, image, lang=lang, config=f"--psm {psm}", output_type=pytesseract.Output.DICT, seconds=budget.page_seconds()
    )
    _reread_numbers(image, data, budget)
    return _page_text(data, rotated)


def _reread_numbers(image, data: dict, budget: "OcrBudget") -> None:
    """Read long numbers a second time, as digits only: the word's box, cropped with a margin, through the
    ``eng`` model with ``--psm 7`` (one line) and a digit whitelist. The Japanese model confuses 0 with 9 and
    8 with 6 in small type; on 12 synthetic licence copies the re-read was right 12 times where the first
    reading was right 10 times. The re-read replaces the number only when it has as many characters."""
    import pytesseract

    for i, word in enumerate(data["text"]):
        run = max(_NUMBER_RUN.findall(word or ""), key=len, default="")
        if len(run) < REREAD_MIN_CHARS or sum(c.isdigit() for c in run) < REREAD_MIN_DIGITS:
            continue
        left, top, width, height = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        m = REREAD_MARGIN
        crop = image.crop((max(0, left - m), max(0, top - m), min(image.width, left + width + m), min(image.height, top + height + m)))
        try:
            reread = _tesseract(pytesseract.image_to_data, crop, lang="eng", config=_DIGITS_ONLY, output_type=pytesseract.Output.DICT, seconds=budget.page_seconds())
        except PageSkipped:
            return  # no time left: keep the first reading
        digits = "".join(t for t in reread["text"] if t and t.strip())
        confs = [float(c) for t, c in zip(reread["text"], reread["conf"]) if t and t.strip() and float(c) >= 0]
        if len(digits) == len(run) and digits.isdigit():
            data["text"][i] = word.replace(run, digits, 1)
            if confs:
                data["conf"][i] = min(confs)


def _joins_without_space(prev: str, word: str, gap: int, height: int) -> bool:
    """Tesseract splits Japanese lines into short 'words' with no real space between them: join those
    unless the page shows a gap of about a character (a label and its value). Between Latin letters and
    digits keep a space wherever the page shows one (digit groups stay groups)."""
    if _CJK.match(prev[-1]) or _CJK.match(word[0]):
        return gap < 1.0 * height  # 丁目 13番: one address, not two words
    return gap < 0.25 * height


def _page_text(data: dict, rotated: int = 0) -> OcrText:
    """Rebuild the page text from Tesseract's TSV rows (block, paragraph, line, word) with per-char confidence."""
    chars: list[str] = []
    confs: list[int] = []
    weighted = 0.0
    counted = 0
    last_line = None
    last_block = None
    prev_word, prev_right = "", 0
    for i, word in enumerate(data["text"]):
        word = (word or "").strip()
        if not word:
            continue
        conf = int(float(data["conf"][i]))
        block = (data["block_num"][i], data["par_num"][i])
        line = block + (data["line_num"][i],)
        left, width, height = int(data["left"][i]), int(data["width"][i]), max(1, int(data["height"][i]))
        if last_line is None:
            pass
        elif line != last_line:
            sep = "\n\n" if block != last_block else "\n"
            chars.extend(sep)
            confs.extend([-1] * len(sep))
        elif not _joins_without_space(prev_word, word, left - prev_right, height):
            chars.append(" ")
            confs.append(-1)
        chars.extend(word)
        confs.extend([conf] * len(word))
        if conf >= 0:
            weighted += conf * len(word)
            counted += len(word)
        last_line, last_block = line, block
        prev_word, prev_right = word, left + width
    confidence = round(weighted / counted, 1) if counted else None
    return OcrText("".join(chars), confidence, tuple(confs), rotated)


def _orientation(image, seconds: float) -> int:
    """Degrees to turn the page clockwise so its text stands upright (0 when unsure)."""
    import pytesseract

    try:
        osd = _tesseract(pytesseract.image_to_osd, image, config="--psm 0", seconds=seconds)
    except PageSkipped:
        return 0  # too few characters to decide, or no time left: keep the first reading
    rotate = re.search(r"Rotate: (\d+)", osd)
    conf = re.search(r"Orientation confidence: ([0-9.]+)", osd)
    if not rotate or not conf or float(conf.group(1)) < 1.0:
        return 0
    return int(rotate.group(1)) % 360


def _poor(r: OcrText) -> bool:
    return (r.confidence or 0.0) < RETRY_BELOW_CONFIDENCE or len(r.text) < RETRY_BELOW_CHARS


def _better(a: OcrText, b: OcrText) -> OcrText:
    def quality(r: OcrText) -> float:
        return (r.confidence or 0.0) * len(r.text.split())

    return b if quality(b) > quality(a) else a


def ocr_image(image, budget: OcrBudget) -> OcrText:
    """OCR one page image (any PIL mode). Raises PageSkipped for this page only."""
    from PIL import Image

    budget.start_page()
    page = _prepare(image)
    first = _read(page, budget)
    if not _poor(first):
        return first
    best = first
    rotate = _orientation(page, budget.page_seconds())
    if rotate:
        # Tesseract's "Rotate: N" is the clockwise turn that makes the text upright; PIL rotates anticlockwise.
        turned = page.rotate(-rotate, expand=True, fillcolor=255, resample=Image.BICUBIC)
        try:
            best = _better(first, _read(turned, budget, rotated=rotate))
        except PageSkipped:
            return first
    if _poor(best):
        # 縦書き (vertical) pages: the horizontal model reads nothing; Debian's jpn_vert model with --psm 5
        # (one block of vertical text) reads them
        try:
            best = _better(best, _read(page, budget, lang=VERTICAL_LANG, psm=VERTICAL_PSM))
        except PageSkipped:
            pass
    return best


def ocr_segment(image, where: str, budget: OcrBudget) -> Segment:
    """A page image as an OCR segment (text, ``ocr=True``, mean and per-character confidence)."""
    result = ocr_image(image, budget)
    return Segment(result.text, where, None, ocr=True, confidence=result.confidence, char_confidence=result.char_confidence)
