"""The local walk: symlinks listed never followed, loops survived, specials never opened."""
from __future__ import annotations

import os

import pytest

from crawler.model import Reason
from crawler.sources.local import walk
from tests.crawler.conftest import run_as_nobody


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "share"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "file.txt").write_text("x", encoding="utf-8")
    (root / "z.txt").write_text("y", encoding="utf-8")
    os.symlink("..", root / "a" / "b" / "loop")  # a loop back up the tree
    os.symlink("/etc", root / "outside")  # a link out of the tree
    os.mkfifo(root / "pipe")
    nfd = "\u30ab\u3099.txt"  # ガ in NFD, as macOS writes names
    (root / nfd).write_text("z", encoding="utf-8")
    (root / os.fsdecode(b"bad\xff.txt")).write_text("w", encoding="utf-8")
    return root


@pytest.mark.timeout(30)
def test_walk_lists_everything_once_and_follows_nothing(tree):
    entries = {e.path: e for e in walk(str(tree))}
    assert entries["a/b/file.txt"].kind == "file"
    assert entries["a/b/loop"].kind == "symlink" and entries["a/b/loop"].problem.reason is Reason.SYMLINK
    assert entries["outside"].target == "/etc" and entries["outside"].problem.reason is Reason.SYMLINK
    assert entries["pipe"].kind == "special" and entries["pipe"].problem.reason is Reason.UNSUPPORTED
    assert not any(p.startswith("outside/") or "/loop/" in p for p in entries)
    assert "\u30ab\u3099.txt" in entries  # kept as the file system has it
    assert r"bad\xff.txt" in entries and entries[r"bad\xff.txt"].locator.endswith("bad\udcff.txt")
    assert list(entries) == [e.path for e in walk(str(tree))]  # deterministic order


def test_owner_group_and_mode_are_recorded(tree):
    entry = next(e for e in walk(str(tree)) if e.path == "z.txt")
    assert entry.owner and entry.group and entry.mode == os.stat(tree / "z.txt").st_mode & 0o7777


def test_unlistable_directory_is_reported_and_the_walk_goes_on(world_dir):
    (world_dir / "locked").mkdir()
    (world_dir / "locked" / "inside.txt").write_text("x", encoding="utf-8")
    (world_dir / "z.txt").write_text("y", encoding="utf-8")
    os.chmod(world_dir / "locked", 0o700)
    code = "from crawler.sources.local import walk\n#DROP\nfor e in walk(sys.argv[1]): print(e.path, e.problem.reason.value if e.problem else '-')\n"
    if os.geteuid() == 0:
        out = run_as_nobody(code, str(world_dir)).stdout.split("\n")
    else:
        out = [f"{e.path} {e.problem.reason.value if e.problem else '-'}" for e in walk(str(world_dir))]
    assert "locked PERMISSION_DENIED" in out and "z.txt -" in out
    assert not any(line.startswith("locked/") for line in out)
