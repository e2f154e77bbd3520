import pytest

from detectors.analyzer import Analyzer


@pytest.fixture(scope="session")
def analyzer():
    return Analyzer()
