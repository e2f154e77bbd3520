"""Loads the recognizers named in ``detectors/recognizers/conf/*.toml`` (STYLE.md: enablement is data).

Each ``[[recognizer]]`` entry: ``entity``, ``module`` (under ``detectors.recognizers``), ``class``,
``enabled`` (default true) and optional ``context`` (a list replacing the class's context words).
Files are read in name order; an entity listed twice is an error, as is a class that does not
recognise the entity its entry names.
"""
from __future__ import annotations

import importlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

CONF_DIR = Path(__file__).parent / "recognizers" / "conf"


class RegistryError(ValueError):
    pass


@dataclass(frozen=True)
class RecognizerSpec:
    entity: str
    module: str
    cls: str
    enabled: bool
    context: tuple[str, ...] | None
    source: str


def specs(conf_dir: Path = CONF_DIR) -> list[RecognizerSpec]:
    out: list[RecognizerSpec] = []
    for path in sorted(conf_dir.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise RegistryError(f"{path.name}: {exc}") from None
        for i, entry in enumerate(data.get("recognizer", []), 1):
            try:
                ctx = entry.get("context")
                out.append(
                    RecognizerSpec(
                        entity=entry["entity"],
                        module=entry["module"],
                        cls=entry["class"],
                        enabled=bool(entry.get("enabled", True)),
                        context=tuple(ctx) if ctx is not None else None,
                        source=path.name,
                    )
                )
            except KeyError as exc:
                raise RegistryError(f"{path.name}: recognizer #{i} lacks key {exc}") from None
    seen: dict[str, str] = {}
    for spec in out:
        if spec.entity in seen:
            raise RegistryError(f"{spec.source}: {spec.entity} is already listed in {seen[spec.entity]}")
        seen[spec.entity] = spec.source
    return out


def load_recognizers(entities: tuple[str, ...] | None = None, conf_dir: Path = CONF_DIR) -> list:
    """Instantiate every enabled recognizer (or those of the given entities)."""
    recognizers = []
    for spec in specs(conf_dir):
        if not spec.enabled or (entities is not None and spec.entity not in entities):
            continue
        try:
            module = importlib.import_module(f"detectors.recognizers.{spec.module}")
            cls = getattr(module, spec.cls)
        except (ImportError, AttributeError) as exc:
            raise RegistryError(f"{spec.source}: {spec.entity}: cannot load {spec.module}.{spec.cls} ({type(exc).__name__})") from exc
        recognizer = cls(context=list(spec.context)) if spec.context is not None else cls()
        if recognizer.supported_entities != [spec.entity] or recognizer.supported_language != "ja":
            raise RegistryError(f"{spec.source}: {spec.cls} does not recognise {spec.entity} for language ja")
        recognizers.append(recognizer)
    return recognizers


def known_entities(conf_dir: Path = CONF_DIR) -> list[str]:
    return sorted({s.entity for s in specs(conf_dir) if s.enabled})
