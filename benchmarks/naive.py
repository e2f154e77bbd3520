"""The naive baseline both benchmarks measure against (issues #5 and #10): Presidio's ``AnalyzerEngine`` over
``ja_ginza``, with Presidio's predefined recognizers ported to ``ja`` as they are and GiNZA's labels mapped to
Presidio's (``Person`` → PERSON, the place and address labels → LOCATION: ``detectors.nlp``'s configuration),
so the baseline gets its best chance at names too. What a user who installs Presidio and GiNZA and points
them at Japanese text gets; ``benchmarks.run`` times it, ``benchmarks.accuracy`` scores it."""
from __future__ import annotations


def naive_engine():
    import logging

    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    from detectors.nlp import nlp_engine

    logging.getLogger("tldextract").setLevel(logging.CRITICAL)  # it tries the network for its suffix list, then falls back

    nlp = nlp_engine()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"])
    ported = RecognizerRegistry(supported_languages=["ja"])
    for rec in registry.recognizers:
        rec.supported_language = "ja"  # the naive port: same recognizers, Japanese text
        ported.add_recognizer(rec)
    return AnalyzerEngine(registry=ported, nlp_engine=nlp, supported_languages=["ja"])
