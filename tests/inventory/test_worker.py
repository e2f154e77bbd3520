"""The per-file task: files that vanish or change between listing and reading."""
from __future__ import annotations

import os

from crawler.limits import Limits
from crawler.sources.local import walk
from inventory.worker import FileTask, process_file

KEY = b"k" * 32


def test_a_file_that_vanishes_after_listing_is_vanished(tmp_path):
    (tmp_path / "gone.txt").write_text("電話 090-1234-5678", encoding="utf-8")
    entry = next(walk(str(tmp_path)))
    os.unlink(tmp_path / "gone.txt")
    result = process_file(FileTask(entry, Limits(), KEY))
    assert [p.problem.reason.value for p in result.parts] == ["VANISHED"]


def test_a_file_that_changes_after_listing_is_read_as_it_is_now(tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text("なし", encoding="utf-8")
    entry = next(walk(str(tmp_path)))
    path.write_text("携帯 090-1234-5678 に連絡", encoding="utf-8")
    part = process_file(FileTask(entry, Limits(), KEY)).parts[0]
    assert part.problem is None and [f.entity for f in part.findings] == ["PHONE_NUMBER"]
    assert all("1234" not in f.masked for f in part.findings)
