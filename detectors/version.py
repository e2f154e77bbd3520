"""Detector version: part of the re-crawl cache key. Bump it whenever a recognizer's output can change."""

DETECTOR_VERSION = "2026.12.2"  # PERSON recognizer
