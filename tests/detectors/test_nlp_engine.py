"""Presidio's AnalyzerEngine wired for Japanese with ja_ginza builds offline and uses our recognizers
(and only ours), our character-window enhancer and Presidio's own ``analyze``. GiNZA loads once."""
import socket

import pytest
from stdnum.jp import in_

from detectors.normalize import normalize

pytestmark = pytest.mark.slow

MY = "12345678901" + in_.calc_check_digit("12345678901")


@pytest.fixture(scope="session")
def engine():
    mp = pytest.MonkeyPatch()
    mp.setenv("HF_HUB_OFFLINE", "1")
    mp.setenv("TRANSFORMERS_OFFLINE", "1")
    attempts = []

    def no_network(*args, **kwargs):
        attempts.append(args[:1])
        raise OSError("network disabled while the engine builds")

    mp.setattr(socket, "getaddrinfo", no_network)
    try:
        from detectors.nlp import build_engine

        built = build_engine(("JP_MY_NUMBER", "CREDIT_CARD", "PHONE_NUMBER"))
    finally:
        mp.undo()
    assert attempts == []  # built offline
    return built


def test_only_japanese_and_only_our_recognizers(engine):
    assert engine.supported_languages == ["ja"]
    assert {r.name for r in engine.registry.recognizers} == {"JpMyNumberRecognizer", "JpCreditCardRecognizer", "JpPhoneNumberRecognizer"}
    assert engine.nlp_engine.get_supported_languages() == ["ja"]


def test_presidio_analyze_finds_a_my_number_in_context(engine):
    results = engine.analyze("社員の個人番号は" + MY + "です。", language="ja")
    assert [(r.entity_type, r.start, r.end) for r in results] == [("JP_MY_NUMBER", 8, 20)]
    assert results[0].score >= 0.95
    assert "context:個人番号" in results[0].recognition_metadata["tanaoroshi_evidence"]


def test_without_context_the_score_stays_below_the_threshold(engine):
    [r] = engine.analyze("番号は" + MY + "です。", language="ja")
    assert r.score < 0.5
    assert engine.analyze("番号は" + MY + "です。", language="ja", score_threshold=0.5) == []


def test_column_header_goes_through_presidio_context(engine):
    [r] = engine.analyze(MY, language="ja", context=["マイナンバー"])
    assert r.score >= 0.95 and "header:マイナンバー" in r.recognition_metadata["tanaoroshi_evidence"]


def test_normalised_text_gives_the_same_answer(engine):
    text = "携帯：０９０ー１２３４ー５６７８"
    results = engine.analyze(normalize(text).text, language="ja")
    assert [(r.entity_type, r.start, r.end) for r in results] == [("PHONE_NUMBER", 3, 16)]


def test_ginza_artifacts_carry_person_entities(engine):
    from detectors.nlp import nlp_artifacts

    artifacts = nlp_artifacts("山田太郎さんは東京都千代田区に住んでいます。")
    assert artifacts.tokens is not None and len(artifacts.tokens) > 3
    assert any(e.label_ in ("PERSON", "Person") for e in artifacts.entities)


def test_ginza_without_its_string_table_parses_exactly_as_the_full_model():
    """``detectors.nlp`` loads ja_ginza without the vocab's StringStore (≈ 1 s less per scan): every token
    attribute and entity must equal those of the model loaded whole, on real news sentences and on generated
    forms. A spaCy or GiNZA release whose pipeline did read the string table would fail here."""
    import spacy

    from detectors.nlp import nlp_engine
    from tests.corpus import hironsan, names

    texts = [s.text for s in hironsan.sentences(hironsan.DEV)[:120]] + [s.text for s in names.generate(3).positives[:80]]
    lean = nlp_engine().nlp["ja"]
    assert len(lean.vocab.strings) < 100_000  # the table really was left out (the whole one holds ≈ 600,000)
    full = spacy.load("ja_ginza")

    def parsed(nlp):
        return [
            (tuple((e.start_char, e.end_char, e.label_) for e in doc.ents), tuple((t.idx, t.tag_, t.pos_, t.lemma_, t.norm_, t.dep_, t.head.i) for t in doc))
            for doc in nlp.pipe(texts, batch_size=64)
        ]

    got, want = parsed(lean), parsed(full)
    assert sum(len(ents) for ents, _ in want) > 100  # the texts exercise NER
    assert [g == w for g, w in zip(got, want)] == [True] * len(texts)  # per text: no value printed on failure
