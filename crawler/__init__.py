"""Crawler: walks sources, reads access, extracts text segments with their location.

Knows nothing of detectors; the scan loop in ``inventory`` joins the two.
"""
