"""Presidio's AnalyzerEngine wired for Japanese with ja_ginza builds offline and uses our recognizers."""
import pytest

from detectors.nlp import build_engine

pytestmark = pytest.mark.slow


def test_presidio_engine_with_ginza_finds_a_my_number_in_context(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    engine = build_engine(("JP_MY_NUMBER", "CREDIT_CARD"))
    assert engine.supported_languages == ["ja"]
    names = {r.name for r in engine.registry.recognizers}
    assert names == {"JpMyNumberRecognizer", "JpCreditCardRecognizer"}  # no English defaults
    results = engine.analyze("社員の個人番号は123456789018です。", language="ja")
    assert [(r.entity_type, r.start, r.end) for r in results] == [("JP_MY_NUMBER", 8, 20)]
    assert results[0].score >= 0.95
