"""PHONE_NUMBER (phonenumbers, region JP) and EMAIL_ADDRESS (pattern + offline TLD check)."""
import pytest

from tests.assertions import assert_matches

PHONES = [
    ("電話 03-1234-5678", [("PHONE_NUMBER", 3, 15, 0.95, 1.0)]),
    ("TEL (03)1234-5678", [("PHONE_NUMBER", 4, 17, 0.95, 1.0)]),
    ("携帯 090-1234-5678", [("PHONE_NUMBER", 3, 16, 0.95, 1.0)]),
    ("携帯 ０８０－１２３４－５６７８", [("PHONE_NUMBER", 3, 16, 0.95, 1.0)]),
    ("070-1234-5678", [("PHONE_NUMBER", 0, 13, 0.6, 0.6)]),
    ("フリーダイヤル 0120-123-456", [("PHONE_NUMBER", 8, 20, 0.6, 0.6)]),
    ("050-1234-5678", [("PHONE_NUMBER", 0, 13, 0.6, 0.6)]),
    ("tel +81-90-1234-5678", [("PHONE_NUMBER", 4, 20, 0.95, 1.0)]),
    ("2024-01-15 に納品", []),
    ("注文番号 12345678901", []),
]


@pytest.mark.parametrize("text,expected", PHONES)
def test_phone(analyzer, text, expected):
    matches = [m for m in analyzer.analyze_text(text) if m.entity == "PHONE_NUMBER"]
    assert_matches(matches, expected, text_len=len(text))


EMAILS = [
    ("山田yamada@example.co.jpまで", [("EMAIL_ADDRESS", 2, 22, 0.9, 1.0)]),
    ("メール: a.b+c@mail.example.com", [("EMAIL_ADDRESS", 5, 27, 0.95, 1.0)]),
    ("user@example.invalidtld", []),
    ("@だけ", []),
]


@pytest.mark.parametrize("text,expected", EMAILS)
def test_email(analyzer, text, expected):
    matches = [m for m in analyzer.analyze_text(text) if m.entity == "EMAIL_ADDRESS"]
    assert_matches(matches, expected, text_len=len(text))
