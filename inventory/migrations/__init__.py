"""Numbered schema migrations (STYLE.md: migrations are numbered modules). Each module has ``up(conn)``."""
from __future__ import annotations

import importlib
import pkgutil
import sqlite3


def _modules() -> list[tuple[int, str]]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        head = info.name.split("_", 1)[0]
        if head.isdigit():
            found.append((int(head), info.name))
    return sorted(found)


def migrate(conn: sqlite3.Connection) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    current = row[0] or 0
    for number, name in _modules():
        if number <= current:
            continue
        module = importlib.import_module(f"{__name__}.{name}")
        with conn:
            module.up(conn)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
        current = number
    return current
