"""A part's findings on their way from a worker to the store: rows of field values, not Finding objects.

A worker's ``FindingList`` (a plain ``list[Finding]``) pickles as the rows of its findings' field values; what
the store-writing process unpickles is a ``FindingRows``, which keeps the rows. The store inserts the rows as
they are, and ``Finding`` objects are built only if something reads them there — the tier assessed again
because a review decision touches the asset. That process is the one every worker's results pass through:
building ≈ 119,000 findings for the 2,000-file benchmark corpus cost it ≈ 0.5 s of CPU that, with two workers,
was taken from them (docs/benchmarks.md).
"""
from __future__ import annotations

import operator
from collections.abc import Sequence

from detectors.model import Finding

FIELDS = tuple(Finding.__dataclass_fields__)
finding_values = operator.attrgetter(*FIELDS)  # a Finding as its row


class FindingList(list):
    """``list[Finding]`` that crosses a pipe as rows (see the module's docstring)."""

    __slots__ = ()

    def __reduce__(self):
        return FindingRows, ([finding_values(f) for f in self],)


class FindingRows(Sequence):
    """Findings received as rows (``FIELDS`` order): a read-only sequence of ``Finding``, built on first read."""

    __slots__ = ("rows", "_built")
    __hash__ = None  # as a list's

    def __init__(self, rows: list[tuple]):
        self.rows = rows
        self._built: list[Finding] | None = None

    def _findings(self) -> list[Finding]:
        if self._built is None:
            # what unpickling a Finding does (a new instance, its __dict__ filled), from a row of its field values
            new = object.__new__
            built = []
            for row in self.rows:
                f = new(Finding)
                f.__dict__.update(zip(FIELDS, row))
                built.append(f)
            self._built = built
        return self._built

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index):
        return self._findings()[index]

    def __iter__(self):
        return iter(self._findings())

    def __eq__(self, other) -> bool:
        if isinstance(other, (list, FindingRows)):
            return self._findings() == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FindingRows({self._findings()!r})"

    def __reduce__(self):  # crossing again (a Dask worker's result, handed on) stays rows
        return FindingRows, (self.rows,)
