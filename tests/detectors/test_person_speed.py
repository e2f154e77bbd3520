"""Differential tests of PERSON's speed tricks: each fast form against the plain form it replaced, on invented
and generated text. Only counts and indexes reach the output, never a text."""
from __future__ import annotations

import random
import re

import pytest

from detectors.morphology import morphemes
from detectors.recognizers import person
from tests.corpus import names

INVENTED = [
    "山田太郎様は「本日は晴天です」と述べた。",
    "ソニー会長の発言、アナン国連事務総長とブレア英首相が会談。",
    "グロースマン氏とツァイトラー監督、サッカー選手のホワイト校長は語った。",
    "担当：松本\n氏名 佐藤花子\nフリガナ サトウ ハナコ",
    "村山元首相と森元首相、朴槿恵代表、金桂冠外務次官。",
    "システムエンジニアのデータベース設計、アルゴリズムとネットワーク。",
    "元気な前向きの新製品を様々な方法で。さん、くん、ちゃん",
    "a",
    "",
    "ベルカンヌ校長は「…」と述べた、エリザベス2世。",
]


def _old_cue_candidates(toks):
    """The plain form _cue_candidates replaced, less what the loop after it skips first (a name token; a token
    that is no noun, adverb or interjection)."""
    return [
        k for k, (t, nxt) in enumerate(zip(toks, toks[1:]))
        if (t.is_proper or t.oov or nxt.surface[0] in person._CUE_START or person._unknown_katakana(t))
        and not t.is_name and t.pos[0] in ("名詞", "副詞", "感動詞")
    ]


def _texts():
    gen = names.generate(30, 7)
    texts = INVENTED + [s.text for s in gen.positives] + [s.text for s in gen.negatives]
    # shuffled pieces of the above, so tokens meet new neighbours (a title's first character after any word)
    rnd = random.Random(20261202)
    pieces = [p for t in texts for p in t.split("、")]
    texts += ["、".join(rnd.sample(pieces, min(len(pieces), 6))) for _ in range(200)]
    return texts


@pytest.mark.parametrize("skip_ascii", [False, True])
def test_cue_candidates_equal_the_plain_form(skip_ascii):
    differing = 0
    for text in _texts():
        toks = morphemes(text, skip_ascii_lines=skip_ascii)
        if any(not t.surface for t in toks[1:]):
            continue  # an empty surface (Sudachi on un-normalised …): the plain form raises; the analyzer normalises first
        differing += person._cue_candidates(toks, text) != _old_cue_candidates(toks)
    assert differing == 0


# the pattern _kana_pairs used before: maximal katakana runs of 4–12 found by lookarounds
_KATAKANA_RUN = re.compile(r"(?<![\u30a1-\u30fa\u30fc])[\u30a1-\u30fa\u30fc]{4,12}(?![\u30a1-\u30fa\u30fc])")


def test_katakana_runs_equal_the_lookaround_regex():
    texts = _texts() + ["アイウ", "アイウエ", "アイウエオカキクケコサシ", "アイウエオカキクケコサシス", "xアイウエオy、カタカナー・ロングランランランランラン"]
    differing = sum(
        [m.span() for m in _KATAKANA_RUN.finditer(t)]
        != [m.span() for m in person._KATAKANA_ANY_RUN.finditer(t) if m.end() - m.start() <= 12]
        for t in texts
    )
    assert differing == 0
