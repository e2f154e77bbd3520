"""The review app (``tanaoroshi serve``): FastAPI with server-rendered Jinja2 templates, no script inline.

Pages: overview, asset list (filters, sort, search, pages), asset detail with review actions. Every POST
needs a session and that session's CSRF token (and a same-origin Origin header when the browser sends
one); reviewing needs the reviewer role. Without users, the app answers on loopback only, as the local
machine's user (``serve`` refuses a non-loopback address without users).
"""
from __future__ import annotations

import getpass
import logging
import re
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Literal
from urllib.parse import quote, urlsplit

import jinja2
from fastapi import FastAPI, Form, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from inventory.i18n import t
from inventory.reviews import ASSET_ACTIONS, FINDING_ACTIONS, MAX_COMMENT, REVIEW_STATES, ReviewError, assign, decide
from inventory.store import Store
from inventory.web import auth, pages

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
log = logging.getLogger("tanaoroshi.web")
ENTITY_RE = re.compile(r"^[A-Z][A-Z0-9_]{0,39}$")
FINGERPRINT_RE = re.compile(r"^[0-9A-Za-z_:-]{1,128}$")


class LoginRequired(Exception):
    """No live session: the browser is sent to the login page."""


def _template_env() -> jinja2.Environment:
    import json

    env = jinja2.Environment(loader=jinja2.PackageLoader("inventory.web", "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["fromjson"] = json.loads
    return env


def create_app(db: str | Path, lang: str = "ja", loopback: bool = True, host: str | None = None) -> FastAPI:
    """``loopback``: served on a loopback address (``host``, when it is another one than 127.0.0.1)."""
    db = Path(db)
    with Store.open(db) as store:
        secret = auth.app_secret(store.conn)
    app = FastAPI(title="tanaoroshi review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.db, app.state.lang, app.state.loopback = db, lang, loopback
    app.state.cache = pages.DocumentCache()
    app.state.throttle = auth.LoginThrottle()
    env = _template_env()
    static_dir = resources.files("inventory.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")
    if loopback:
        # only loopback names in the Host header: a web page whose domain was re-pointed at 127.0.0.1 (DNS
        # rebinding) must not reach the app as if it were this machine's own browser
        names = {"127.0.0.1", "localhost", "[::1]"} | ({f"[{host}]" if ":" in host else host} if host else set())
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=sorted(names), www_redirect=False)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        try:
            response = await call_next(request)
        except Exception:  # a bug: logged with its traceback, answered with the same headers as any page
            log.exception("request failed: %s %s", request.method, request.url.path)
            response = Response("internal error\n", status_code=500, media_type="text/plain")
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    # added last, so it runs first: the session is decoded before the handlers and signed on the way out
    app.add_middleware(SessionMiddleware, secret_key=secret, session_cookie="tanaoroshi_session", max_age=auth.SESSION_HOURS * 3600, same_site="strict")

    @contextmanager
    def open_store():
        store = Store.open(app.state.db)
        try:
            yield store
        finally:
            store.close()

    def req_lang(request: Request) -> str:
        asked = request.query_params.get("lang")
        if asked is not None:
            if asked not in ("ja", "en"):
                raise HTTPException(422, detail=t("web.error.bad_param", request.session.get("lang", app.state.lang), name="lang", allowed="ja, en"))
            request.session["lang"] = asked
        return request.session.get("lang") or app.state.lang

    def session_for(request: Request, store: Store) -> auth.Session:
        token = request.session.get("sid")
        s = auth.session_of(store.conn, token, local=app.state.loopback)
        if s is not None:
            return s
        if app.state.loopback and not auth.has_users(store.conn):
            # no users configured and only this machine can connect: the machine's own user reviews
            token, s = auth.new_session(store.conn, f"local:{getpass.getuser()}", "reviewer")
            request.session["sid"] = token
            return s
        raise LoginRequired()

    def render(request: Request, name: str, lang: str, status: int = 200, **context) -> HTMLResponse:
        from classifiers.reasons import entity_name

        tr = lambda key, **kw: t(key, lang, **kw)  # noqa: E731
        body = env.get_template(name).render(
            request=request,
            lang=lang,
            t=tr,
            entity_name=lambda e: entity_name(e, lang),
            tier_label=lambda tier: tr(f"tier.{'none' if tier in (None, 'none') else tier}"),
            tier_class=lambda tier: f"tier-{'none' if tier in (None, 'none') else tier}",
            path_url=request.url.path,
            **context,
        )
        return HTMLResponse(body, status_code=status)

    def check_post(request: Request, session: auth.Session, csrf: str) -> None:
        origin = request.headers.get("origin")
        if origin and origin != "null":
            host = request.headers.get("host", "")
            if urlsplit(origin).netloc != host:
                raise HTTPException(403, detail="cross-origin")
        if not auth.csrf_ok(session.csrf, csrf):
            raise HTTPException(403, detail="csrf")

    def asset_row(store: Store, asset_id: int):
        row = store.conn.execute("SELECT * FROM assets WHERE id = ?", (asset_id,)).fetchone()
        if row is None:
            raise HTTPException(404, detail="asset")
        return row

    def latest_run(store: Store) -> int:
        run_id = store.latest_run_id()
        if run_id is None:
            raise HTTPException(404, detail="no_runs")
        return run_id

    # --- errors -----------------------------------------------------------------------------------
    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired):
        target = request.url.path + (f"?{request.url.query}" if request.url.query and request.method == "GET" else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        lang = request.session.get("lang") or app.state.lang if "session" in request.scope else app.state.lang
        known = {"asset": "web.error.no_asset", "csrf": "web.error.csrf", "cross-origin": "web.error.cross_origin", "role": "web.error.role", "no_runs": "web.error.no_runs", "finding": "web.error.no_finding"}
        detail = exc.detail if isinstance(exc.detail, str) else ""
        if detail in known:
            message = t(known[detail], lang)
        elif exc.status_code == 404:
            message = t("web.error.not_found", lang)
        elif exc.status_code == 405:
            message = t("web.error.method", lang)
        else:
            message = detail or str(exc.status_code)
        return render(request, "error.html", lang, status=exc.status_code, code=exc.status_code, message=message, session=None)

    @app.exception_handler(RequestValidationError)
    async def bad_input(request: Request, exc: RequestValidationError):
        lang = request.session.get("lang") or app.state.lang
        problems = []
        for err in exc.errors():
            name = str(err.get("loc", ["?"])[-1])
            problems.append(f"{name}: {err.get('msg', '')}")
        return render(request, "error.html", lang, status=422, code=422, message=t("web.error.bad_input", lang), problems=problems, session=None)

    # --- login ------------------------------------------------------------------------------------
    def safe_next(target: str | None) -> str:
        if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
            return "/"
        return target

    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request, next: str = Query("/", max_length=2000)):
        lang = req_lang(request)
        import secrets as _secrets

        request.session["login_csrf"] = request.session.get("login_csrf") or _secrets.token_urlsafe(32)
        return render(request, "login.html", lang, next=safe_next(next), csrf=request.session["login_csrf"], error=None, session=None)

    @app.post("/login")
    def login(request: Request, name: str = Form("", max_length=64), password: str = Form("", max_length=1024), csrf: str = Form(""), next: str = Form("/", max_length=2000)):
        lang = req_lang(request)
        if not auth.csrf_ok(request.session.get("login_csrf"), csrf):
            raise HTTPException(403, detail="csrf")
        keys = (f"user:{name}", f"addr:{request.client.host if request.client else '-'}")
        if app.state.throttle.blocked(*keys):
            return render(request, "login.html", lang, status=429, next=safe_next(next), csrf=request.session["login_csrf"], error=t("web.login.throttled", lang), session=None)
        with open_store() as store:
            role = auth.verify_user(store.conn, name, password)
            if role is None:
                app.state.throttle.failed(*keys)
                return render(request, "login.html", lang, status=401, next=safe_next(next), csrf=request.session["login_csrf"], error=t("web.login.failed", lang), session=None)
            app.state.throttle.succeeded(keys[0])
            auth.end_session(store.conn, request.session.get("sid"))
            token, _ = auth.new_session(store.conn, name, role)
        request.session.clear()  # a fresh session on login (no fixation)
        request.session["sid"] = token
        request.session["lang"] = lang
        return RedirectResponse(safe_next(next), status_code=303)

    @app.post("/logout")
    def logout(request: Request, csrf: str = Form("")):
        with open_store() as store:
            session = session_for(request, store)
            check_post(request, session, csrf)
            auth.end_session(store.conn, request.session.get("sid"))
        lang = request.session.get("lang")
        request.session.clear()
        if lang:
            request.session["lang"] = lang
        return RedirectResponse("/login", status_code=303)

    # --- pages ------------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse)
    def overview(request: Request):
        lang = req_lang(request)
        with open_store() as store:
            session = session_for(request, store)
            run_id = store.latest_run_id()
            if run_id is None:
                return render(request, "empty.html", lang, session=session)
            doc, ids = app.state.cache.get(store, run_id)
            assets = pages.with_reviews(doc, pages.ReviewBook(store.conn))
            data = pages.overview(store, doc, assets, ids)
        return render(request, "overview.html", lang, session=session, run=doc["run"], **data)

    @app.get("/assets", response_class=HTMLResponse)
    def asset_list(
        request: Request,
        tier: Literal["", "3", "2", "1", "none"] = "",
        exposure: Literal["", "PUBLIC", "ORGANIZATION", "EXTERNAL", "DEPARTED", "RESTRICTED"] = "",
        owner: str = Query("", max_length=200),
        folder: str = Query("", max_length=500),
        entity: str = Query("", max_length=40, pattern=r"^([A-Z][A-Z0-9_]*)?$"),
        review: Literal["", "open", "confirmed", "false_positive", "remediated", "reopened", "resolved", "stale"] = "",
        q: str = Query("", max_length=500),
        sort: Literal["priority", "path", "-path", "tier", "-tier", "persons", "-persons", "modified", "-modified"] = "priority",
        page: int = Query(1, ge=1, le=1_000_000),
    ):
        lang = req_lang(request)
        filters = pages.Filters(tier, exposure, owner, folder, entity, review, q, sort, page)
        with open_store() as store:
            session = session_for(request, store)
            run_id = store.latest_run_id()
            if run_id is None:
                return render(request, "empty.html", lang, session=session)
            doc, ids = app.state.cache.get(store, run_id)
            assets = pages.with_reviews(doc, pages.ReviewBook(store.conn))
            data = pages.asset_list(assets, ids, filters)
        return render(request, "assets.html", lang, session=session, run=doc["run"], f=filters, tiers=pages.TIERS, exposures=pages.EXPOSURES, review_states=REVIEW_STATES, sorts=pages.SORTS, **data)

    @app.get("/assets/{asset_id}", response_class=HTMLResponse)
    def asset_detail(request: Request, asset_id: int, fpage: int = Query(1, ge=1, le=1_000_000)):
        lang = req_lang(request)
        with open_store() as store:
            session = session_for(request, store)
            row = asset_row(store, asset_id)
            data = pages.asset_detail(store, row, fpage)
        return render(
            request, "asset.html", lang, session=session, asset_actions=[a for a in ASSET_ACTIONS], finding_actions=FINDING_ACTIONS, max_comment=MAX_COMMENT, **data
        )

    # --- review actions ---------------------------------------------------------------------------
    def reviewing(request: Request, store: Store, csrf: str) -> auth.Session:
        session = session_for(request, store)
        check_post(request, session, csrf)
        if not session.can_review:
            raise HTTPException(403, detail="role")
        return session

    def store_decision(lang: str, action) -> None:
        """Run a review write; a refused request is a 400 with the user's message, a vanished asset a 404."""
        try:
            action()
        except ReviewError as exc:
            raise HTTPException(400, detail=t(f"web.error.{exc.code}", lang, max=MAX_COMMENT)) from None
        except LookupError:
            raise HTTPException(404, detail="asset") from None

    @app.post("/assets/{asset_id}/review")
    def review_asset(request: Request, asset_id: int, action: str = Form(..., max_length=40), comment: str = Form("", max_length=100_000), csrf: str = Form("")):
        lang = req_lang(request)
        with open_store() as store:
            session = reviewing(request, store, csrf)
            row = asset_row(store, asset_id)
            store_decision(lang, lambda: decide(store.conn, row["source"], row["path"], action, session.user, comment))
        return RedirectResponse(f"/assets/{asset_id}#review", status_code=303)

    @app.post("/assets/{asset_id}/findings")
    def review_finding(
        request: Request,
        asset_id: int,
        entity: str = Form(..., max_length=40),
        fingerprint: str = Form(..., max_length=128),
        action: str = Form(..., max_length=40),
        comment: str = Form("", max_length=100_000),
        csrf: str = Form(""),
        fpage: int = Form(1, ge=1, le=1_000_000),
    ):
        lang = req_lang(request)
        with open_store() as store:
            session = reviewing(request, store, csrf)
            row = asset_row(store, asset_id)
            if not ENTITY_RE.match(entity) or not FINGERPRINT_RE.match(fingerprint) or not pages.finding_exists(store, row, entity, fingerprint):
                raise HTTPException(404, detail="finding")
            store_decision(lang, lambda: decide(store.conn, row["source"], row["path"], action, session.user, comment, entity=entity, fingerprint=fingerprint))
        return RedirectResponse(f"/assets/{asset_id}?fpage={fpage}#findings", status_code=303)

    @app.post("/assets/{asset_id}/assign")
    def assign_asset(request: Request, asset_id: int, assignee: str = Form("", max_length=10_000), comment: str = Form("", max_length=100_000), csrf: str = Form("")):
        lang = req_lang(request)
        with open_store() as store:
            session = reviewing(request, store, csrf)
            row = asset_row(store, asset_id)
            store_decision(lang, lambda: assign(store.conn, row["source"], row["path"], assignee, session.user, comment))
        return RedirectResponse(f"/assets/{asset_id}#review", status_code=303)

    @app.get("/favicon.ico")
    def favicon():
        return Response(status_code=204)

    return app
