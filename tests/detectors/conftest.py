import pytest

from detectors.analyzer import Analyzer
from detectors.recognizers.person import JpPersonRecognizer


@pytest.fixture(scope="session")
def analyzer():
    return Analyzer()


@pytest.fixture(scope="session")
def person_rules():
    """The PERSON recognizer without GiNZA (``use_ner=False``): a case it passes was decided by a rule alone."""
    return JpPersonRecognizer(use_ner=False)


@pytest.fixture(scope="session")
def person_rec():
    """The PERSON recognizer as the analyzer runs it, GiNZA on: where GiNZA alone would call a non-name a person
    (オスマン帝国, 壮婦), the rules must still veto it."""
    return JpPersonRecognizer()
