"""CREDIT_CARD — 13 to 19 digits in groups, Luhn (python-stdnum ``luhn``) and an issuer's IIN range.

Issuer ranges (the IIN tables the networks publish): Visa 4; Mastercard 51–55 and 2221–2720;
JCB 3528–3589; American Express 34, 37 (15 digits); Diners Club 300–305, 36, 38–39 (14–16);
UnionPay 62 (16–19); Discover 6011, 644–649, 65. Luhn alone passes one random number in ten; with a
valid issuer range and length a match scores 0.60 without context, 0.95 with カード/クレジット/card.
"""
from __future__ import annotations

import re

from stdnum import luhn

from detectors.recognizers.base import JpPatternRecognizer

_EDGE_L = r"(?<![0-9][ \-]?)(?<![0-9])"
_EDGE_R = r"(?![ \-]?[0-9])"


def issuer(digits: str) -> str | None:
    n = len(digits)
    p2, p3, p4, p6 = int(digits[:2]), int(digits[:3]), int(digits[:4]), int(digits[:6])
    if digits[0] == "4" and n in (13, 16, 19):
        return "visa"
    if (51 <= p2 <= 55 or 2221 <= p4 <= 2720) and n == 16:
        return "mastercard"
    if 3528 <= p4 <= 3589 and 16 <= n <= 19:
        return "jcb"
    if p2 in (34, 37) and n == 15:
        return "amex"
    if (300 <= p3 <= 305 or p2 in (36, 38, 39)) and 14 <= n <= 19:
        return "diners"
    if p2 == 62 and 16 <= n <= 19:
        return "unionpay"
    if (p4 == 6011 or 644 <= p3 <= 649 or p2 == 65 or 622126 <= p6 <= 622925) and 16 <= n <= 19:
        return "discover"
    return None


class JpCreditCardRecognizer(JpPatternRecognizer):
    ENTITY = "CREDIT_CARD"
    MIN_DIGITS = 13  # the shortest card number (Visa 13): text with fewer digits is not searched
    PATTERNS = (
        ("card_plain", _EDGE_L + r"[0-9]{13,19}" + _EDGE_R),
        ("card_4_groups", _EDGE_L + r"[0-9]{4}([ \-])[0-9]{4}\1[0-9]{4}\1[0-9]{1,7}" + _EDGE_R),
        ("card_5_groups", _EDGE_L + r"[0-9]{4}([ \-])[0-9]{4}\1[0-9]{4}\1[0-9]{4}\1[0-9]{1,3}" + _EDGE_R),  # 17–19 digits
        ("card_amex", _EDGE_L + r"3[47][0-9]{2}([ \-])[0-9]{6}\1[0-9]{5}" + _EDGE_R),
        ("card_diners", _EDGE_L + r"3[0-9]{3}([ \-])[0-9]{6}\1[0-9]{4}" + _EDGE_R),
    )
    CONTEXT = ("カード", "クレジット", "card", "credit", "visa", "mastercard", "master", "jcb", "amex", "アメックス", "ダイナース", "決済", "有効期限")
    NEGATIVE_CONTEXT = ("注文番号", "受注番号", "発注番号", "伝票番号", "追跡番号", "問合せ番号", "お問い合わせ番号", "口座番号", "会員番号", "管理番号")

    def check(self, value: str) -> bool:
        digits = re.sub(r"[^0-9]", "", value)
        return 13 <= len(digits) <= 19 and luhn.is_valid(digits) and issuer(digits) is not None
