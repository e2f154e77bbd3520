"""The CSV reader's dialect sniffer (crawler.extract.text._Sniffer) decides as ``csv.Sniffer`` does — it only
counts fewer characters — on generated samples: every candidate delimiter, ragged rows, quotes, spaces after
delimiters, Japanese text, blank lines, one-line files, and prose that is no CSV at all; and on the benchmark
corpus's CSVs."""
from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from crawler.extract.text import _DELIMITERS, _Sniffer, decode

_CELLS = ["氏名", "山田 太郎", "東京都千代田区", "03-1234-5678", "12", "3.5", "a,b", "x|y", "備考;あり", "", "\"引用\"", "tab\there", " ", "2026/12/01"]


def _sample(rng: random.Random) -> str:
    shape = rng.random()
    if shape < 0.1:  # prose, no table
        return "\n".join("".join(rng.choice("あいうえお、。,; abc") for _ in range(rng.randint(0, 60))) for _ in range(rng.randint(1, 30)))
    delim = rng.choice(list(_DELIMITERS) + [":", " "])
    width = rng.randint(1, 8)
    lines = []
    for _ in range(rng.randint(1, 60)):
        n = width if rng.random() < 0.85 else rng.randint(1, width + 2)  # some ragged rows
        cells = []
        for _ in range(n):
            cell = rng.choice(_CELLS)
            if rng.random() < 0.2:
                cell = '"' + cell.replace('"', '""') + '"'
            cells.append(cell)
        sep = delim + (" " if rng.random() < 0.2 else "")
        lines.append(sep.join(cells))
        if rng.random() < 0.05:
            lines.append("")
    return ("\r\n" if rng.random() < 0.3 else "\n").join(lines)[:8192]


def _dialect(sniffer: csv.Sniffer, sample: str):
    try:
        d = sniffer.sniff(sample, delimiters=_DELIMITERS)
    except csv.Error as exc:
        return ("error", str(exc))
    return (d.delimiter, d.quotechar, d.doublequote, d.skipinitialspace, d.lineterminator, d.quoting)


@pytest.mark.parametrize("seed", range(25))
def test_the_same_dialect_as_csv_sniffer_on_generated_samples(seed):
    rng = random.Random(seed)
    for _ in range(40):
        sample = _sample(rng)
        assert _dialect(_Sniffer(), sample) == _dialect(csv.Sniffer(), sample)


def test_the_same_dialect_as_csv_sniffer_on_the_benchmark_corpus(tmp_path):
    from benchmarks.corpus import generate

    generate(tmp_path, 120)
    files = sorted(Path(tmp_path).rglob("*.csv"))
    assert len(files) >= 10
    for path in files:
        sample = decode(path.read_bytes())[0][:8192]
        assert _dialect(_Sniffer(), sample) == _dialect(csv.Sniffer(), sample), path.name


def test_without_candidates_it_is_the_standard_library_s():
    sample = "a:b:c\n1:2:3\n4:5:6\n"
    assert _Sniffer().sniff(sample).delimiter == csv.Sniffer().sniff(sample).delimiter == ":"
