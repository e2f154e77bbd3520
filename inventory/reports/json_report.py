"""JSON report: the report document as is (DESIGN.md §8)."""
from __future__ import annotations

import json
from pathlib import Path


def write(doc: dict, out: Path, lang: str = "ja") -> None:
    Path(out).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
