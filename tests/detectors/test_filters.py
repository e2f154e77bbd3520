"""The false-positive filters, one table each."""
import pytest

from detectors.filters import is_general_sense, is_negated, is_technical_failure


@pytest.mark.parametrize("text,start,end,expected", [("システム障害が発生", 4, 6, True), ("障害対応の手順", 0, 2, True), ("障害者手帳", 0, 2, False), ("精神障害の診断", 2, 4, False)])
def test_is_technical_failure(text, start, end, expected):
    assert is_technical_failure(text, start, end) is expected


@pytest.mark.parametrize("text,start,end,expected", [("既往歴: なし", 0, 3, True), ("既往歴：特になし", 0, 3, True), ("既往歴: 高血圧", 0, 3, False)])
def test_is_negated(text, start, end, expected):
    assert is_negated(text, start, end) is expected


@pytest.mark.parametrize("text,start,end,expected", [("宗教法人の会計", 0, 2, True), ("所属宗教: 仏教", 0, 4, False)])
def test_is_general_sense(text, start, end, expected):
    assert is_general_sense(text, start, end) is expected
