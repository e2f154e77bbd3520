"""The command-line contract (DESIGN.md §8): detect's output, exit codes, languages."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from inventory.cli import main

MY_NUMBER = "123456789018"  # synthetic, valid check digit


def run(*args, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "inventory.cli", *args], input=stdin, capture_output=True, text=True, timeout=120)


def test_detect_jsonl_contract_with_code_point_offsets():
    lines = [
        {"id": "a", "text": f"𠮷野家の個人番号は{MY_NUMBER}です"},  # a non-BMP char first: offsets are code points
        {"id": 2, "text": "連絡先 ０９０－１２３４－５６７８"},
        {"id": "none", "text": "個人データなし"},
    ]
    out = run("detect", "--jsonl", stdin="\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    assert out.returncode == 0, out.stderr
    got = [json.loads(line) for line in out.stdout.splitlines()]
    assert [g["id"] for g in got] == ["a", 2, "none"]
    e = got[0]["entities"][0]
    assert set(e) == {"entity", "start", "end", "score", "text"}
    assert (e["entity"], e["start"], e["end"]) == ("JP_MY_NUMBER", 9, 21)
    assert lines[0]["text"][e["start"] : e["end"]] == e["text"]
    phone = got[1]["entities"][0]
    assert phone["entity"] == "PHONE_NUMBER" and lines[1]["text"][phone["start"] : phone["end"]] == phone["text"]
    assert got[2]["entities"] == []


def test_detect_entities_filter_and_plain_mode(tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text(f"個人番号 {MY_NUMBER}\nTEL 03-1234-5678\n", encoding="utf-8")
    out = run("detect", str(path), "--entities", "PHONE_NUMBER")
    objs = [json.loads(line) for line in out.stdout.splitlines()]
    assert [o["entity"] for o in objs] == ["PHONE_NUMBER"] and objs[0]["where"] == "line 1"


def test_detect_bad_jsonl_is_exit_2_with_line_and_column():
    out = run("detect", "--jsonl", stdin='{"id": 1, "text": "x"}\n{broken\n')
    assert out.returncode == 2
    assert "2 行目" in out.stderr and len(out.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args,expect",
    [
        (["scan", "/nonexistent/share"], "見つかりません"),
        (["--lang", "en", "scan", "/nonexistent/share"], "not found"),
        (["report", "--db", "/nonexistent.db", "--format", "json"], "台帳が見つかりません"),
    ],
)
def test_input_errors_exit_2_with_one_line(tmp_path, args, expect):
    out = run(*args)
    assert out.returncode == 2 and expect in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_invalid_policy_names_file_key_and_line(tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text('threshold = 0.5\n\n[entities]\nJP_MY_NUMBER = 7\n', encoding="utf-8")
    (tmp_path / "share").mkdir()
    out = run("scan", str(tmp_path / "share"), "--db", str(tmp_path / "t.db"), "--policy", str(policy))
    assert out.returncode == 2
    assert f"{policy}:4: entities.JP_MY_NUMBER" in out.stderr
    assert not (tmp_path / "t.db").exists()  # nothing written


def test_scan_runs_report_in_english(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    (share / "a.txt").write_text(f"マイナンバー {MY_NUMBER}\n", encoding="utf-8")
    db = tmp_path / "t.db"
    assert main(["--lang", "en", "scan", str(share), "--db", str(db), "--workers", "0"]) == 0
    out = run("--lang", "en", "runs", "--db", str(db))
    assert "complete" in out.stdout
    out = run("report", "--db", str(db), "--format", "csv", "--lang", "en")
    assert "Level 3" in out.stdout and MY_NUMBER not in out.stdout


def test_a_scan_run_in_process_leaves_the_callers_sigterm_handler_as_it_was(tmp_path):
    import signal

    (tmp_path / "share").mkdir()
    (tmp_path / "share" / "memo.txt").write_text("TEL 03-1234-5678\n", encoding="utf-8")
    before = signal.getsignal(signal.SIGTERM)
    assert main(["scan", str(tmp_path / "share"), "--db", str(tmp_path / "t.db"), "--workers", "0"]) == 0
    assert signal.getsignal(signal.SIGTERM) is before  # the scan's own handler (exit 143) ends with the scan
