"""Synthetic scans for OCR tests and the OCR benchmark: ID-card copies and a scanned form, rendered with Pillow
and the IPA Gothic font from Debian (fonts-ipafont-gothic), with the damage real scans have — sensor noise,
a slight blur, a small rotation, JPEG artefacts — at a given resolution (300 dpi by default).

Each ``Scan`` carries its planted values (synthetic people from ``inventory.demo.people``: My Numbers pass
their check digit) so recall can be measured without ever printing a value.
"""
from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from inventory.demo.people import People

FONT = Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")
CARD_MM = (85.6, 54.0)  # ISO/IEC 7810 ID-1: マイナンバーカード, 運転免許証, 在留カード
FORM_MM = (148.0, 105.0)  # the top half of an A5 form: small canvas, same type size as a real one


@dataclass
class Scan:
    kind: str  # "my_number_card", "drivers_license", "form"
    image: bytes  # encoded (JPEG unless asked otherwise)
    planted: dict[str, str] = field(default_factory=dict)  # entity → value (never printed)
    layout_word: str = ""


def _font(pt: float, dpi: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT), max(8, int(pt * dpi / 72)))


def _canvas(mm: tuple[float, float], dpi: int, shade: int):
    from PIL import Image, ImageDraw

    size = (int(mm[0] / 25.4 * dpi), int(mm[1] / 25.4 * dpi))
    image = Image.new("L", size, shade)
    return image, ImageDraw.Draw(image)


def _damage(image, rng: random.Random, dpi: int, fmt: str = "JPEG", rotate: float | None = None, quarter: int = 0) -> bytes:
    """Scanner damage: rotation by a degree or two, a slight blur, sensor noise, JPEG artefacts."""
    from PIL import Image, ImageChops, ImageFilter

    angle = rng.uniform(-1.5, 1.5) if rotate is None else rotate
    image = image.rotate(angle, expand=True, fillcolor=245, resample=Image.BICUBIC)
    if quarter:
        image = image.rotate(90 * quarter, expand=True)
    image = image.filter(ImageFilter.GaussianBlur(0.6 * dpi / 300))
    # sensor noise: uniform ±15 grey levels (σ ≈ 8.7), seeded (Pillow's effect_noise cannot be seeded)
    noise = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height)).point(lambda v: 113 + v * 30 // 255)
    image = ImageChops.add(image, noise, scale=1.0, offset=-128)
    buf = io.BytesIO()
    if fmt == "JPEG":
        image.save(buf, "JPEG", quality=rng.randint(70, 85), dpi=(dpi, dpi))
    else:
        image.save(buf, fmt, dpi=(dpi, dpi))
    return buf.getvalue()


# Real municipalities and 町域 (so the address recognizer's Japan Post check can pass); block numbers are random.
PLACES = (
    "東京都千代田区丸の内", "東京都新宿区西新宿", "大阪府大阪市北区梅田", "愛知県名古屋市中区栄", "福岡県福岡市中央区天神",
    "北海道札幌市中央区大通西", "神奈川県横浜市西区みなとみらい", "京都府京都市下京区烏丸通", "宮城県仙台市青葉区一番町",
    "広島県広島市中区基町", "埼玉県さいたま市浦和区高砂", "千葉県千葉市中央区富士見",
)


def address(rng: random.Random) -> str:
    return f"{rng.choice(PLACES)}{rng.randint(1, 5)}丁目{rng.randint(1, 20)}番{rng.randint(1, 15)}号"


def _grouped(number: str) -> str:
    return f"{number[:4]} {number[4:8]} {number[8:]}"


def my_number_card(person, rng: random.Random, dpi: int = 300, **damage) -> Scan:
    """Front and back of a 個人番号カード copied onto one card-sized area (the way payroll keeps them)."""
    image, d = _canvas(CARD_MM, dpi, 238)
    s = dpi / 300
    home = address(rng)
    d.text((int(40 * s), int(24 * s)), "個人番号カード", font=_font(9, dpi), fill=25)
    d.text((int(40 * s), int(100 * s)), f"氏名  {person.name}", font=_font(8, dpi), fill=20)
    d.text((int(40 * s), int(165 * s)), f"住所  {home}", font=_font(5.5, dpi), fill=20)
    d.text((int(40 * s), int(225 * s)), f"{person.birth_wareki}生   性別 {rng.choice('男女')}", font=_font(6, dpi), fill=20)
    d.text((int(40 * s), int(300 * s)), "個人番号", font=_font(7, dpi), fill=20)
    d.text((int(40 * s), int(360 * s)), _grouped(person.my_number), font=_font(12, dpi), fill=10)
    d.rectangle((int(760 * s), int(90 * s), int(960 * s), int(330 * s)), outline=120, width=max(1, int(3 * s)))  # photo frame
    planted = {"JP_MY_NUMBER": person.my_number, "PERSON": person.name, "JP_ADDRESS": home}
    return Scan("my_number_card", _damage(image, rng, dpi, **damage), planted, "個人番号カード")


def licence_number(rng: random.Random) -> str:
    """運転免許証番号: commission code, year of first licence, serial, a digit, reissue count (12 digits)."""
    return f"{rng.choice([30, 45, 50, 62, 10])}{rng.randint(0, 99):02d}{rng.randint(0, 999999):06d}{rng.randint(0, 9)}{rng.randint(0, 2)}"


def drivers_license(person, rng: random.Random, dpi: int = 300, **damage) -> Scan:
    image, d = _canvas(CARD_MM, dpi, 232)
    s = dpi / 300
    home = address(rng)
    number = licence_number(rng)
    d.text((int(30 * s), int(24 * s)), f"氏名 {person.name}   {person.birth_wareki}生", font=_font(7, dpi), fill=20)
    d.text((int(30 * s), int(90 * s)), f"住所 {home}", font=_font(5.5, dpi), fill=20)
    d.text((int(30 * s), int(150 * s)), f"交付 令和{rng.randint(1, 6)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", font=_font(5.5, dpi), fill=20)
    d.text((int(30 * s), int(210 * s)), "免許の条件等 眼鏡等", font=_font(5.5, dpi), fill=20)
    d.text((int(30 * s), int(300 * s)), f"第 {number} 号", font=_font(9, dpi), fill=15)
    d.text((int(30 * s), int(380 * s)), "運転免許証", font=_font(10, dpi), fill=25)
    d.text((int(420 * s), int(400 * s)), "東京都公安委員会", font=_font(6, dpi), fill=20)
    d.rectangle((int(760 * s), int(150 * s), int(960 * s), int(420 * s)), outline=120, width=max(1, int(3 * s)))
    planted = {"JP_DRIVERS_LICENSE": number, "PERSON": person.name, "JP_ADDRESS": home}
    return Scan("drivers_license", _damage(image, rng, dpi, **damage), planted, "運転免許証")


def form(person, rng: random.Random, dpi: int = 300, **damage) -> Scan:
    """A filled-in 個人番号届出書 (the top half of an A5 form): printed labels, typed entries."""
    image, d = _canvas(FORM_MM, dpi, 250)
    s = dpi / 300
    home = address(rng)
    d.text((int(60 * s), int(40 * s)), "個人番号届出書", font=_font(14, dpi), fill=15)
    d.text((int(60 * s), int(160 * s)), "下記のとおり個人番号を届け出ます。", font=_font(8, dpi), fill=20)
    rows = [("氏名", person.name), ("住所", home), ("生年月日", person.birth_wareki), ("個人番号", _grouped(person.my_number))]
    y = int(260 * s)
    for label, value in rows:
        d.rectangle((int(50 * s), y - int(15 * s), int(1700 * s), y + int(85 * s)), outline=90, width=max(1, int(2 * s)))
        d.text((int(70 * s), y + int(10 * s)), label, font=_font(8, dpi), fill=20)
        d.text((int(360 * s), y + int(10 * s)), value, font=_font(8, dpi), fill=10)
        y += int(120 * s)
    d.text((int(60 * s), y + int(30 * s)), "提出日 令和6年4月1日   株式会社サンプル 総務部", font=_font(7, dpi), fill=20)
    planted = {"JP_MY_NUMBER": person.my_number, "PERSON": person.name, "JP_ADDRESS": home}
    return Scan("form", _damage(image, rng, dpi, **damage), planted, "個人番号")


def vertical_letter(person, rng: random.Random, dpi: int = 300, **damage) -> Scan:
    """A short 縦書き (top-to-bottom, right-to-left) note: columns drawn a character at a time."""
    image, d = _canvas((76.0, 93.0), dpi, 245)
    font = _font(14, dpi)
    step = int(14 * dpi / 72 * 1.1)
    columns = ["個人番号の届出について", f"氏名 {person.name.replace(' ', '')}", "右の者の番号を届け出ます"]
    x = image.width - int(100 * dpi / 300)
    for column in columns:
        y = int(60 * dpi / 300)
        for ch in column:
            if ch != " ":
                d.text((x, y), ch, font=font, fill=20)
            y += step
        x -= int(120 * dpi / 300)
    return Scan("vertical", _damage(image, rng, dpi, **damage), {"PERSON": person.name}, "個人番号")


def scans(n_cards: int, n_licences: int, n_forms: int, *, seed: int = 14, dpi: int = 300) -> list[Scan]:
    people = People(seed)
    rng = random.Random(seed)
    out = [my_number_card(people.person(), rng, dpi) for _ in range(n_cards)]
    out += [drivers_license(people.person(), rng, dpi) for _ in range(n_licences)]
    out += [form(people.person(), rng, dpi) for _ in range(n_forms)]
    return out


def image_pdf(images: list[bytes], dpi: int = 300) -> bytes:
    """An image-only PDF (no text layer): each image one page, as a scanner or a fax gateway writes them."""
    from PIL import Image

    pages = [Image.open(io.BytesIO(b)).convert("L") for b in images]
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:])
    return buf.getvalue()
