"""Commands that detect nothing load nothing of detection: ``--help``, ``report``, ``diff`` and ``runs`` never import
spaCy, Presidio or the analyzer, a report imports only its own format's writer (openpyxl and numpy only for
XLSX), and the scan command's own process leaves detection to its workers. Each command runs in a fresh
interpreter, which reports what it had imported."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.inventory.fixtures_store import filled_store, records

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("spacy", "presidio_analyzer", "detectors.analyzer", "detectors.nlp", "sudachipy", "ahocorasick", "openpyxl", "numpy")


def _imported(argv: list[str], tmp_path: Path) -> dict:
    code = textwrap.dedent(
        f"""
        import contextlib, io, json, sys
        from inventory.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                rc = main({argv!r})
            except SystemExit as exc:  # --help
                rc = exc.code
        print(json.dumps({{"rc": rc, "heavy": [m for m in {HEAVY!r} if m in sys.modules]}}))
        """
    )
    env = dict(os.environ, TANAOROSHI_KEY="42" * 32)
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture
def db(tmp_path):
    store, _ = filled_store(tmp_path / "inv.db")
    run = store.begin_run(["/srv/share"], {}, {"tool": "test", "detector": "t", "policy": "t"})  # a second run to diff
    store.add_assets(run, records(2))
    store.finish_run(run, "complete", {"assets": 6})
    store.close()
    return str(tmp_path / "inv.db")


@pytest.mark.parametrize(
    "argv, allowed",
    [
        (["--help"], ()),
        (["report", "--db", "{db}", "--format", "json", "-o", "r.json"], ()),
        (["report", "--db", "{db}", "--format", "csv", "-o", "r.csv"], ()),
        (["report", "--db", "{db}", "--format", "html", "-o", "r.html"], ()),
        (["report", "--db", "{db}", "--format", "xlsx", "-o", "r.xlsx"], ("openpyxl", "numpy")),
        (["diff", "--db", "{db}"], ()),
        (["runs", "--db", "{db}"], ()),
    ],
    ids=["help", "report-json", "report-csv", "report-html", "report-xlsx", "diff", "runs"],
)
def test_commands_that_detect_nothing_import_no_detection(argv, allowed, db, tmp_path):
    got = _imported([a.format(db=db) for a in argv], tmp_path)
    assert got["rc"] == 0
    assert sorted(got["heavy"]) == sorted(allowed)


def test_the_scan_command_leaves_detection_to_its_workers(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    (share / "memo.txt").write_text("電話 03-1234-5678\n", encoding="utf-8")
    got = _imported(["scan", str(share), "--db", str(tmp_path / "scan.db"), "--workers", "1"], tmp_path)
    assert got["rc"] == 0
    assert got["heavy"] == []
