"""Plain text and CSV/TSV with encoding detection.

Japanese files come in UTF-8 (with or without BOM), CP932/Shift_JIS, EUC-JP, ISO-2022-JP and UTF-16.
Order: BOM; strict UTF-8; ISO-2022-JP by its escape sequences; then the Japanese legacy codecs that
decode the bytes without error — when several do (short texts often decode both as CP932 and as
EUC-JP), charset-normalizer chooses among just those, so its guess is never a Latin or Cyrillic
codepage for Japanese bytes.
"""
from __future__ import annotations

import codecs
import csv
import io
from typing import BinaryIO, Iterator

from crawler.extract.table import cells, column_letter
from crawler.limits import Limits
from crawler.model import ExtractError, Reason, Segment

LINES_PER_SEGMENT = 40
_JAPANESE = ("cp932", "euc_jp")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x1b$B" in data or b"\x1b$@" in data:
        try:
            return data.decode("iso2022_jp"), "iso2022_jp"
        except UnicodeDecodeError:
            pass
    clean = []
    for enc in _JAPANESE:
        try:
            data.decode(enc)
            clean.append(enc)
        except UnicodeDecodeError:
            continue
    if len(clean) == 1:
        return data.decode(clean[0]), clean[0]
    from charset_normalizer import from_bytes

    candidates = clean or list(_JAPANESE)
    best = from_bytes(data, cp_isolation=candidates).best()
    enc = best.encoding if best is not None else candidates[0]
    if clean:
        return data.decode(enc), enc
    return _decode_lines(data, enc), enc


def _decode_lines(data: bytes, enc: str) -> str:
    """Mixed or broken bytes: decode line by line (UTF-8 first, then the file's codec), so a broken
    multibyte sequence or a line pasted in another encoding damages that line only (U+FFFD marks it)."""
    out = []
    for line in data.split(b"\n"):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                out.append(line.decode(enc))
            except UnicodeDecodeError:
                out.append(line.decode(enc, errors="replace"))
    return "\n".join(out)


def _read(fp: BinaryIO, limits: Limits) -> str:
    data = fp.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        raise ExtractError(Reason.TOO_LARGE, f"text larger than {limits.max_file_bytes} bytes")
    return decode(data)[0]


_DELIMITERS = ",\t;|"


class _Sniffer(csv.Sniffer):
    """``csv.Sniffer`` counting only the candidate delimiters per line, not all 127 ASCII characters.

    Written here because the standard library's ``_guess_delimiter`` counts every ASCII character on every
    sampled line (≈ 2 ms a file, 30 times the cost of parsing the file, on the benchmark corpus's CSVs) only
    to keep the candidates at the end: the frequencies of other characters never reach its result. This is
    that method with the count restricted to ``delimiters`` and otherwise unchanged, so the dialect is the
    same (tests/crawler/test_csv_sniffer.py compares the two on generated samples). Called without
    candidates it is the standard library's."""

    def _guess_delimiter(self, data, delimiters):
        if not delimiters:
            return super()._guess_delimiter(data, delimiters)
        data = list(filter(None, data.split("\n")))
        ascii = [c for c in dict.fromkeys(delimiters) if ord(c) < 127]  # the one change: candidates only
        chunk_length = min(10, len(data))
        iteration = 0
        char_frequency: dict[str, dict[int, int]] = {}
        modes: dict[str, tuple[int, int]] = {}
        delims: dict[str, tuple[int, int]] = {}
        start, end = 0, chunk_length
        while start < len(data):
            iteration += 1
            for line in data[start:end]:
                for char in ascii:
                    meta = char_frequency.get(char, {})
                    freq = line.count(char)  # counted even when 0
                    meta[freq] = meta.get(freq, 0) + 1
                    char_frequency[char] = meta
            for char in char_frequency.keys():
                items = list(char_frequency[char].items())
                if len(items) == 1 and items[0][0] == 0:
                    continue
                if len(items) > 1:  # the mode of the frequencies, less the sum of the others
                    modes[char] = max(items, key=lambda x: x[1])
                    items.remove(modes[char])
                    modes[char] = (modes[char][0], modes[char][1] - sum(item[1] for item in items))
                else:
                    modes[char] = items[0]
            mode_list = modes.items()
            total = float(min(chunk_length * iteration, len(data)))
            consistency = 1.0
            threshold = 0.9
            while len(delims) == 0 and consistency >= threshold:
                for k, v in mode_list:
                    if v[0] > 0 and v[1] > 0:
                        if (v[1] / total) >= consistency and (delimiters is None or k in delimiters):
                            delims[k] = v
                consistency -= 0.01
            if len(delims) == 1:
                delim = list(delims.keys())[0]
                return (delim, data[0].count(delim) == data[0].count("%c " % delim))
            start = end
            end += chunk_length
        if not delims:
            return ("", 0)
        if len(delims) > 1:
            for d in self.preferred:
                if d in delims.keys():
                    return (d, data[0].count(d) == data[0].count("%c " % d))
        items = [(v, k) for (k, v) in delims.items()]
        items.sort()
        delim = items[-1][1]
        return (delim, data[0].count(delim) == data[0].count("%c " % delim))


def _csv_segments(text: str) -> Iterator[Segment]:
    sample = text[:8192]
    try:
        dialect = _Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    yield from cells(rows, lambda r, c: f"cell {column_letter(c)}{r + 1}")


def _text_segments(text: str) -> Iterator[Segment]:
    lines = text.splitlines()
    for start in range(0, len(lines), LINES_PER_SEGMENT):
        block = "\n".join(lines[start : start + LINES_PER_SEGMENT])
        if block.strip():
            yield Segment(block, f"line {start + 1}")


def extract(fp: BinaryIO, name: str, limits: Limits, depth: int = 0) -> Iterator[Segment]:
    text = _read(fp, limits)
    lower = name.lower()
    if lower.endswith((".csv", ".tsv", ".tab")):
        try:
            yield from _csv_segments(text)
            return
        except csv.Error:
            pass  # not really CSV: read it as lines
    yield from _text_segments(text)
