"""The character-window context enhancer, driven with real recognizers and real Presidio results."""
import pytest
from stdnum.jp import in_

from detectors.context import CharWindowContextEnhancer, contains_word
from detectors.recognizers.base import CONTEXT_SCORE, NEGATIVE_SCORE, WEAK_CHECKED_SCORE
from detectors.recognizers.jp_my_number import JpMyNumberRecognizer
from detectors.recognizers.phone_number import JpPhoneNumberRecognizer

VALID = "12345678901" + in_.calc_check_digit("12345678901")
MY = JpMyNumberRecognizer()
PHONE = JpPhoneNumberRecognizer()


def run(rec, text, header=None, window=20):
    results = rec.analyze(text, rec.supported_entities, None)
    enhanced = CharWindowContextEnhancer(window).enhance_using_context(text, results, None, [rec], [header] if header else None)
    return [(r.start, r.end, r.score, tuple(r.recognition_metadata["tanaoroshi_evidence"])) for r in enhanced]


def test_is_a_presidio_context_enhancer():
    from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

    assert isinstance(CharWindowContextEnhancer(), ContextAwareEnhancer)


@pytest.mark.parametrize(
    "text,score,fired",
    [
        (f"個人番号{VALID}", CONTEXT_SCORE, "context:個人番号"),  # glued: no word boundary in Japanese
        (f"{VALID}（マイナンバー）", CONTEXT_SCORE, "context:マイナンバー"),  # after the number
        (f"社員のマイナンバーは次の通りです：{VALID}", CONTEXT_SCORE, "context:マイナンバー"),  # 9 chars between
        (f"マイナンバーについては別紙を参照してください。なお、番号は{VALID}", WEAK_CHECKED_SCORE, None),  # beyond 20 chars
        (f"注文番号 {VALID}", NEGATIVE_SCORE, "negative:注文"),
        (f"個人番号ではなく注文番号 {VALID}", NEGATIVE_SCORE, "negative:注文"),  # the negative word is nearer
        (f"注文者の個人番号 {VALID}", CONTEXT_SCORE, "context:個人番号"),  # the positive word is nearer
        (f"My Number: {VALID}", CONTEXT_SCORE, "context:my number"),  # ASCII, case-folded
    ],
)
def test_window(text, score, fired):
    [(start, end, got, evidence)] = run(MY, text)
    assert got == score
    assert evidence[0] == "pattern:my_number_12" and "check" in evidence
    if fired:
        assert fired in evidence
    else:
        assert not any(e.startswith(("context:", "negative:", "header:")) for e in evidence)


def test_window_size_is_a_parameter_and_a_recognizer_may_override_it():
    text = f"マイナンバー{'あ' * 25}{VALID}"
    assert run(MY, text)[0][2] == WEAK_CHECKED_SCORE
    assert MY.CONTEXT_WINDOW == 20  # the recognizer's own window wins over the enhancer's default
    assert run(JpPhoneNumberRecognizer(), f"電話{'あ' * 25}03-1234-5678")[0][2] < CONTEXT_SCORE


def test_header_counts_as_context_and_names_itself():
    [(_, _, score, evidence)] = run(MY, VALID, header="個人番号（マイナンバー）")
    assert score == CONTEXT_SCORE and "header:個人番号" in evidence


def test_header_wins_over_a_negative_word_in_the_cell():
    [(_, _, score, _)] = run(MY, f"{VALID} 注文", header="マイナンバー")
    assert score == CONTEXT_SCORE


def test_a_negative_header_lowers_the_whole_column():
    [(_, _, score, evidence)] = run(MY, VALID, header="注文番号")
    assert score == NEGATIVE_SCORE and "negative_header:注文" in evidence


def test_an_unrelated_header_changes_nothing():
    [(_, _, score, evidence)] = run(MY, VALID, header="備考")
    assert score == WEAK_CHECKED_SCORE and not any(":" in e and not e.startswith("pattern:") for e in evidence)


def test_needs_context_candidates_are_dropped_without_context():
    near = f"{VALID}  7"  # a digit two separators away
    assert run(MY, near) == []
    [(_, _, score, evidence)] = run(MY, "個人番号 " + near)
    assert score == CONTEXT_SCORE and "needs_context" in evidence
    assert run(MY, near, header="個人番号")[0][2] == CONTEXT_SCORE


@pytest.mark.parametrize(
    "word,text,expected",
    [
        ("tel", "tel: 03", True),
        ("tel", "tel03-1234-5678", True),  # digits may touch an ASCII word
        ("tel", "hotel 03", False),  # letters may not
        ("tel", "telephone", False),
        ("fax", "fax番号", True),
        ("電話", "お電話番号", True),  # Japanese: substring
        ("mail", "e-mail", True),
    ],
)
def test_contains_word(word, text, expected):
    assert contains_word(word, text) is expected


def test_ascii_context_in_hotel_does_not_fire_but_tel_glued_to_digits_does():
    assert run(PHONE, "hotel 03-1234-5678")[0][2] < CONTEXT_SCORE
    assert run(PHONE, "TEL03-1234-5678")[0][2] == CONTEXT_SCORE


def test_results_of_other_recognizers_pass_through_untouched():
    from presidio_analyzer import RecognizerResult

    foreign = RecognizerResult("X", 0, 3, 0.42, recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: "Other"})
    out = CharWindowContextEnhancer().enhance_using_context("個人番号abc", [foreign], None, [MY], None)
    assert out == [foreign] and foreign.score == 0.42
