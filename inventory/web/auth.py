"""Users, sessions and CSRF tokens of the review app, kept in the inventory's SQLite store.

Passwords are hashed with argon2id (argon2-cffi, its default parameters). A session token is random
(``secrets``); the browser holds it inside a cookie signed by Starlette's SessionMiddleware
(itsdangerous), the store holds only its SHA-256, so a copy of the db cannot be replayed as a session.
Each session carries its own CSRF token, checked on every POST.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ROLES = ("reviewer", "viewer")
SESSION_HOURS = 8
MIN_PASSWORD = 10
NAME_RE = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")
_hasher = PasswordHasher()
# verifying against this when the user does not exist takes as long as a real check: no user-name oracle
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class UserError(ValueError):
    """A user-management request that cannot be done (bad name, unknown role, duplicate); ``code`` names the message."""

    def __init__(self, code: str, **kw):
        super().__init__(code)
        self.code = code
        self.kw = kw


@dataclass(frozen=True)
class Session:
    user: str
    role: str  # reviewer / viewer
    csrf: str

    @property
    def can_review(self) -> bool:
        return self.role == "reviewer"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(ts: datetime) -> str:
    return ts.isoformat(timespec="seconds")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# --- users ------------------------------------------------------------------------------------------
def add_user(conn: sqlite3.Connection, name: str, role: str, password: str) -> None:
    if not NAME_RE.match(name or ""):
        raise UserError("users.bad_name", name=name)
    if role not in ROLES:
        raise UserError("users.bad_role", role=role)
    if len(password) < MIN_PASSWORD:
        raise UserError("users.too_short", n=MIN_PASSWORD)
    try:
        conn.execute(
            "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)", (name, role, _hasher.hash(password), _iso(_now()))
        )
    except sqlite3.IntegrityError:
        raise UserError("users.exists", name=name) from None


def remove_user(conn: sqlite3.Connection, name: str) -> None:
    with conn:
        conn.execute("BEGIN IMMEDIATE")
        if conn.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount == 0:
            raise UserError("users.missing", name=name)
        conn.execute("DELETE FROM sessions WHERE user_name = ?", (name,))


def list_users(conn: sqlite3.Connection) -> list[dict]:
    return [dict(r) for r in conn.execute("SELECT name, role, created_at FROM users ORDER BY name")]


def has_users(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None


def verify_user(conn: sqlite3.Connection, name: str, password: str) -> str | None:
    """The user's role when the password is right, else None (same work either way)."""
    row = conn.execute("SELECT password_hash, role FROM users WHERE name = ?", (name,)).fetchone()
    try:
        _hasher.verify(row["password_hash"] if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _hasher.check_needs_rehash(row["password_hash"]):
        conn.execute("UPDATE users SET password_hash = ? WHERE name = ?", (_hasher.hash(password), name))
    return row["role"]


# --- sessions ---------------------------------------------------------------------------------------
def app_secret(conn: sqlite3.Connection) -> str:
    """The key that signs session cookies: made once per inventory, so a restart keeps people logged in."""
    with conn:
        conn.execute("BEGIN IMMEDIATE")
        row = conn.execute("SELECT value FROM app_secrets WHERE name = 'session'").fetchone()
        if row is not None:
            return row["value"]
        value = secrets.token_urlsafe(48)
        conn.execute("INSERT INTO app_secrets (name, value) VALUES ('session', ?)", (value,))
        return value


def new_session(conn: sqlite3.Connection, user: str, role: str) -> tuple[str, Session]:
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = _now()
    with conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM sessions WHERE expires_at < ?", (_iso(now),))
        conn.execute(
            "INSERT INTO sessions (id_hash, user_name, role, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            (_token_hash(token), user, role, csrf, _iso(now), _iso(now + timedelta(hours=SESSION_HOURS))),
        )
    return token, Session(user, role, csrf)


def session_of(conn: sqlite3.Connection, token: str | None, local: bool) -> Session | None:
    """The live session for a cookie's token. ``local``: the app runs without users on loopback, where the
    session stands for the machine's own user; once users exist, only their sessions count."""
    if not token or not isinstance(token, str):
        return None
    row = conn.execute("SELECT * FROM sessions WHERE id_hash = ?", (_token_hash(token),)).fetchone()
    if row is None or row["expires_at"] < _iso(_now()):
        return None
    if not local or has_users(conn):
        user = conn.execute("SELECT role FROM users WHERE name = ?", (row["user_name"],)).fetchone()
        if user is None:
            return None  # an anonymous local session, or a removed user: log in again
        return Session(row["user_name"], user["role"], row["csrf"])
    return Session(row["user_name"], row["role"], row["csrf"])


def end_session(conn: sqlite3.Connection, token: str | None) -> None:
    if token and isinstance(token, str):
        conn.execute("DELETE FROM sessions WHERE id_hash = ?", (_token_hash(token),))


def csrf_ok(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and isinstance(given, str) and hmac.compare_digest(expected, given)


class LoginThrottle:
    """At most ``limit`` failed logins per user name and per client address in ``window`` seconds (argon2
    makes each guess slow; this makes a guessing run slower still). In memory: a restart forgets it.
    Written here because none of the installed packages throttles, and a sliding window is a few lines."""

    def __init__(self, limit: int = 5, window: float = 300.0, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self.failures: dict[str, list[float]] = {}
        self.lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        kept = [t for t in self.failures.get(key, []) if now - t < self.window]
        if kept:
            self.failures[key] = kept
        else:
            self.failures.pop(key, None)
        return kept

    def blocked(self, *keys: str) -> bool:
        now = self.clock()
        with self.lock:
            return any(len(self._recent(k, now)) >= self.limit for k in keys)

    def failed(self, *keys: str) -> None:
        now = self.clock()
        with self.lock:
            for k in keys:
                self._recent(k, now)
                self.failures.setdefault(k, []).append(now)

    def succeeded(self, *keys: str) -> None:
        with self.lock:
            for k in keys:
                self.failures.pop(k, None)

