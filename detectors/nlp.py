"""Presidio's AnalyzerEngine wired for Japanese with GiNZA (``ja_ginza``), loaded lazily.

Only Japanese is configured and only our registry's recognizers are added: Presidio's default
English recognizers are not loaded. The model comes from the ``ja-ginza`` PyPI package; nothing is
downloaded at run time.
"""
from __future__ import annotations

from functools import lru_cache

from detectors.context import CharWindowContextEnhancer
from detectors.registry import load_recognizers

NLP_CONFIGURATION = {
    "nlp_engine_name": "spacy",
    "models": [{"lang_code": "ja", "model_name": "ja_ginza"}],
}


@lru_cache(maxsize=2)
def build_engine(entities: tuple[str, ...] | None = None):
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    nlp_engine = NlpEngineProvider(nlp_configuration=NLP_CONFIGURATION).create_engine()
    registry = RecognizerRegistry(supported_languages=["ja"])
    for recognizer in load_recognizers(entities):
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=["ja"],
        context_aware_enhancer=CharWindowContextEnhancer(),
    )
