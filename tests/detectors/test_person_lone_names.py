"""PERSON round 2 (issue #5): a lone given name or surname — a historical figure, a character of fiction, a
foreign name — made a person by a cue in its sentence that only a person takes. The sentences are invented; the
names are checked without GiNZA (``use_ner=False``), so each rule decides alone; the non-names with GiNZA on."""
import pytest

from tests.detectors.person_cases import FULL, HIGH, at, spans


@pytest.mark.parametrize("text,part,score", [
    ("その後ハロルドは息子と共に北へ移り住んだ。", "ハロルド", FULL),  # the topic's own kin
    ("彼女はやがてエドワードと結婚した。", "エドワード", FULL),  # the other person of a marriage
    ("若い頃はオットーに師事した。", "オットー", FULL),  # a master
    ("ハイネは19世紀の詩人である。", "ハイネ", FULL),  # a person's role as the predicate
    ("ヨハン(1820年 - 1890年)が設計した。", "ヨハン", FULL),  # a life's dates in brackets
    ("モーツァルト生誕250年を記念して演奏会が開かれた。", "モーツァルト", FULL),  # a birth anniversary
    ("光秀の代に城が築かれた。", "光秀", FULL),  # a ruler's generation
    ("アウグストゥスの時代には道路が整備された。", "アウグストゥス", FULL),
    ("スターリンが政権を握ると方針が変わった。", "スターリン", FULL),  # a ruler takes power
    ("ノストラダムスが予言した年である。", "ノストラダムス", FULL),
    ("主人公のマリアは町を出た。", "マリア", HIGH),  # a role of a story before the name
    ("リーダーの大西は曲を書いた。", "大西", HIGH),  # a band's role
    ("大神ゼウスによって天に上げられた。", "ゼウス", HIGH),  # a deity's epithet right before a katakana name
    ("クフ王のピラミッドを訪れた。", "クフ", HIGH),  # a ruler's title after the name
], ids=lambda v: "")
def test_a_lone_name_with_a_person_cue(person_rules, text, part, score):
    assert at(text, part, score) in spans(person_rules, text)


@pytest.mark.parametrize("text", [
    "ホームラン王の座を争った。",  # 王 after a common noun
    "イギリス王室の行事である。",
    "昭和の時代には珍しかった。",  # 時代 after a non-name
    "東京生誕の地として知られる。",
    "首都ヴィエンチャンにあるカイソーン博物館を訪れた。",  # a building named after a person
], ids=lambda v: "")
def test_not_a_person(person_rec, text):
    assert spans(person_rec, text) == []


@pytest.mark.parametrize("text,part,score", [
    ("総主教バルトロメオス1世が式を執り行った。", "バルトロメオス1世", FULL),  # a katakana word no dictionary knows, a regnal number
    ("モンスター将軍は城を攻めた。", "モンスター", HIGH),  # a katakana common noun before a general's title
    ("使者は秀吉の下へ向かった。", "秀吉", FULL),  # going to someone
    ("綱吉の側用人として仕えた。", "綱吉", FULL),  # a ruler's retinue
    ("ベルナールは「私は反対だ」と書き残した。", "ベルナール", FULL),  # a quote in the first person
    ("ベルナールは自分の死後を案じた。", "ベルナール", FULL),  # a reflexive
    ("大カトーは元老院で演説した。", "大カトー", FULL),  # the elder's epithet is part of the name
], ids=lambda v: "")
def test_a_lone_name_with_a_person_cue_2(person_rules, text, part, score):
    assert at(text, part, score) in spans(person_rules, text)
