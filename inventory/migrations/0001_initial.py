"""Runs, assets per run, masked findings, grants."""


def up(conn):
    conn.executescript(
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,              -- running / complete / incomplete
            targets TEXT NOT NULL,             -- JSON list
            options TEXT NOT NULL,             -- JSON
            versions TEXT NOT NULL,            -- JSON: tool, detector, policy
            stats TEXT                         -- JSON
        );
        CREATE TABLE assets (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            path TEXT NOT NULL,
            kind TEXT NOT NULL,
            size INTEGER NOT NULL DEFAULT 0,
            mtime REAL,
            content_hash TEXT,
            owner TEXT,
            grp TEXT,
            mode INTEGER,
            target TEXT,
            format TEXT,
            chars INTEGER NOT NULL DEFAULT 0,
            parent TEXT,
            tier INTEGER,                      -- 1, 2, 3 or NULL (未確認)
            reasons TEXT NOT NULL,             -- JSON [{code, ja, en, evidence}]
            entities TEXT NOT NULL,            -- JSON {ENTITY: count}
            persons INTEGER NOT NULL DEFAULT 0,
            exposure TEXT NOT NULL,            -- JSON list
            priority TEXT NOT NULL,
            error_code TEXT,
            error_message TEXT,
            error_stage TEXT,
            partial INTEGER NOT NULL DEFAULT 0,
            reused INTEGER NOT NULL DEFAULT 0,
            UNIQUE (run_id, source, path)
        );
        CREATE INDEX assets_by_path ON assets (source, path);
        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
            entity TEXT NOT NULL,
            score REAL NOT NULL,
            location TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            masked TEXT NOT NULL,              -- masked preview, never the raw value
            fingerprint TEXT NOT NULL,         -- HMAC-SHA256 with the inventory key
            recognizer TEXT NOT NULL,
            evidence TEXT NOT NULL,            -- JSON list
            header TEXT
        );
        CREATE INDEX findings_by_asset ON findings (asset_id);
        CREATE INDEX findings_by_fingerprint ON findings (fingerprint);
        CREATE TABLE grants (
            id INTEGER PRIMARY KEY,
            asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
            principal TEXT NOT NULL,
            display TEXT NOT NULL,
            kind TEXT NOT NULL,
            right TEXT NOT NULL,
            via TEXT NOT NULL,
            status TEXT NOT NULL
        );
        CREATE INDEX grants_by_asset ON grants (asset_id);
        """
    )
