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
    from inventory.finding_rows import FindingList, FindingRows

    found = [
        Finding("PERSON", 0.85, "sheet 顧客!B2", 0, 4, "山田 **", "fp1", "person", ("header:氏名",), "氏名"),
        Finding("PHONE_NUMBER", 0.6, "page 1", 3, 15, "03-****-5678", "fp2", "phone", (), None, True, 91.5),
    ]
    back = pickle.loads(pickle.dumps(FindingList(found), protocol=5))
    assert type(back) is FindingRows and len(back) == 2 and back._built is None  # nothing built until read
    assert back == found and list(back) == found and back[1] == found[1]
    assert [vars(f) for f in back] == [vars(f) for f in found] and hash(back[0]) == hash(found[0])
    again = pickle.loads(pickle.dumps(back, protocol=5))  # handed on once more (a Dask result): still rows
    assert type(again) is FindingRows and again.rows == back.rows and again == found


def test_the_store_writes_findings_rows_as_it_writes_findings(tmp_path):
    import pickle

    from inventory.finding_rows import FindingList
    from inventory.store import Store
    from tests.inventory.fixtures_store import records

    direct, piped = records(), records()
    for rec in piped:  # the same records, their findings as the store-writing process receives them
        rec.findings = pickle.loads(pickle.dumps(FindingList(rec.findings)))
    tables = []
    for name, recs in (("direct", direct), ("piped", piped)):
        with Store.open(tmp_path / f"{name}.db") as store:
            run = store.begin_run(["/srv/share"], {}, {"tool": "test", "detector": "t", "policy": "t"})
            store.add_assets(run, recs)
            tables.append(store.conn.execute("SELECT * FROM findings ORDER BY id").fetchall())
            assert all(rec.findings == store.findings_of(i + 1) for i, rec in enumerate(recs))
    assert [tuple(r) for r in tables[0]] == [tuple(r) for r in tables[1]] and len(tables[0]) == 12


def _parts(result):
    return [(p.path, p.kind, p.size, p.content_hash, p.format, p.chars, p.problem, p.title, p.lead_text, p.headers, p.parent, [vars(f) for f in p.findings]) for p in result.parts]


def test_a_file_read_ahead_by_a_start_up_helper_gives_the_result_the_worker_alone_gives(tmp_path):
    import pickle
    import zipfile

    from inventory.worker import prefetch_read

    (tmp_path / "memo.txt").write_text("担当 山田 太郎 様\n携帯 090-1234-5678\n", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "box.zip", "w") as z:  # members too
        z.writestr("in.csv", "氏名,電話\n佐藤 花子,03-1234-5678\n")
    for entry in walk(str(tmp_path)):
        task = FileTask(entry, Limits(), KEY)
        ahead = prefetch_read(task)
        assert ahead is not None and ahead.read is not None, entry.path
        assert "read=" not in repr(ahead)  # what was read never reaches a log line
        ahead = pickle.loads(pickle.dumps(ahead))  # as it crosses the pipes
        assert _parts(process_file(ahead)) == _parts(process_file(task))
        assert any(p.findings for p in process_file(ahead).parts)


def test_a_start_up_helper_leaves_to_the_worker_what_it_cannot_read_or_should_not_hold(tmp_path):
    from inventory.worker import PREFETCH_MAX_BYTES, prefetch_read

    (tmp_path / "gone.txt").write_text("電話 090-1234-5678", encoding="utf-8")
    (tmp_path / "long.txt").write_text("東京都千代田区丸の内1-1-1\n" * (PREFETCH_MAX_BYTES // 20), encoding="utf-8")
    entries = {e.path: e for e in walk(str(tmp_path))}
    os.unlink(tmp_path / "gone.txt")
    assert prefetch_read(FileTask(entries["gone.txt"], Limits(), KEY)) is None  # the worker records VANISHED itself
    assert prefetch_read(FileTask(entries["long.txt"], Limits(), KEY)) is None  # its text would outgrow the budget
