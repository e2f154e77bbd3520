"""No query looks findings up by fingerprint alone: a value is always looked up within its asset (``findings_by_asset``
serves that, and the web review's asset + entity + fingerprint check). The index on the fingerprint — a random
64-character key, so every insert lands on a random page of it — was half of the CPU time a scan spent writing its
findings (≈ 0.6 of 1.1 s for the 119,000 findings of the 2,000-file benchmark corpus; docs/benchmarks.md), paid by
the one process that writes the store. A feature that needs a value's other places can index it again."""


def up(conn):
    conn.execute("DROP INDEX IF EXISTS findings_by_fingerprint")
