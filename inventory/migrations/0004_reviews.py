"""Data owners' review decisions, the web app's users and sessions, and assignments (issue #13).

Decisions are keyed like detect-secrets keys a secret: (source, path, entity, fingerprint) — never a
line number or an asset row id, so they survive re-crawls. An asset-level decision has entity and
fingerprint ''. ``review_events`` is the append-only history (who, when, what, comment);
``decisions`` holds the current state of each key.
"""


def up(conn):
    conn.executescript(
        """
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            path TEXT NOT NULL,
            entity TEXT NOT NULL DEFAULT '',       -- '' for a decision about the whole asset
            fingerprint TEXT NOT NULL DEFAULT '',  -- keyed HMAC of the value, never the value
            state TEXT NOT NULL CHECK (state IN ('confirmed', 'false_positive', 'remediated', 'reopened', 'resolved')),
            content_hash TEXT,                     -- the asset's hash when decided (asset-level decisions)
            access TEXT,                           -- digest of the asset's grants and exposure when decided
            seen_run INTEGER,                      -- newest run when decided: the next one verifies a remediation
            by_user TEXT NOT NULL,
            at TEXT NOT NULL,
            comment TEXT NOT NULL DEFAULT '',
            UNIQUE (source, path, entity, fingerprint)
        );
        CREATE INDEX decisions_by_state ON decisions (state);
        CREATE TABLE review_events (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            path TEXT NOT NULL,
            entity TEXT NOT NULL DEFAULT '',
            fingerprint TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL,                  -- confirmed / false_positive / remediated / reopened / resolved / cleared / assigned
            by_user TEXT NOT NULL,                 -- a user name, or 'tanaoroshi' for a crawl's verification
            at TEXT NOT NULL,
            comment TEXT NOT NULL DEFAULT '',
            run_id INTEGER                         -- the run that verified a remediation
        );
        CREATE INDEX review_events_by_asset ON review_events (source, path);
        CREATE INDEX review_events_by_run ON review_events (run_id);
        CREATE TABLE assignments (
            source TEXT NOT NULL,
            path TEXT NOT NULL,
            assignee TEXT NOT NULL,
            by_user TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (source, path)
        );
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('reviewer', 'viewer')),
            password_hash TEXT NOT NULL,           -- argon2id (argon2-cffi)
            created_at TEXT NOT NULL
        );
        CREATE TABLE sessions (
            id_hash TEXT PRIMARY KEY,              -- SHA-256 of the session token; the token lives only in the signed cookie
            user_name TEXT NOT NULL,
            role TEXT NOT NULL,
            csrf TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE TABLE app_secrets (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        ALTER TABLE assets ADD COLUMN suppressed TEXT NOT NULL DEFAULT '';  -- digest of the review decisions applied
        """
    )
