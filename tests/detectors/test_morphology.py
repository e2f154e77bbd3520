"""detectors.morphology: offsets into the whole text, line by line, the same tokens as Sudachi's own."""
from __future__ import annotations

import pytest

from detectors.morphology import _PIECE, _tokenizer, morphemes

TEXTS = [
    "山田太郎さんは東京都千代田区に住んでいます。",
    "氏名：佐藤　花子\r\n住所 大阪府大阪市北区梅田1-2-3 グランフロント 10F\n",
    "  先頭と末尾に空白  \n\n\t表\tの\tセル\t",
    "絵文字😀を含む𠮷野家の行\nと結合文字のか\u3099な",
    "ＡＢＣ全角と半角ｶﾀｶﾅ、記号【】・＝〒100-0001",
    "A line of ASCII only\n鈴木一郎\nanother ascii line 090-1234-5678\n",
]


def _sudachi(text: str, skip_ascii: bool) -> list[tuple[int, int, str, int, bool]]:
    """Sudachi's own offsets (begin/end) for each line, shifted to the whole text."""
    _, tok, mode = _tokenizer()
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\x1f")
        if not (skip_ascii and body.isascii()):
            for k in range(0, len(body), _PIECE):
                for m in tok.tokenize(body[k : k + _PIECE], mode):
                    out.append((pos + k + m.begin(), pos + k + m.end(), m.surface(), m.part_of_speech_id(), m.is_oov()))
        pos += len(line)
    return out


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("skip_ascii", [False, True])
def test_offsets_are_sudachis_and_slice_the_text(text, skip_ascii):
    got = morphemes(text, skip_ascii_lines=skip_ascii)
    ref = _sudachi(text, skip_ascii)
    assert [(m.start, m.end, m.surface, m.oov) for m in got] == [(s, e, surf, oov) for s, e, surf, _, oov in ref]
    dic = _tokenizer()[0]
    assert [m.pos for m in got] == [tuple(dic.pos_of(p)) for *_, p, _ in ref]
    assert all(text[m.start : m.end] == m.surface for m in got)


def test_a_line_longer_than_a_piece_is_cut_and_offsets_stay_exact():
    text = "前置き\n" + "山田太郎は東京に行った。" * (_PIECE // 6) + "\n末尾"
    got = morphemes(text)
    assert got and all(text[m.start : m.end] == m.surface for m in got)
    assert got[-1].surface == "末尾"


def test_ascii_lines_are_skipped_only_when_asked():
    text = "Taro Yamada\n山田太郎\n"
    assert any(m.surface == "Taro" for m in morphemes(text))
    assert [m.surface for m in morphemes(text, skip_ascii_lines=True)][:2] == ["山田", "太郎"]


def test_name_flags():
    toks = {m.surface: m for m in morphemes("山田太郎さん")}
    assert toks["山田"].is_name and toks["山田"].name_part == "姓" and toks["山田"].is_proper
    assert toks["太郎"].name_part == "名"
    assert not toks["さん"].is_name
