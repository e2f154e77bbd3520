"""Table awareness: what each column of a spreadsheet or CSV holds, judged from its header and its cells.

pdscan's ``internal/rules.go`` keeps every rule in one table, column names normalised first; so does
this module (``HEADER_RULES``, ``VALUE_RULES``). A column is a run of table-cell segments with the same
table, column letter and header (``sheet 顧客!C5`` → table ``sheet 顧客!``, column ``C``; ``cell C5`` for a
CSV; ``table 1!B3`` for a document table).

1. **Header**: the header is NFKC-normalised, lower-cased, ``_``/``-``/``・`` read as spaces, then matched
   against ``HEADER_RULES`` in order; the first rule that matches decides, and a veto rule (label None:
   会社名, 商品名, product name …) says "not a person's column" before 名/name could claim it.
   Japanese words match as substrings (``contains``), or as the whole header (``exact``: 姓, 名, Name);
   ASCII words match whole words only (``tel`` is not in ``hotel``).
2. **Values** (when the header names nothing, or there is no header row): the cells the analyzer already
   analysed are the sample — every cell, so nothing extra is read. A cell counts for a label when that
   label's matches cover most of it (``COVER``), or, for PERSON, when it has the shape of a name whose
   first part is a known surname (``japanese-personal-name-dataset``) or of a kana reading of one. The
   column takes the label that at least ``VALUE_SHARE`` of its cells (≥ ``MIN_CELLS`` of them) show.

Labelling a whole column: in a PERSON or JP_ADDRESS column, each cell the recognizers did not already
cover gets a whole-cell match of the column's label, unless it is empty filler (―, なし, 不明, N/A) or
the wrong shape (digits in a name cell, a name cell longer than a name). A header-named column scores
0.95 (a header word, as in ``detectors.context``), a value-judged one 0.60 (the column check passed, no
context), with the evidence ``column:header:<word>`` or ``column:values:<share>``. Other labels (phone,
e-mail, birth date, postal code) are left to their recognizers, which read the header themselves: they
have checks a whole-cell label would bypass.

Persons are counted per row downstream (``classifiers.tiers.count_persons``); this module only labels.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from detectors.context import contains_word
from detectors.model import Match, TextLike
from detectors.name_gazetteer import to_hiragana
from detectors.normalize import normalize
from detectors.recognizers.base import CHECKED_SCORE, CONTEXT_SCORE

COVER = 0.6  # share of a cell's characters a label's matches must cover for the cell to count
VALUE_SHARE = 0.6  # share of a column's cells that must show a label for the column to take it
MIN_CELLS = 5  # fewer cells than this: values decide nothing
MIN_SCORE = 0.3  # matches weaker than this are not evidence about a column
FILLED_LABELS = ("PERSON", "JP_ADDRESS")  # labels whose whole column becomes findings


@dataclass(frozen=True)
class HeaderRule:
    label: str | None  # None: a veto (this header is not a person's / address column)
    kind: str  # "contains" or "exact"
    words: tuple[str, ...]


# Order matters: the first matching rule decides (e-mail before address, vetoes before names).
HEADER_RULES: tuple[HeaderRule, ...] = (
    HeaderRule("EMAIL_ADDRESS", "contains", ("メールアドレス", "メール", "e mail", "email", "mail address", "mail")),
    HeaderRule("JP_POSTAL_CODE", "contains", ("郵便番号", "〒", "zip", "postal", "postcode")),
    HeaderRule("PHONE_NUMBER", "contains", ("電話", "携帯", "tel", "phone", "fax", "mobile")),
    HeaderRule("DATE_OF_BIRTH", "contains", ("生年月日", "誕生日", "birth", "dob", "birthday")),
    HeaderRule("JP_ADDRESS", "contains", ("住所", "所在地", "現住所", "送付先", "お届け先", "届け先", "配送先", "居所", "本籍", "address")),
    HeaderRule("JP_ADDRESS", "exact", ("所在", "addr", "住居")),
    HeaderRule("JP_MY_NUMBER", "contains", ("個人番号", "マイナンバー", "my number", "mynumber")),
    HeaderRule("CREDIT_CARD", "contains", ("カード番号", "クレジットカード", "card number", "card no")),
    HeaderRule("JP_BANK_ACCOUNT", "contains", ("口座番号", "account number", "account no")),
    HeaderRule(
        None,
        "contains",
        (
            "会社名", "法人名", "社名", "企業名", "団体名", "組織名", "部署名", "部門名", "支店名", "店舗名", "店名", "銀行名", "施設名",
            "学校名", "商品名", "品名", "製品名", "品目", "件名", "名称", "屋号", "ファイル名", "ユーザー名", "ユーザ名", "アカウント名",
            "company", "product", "file", "item", "store", "shop", "bank", "branch", "department", "organization", "project", "user name",
            "username", "host", "server",
        ),
    ),
    HeaderRule(
        "PERSON",
        "contains",
        (
            "氏名", "お名前", "名前", "姓名", "フリガナ", "ふりがな", "カナ氏名", "担当者", "契約者", "申込者", "申請者", "被保険者", "受取人",
            "顧客名", "会員名", "社員名", "従業員名", "職員名", "患者名", "利用者名", "者名", "full name", "first name", "last name",
            "given name", "family name", "surname", "furigana",
        ),
    ),
    HeaderRule("PERSON", "exact", ("姓", "名", "氏", "せい", "めい", "セイ", "メイ", "カナ", "かな", "name", "kana")),
)

VETO = "veto"  # the header names a column of company, product, file … names

# The costly recognizers (morphology, gazetteers: PERSON, JP_ADDRESS) are not run on the cells of a column
# whose header names another kind of value: DESIGN.md §9 — classify columns from the header, then check
# whole columns with the cheap recognizers only. The identifier recognizers run on every cell (cheap, with
# checks); a header no rule names gates nothing.
_VALUE_COLUMNS = frozenset({"EMAIL_ADDRESS", "JP_POSTAL_CODE", "PHONE_NUMBER", "DATE_OF_BIRTH", "JP_MY_NUMBER", "CREDIT_CARD", "JP_BANK_ACCOUNT", VETO})
# Columns checked by their own recognizer first (detectors.analyzer): a cell that one match of the header's
# kind covers whole at header strength is not handed to the other recognizers.
VALUE_FIRST = frozenset(_VALUE_COLUMNS - {VETO})
NOT_IN_COLUMNS: dict[str, frozenset[str]] = {
    "PERSON": _VALUE_COLUMNS | {"JP_ADDRESS"},
    "JP_ADDRESS": _VALUE_COLUMNS | {"PERSON"},
}

_SEPARATORS = re.compile(r"[_\-・/]+")
_SPACES = re.compile(r"\s+")


def normalize_header(header: str) -> str:
    h = unicodedata.normalize("NFKC", header).lower()
    return _SPACES.sub(" ", _SEPARATORS.sub(" ", h)).strip()


@lru_cache(maxsize=4096)
def skipped_in_column(entity: str, header: str | None) -> bool:
    """Whether ``entity``'s recognizer is not run on a cell under ``header`` (``NOT_IN_COLUMNS``)."""
    gated = NOT_IN_COLUMNS.get(entity)
    if not gated or not header:
        return False
    label, word = header_label(header)
    return (label if label is not None else (VETO if word is not None else None)) in gated


@lru_cache(maxsize=4096)
def header_label(header: str | None) -> tuple[str | None, str | None]:
    """(label, the word that decided) for a column header; (None, None) when no rule names it, and
    (None, word) when a veto rule does. Cached: a pure function of the header over ~100 rule words (≈ 40 µs),
    asked per column chunk and per column, and a workbook repeats its headers."""
    if not header:
        return None, None
    h = normalize_header(header)
    bare = re.sub(r"[(\[（【].*?[)\]）】]", "", h).strip()  # 氏名(漢字) → 氏名 for exact rules
    for rule in HEADER_RULES:
        for word in rule.words:
            hit = (h == word or bare == word) if rule.kind == "exact" else contains_word(word, h)
            if hit:
                return rule.label, word
    return None, None


# ---- value rules -------------------------------------------------------------------------------------

_KANJI_NAME = re.compile(r"^([\u4e00-\u9fff々]{1,4})[ ]?([\u4e00-\u9fff々\u3041-\u3096\u30a1-\u30fa\u30fc]{1,5})$")
_KANA_NAME = re.compile(r"^([\u3041-\u3096\u30a1-\u30fa\u30fc]{2,8})[ ]([\u3041-\u3096\u30a1-\u30fa\u30fc]{1,8})$")
_NOT_A_NAME = re.compile(
    r"会社|株式|有限|合同|法人|組合|協会|財団|商事|商店|建設|工業|産業|銀行|病院|医院|学校|大学|事務所|支店|本店|営業所|[都道府県市区町村郡駅]$"
)
_PLACEHOLDER = re.compile(r"^(?:[-―ー－—‐・*＊.。…]+|なし|無し|不明|未定|未記入|該当なし|空欄|n/?a|none|null|tbd|\?+)$", re.IGNORECASE)
_HAS_LETTER = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fffA-Za-z]")
_DIGIT = re.compile(r"[0-9]")
MAX_NAME_CELL = 30
MAX_ADDRESS_CELL = 200


@lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    """Kanji surnames and their hiragana readings (the 1,999 most common, japanese-personal-name-dataset, MIT)."""
    from japanese_personal_name_dataset import get_last_names

    names = get_last_names()
    return frozenset(n["kanji"] for n in names), frozenset(n["reading"] for n in names if n.get("reading"))


def looks_like_name(cell: str) -> bool:
    """A kanji full name whose first part is a known surname (佐藤 陽子, 佐藤陽子), or a kana reading of one
    (サトウ ヨウコ, さとう ようこ). Company, organisation and place words veto (株式会社佐藤, 佐藤建設, 佐野市)."""
    v = unicodedata.normalize("NFKC", cell).strip().replace("\u3000", " ")
    kanji, readings = _surnames()
    if m := _KANJI_NAME.match(v):
        whole = m.group(1) + m.group(2)
        if _NOT_A_NAME.search(whole) or (" " not in v and not 3 <= len(whole) <= 5):
            return False
        return any(whole[:k] in kanji for k in (1, 2, 3, 4) if k < len(whole))
    if m := _KANA_NAME.match(v):
        return to_hiragana(m.group(1)) in readings
    return False


def _fillable(label: str, cell: str) -> bool:
    v = unicodedata.normalize("NFKC", cell).strip()
    if not v or _PLACEHOLDER.match(v) or not _HAS_LETTER.search(v):
        return False
    if label == "PERSON":
        return len(v) <= MAX_NAME_CELL and not _DIGIT.search(v) and "@" not in v
    return len(v) <= MAX_ADDRESS_CELL


def _covered(cell: str, matches: Sequence[Match], entity: str) -> bool:
    body = len(cell.strip())
    if not body:
        return False
    covered = sum(m.end - m.start for m in matches if m.entity == entity and m.score >= MIN_SCORE)
    return covered / body >= COVER


# ---- columns -------------------------------------------------------------------------------------------

_CELL = re.compile(r"^(?P<table>.*!|cell )(?P<col>[A-Z]{1,3})(?P<row>[0-9]+)$")


def column_of(where: str) -> tuple[str, str] | None:
    """(table, column letters) of a table cell's location, or None for text that is not a cell."""
    m = _CELL.match(where)
    return (m["table"], m["col"]) if m else None


@dataclass(frozen=True)
class ColumnLabel:
    table: str  # "sheet 顧客!", "cell ", "table 1!"
    column: str  # "C"
    header: str | None
    label: str | None  # entity name, or None when nothing decided
    source: str  # "header", "values", "veto" or ""
    evidence: str  # the header word or the value share
    cells: int


def classify(header: str | None, texts: Sequence[str], matches: Sequence[Sequence[Match]]) -> tuple[str | None, str, str]:
    """(label, source, evidence) of one column from its header, then from its cells."""
    label, word = header_label(header)
    if label is not None:
        return label, "header", word or ""
    if word is not None:
        return None, "veto", word
    filled = [(t, ms) for t, ms in zip(texts, matches) if t.strip() and not _PLACEHOLDER.match(t.strip())]
    if len(filled) < MIN_CELLS:
        return None, "", ""
    counts: dict[str, int] = {}
    for text, ms in filled:
        for entity in _shown(text, ms):
            counts[entity] = counts.get(entity, 0) + 1
    if not counts:
        return None, "", ""
    best = max(counts, key=lambda e: (counts[e], e == "PERSON"))
    share = counts[best] / len(filled)
    if share < VALUE_SHARE:
        return None, "", ""
    return best, "values", f"{share:.2f}"


def _shown(text: str, matches: Sequence[Match]) -> set[str]:
    """The labels one cell shows: entities whose matches cover it, PERSON when it has a name's shape."""
    seen = {m.entity for m in matches if m.score >= MIN_SCORE and _covered(text, matches, m.entity)}
    if "PERSON" not in seen and looks_like_name(text):
        seen.add("PERSON")
    return seen


def label_columns(segments: Sequence[TextLike], results: list[list[Match]], cells: Sequence[tuple[str, str] | None] | None = None) -> list[ColumnLabel]:
    """Classify every table column among ``segments`` and fill PERSON / JP_ADDRESS columns: ``results``
    (the analyzer's matches per segment, same order) is updated in place. Returns the columns' labels.
    ``cells``: ``column_of`` of every segment's location, when the caller has already read them."""
    columns: dict[tuple[str, str, str | None], list[int]] = {}
    for i, seg in enumerate(segments):
        col = column_of(seg.where) if cells is None else cells[i]
        if col is not None:
            columns.setdefault((col[0], col[1], getattr(seg, "header", None)), []).append(i)
    labels: list[ColumnLabel] = []
    for (table, column, header), indexes in columns.items():
        texts = [segments[i].text for i in indexes]
        label, source, evidence = classify(header, texts, [results[i] for i in indexes])
        labels.append(ColumnLabel(table, column, header, label, source, evidence, len(indexes)))
        if label in FILLED_LABELS:
            score = CONTEXT_SCORE if source == "header" else CHECKED_SCORE
            tag = f"column:{source}:{evidence}"
            for i in indexes:
                results[i] = _fill(segments[i].text, results[i], label, score, tag)
            if source == "values" and header is not None:
                # A header-less sheet whose first row the reader took for a header row: the "header" is
                # data. Its own cell is labelled too when it shows the column's label.
                for i in columns.get((table, column, None), ()):
                    if segments[i].text.strip() == header.strip() and label in _shown(segments[i].text, results[i]):
                        results[i] = _fill(segments[i].text, results[i], label, score, tag)
    return labels


def _fill(text: str, matches: list[Match], label: str, score: float, tag: str) -> list[Match]:
    """Add a whole-cell ``label`` match unless the cell is already covered by one (or is not fillable);
    a partial match of the label gives way to the whole cell; weaker matches of other entities on the
    cell give way too."""
    if _covered(text, matches, label) or not _fillable(label, text):
        return matches
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if any(m.entity != label and m.score >= score and m.start < end and start < m.end for m in matches):
        return matches  # a stronger finding of another kind holds the cell (a phone number under 氏名)
    value = text[start:end]
    normalized = normalize(value).text
    if label == "PERSON":  # as the PERSON recognizer does: the name without spaces (山田 太郎 = 山田太郎)
        normalized = re.sub(r"\s+", "", normalized)
    kept = [m for m in matches if not (m.start < end and start < m.end)]
    kept.append(Match(label, start, end, score, value, "ColumnLabel", (f"pattern:{label.lower()}_column", tag), normalized))
    kept.sort(key=lambda m: (m.start, m.end))
    return kept
