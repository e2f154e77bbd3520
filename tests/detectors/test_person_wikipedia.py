"""PERSON in encyclopaedic prose (the kind of text UD_Japanese-GSD holds): historical figures, foreign names in
katakana, nobility, kinship in biographies. The sentences are invented; names are common dictionary names.
The names are checked without GiNZA (``use_ner=False``): each rule decides on its own; the non-names with it."""
import pytest

from tests.detectors.person_cases import FULL, HIGH, at, spans


@pytest.mark.parametrize("text,part,score", [
    ("この年、グレゴリウス7世は改革に着手した。", "グレゴリウス7世", FULL),  # a katakana name and a regnal number
    ("客演にはマイケル・ブラウンが招かれた。", "マイケル・ブラウン", FULL),  # given name・family name, one the dictionary lists
    ("後任にはピエトロ・ロッシが就いた。", "ピエトロ・ロッシ", FULL),
    ("モーブレー卿はこの案に反対した。", "モーブレー", HIGH),  # a nobility title after the name
    ("娘のアデリーナを連れて帰国した。", "アデリーナ", HIGH),  # kinship before a katakana word no dictionary lists
    ("弟アレクセイとともに庭を散歩した。", "アレクセイ", HIGH),  # kinship right before katakana: the script change is the gap
    ("作曲家グラズノフの作品を演奏した。", "グラズノフ", HIGH),
    ("後漢の光武帝は洛陽を都とした。", "光武帝", FULL),  # an emperor's name ending in 帝: the whole word
    ("本名は高橋三治郎。", "高橋三治郎", HIGH),  # what a person is called, stated as such: the whole run (not 高橋三治)
    ("雅号は青嵐。", "青嵐", HIGH),
    ("芸名「けんちゃん」。", "けんちゃん", HIGH),  # in quotes after the label
    ("幼名は竹千代。", "竹千代", HIGH),
    ("恵春尼は晩年を京都で過ごした。", "恵春", HIGH),  # a Buddhist title after the name
    ("この場所では大関・琴錦を破った。", "琴錦", HIGH),  # a sumo rank over ・ before the name
    ("関羽は処刑された。", "関羽", FULL),  # a biography's event only a person goes through
    ("ネロの側近として仕えた。", "ネロ", FULL),  # a ruler's people
    ("但し山口区議からは反対意見が出た。", "山口", HIGH),  # a local assembly member's title
], ids=lambda v: "")
def test_a_name_in_encyclopaedic_prose(person_rules, text, part, score):
    assert spans(person_rules, text) == [at(text, part, score)]


@pytest.mark.parametrize("text", [
    # labels and claims of another name that things have as often as people: a product's, a place's, a company's
    "旧名は東京支店でした。",
    "愛称「ミニ」で親しまれる製品。",
    "別名「青い本」と呼ばれる資料。",
    "通称「青山通り」を北へ進む。",
    "資料は、字は大きく書いてください。",
    "東京電力と名乗る男から連絡があった。",
    "市役所と名乗る電話に注意してください。",
    "新会社は日本産業と改名した。",
    "工夫の跡が見られる。",  # 夫 ends 工夫: no candidate after it
    "ハリー・ポッターシリーズの第6巻",
    "皇帝の命令により、女帝が退位した。",  # 帝 words that name the kind, not one emperor
    "先帝の遺志を継いだ。",
    "帝国ホテルに宿泊した。",
    "オスマン帝国の首都であった。",  # a state, a cabinet named after a person or a place
    "細川内閣の発足に伴い退任した。",
    "国道24号は市の中心を通る。",  # 号 inside a word is no label
    "創刊号は完売した。",
    "文字は読めない。",
    "区議会で審議された。",
    "ベスト・コーポレーション会長が会見した。",  # a company ending before a title: the company's head
    "この場所では西関脇に進んだ。",  # the side of the banzuke before a rank
    "大勢の壮婦が集まった。",  # one kanji inside a longer word
    "日本テレビアナウンサーが司会した。",  # a broadcaster before an announcer's title
], ids=lambda v: "")
def test_not_a_name_in_encyclopaedic_prose(person_rec, text):
    assert spans(person_rec, text) == []


@pytest.mark.parametrize("text", [
    "ディズニー・チャンネルで放送された。",  # the last part is a common word
    "ワジ・アル=ヒタンの化石が有名である。",  # only an article (アル) is a listed name: a valley
], ids=lambda v: "")
def test_a_katakana_chain_the_name_rule_leaves_open(person_rules, text):
    """Not taken by the katakana-chain rule (without GiNZA nothing else confirms them)."""
    assert spans(person_rules, text) == []
