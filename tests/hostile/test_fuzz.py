"""Property-based fuzzing with a fixed seed and a time budget: extractors never raise on arbitrary or
mutated bytes, recognizers never raise and keep offsets inside the text, normalisation is idempotent."""
from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from crawler.extract import extract_bytes
from crawler.limits import Limits
from crawler.model import Extracted
from detectors.analyzer import Analyzer
from detectors.normalize import normalize

LIMITS = Limits(max_chars=100_000, archive_members=50, member_bytes=1 << 20, archive_total_bytes=4 << 20)
SETTINGS = settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow], database=None)


def _seeds() -> dict[str, bytes]:
    from openpyxl import Workbook

    out = {}
    wb = Workbook()
    wb.active.append(["氏名", "個人番号"])
    wb.active.append(["山田", "123456789018"])
    buf = io.BytesIO()
    wb.save(buf)
    out["xlsx"] = buf.getvalue()
    import docx

    doc = docx.Document()
    doc.add_paragraph("個人番号 123456789018")
    buf = io.BytesIO()
    doc.save(buf)
    out["docx"] = buf.getvalue()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "電話 090-1234-5678")
    out["zip"] = buf.getvalue()
    out["eml"] = b"From: a@example.co.jp\nSubject: x\nContent-Type: text/plain; charset=utf-8\n\nhello\n"
    out["pdf"] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"
    out["csv"] = "氏名,電話\n山田,090-1234-5678\n".encode("cp932")
    return out


SEEDS = _seeds()
NAMES = {"xlsx": "f.xlsx", "docx": "f.docx", "zip": "f.zip", "eml": "f.eml", "pdf": "f.pdf", "csv": "f.csv"}


@st.composite
def mutated(draw):
    kind = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[kind])
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.sampled_from(["flip", "cut", "insert"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[pos] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[pos : pos + draw(st.integers(1, 64))]
        else:
            data[pos:pos] = draw(st.binary(max_size=32))
    return NAMES[kind], bytes(data)


@seed(20261124)
@SETTINGS
@given(mutated())
def test_extractors_never_raise_on_mutated_files(case):
    name, data = case
    result = extract_bytes(data, name, LIMITS)
    assert isinstance(result, Extracted)
    assert result.chars <= LIMITS.max_chars
    if result.problem is not None:
        assert result.problem.reason.value and "\n" not in result.problem.message


@seed(20261124)
@SETTINGS
@given(st.binary(max_size=2048), st.sampled_from(["a.docx", "a.xlsx", "a.pdf", "a.pptx", "a.zip", "a.eml", "a.msg", "a.csv", "a.txt", "noext"]))
def test_extractors_never_raise_on_random_bytes(data, name):
    assert isinstance(extract_bytes(data, name, LIMITS), Extracted)


ANALYZER = Analyzer()
TEXT = st.text(alphabet=st.sampled_from(list("0123456789０１２３４５６７８９-－ー‐ @.abcXYZ個人番号マイナンバー電話カード\n　㍻")), max_size=120)


@seed(20261124)
@SETTINGS
@given(TEXT, st.one_of(st.none(), st.sampled_from(["個人番号", "電話番号", "カード番号"])))
def test_recognizers_never_raise_and_offsets_stay_inside(text, header):
    for m in ANALYZER.analyze_text(text, header):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert 0.0 <= m.score <= 1.0


@seed(20261124)
@SETTINGS
@given(TEXT)
def test_half_and_full_width_give_the_same_spans(text):
    full = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    a = [(m.entity, m.start, m.end) for m in ANALYZER.analyze_text(text)]
    b = [(m.entity, m.start, m.end) for m in ANALYZER.analyze_text(full)]
    assert a == b


@seed(20261124)
@SETTINGS
@given(st.text(max_size=200))
def test_normalisation_is_idempotent(text):
    once = normalize(text).text
    assert normalize(once).text == once
