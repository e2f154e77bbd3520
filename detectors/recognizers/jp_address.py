"""JP_ADDRESS — 東京都千代田区丸の内1-2-3 丸の内ビル5F: a gazetteer chain extended over block numbers and buildings.

Candidates come from an Aho–Corasick automaton over prefectures and municipalities built from Japan
Post's data (``detectors.address_gazetteer``), and backwards from a block number to a 町域 before it.
From each candidate the address is extended, in order, over:

1. prefecture, then municipality (a designated city and its ward, a 郡 and its town; a municipality
   merged away since the data — 印旛郡本埜村 — only when a town or block number follows; a designated city's
   ward without its city — 伏見区深草西出町64, as one city's facility lists write it — only when a 町域 follows);
2. a 町域 known to Japan Post (大字/字 before it allowed; ケ/ヶ and a 条 number in digits — 八軒2条西 — as well),
   Hokkaido's grid (北3条西, 6条通, abbreviated 北16西2-1-1, 第46線北), Kyoto's street notation
   (今出川通烏丸東入玄武町, 寺ノ内通千本東入1丁目下る姥ケ寺之前町: up to three more turns), a numbered town (1番町),
   or up to 12 characters of kanji/kana/Latin directly followed by a block number (towns newer than the data,
   丸の内JPタワー) or by a bare 番地 ending the field (西根 + 大谷120); a 字 ending the field (東納庫字足丁); a
   particle (で, に, は …) ends the address;
3. a block number: 3丁目5番12号, 三丁目五番, 123番地の4, 1の3, 一ノ三, 1-2-3 (any dash NFKC and
   ``detectors.normalize`` fold to '-'), 12地割, 甲乙 (四丁目乙12番地, 843番地の乙), a direction after 丁目
   (平和通1丁目南6番16号), 番外地; after a known town, a bare number too (登大路町30; in kanji, 上木町九十五, only
   ending the field), and right after a prefecture + city a bare 番地 ending the field (龍ケ崎市3316); what is
   written right after the last group: 号室, 番館, 2F, 301C;
4. a building and room: a word such as ビル, マンション, ハイツ, コーポ within the next run of
   characters (after at most one space), with a floor or room number (5F, 3階, 301号室, 215) after it,
   a name after the word (ハイツ博多 203号室), or a room number alone (101号室); a building without a
   building word only by its floor or room (渋谷フクラス 5F).

"The regex proposes, the check decides": a place name alone (東京で会議, 大阪支店, 横浜市の天気) is not an
address. What passes the check (0.60): municipality + 町域 or block number, or a 町域 + a block
number of two or more parts (丸の内1-2-3). A 町域 with a one-part block (銀座4丁目) and a prefecture +
municipality with nothing after it (東京都港区で会議: news and minutes name places so; measured on
hironsancorpus, 6 such spans in 500 real sentences, none an address) score 0.40. A prefecture or municipality alone is marked ``needs_context``: only an
address word (住所, 所在地, 現住所, 送付先 …), 〒 or a column header lifts it. Any of those lifts every
candidate to 0.95 (``detectors.context``).

Evidence on each result: ``pattern:gazetteer``, ``chain:pref+muni+town+block+building`` (the parts
found), ``check`` when the chain decides, and the context word.

Real addresses with gold spans (``tests.corpus.facility_addresses``: public facilities' published addresses;
rules tuned on its DEV part only): HELD-OUT P 0.989 / R 0.972 (docs/benchmarks.md, 2026-12-02).
Measured (one shared core, under load): 2,000 Faker ja_JP addresses in forms and prose found whole
(2,000/2,000 exact spans), 464 real-looking public-office addresses in 8 templates 464/464, no
false positive on 619 negatives (place names alone, company names, dates, chapter numbers, Faker
prose); ≈ 0.6–1.8 M chars/s over prose, ≈ 60–230 k chars/s over address-dense short forms (the cost is
per address found, ≈ 100 µs).

Hand-written rather than a library: no PyPI address parser for Japanese works offline on free text
(normalisers such as jageocoder need a separately downloaded dictionary and expect one address per
call, not a span search in prose).
"""
from __future__ import annotations

import re
from typing import List

from presidio_analyzer import RecognizerResult

from detectors.address_gazetteer import MUNICIPALITY, PREFECTURE, WARD, gazetteer
from detectors.recognizers.base import CHECKED_SCORE, FORMAT_SCORE, NEEDS_CONTEXT, WEAK_CHECKED_SCORE, JpLocalRecognizer

_NUM = r"(?:[1-9][0-9]{0,3}|[一二三四五六七八九十百〇]{1,4})"
_UNIT = r"(?:丁目|番地|番|号|地割)"
_NUM_AT = re.compile(_NUM)
_UNIT_AT = re.compile(_UNIT)
_DIGITS_AT = re.compile(r"[1-9][0-9]{0,3}")
# A block number not right after a digit or "-": ``(?<![0-9\-]){_NUM}(?:{_UNIT}|-[1-9])``, written to start with the
# class of _NUM's first character and to check the lookbehind once that character is read (two characters back),
# then _NUM's rest per branch: a pattern that starts with a lookbehind is tried at every position, one that starts
# with a class lets the engine skip to the next digit (65 → 18 ms over corpus-600's texts; the same matches,
# tests/detectors/test_jp_address.py).
_KANJI_DIGITS = "一二三四五六七八九十百〇"
_BLOCK_SEARCH = re.compile(
    rf"[1-9{_KANJI_DIGITS}](?<![0-9\-].)(?:(?<=[1-9])[0-9]{{0,3}}|(?<=[{_KANJI_DIGITS}])[{_KANJI_DIGITS}]{{0,3}})(?:{_UNIT}|-[1-9])"
)
_FILLER = re.compile(r"(?:大字|字)?(?:[\u4e00-\u9fff々ヶケヵ\u30a1-\u30faー・A-Za-z]|(?![でにはをへとやもよ])[\u3041-\u3096]){1,12}?(?=" + rf"{_NUM}(?:{_UNIT}|-[1-9]))")
# the rest of a 町域 (or a 字 after it) before a 番地 written without its unit, where that number ends the line or the
# field (西根 + 大谷120, 竜ケ池31): facility lists and address columns write 番地 so; in prose a bare number is too
# often a count, so the number must end the address: end of text, a space, 、。, a bracket, or a particle or copula
# that closes a place (に, へ, で, です, まで, から, より; not 人, 年, 円 …)
_FIELD_END = r"(?=$|[\s、。,，()（）]|[にへでをがはと]|まで|から|より)"
_LOT_END = r"[1-9][0-9]{0,3}" + _FIELD_END
_FILLER_TO_LOT = re.compile(r"(?:大字|字)?(?:[\u4e00-\u9fff々ヶケヵ\u30a1-\u30faー・]|(?![でにはをへとやもよ])[\u3041-\u3096]){1,10}?(?=" + _LOT_END + ")")
_LOT_AT_END = re.compile(_LOT_END)
# Sapporo's grid abbreviated, without 条 and 丁目: 北16西2-1-1 (北16条西2丁目1-1); Hokkaido's numbered lines of a
# settlement grid (新篠津村第46線北10番地)
_JO_SHORT = re.compile(r"[東西南北][1-9][0-9]?[東西南北](?=[1-9][0-9]?-[1-9])|第?[1-9][0-9]{0,2}線[東西南北]?(?=[1-9])")
# a 番地 in kanji numerals ending the field after a town (大聖寺上木町九十五), a lot without a number (番外地, 無番地)
_KANJI_LOT_AT_END = re.compile(r"[一二三四五六七八九十百]{1,5}" + _FIELD_END)
_NO_NUMBER_LOT = re.compile(r"番外地|無番地")
# a 字 (小字) after a town ending the field: 東納庫 + 字足丁
_AZA_AT_END = re.compile(r"字[\u4e00-\u9fff々ヶケノ\u30a1-\u30fa]{1,8}" + _FIELD_END)
_BETWEEN_GROUPS = re.compile(r"[甲乙丙丁東西南北]")
_KOU_OTSU_AFTER = re.compile(r"の?[甲乙丙丁](?![\u4e00-\u9fff])")
# written right after a block's last group: 号 + 室, 番 + 館, a digit + a floor (2F, 3階) or a room's letter (301C)
_BLOCK_TAIL = re.compile(r"(?:室|館|F|階|[A-Z])(?=$|[\s、。,，()（）]|(?<=[室館F階])(?![A-Za-z0-9]))")
_TAIL_AFTER = {"室": "号", "館": "番"}
_AZA = re.compile(r"大字|字")
_FORMER_TOWN_OF_COUNTY = re.compile(r"[\u4e00-\u9fff々ヶケ]{1,4}?[町村]")
_FORMER_MUNICIPALITY = re.compile(r"(?:[\u4e00-\u9fff々ヶケ]{1,4}郡)?[\u4e00-\u9fff々ヶケ]{1,4}?[市町村]")
BUILDING_WORDS = (
    "ビルディング", "ビル", "マンション", "ハイツ", "コーポ", "アパート", "レジデンス", "タワー", "ハウス", "パレス", "ヒルズ",
    "コート", "メゾン", "シャトー", "プラザ", "テラス", "ガーデン", "パーク", "シティ", "ハイム", "ヴィラ", "ビラ", "クレスト",
    "シャルム", "アーバン", "カーサ", "フラット", "レジデンシャル", "スクエア", "センター", "会館", "荘", "寮", "団地", "住宅", "号棟", "棟",
)
_BUILDING_WORD = re.compile("|".join(BUILDING_WORDS))
_RUN = re.compile(r"[^\s、。,，;；:：()（）「」【】\[\]<>＜＞/]{1,40}")
_ROOM = re.compile(r"(?:[0-9]{1,5}(?:号室|号|F|階)?|[0-9]{1,3}-[0-9]{1,4})(?![0-9])")
_ROOM_ALONE = re.compile(r"\s?[0-9]{1,5}(?:号室|F|階)")
_BUILDING_NAME = re.compile(r"[\u4e00-\u9fff々ヶ\u30a1-\u30faーA-Za-z0-9・\-]{1,16}")
_NAMED_FLOOR = re.compile(r"[\u4e00-\u9fff々ヶ\u30a1-\u30faーA-Za-z・]{2,20} ?[0-9]{1,4}(?:F|階|号室)(?![0-9A-Za-z])")
_JO = re.compile(r"[東西南北]?(?:[1-9][0-9]?|[一二三四五六七八九十]{1,3})(?:条(?:通)?[東西南北]?|番[町丁])(?=[0-9一二三四五六七八九十])")
_BARE_LOT = re.compile(r"[1-9][0-9]{0,3}(?![0-9\-年月日時分秒歳円人件名回%])")
_ROOM_AFTER_SPACE = re.compile(r" [0-9]{1,5}(?![0-9\-])")
_BUILDING_SUFFIX = re.compile(r"[A-Za-z0-9東西南北本新別館棟号\-]{1,3}")  # a wing or letter after the building word
_BUILDING_REACH = 14  # characters after the building word in which its room number may stand
# Kyoto's street notation (通り名): the street, the crossing street and the direction from the crossing — 寺町通御池上る,
# 下立売通新町西入, 河原町三条下ル — then often a 丁目, the 町域 and the block (今出川通烏丸東入玄武町601). Japan Post
# lists most of these towns without the street part, so the street is read here, right after the municipality.
_KYOTO_DIRECTION = r"(?:上る|下る|上ル|下ル|西入る|東入る|西入ル|東入ル|西入|東入)"
_KYOTO_NAME = r"[\u4e00-\u9fff々ヶノの]"
# … then more turns: 寺ノ内通千本東入1丁目下る, 今出川通烏丸東入上る, 上御霊南門下る東入二筋目下る (a block, a side street, a
# street crossed), at most three
_KYOTO_STREET = re.compile(
    rf"(?:{_KYOTO_NAME}{{1,6}}?通{_KYOTO_NAME}{{0,6}}?|{_KYOTO_NAME}{{1,6}}?){_KYOTO_DIRECTION}"
    rf"(?:(?:[1-9一二三四五六七八九]丁目|[一二三四五六七八九]筋目|{_KYOTO_NAME}{{0,6}}?){_KYOTO_DIRECTION}){{0,3}}"
)
_CHOME = re.compile(r"(?:[1-9]|[一二三四五六七八九])丁目")
_KYOTO_TOWN = re.compile(r"[\u4e00-\u9fff々ヶノの]{1,6}?町")  # a 町 after a street Japan Post spells otherwise (藪ノ内町 / 藪之内町)


def _block_at(text: str, pos: int) -> tuple[int, int]:
    """(end, groups) of a block number starting at ``pos``; (pos, 0) when there is none.

    Groups joined by a unit (3丁目5番12号, 三丁目五番), 'の' or 'ノ' (123番地の4, 紀尾井町1の3, 一の三) or '-' between
    digits (1-2-3); after a unit 甲乙丙丁 (四丁目乙12番地, 843番地の乙) or a direction (平和通1丁目南6番16号) may stand
    before the next number. A block number needs a unit, a dash or a の: a bare number is not one. A kanji numeral
    without a unit after it ends the block before it (三丁目十日市場: 十 starts the next name), unless a の stands
    before it. Written right after the last group, 室 of 号室, 館 of 番館, a floor (2F, 3階) and a letter of a
    room (301C) are part of it."""
    i, end, groups, marked, after_no = pos, pos, 0, False, False
    while m := _NUM_AT.match(text, i):
        unit = _UNIT_AT.match(text, m.end())
        if unit is not None and unit.group(0) == "番" and text.startswith(("町", "丁"), unit.end()):
            break  # 1番町, 四番丁: part of a town's name
        if unit is None and not m.group(0).isdigit() and not after_no and not text.startswith(("の", "ノ"), m.end()):
            break
        groups += 1
        i = end = unit.end() if unit else m.end()
        marked = marked or unit is not None
        after_no = False
        if text.startswith(("の", "ノ"), i) and _NUM_AT.match(text, i + 1):
            marked, after_no = True, True
            i += 1
        elif text.startswith("-", i) and m.group(0).isdigit() and _DIGITS_AT.match(text, i + 1):
            marked = True
            i += 1
        elif unit is not None and (between := _BETWEEN_GROUPS.match(text, i)) and _NUM_AT.match(text, between.end()):
            i = between.end()  # 四丁目乙12番地, 1丁目南6番16号
        elif unit is not None and (kou := _KOU_OTSU_AFTER.match(text, i)):
            end = kou.end()  # 843番地の乙
            break
        elif unit is None or not _NUM_AT.match(text, i):
            break
    if not groups or not marked:
        return pos, 0
    if (tail := _BLOCK_TAIL.match(text, end)) and text[end - 1] in _TAIL_AFTER.get(tail.group(0), "0123456789"):
        end = tail.end()
    return end, groups


def _building_at(text: str, pos: int) -> int:
    """End of a building (with its floor/room) or a room number alone starting at ``pos`` (after ≤ 1 space)."""
    start = pos + 1 if pos < len(text) and text[pos] in " " else pos
    if m := _ROOM_ALONE.match(text, pos):
        return m.end()
    run = _RUN.match(text, start)
    if not run:
        return pos
    best = pos
    for word in _BUILDING_WORD.finditer(run.group(0)):
        w_end = start + word.end()
        best = max(best, w_end)
        for room in _ROOM.finditer(text, w_end, min(run.end(), w_end + _BUILDING_REACH)):
            best = max(best, room.end())
        if (suffix := _BUILDING_SUFFIX.match(text, best)) and suffix.end() == run.end():
            best = run.end()  # クイーンズタワーA, ビル東館, コーポ2号棟: the rest of the name
        elif (name := _BUILDING_NAME.match(text, w_end)) and name.end() == run.end():
            best = run.end()  # ハイツ博多, グリーンハイツ川口: a name after the word
        tail = _ROOM_ALONE.match(text, best)  # ハイツ山田 101号室
        if tail:
            best = tail.end()
        elif best == w_end and (sp := _ROOM_AFTER_SPACE.match(text, best)):
            best = sp.end()  # コーポ山田 101
    if best == pos and (named := _NAMED_FLOOR.match(text, start)):
        best = named.end()  # 渋谷フクラス 5F: a building without a building word, known by its floor or room
    return best


class JpAddressRecognizer(JpLocalRecognizer):
    ENTITY = "JP_ADDRESS"
    CONTEXT = ("住所", "所在地", "現住所", "送付先", "お届け先", "届け先", "住居", "居所", "本籍", "連絡先住所", "〒", "郵便番号", "在住", "在勤", "address", "addr")
    HEADER_WORDS = CONTEXT + ("所在", "自宅", "勤務地", "送り先", "請求先", "配送先")
    CONTEXT_WINDOW = 24  # 〒123-4567 and a space fit before the start
    NEEDS_DIGITS = False  # 東京都港区芝公園 is an address without a digit

    def load(self) -> None:
        gazetteer()

    def analyze(self, text, entities, nlp_artifacts=None) -> List[RecognizerResult]:
        if text.isascii():
            return []
        gaz = gazetteer()
        places = gaz.places(text)
        out: list[RecognizerResult] = []
        covered_to = -1
        for start in sorted(places):
            if start < covered_to:
                continue
            found = self._extend(text, start, places, gaz)
            if found is None:
                continue
            end, parts = found
            out.append(self._scored(start, end, parts))
            covered_to = end
        # a 町域 followed by a block number, with no municipality before it (丸の内1-2-3)
        for block in _BLOCK_SEARCH.finditer(text):
            b = block.start()
            if any(r.start <= b < r.end for r in out):
                continue
            floor = max([r.end for r in out if r.end <= b], default=0)
            t_start = gaz.town_ending_at(text, b, floor)
            if t_start == b:
                continue
            a = _AZA.search(text, max(floor, t_start - 2), t_start)
            if a and a.end() == t_start:
                t_start = a.start()
            b_end, groups = _block_at(text, b)
            if not groups:
                continue
            end = _building_at(text, b_end)
            parts = ["town", "block"] + (["building"] if end > b_end else [])
            out.append(self._scored(t_start, end, parts, groups))
        out.sort(key=lambda r: r.start)
        return out

    def _extend(self, text: str, start: int, places, gaz) -> tuple[int, list[str]] | None:
        parts: list[str] = []
        pos = start
        hits = places.get(start, [])
        prefs = [e for e, k in hits if k == PREFECTURE]
        if prefs:
            pos = max(prefs)
            parts.append("pref")
        munis = [e for e, k in places.get(pos, []) if k == MUNICIPALITY]
        ward_alone = not munis and bool(wards := [e for e, k in places.get(pos, []) if k == WARD])
        if ward_alone:
            munis = wards  # 伏見区深草西出町64 in a list of one city's facilities: a municipality if a town follows
        former_from = None
        if munis:
            pos = max(munis)
            parts.append("muni")
            inner = [e for e, k in places.get(pos, []) if k == MUNICIPALITY]  # 横浜市 + 西区, 印旛郡 + 酒々井町
            if inner and text[pos - 1] in "市郡":
                pos = max(inner)
            elif text[pos - 1] == "郡" and (old := _FORMER_TOWN_OF_COUNTY.match(text, pos)):
                former_from, pos = pos, old.end()  # 印旛郡 + 本埜村 (merged away): kept only if a town or block follows
        elif parts and (old := _FORMER_MUNICIPALITY.match(text, pos)):
            # a municipality merged away since Japan Post's data (印旛郡本埜村): kept only when a town or
            # a block number follows
            former_from, pos = pos, old.end()
            parts.append("muni")
        if not parts:
            return None
        street = _KYOTO_STREET.match(text, pos) if parts[-1] == "muni" else None
        if street is not None:
            pos = street.end()
            if chome := _CHOME.match(text, pos):
                pos = chome.end()
            town_end = gaz.town_at(text, pos, allow_short=False)  # the 町域 after the street, when there is one
            if town_end == pos and (town := _KYOTO_TOWN.match(text, pos)):
                town_end = town.end()
            pos = town_end
            parts.append("town")
        elif parts[-1] == "muni":
            aza = _AZA.match(text, pos)
            town_from = aza.end() if aza else pos
            town_end = gaz.town_at(text, town_from, allow_short=False)
            if town_end == town_from:  # a one-character 町域 (東, 乙) only with a block number after it
                short = gaz.town_at(text, town_from, allow_short=True)
                if short > town_from and _block_at(text, short)[1]:
                    town_end = short
            if town_end > town_from:
                pos = town_end
                parts.append("town")
                if not _block_at(text, pos)[1] and not _LOT_AT_END.match(text, pos) and (
                    more := _JO.match(text, pos) or _FILLER.match(text, pos) or _FILLER_TO_LOT.match(text, pos)
                ):
                    pos = more.end()  # 桔梗が丘南 + 1番町, 虎ノ門 + ヒルズ森タワー: more of the town before its block number
                elif aza_end := _AZA_AT_END.match(text, pos):
                    pos = aza_end.end()
            elif jo := _JO.match(text, town_from) or _JO_SHORT.match(text, town_from):
                pos = jo.end()  # 北3条西, 6条通: Hokkaido's grid, written with digits
                parts.append("town")
            elif filler := _FILLER.match(text, pos) or _FILLER_TO_LOT.match(text, pos):
                pos = filler.end()
                parts.append("town")
        if ward_alone and parts[-1] != "town":
            return None  # 中央区 alone, 北区で: a ward's name is too common a word without its town
        if former_from is not None and parts[-1] == "muni" and not _block_at(text, pos)[1]:
            pos = former_from  # no town, no block: what the gazetteer knows, alone
            if parts == ["pref", "muni"] and text[pos - 1] != "郡":
                parts.pop()
        b_end, groups = _block_at(text, pos)
        if not groups and pos < len(text) and text[pos] == " ":
            b_end, groups = _block_at(text, pos + 1)  # 千代田区丸の内 1-2-3
        if not groups and "muni" in parts and (no_number := _NO_NUMBER_LOT.match(text, pos)):
            b_end, groups = no_number.end(), 1
        elif not groups and parts[-1] == "town" and "muni" in parts and (
            lot := _BARE_LOT.match(text, pos) or _KANJI_LOT_AT_END.match(text, pos)
        ):
            b_end, groups = lot.end(), 1  # 登大路町30: a 番地 written without its unit, after a known town
        elif not groups and parts == ["pref", "muni"] and (lot := _LOT_AT_END.match(text, pos) or _KANJI_LOT_AT_END.match(text, pos)):
            b_end, groups = lot.end(), 1  # 茨城県龍ケ崎市3316: a city without 町域, its 番地 ending the field
        if groups:
            pos = b_end
            parts.append("block")
            end = _building_at(text, pos)
            if end > pos:
                pos = end
                parts.append("building")
        if ward_alone:
            parts[parts.index("muni")] = "ward"
        return pos, parts

    def _scored(self, start: int, end: int, parts: list[str], groups: int = 0) -> RecognizerResult:
        chain = "chain:" + "+".join(parts)
        has = set(parts)
        if "ward" in has:
            # a designated city's ward without its city: with its block an address (伏見区深草西出町64); with a town
            # alone as often a place named (南区中央公園で花見) — weak, an address word or a header lifts it
            if "block" in has:
                return self.result(start, end, CHECKED_SCORE, "pattern:gazetteer", chain, "check")
            return self.result(start, end, WEAK_CHECKED_SCORE, "pattern:gazetteer", chain)
        if "muni" in has and has & {"town", "block"}:
            return self.result(start, end, CHECKED_SCORE, "pattern:gazetteer", chain, "check")
        if "pref" in has and "muni" in has:
            # 熊本県阿蘇市で, 東京都港区の会場: in prose mostly a place named, not where someone lives — weak alone
            # (kept for the audit trail); an address word (住所, 在住 …), 〒 or a column header makes it an address
            return self.result(start, end, WEAK_CHECKED_SCORE, "pattern:gazetteer", chain)
        if "block" in has and has & {"town", "pref"}:
            score = CHECKED_SCORE if groups >= 2 and "town" in has else WEAK_CHECKED_SCORE
            return self.result(start, end, score, "pattern:gazetteer", chain, *(("check",) if score == CHECKED_SCORE else ()))
        return self.result(start, end, FORMAT_SCORE, "pattern:gazetteer", chain, NEEDS_CONTEXT)
