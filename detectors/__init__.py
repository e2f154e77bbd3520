"""Detectors: find Japanese personal data in text segments.

Knows nothing of the crawler: it takes anything shaped like ``detectors.model.TextLike``.
"""
