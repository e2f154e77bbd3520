"""PHONE_NUMBER — Japanese numbers validated by phonenumbers against the national numbering plan.

Fixed lines (03-1234-5678, (03)1234-5678, 03(1234)5678), mobiles (070/080/090), free dial
(0120/0800), IP phones (050) and +81 forms. A valid number scores 0.60, 0.95 with 電話/TEL/携帯/
連絡先/FAX nearby.

Why candidates are found here and not by ``phonenumbers.PhoneNumberMatcher``: the matcher is
written for any region's formatting and, in pure Python, was 31 % of the whole per-file task on the
benchmark corpus (docs/benchmarks.md). Japanese numbers have one shape — a trunk ``0`` (or ``+81``)
and 9–10 national digits in groups split by hyphens, spaces or parentheses — so a regex finds the
digit groups and the decision stays with the library: ``phonenumbers.is_valid_number`` on the
national number (numbering-plan metadata). ``tests/detectors/test_phone_number.py`` checks this
against the matcher (leniency VALID) on generated text, as the oracle.

Rules that keep the matcher's behaviour:
- a number is not glued to a Latin letter or digit on either side (``ABC0312345678``), except the
  labels TEL/FAX/PHONE/MOBILE written against it (``TEL03-1234-5678``, common in letterheads);
- digit groups joined by a hyphen are one token: ``2024-0312-345678`` holds no phone number, and a
  number is never cut out of a longer hyphenated run (``03-1234-5678-9``);
- space- or parenthesis-separated groups may hold several numbers in a row (``03-1234-5678 03-1234-5679``,
  ``080 6559 7718 2024年``): the longest valid run of groups is taken from the left, then the next.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List

from presidio_analyzer import RecognizerResult

from detectors.recognizers.base import CANONICAL_KEY, CHECKED_SCORE, JpLocalRecognizer

# An optional +81 prefix (with an optional "(0)"), an optional opening parenthesis, then digit groups
# separated by one space, one hyphen, or a parenthesis with an optional space or hyphen beside it; never right
# after a digit or a "+". Written to start with the class of its first character, [+(0-9], with the "not after a
# digit or +" lookbehind checked once that character is read (a two-character lookbehind), then the rest per first
# character: "+" must begin "+81…" (group ``intl``, without the "+"), "(" a digit, a digit the digits after it.
# The same matches as ``(?<![0-9+])(?P<intl>\+81[ \-]?(?:\(0\)[ \-]?)?)?\(?[0-9]+(?:SEP[0-9]+)*``, but a pattern that
# starts with a lookbehind is tried at every position of the text, while one that starts with a character class
# lets the engine skip to the next candidate character: 22 ms against 184 ms for the scan over corpus-600's texts.
_CANDIDATE = re.compile(
    r"[+(0-9](?<![0-9+].)(?:(?<=\+)(?P<intl>81[ \-]?(?:\(0\)[ \-]?)?)\(?[0-9]|(?<=\()[0-9]|(?<=[0-9]))[0-9]*"
    r"(?:(?:[ \-]|[ \-]?\([ \-]?|\)[ \-]?)[0-9]+)*"
)
_GROUP = re.compile(r"[0-9]+")
_LABEL = re.compile(r"(?i)(?:tel|fax|phone|mobile)[.:]?$")
_LATIN = re.compile(r"[A-Za-z]")
_EXTENSION = re.compile(r"(?i)(?:ext|x)\.?[ ]?[0-9]")  # 03-1234-5678ext123: the number ends before it
_YEAR = re.compile(r"(?:19|20)[0-9]{2}年")
_JP = 81
_MIN_NATIONAL, _MAX_NATIONAL = 9, 10
_MAX_DIGITS = 12  # +81 and 10 national digits, or a 00XX toll-free number: nothing longer is one number
_MAX_GROUPS = 6  # groups one number is written in at most (+81 (0)3 1234 5678)


# The library tries the types in the order premium_rate, toll_free, shared_cost, voip, personal_number, pager, uan,
# voicemail, fixed_line, mobile; validity only asks whether ANY matches, so the commonest come first here (a mobile
# number was tried against nine patterns before its own).
_TYPE_DESCS = ("fixed_line", "mobile", "toll_free", "voip", "premium_rate", "shared_cost", "personal_number", "pager", "uan", "voicemail")


@lru_cache(maxsize=1)
def _jp_plan() -> tuple[tuple[frozenset[int], re.Pattern], tuple[tuple[frozenset[int], re.Pattern], ...]]:
    """Japan's numbering plan as phonenumbers' own metadata holds it: (the general description, the descriptions
    of every number type), each as (possible lengths, national-number pattern)."""
    from phonenumbers.phonemetadata import PhoneMetadata

    meta = PhoneMetadata.metadata_for_region("JP")

    def desc(d):
        return frozenset(d.possible_length), re.compile(d.national_number_pattern)

    types = tuple(desc(d) for d in (getattr(meta, name) for name in _TYPE_DESCS) if d is not None and d.national_number_pattern)
    return desc(meta.general_desc), types


def _valid_in_jp(nsn: str) -> bool:
    """``phonenumbers.is_valid_number`` for a +81 number with this national significant number, decided on the
    library's own metadata the way the library decides it (``_number_type_helper``: the general description, then
    any number type, each by its possible lengths and a full match of its pattern) without its per-type Python
    calls: ≈ ×3 a number (the library call was ≈ 75 µs a number under the profiler, ⅔ of this recognizer's time). A differential test compares
    the two on generated numbers of every length and prefix (tests/detectors/test_phone_number.py)."""
    (general_lengths, general), types = _jp_plan()
    n = len(nsn)
    if (general_lengths and n not in general_lengths) or general.fullmatch(nsn) is None:
        return False
    return any((not lengths or n in lengths) and pattern.fullmatch(nsn) is not None for lengths, pattern in types)


def _number(national: str) -> str | None:
    """The numbering plan's verdict on national digits (after the trunk 0): the number in E.164, or None. Toll-free
    numbers of the 00XX carriers (0037-…, 0088-…) keep their zeros, as phonenumbers itself parses them (its national
    significant number is then the digits as written, zeros included).

    The E.164 form is written here, not by ``phonenumbers.format_number`` on a ``PhoneNumber``: for E.164 the
    library returns "+" + country code + the national significant number (leading zeros included), which is
    ``"+81" + national`` — building the object and formatting it was ≈ 30 % of this recognizer's time per number.
    tests/detectors/test_phone_number.py compares the two."""
    zeros = len(national) - len(national.lstrip("0"))
    if not national or zeros == len(national) or not (_MIN_NATIONAL <= len(national) - (zeros and 1) <= _MAX_NATIONAL):
        return None
    if not _valid_in_jp(national):
        return None
    return f"+{_JP}{national}"


def _glued_on_left(text: str, start: int) -> bool:
    if start == 0 or text[start] in "+(" or not _LATIN.match(text[start - 1]):
        return False
    return _LABEL.search(text[max(0, start - 7) : start]) is None


def _trailing_year(text: str, group: tuple[int, int]) -> bool:
    """``080 6559 7718 2024年``: a year may follow a number in the same space-separated run."""
    year = _YEAR.match(text, group[0])
    return year is not None and year.end() == group[1] + 1


def _number_of(strings: list[str], groups: list[tuple[int, int]], i: int, j: int, intl: bool) -> tuple[int, int, str] | None:
    """The number groups i..j write, as (start, end, E.164) — start -1: the +81 prefix's start — or None."""
    digits = "".join(strings[i : j + 1])
    if len(digits) > _MAX_DIGITS:
        return None
    if i == 0 and intl:
        national, start = (digits[1:] if digits.startswith("0") else digits), -1
    elif digits.startswith("00"):  # 00XX toll-free: the zeros are part of the national number
        national, start = digits, groups[i][0]
    elif digits[0] == "0":
        national, start = digits[1:], groups[i][0]
    else:
        return None
    e164 = _number(national)
    return None if e164 is None else (start, groups[j][1], e164)


def _covers(text: str, groups: list[tuple[int, int]], strings: list[str], intl: bool, hard: list[bool]):
    """For every i: ``done[i]``, whether groups[i:] split into numbers — longest first, every group in one (or
    a trailing year); ``first[i]``, the first number of that split (start -1: the +81 prefix's start) and
    ``nxt[i]`` the group after it. Returns (first, nxt, done).
    ``strings``: the groups' digits. ``hard[k]``: groups k and k+1 are joined by a hyphen or parenthesis and cannot be split. Dynamic
    programming from the end, with a number spanning at most ``_MAX_GROUPS`` groups: linear in the groups, so a
    line of ten thousand space-separated digits (a numeric matrix) costs no more than reading it."""
    n = len(groups)
    first: list[tuple[int, int, str] | None] = [None] * (n + 1)
    nxt = [n] * (n + 1)
    done = [False] * (n + 1)
    done[n] = True
    for i in range(n - 1, -1, -1):
        if i == n - 1 and i > 0 and _trailing_year(text, groups[i]):
            done[i] = True
            continue
        if strings[i][0] != "0" and not (i == 0 and intl):
            continue  # no number starts at a group without its trunk 0 (every j below would be skipped)
        for j in range(min(n - 1, i + _MAX_GROUPS - 1), i - 1, -1):
            if not done[j + 1] or (j < n - 1 and hard[j]):
                continue
            number = _number_of(strings, groups, i, j, intl)
            if number is None:
                continue
            first[i] = number
            nxt[i], done[i] = j + 1, True
            break
    return first, nxt, done


def _split(covers, i: int) -> list[tuple[int, int, str]]:
    first, nxt, _ = covers
    out = []
    while first[i] is not None:
        out.append(first[i])
        i = nxt[i]
    return out


def _hard(text: str, groups: list[tuple[int, int]]) -> list[bool]:
    """For each pair of neighbouring groups: whether they are one token (joined by a hyphen or a parenthesis) —
    except an opening parenthesis that starts a number of its own: ``5962(07425)48538``."""
    hard = []
    for (_, left_end), (right_start, right_end) in zip(groups, groups[1:]):
        sep = text[left_end:right_start].strip(" ")
        hard.append(sep != "" and not (sep == "(" and text.startswith(")", right_end)))
    return hard


def find_numbers(text: str) -> List[tuple[int, int, str]]:
    """(start, end, E.164) of every valid Japanese phone number in normalised ``text``."""
    found: List[tuple[int, int, str]] = []
    for m in _CANDIDATE.finditer(text):
        end = m.end()
        if end - m.start() < _MIN_NATIONAL:
            continue  # fewer characters than the 9 national digits the shortest number has: dates, amounts, counts
        if end < len(text) and _LATIN.match(text[end]) and not _EXTENSION.match(text, end):
            continue  # glued to a following Latin letter
        if _glued_on_left(text, m.start()):
            continue
        intl = m.group("intl")
        digit_runs = list(_GROUP.finditer(text, m.start(), end))  # the groups' spans and digits from one scan
        groups = [g.span() for g in digit_runs]
        strings = [g.group() for g in digit_runs]
        if intl:
            skip = 2 if "(0)" in intl else 1  # the "81" (and the "0" of "(0)")
            groups, strings = groups[skip:], strings[skip:]
        if not groups:
            continue
        hard = _hard(text, groups)
        numbers: list[tuple[int, int, str]] = []
        if all(hard):
            # One token (groups joined by hyphens or parentheses only — the common 090-1234-5678): it cannot be
            # split, so it is one number or none — what ``_covers`` finds for it, without the table (with the pairs
            # read in one loop: −24 % of this recognizer's time on corpus-600).
            number = _number_of(strings, groups, 0, len(groups) - 1, bool(intl)) if len(groups) <= _MAX_GROUPS else None
            numbers = [number] if number is not None else []
        else:
            covers = _covers(text, groups, strings, bool(intl), hard)
            for first in range(len(groups)):
                # groups before the first number belong to none, where a hyphenated or parenthesised token
                # starts after them: "会員 1234 090-1111-2222", "5962(07425)48538"
                if (first == 0 or (not hard[first - 1] and first < len(groups) - 1 and hard[first])) and covers[2][first]:
                    numbers = _split(covers, first)
                    break
        for start, stop, e164 in numbers:
            if start == -1:
                start = m.start()
            elif text[start - 1 : start] == "(" and not text.startswith(")", stop) and ")" in text[start:stop]:
                start -= 1  # "(03)1234-5678": the opening parenthesis belongs to the number
            found.append((start, stop, e164))
    return found


class JpPhoneNumberRecognizer(JpLocalRecognizer):
    ENTITY = "PHONE_NUMBER"
    MIN_DIGITS = 10  # a trunk 0 or +81 and at least 9 national digits: text with fewer digits is not searched
    CONTEXT = ("電話", "tel", "携帯", "連絡先", "fax", "ファックス", "phone", "mobile", "内線", "代表")
    NEGATIVE_CONTEXT = ("注文番号", "伝票番号", "会員番号", "口座番号", "個人番号", "マイナンバー")
    HEADER_WORDS = CONTEXT + ("電話番号", "携帯番号")

    def analyze(self, text, entities, nlp_artifacts=None) -> List[RecognizerResult]:
        out = []
        for start, end, e164 in find_numbers(text):
            r = self.result(start, end, CHECKED_SCORE, "pattern:phonenumbers", "check")
            r.recognition_metadata[CANONICAL_KEY] = e164
            out.append(r)
        return out
