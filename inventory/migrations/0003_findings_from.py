"""An unchanged asset carried over by an incremental re-crawl points at the asset that holds its findings
instead of copying them: a re-crawl of an unchanged share then writes one row per file, not per finding."""


def up(conn):
    conn.execute("ALTER TABLE assets ADD COLUMN findings_from INTEGER REFERENCES assets(id)")
