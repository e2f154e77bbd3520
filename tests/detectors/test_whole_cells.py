"""Name cells under a person's column header decided whole (DESIGN.md §9: classify columns from the header, check
whole columns with the cheap recognizers): ``JpPersonRecognizer.whole_cell`` over the name gazetteer instead of the
recognizer's morphemes, in a batch of a column's cells and for a cell alone alike."""
from dataclasses import dataclass

import pytest
from faker import Faker

from detectors.analyzer import Analyzer
from detectors.fingerprint import Fingerprinter
from detectors.name_gazetteer import gazetteer
from detectors.normalize import normalize
from detectors.recognizers.person import JpPersonRecognizer


@dataclass(frozen=True)
class Seg:
    text: str
    where: str
    header: str | None = None


def _name_cells(n: int, seed: int) -> list[str]:
    """Faker ja_JP names (an independent source from the gazetteer) as people write them in a 氏名 or フリガナ
    column: spaced, unspaced, with an ideographic space, in katakana, with blanks around."""
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    cells = []
    for i in range(n):
        last, first = fake.last_name_pair(), fake.first_name_pair()
        cells += [f"{last[0]} {first[0]}", f"{last[0]}{first[0]}", f"{last[0]}\u3000{first[0]}", f"{last[1]} {first[1]}"]
        if i % 10 == 0:
            cells.append(f" {last[0]} {first[0]} ")
    return list(dict.fromkeys(cells))


def _batched(analyzer, cells: list[str], header: str):
    segments = [Seg(c, f"sheet 顧客!B{row}", header) for row, c in enumerate(cells, start=2)]
    return {seg.text: matches for seg, matches in analyzer.analyze_batched(segments)}


@pytest.fixture(scope="module")
def slow():
    """The analyzer as it was before this path: every cell through every recognizer."""
    a = Analyzer()
    a._whole_cell_decider = lambda header: None
    return a


def test_decided_cells_are_the_recognizers_finding_or_the_whole_name(analyzer, slow):
    """Where the recognizer's own reading of a name cell covers the whole cell, the decided cell gives the same
    finding (span, score, canonical form); where it does not, it is the recognizer that cut the name short
    (坪井/二希子 read as 井二希子) and the decided cell holds the whole name. Nothing the recognizer finds no
    person in is decided a person."""
    cells = _name_cells(400, seed=11)
    decided = _batched(analyzer, cells, "氏名")
    before = _batched(slow, cells, "氏名")
    same = shorter = 0
    for cell in cells:
        body = cell.strip()
        start = cell.index(body)
        fast = decided[cell]
        verdict = JpPersonRecognizer.whole_cell(normalize(body).text)
        if verdict is None:
            assert [(m.entity, m.start, m.end, m.score, m.normalized) for m in fast] == [
                (m.entity, m.start, m.end, m.score, m.normalized) for m in before[cell]
            ], cell
            continue
        assert len(fast) == 1, cell
        m = fast[0]
        assert (m.entity, m.start, m.end, m.score, m.text) == ("PERSON", start, start + len(body), 0.95, body), cell
        assert m.normalized == verdict[2] == normalize(body).text.replace(" ", ""), cell
        assert m.evidence[-1] == "header:氏名" and m.recognizer == "JpPersonRecognizer", cell
        old = [x for x in before[cell] if x.entity == "PERSON"]
        assert old, f"{cell}: the recognizer found no person here"
        if len(old) == 1 and (old[0].start, old[0].end) == (m.start, m.end):
            assert (old[0].score, old[0].normalized) == (m.score, m.normalized), cell
            same += 1
        else:
            assert all(start <= x.start and x.end <= start + len(body) for x in old), cell
            shorter += 1
    assert same > 0.9 * (same + shorter)  # the path changes evidence, not findings, but for the names cut short


def test_cells_the_gazetteer_does_not_confirm_take_the_recognizers(analyzer, slow):
    """An honorific, a reading in brackets, a name the gazetteer does not list, digits, two names, a company: the
    cell is analysed by every recognizer as before."""
    cells = ["山田太郎様", "佐藤 陽子（サトウ ヨウコ）", "田中ビル", "山田 太郎 090-1234-5678", "山田太郎、鈴木花子", "株式会社山田", "ヤマダタロウ",
             "山田  太郎", "", "不明", "Taro Yamada"]
    assert all(JpPersonRecognizer.whole_cell(c.strip()) is None for c in cells)
    fast, before = _batched(analyzer, cells, "氏名"), _batched(slow, cells, "氏名")
    for cell in cells:
        assert [(m.entity, m.start, m.end, m.score, m.evidence, m.normalized) for m in fast[cell]] == [
            (m.entity, m.start, m.end, m.score, m.evidence, m.normalized) for m in before[cell]
        ], cell


def test_only_under_a_header_naming_a_persons_column(analyzer):
    decider = analyzer._whole_cell_decider
    assert decider("氏名")[1] == "氏名" and decider("フリガナ")[1] == "フリガナ" and decider("申請者氏名")[1] == "氏名"
    assert decider(None) is None and decider("備考") is None and decider("会社名") is None
    assert decider("氏名・電話番号") is None  # another recognizer's header word: it could reach header strength too
    assert Analyzer(threshold=0.99)._whole_cell_decider("氏名") is None  # the header's score would not pass
    assert Analyzer(entities=["PHONE_NUMBER"])._whole_cell_decider("氏名") is None


def test_a_cell_alone_is_decided_as_in_its_column(analyzer):
    """The same findings one by one as in a batch (tests/detectors/test_batching.py's rule), the offsets mapped
    back to the original text where NFKC changed its length (half-width katakana)."""
    cells = ["坪井 二希子", "ﾔﾏﾀﾞ ﾀﾛｳ", "山田\u3000太郎", "山田太郎様"]
    segments = [Seg(c, f"sheet 顧客!B{row}", "氏名") for row, c in enumerate(cells, start=2)]
    fp = Fingerprinter(b"k" * 32)
    batched = analyzer.findings(segments, fp)
    single = [f for seg in segments for f in analyzer.findings([seg], fp)]
    assert batched == single
    kana = [f for f in batched if f.where == "sheet 顧客!B3"]
    assert [(f.start, f.end, f.entity) for f in kana] == [(0, len("ﾔﾏﾀﾞ ﾀﾛｳ"), "PERSON")]
    # the fingerprint is the name's, however it is written (spaces, width)
    assert len({f.fingerprint for f in batched if f.where in ("sheet 顧客!B4",)} | {fp.fingerprint("PERSON", "山田太郎")}) == 1


def test_whole_cell_reads_the_gazetteer():
    gaz = gazetteer()
    surname = next(s for s in ("山田", "佐藤", "鈴木") if s in gaz.surnames)
    given = next(g for g in ("太郎", "花子", "一郎") if g in gaz.given)
    assert JpPersonRecognizer.whole_cell(f"{surname} {given}") == ("full", ("gazetteer",), surname + given)
    assert JpPersonRecognizer.whole_cell(f"{surname}{given}") == ("full", ("gazetteer",), surname + given)
    assert JpPersonRecognizer.whole_cell("ヤマダ タロウ") == ("kana", ("gazetteer:reading",), "ヤマダタロウ")
    assert JpPersonRecognizer.whole_cell(f"{surname} {given} {given}") is None
    assert JpPersonRecognizer.whole_cell(f"{given}{surname}会社") is None
