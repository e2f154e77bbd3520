"""Normalisation: idempotent, offsets always inside the original (property-based)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.normalize import normalize

JP = st.text(alphabet=st.sampled_from(list("0123456789０１２３４５６７８９-－ー一‐—　 個人番号㍻㈱ｶﾞか\u3099ABCａｂｃ\n")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(JP | st.text(max_size=40))
def test_offsets_stay_inside_and_normalisation_is_idempotent(text):
    n = normalize(text)
    assert normalize(n.text).text == n.text
    for s in range(len(n.text)):
        for e in range(s + 1, min(len(n.text), s + 5) + 1):
            a, b = n.to_original(s, e)
            assert 0 <= a <= b <= len(text)


def test_dash_class_and_full_width():
    assert normalize("０９０ー１２３４－５６７８").text == "090-1234-5678"
    assert normalize("データ").text == "データ"  # ー inside a word stays
    assert normalize("１２\u3000３").text == "12 3"
