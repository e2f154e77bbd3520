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


def test_findings_cross_the_pipe_as_rows_and_come_back_equal():
    import pickle

    from detectors.model import Finding
    from inventory.worker import FindingList

    found = [
        Finding("PERSON", 0.85, "sheet 顧客!B2", 0, 4, "山田 **", "fp1", "person", ("header:氏名",), "氏名"),
        Finding("PHONE_NUMBER", 0.6, "page 1", 3, 15, "03-****-5678", "fp2", "phone", (), None, True, 91.5),
    ]
    back = pickle.loads(pickle.dumps(FindingList(found), protocol=5))
    assert type(back) is FindingList and back == found
    assert [vars(f) for f in back] == [vars(f) for f in found] and hash(back[0]) == hash(found[0])
