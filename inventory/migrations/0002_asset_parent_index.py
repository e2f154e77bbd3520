"""Archive members are looked up by their container on every incremental re-crawl."""


def up(conn):
    conn.execute("CREATE INDEX IF NOT EXISTS assets_by_parent ON assets (run_id, source, parent)")
