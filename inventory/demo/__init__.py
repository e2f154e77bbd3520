"""``tanaoroshi demo DIR``: a synthetic company share (Faker ja_JP, fixed seed) to scan and report on.

``DIR/share`` holds the files; ``DIR/exports`` the cloud permission exports and the identity roster;
``DIR/scan-args.txt`` the scan options that pair them with the share; ``DIR/manifest.json`` what each
file is and which tier a correct scan gives it (without the planted values).
"""
from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

from inventory.demo.manifest import DemoFile, DemoManifest

DEFAULT_SEED = 20261124
FIXED_MTIME = datetime(2026, 10, 1, 9, 0, tzinfo=timezone.utc).timestamp()

__all__ = ["generate", "DemoManifest", "DemoFile", "DEFAULT_SEED"]


def generate(out_dir: str | Path, seed: int = DEFAULT_SEED) -> DemoManifest:
    from inventory.demo.share import build

    out = Path(out_dir).resolve()
    share = out / "share"
    if share.exists():
        shutil.rmtree(share)
    share.mkdir(parents=True)
    manifest = DemoManifest(root=str(out))
    build(share, seed, manifest)
    from inventory.demo.exports import scan_args, write_exports

    manifest.scan_args = scan_args(write_exports(share, out / "exports", seed))
    for dirpath, dirnames, filenames in os.walk(share):
        for name in filenames + dirnames:
            os.utime(os.path.join(dirpath, name), (FIXED_MTIME, FIXED_MTIME), follow_symlinks=False)
    (out / "scan-args.txt").write_text(" ".join(manifest.scan_args) + "\n", encoding="utf-8")
    (out / "manifest.json").write_text(manifest.to_json() + "\n", encoding="utf-8")
    return manifest
