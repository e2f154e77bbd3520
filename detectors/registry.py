"""Loads the recognizers named in ``detectors/recognizers/conf/*.toml``."""
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
    out = []
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
    return out


def load_recognizers(entities: tuple[str, ...] | None = None, conf_dir: Path = CONF_DIR) -> list:
    """Instantiate every enabled recognizer (or those of the given entities)."""
    recognizers = []
    for spec in specs(conf_dir):
        if not spec.enabled or (entities is not None and spec.entity not in entities):
            continue
        module = importlib.import_module(f"detectors.recognizers.{spec.module}")
        cls = getattr(module, spec.cls)
        recognizers.append(cls(context=list(spec.context)) if spec.context is not None else cls())
    return recognizers


def known_entities(conf_dir: Path = CONF_DIR) -> list[str]:
    return sorted({s.entity for s in specs(conf_dir) if s.enabled})
