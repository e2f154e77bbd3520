"""The scan's store writer thread: every batch handed over is committed by ``close``, in order, and a failure to
write reaches the scan's thread instead of vanishing with the thread (nor blocking the scan)."""
import sqlite3

import pytest

from inventory.store import Store
from inventory.store_writer import StoreWriter
from tests.inventory.fixtures_store import records


def _begin(path) -> int:
    with Store.open(path) as store:
        return store.begin_run(["/srv/share"], {}, {"tool": "test", "detector": "t", "policy": "t"})


def test_every_batch_is_committed_by_close_and_readable_meanwhile(tmp_path):
    db = tmp_path / "t.db"
    run = _begin(db)
    recs = records(40)
    writer = StoreWriter(db, run)
    for k in range(0, len(recs), 7):  # more batches than the queue holds: write waits, nothing is dropped
        writer.write(recs[k : k + 7])
    reader = sqlite3.connect(db)  # another connection reads while the thread writes (WAL)
    reader.execute("SELECT COUNT(*) FROM assets").fetchone()
    writer.close()
    writer.close()  # closing twice is harmless
    paths = [r[0] for r in reader.execute("SELECT path FROM assets WHERE run_id = ? ORDER BY id", (run,))]
    assert paths == [r.path for r in recs]
    assert reader.execute("SELECT COUNT(*) FROM findings").fetchone()[0] == sum(len(r.findings) for r in recs)


def test_a_failed_write_is_raised_in_the_callers_thread_and_later_batches_do_not_block(tmp_path):
    db = tmp_path / "t.db"
    _begin(db)
    writer = StoreWriter(db, run_id=999)  # no such run: the foreign key refuses the first batch
    with pytest.raises(sqlite3.IntegrityError):
        for _ in range(10):
            writer.write(records())
        writer.close()
    with pytest.raises(sqlite3.IntegrityError):
        writer.close()
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM assets").fetchone()[0] == 0


def test_an_inventory_that_cannot_be_opened_is_raised_too(tmp_path):
    missing = tmp_path / "no-such-dir-is-made" / "x"
    (tmp_path / "no-such-dir-is-made").write_text("a file where the folder should be")
    writer = StoreWriter(missing / "t.db", run_id=1)
    writer_error = None
    try:
        writer.write(records())
        writer.close()
    except Exception as exc:  # NotADirectoryError / FileExistsError from mkdir, or sqlite3's own
        writer_error = exc
    assert writer_error is not None
