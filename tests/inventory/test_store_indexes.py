"""The store's findings are read by asset only: every such query is served by an index, and no index the scan
pays for on every insert is left that no query uses."""
from inventory.store import Store

FINDINGS_QUERIES = [
    "SELECT * FROM findings WHERE asset_id = ? ORDER BY id",  # Store.findings_of
    "SELECT 1 FROM findings WHERE asset_id = ? AND entity = ? AND fingerprint = ? LIMIT 1",  # web review: finding_exists
    "DELETE FROM findings WHERE asset_id = ?",  # what deleting an asset cascades to
]


def test_findings_are_read_through_the_asset_index_and_not_indexed_by_fingerprint(tmp_path):
    with Store.open(tmp_path / "t.db") as store:
        indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'findings'")}
        assert indexes == {"findings_by_asset"}
        for sql in FINDINGS_QUERIES:
            plan = " ".join(str(r[-1]) for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql, (1, "PERSON", "ab")[: sql.count("?")]))
            assert "findings_by_asset" in plan, (sql, plan)
