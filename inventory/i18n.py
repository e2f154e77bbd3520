"""User-facing text in Japanese (default) and English, from ``inventory/locale/*.toml``."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


def _flatten(prefix: str, table: dict, out: dict) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and ("ja" in value or "en" in value) and all(isinstance(v, str) for v in value.values()):
            out[name] = value
        elif isinstance(value, dict):
            _flatten(name, value, out)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for entry in sorted(resources.files("inventory").joinpath("locale").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            _flatten("", tomllib.loads(entry.read_text(encoding="utf-8")), out)
    return out


def t(key: str, lang: str = "ja", **kw) -> str:
    entry = catalogue().get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get("ja") or key
    return text.format(**kw) if kw else text
