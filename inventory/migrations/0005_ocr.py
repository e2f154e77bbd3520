"""Findings read from images by OCR say so, with the OCR confidence of the matched characters (0–100)."""


def up(conn):
    conn.execute("ALTER TABLE findings ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE findings ADD COLUMN ocr_confidence REAL")
