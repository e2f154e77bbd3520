"""Real addresses with gold spans: public facilities' published addresses, as their lists write them.

360 address lines (350 distinct) of Kyoto City schools (``kyoto-schools``: a facility name line, then its address
relative to the city — 北区上賀茂烏帽子ケ垣内町1, 上京区小川通今出川下る針屋町370), Kyoto City fire stations (番地の,
Kyoto street notation), Sapporo schools (条・丁目, full-width digits, CSV quotes, abbreviations such as 南１２西１２ー２-２７)
and schools of five towns whose names hold ケ (half-width ｹ, the school name after the address). Read from the
committed fixture ``facility_addresses.tsv``, extracted unchanged from the npm package @digital-go-jp/abr-geocoder
2.2.0 (MIT, © 2024 デジタル庁; tests/corpus/README.md). Facilities' addresses are not personal data.

Gold span (exact code points, the evaluation's matching rule): the address line with surrounding whitespace
(U+0020, U+3000) and CSV quotes removed — from the first character written (prefecture, municipality, ward or
town) through the block number and any building; for ``issue166`` lines the school name after the first space
is not part of it (茨城県龍ｹ崎市3316 龍ケ崎小学校 → 茨城県龍ｹ崎市3316). The rule is mechanical and was fixed
before the recognizer was run on any line.

Sample text: for ``kyoto-schools`` the facility name, a newline and the address line (the list's own layout);
elsewhere the address line alone. No header (no 住所/所在地 context): each address must stand on its own.
``in_sentences`` puts the same gold addresses into eight generated carrier sentences (a second, labelled-as-such
figure: real addresses, generated context).

Split (fixed before any rule was written): within each source file, the distinct gold addresses in order of
first appearance alternate DEV (0th, 2nd, …) and HELD-OUT (1st, 3rd, …); a repeated address takes the side of its
first appearance, so no address is on both sides. DEV is read and tuned on; HELD-OUT is only measured.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from tests.corpus.generator import Sample

DEV, HELD_OUT = "dev", "held-out"
FIXTURE = Path(__file__).with_name("facility_addresses.tsv")
_STRIP = " \u3000\t\r"


def gold_address(source: str, line: str) -> str:
    """The gold address inside an address line (the rule of the module docstring)."""
    address = line.strip(_STRIP).strip('"')
    if source == "issue166":
        address = address.split(" ", 1)[0]
    return address


@lru_cache(maxsize=1)
def _samples() -> tuple[tuple[str, Sample], ...]:
    out: list[tuple[str, Sample]] = []
    side_of: dict[tuple[str, str], str] = {}
    distinct: dict[str, int] = {}
    for raw in FIXTURE.read_text(encoding="utf-8").split("\n"):
        if not raw or raw.startswith("#"):
            continue
        source, name, line = raw.split("\t")
        address = gold_address(source, line)
        key = (source, address)
        if key not in side_of:
            k = distinct.get(source, 0)
            distinct[source] = k + 1
            side_of[key] = DEV if k % 2 == 0 else HELD_OUT
        text = f"{name}\n{line}" if name else line
        start = text.index(address, len(name))
        out.append((side_of[key], Sample(text, None, [("JP_ADDRESS", start, start + len(address))])))
    return tuple(out)


def samples(split: str) -> list[Sample]:
    """The DEV or HELD-OUT part, in fixture order."""
    if split not in (DEV, HELD_OUT):
        raise ValueError(f"unknown split {split!r}")
    return [s for side, s in _samples() if side == split]


# Carrier sentences for the same addresses (generated, not real text): where an address ends when prose, a 〒, a
# phone number or a bracket follows it — the fixture's lines end with the address.
SENTENCES = (
    "住所：{}", "〒100-0001 {}", "{}へお越しください。", "送付先: {} 総務部 御中", "弊社は{}に移転いたしました。",
    "{} TEL 03-1234-5678", "会場は{}です。", "{}（最寄り駅から徒歩5分）",
)


def in_sentences(split: str) -> list[Sample]:
    """Each gold address of the DEV or HELD-OUT part in each of ``SENTENCES`` (real addresses, generated context)."""
    out = []
    for sample in samples(split):
        _, start, end = sample.gold[0]
        address = sample.text[start:end]
        for template in SENTENCES:
            before = template.split("{}", 1)[0]
            out.append(Sample(template.format(address), None, [("JP_ADDRESS", len(before), len(before) + len(address))]))
    return out
