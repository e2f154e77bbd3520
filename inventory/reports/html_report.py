"""HTML report: one self-contained file (no CDN, no fetch), usable offline from disk.

The summary and the chart are rendered server-side (inline SVG); the asset table is rendered by a
small script from an embedded JSON blob, a page at a time, so 10,000 assets stay responsive. The
script only ever sets ``textContent`` — paths are hostile input — and the JSON blob is escaped so no
path can close its ``<script>`` element.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

from inventory.i18n import t
from inventory.reports.labels import TIER_COLOURS, entities_text, location, review_text, tier_label

PAGE_SIZE = 100


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _safe_json(value) -> str:
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _chart(summary: dict, lang: str) -> str:
    folders = summary["by_folder"]
    if not folders:
        return ""
    order = ("3", "2", "1", "none")
    width, bar_h, gap, label_w = 640, 22, 8, 170
    height = len(folders) * (bar_h + gap) + 40
    biggest = max(sum(v.values()) for v in folders.values()) or 1
    rows = []
    for i, (folder, counts) in enumerate(folders.items()):
        y = 10 + i * (bar_h + gap)
        x = label_w
        rows.append(f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" class="axis">{_e(folder)}</text>')
        for key in order:
            n = counts.get(key, 0)
            if not n:
                continue
            w = (width - label_w - 40) * n / biggest
            colour = TIER_COLOURS[None if key == "none" else int(key)]
            title = f"{folder}: {tier_label(None if key == 'none' else int(key), lang)} {n}"
            rows.append(f'<rect x="{x:.1f}" y="{y}" width="{max(w, 1):.1f}" height="{bar_h}" fill="#{colour}"><title>{_e(title)}</title></rect>')
            if w > 18:
                rows.append(f'<text x="{x + w / 2:.1f}" y="{y + bar_h * 0.7:.1f}" text-anchor="middle" class="bar">{n}</text>')
            x += w
    legend = []
    for j, key in enumerate(order):
        tier = None if key == "none" else int(key)
        lx = label_w + j * 110
        legend.append(f'<rect x="{lx}" y="{height - 22}" width="12" height="12" fill="#{TIER_COLOURS[tier]}"/>')
        legend.append(f'<text x="{lx + 16}" y="{height - 12}" class="axis">{_e(tier_label(tier, lang))}</text>')
    return (
        f'<svg id="tier-chart" role="img" aria-labelledby="chart-title" viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px">'
        f'<title id="chart-title">{_e(t("report.by_folder", lang))}</title>{"".join(rows)}{"".join(legend)}</svg>'
    )


def _cards(summary: dict, lang: str) -> str:
    cards = []
    for key in ("3", "2", "1", "none"):
        tier = None if key == "none" else int(key)
        cards.append(
            f'<div class="card" style="border-color:#{TIER_COLOURS[tier]}"><div class="num">{summary["by_tier"].get(key, 0):,}</div>'
            f'<div class="lbl">{_e(tier_label(tier, lang))}</div></div>'
        )
    cards.append(f'<div class="card urgent"><div class="num">{summary["urgent"]:,}</div><div class="lbl">{_e(t("report.urgent", lang))}</div></div>')
    return "".join(cards)


def _kv_table(caption: str, items: dict, label) -> str:
    if not items:
        return ""
    rows = "".join(f'<tr><th scope="row">{_e(label(k))}</th><td>{v:,}</td></tr>' for k, v in items.items())
    return f'<table class="kv"><caption>{_e(caption)}</caption><tbody>{rows}</tbody></table>'


SCRIPT = r"""
(function () {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const L = data.labels, assets = data.assets, PAGE = data.page_size;
  const tierSel = document.getElementById('f-tier'), expSel = document.getElementById('f-exposure');
  const textIn = document.getElementById('f-text'), body = document.getElementById('asset-rows');
  const info = document.getElementById('page-info'), prev = document.getElementById('prev'), next = document.getElementById('next');
  let page = 0, sortKey = null, sortDir = 1, rows = assets;
  function el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined && text !== null) e.textContent = String(text); if (cls) e.className = cls; return e; }
  function tierKey(a) { return a.tier === null ? 'none' : String(a.tier); }
  function apply() {
    const tv = tierSel.value, ev = expSel.value, q = textIn.value.trim().toLowerCase();
    rows = assets.filter(a => (tv === '' || tierKey(a) === tv) && (ev === '' || a.exposure.indexOf(ev) >= 0) && (q === '' || a.location.toLowerCase().indexOf(q) >= 0));
    if (sortKey) rows = rows.slice().sort((x, y) => { const a = x[sortKey], b = y[sortKey]; return (a === b ? 0 : (a === null ? 1 : b === null ? -1 : a < b ? -1 : 1)) * sortDir; });
    page = 0; render();
  }
  function detail(a) {
    const box = el('div', null, 'detail');
    const h = el('h4', L.reasons); box.appendChild(h);
    const ul = el('ul'); a.reasons.forEach(r => ul.appendChild(el('li', r.text))); box.appendChild(ul);
    if (a.samples.length) { box.appendChild(el('h4', L.samples)); const t = el('table', null, 'mini'); a.samples.forEach(s => { const tr = el('tr'); tr.appendChild(el('td', s.entity)); tr.appendChild(el('td', s.masked, 'mono')); tr.appendChild(el('td', s.where)); tr.appendChild(el('td', s.fingerprint.slice(0, 12) + '…', 'mono')); t.appendChild(tr); }); box.appendChild(t); }
    if (a.access.length) { box.appendChild(el('h4', L.access)); const t = el('table', null, 'mini'); a.access.forEach(g => { const tr = el('tr', null, (g.status === 'departed' || g.status === 'disabled') ? 'departed' : (g.status === 'external' ? 'external' : '')); tr.appendChild(el('td', g.display || g.principal)); tr.appendChild(el('td', g.kind)); tr.appendChild(el('td', g.right)); tr.appendChild(el('td', g.via)); tr.appendChild(el('td', g.status_label)); t.appendChild(tr); }); box.appendChild(t); }
    if (a.error) box.appendChild(el('p', a.error.code + ': ' + a.error.message, 'error'));
    if (a.review) box.appendChild(el('p', L.review + ': ' + a.review, 'review'));
    return box;
  }
  function render() {
    body.textContent = '';
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    rows.slice(page * PAGE, page * PAGE + PAGE).forEach(a => {
      const tr = el('tr', null, 'asset');
      const td = el('td'); const det = el('details'); const sum = el('summary', a.location); det.appendChild(sum); det.appendChild(detail(a)); td.appendChild(det); tr.appendChild(td);
      const tier = el('td', a.tier_label, 'tier t' + tierKey(a)); tier.dataset.tier = tierKey(a); tr.appendChild(tier);
      tr.appendChild(el('td', a.entities_text));
      tr.appendChild(el('td', a.persons));
      tr.appendChild(el('td', a.exposure_text));
      tr.appendChild(el('td', a.priority_label, 'prio ' + a.priority));
      tr.appendChild(el('td', a.modified || ''));
      body.appendChild(tr);
    });
    if (!rows.length) { const tr = el('tr'); const td = el('td', L.none); td.colSpan = 7; tr.appendChild(td); body.appendChild(tr); }
    info.textContent = L.page.replace('{page}', page + 1).replace('{pages}', pages).replace('{count}', rows.length);
    prev.disabled = page === 0; next.disabled = page >= pages - 1;
  }
  document.querySelectorAll('th[data-sort]').forEach(th => th.addEventListener('click', () => {
    const k = th.dataset.sort; sortDir = (sortKey === k) ? -sortDir : 1; sortKey = k;
    document.querySelectorAll('th[data-sort]').forEach(o => o.setAttribute('aria-sort', 'none'));
    th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending'); apply();
  }));
  [tierSel, expSel].forEach(s => s.addEventListener('change', apply));
  textIn.addEventListener('input', apply);
  prev.addEventListener('click', () => { if (page > 0) { page--; render(); } });
  next.addEventListener('click', () => { page++; render(); });
  apply();
})();
"""

CSS = """
body{font-family:"Noto Sans CJK JP","Hiragino Sans","Yu Gothic",Meiryo,sans-serif;margin:0;color:#212121;background:#fafafa}
header{background:#263238;color:#fff;padding:16px 28px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#cfd8dc;font-size:13px}
main{padding:20px 28px;max-width:1400px}section{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:16px 20px;margin-bottom:18px}
h2{font-size:17px;margin:0 0 12px}.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border-left:6px solid;background:#fff;padding:10px 18px;min-width:120px;box-shadow:0 1px 2px #0002}
.card.urgent{border-color:#b71c1c;background:#ffebee}.num{font-size:26px;font-weight:700}.lbl{font-size:13px;color:#555}
.grid{display:flex;gap:28px;flex-wrap:wrap;align-items:flex-start}table.kv{border-collapse:collapse;font-size:13px}table.kv caption{text-align:left;font-weight:600;padding-bottom:4px}
table.kv th{text-align:left;font-weight:400;padding:2px 12px 2px 0}table.kv td{text-align:right}
svg .axis{font-size:12px;fill:#333}svg .bar{font-size:11px;fill:#fff}
.filters{display:flex;gap:16px;flex-wrap:wrap;margin-bottom:10px;font-size:14px}.filters label{display:flex;gap:6px;align-items:center}
table.assets{border-collapse:collapse;width:100%;font-size:13px}table.assets th{background:#eceff1;text-align:left;padding:6px;cursor:pointer;position:sticky;top:0}
table.assets td{border-top:1px solid #eee;padding:6px;vertical-align:top}summary{cursor:pointer;word-break:break-all}
td.tier{font-weight:700;white-space:nowrap}td.t3{color:#c62828}td.t2{color:#ef6c00}td.t1{color:#2e7d32}td.tnone{color:#616161}
td.prio.urgent{color:#fff;background:#b71c1c;font-weight:700}.detail{padding:6px 0 6px 14px}.detail h4{margin:8px 0 4px;font-size:13px}
table.mini{border-collapse:collapse;font-size:12px}table.mini td{border:1px solid #eee;padding:2px 8px}.mono{font-family:monospace}
tr.departed td{background:#fff3e0;font-weight:600}tr.external td{background:#e3f2fd}.error{color:#b71c1c}
.pager{display:flex;gap:12px;align-items:center;margin-top:10px;font-size:13px}
"""


def write(doc: dict, out: Path, lang: str = "ja") -> None:
    summary = doc["summary"]
    run = doc["run"]
    status_labels = {"active": "", "unknown": "", "external": t("exposure.EXTERNAL", lang), "departed": t("exposure.DEPARTED", lang), "disabled": t("exposure.DEPARTED", lang)}
    rows = []
    for a in doc["assets"]:
        rows.append(
            {
                "location": location(a),
                "tier": a["tier"],
                "tier_label": tier_label(a["tier"], lang),
                "entities_text": entities_text(a, lang),
                "persons": a["persons"],
                "exposure": a["exposure"],
                "exposure_text": ", ".join(t(f"exposure.{s}", lang) for s in a["exposure"]),
                "priority": a["priority"],
                "priority_label": t(f"priority.{a['priority']}", lang),
                "modified": (a["modified"] or "")[:10],
                "reasons": [{"text": (r["ja"] if lang == "ja" else r["en"]) + (f" ({r['evidence']})" if r.get("evidence") else "")} for r in a["reasons"]],
                "samples": a["samples"],
                "access": [dict(g, status_label=status_labels.get(g["status"], g["status"])) for g in a["access"]],
                "error": a["error"],
                "review": review_text(a, lang),  # the 確認欄, as in the Excel 台帳
            }
        )
    labels = {
        "reasons": t("col.reasons", lang),
        "samples": t("col.samples", lang),
        "access": t("col.access", lang),
        "review": t("col.review", lang),
        "none": t("report.none_found", lang),
        "page": t("report.page", lang, page="{page}", pages="{pages}", count="{count}"),
    }
    blob = _safe_json({"labels": labels, "assets": rows, "page_size": PAGE_SIZE})
    tier_options = "".join(
        f'<option value="{k}">{_e(tier_label(None if k == "none" else int(k), lang))}</option>' for k in ("3", "2", "1", "none")
    )
    exposure_options = "".join(f'<option value="{s}">{_e(t(f"exposure.{s}", lang))}</option>' for s in ("PUBLIC", "ORGANIZATION", "EXTERNAL", "DEPARTED", "RESTRICTED"))
    targets = ", ".join(run.get("targets") or [])
    page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{_e(t("report.title", lang))} — {_e(t("report.run", lang))} #{run["id"]}</title>
<style>{CSS}</style>
</head>
<body>
<header><h1>{_e(t("report.title", lang))}</h1>
<p>{_e(t("report.run", lang))} #{run["id"]} · {_e(run.get("started_at") or "")} · {_e(t("report.targets", lang))}: {_e(targets)}</p></header>
<main>
<section aria-labelledby="h-summary"><h2 id="h-summary">{_e(t("report.summary", lang))}</h2>
<div class="cards">{_cards(summary, lang)}</div>
<div class="grid" style="margin-top:16px"><div style="flex:1 1 520px;max-width:680px">{_chart(summary, lang)}</div>
{_kv_table(t("report.by_exposure", lang), summary["by_exposure"], lambda s: t(f"exposure.{s}", lang))}
{_kv_table(t("report.appi", lang), summary["appi_flags"], lambda s: s)}
</div></section>
<section aria-labelledby="h-assets"><h2 id="h-assets">{_e(t("report.assets", lang))}</h2>
<div class="filters">
<label for="f-tier">{_e(t("report.filter_tier", lang))}<select id="f-tier"><option value="">{_e(t("report.all", lang))}</option>{tier_options}</select></label>
<label for="f-exposure">{_e(t("report.filter_exposure", lang))}<select id="f-exposure"><option value="">{_e(t("report.all", lang))}</option>{exposure_options}</select></label>
<label for="f-text">{_e(t("report.filter_text", lang))}<input id="f-text" type="search"></label>
</div>
<table class="assets" id="asset-table">
<thead><tr>
<th scope="col" data-sort="location" aria-sort="none">{_e(t("col.path", lang))}</th>
<th scope="col" data-sort="tier" aria-sort="none">{_e(t("col.tier", lang))}</th>
<th scope="col">{_e(t("col.entities", lang))}</th>
<th scope="col" data-sort="persons" aria-sort="none">{_e(t("col.persons", lang))}</th>
<th scope="col">{_e(t("col.exposure", lang))}</th>
<th scope="col" data-sort="priority" aria-sort="none">{_e(t("col.priority", lang))}</th>
<th scope="col" data-sort="modified" aria-sort="none">{_e(t("col.modified", lang))}</th>
</tr></thead>
<tbody id="asset-rows"></tbody>
</table>
<div class="pager"><button id="prev" type="button">{_e(t("report.prev", lang))}</button><span id="page-info" aria-live="polite"></span><button id="next" type="button">{_e(t("report.next", lang))}</button></div>
</section>
</main>
<script id="report-data" type="application/json">{blob}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""
    Path(out).write_text(page, encoding="utf-8")
