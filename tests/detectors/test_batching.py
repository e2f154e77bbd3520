"""Table cells analysed in batches give exactly the findings they give one by one."""
from dataclasses import dataclass

from detectors.fingerprint import Fingerprinter
from tests.corpus.generator import generate


@dataclass(frozen=True)
class Seg:
    text: str
    where: str
    header: str | None = None


def test_batched_equals_one_by_one(analyzer):
    samples = generate(30, seed=3)
    # the same texts as one long column of cells, as columns under their own headers, and as free text
    segments = []
    for i, s in enumerate(samples):  # row-major, as spreadsheets are read: the columns interleave
        segments += [Seg(s.text, f"cell A{i}", "備考"), Seg(s.text[::-1], f"cell C{i}", "メモ")]
    segments += [Seg(s.text, f"cell B{i}", s.header) for i, s in enumerate(samples) if s.header]
    segments += [Seg(s.text, f"paragraph {i}", None) for i, s in enumerate(samples)]
    segments.append(Seg("4111 1111\n1111 1111", "cell Z1", "カード番号"))
    fp = Fingerprinter(b"k" * 32)
    batched = analyzer.findings(segments, fp)
    single = [f for seg, ms in analyzer.analyze_segments(segments) for f in analyzer.findings([seg], fp)]
    assert batched == single  # same findings, same order
    assert any(f.where == "cell Z1" and f.entity == "CREDIT_CARD" for f in batched)


def _one_by_one(analyzer, segments, fp):
    return [f for seg in segments for f in analyzer.findings([seg], fp)]


def test_value_columns_checked_first_give_the_same_findings(analyzer):
    """A column whose header names a kind of value is checked by that kind's recognizer first (DESIGN.md §9);
    cells it covers whole skip the other recognizers. Whatever else a cell holds — another kind of value, a
    value that fails its check, text around the value, nothing — the findings are those of every recognizer
    on each cell alone."""
    from tests.corpus.generator import Corpus

    c = Corpus(7)
    people = c.ppl
    cells = {
        "電話番号": ["03-1234-5678", "090-1111-2222", "連絡はメール taro@example.co.jp へ", "03-1234-5678 (内線 12)", "", "不明", "0120-444-444", "12-3456"],
        "メールアドレス": ["taro@example.co.jp", "TEL 03-1234-5678", "hanako.suzuki@example.com", "a@b", "連絡先 jiro@example.jp"],
        "個人番号": [people.my_number(), c.bad_my_number(), f"{people.my_number()}、090-1234-5678", "4111-1111-1111-1111"],
        "カード番号": [c.card(), c.bad_card(), people.my_number()],
    }
    segments = []
    for col, (header, values) in zip("ABCD", cells.items()):
        for row, value in enumerate(values, start=2):
            segments.append(Seg(value, f"sheet 顧客!{col}{row}", header))
    fp = Fingerprinter(b"k" * 32)
    batched = sorted(analyzer.findings(segments, fp), key=lambda f: (f.where, f.start))
    single = sorted(_one_by_one(analyzer, segments, fp), key=lambda f: (f.where, f.start))
    assert batched == single
    # the odd cells were still read by every recognizer: an e-mail address in the phone column, a phone number
    # in the e-mail column, a My Number with more beside it, the card-shaped value in the My Number column
    kinds = {(f.where, f.entity) for f in batched if f.score >= 0.5}
    assert ("sheet 顧客!A4", "EMAIL_ADDRESS") in kinds
    assert ("sheet 顧客!B3", "PHONE_NUMBER") in kinds
    assert ("sheet 顧客!C4", "JP_MY_NUMBER") in kinds
    assert ("sheet 顧客!C5", "CREDIT_CARD") in kinds


def test_fast_path_only_where_one_recognizer_owns_the_header(analyzer):
    assert analyzer._column_fast_label("電話番号") == "PHONE_NUMBER"
    assert analyzer._column_fast_label("E-mail") == "EMAIL_ADDRESS"
    assert analyzer._column_fast_label("備考") is None  # free text: every recognizer on every cell
    assert analyzer._column_fast_label("氏名") is None  # PERSON columns are labelled whole by detectors.columns
    # the header names a postal code first, but the phone recognizer's header words are in it too
    assert analyzer._column_fast_label("郵便番号・電話番号") is None
    assert analyzer._column_fast_label(None) is None
