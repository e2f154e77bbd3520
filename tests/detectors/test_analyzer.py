"""The analyzer: offsets into the original text, overlap resolution, thresholds, segments and findings,
the registry it loads from, and the fast path that never loads GiNZA."""
import subprocess
import sys
from dataclasses import dataclass

import pytest
from stdnum.jp import cn, in_

from detectors.analyzer import DEFAULT_THRESHOLD, Analyzer
from detectors.fingerprint import Fingerprinter
from detectors.registry import RegistryError, known_entities, load_recognizers
from detectors.version import DETECTOR_VERSION
from tests.assertions import assert_matches, assert_not_in

MY = "12345678901" + in_.calc_check_digit("12345678901")
CORP = cn.calc_check_digit("123456789012") + "123456789012"
CORE = ("JP_MY_NUMBER", "JP_CORPORATE_NUMBER", "CREDIT_CARD", "EMAIL_ADDRESS", "PHONE_NUMBER")


@dataclass(frozen=True)
class Seg:
    text: str
    where: str
    header: str | None = None


def test_public_constants():
    assert DEFAULT_THRESHOLD == 0.5
    assert isinstance(DETECTOR_VERSION, str) and DETECTOR_VERSION


def test_offsets_are_code_points_into_the_original_text(analyzer):
    # ㍻ folds to two characters and ｶﾞ to one: offsets must still point into the original
    text = f"㍻元年ｶﾞ 個人番号：{MY[:4]}　{MY[4:8]}　{MY[8:]}、携帯０９０ー１２３４ー５６７８"
    matches = analyzer.analyze_text(text)
    assert_matches(matches, [("JP_MY_NUMBER", 11, 25, 0.95, 1.0), ("PHONE_NUMBER", 28, 41, 0.95, 1.0)], text_len=len(text))
    assert matches[0].text == text[11:25]  # the raw text is the original's slice


def test_results_are_sorted_and_do_not_overlap(analyzer):
    text = f"メール a@example.jp 電話 03-1234-5678 個人番号 {MY} カード 4111111111111111"
    matches = analyzer.analyze_text(text)
    assert [m.entity for m in matches] == ["EMAIL_ADDRESS", "PHONE_NUMBER", "JP_MY_NUMBER", "CREDIT_CARD"]
    assert all(a.end <= b.start for a, b in zip(matches, matches[1:]))


def test_corporate_number_wins_over_my_number_on_the_same_digits(analyzer):
    matches = analyzer.analyze_text(f"個人番号 {CORP}")
    assert [m.entity for m in matches] == ["JP_CORPORATE_NUMBER"]


def test_threshold_and_entity_selection():
    strict = Analyzer(CORE, threshold=DEFAULT_THRESHOLD)
    assert strict.analyze_text(MY) == []  # 0.4 without context
    assert [m.entity for m in strict.analyze_text(f"個人番号 {MY}")] == ["JP_MY_NUMBER"]
    only_mail = Analyzer(["EMAIL_ADDRESS"])
    assert [m.entity for m in only_mail.analyze_text(f"a@example.jp 個人番号 {MY}")] == ["EMAIL_ADDRESS"]
    assert Analyzer([]).analyze_text(f"個人番号 {MY}") == []


@pytest.mark.parametrize("text", ["", " ", "\n", "あいうえお", "-" * 100, "0" * 5000])
def test_degenerate_text(analyzer, text):
    assert [m for m in analyzer.analyze_text(text) if m.score >= DEFAULT_THRESHOLD] == []


def test_header_is_context_for_a_cell(analyzer):
    [m] = analyzer.analyze_text(MY, header="個人番号")
    assert m.score >= 0.95 and "header:個人番号" in m.evidence


def test_analyze_segments_keeps_order_and_pairs(analyzer):
    segs = [Seg(f"個人番号 {MY}", "p1"), Seg("なし", "p2"), Seg(MY, "sheet 社員!C2", "マイナンバー")]
    out = list(analyzer.analyze_segments(segs))
    assert [s.where for s, _ in out] == ["p1", "p2", "sheet 社員!C2"]
    assert [[m.entity for m in ms] for _, ms in out] == [["JP_MY_NUMBER"], [], ["JP_MY_NUMBER"]]


def test_findings_are_masked_and_fingerprinted_and_hold_no_raw_value(analyzer):
    segs = [Seg(f"個人番号 {MY}", "paragraph 1"), Seg("4111 1111 1111 1111", "sheet 決済!B2", "カード番号"), Seg("連絡先 yamada@example.co.jp", "header")]
    fp = Fingerprinter(b"k" * 32)
    findings = analyzer.findings(segs, fp)
    assert [(f.entity, f.where) for f in findings] == [("JP_MY_NUMBER", "paragraph 1"), ("CREDIT_CARD", "sheet 決済!B2"), ("EMAIL_ADDRESS", "header")]
    assert findings[0].fingerprint == fp.fingerprint("JP_MY_NUMBER", MY)
    assert findings[1].header == "カード番号"
    dump = repr(findings)
    for raw in (MY, "4111111111111111", "4111 1111 1111 1111", "yamada@"):
        assert_not_in(raw, dump, "findings")
    assert not hasattr(findings[0], "text")


def test_findings_below_the_floor_are_not_kept(analyzer):
    assert analyzer.findings([Seg(f"注文番号 {MY}", "p")], Fingerprinter(b"k" * 32)) == []


def test_registry_loads_every_core_entity_as_a_japanese_presidio_recognizer():
    from presidio_analyzer import EntityRecognizer

    assert set(CORE) <= set(known_entities())
    for rec in load_recognizers(CORE):
        assert isinstance(rec, EntityRecognizer) and rec.supported_language == "ja" and len(rec.supported_entities) == 1


def test_registry_config_is_data(tmp_path):
    (tmp_path / "a.toml").write_text('[[recognizer]]\nentity = "JP_MY_NUMBER"\nmodule = "jp_my_number"\nclass = "JpMyNumberRecognizer"\ncontext = ["社員番号X"]\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('[[recognizer]]\nentity = "CREDIT_CARD"\nmodule = "credit_card"\nclass = "JpCreditCardRecognizer"\nenabled = false\n', encoding="utf-8")
    [rec] = load_recognizers(None, tmp_path)
    assert rec.context == ["社員番号X"]
    (tmp_path / "c.toml").write_text('[[recognizer]]\nentity = "JP_MY_NUMBER"\nmodule = "jp_my_number"\nclass = "JpMyNumberRecognizer"\n', encoding="utf-8")
    with pytest.raises(RegistryError, match="already listed"):
        load_recognizers(None, tmp_path)
    (tmp_path / "c.toml").write_text('[[recognizer]]\nentity = "EMAIL_ADDRESS"\nmodule = "credit_card"\nclass = "JpCreditCardRecognizer"\n', encoding="utf-8")
    with pytest.raises(RegistryError, match="does not recognise"):
        load_recognizers(None, tmp_path)
    (tmp_path / "c.toml").write_text('[[recognizer]]\nentity = "EMAIL_ADDRESS"\nmodule = "no_such_module"\nclass = "X"\n', encoding="utf-8")
    with pytest.raises(RegistryError, match="cannot load"):
        load_recognizers(None, tmp_path)


def test_fast_path_never_loads_ginza():
    # (spaCy itself is imported by presidio_analyzer at import time; the model is what costs. SudachiPy is the
    # PERSON recognizer's cheap first pass by design — DESIGN.md §9 — so it may load; GiNZA may not.)
    code = (
        "import sys\n"
        "from detectors.analyzer import Analyzer\n"
        "a = Analyzer()\n"
        "a.analyze_text('個人番号 123456789018 電話 03-1234-5678 a@example.jp')\n"
        "print(sorted(m for m in ('ginza', 'ja_ginza', 'spacy_transformers') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"

