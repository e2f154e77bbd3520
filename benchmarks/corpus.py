"""A reproducible benchmark corpus: mixed office files at realistic sizes and personal-data densities.

Every planted identifier is recorded with its entity (kept in memory, never written to disk beside the
corpus), so the benchmark can report recall and precision as well as speed.

Sizes: office files are text plus what Word and PowerPoint embed, and the embedded pictures are most of the
bytes of a real share (de Lara, Wallach and Zwaenepoel, "A Characterization of Compound Documents on the Web": the common
Word and Excel document is 12–24 KB and the common PowerPoint one 48–80 KB, with a power-law tail that images and
embedded objects make). So half of the slides, a fifth of the Word documents and a quarter of the PDFs carry a
photograph-like JPEG (80–300 KB, drawn from their own random stream: the text, and every planted value, is the
same with or without them). A scanner must not read them — they hold no text and are not OCR'd (a PDF picture
sits on a page with a text layer) — so they test that extraction skips binary parts; ``Corpus.picture_bytes``
lets a benchmark report MB/s with and without them.
"""
from __future__ import annotations

import io
import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from inventory.demo import documents as d
from inventory.demo.people import People

FORMATS = ("xlsx", "docx", "csv", "txt", "pdf", "pptx", "eml", "zip")
WEIGHTS = (0.22, 0.2, 0.18, 0.15, 0.1, 0.05, 0.05, 0.05)
FILLER = [
    "本日の会議では来期の販売計画について議論しました。",
    "在庫の棚卸しは毎月末に実施します。",
    "新製品の出荷は来週から開始する予定です。",
    "お客様からの問い合わせには二営業日以内に回答してください。",
    "経費精算の締め切りは毎月二十五日です。",
    "システムの保守作業のため、土曜日の夜間はサービスを停止します。",
]


@dataclass
class Corpus:
    root: Path
    files: int = 0
    bytes: int = 0
    picture_bytes: int = 0  # of ``bytes``: the embedded pictures' JPEG data
    planted: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # entity → raw values


def _rows(ppl: People, n: int, corpus: Corpus, with_my_number: bool) -> list[list[str]]:
    header = ["氏名", "電話番号", "メールアドレス"] + (["個人番号"] if with_my_number else [])
    rows = [header]
    for _ in range(n):
        p = ppl.person()
        row = [p.name, p.mobile, p.email]
        corpus.planted["PERSON"].add(p.name)
        corpus.planted["PHONE_NUMBER"].add(p.mobile)
        corpus.planted["EMAIL_ADDRESS"].add(p.email)
        if with_my_number:
            row.append(p.my_number)
            corpus.planted["JP_MY_NUMBER"].add(p.my_number)
        rows.append(row)
    return rows


def _prose(rng: random.Random, ppl: People, corpus: Corpus, paragraphs: int) -> list[str]:
    out = []
    for _ in range(paragraphs):
        text = "".join(rng.choice(FILLER) for _ in range(rng.randint(3, 8)))
        roll = rng.random()
        if roll < 0.15:
            p = ppl.person()
            text += f"担当の{p.name}さん(携帯 {p.mobile})に連絡してください。"
            corpus.planted["PERSON"].add(p.name)
            corpus.planted["PHONE_NUMBER"].add(p.mobile)
        elif roll < 0.2:
            brand, number = ppl.card()
            text += f"お支払いはクレジットカード {number} で承りました。"
            corpus.planted["CREDIT_CARD"].add(number)
        elif roll < 0.25:
            text += f"注文番号 {rng.randint(10**11, 10**12 - 1)} の出荷が完了しました。"  # a hard negative
        out.append(text)
    return out


def _photo(rng: random.Random, corpus: Corpus) -> bytes:
    """A photograph-like JPEG (smooth colour fields and sensor grain: it compresses as a photo does, ≈ 80–300 KB)."""
    from PIL import Image

    width = rng.choice((640, 960, 1280))
    height = width * 3 // 4
    base = Image.frombytes("RGB", (16, 12), rng.randbytes(16 * 12 * 3)).resize((width, height), Image.BICUBIC)
    grain = Image.frombytes("L", (width, height), rng.randbytes(width * height)).convert("RGB")
    out = io.BytesIO()
    Image.blend(base, grain, 0.12).save(out, "JPEG", quality=82)
    corpus.picture_bytes += out.tell()
    return out.getvalue()


def generate(root: Path, files: int, seed: int = 1, pictures: bool = True) -> Corpus:
    """``pictures=False``: the same files without their embedded pictures (text only)."""
    rng = random.Random(seed)
    pic = random.Random(seed + 7919)  # pictures from their own stream: with or without them, the text is the same
    ppl = People(seed)
    corpus = Corpus(root)
    root.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        fmt = rng.choices(FORMATS, WEIGHTS)[0]
        folder = root / f"dept{i % 20:02d}" / f"sub{i % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"file{i:05d}.{fmt}"
        dense = rng.random() < 0.3
        n_rows = rng.randint(20, 200) if dense else rng.randint(0, 5)
        if fmt == "xlsx":
            d.xlsx(path, {"Sheet1": _rows(ppl, n_rows, corpus, rng.random() < 0.2)})
        elif fmt == "csv":
            d.csv_file(path, _rows(ppl, n_rows, corpus, rng.random() < 0.2), rng.choice(["utf-8", "cp932"]))
        elif fmt == "docx":
            paragraphs = _prose(rng, ppl, corpus, rng.randint(5, 40))
            table = _rows(ppl, min(n_rows, 30), corpus, False) if dense else None
            d.docx(path, "社内文書", paragraphs, table, pictures=[_photo(pic, corpus)] if pictures and pic.random() < 0.2 else [])
        elif fmt == "txt":
            d.text(path, "\n".join(_prose(rng, ppl, corpus, rng.randint(5, 60))), rng.choice(["utf-8", "cp932", "euc_jp"]))
        elif fmt == "pdf":
            lines = _prose(rng, ppl, corpus, rng.randint(3, 20))
            d.pdf(path, "報告書", lines, picture=_photo(pic, corpus) if pictures and pic.random() < 0.25 else None)
        elif fmt == "pptx":
            slides = [("資料", p) for p in _prose(rng, ppl, corpus, rng.randint(2, 6))]
            d.pptx(path, slides, {k: _photo(pic, corpus) for k in range(len(slides)) if pictures and pic.random() < 0.5})
        elif fmt == "eml":
            d.eml(path, "sender@example.co.jp", "to@example.co.jp", "ご連絡", "\n".join(_prose(rng, ppl, corpus, rng.randint(2, 10))), [])
        else:
            d.plain_zip_cp932(path, [("中身.txt", "\n".join(_prose(rng, ppl, corpus, 10)).encode("cp932"))])
        corpus.files += 1
        corpus.bytes += path.stat().st_size
    return corpus
