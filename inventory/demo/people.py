"""Seeded fake people and identifiers for the demo (Faker ja_JP). Identifiers are valid by construction:
My Numbers pass python-stdnum's check digit, card numbers pass Luhn within real issuer ranges."""
from __future__ import annotations

import random
from dataclasses import dataclass

from faker import Faker
from stdnum import luhn
from stdnum.jp import cn, in_

ERAS = (("昭和", 1926), ("平成", 1989))
FREE_MAIL = ("example.ne.jp", "example.com", "example.org", "mail.example.jp")


@dataclass(frozen=True)
class Person:
    name: str
    kana: str
    romaji: str
    birth: str  # 西暦 yyyy/mm/dd
    birth_wareki: str
    address: str
    postcode: str
    phone: str
    mobile: str
    email: str
    my_number: str


class People:
    def __init__(self, seed: int):
        self.fake = Faker("ja_JP")
        self.fake.seed_instance(seed)
        self.rng = random.Random(seed)
        self._emails: set[str] = set()

    def my_number(self) -> str:
        body = "".join(str(self.rng.randrange(10)) for _ in range(11))
        return body + in_.calc_check_digit(body)

    def corporate_number(self) -> str:
        body = "".join(str(self.rng.randrange(10)) for _ in range(12))
        return cn.calc_check_digit(body) + body

    def card(self) -> tuple[str, str]:
        brand, prefix, length = self.rng.choice(
            [("VISA", "4", 16), ("Mastercard", str(self.rng.randint(51, 55)), 16), ("Mastercard", str(self.rng.randint(2221, 2720)), 16),
             ("JCB", str(self.rng.randint(3528, 3589)), 16), ("AMEX", self.rng.choice(["34", "37"]), 15)]
        )
        body = prefix + "".join(str(self.rng.randrange(10)) for _ in range(length - len(prefix) - 1))
        number = body + luhn.calc_check_digit(body)
        if length == 15:
            return brand, f"{number[:4]}-{number[4:10]}-{number[10:]}"
        return brand, "-".join(number[i : i + 4] for i in range(0, 16, 4))

    def mobile(self) -> str:
        return f"0{self.rng.choice('789')}0-{self.rng.randint(1000, 9999)}-{self.rng.randint(1000, 9999)}"

    def landline(self) -> str:
        area = self.rng.choice(["03", "06", "052", "011", "092", "045"])
        if len(area) == 2:
            return f"{area}-{self.rng.randint(1000, 9999)}-{self.rng.randint(1000, 9999)}"
        return f"{area}-{self.rng.randint(100, 999)}-{self.rng.randint(1000, 9999)}"

    def person(self) -> Person:
        f = self.fake
        last, first = f.last_name_pair(), f.first_name_pair()  # (kanji, kana, romaji)
        romaji = f"{first[2].lower()}.{last[2].lower()}"
        email = f"{romaji}@{self.rng.choice(FREE_MAIL)}"
        while email in self._emails:
            email = f"{romaji}{self.rng.randint(1, 99)}@{self.rng.choice(FREE_MAIL)}"
        self._emails.add(email)
        year = self.rng.randint(1950, 2003)
        month, day = self.rng.randint(1, 12), self.rng.randint(1, 28)
        era, base = ERAS[1] if year >= 1989 else ERAS[0]
        wareki_year = year - base + 1
        postcode = f"{self.rng.randint(100, 999)}-{self.rng.randint(0, 9999):04d}"
        return Person(
            name=f"{last[0]} {first[0]}",
            kana=f"{last[1]} {first[1]}",
            romaji=f"{first[2]} {last[2]}",
            birth=f"{year}/{month:02d}/{day:02d}",
            birth_wareki=f"{era}{'元' if wareki_year == 1 else wareki_year}年{month}月{day}日",
            address=f.address().replace("\n", " "),
            postcode=postcode,
            phone=self.landline(),
            mobile=self.mobile(),
            email=email,
            my_number=self.my_number(),
        )
