"""The privacy guard's two halves, shared by every test that hunts for leaked values: the forms a planted
value can take, and the text of everything a scan leaves behind (store, reports, logs)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path


def raw_forms(value: str) -> set[str]:
    """The value as planted, and its digits alone (numbers are often stored without separators)."""
    forms = {value}
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 8 and "@" not in value:
        forms.add(digits)
    return {f for f in forms if len(f) >= 6}


def haystacks(db: Path, reports: dict[str, Path], logs: dict[str, str]) -> dict[str, str]:
    """Name → text of the store files (db, WAL, key excluded), every report (xlsx unzipped) and the logs."""
    out = dict(logs)
    for path in db.parent.glob(db.name + "*"):
        if path.suffix != ".key":
            out[path.name] = path.read_bytes().decode("utf-8", "replace")
    for path in reports.values():
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                out[path.name] = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
        else:
            out[path.name] = path.read_text(encoding="utf-8-sig")
    return out


# Keyed fingerprints and content hashes are runs of 32+ hex characters; almost every such run holds some
# 7-digit decimal substring, so a planted 7-digit account number turns up inside one by chance in about one
# scan of the demo in a hundred. Hex runs that long are blanked before searching: no raw value is one.
_HEX_RUN = re.compile(r"[0-9a-f]{32,}")


def leaks(planted: list[tuple[str, str]], texts: dict[str, str]) -> list[tuple[str, str]]:
    """(entity, where) for every planted value found anywhere — never the value itself."""
    searched = {where: _HEX_RUN.sub(" ", text) for where, text in texts.items()}
    return sorted({(entity, where) for entity, value in planted for form in raw_forms(value) for where, text in searched.items() if form in text})
