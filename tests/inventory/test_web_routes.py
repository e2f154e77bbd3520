"""The review app's routes through Starlette's TestClient, on a real SQLite store: login and sessions,
roles, CSRF, bad input with clear 4xx answers, security headers, and the serve/users commands."""
from __future__ import annotations

import re
import sqlite3
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from inventory.cli import main
from inventory.web import auth, create_app
from tests.inventory.fixtures_store import filled_store

PASSWORD = "correct horse battery"


@pytest.fixture
def db(tmp_path):
    store, _ = filled_store(tmp_path / "t.db")
    with store:
        auth.add_user(store.conn, "rev", "reviewer", PASSWORD)
        auth.add_user(store.conn, "view", "viewer", PASSWORD)
    return tmp_path / "t.db"


@pytest.fixture
def client(db):
    with TestClient(create_app(db), base_url="http://127.0.0.1:8765") as c:
        yield c


def _ids(db) -> dict[str, int]:
    conn = sqlite3.connect(db)
    out = {path: i for i, path in conn.execute("SELECT id, path FROM assets")}
    conn.close()
    return out


def _decisions(db) -> list[tuple]:
    conn = sqlite3.connect(db)
    out = conn.execute("SELECT path, entity, state, by_user FROM decisions ORDER BY id").fetchall()
    conn.close()
    return out


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _login(client, name: str, password: str = PASSWORD):
    page = client.get("/login")
    return client.post("/login", data={"name": name, "password": password, "csrf": _csrf(page.text), "next": "/assets"}, follow_redirects=False)


def _page_csrf(client, path: str = "/") -> str:
    return _csrf(client.get(path).text)


def test_no_session_redirects_to_login_for_pages_and_actions(client, db):
    for path in ("/", "/assets?tier=3", f"/assets/{_ids(db)['総務/マイナンバー台帳.xlsx']}"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    r = client.post(f"/assets/{_ids(db)['総務/マイナンバー台帳.xlsx']}/review", data={"action": "confirmed", "csrf": "x"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert _decisions(db) == []


def test_login_sets_a_signed_httponly_strict_cookie_and_rejects_wrong_passwords(client):
    assert _login(client, "rev", "wrong password!").status_code == 401
    assert _login(client, "nobody").status_code == 401
    r = _login(client, "rev")
    assert r.status_code == 303 and r.headers["location"] == "/assets"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "tanaoroshi_session=" in cookie
    assert client.get("/").status_code == 200
    # the login form itself is CSRF-protected
    r = client.post("/login", data={"name": "rev", "password": PASSWORD, "csrf": "forged"}, follow_redirects=False)
    assert r.status_code == 403


def test_a_tampered_cookie_is_no_session(client):
    _login(client, "rev")
    value = client.cookies.get("tanaoroshi_session")
    client.cookies.clear()  # replace the session cookie (a second one of the same name would be sent beside it)
    client.cookies.set("tanaoroshi_session", value[:-4] + ("AAAA" if not value.endswith("AAAA") else "BBBB"))
    assert client.get("/", follow_redirects=False).status_code == 303


def test_viewer_can_read_but_not_review(client, db):
    _login(client, "view")
    asset = _ids(db)["総務/マイナンバー台帳.xlsx"]
    page = client.get(f"/assets/{asset}")
    assert page.status_code == 200 and 'id="asset-review"' not in page.text and "閲覧のみ" in page.text
    r = client.post(f"/assets/{asset}/review", data={"action": "false_positive", "csrf": _csrf(page.text)}, follow_redirects=False)
    assert r.status_code == 403 and "閲覧のみの利用者はレビューできません" in r.text
    r = client.post(f"/assets/{asset}/assign", data={"assignee": "x", "csrf": _csrf(page.text)}, follow_redirects=False)
    assert r.status_code == 403
    assert _decisions(db) == []


def test_csrf_and_origin_are_checked_on_every_post(client, db):
    _login(client, "rev")
    asset = _ids(db)["総務/マイナンバー台帳.xlsx"]
    token = _page_csrf(client, f"/assets/{asset}")
    assert client.post(f"/assets/{asset}/review", data={"action": "confirmed"}, follow_redirects=False).status_code == 403
    r = client.post(f"/assets/{asset}/review", data={"action": "confirmed", "csrf": token[:-1] + "x"}, follow_redirects=False)
    assert r.status_code == 403 and "CSRF" in r.text
    r = client.post(f"/assets/{asset}/review", data={"action": "confirmed", "csrf": token}, headers={"Origin": "http://evil.example"}, follow_redirects=False)
    assert r.status_code == 403
    assert client.post("/logout", data={"csrf": "nope"}, follow_redirects=False).status_code == 403
    assert _decisions(db) == []
    r = client.post(f"/assets/{asset}/review", data={"action": "confirmed", "csrf": token, "comment": "台帳を確認"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/assets/{asset}#review"
    assert _decisions(db) == [("総務/マイナンバー台帳.xlsx", "", "confirmed", "rev")]
    page = client.get(f"/assets/{asset}")
    assert "確認済み" in page.text and "台帳を確認" in page.text


def test_finding_false_positive_and_assignment(client, db):
    _login(client, "rev")
    asset = _ids(db)["総務/マイナンバー台帳.xlsx"]
    token = _page_csrf(client, f"/assets/{asset}")
    r = client.post(f"/assets/{asset}/findings", data={"entity": "JP_MY_NUMBER", "fingerprint": f"fp{2:030d}", "action": "false_positive", "csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    r = client.post(f"/assets/{asset}/assign", data={"assignee": "総務部 田中", "csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(f"/assets/{asset}").text
    assert page.count('class="finding suppressed"') == 1 and "担当: 総務部 田中" in page
    listed = client.get("/assets?review=open&owner=総務部 田中").text
    assert "マイナンバー台帳" in listed
    # a finding this asset does not have
    r = client.post(f"/assets/{asset}/findings", data={"entity": "JP_MY_NUMBER", "fingerprint": "unknown", "action": "false_positive", "csrf": token}, follow_redirects=False)
    assert r.status_code == 404 and "その検出はありません" in r.text
    assert _decisions(db) == [("総務/マイナンバー台帳.xlsx", "JP_MY_NUMBER", "false_positive", "rev")]


def test_bad_input_gets_clear_4xx(client, db):
    _login(client, "rev")
    asset = _ids(db)["総務/マイナンバー台帳.xlsx"]
    token = _page_csrf(client)
    r = client.get("/assets/999999")
    assert r.status_code == 404 and "その資産はありません" in r.text
    assert client.post("/assets/999999/review", data={"action": "confirmed", "csrf": token}).status_code == 404
    assert client.get("/assets/abc").status_code == 422
    r = client.post(f"/assets/{asset}/review", data={"action": "confirmed", "csrf": token, "comment": "あ" * 2001}, follow_redirects=False)
    assert r.status_code == 400 and "コメントが長すぎます (2000 文字まで)" in r.text
    r = client.post(f"/assets/{asset}/review", data={"action": "delete_everything", "csrf": token}, follow_redirects=False)
    assert r.status_code == 400 and "その操作はできません" in r.text
    r = client.get("/assets?tier=4&exposure=EVERYONE&sort=size")
    assert r.status_code == 422 and "指定された条件が正しくありません" in r.text
    assert all(name in r.text for name in ("tier:", "exposure:", "sort:"))
    assert client.get("/assets?page=0").status_code == 422
    assert client.get("/assets?entity=drop%20table").status_code == 422
    assert client.get("/?lang=fr").status_code == 422
    assert client.get("/nowhere").status_code == 404
    assert _decisions(db) == []


def test_filters_sort_search_and_english(client, db):
    _login(client, "rev")
    assert client.get("/assets?tier=3").text.count('class="asset"') == 1
    assert client.get("/assets?exposure=PUBLIC").text.count('class="asset"') == 1
    assert client.get("/assets?tier=1&exposure=PUBLIC").text.count('class="asset"') == 0
    assert client.get("/assets?entity=EMAIL_ADDRESS").text.count('class="asset"') == 1
    assert client.get("/assets?folder=総務").text.count('class="asset"') == 2
    assert client.get("/assets?q=PRESS").text.count('class="asset"') == 1
    paths = re.findall(r'<td class="path"><a href="/assets/\d+">([^<]+)</a>', client.get("/assets?sort=-path").text)
    assert paths == sorted(paths, reverse=True) and len(paths) == 4
    hostile = client.get("/assets?q=script").text
    assert "<script>alert(1)" not in hostile and "&lt;script&gt;alert(1)" in hostile  # escaped, never markup
    en = client.get("/assets?lang=en").text
    assert "Assets" in en and "Level 3" in en
    assert "Overview" in client.get("/").text  # the choice sticks to the session


def test_security_headers_everywhere(client, db):
    _login(client, "rev")
    for path in ("/", "/assets", "/login", "/static/app.css", "/nowhere"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
    page = client.get("/").text
    assert "<script>" not in page and " style=" not in page and "onclick" not in page  # nothing inline for the CSP to block


def test_without_users_loopback_serves_the_local_user_and_other_addresses_need_login(tmp_path):
    store, _ = filled_store(tmp_path / "t.db")
    store.close()
    with TestClient(create_app(tmp_path / "t.db", loopback=True), base_url="http://127.0.0.1:8765") as c:
        r = c.get("/")
        assert r.status_code == 200 and "local:" in r.text
        token = _csrf(r.text)
        asset = _ids(tmp_path / "t.db")["広報/press.docx"]
        assert c.post(f"/assets/{asset}/review", data={"action": "confirmed", "csrf": token}, follow_redirects=False).status_code == 303
    with TestClient(create_app(tmp_path / "t.db", loopback=False)) as c:
        assert c.get("/", follow_redirects=False).status_code == 303
    # once users exist, an old anonymous session no longer counts
    with sqlite3.connect(tmp_path / "t.db") as conn:
        conn.row_factory = sqlite3.Row
        auth.add_user(conn, "rev", "reviewer", PASSWORD)
    with TestClient(create_app(tmp_path / "t.db", loopback=True), base_url="http://localhost:8765") as c:
        assert c.get("/", follow_redirects=False).status_code == 303


def test_a_rebound_domain_cannot_reach_the_loopback_app(tmp_path):
    """DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 sends its own name as Host."""
    store, _ = filled_store(tmp_path / "t.db")
    store.close()
    with TestClient(create_app(tmp_path / "t.db", loopback=True), base_url="http://evil.example:8765") as c:
        r = c.get("/")
        assert r.status_code == 400 and "set-cookie" not in r.headers and r.headers["x-frame-options"] == "DENY"
    for base in ("http://127.0.0.1:8765", "http://localhost", "http://[::1]:8765"):
        with TestClient(create_app(tmp_path / "t.db", loopback=True), base_url=base) as c:
            assert c.get("/").status_code == 200, base
    with TestClient(create_app(tmp_path / "t.db", loopback=False), base_url="http://inventory.example.co.jp") as c:
        assert c.get("/", follow_redirects=False).status_code == 303  # a named server: its login page


def test_repeated_failed_logins_are_throttled(client):
    for _ in range(5):
        assert _login(client, "rev", "wrong password!").status_code == 401
    r = _login(client, "rev")  # even the right password waits now
    assert r.status_code == 429 and "しばらく受け付けません" in r.text


def test_serve_refuses_a_public_address_without_users(tmp_path, capsys):
    store, _ = filled_store(tmp_path / "t.db")
    store.close()
    assert main(["serve", "--db", str(tmp_path / "t.db"), "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "ループバック以外のアドレス (0.0.0.0)" in err and "users add" in err
    assert main(["--lang", "en", "serve", "--db", str(tmp_path / "nothing.db")]) == 2
    assert "Inventory not found" in capsys.readouterr().err


def test_users_command_reads_the_password_from_stdin_and_stores_argon2(tmp_path):
    store, _ = filled_store(tmp_path / "t.db")
    store.close()
    run = lambda *a, stdin="": subprocess.run([sys.executable, "-m", "inventory.cli", "users", *a, "--db", str(tmp_path / "t.db")], input=stdin, capture_output=True, text=True, timeout=60)  # noqa: E731
    out = run("add", "alice", "--role", "viewer", stdin=PASSWORD + "\n")
    assert out.returncode == 0 and "alice" in out.stdout and PASSWORD not in out.stdout + out.stderr
    assert run("add", "alice", "--role", "viewer", stdin=PASSWORD + "\n").returncode == 2
    short = run("add", "bob", "--role", "reviewer", stdin="short\n")
    assert short.returncode == 2 and "10 文字以上" in short.stderr
    assert run("add", "bad name!", "--role", "reviewer", stdin=PASSWORD + "\n").returncode == 2
    assert "alice\tviewer" in run("list").stdout
    with sqlite3.connect(tmp_path / "t.db") as conn:
        (hashed,) = conn.execute("SELECT password_hash FROM users WHERE name = 'alice'").fetchone()
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed
    assert run("remove", "alice").returncode == 0 and run("remove", "alice").returncode == 2


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_label_is_translated(client, db, lang):
    """A missing catalogue entry shows its key (web.…, review.…): none may reach a page."""
    _login(client, "rev")
    client.get(f"/?lang={lang}")
    ids = _ids(db)
    token = _page_csrf(client)
    client.post(f"/assets/{ids['総務/マイナンバー台帳.xlsx']}/review", data={"action": "remediated", "csrf": token})
    client.post(f"/assets/{ids['広報/press.docx']}/assign", data={"assignee": "someone", "csrf": token})
    key = re.compile(r"\b(?:web|review|col|report|tier|priority|exposure|diff)\.[a-z_+\-]+(?:\.[a-z_+\-]+)*\b")
    for path in ["/", "/assets", "/assets?sort=-persons&review=remediated", "/assets/999999", "/assets?tier=7", *(f"/assets/{i}" for i in ids.values())]:
        text = re.sub(r"<[^>]+>", " ", client.get(path).text)
        leftovers = {m.group(0) for m in key.finditer(text) if not m.group(0).endswith((".xlsx", ".docx", ".zip"))}
        assert not leftovers, (path, leftovers)


def test_an_internal_error_keeps_the_security_headers(db, monkeypatch):
    from inventory.web import pages

    def broken(*a, **kw):
        raise RuntimeError("bug")

    monkeypatch.setattr(pages, "overview", broken)
    with TestClient(create_app(db), base_url="http://127.0.0.1:8765", raise_server_exceptions=False) as c:
        _login(c, "rev")
        r = c.get("/")
        assert r.status_code == 500 and r.headers["x-frame-options"] == "DENY" and "default-src 'self'" in r.headers["content-security-policy"]
        assert "bug" not in r.text and "Traceback" not in r.text
