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
