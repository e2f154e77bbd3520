"""The benchmark corpus's embedded pictures (benchmarks/corpus.py): office files as a share holds them, with
photographs in their slides, documents and reports. Extraction must skip them — the same text with or without
them, nothing OCR'd, no problem recorded — which is what lets the benchmark's MB/s count their bytes."""
from __future__ import annotations

import zipfile
from pathlib import Path

from benchmarks.corpus import generate
from crawler.extract import extract_path


def _texts(root: Path) -> dict[str, tuple[str, str | None, int]]:
    out = {}
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".docx", ".pptx", ".pdf")):
        got = extract_path(str(path))
        out[str(path.relative_to(root))] = ("".join(s.text for s in got.segments), got.problem and got.problem.reason, got.ocr_pages)
    return out


def test_pictures_add_bytes_but_no_text_and_no_ocr(tmp_path):
    with_pictures = generate(tmp_path / "with", 60)
    without = generate(tmp_path / "without", 60, pictures=False)
    assert without.picture_bytes == 0
    assert with_pictures.picture_bytes > 0.4 * with_pictures.bytes  # most bytes, as on a real share
    assert with_pictures.bytes - without.bytes >= with_pictures.picture_bytes * 0.95  # stored, not recompressed
    assert with_pictures.planted == without.planted  # the text and every planted value are the same
    decks = [p for p in (tmp_path / "with").rglob("*.pptx") if any(n.startswith("ppt/media/") for n in zipfile.ZipFile(p).namelist())]
    assert decks, "no deck with a picture: the corpus would not test skipping them"
    a, b = _texts(tmp_path / "with"), _texts(tmp_path / "without")
    assert a.keys() == b.keys() and a
    for name in a:
        text_a, problem_a, ocr_a = a[name]
        text_b, _, _ = b[name]
        assert (problem_a, ocr_a) == (None, 0), name
        assert "".join(text_a.split()) == "".join(text_b.split()), name  # a picture moves text to the next page
