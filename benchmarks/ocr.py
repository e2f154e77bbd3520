"""OCR benchmark: pages per second and recall per entity on synthetic scans (tests/corpus/scans.py).

Each scan (ID-card copies and a scanned form, noise, blur, a slight rotation, JPEG artefacts) goes through the
real extractor (Pillow + Tesseract jpn+eng) and the real analyzer. Per entity it reports

- ``read``: the planted value is in the OCR text (numbers exactly, after the OCR normaliser; names and
  addresses at ≥ 90 % similarity) — what OCR delivered;
- ``found``: a finding of that entity at the tier threshold carries it — what the inventory counts.

Usage: ``python -m benchmarks.ocr [--cards N] [--licences N] [--forms N] [--dpi 300] [--seed S]``. Values are
never printed: only counts, rates and timings.
"""
from __future__ import annotations

import argparse
import difflib
import os
import sys
import time
from collections import defaultdict

NUMBERS = ("JP_MY_NUMBER", "JP_DRIVERS_LICENSE")
SIMILARITY = 0.9


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= SIMILARITY


def _read(entity: str, value: str, ocr_text: str) -> bool:
    from detectors.fingerprint import canonical
    from detectors.ocr_normalize import ocr_normalize

    if entity in NUMBERS:
        return canonical(entity, value) in canonical(entity, ocr_normalize(ocr_text).text)
    want = "".join(value.split())
    text = "".join(ocr_text.split())
    n = len(want)
    return any(_similar(text[i : i + n], want) for i in range(0, max(1, len(text) - n + 1)))


def _found(entity: str, value: str, matches, threshold: float) -> bool:
    from detectors.fingerprint import canonical

    want = canonical(entity, value)
    for m in matches:
        if m.entity != entity or m.score < threshold:
            continue
        if entity in NUMBERS and canonical(entity, m.normalized or m.text) == want:
            return True
        if entity not in NUMBERS and _similar(canonical(entity, m.text), want):
            return True
    return False


def measure(cards: int, licences: int, forms: int, *, dpi: int = 300, seed: int = 14) -> dict:
    from crawler.extract import extract_bytes
    from detectors.analyzer import DEFAULT_THRESHOLD, Analyzer
    from tests.corpus.scans import scans

    rendered = scans(cards, licences, forms, seed=seed, dpi=dpi)
    analyzer = Analyzer()
    analyzer.analyze_text("個人番号 123456789018 山田太郎 東京都千代田区丸の内1丁目")  # load data before timing
    read: dict[str, list[bool]] = defaultdict(list)
    found: dict[str, list[bool]] = defaultdict(list)
    ocr_seconds = 0.0
    detect_seconds = 0.0
    pages = 0
    confidences = []
    for i, scan in enumerate(rendered):
        t0 = time.perf_counter()
        extracted = extract_bytes(scan.image, f"scan{i}.jpg")
        t1 = time.perf_counter()
        matches = [m for _, ms in analyzer.analyze_segments(extracted.segments) for m in ms]
        detect_seconds += time.perf_counter() - t1
        ocr_seconds += t1 - t0
        pages += extracted.ocr_pages
        text = "\n".join(s.text for s in extracted.segments)
        confidences += [s.confidence for s in extracted.segments if s.confidence is not None]
        for entity, value in scan.planted.items():
            read[entity].append(_read(entity, value, text))
            found[entity].append(_found(entity, value, matches, DEFAULT_THRESHOLD))
    # the same forms as one image-only PDF: rasterisation (PDFium, 300 dpi) + OCR per page
    from tests.corpus.scans import image_pdf

    forms_only = [s.image for s in rendered if s.kind == "form"] or [rendered[0].image]
    t0 = time.perf_counter()
    pdf = extract_bytes(image_pdf(forms_only, dpi), "scans.pdf")
    pdf_seconds = time.perf_counter() - t0
    return {
        "pdf_pages": pdf.ocr_pages,
        "pdf_pages_per_second": pdf.ocr_pages / pdf_seconds if pdf_seconds else 0.0,
        "scans": len(rendered),
        "pages": pages,
        "dpi": dpi,
        "ocr_seconds": ocr_seconds,
        "pages_per_second": pages / ocr_seconds if ocr_seconds else 0.0,
        "detect_seconds": detect_seconds,
        "mean_confidence": sum(confidences) / len(confidences) if confidences else None,
        "entities": {e: {"n": len(read[e]), "read": sum(read[e]) / len(read[e]), "found": sum(found[e]) / len(found[e])} for e in sorted(read)},
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.ocr", description=__doc__.splitlines()[0])
    p.add_argument("--cards", type=int, default=20)
    p.add_argument("--licences", type=int, default=10)
    p.add_argument("--forms", type=int, default=6)
    p.add_argument("--dpi", type=int, default=300)
    p.add_argument("--seed", type=int, default=14)
    args = p.parse_args(argv)
    r = measure(args.cards, args.licences, args.forms, dpi=args.dpi, seed=args.seed)
    print(f"OCR: {r['scans']} scans at {r['dpi']} dpi, {r['pages']} pages in {r['ocr_seconds']:.1f} s "
          f"= {r['pages_per_second']:.2f} pages/s (one Tesseract at a time, OMP_THREAD_LIMIT={os.environ.get('OMP_THREAD_LIMIT', '1')}); "
          f"detection {r['detect_seconds']:.2f} s; mean confidence {r['mean_confidence'] or 0:.1f}")
    print(f"image-only PDF: {r['pdf_pages']} pages = {r['pdf_pages_per_second']:.2f} pages/s (a PDF of {r['dpi']} dpi scans, rasterised at 300 dpi, then OCR)")
    print("| entity | scans | read by OCR | found (≥ 0.5) |")
    print("|---|---:|---:|---:|")
    for entity, e in r["entities"].items():
        print(f"| {entity} | {e['n']} | {e['read']:.2f} | {e['found']:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
