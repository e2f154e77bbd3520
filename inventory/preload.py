"""The modules a scan's forkserver imports before it forks any worker (``crawler.isolation``): the per-file task
and the detectors' warm-up (``inventory.worker_preload``). Named once, for the pool (``inventory.scan``) and for
the CLI, which starts the server as its first step (``crawler.isolation.start_forkserver``) — a module of its
own because importing ``inventory.scan`` to read it would itself cost ≈ 0.3 s of the start-up it overlaps."""

WORKER_PRELOAD = ("inventory.worker", "inventory.worker_preload")
