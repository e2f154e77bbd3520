"""The tier policy: the packaged default (``default_policy.toml``) deep-merged with a user file.

An invalid file raises ``PolicyError`` whose message is one line naming the file, the key and the line.
"""
from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

KNOWN_ENTITIES = {
    "JP_MY_NUMBER", "CREDIT_CARD", "JP_BANK_ACCOUNT", "JP_PASSPORT", "JP_DRIVERS_LICENSE", "JP_RESIDENCE_CARD",
    "JP_PENSION_NUMBER", "JP_HEALTH_INSURANCE", "SENSITIVE_CATEGORY", "PERSON", "JP_ADDRESS", "DATE_OF_BIRTH",
    "EMAIL_ADDRESS", "PHONE_NUMBER", "JP_POSTAL_CODE", "JP_CORPORATE_NUMBER",
}
TOP_KEYS = {"version", "threshold", "thresholds", "entities", "contacts", "persons", "limits", "doctype", "folder"}
LIMIT_KEYS = {
    "max_file_bytes": int, "max_chars": int, "timeout_seconds": (int, float), "memory_bytes": int, "archive_depth": int,
    "archive_members": int, "archive_total_bytes": int, "archive_ratio": (int, float), "member_bytes": int,
    "ocr": bool, "ocr_page_seconds": (int, float), "ocr_min_image_pixels": int, "ocr_max_pages": int,
}


class PolicyError(ValueError):
    pass


@dataclass(frozen=True)
class DocTypeRule:
    code: str
    en: str
    tier: int
    names: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    headers: tuple[tuple[str, ...], ...] = ()
    ocr: bool = False  # names are layout words matched only in OCR text (a card copy), never in a text layer


@dataclass(frozen=True)
class FolderRule:
    pattern: str
    min_tier: int
    apply_to: str = "personal"  # "personal" (assets with personal data) or "all"


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int
    max_chars: int
    timeout_seconds: float
    memory_bytes: int
    archive_depth: int
    archive_members: int
    archive_total_bytes: int
    archive_ratio: float
    member_bytes: int
    ocr: bool
    ocr_page_seconds: float
    ocr_min_image_pixels: int
    ocr_max_pages: int


@dataclass(frozen=True)
class Policy:
    version: str
    threshold: float
    thresholds: dict[str, float]
    entities: dict[str, int]
    contact_entities: tuple[str, ...]
    incidental_max: int
    persons_tier3_over: int
    limits: Limits
    doctypes: tuple[DocTypeRule, ...]
    folders: tuple[FolderRule, ...]
    source: str = "default"
    digest: str = field(default="", compare=False)

    def threshold_for(self, entity: str) -> float:
        return self.thresholds.get(entity, self.threshold)


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*(\[\[?)?\s*\"?{re.escape(key)}\"?\s*(=|\]|\.)", re.M)
    m = pattern.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _fail(path: str, text: str, key: str, message: str) -> PolicyError:
    line = _line_of(text, key.split(".")[-1].split("[")[0]) if text else None
    where = f"{path}:{line}" if line else path
    return PolicyError(f"{where}: {key}: {message}")


def _merge(base: dict, override: dict) -> dict:
    out = dict(base)
    for k, v in override.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def _tier(value: Any, path: str, text: str, key: str, allow_zero: bool = False) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not ((0 if allow_zero else 1) <= value <= 3):
        raise _fail(path, text, key, f"tier must be {'0–3' if allow_zero else '1–3'}, got {value!r}")
    return value


def _validate(data: dict, path: str, text: str) -> Policy:
    for key in data:
        if key not in TOP_KEYS:
            raise _fail(path, text, key, "unknown key")
    threshold = data.get("threshold", 0.5)
    if not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
        raise _fail(path, text, "threshold", f"must be a number between 0 and 1, got {threshold!r}")
    thresholds = {}
    for entity, value in (data.get("thresholds") or {}).items():
        if entity not in KNOWN_ENTITIES:
            raise _fail(path, text, f"thresholds.{entity}", "unknown entity")
        if not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise _fail(path, text, f"thresholds.{entity}", f"must be a number between 0 and 1, got {value!r}")
        thresholds[entity] = float(value)
    entities = {}
    for entity, value in (data.get("entities") or {}).items():
        if entity not in KNOWN_ENTITIES:
            raise _fail(path, text, f"entities.{entity}", "unknown entity")
        entities[entity] = _tier(value, path, text, f"entities.{entity}", allow_zero=True)
    contacts = data.get("contacts") or {}
    for k in contacts:
        if k not in ("incidental_max", "entities"):
            raise _fail(path, text, f"contacts.{k}", "unknown key")
    incidental = contacts.get("incidental_max", 3)
    if not isinstance(incidental, int) or incidental < 0:
        raise _fail(path, text, "contacts.incidental_max", f"must be a whole number ≥ 0, got {incidental!r}")
    persons = data.get("persons") or {}
    over = persons.get("tier3_over", 1000)
    if not isinstance(over, int) or over < 1:
        raise _fail(path, text, "persons.tier3_over", f"must be a whole number ≥ 1, got {over!r}")
    limits = data.get("limits") or {}
    for k, v in limits.items():
        if k not in LIMIT_KEYS:
            raise _fail(path, text, f"limits.{k}", "unknown key")
        if LIMIT_KEYS[k] is bool:
            if not isinstance(v, bool):
                raise _fail(path, text, f"limits.{k}", f"must be true or false, got {v!r}")
        elif not isinstance(v, LIMIT_KEYS[k]) or isinstance(v, bool) or v <= 0:
            raise _fail(path, text, f"limits.{k}", f"must be a positive number, got {v!r}")
    doctypes = []
    for i, rule in enumerate(data.get("doctype") or []):
        for k in rule:
            if k not in ("code", "en", "tier", "names", "exclude", "headers", "ocr"):
                raise _fail(path, text, f"doctype[{i}].{k}", "unknown key")
        if "code" not in rule or "tier" not in rule:
            raise _fail(path, text, f"doctype[{i}]", "needs code and tier")
        doctypes.append(
            DocTypeRule(
                code=str(rule["code"]),
                en=str(rule.get("en", rule["code"])),
                tier=_tier(rule["tier"], path, text, f"doctype[{i}].tier"),
                names=tuple(rule.get("names", ())),
                exclude=tuple(rule.get("exclude", ())),
                headers=tuple(tuple(h) for h in rule.get("headers", ())),
                ocr=bool(rule.get("ocr", False)),
            )
        )
    folders = []
    for i, rule in enumerate(data.get("folder") or []):
        if "pattern" not in rule or "min_tier" not in rule:
            raise _fail(path, text, f"folder[{i}]", "needs pattern and min_tier")
        apply_to = rule.get("apply_to", "personal")
        if apply_to not in ("personal", "all"):
            raise _fail(path, text, f"folder[{i}].apply_to", f"must be 'personal' or 'all', got {apply_to!r}")
        folders.append(FolderRule(str(rule["pattern"]), _tier(rule["min_tier"], path, text, f"folder[{i}].min_tier"), apply_to))
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()[:16]
    return Policy(
        version=f"{data.get('version', 'custom')}+{digest}",
        threshold=float(threshold),
        thresholds=thresholds,
        entities=entities,
        contact_entities=tuple(contacts.get("entities", ("EMAIL_ADDRESS", "PHONE_NUMBER"))),
        incidental_max=incidental,
        persons_tier3_over=over,
        limits=Limits(**{k: limits[k] for k in LIMIT_KEYS}) if set(LIMIT_KEYS) <= set(limits) else _limits_error(path, text, limits),
        doctypes=tuple(doctypes),
        folders=tuple(folders),
        source=path,
        digest=digest,
    )


def _limits_error(path: str, text: str, limits: dict):
    missing = sorted(set(LIMIT_KEYS) - set(limits))
    raise _fail(path, text, f"limits.{missing[0]}", "missing")


def _default_text() -> str:
    return resources.files("classifiers").joinpath("default_policy.toml").read_text(encoding="utf-8")


def load_policy(path: str | None = None) -> Policy:
    default_text = _default_text()
    data = tomllib.loads(default_text)
    if path is None:
        return _validate(data, "default_policy.toml", default_text)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"{path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise PolicyError(f"{path}: not UTF-8 text") from None
    try:
        user = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{path}: {exc}") from None
    for key in user:
        if key not in TOP_KEYS:
            raise _fail(path, text, key, "unknown key")
    return _validate(_merge(data, user), path, text)
