"""The Excel 台帳 (openpyxl): summary, one row per asset with a sign-off column, unreadable files, run diff."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from inventory.i18n import t
from inventory.reports.labels import TIER_COLOURS, access_text, departed_text, entities_text, exposure_text, location, reasons_text, review_text, tier_label

HEADER_FILL = PatternFill("solid", fgColor="263238")
HEADER_FONT = Font(bold=True, color="FFFFFF")
THIN = Side(style="thin", color="BDBDBD")

ASSET_COLUMNS = [
    ("path", 60), ("tier", 10), ("reasons", 50), ("entities", 32), ("persons", 10), ("exposure", 22), ("access", 40),
    ("departed", 18), ("priority", 14), ("modified", 20), ("owner", 14), ("review", 24),
]


def _sheet_names(lang: str) -> dict[str, str]:
    if lang == "en":
        return {"summary": "Summary", "assets": "Assets", "unreadable": "Unreadable", "diff": "Run diff"}
    return {"summary": "サマリー", "assets": "資産一覧", "unreadable": "読み取り不可", "diff": "実行差分"}


def _header(ws, labels: list[str], widths: list[int]) -> None:
    ws.append(labels)
    for i, width in enumerate(widths, 1):
        cell = ws.cell(row=1, column=i)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _summary(ws, doc: dict, lang: str) -> None:
    s = doc["summary"]
    run = doc["run"]
    ws.append([t("report.title", lang)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([t("report.run", lang), f"#{run['id']}", run.get("started_at") or ""])
    ws.append([t("report.targets", lang), ", ".join(run.get("targets") or [])])
    ws.append([])
    ws.append([t("col.tier", lang), t("col.count", lang)])
    for key in ("3", "2", "1", "none"):
        tier = None if key == "none" else int(key)
        ws.append([tier_label(tier, lang), s["by_tier"].get(key, 0)])
        ws.cell(row=ws.max_row, column=1).fill = PatternFill("solid", fgColor=TIER_COLOURS[tier])
        ws.cell(row=ws.max_row, column=1).font = Font(color="FFFFFF", bold=True)
    ws.append([t("report.urgent", lang), s["urgent"]])
    ws.append([])
    ws.append([t("report.by_exposure", lang), t("col.count", lang)])
    for scope, n in s["by_exposure"].items():
        ws.append([t(f"exposure.{scope}", lang), n])
    ws.append([])
    ws.append([t("report.appi", lang), t("col.count", lang)])
    for flag, n in s["appi_flags"].items():
        ws.append([flag, n])
    ws.append([])
    ws.append([t("report.by_folder", lang)] + [tier_label(None if k == "none" else int(k), lang) for k in ("3", "2", "1", "none")])
    for folder, counts in s["by_folder"].items():
        ws.append([folder] + [counts.get(k, 0) for k in ("3", "2", "1", "none")])
    ws.column_dimensions["A"].width = 36
    for col in "BCDE":
        ws.column_dimensions[col].width = 14


def _assets(ws, doc: dict, lang: str) -> None:
    _header(ws, [t(f"col.{c}", lang) for c, _ in ASSET_COLUMNS], [w for _, w in ASSET_COLUMNS])
    for a in doc["assets"]:
        ws.append(
            [
                location(a), tier_label(a["tier"], lang), reasons_text(a, lang), entities_text(a, lang), a["persons"], exposure_text(a, lang),
                access_text(a), departed_text(a), t(f"priority.{a['priority']}", lang), (a["modified"] or "").replace("T", " ")[:19],
                a.get("owner") or "", review_text(a, lang),
            ]
        )
        row = ws.max_row
        tier_cell = ws.cell(row=row, column=2)
        tier_cell.fill = PatternFill("solid", fgColor=TIER_COLOURS[a["tier"]])
        tier_cell.font = Font(color="FFFFFF", bold=True)
        for c in (1, 3, 4, 7):
            ws.cell(row=row, column=c).alignment = Alignment(wrap_text=True, vertical="top")
        if a["priority"] == "urgent":
            ws.cell(row=row, column=9).font = Font(bold=True, color="B71C1C")
        ws.cell(row=row, column=12).border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(ASSET_COLUMNS))}{max(ws.max_row, 1)}"


def _unreadable(ws, doc: dict, lang: str) -> None:
    cols = [("path", 70), ("tier", 10), ("error", 50), ("review", 24)]
    _header(ws, [t(f"col.{c}", lang) for c, _ in cols], [w for _, w in cols])
    for a in doc["assets"]:
        if a["error"]:
            reason = next((r for r in a["reasons"] if r["code"] == a["error"]["code"]), None)
            text = (reason["ja"] if lang == "ja" else reason["en"]) if reason else a["error"]["code"]
            ws.append([location(a), tier_label(a["tier"], lang), f"{a['error']['code']}: {text}", review_text(a, lang)])
    ws.auto_filter.ref = f"A1:D{max(ws.max_row, 1)}"


def _diff(ws, diff: dict, lang: str) -> None:
    cols = [("item", 24), ("path", 70), ("tier", 30)]
    _header(ws, [t(f"col.{c}", lang) for c, _ in cols], [w for _, w in cols])
    for key in ("added", "removed", "changed", "tier_changes", "new_entities", "exposure_changes", "review_outcomes"):
        label = t(f"diff.{key}", lang)
        for item in diff.get(key, []):
            if key == "review_outcomes":
                extra = f"{t('review.state.' + item['state'], lang)} ({t('review.why.' + item['why'], lang)})"
            elif key == "tier_changes":
                extra = f"{tier_label(item['old'], lang)} → {tier_label(item['new'], lang)}"
            elif key == "new_entities":
                extra = ", ".join(item["entities"])
            elif key == "exposure_changes":
                extra = f"+{','.join(item['added'])} -{','.join(item['removed'])}"
            else:
                extra = tier_label(item.get("tier"), lang) if "tier" in item else ""
            ws.append([label, item["path"], extra])


def write(doc: dict, out: Path, lang: str = "ja", diff: dict | None = None) -> None:
    names = _sheet_names(lang)
    wb = Workbook()
    ws = wb.active
    ws.title = names["summary"]
    _summary(ws, doc, lang)
    _assets(wb.create_sheet(names["assets"]), doc, lang)
    _unreadable(wb.create_sheet(names["unreadable"]), doc, lang)
    if diff is not None:
        _diff(wb.create_sheet(names["diff"]), diff, lang)
    wb.properties.title = t("report.title", lang)
    wb.properties.creator = "tanaoroshi"
    wb.save(out)
