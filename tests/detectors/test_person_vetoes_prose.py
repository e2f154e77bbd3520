"""PERSON round 2 on encyclopaedic prose (issue #5): the classes of non-persons a lone name token turns out to be
in Wikipedia-style text — clans, firms and acts, kinds of things, dynasties, court titles, ships, products,
places in lists, names inside a work's title — and spans the dictionary joins or cuts wrongly. The sentences are
invented; each is checked with GiNZA on, so a veto holds even where GiNZA alone would say Person."""
import pytest

from tests.detectors.person_cases import FULL, HIGH, at, spans


@pytest.mark.parametrize("text", [
    "越前は朝倉氏の支配下にあった。",  # 氏 of a clan: its rule, its retainers
    "この城は長く島津氏の居城であった。",
    "ジョンソン&ブラウンの製品を扱っている。",  # a firm named X&Y
    "英国の名門チームであるマクラーレンと契約した。",  # the kind before である
    "彼は殷・周・秦・漢の四代の制度を記した。",  # one-kanji dynasties in a list
    "官位は従五位下、越前守。",  # an old province and 守: a court title
    "30人の研究者がモーリスに乗り込み、北極海を調査した。",  # boarded: a ship
    "内装は従来のリンカーンのモデルから変わらない。",  # what only a product has
    "小川の里では住民の反対運動が起こった。",  # の里: a place
    "岡田、山崎、加藤方面の朝の散歩に最適である。",  # a list of places ending in 方面
    "作品「ジョン・スミスの肖像」が展示された。",  # inside a quoted work's title
    "当時、A子さんは証言を拒んだ。",  # an anonymised stand-in for a name
    "如月鏡司らが出演した。",  # one kanji at the end of a longer run: not a name alone (the exact span is unknown)
], ids=lambda v: "")
def test_not_a_person(person_rec, text):
    assert spans(person_rec, text) == []


@pytest.mark.parametrize("text,part,score", [
    ("山田氏の講演があった。", "山田", HIGH),  # 氏 of a person: the clan veto needs a clan's word after it
    ("ジョン・スミスの作品が展示された。", "ジョン・スミス", FULL),  # not inside a title
], ids=lambda v: "")
def test_still_a_person(person_rec, text, part, score):
    assert spans(person_rec, text) == [at(text, part, score)]


def test_a_full_name_does_not_run_into_the_next_given_name(person_rec):
    """演-松田優子正輝の母: a cast list — the actor's full name, then the character's given name; not one span."""
    text = "演-松田優子正輝の母。"
    assert at(text, "松田優子", FULL) in spans(person_rec, text)


def test_a_verbal_noun_is_not_the_tail_of_a_name(person_rec):
    """信長は浅井討伐を命じた: GiNZA may lengthen 浅井 to 浅井討伐; the act done to a name is never part of it."""
    text = "信長は浅井討伐を命じた。"
    end = text.index("討伐")
    assert all(e <= end for _, e, _ in spans(person_rec, text))
