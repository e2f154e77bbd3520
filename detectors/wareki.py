"""和暦 (Japanese era) dates to the Gregorian calendar, valid only inside each era's own days.

Eras start on their accession day: 明治 1868-01-25 (the calendar reform makes earlier Meiji dates lunar;
they are out of scope for birth dates), 大正 1912-07-30, 昭和 1926-12-25, 平成 1989-01-08, 令和 2019-05-01.
So 昭和64年1月7日 exists and 昭和64年1月8日 does not (it is 平成元年1月8日).
"""
from __future__ import annotations

from datetime import date

ERAS = (
    ("明治", "M", date(1868, 1, 25), date(1912, 7, 29)),
    ("大正", "T", date(1912, 7, 30), date(1926, 12, 24)),
    ("昭和", "S", date(1926, 12, 25), date(1989, 1, 7)),
    ("平成", "H", date(1989, 1, 8), date(2019, 4, 30)),
    ("令和", "R", date(2019, 5, 1), date(9999, 12, 31)),
)
BY_NAME = {name: (start, end) for name, _, start, end in ERAS}
BY_NAME.update({letter: (start, end) for _, letter, start, end in ERAS})
BY_NAME.update({letter.lower(): v for letter, v in list(BY_NAME.items()) if len(letter) == 1})


def to_gregorian(era: str, year: int, month: int, day: int) -> date | None:
    """The Gregorian date of an era date, or None when it does not exist."""
    span = BY_NAME.get(era)
    if span is None or year < 1:
        return None
    start, end = span
    try:
        d = date(start.year + year - 1, month, day)
    except ValueError:
        return None
    return d if start <= d <= end else None
