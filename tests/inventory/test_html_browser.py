"""The HTML report in a real browser (Debian's chromium, headless, driven by Playwright): the table,
the tier filter, the chart, pagination on 10,000-asset inventories; a screenshot kept as an artifact."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from inventory.report_document import build_report
from inventory.reports import html_report
from tests.inventory.fixtures_store import filled_store

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def _report(tmp_path, n_extra=0, lang="ja") -> Path:
    store, run = filled_store(tmp_path / "t.db", n_extra)
    with store:
        doc = build_report(store, run)
    out = tmp_path / "report.html"
    html_report.write(doc, out, lang)
    return out


def test_table_filter_chart_and_screenshot(browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(_report(tmp_path).as_uri())
    assert page.locator("tr.asset").count() == 4
    assert page.locator("#tier-chart rect").count() >= 4
    page.select_option("#f-tier", "3")
    assert page.locator("tr.asset").count() == 1
    assert "マイナンバー台帳" in page.locator("tr.asset").first.inner_text()
    page.locator("tr.asset summary").first.click()
    assert page.locator("tr.departed").count() == 1  # the departed principal is highlighted
    page.select_option("#f-tier", "")
    page.fill("#f-text", "script")
    assert page.locator("tr.asset").count() == 1
    assert page.evaluate("() => window.__pwned === undefined")
    page.fill("#f-text", "")
    page.select_option("#f-exposure", "PUBLIC")
    assert page.locator("tr.asset").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.select_option("#f-exposure", "")
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    assert not errors, errors


def test_ten_thousand_assets_paginate(browser, tmp_path):
    page = browser.new_page()
    page.goto(_report(tmp_path, n_extra=10_000, lang="en").as_uri())
    assert page.locator("tr.asset").count() == 100
    assert "of 101" in page.locator("#page-info").inner_text()
    page.click("#next")
    assert page.locator("tr.asset").count() == 100
    page.select_option("#f-tier", "none")
    assert page.locator("tr.asset").count() == 1
