"""What the demo holds and what a correct scan must say about each file."""
from __future__ import annotations

import json
import shlex
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class DemoFile:
    path: str  # relative to share/, '/'-separated; archive members as a.zip!/b.xlsx
    department: str
    format: str
    expected_tier: int | None
    expected_reasons: tuple[str, ...] = ()  # entity codes, DOC_TYPE, PERSONS>1000, ENCRYPTED, CORRUPT, SYMLINK …
    persons: int = 0
    expected_exposure: tuple[str, ...] = ()  # scopes that must be present when scanned with scan-args.txt


@dataclass
class DemoManifest:
    root: str
    files: list[DemoFile] = field(default_factory=list)
    planted: list[tuple[str, str]] = field(default_factory=list, repr=False)  # (entity, RAW value): memory only
    scan_args: list[str] = field(default_factory=list)

    def add(self, *args, **kwargs) -> None:
        self.files.append(DemoFile(*args, **kwargs))

    def plant(self, entity: str, value: str) -> str:
        self.planted.append((entity, value))
        return value

    def scan_command(self, demo_dir: str) -> str:
        return " ".join(["tanaoroshi", "scan", shlex.quote(f"{demo_dir}/share"), *map(shlex.quote, self.scan_args)])

    def to_json(self) -> str:
        """The manifest without the planted values (safe to write or print)."""
        return json.dumps({"root": self.root, "files": [asdict(f) for f in self.files], "scan_args": self.scan_args}, ensure_ascii=False, indent=2)
