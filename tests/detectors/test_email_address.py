"""EMAIL_ADDRESS: an ASCII pattern plus a real public suffix (tldextract's bundled list, offline)."""
import socket

import pytest

from tests.assertions import assert_matches, only

CASES = [
    ("山田yamada@example.co.jpまで", None, [("EMAIL_ADDRESS", 2, 22, 0.9, 1.0)]),  # glued to Japanese
    ("メール: a.b+c@mail.example.com", None, [("EMAIL_ADDRESS", 5, 27, 0.95, 1.0)]),
    ("連絡先：taro_sato-1@example.ne.jp。", None, [("EMAIL_ADDRESS", 4, 29, 0.95, 1.0)]),
    ("ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ", None, [("EMAIL_ADDRESS", 0, 17, 0.9, 0.9)]),  # full-width
    ("info@example.jp", "メールアドレス", [("EMAIL_ADDRESS", 0, 15, 0.95, 1.0)]),
    ("Yamada@Example.CO.JP", None, [("EMAIL_ADDRESS", 0, 20, 0.9, 0.9)]),
    ("<a@example.com>,<b@example.org>", None, [("EMAIL_ADDRESS", 1, 14, 0.9, 0.9), ("EMAIL_ADDRESS", 17, 30, 0.9, 0.9)]),
    ("a@example.com.", None, [("EMAIL_ADDRESS", 0, 13, 0.9, 0.9)]),  # sentence full stop not taken
    ("user@example.invalidtld", None, []),  # no such suffix
    ("user@localhost", None, []),
    ("@だけ", None, []),
    ("user@", None, []),
    ("git@github", None, []),
    ("名前@会社.jp", None, []),  # non-ASCII local part: not an address we claim
]


@pytest.mark.parametrize("text,header,expected", CASES)
def test_email(analyzer, text, header, expected):
    assert_matches(only(analyzer.analyze_text(text, header), "EMAIL_ADDRESS"), expected, text_len=len(text))


def test_suffix_check_never_touches_the_network(monkeypatch):
    from detectors.recognizers import email_address

    attempts = []

    def no_network(*args, **kwargs):
        attempts.append(args[:1])
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    email_address._extractor.cache_clear()
    try:
        rec = email_address.JpEmailAddressRecognizer()
        assert rec.check("a@example.co.jp") and not rec.check("a@example.notatld")
    finally:
        email_address._extractor.cache_clear()
    assert attempts == []  # tldextract with its default URLs would have tried (and fallen back silently)
