"""Normalisation: the explicit dash and space classes, NFKC, offsets mapped back per original character.
Property-based: idempotent, offsets always inside the original, monotone, whole text ↔ whole text."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.normalize import normalize

JP = st.text(alphabet=st.sampled_from(list("0123456789０１２３４５６７８９-－ー一‐—　 個人番号㍻㈱ｶﾞか\u3099ABCａｂｃ\n①ﬁ")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(JP | st.text(max_size=40))
def test_offsets_stay_inside_and_normalisation_is_idempotent(text):
    n = normalize(text)
    assert normalize(n.text).text == n.text
    for s in range(len(n.text)):
        for e in range(s + 1, min(len(n.text), s + 5) + 1):
            a, b = n.to_original(s, e)
            assert 0 <= a <= b <= len(text)
    if n.text:
        assert n.to_original(0, len(n.text)) == (0, len(text))
    starts = [n.to_original(s, s + 1)[0] for s in range(len(n.text))]
    assert starts == sorted(starts)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["㍻", "㈱", "ｶﾞ", "か\u3099", "ﬁ", "①", "個人", "　", "ー"]), max_size=8), st.from_regex(r"[0-9]{4}", fullmatch=True))
def test_a_number_after_length_changing_characters_maps_to_its_original_span(prefix, digits):
    text = "".join(prefix) + digits
    n = normalize(text)
    start = n.text.rindex(digits)
    assert n.to_original(start, start + 4) == (len(text) - 4, len(text))


@pytest.mark.parametrize("dash", list("‐‑‒–—―−－﹣"))
def test_every_dash_in_the_class_becomes_a_hyphen(dash):
    assert normalize(f"03{dash}1234{dash}5678").text == "03-1234-5678"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("０９０ー１２３４－５６７８", "090-1234-5678"),  # ー between digits is a dash
        ("データ", "データ"),  # ー inside a word stays
        ("1ーつ", "1ーつ"),  # only between digits
        ("１２\u3000３", "12 3"),  # ideographic space
        ("1\u00a02", "1 2"),  # no-break space
        ("㍻2年", "平成2年"),
        ("ＡＢＣ＠ｅｘａｍｐｌｅ．ｊｐ", "ABC@example.jp"),
    ],
)
def test_fold(text, expected):
    assert normalize(text).text == expected


def test_length_changing_fold_maps_back_per_original_character():
    n = normalize("㍻2年 ㈱")
    assert n.text == "平成2年 (株)"
    assert n.to_original(0, 2) == (0, 1)  # 平成 ← ㍻
    assert n.to_original(2, 3) == (1, 2)  # 2
    assert n.to_original(5, 8) == (4, 5)  # (株) ← ㈱
    assert n.to_original(6, 7) == (4, 5)  # a piece of one original character maps to the whole of it
