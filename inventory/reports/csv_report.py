"""CSV report: one row per asset. UTF-8 with BOM, so Excel opens the Japanese text correctly."""
from __future__ import annotations

import csv
from pathlib import Path

from inventory.i18n import t
from inventory.reports.labels import access_text, departed_text, entities_text, exposure_text, reasons_text, tier_label

COLUMNS = ["source", "path", "tier", "reasons", "entities", "persons", "exposure", "access", "departed", "priority", "modified", "owner", "size", "error"]


def write(doc: dict, out: Path, lang: str = "ja") -> None:
    with open(out, "w", encoding="utf-8-sig", newline="") as fp:
        w = csv.writer(fp)
        w.writerow([t(f"col.{c}", lang) if c not in ("error",) else t("col.error", lang) for c in COLUMNS])
        for a in doc["assets"]:
            w.writerow(
                [
                    a["source"], a["path"], tier_label(a["tier"], lang), reasons_text(a, lang), entities_text(a, lang), a["persons"],
                    exposure_text(a, lang), access_text(a), departed_text(a), t(f"priority.{a['priority']}", lang), a["modified"] or "",
                    a.get("owner") or "", a["size"], (a["error"] or {}).get("code", ""),
                ]
            )
