"""Presidio's AnalyzerEngine wired for Japanese with GiNZA (``ja_ginza``), loaded lazily.

Only Japanese is configured and only our registry's recognizers are added: Presidio's default
English recognizers are not loaded (an empty ``RecognizerRegistry(supported_languages=["ja"])``
instead of ``load_predefined_recognizers``). The model comes from the ``ja-ginza`` PyPI package;
nothing is downloaded at run time (``spacy.load`` of an installed package).

Nothing in this module runs at import: GiNZA loads on the first ``nlp_engine()`` call, so a scan
whose recognizers never need NER (every pattern/check recognizer) never pays for it.
"""
from __future__ import annotations

from functools import lru_cache

from detectors.context import CharWindowContextEnhancer
from detectors.registry import load_recognizers

# GiNZA's NE labels (Sekine's extended hierarchy, ENE) that Presidio should surface, and as what.
GINZA_ENTITY_MAPPING = {
    "Person": "PERSON",
    "Province": "LOCATION",
    "City": "LOCATION",
    "County": "LOCATION",
    "GPE_Other": "LOCATION",
    "Address_Other": "LOCATION",
    "Postal_Address": "LOCATION",
    "Organization_Other": "ORGANIZATION",
    "Company": "ORGANIZATION",
}

NLP_CONFIGURATION = {
    "nlp_engine_name": "spacy",
    "models": [{"lang_code": "ja", "model_name": "ja_ginza"}],
    "ner_model_configuration": {
        "model_to_presidio_entity_mapping": GINZA_ENTITY_MAPPING,
        "low_confidence_score_multiplier": 0.4,
        "low_score_entity_names": [],
        "labels_to_ignore": [],
    },
}


# Left out of the model's vocab when it loads: the StringStore's ≈ 600,000 strings (strings.json, 17 MB). A
# pipeline never reads them to analyse a text — its features and static vectors are keyed by the strings'
# hashes, computed from each token's text, and the strings a parse produces (lemmas, tags, labels) are added
# as they appear — so the load takes ≈ 1 s less (2.6 → 1.6 s here, paid before every scan's first worker
# starts) and the model less memory, with the same tokens, tags, lemmas, dependencies and entities
# (tests/detectors/test_nlp_engine.py compares both loads on real and generated text).
VOCAB_EXCLUDE = ("strings",)


def _engine_class():
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    class GinzaNlpEngine(SpacyNlpEngine):
        """Presidio's spaCy engine; the model loads without its vocab's string table (``VOCAB_EXCLUDE``).
        Presidio's ``load`` takes no arguments for ``spacy.load``, hence the override."""

        def load(self) -> None:
            import spacy

            self.nlp = {}
            for model in self.models:
                self._validate_model_params(model)
                self.nlp[model["lang_code"]] = spacy.load(model["model_name"], exclude=list(VOCAB_EXCLUDE))

    return GinzaNlpEngine


@lru_cache(maxsize=1)
def nlp_engine():
    """Presidio's spaCy NLP engine over ja_ginza (loaded once per process)."""
    from presidio_analyzer.nlp_engine import NerModelConfiguration

    engine = _engine_class()(
        models=NLP_CONFIGURATION["models"],
        ner_model_configuration=NerModelConfiguration.from_dict(NLP_CONFIGURATION["ner_model_configuration"]),
    )
    engine.load()
    return engine


def nlp_artifacts(text: str):
    """Presidio ``NlpArtifacts`` (tokens, lemmas, GiNZA entities) for ``text``."""
    return nlp_engine().process_text(text, "ja")


@lru_cache(maxsize=4)
def build_engine(entities: tuple[str, ...] | None = None):
    """An ``AnalyzerEngine`` for language "ja" with our recognizers and the character-window enhancer.

    Give it NORMALISED text (``detectors.normalize``): the recognizers expect it. Column headers go in
    Presidio's ``context`` argument: ``engine.analyze(text, language="ja", context=[header])``.
    """
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    registry = RecognizerRegistry(supported_languages=["ja"])
    for recognizer in load_recognizers(entities):
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine(),
        supported_languages=["ja"],
        context_aware_enhancer=CharWindowContextEnhancer(),
    )
