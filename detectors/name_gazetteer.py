"""Japanese surnames and given names with their readings and romaji, from the ``japanese-personal-name-dataset``
PyPI package (MIT, © 2022 shuheilocale; surname populations after 名字由来net, given names cross-checked with
Wikidata and the NDL Authorities — see docs/benchmarks.md).

The package's CSV files are read once per process (``gazetteer()``, cached): 1,999 surnames
(``kanji,population,reading,romaji``) and 9,463 given-name readings with every kanji spelling
(``reading,romaji,kanji…``, male and female). Lookups:

- ``surname_automaton``: pyahocorasick over the kanji surnames, to find surnames in running text where the
  tokenizer tagged them as something else (山田 as a place name) — confirmed only with a given name after;
- ``given_at(text, pos)``: the longest kanji given name starting at ``pos`` (the same automaton technique on a
  short window);
- readings (hiragana; katakana is folded) and romaji (Hepburn as in the data — ``satou`` — plus the forms
  people actually type: ``sato``, ``satoh``, ``ohno`` …) for both parts.

Building everything, automata included, costs ≈ 0.6 s and a few MB; ``gazetteer()`` builds it once and keeps a
pickled copy in the derived-data cache (``detectors.data_cache``), which later processes read in ≈ 0.05 s.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import ahocorasick

_KATA_TO_HIRA = {c: c - 0x60 for c in range(0x30A1, 0x30F7)}
# Romaji long vowels as typed on business cards and e-mail signatures (Satō → Sato / Satoh / Satou, Ōno → Ono / Ohno).
_KUNREI = (("sha", "sya"), ("shu", "syu"), ("sho", "syo"), ("shi", "si"), ("cha", "tya"), ("chu", "tyu"), ("cho", "tyo"),
           ("chi", "ti"), ("tsu", "tu"), ("fu", "hu"), ("ja", "zya"), ("ju", "zyu"), ("jo", "zyo"), ("ji", "zi"))
_LONG_VOWELS = (("ou", ("o", "oh")), ("oo", ("o", "oh")), ("uu", ("u",)))


def to_hiragana(text: str) -> str:
    return text.translate(_KATA_TO_HIRA)


def kunrei(romaji: str) -> str:
    """Hepburn → Kunrei-shiki (mitsuru → mituru, shouhei → syouhei), as many people write their names."""
    out = romaji
    for hepburn, k in _KUNREI:
        out = out.replace(hepburn, k)
    return out


def romaji_variants(romaji: str) -> set[str]:
    """``satou`` → {satou, sato, satoh}; ``yuusuke`` → {yuusuke, yusuke}; Kunrei forms too. Lower-case."""
    out = {romaji.lower(), kunrei(romaji.lower())}
    for long, shorts in _LONG_VOWELS:
        for form in list(out):
            if long in form:
                for short in shorts:
                    out.add(form.replace(long, short))
                    if form.endswith(long):
                        out.add(form[: -len(long)] + short)
    return out


# Hiragana → Hepburn as typed (wāpuro: まあや → maaya, さとう → satou), for the romaji the dataset writes without a
# long vowel (まあや is listed as "maya"). Hand-written: no kana-to-romaji library is among the dependencies, and
# the table is small and fixed.
_MORA = dict(zip(
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽゔ",
    "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ma mi mu me mo ya yu yo "
    "ra ri ru re ro wa o n ga gi gu ge go za ji zu ze zo da ji zu de do ba bi bu be bo pa pi pu pe po vu".split(),
))
_YOON = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_YOON_STEM = {"shi": "sh", "chi": "ch", "ji": "j"}


def romaji_of(reading: str) -> str | None:
    """Hepburn for a kana reading (きょうこ → kyouko, まあや → maaya, はっとり → hattori); None for other text."""
    out: list[str] = []
    double = False
    for ch in to_hiragana(reading):
        if ch == "っ":
            double = True
            continue
        if ch in _YOON and out and out[-1].endswith("i") and len(out[-1]) >= 2:
            prev = out.pop()
            out.append(_YOON_STEM.get(prev, prev[:-1] + "y") + _YOON[ch])
            continue
        mora = _MORA.get(ch)
        if mora is None:
            return None
        if double:
            mora = ("t" if mora.startswith("ch") else mora[0]) + mora
            double = False
        out.append(mora)
    return "".join(out) if out and not double else None


# Old or variant forms people keep in their surnames (髙橋, 山﨑, 德永, 𠮷田) that NFKC leaves alone and the dataset
# lists only in the common form (it has 渡邉, 濱田, 櫻井 … itself).
_VARIANT_KANJI = {"高": "髙", "崎": "﨑", "徳": "德", "吉": "𠮷", "瀬": "瀨", "辺": "邉"}


def _variants(kanji: str) -> set[str]:
    """A surname with each variant character substituted (one at a time and all together)."""
    out = set()
    for common, variant in _VARIANT_KANJI.items():
        if common in kanji:
            out.add(kanji.replace(common, variant))
    if len(out) > 1:
        out.add("".join(_VARIANT_KANJI.get(ch, ch) for ch in kanji))
    return out - {kanji}


def _dataset_dir() -> Path:
    import japanese_personal_name_dataset

    return Path(japanese_personal_name_dataset.__file__).parent / "dataset"


def _automaton(words) -> ahocorasick.Automaton:
    """Every word, its length as the value (the match's start is end + 1 - length)."""
    a = ahocorasick.Automaton()
    for word in words:
        a.add_word(word, len(word))
    a.make_automaton()
    return a


@dataclass(frozen=True)
class NameGazetteer:
    surnames: dict[str, str]  # kanji → hiragana reading
    given: frozenset[str]  # kanji spellings of given names
    surname_readings: frozenset[str]
    given_readings: frozenset[str]
    surname_romaji: frozenset[str]
    given_romaji: frozenset[str]

    @cached_property
    def surname_automaton(self) -> ahocorasick.Automaton:
        return _automaton(self.surnames)

    @cached_property
    def given_automaton(self) -> ahocorasick.Automaton:
        return _automaton(self.given)

    def surnames_in(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every kanji surname occurrence, longest first where they overlap at one end."""
        return [(end + 1 - n, end + 1) for end, n in self.surname_automaton.iter(text)]

    def given_at(self, text: str, pos: int, max_len: int = 4) -> int:
        """Length of the longest given name spelled at ``text[pos:]`` (0 if none)."""
        window = text[pos : pos + max_len]
        best = 0
        for end, n in self.given_automaton.iter(window):
            if end + 1 - n == 0:
                best = max(best, n)
        return best

    def is_surname(self, word: str) -> bool:
        return word in self.surnames or to_hiragana(word) in self.surname_readings

    def is_given(self, word: str) -> bool:
        return word in self.given or to_hiragana(word) in self.given_readings


_FILES = ("last_name_org.csv", "first_name_man_org.csv", "first_name_woman_org.csv")


@lru_cache(maxsize=1)
def gazetteer() -> NameGazetteer:
    """The process's gazetteer, automata included: unpickled from the derived-data cache (≈ 0.05 s) when one
    matches this file, the dataset's package and CSVs and pyahocorasick, else built (≈ 0.6 s) and cached
    (``detectors.data_cache``)."""
    from detectors.data_cache import cache_key, cached

    folder = _dataset_dir()
    key = cache_key(__file__, ("japanese-personal-name-dataset", "pyahocorasick"), [folder / name for name in _FILES])
    return cached("name-gazetteer", key, _build_with_automata, NameGazetteer)


def _build_with_automata() -> NameGazetteer:
    g = build()
    g.surname_automaton, g.given_automaton  # built now, so that the cached copy holds them
    return g


def build() -> NameGazetteer:
    folder = _dataset_dir()
    surnames: dict[str, str] = {}
    surname_romaji: set[str] = set()
    with open(folder / "last_name_org.csv", encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            if len(row) >= 4 and row[0]:
                surnames.setdefault(row[0], row[2])
                surname_romaji |= romaji_variants(row[3])
                if (typed := romaji_of(row[2])) is not None:
                    surname_romaji |= romaji_variants(typed)
    for kanji, reading in list(surnames.items()):
        for variant in _variants(kanji):
            surnames.setdefault(variant, reading)
    given: set[str] = set()
    given_readings: set[str] = set()
    given_romaji: set[str] = set()
    for name in ("first_name_man_org.csv", "first_name_woman_org.csv"):
        with open(folder / name, encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                if len(row) >= 3 and row[0]:
                    given_readings.add(row[0])
                    given_romaji |= romaji_variants(row[1])
                    if (typed := romaji_of(row[0])) is not None:
                        given_romaji |= romaji_variants(typed)
                    given.update(k for k in row[2:] if k)
    return NameGazetteer(
        surnames=surnames,
        given=frozenset(given),
        surname_readings=frozenset(surnames.values()),
        given_readings=frozenset(given_readings),
        surname_romaji=frozenset(surname_romaji),
        given_romaji=frozenset(given_romaji),
    )
