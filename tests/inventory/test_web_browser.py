"""The review app end to end in Debian's headless chromium (Playwright): the real `tanaoroshi serve` on a
free loopback port over a scanned demo share. Log in, filter to レベル3 + PUBLIC, mark one finding 誤検知
and one asset 対応済み, re-run the scan, and see the false positive stay suppressed and the unremediated
asset reopened. Screenshots of the overview and the asset detail go to test-artifacts/."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inventory.demo import generate
from inventory.store import Store
from inventory.web import auth
from tests.privacy import leaks

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "demo-reviewer-pass"
LIST_XLSX = "営業/顧客リスト/顧客リスト_2026.xlsx"
LIST_CSV = "営業/顧客リスト/顧客リスト_2026_export.csv"


def _cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "inventory.cli", *args], capture_output=True, text=True, timeout=300, **kw)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    root = tmp_path_factory.mktemp("review")
    manifest = generate(root / "demo")
    db = root / "tanaoroshi.db"
    scan_cmd = ["scan", str(root / "demo" / "share"), "--db", str(db), "--workers", "2", *(root / "demo" / "scan-args.txt").read_text(encoding="utf-8").split()]
    first = _cli(*scan_cmd)
    assert first.returncode == 0, f"scan exit {first.returncode}"
    with Store.open(db) as store:
        auth.add_user(store.conn, "yamada", "reviewer", PASSWORD)
    port = _free_port()
    log = open(root / "serve.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "inventory.cli", "serve", "--db", str(db), "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert server.poll() is None, "tanaoroshi serve exited"
                assert time.monotonic() < deadline, "tanaoroshi serve did not start"
                time.sleep(0.2)
        yield {"url": f"http://127.0.0.1:{port}", "db": db, "rescan": lambda: _cli(*scan_cmd), "planted": manifest.planted, "first": first}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def _rows(page) -> list[str]:
    return [t.strip() for t in page.locator("tr.asset td.path a").all_inner_texts()]


def test_review_flow_survives_a_rescan(served, browser):
    url = served["url"]
    page = browser.new_page(viewport={"width": 1360, "height": 1000}, locale="ja-JP")
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type in ("error", "warning") else None)
    seen: dict[str, str] = {}

    def keep(name: str) -> None:
        seen[name] = page.content()

    # no session: the login page; then in
    page.goto(url + "/")
    assert "/login" in page.url
    page.fill("#name", "yamada")
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("#login")
    assert page.url == url + "/"
    assert page.locator("#matrix td.hot").count() >= 1  # レベル3 exposed beyond RESTRICTED stands out
    keep("overview")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-overview.png"), full_page=True)

    # filter to レベル3 + PUBLIC with the list's own controls (a select submits the form)
    page.click("header nav a[href='/assets']")
    with page.expect_navigation():
        page.select_option("#f-tier", "3")
    with page.expect_navigation():
        page.select_option("#f-exposure", "PUBLIC")
    assert "tier=3" in page.url and "exposure=PUBLIC" in page.url
    exposed = _rows(page)
    assert LIST_XLSX in exposed and all(r.startswith("営業/顧客リスト/") for r in exposed), exposed
    # the exported copy when it is there too (it is while the demo's CSV is read), else the list itself
    remediate = LIST_CSV if LIST_CSV in exposed else LIST_XLSX
    keep("list")

    # one finding of the customer list is a false positive
    page.click(f"tr.asset td.path a:text-is('{LIST_XLSX}')")
    first_email = page.locator("tr.finding[data-entity='EMAIL_ADDRESS']").first
    fingerprint = first_email.locator("input[name='fingerprint']").get_attribute("value")
    occurrences = len(first_email.locator("td.where").inner_text().split(","))
    first_email.locator("input[name='comment']").fill("社内テスト用の宛先")
    with page.expect_navigation():
        first_email.locator("button[value='false_positive']").click()
    suppressed = page.locator(f"tr.finding.suppressed:has(input[value='{fingerprint}'])")
    assert suppressed.count() == 1 and "誤検知" in suppressed.inner_text()
    keep("detail-xlsx")

    # an asset is 対応済み (but nobody actually touches it)
    page.goto(url + "/assets?tier=3&exposure=PUBLIC")
    page.click(f"tr.asset td.path a:text-is('{remediate}')")
    page.fill("#asset-comment", "公開リンクを削除しました")
    with page.expect_navigation():
        page.click("#asset-remediated")
    assert "対応済み" in page.locator("#review-state").inner_text()
    page.screenshot(path=str(ARTIFACTS / "review-asset.png"), full_page=True)
    keep("detail-csv")

    # the next scheduled crawl
    again = served["rescan"]()
    assert again.returncode == 0, f"rescan exit {again.returncode}"

    page.goto(url + "/assets?tier=3&exposure=PUBLIC")
    assert _rows(page) == exposed
    assert "再オープン" in page.locator(f"tr.asset:has(a:text-is('{remediate}'))").inner_text()
    page.goto(url + "/assets?review=reopened")
    assert _rows(page) == [remediate]
    page.click(f"tr.asset td.path a:text-is('{remediate}')")
    assert "再オープン" in page.locator("#review-state").inner_text()
    assert "tanaoroshi" in page.locator("#events").inner_text() and "内容もアクセス権も変わっていません" in page.locator("#events").inner_text()
    history = page.locator("#history tbody tr")
    assert history.count() == 2 and "#2" in history.first.inner_text()
    keep("detail-csv-after")

    page.goto(url + "/assets?tier=3&exposure=PUBLIC")
    page.click(f"tr.asset td.path a:text-is('{LIST_XLSX}')")
    assert "#2" in page.locator("dl.facts").inner_text()  # the new run's row
    still = page.locator(f"tr.finding.suppressed:has(input[value='{fingerprint}'])")
    assert still.count() == 1, "the false positive is no longer suppressed after the rescan"
    assert "REVIEW_SUPPRESSED" in page.locator("#reasons").inner_text()
    with Store.open(served["db"]) as store:
        rows = store.conn.execute("SELECT run_id, entities FROM assets WHERE path = ? ORDER BY run_id", (LIST_XLSX,)).fetchall()
    before, after = (json.loads(r["entities"])["EMAIL_ADDRESS"] for r in rows)
    assert after == before - occurrences  # left out of the new run's assessment
    keep("detail-xlsx-after")

    page.goto(url + "/")
    page.screenshot(path=str(ARTIFACTS / "review-overview-after.png"), full_page=True)
    keep("overview-after")

    # English, same facts
    page.goto(url + "/assets?lang=en&review=reopened")
    assert "Reopened" in page.content()

    assert not leaks(served["planted"], seen), "a page shows a raw personal-data value"
    assert not problems, problems
