"""Table columns: labels from headers (one table of cases), from cell values, and whole columns labelled.

Cell values are synthetic (Faker ja_JP, seeded); assertions name columns, entities and counts, never a value.
"""
from dataclasses import dataclass

import pytest
from faker import Faker

from crawler.extract.table import cells, column_letter, find_header
from detectors.analyzer import Analyzer
from detectors.columns import column_of, header_label, label_columns, looks_like_name

HEADERS = [
    # header → label (None: not a column any rule names)
    ("氏名", "PERSON"), ("お名前", "PERSON"), ("顧客氏名", "PERSON"), ("氏名（漢字）", "PERSON"), ("ＦＵＬＬ　ＮＡＭＥ", "PERSON"),
    ("姓", "PERSON"), ("名", "PERSON"), ("フリガナ", "PERSON"), ("ﾌﾘｶﾞﾅ", "PERSON"), ("ふりがな", "PERSON"), ("担当者名", "PERSON"),
    ("Name", "PERSON"), ("first_name", "PERSON"), ("Last Name", "PERSON"), ("契約者", "PERSON"),
    ("住所", "JP_ADDRESS"), ("現住所", "JP_ADDRESS"), ("所在地", "JP_ADDRESS"), ("送付先", "JP_ADDRESS"), ("Address", "JP_ADDRESS"),
    ("会社住所", "JP_ADDRESS"),
    ("電話", "PHONE_NUMBER"), ("電話番号", "PHONE_NUMBER"), ("携帯番号", "PHONE_NUMBER"), ("TEL", "PHONE_NUMBER"), ("Phone", "PHONE_NUMBER"),
    ("生年月日", "DATE_OF_BIRTH"), ("Date of Birth", "DATE_OF_BIRTH"),
    ("メール", "EMAIL_ADDRESS"), ("メールアドレス", "EMAIL_ADDRESS"), ("E-mail", "EMAIL_ADDRESS"), ("Email Address", "EMAIL_ADDRESS"),
    ("郵便番号", "JP_POSTAL_CODE"), ("〒", "JP_POSTAL_CODE"),
    # names that are not a person's
    ("会社名", None), ("商品名", None), ("品名", None), ("支店名", None), ("ファイル名", None), ("Product Name", None),
    ("Company Name", None), ("File name", None), ("名称", None), ("備考", None), ("金額", None), ("Hotel", None), ("nickname", None),
]


@pytest.mark.parametrize("header,label", HEADERS)
def test_header_label(header, label):
    assert header_label(header)[0] == label


NAMES = [
    ("佐藤 陽子", True), ("佐藤陽子", True), ("佐藤\u3000陽子", True), ("サトウ ヨウコ", True), ("さとう ようこ", True),
    ("ｻﾄｳ ﾖｳｺ", True), ("佐藤", False), ("株式会社佐藤", False), ("サトウ", False), ("東京都港区", False), ("090-1234-5678", False),
    ("ノート パソコン", False), ("会議 資料", False),
]


@pytest.mark.parametrize("cell,expected", NAMES)
def test_looks_like_name(cell, expected):
    assert looks_like_name(cell) is expected


def test_column_of():
    assert column_of("sheet 顧客!AB12") == ("sheet 顧客!", "AB")
    assert column_of("cell C5") == ("cell ", "C")
    assert column_of("table 1!B3") == ("table 1!", "B")
    assert column_of("page 3") is None and column_of("paragraph 12") is None


@dataclass(frozen=True)
class Seg:
    text: str
    where: str
    header: str | None = None


def _customers(n: int, seed: int = 11) -> list[list[str]]:
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    return [[fake.name(), fake.kana_name(), fake.address(), fake.phone_number(), fake.company()] for _ in range(n)]


HEADER_ROW = ["氏名", "フリガナ", "住所", "電話番号", "勤務先"]


@pytest.fixture(scope="module")
def analyzer():
    # PERSON's own recognizer is left out so that these tests measure the column rules alone
    return Analyzer(["JP_ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "JP_POSTAL_CODE"])


def _analyze(analyzer, rows):
    segments = list(cells(rows, lambda r, c: f"sheet 顧客!{column_letter(c)}{r + 1}"))
    results = [ms for _, ms in analyzer.analyze_batched(segments)]
    labels = {(c.column, c.header): c for c in label_columns(segments, results)}  # idempotent: already applied
    return segments, results, labels


def _entities_by_column(segments, results, entity, floor=0.5):
    out: dict[str, int] = {}
    for seg, ms in zip(segments, results):
        if any(m.entity == entity and m.score >= floor for m in ms):
            col = column_of(seg.where)[1]
            out[col] = out.get(col, 0) + 1
    return out


@pytest.mark.parametrize("with_header", [True, False])
def test_customer_sheet_columns(analyzer, with_header):
    data = _customers(60)
    rows = [HEADER_ROW] + data if with_header else data
    if not with_header:
        assert find_header(rows) == 0  # the reader takes the first customer for a header row: its cells are data all the same
    segments, results, labels = _analyze(analyzer, rows)
    got = {col: c.label for (col, header), c in labels.items() if c.cells > 1}
    assert got == {"A": "PERSON", "B": "PERSON", "C": "JP_ADDRESS", "D": "PHONE_NUMBER", "E": None}
    sources = {c.source for (col, header), c in labels.items() if c.cells > 1 and c.label in ("PERSON", "JP_ADDRESS")}
    assert sources == ({"header"} if with_header else {"values"})
    persons = _entities_by_column(segments, results, "PERSON")
    addresses = _entities_by_column(segments, results, "JP_ADDRESS")
    assert persons == {"A": 60, "B": 60}  # every row's name and reading, nothing in the company column
    assert addresses == {"C": 60}


def test_filled_cells_carry_column_evidence_and_the_header_row_is_not_data(analyzer):
    rows = [HEADER_ROW] + _customers(20)
    segments, results, _ = _analyze(analyzer, rows)
    header_cells = [ms for seg, ms in zip(segments, results) if seg.where.endswith("!A1") or seg.where.endswith("!C1")]
    assert header_cells == [[], []]
    [first] = [m for seg, ms in zip(segments, results) if seg.where.endswith("!A2") for m in ms]
    assert (first.entity, first.score, first.start, first.end) == ("PERSON", 0.95, 0, len(rows[1][0]))
    assert first.evidence == ("pattern:person_column", "column:header:氏名")
    assert " " not in first.normalized and "\u3000" not in first.normalized  # fingerprint over the name without spaces


def test_placeholders_and_wrong_shapes_are_not_filled(analyzer):
    rows = [["氏名", "住所"]] + [[n, a] for n, a, *_ in _customers(10)] + [["―", "不明"], ["なし", "―"], ["12345", "N/A"]]
    segments, results, _ = _analyze(analyzer, rows)
    tail = [ms for seg, ms in zip(segments, results) if int(seg.where.rsplit("!", 1)[1][1:]) > 11]
    assert tail and all(ms == [] for ms in tail)


def test_value_statistics_need_most_cells(analyzer):
    """A header-less column where only a few cells look like names is not a name column."""
    fake = Faker("ja_JP")
    fake.seed_instance(3)
    column = [fake.name() for _ in range(3)] + [fake.company() for _ in range(12)]
    rows = [[c, fake.catch_phrase() if hasattr(fake, "catch_phrase") else "備考"] for c in column]
    segments, results, labels = _analyze(analyzer, rows)
    assert labels[("A", None)].label is None
    assert _entities_by_column(segments, results, "PERSON") == {}


def test_vetoed_header_is_never_a_person_column(analyzer):
    fake = Faker("ja_JP")
    fake.seed_instance(4)
    rows = [["会社名", "商品名"]] + [[fake.name(), fake.name()] for _ in range(10)]  # odd data under telling headers
    segments, results, labels = _analyze(analyzer, rows)
    assert labels[("A", "会社名")].source == "veto" and labels[("A", "会社名")].label is None
    assert _entities_by_column(segments, results, "PERSON") == {}


# --- the costly recognizers are gated by the column's header (DESIGN.md §9) ---------------------------

@pytest.mark.parametrize(
    "entity,header,skipped",
    [
        ("PERSON", "電話番号", True),
        ("PERSON", "メールアドレス", True),
        ("PERSON", "個人番号", True),
        ("PERSON", "会社名", True),  # a veto: not a person's column
        ("PERSON", "氏名", False),
        ("PERSON", "備考", False),  # a header no rule names gates nothing
        ("PERSON", None, False),
        ("JP_ADDRESS", "氏名", True),
        ("JP_ADDRESS", "住所", False),
        ("JP_ADDRESS", "備考", False),
        ("PHONE_NUMBER", "氏名", False),  # identifier recognizers run on every cell
    ],
)
def test_skipped_in_column(entity, header, skipped):
    from detectors.columns import skipped_in_column

    assert skipped_in_column(entity, header) is skipped


def test_a_name_under_a_phone_header_is_not_looked_for_but_under_a_note_header_it_is():
    from detectors.analyzer import Analyzer

    analyzer = Analyzer(["PERSON"])
    text = "山田 太郎 様"
    assert [m for m in analyzer.analyze_text(text, "電話番号") if m.entity == "PERSON"] == []
    assert [m.entity for m in analyzer.analyze_text(text, "備考") if m.score >= 0.5] == ["PERSON"]
