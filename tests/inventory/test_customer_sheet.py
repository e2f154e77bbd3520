"""End to end (issue #5): a 1,200-row customer list (氏名/フリガナ/住所/電話番号) scanned through the CLI and
the real scan loop, with and without its header row (and header-less as a CP932 CSV): columns labelled, every row's person counted once.

Values are synthetic (Faker ja_JP, seeded). Assertions read the store: entities, locations, evidence,
counts — never a value, and the logs must hold none of them.
"""
from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections import defaultdict

import pytest
from faker import Faker
from openpyxl import Workbook

from detectors.columns import column_of
from inventory.store import Store
from tests.privacy import haystacks, leaks

pytestmark = pytest.mark.slow

ROWS = 1_200
HEADER = ["氏名", "フリガナ", "住所", "電話番号"]
EXPECTED = {"A": "PERSON", "B": "PERSON", "C": "JP_ADDRESS"}  # D: phone numbers, by their own recognizer


def _customers(seed: int = 20261201) -> list[list[str]]:
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    rows, seen = [], set()
    while len(rows) < ROWS:
        row = [fake.name(), fake.kana_name(), fake.address(), fake.phone_number()]
        if tuple(row) not in seen:  # 1,200 different customers (names may repeat, a whole row may not)
            seen.add(tuple(row))
            rows.append(row)
    return rows


def _write(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "顧客"
    for row in rows:
        ws.append(row)
    wb.save(path)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    root = tmp_path_factory.mktemp("customers")
    share = root / "share"
    share.mkdir()
    customers = _customers()
    assert len({r[0] for r in customers}) < ROWS  # namesakes exist: a count by name alone would be wrong
    _write(share / "顧客名簿.xlsx", [HEADER] + customers)
    _write(share / "顧客名簿_見出しなし.xlsx", customers)
    with open(share / "顧客名簿_見出しなし.csv", "w", encoding="cp932", newline="") as out:  # as Excel saves it in Japan
        csv.writer(out).writerows(customers)
    db = root / "tanaoroshi.db"
    cmd = [sys.executable, "-m", "inventory.cli", "--log-level", "DEBUG", "scan", str(share), "--db", str(db), "--workers", "1"]
    scan = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert scan.returncode == 0, f"scan failed with exit {scan.returncode}"
    with Store.open(db) as store:
        run = store.latest_run_id()
        assets = {}
        for row in store.asset_rows(run):
            assets[row["path"]] = (row, store.findings_of(row["id"]))
    return customers, assets, haystacks(db, {}, {"logs": scan.stdout + scan.stderr}), share


def _by_column(findings):
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for f in findings:
        if f.score >= 0.5:
            out[column_of(f.where)[1]][f.entity] += 1
    return out


@pytest.mark.parametrize("path,first_row", [("顧客名簿.xlsx", 2), ("顧客名簿_見出しなし.xlsx", 1), ("顧客名簿_見出しなし.csv", 1)])
def test_person_count_is_every_row_once(scanned, path, first_row):
    _, assets, _, _ = scanned
    row, findings = assets[path]
    assert row["persons"] == ROWS
    assert row["tier"] == 3  # more than 1,000 people in one asset
    rows_with_person = {int(re.sub(r"^.*[!A-Z ]", "", f.where)) for f in findings if f.entity == "PERSON" and f.score >= 0.5}
    assert rows_with_person == set(range(first_row, first_row + ROWS))


@pytest.mark.parametrize(
    "path,source", [("顧客名簿.xlsx", "header"), ("顧客名簿_見出しなし.xlsx", "values"), ("顧客名簿_見出しなし.csv", "values")]
)
def test_columns_are_labelled(scanned, path, source):
    _, assets, _, _ = scanned
    _, findings = assets[path]
    by_column = _by_column(findings)
    for column, entity in EXPECTED.items():
        counts = by_column[column]
        assert counts.get(entity, 0) == ROWS, f"column {column}: {dict(counts)}"
        assert sum(counts.values()) == ROWS, f"column {column} holds other entities: {dict(counts)}"
    assert set(by_column["D"]) == {"PHONE_NUMBER"}
    labelled = [f for f in findings if f.recognizer == "ColumnLabel"]  # cells no recognizer covered, if any
    assert all(any(e.startswith(f"column:{source}:") for e in f.evidence) for f in labelled)


@pytest.mark.parametrize(
    "path,source", [("顧客名簿.xlsx", "header"), ("顧客名簿_見出しなし.xlsx", "values"), ("顧客名簿_見出しなし.csv", "values")]
)
def test_column_labels_on_the_workers_path(scanned, path, source):
    """The labels themselves, from the worker's own steps (extract, analyze in batches, label), on the first 200 rows."""
    from crawler.extract import extract_path
    from crawler.limits import Limits
    from detectors.columns import label_columns
    from inventory.worker import _analyzer

    share = scanned[3]
    extracted = extract_path(str(share / path), Limits(), name=path)
    segments = [s for s in extracted.segments if column_of(s.where) and int(re.sub(r"^.*[!A-Z ]", "", s.where)) <= 200]
    results = [ms for _, ms in _analyzer(None).analyze_batched(segments)]
    labels = {c.column: (c.label, c.source) for c in label_columns(segments, results) if c.cells > 1}
    assert labels == {"A": ("PERSON", source), "B": ("PERSON", source), "C": ("JP_ADDRESS", source), "D": ("PHONE_NUMBER", source)}


def test_store_and_logs_hold_no_value(scanned):
    customers, _, texts, _ = scanned
    planted = [(entity, value) for row in customers for entity, value in zip(("PERSON", "PERSON", "JP_ADDRESS", "PHONE_NUMBER"), row)]
    assert not leaks(planted, texts)
