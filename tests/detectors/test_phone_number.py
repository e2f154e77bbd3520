"""PHONE_NUMBER: phonenumbers (region JP, leniency VALID) over the normalised text. Numbers are from the
ranges the numbering plan assigns; none is a real subscriber's on purpose."""
import pytest

from tests.assertions import assert_matches, only

CASES = [
    # fixed lines
    ("電話 03-1234-5678", None, [("PHONE_NUMBER", 3, 15, 0.95, 1.0)]),
    ("TEL (03)1234-5678", None, [("PHONE_NUMBER", 4, 17, 0.95, 1.0)]),
    ("TEL03-1234-5678", None, [("PHONE_NUMBER", 3, 15, 0.95, 1.0)]),  # label glued to the number
    ("TEL:06-6123-4567", None, [("PHONE_NUMBER", 4, 16, 0.95, 1.0)]),
    ("連絡先 0312345678", None, [("PHONE_NUMBER", 4, 14, 0.95, 1.0)]),
    ("FAX 011-211-2111", None, [("PHONE_NUMBER", 4, 16, 0.95, 1.0)]),
    ("03-1234-5678", None, [("PHONE_NUMBER", 0, 12, 0.6, 0.7)]),  # valid, no context
    # mobiles, IP phones, free dial
    ("携帯 090-1234-5678", None, [("PHONE_NUMBER", 3, 16, 0.95, 1.0)]),
    ("携帯 ０８０－１２３４－５６７８", None, [("PHONE_NUMBER", 3, 16, 0.95, 1.0)]),
    ("携帯：０９０ー１２３４ー５６７８", None, [("PHONE_NUMBER", 3, 16, 0.95, 1.0)]),  # ー as a dash
    ("070-1234-5678", None, [("PHONE_NUMBER", 0, 13, 0.6, 0.7)]),
    ("08012345678", "携帯番号", [("PHONE_NUMBER", 0, 11, 0.95, 1.0)]),
    ("フリーダイヤル 0120-123-456", None, [("PHONE_NUMBER", 8, 20, 0.6, 0.7)]),
    ("0800-123-4567", None, [("PHONE_NUMBER", 0, 13, 0.6, 0.7)]),
    ("050-1234-5678", None, [("PHONE_NUMBER", 0, 13, 0.6, 0.7)]),
    # international form
    ("tel +81-90-1234-5678", None, [("PHONE_NUMBER", 4, 20, 0.95, 1.0)]),
    ("Phone: +81 3 1234 5678", None, [("PHONE_NUMBER", 7, 22, 0.95, 1.0)]),
    ("＋８１－３－１２３４－５６７８", None, [("PHONE_NUMBER", 0, 15, 0.6, 0.7)]),
    # two in one line
    ("TEL 03-1234-5678 FAX 03-1234-5679", None, [("PHONE_NUMBER", 4, 16, 0.95, 1.0), ("PHONE_NUMBER", 21, 33, 0.95, 1.0)]),
    # not phone numbers
    ("2024-01-15 に納品", None, []),
    ("注文番号 12345678901", None, []),
    ("注文番号 0312345678", None, []),  # valid shape, negative context: below the floor
    ("03-1234-567", None, []),  # too short
    ("090-1234-56789", None, []),  # too long
    ("電話 03-0123-4567", None, []),  # not an assigned number (phonenumbers: invalid)
    ("+1 212 555 0100", None, []),  # not a Japanese number
    ("バージョン 1.2.3-0045-6789", None, []),
]


@pytest.mark.parametrize("text,header,expected", CASES)
def test_phone(analyzer, text, header, expected):
    assert_matches(only(analyzer.analyze_text(text, header), "PHONE_NUMBER"), expected, text_len=len(text))


def test_parsed_e164_is_handed_to_the_fingerprint(analyzer):
    [m] = only(analyzer.analyze_text("携帯 ０９０－１２３４－５６７８"), "PHONE_NUMBER")
    assert m.normalized == "+819012345678"  # synthetic number: safe to compare
    assert m.evidence == ("pattern:phonenumbers", "check", "context:携帯")


def test_a_my_number_is_not_a_phone_number(analyzer):
    from stdnum.jp import in_

    number = "03123456789" + in_.calc_check_digit("03123456789")
    assert only(analyzer.analyze_text(f"個人番号 {number}"), "PHONE_NUMBER") == []


# --- the library as the oracle -------------------------------------------------------------------------
# The recognizer finds candidates itself (phonenumbers' matcher was 31 % of the per-file task) and lets
# phonenumbers decide validity. On text where numbers stand between words, it must find exactly what
# phonenumbers.PhoneNumberMatcher (leniency VALID) finds: the same numbers (E.164), each span inside the
# matcher's (the matcher also takes an unbalanced "(" before a number and an "ext…" after it).

import random  # noqa: E402
import re  # noqa: E402

import phonenumbers  # noqa: E402

from detectors.normalize import normalize  # noqa: E402
from detectors.recognizers.phone_number import find_numbers  # noqa: E402

_LABEL = re.compile(r"(?i)(?:tel|fax|phone|mobile)(?=[.:]?[0-9(+])")


def _matcher(text: str) -> list[tuple[int, int, str]]:
    scan = _LABEL.sub(lambda m: " " * len(m.group(0)), text)  # what the recognizer did before
    return [
        (m.start, m.end, phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164))
        for m in phonenumbers.PhoneNumberMatcher(scan, "JP", leniency=phonenumbers.Leniency.VALID)
        if m.number.country_code == 81
    ]


def _generated_texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)

    def digits(k: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(k))

    def number() -> str:
        kind = rng.random()
        if kind < 0.3:
            a, b, c = rng.choice(["090", "080", "070", "050"]), digits(4), digits(4)
        elif kind < 0.6:
            a = "0" + digits(rng.randint(1, 4))
            b, c = digits(6 - len(a) + 4 - 4 if len(a) < 6 else 1), digits(4)
        elif kind < 0.7:
            a, b, c = rng.choice(["0120", "0800"]), digits(3), digits(rng.choice([3, 4]))
        else:  # anything digit-shaped, mostly invalid
            a, b, c = rng.choice(["", "0"]) + digits(rng.randint(1, 4)), digits(rng.randint(1, 5)), digits(rng.randint(2, 5))
        form = rng.random()
        if form < 0.4:
            return f"{a}-{b}-{c}"
        if form < 0.5:
            return f"({a}){b}-{c}"
        if form < 0.55:
            return f"{a}({b}){c}"
        if form < 0.7:
            return a + b + c
        if form < 0.8:
            return f"{a} {b} {c}"
        if a.startswith("0") and len(a) > 1:
            return f"+81-{a[1:]}-{b}-{c}" if form < 0.9 else f"+81 {a[1:]} {b} {c}"
        return f"{a}-{b}{c}"

    before = ["電話 ", "TEL ", "TEL", "tel:", "FAX ", "携帯：", "", "お問い合わせは", "ABC", "(", "x", "No.", "注文 "]
    after = ["", "まで", "。", "ext12", ")", "A", "\n", "番へ"]
    return [
        normalize("、".join(rng.choice(before) + number() + rng.choice(after) for _ in range(rng.randint(1, 3)))).text
        for _ in range(n)
    ]


def test_same_numbers_as_the_phonenumbers_matcher():
    texts = _generated_texts(seed=20261201, n=4000)
    found = 0
    for i, text in enumerate(texts):
        ours, oracle = find_numbers(text), _matcher(text)
        # messages name the case index only: the generated numbers are synthetic, but tests never print values
        same = sorted(e for _, _, e in ours) == sorted(e for _, _, e in oracle)
        assert same, f"case {i}: {len(ours)} numbers found, the matcher finds {len(oracle)} or others"
        for (s, e, n), (os_, oe, on) in zip(sorted(ours, key=lambda t: t[0]), sorted(oracle, key=lambda t: t[0])):
            inside = n == on and os_ <= s and e <= oe
            assert inside, f"case {i}: span {s}-{e} not inside the matcher's {os_}-{oe}"
        found += len(ours)
    assert found > 1000  # the generator really produces valid numbers


@pytest.mark.parametrize(
    "text,count",
    [
        ("電話 080-6559-7718 2024年", 1),  # the matcher joins the year to the number and finds nothing
        ("090 1523 6464 2024年", 1),
        ("03-1234-5678 03-1234-5679", 2),  # two numbers in a row, space-separated
        ("0123 4567 8901 2345", 0),  # a 16-digit space-grouped number holds no phone number
        ("03-1234-5678-9", 0),  # never cut out of a hyphenated run
        ("2024-0312-345678", 0),
        ("ABC0312345678", 0),  # glued to a Latin letter
        ("TEL03-1234-5678ext123", 1),  # an extension ends the number
    ],
)
def test_where_the_recognizer_differs_from_the_matcher_on_purpose(text, count):
    assert len(find_numbers(normalize(text).text)) == count


def test_long_runs_of_digit_groups_are_linear_not_a_hang():
    """A numeric matrix is one long space-separated candidate; a list of numbers in a row is too. Both must be
    read in one pass (the split is dynamic programming with a bounded number of groups per number)."""
    matrix = " ".join("0 1 0 0 1 2 3 0" for _ in range(3000))  # 24,000 groups
    assert find_numbers(matrix) == []
    many = " ".join(["03-1234-5678"] * 2000)  # 2,000 numbers in one candidate: no recursion to run out of
    assert len(find_numbers(many)) == 2000


def test_the_numbering_plan_check_is_phonenumbers_own_verdict():
    """``_valid_in_jp`` reads phonenumbers' metadata for JP directly: it must agree with
    ``phonenumbers.is_valid_number`` on every length the recognizer asks about (9 and 10 national digits, and the
    00XX toll-free numbers with their zeros), on random digits of every length from 8 to 12 and on numbers that
    start like the assigned ranges."""
    import random

    import phonenumbers

    from detectors.recognizers.phone_number import _valid_in_jp

    rng = random.Random(20261202)
    checked = valid = 0
    for length in range(8, 13):
        for _ in range(1000):
            digits = "".join(rng.choice("0123456789") for _ in range(length))
            zeros = len(digits) - len(digits.lstrip("0"))
            if zeros == len(digits):
                continue
            number = phonenumbers.PhoneNumber(country_code=81, national_number=int(digits))
            if zeros:
                number.italian_leading_zero, number.number_of_leading_zeros = True, zeros
            expected = phonenumbers.is_valid_number(number)
            assert _valid_in_jp(digits) == expected, (length, expected)
            checked += 1
            valid += expected
        # and numbers that start like assigned ranges: mobile, IP, free dial, toll-free, fixed lines
        for head in ("90", "80", "70", "50", "120", "800", "3", "6", "11", "52", "466", "0037", "0088", "0066", "570", "990", "20", "60"):
            for _ in range(40):
                digits = head + "".join(rng.choice("0123456789") for _ in range(max(0, length - len(head))))
                zeros = len(digits) - len(digits.lstrip("0"))
                number = phonenumbers.PhoneNumber(country_code=81, national_number=int(digits))
                if zeros:
                    number.italian_leading_zero, number.number_of_leading_zeros = True, zeros
                expected = phonenumbers.is_valid_number(number)
                assert _valid_in_jp(digits) == expected, (head, length, expected)
                checked += 1
                valid += expected
    assert checked > 5000 and valid > 500  # both verdicts were exercised


def test_the_candidate_pattern_matches_what_its_lookbehind_first_form_matches():
    """``_CANDIDATE`` starts with the class of its first character so the engine can skip to candidates; it must
    find exactly the spans and +81 prefixes of the plain form that starts with the lookbehind, on random strings of
    digits, separators, "+81", letters and newlines."""
    from detectors.recognizers.phone_number import _CANDIDATE

    plain = re.compile(r"(?<![0-9+])(?P<intl>\+81[ \-]?(?:\(0\)[ \-]?)?)?\(?[0-9]+(?:(?:[ \-]|[ \-]?\([ \-]?|\)[ \-]?)[0-9]+)*")
    rng = random.Random(20261203)
    pieces = list("0123456789+() -aT\n") + ["+81", "+81(0)", "(0)", "81", "０"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        ours = [(m.span(), m.group("intl")) for m in _CANDIDATE.finditer(text)]
        theirs = [(m.span(), m.group("intl")[1:] if m.group("intl") else None) for m in plain.finditer(text)]
        assert ours == theirs


def test_the_e164_form_is_the_library_s():
    """``_number`` writes E.164 as "+81" + the national digits; phonenumbers' ``format_number`` on the same number
    (zeros of a 00XX number kept as leading zeros) must give the same string."""
    from detectors.recognizers.phone_number import _number

    rng = random.Random(20261204)
    checked = 0
    for _ in range(20000):
        national = rng.choice(["90", "80", "70", "50", "120", "800", "3", "6", "0037", "0088", "11", "466"])
        national += "".join(rng.choice("0123456789") for _ in range(rng.randint(5, 9)))
        e164 = _number(national)
        if e164 is None:
            continue
        zeros = len(national) - len(national.lstrip("0"))
        number = phonenumbers.PhoneNumber(country_code=81, national_number=int(national))
        if zeros:
            number.italian_leading_zero, number.number_of_leading_zeros = True, zeros
        assert e164 == phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        checked += 1
    assert checked > 1000
