"""The OCR normaliser (detectors.ocr_normalize) and the analyzer on segments marked as OCR text.

Values are synthetic (check digits computed by stdnum); assertions name entities, spans and scores only.
"""
from dataclasses import dataclass

import pytest
from stdnum.jp import in_

from detectors.ocr_normalize import ocr_normalize
from tests.assertions import assert_matches, assert_same

VALID = "12345678901" + in_.calc_check_digit("12345678901")
BAD = VALID[:-1] + str((int(VALID[-1]) + 1) % 10)
G = (VALID[:4], VALID[4:8], VALID[8:])
WITH_O = f"{G[0]} {G[1]} {G[2]}".replace("0", "O")  # OCR read 0 as O
assert "O" in WITH_O


@dataclass(frozen=True)
class Seg:
    """What an OCR segment looks like to the analyzer (detectors cannot import crawler)."""

    text: str
    where: str = "image"
    header: str | None = None
    ocr: bool = True

    def confidence_at(self, start, end):
        return 88.0


NORMALISED = [
    # OCR text, expected normalised text (synthetic, not personal)
    ("1234 5678 9O18", "1234 5678 9018"),
    ("l234 5678 9018", "1234 5678 9018"),
    ("12S4 B678 9Ol8", "1254 8678 9018"),
    ("1 234 5678 9018", "123456789018"),  # irregular groups: joined
    ("12345 678 9018 号", "123456789018 号"),
    ("1234 5678 9018", "1234 5678 9018"),  # regular groups kept
    ("090 1234 5678", "090 1234 5678"),
    ("１２３４ ５６７８ ９０１８", "1234 5678 9018"),  # full width folded as before
    ("1234一5678一9018", "1234-5678-9018"),  # kanji 一 between digits is a dash
    # look-alike letters that are letters
    ("AB12345678CD", "AB12345678CD"),  # residence card format
    ("ID 12", "ID 12"),
    ("S63年1月1日", "S63年1月1日"),
    ("B1F 会議室", "B1F 会議室"),
    ("Sold 1200 items", "Sold 1200 items"),
    ("2丁目 3番 4号", "2丁目 3番 4号"),
]


@pytest.mark.parametrize("text,expected", NORMALISED)
def test_ocr_normalise(text, expected):
    n = ocr_normalize(text)
    assert_same(n.text, expected, "normalised OCR text")
    # the whole normalised text maps back onto the whole original
    assert n.to_original(0, len(n.text)) == (0, len(text))


def test_offsets_of_a_joined_number_cover_the_original_span():
    text = f"個人番号 {VALID[0]} {VALID[1:4]} {G[1]} {G[2]} です"
    n = ocr_normalize(text)
    start = n.text.index(VALID)
    assert n.to_original(start, start + 12) == (5, 5 + 15)


CASES = [
    # OCR text → analyzer matches on an OCR segment
    (f"個人番号\n{WITH_O}", [("JP_MY_NUMBER", 5, 19, 0.95, 1.0)]),
    (f"個人番号\n{G[0][0]} {G[0][1:]} {G[1]} {G[2]}", [("JP_MY_NUMBER", 5, 20, 0.95, 1.0)]),
    (f"個人番号 {BAD[:4]} {BAD[4:8]} {BAD[8:]}".replace("0", "O"), []),  # the check digit still decides
    (f"{WITH_O}", [("JP_MY_NUMBER", 0, 14, 0.4, 0.4)]),  # no context: below the threshold, as for text
]


@pytest.mark.parametrize("text,expected", CASES)
def test_analyzer_uses_the_ocr_normaliser_on_ocr_segments(analyzer, text, expected):
    (_, matches), = analyzer.analyze_segments([Seg(text)])
    assert_matches([m for m in matches if m.entity == "JP_MY_NUMBER"], expected, text_len=len(text))


def test_plain_text_keeps_the_plain_normaliser(analyzer):
    """Look-alike repair is for OCR text only: in a text layer, an O is an O."""
    (_, matches), = analyzer.analyze_segments([Seg(f"個人番号\n{WITH_O}", ocr=False)])
    assert not [m for m in matches if m.entity == "JP_MY_NUMBER"]


def test_findings_record_ocr_and_confidence(analyzer):
    from detectors.fingerprint import Fingerprinter

    fp = Fingerprinter(b"k" * 32)
    ocr = analyzer.findings([Seg(f"個人番号\n{WITH_O}")], fp)
    text = analyzer.findings([Seg(f"個人番号\n{G[0]} {G[1]} {G[2]}", ocr=False)], fp)
    (a,), (b,) = [f for f in ocr if f.entity == "JP_MY_NUMBER"], [f for f in text if f.entity == "JP_MY_NUMBER"]
    assert a.ocr and a.ocr_confidence == 88.0
    assert not b.ocr and b.ocr_confidence is None
    assert a.fingerprint == b.fingerprint  # the repaired value is the same number
