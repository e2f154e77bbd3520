"""PERSON: Japanese personal names (kanji, kana readings, katakana foreign names, romaji).

Signals, cheapest first (issue #5; DESIGN.md §5, §9):

1. SudachiPy morphemes (``detectors.morphology``): tokens tagged 名詞-固有名詞-人名-姓/名/一般 make candidates;
   adjacent name tokens join (山田/太郎, 山田 太郎), katakana parts join over ・ and = (タイガー・ウッズ).
2. The name gazetteer (``detectors.name_gazetteer``, japanese-personal-name-dataset over pyahocorasick):
   extends a surname with a given name the dictionary did not tag, confirms both halves, reads romaji
   (Taro Yamada, YAMADA Taro) and kana pairs (ヤマダ タロウ).
3. Adjacent context (``detectors.person_words``): an honorific or person title right after (様, さん, 氏, 部長,
   選手, 元騎手, 英首相, 両氏, an organisation then its title: アナン国連事務総長), a form label or role word right
   before (氏名:, 担当:, 代表取締役), a role, trade or kinship word with の before (歌人の…, 首相の…, 長男の…,
   出身の…), a kana reading in brackets right after a kanji name; and the veto words: a company prefix before
   (株式会社山田…), a company / place / thing suffix after (佐藤水産, 山田町, 鈴木ビル, 芥川龍之介賞), a venue or
   company ending of a katakana chain (…・ホール), title quotes around or around the sentence part (『…』).
   An office's title after a proper noun the dictionary does not call a person (ソニー会長) is no evidence, nor
   after a katakana common noun (サッカー選手, システム部長: a kind of person or a department is dropped; any other
   word is left to GiNZA or the sentence: ホワイト校長は「…」と述べた). A katakana word no dictionary lists (Sudachi
   joins it into a common noun without the OOV flag: グロースマン) is an unknown word — a name before a person's
   title, after a role, in a person's place in the sentence. Spans the dictionary cut wrongly are read again:
   森元/首相 → 森 + 元首相, 村/山元/首相 → 村山, 朴/槿恵 → 朴槿恵, 藤/﨑/奈々子, エリザベス2世, ドミニク・ド・ビルパン,
   ケン・スミス・ロンドン(市長), ブッシュ・ブレア(両首脳) as two names. Vetoes also for what only a work has
   (…の作者), a place of an event (…で23日、), a measurement (松本280ミリ), a kind of thing before a chain (ハリケーン・…).
4. Sentence structure (news conventions) for a lone name: the speaker of a quote (…は「…」と述べた), the
   subject of a predicate only a person takes (死去した, 引退を表明, a sumo result), the owner of a kinship
   relation (佐藤の長男), one of a group (山田ら), a sports ranking before a katakana name (2位の…); Latin
   initials with a katakana name (J.K.ローリング); members of an enumeration with confirmed names (白鵬、黒海、
   高見盛), the opponent in a match report either way (琴欧州は垣添と対戦, 栃乃洋は白鵬に敗れた), the subject of a
   sumo result and the winners after an award's は (高見盛は勝ち越し, 敢闘賞は普天王と玉乃島), the speaker named after
   the quote (「…」と松井は語った), what only a person has (…の葬儀, の自宅, の後任). (Not: a katakana chain whose parts the
   dictionary knows as person names — brands carry their founders' names: ルイ・ヴィトン, クリスチャン・ディオール.)
   Encyclopaedic prose (UD_Japanese-GSD's Wikipedia sentences): a katakana name in parts over ・ with a part the
   dictionary lists as a person's name (マイケル・ブラウン; not an article alone, not a common last word), a
   katakana name with a regnal number (グレゴリウス7世), a Chinese-style emperor's name (光武帝), a name stated as
   such (本名は…, 幼名は…, 雅号は…, 芸名「…」), biography events and a ruler's people (即位, …の側近).
   Round 2 (tests/detectors/test_person_lone_names.py): the other person of a marriage, a meeting or a master
   (…と結婚, …に師事, …を暗殺), a role as the predicate (…は…の提唱者であり), the topic's kin, a first-person quote or
   a reflexive (…は「私は…, …は自分の…), life dates in brackets ((1820年 - 1890年)), an anniversary (…生誕80年), a
   ruler's generation and retinue (…の代に, …の側用人, …のもとへ), 王 after a katakana name, nobility after a place,
   command after a katakana noun (…将軍), an unknown katakana word with a regnal number. Vetoes for what Wikipedia
   prose names like a person (tests/detectors/test_person_vetoes_prose.py): clans (…氏の支配下), firms and acts
   (…&…), a kind before である, one-kanji dynasty lists, court titles (能登守), ships, products, places (…の里, …方面
   lists), names inside a quoted work's title, anonymised stand-ins (A子).
5. GiNZA NER (``detectors.person_ner``), only for what 1–4 leave open — a surname or a single name token
   alone, a katakana name without a title — on a short window around each, batched per text. Analyzing a
   text never loads GiNZA unless such a candidate exists. A lone name GiNZA confirms takes GiNZA's longer
   span from the same start when the rest is a short name tail (千代/大海). GiNZA's Position_Vocation on exactly
   a katakana token the dictionary lists as a name counts as a person (メルケルは、ドイツ初の…).

Scores (base.py's scale; tier threshold 0.5):

=======================================================================  =====
honorific / person title right after, form label right before, age (27)  0.95
a column header (氏名, フリガナ …) or a label in the 12-character window    0.95  (detectors.context)
surname + given name (kanji, kana pair in the gazetteer, romaji pair)   0.85
a lone name token or katakana name that GiNZA also labels Person        0.85
a lone name listed next to a confirmed one (山田、田中、佐藤)                0.85
a lone name by sentence structure (4.), Latin initials (J.K.ローリング)    0.85
a katakana chain with a listed name part, a regnal number, an emperor  0.85
a name stated as such (本名は…, 幼名は…, 芸名「…」)                          0.95
kana full name with a space the gazetteer does not confirm (both halves) 0.60
a katakana run that splits into two readings (ヤマダタロウ)                0.40
a lone name token nobody confirms (kept for the audit trail)            0.30
company / place / product / lone Latin word veto                        dropped
=======================================================================  =====

The span is the whole name (family + given as ONE span, titles and honorifics outside it); a reading in
brackets after it is a second PERSON span. The fingerprint is over the name without spaces (romaji:
surname first, lower-case), so 山田 太郎 and 山田太郎, Taro Yamada and YAMADA Taro count as one person.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from typing import ClassVar, List, Optional

from detectors import person_words as words
from detectors.morphology import Morpheme, in_dictionary, morphemes
from detectors.name_gazetteer import gazetteer, to_hiragana
from detectors.recognizers.base import CANONICAL_KEY, CONTEXT_SCORE, FORMAT_SCORE, WEAK_CHECKED_SCORE, JpLocalRecognizer

FULL_NAME_SCORE = 0.85
NER_CONFIRMED_SCORE = 0.85
KANA_NAME_SCORE = 0.60
UNCONFIRMED_SCORE = FORMAT_SCORE
KANA_RUN_SCORE = WEAK_CHECKED_SCORE

_KATAKANA = re.compile(r"^[\u30a1-\u30fa\u30fc]+$")
_KANA = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fc]+$")
# katakana parts over ・ or =, Latin initials and one-kana particles allowed between them (ジョン・F・ケネディ,
# レオナルド・ダ・ヴィンチ, ドミニク・ド・ビルパン) and a particle before them (ド・ビルパン)
_KATAKANA_CHAIN = re.compile(
    r"(?:[ドダデ][・=][\u30a1-\u30fa\u30fc]{2,}(?:[・=](?:[A-Z]\.?[・=]|[ドダデルラ][・=])*[\u30a1-\u30fa\u30fc]{2,})*"
    r"|[\u30a1-\u30fa\u30fc]{2,}(?:[・=](?:[A-Z]\.?[・=]|[ドダデルラ][・=])*[\u30a1-\u30fa\u30fc]{2,})+)"
)
# Latin initials before a katakana name (J.K.ローリング, J・R・R・トールキン): only a person is written so
_INITIALS_NAME = re.compile(r"(?<![A-Za-z0-9.\u3041-\u30ff\u4e00-\u9fff])(?!U\.S\.|U\.K\.|E\.U\.)(?:[A-Z](?:\. ?|・)){1,3}[\u30a1-\u30fa\u30fc]{2,}(?:[・=][\u30a1-\u30fa\u30fc]{2,})*")
# A lone name that is the subject of a predicate only a person takes (死去した, 引退を表明, 初当選, 来日した), the
# owner of a kinship or personal relation (佐藤の長男, 山田の妻), or one of a group (山田ら3人).
# The predicate is the verb itself (引退した, 引退を表明), never a noun owned by someone else (山田の移籍を発表).
_PERSON_PREDICATE = re.compile(
    r"(?:は|が|も)[^。「」\n]{0,24}?(?<!の)(?:(?:死去|逝去|急死|病死|引退|就任|辞任|辞職|離党|入党|復党|逮捕|送検|起訴|初当選|当選|来日|結婚|離婚|婚約|"
    r"出馬|入団|退団|入門|移籍|入院|退院|出産|受賞|会談|演説|師事|帰国|訪日|亡命|立候補|落選|再選|"
    # a biography's events: a reign, a death, a career at court or in a temple (ネロは即位した, 関羽は処刑された)
    r"即位|崩御|戦死|討死|処刑|暗殺|殺害|出家|留学|退位|譲位|元服|再婚|失脚|隠居|一目惚れ|予言|入朝|同棲)(?:し|する|す|され|を表明|の意向)|辞意を|没し|惚れ|惹かれ|"
    # a ruler takes power, a person meets someone (スターリンが政権を執る; ネロは初めて出会った…)
    r"政権を(?:執|握|奪|獲)|出会っ|[0-9]{1,3}歳(?:で|。|、|だった|に)|"
    # (not 会見, 訪問, によると: a company holds a press conference, sends a delegation, is quoted — ディズニー, ボッシュ)
    r"亡くな|生まれ|出身|首脳会談|演説で|記者団に|"
    # a sportsperson's result (a team's too, but a team is not a token the dictionary calls a person)
    r"優勝|準優勝|連覇|首位に立|完投|完封|本塁打を|安打を|ゴールを|初勝利|"
    # a sumo bout's result and its winning techniques (決まり手) are said only of a wrestler
    r"勝ち越|負け越|休場|全勝|白星|黒星|金星|寄り切|寄り倒|押し出|押し倒|突き出|突き落と|上手投げ|下手投げ|はたき込|引き落と|送り出)"
)
# the person-only predicates a place cannot take (no sports results, no 生まれ/出身): for a surname read as a place
_STRICT_PERSON_PREDICATE = re.compile(
    r"(?:は|が)[^。「」\n]{0,24}?(?<!の)(?:死去|逝去|急死|病死|引退|就任|辞任|辞職|離党|逮捕|送検|起訴|初当選|結婚|離婚|婚約|入団|退団|入門|師事|亡命)"
    r"(?:し|する|す|され|を表明|の意向)"
)
_KIN_OF = re.compile(
    r"の(?:妻|夫|長男|次男|二男|三男|長女|次女|二女|三女|息子|娘|父親|母親|父|母|兄|弟|姉|妹|兄弟|姉妹|両親|祖父|祖母|孫|叔父|叔母|"
    r"夫人|元妻|元夫|恋人|婚約者|遺族|弟子|師匠|秘書|友人|親友|代理人|弁護人|主治医|後任|前任|"
    # what only a person has or goes through: a funeral, a home, a memoir, a resignation (山田の葬儀, 山田の辞任)
    r"葬儀|告別式|通夜|遺体|遺作|遺言|自宅|自伝|晩年|生涯|辞任|辞意|死去|逝去|"
    # a ruler's or a master's people, a life's dates and a reign (ネロの側近, 曹操の死後, アウグストゥスの治世)
    r"側近|家臣|寵臣|重臣|部下|上司|同僚|正室|側室|王妃|皇后|嫡男|養子|甥|姪|生誕|没後|死後|治世|肖像|銅像|墓|"
    # a ruler's generation, a thinker's age (曹操の代に, アウグスティヌスの時代から)
    r"代|時代|側用人|家来|従者|小姓|侍女|乳母)(?![\u4e00-\u9fff])"
    # going to someone, serving under someone (使者は信長のもとへ向かった)
    r"|の(?:下へ|もとへ|もとに|もとで|元へ|許へ)"
)
# right after a lone name, without の: its birth or death anniversary (カイソーン生誕80年, 没後100年)
_ANNIVERSARY = re.compile(r"(?:生誕|没後|生誕祭|生誕百|生誕[0-9])")
# the other person of an act only two persons do (…と結婚, …と交際, …と面会, …に惹かれ, …に師事, …を暗殺)
_PERSON_OBJECT = re.compile(
    r"(?:と(?:[^。、「」\n]{0,6}?)(?:結婚|婚約|離婚|再婚|交際|付き合|つき合|破局|面会|対面|再会|死別|駆け落ち|同棲|文通)|"
    r"に(?:惹かれ|恋を|恋し|惚れ|一目惚れ|師事|弟子入り|求婚|プロポーズ|嫁い|仕え)|"
    r"を(?:暗殺|殺害|処刑|寵愛|擁立|養子に|妻に|夫に|師と仰|庇っ|庇い|失脚させ|称讃|称賛|身籠|出産))"
)
# a person's role as the predicate of the lone name (ハイダーは初期の帰属理論の提唱者であり): the copula is found first,
# then the word before it is looked up by its last character (an alternation of ~200 words would be tried at
# every position of the gap)
_ROLE_COPULA = re.compile(r"(?:は|も)、?([^。、「」\n]{1,20}?)(?:である|であり|であった|だった|で、|として知られ|となった|。)")
_ROLES = tuple(words.ROLE_PREDICATES)
# the subject of a quote that starts in the first person (…は「私は…), or of a reflexive (…は自分の没後を考え)
_FIRST_PERSON = re.compile(r"(?:は|が)、?(?:「(?:私|僕|俺|わたし|あたし|ぼく|おれ|わし|拙者|朕)(?:は|が|の|も|に|を|、|たち)|(?:自分|自ら|自身)(?:の|が|は|を|で|に))")
# the subject's own kin after は (サムは息子のジョナと共に…): only a person has a son
_TOPIC_KIN = re.compile(r"(?:は|が)(?:自分の|自らの)?(?:妻|夫|息子|娘|長男|次男|長女|次女|父|母|兄|弟|姉|妹|恋人|孫)(?:の|と|を|に|が|で)")
# a life's dates or a reign in brackets after a name: (1920年 - 1990年), (生年不詳 - 1603年), (在位: 1501年 - 1520年)
_LIFE_DATES = re.compile(
    r" ?\( ?(?:在位:? ?)?(?:紀元前|前)?(?:[0-9]{1,4}年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?(?:頃)?|生年不詳|生年不明|\?) ?[-~〜–—] ?"
    r"(?:(?:紀元前|前)?[0-9]{1,4}年|没年不詳|没年不明|\?|\))"
)
_GROUP_OF = re.compile(r"ら(?:[0-9]|が|は|の|と|を|に|、)")
# A lone name that is the subject of a verb of saying in its sentence (ストールマンは…「…」と述べている): the
# news convention for quoting a person. Quotes are skipped whole (a 。 inside 「…」 does not end the sentence).
_SPEAKER = re.compile(r"(?:は|が)(?:[^。「」\n]|「[^」\n]{0,200}」){0,200}?と(?:述べ|語[っらりるれ]|話[しさすせ]|コメント|強調し|主張し|訴え|批判し|反論し|証言し|明かし|振り返)")
# the speaker named after the quote: 「…」と松井は語った, 「…」とシュミット監督は振り返った
_SUBJECT_OR_OWNER = frozenset(("は", "が", "の"))
_ONE_CHAR_PREFIXES = frozenset(p for p in words.TITLE_PREFIXES if len(p) == 1)
_SPEAKER_AFTER_QUOTE = re.compile(r"(?:は|が)?(?:[^。「」、\n]{0,10}?)(?:述べ|語[っらりるれ]|話[しさすせ]|強調し|振り返|明かし|笑顔を見せ)")
_READING = re.compile(r"\(\s*([\u3041-\u3096\u30a1-\u30fa\u30fc][\u3041-\u3096\u30a1-\u30fa\u30fc・ ]*[\u3041-\u3096\u30a1-\u30fa\u30fc])\s*[,、)]")
_ROMAJI = re.compile(r"(?<![A-Za-z])([A-Z][a-z]{1,14}|[A-Z]{2,15})[ ]+([A-Z][a-z]{1,14}|[A-Z]{2,15})(?![A-Za-z])")
_ROMAJI_TITLED = re.compile(r"(?<![A-Za-z])(?:Mr|Ms|Mrs|Miss|Dr|Prof)\.? ([A-Z][a-z]{1,14}|[A-Z]{2,15})(?![A-Za-z])|(?<![A-Za-z])([A-Z][a-z]{1,14}|[A-Z]{2,15})-(?:san|sama|sensei|kun|chan)(?![A-Za-z])")
_KANA_PAIR = re.compile(r"(?<![\u3041-\u3096\u30a1-\u30fa\u30fc])([\u3041-\u3096\u30a1-\u30fa\u30fc]{2,8}) ([\u3041-\u3096\u30a1-\u30fa\u30fc]{1,8})(?![\u3041-\u3096\u30a1-\u30fa\u30fc])")
_KATAKANA_ANY_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]{4,}")  # a maximal katakana run of four or more
# a company word ahead within the same word (木村鉱業株式会社), not across a particle (鈴木一郎と株式会社…)
_COMPANY_AHEAD = re.compile(r"^[^\s、。,.:;()「」『』とやのがはをにもへで]{0,10}?(?:株式会社|有限会社|合同会社|\(株\)|\(有\))")
_HIRAGANA_RUN = re.compile(r"[\u3041-\u3096]{2,6}(?![\u3041-\u3096])")
_NAME_TAIL = re.compile(r"[\u4e00-\u9fff\u3005\u30a1-\u30fa\u30fc]{1,3}")  # what GiNZA may add to a split name
_RANK_BEFORE = re.compile(r"(?:首位|[0-9]+位|[0-9]+位タイ)(?:の|は|が|に|で)$")
# a regnal or generational number after a Western name belongs to it (エリザベス2世, ヨハネ・パウロ2世); not 16世紀, 2世代
_REGNAL_NUMBER = r"(?:[1-9][0-9]?|[一二三四五六七八九十]{1,3})世(?![\u4e00-\u9fff])"
_REGNAL = re.compile(_REGNAL_NUMBER)
# a katakana word (in parts over ・) with a regnal number, found in the text whether or not a candidate covers it
_KATAKANA_REGNAL = re.compile(r"(?<![\u30a1-\u30fa\u30fc・])([\u30a1-\u30fa\u30fc]{3,}(?:・[\u30a1-\u30fa\u30fc]{2,})*)" + _REGNAL_NUMBER)
# 文帝, 崇禎帝, 光武帝: a Chinese-style emperor's name (a reign or temple name and 帝) — the whole word is the name
_EMPEROR = re.compile(r"(?<![\u4e00-\u9fff\u3005])[\u4e00-\u9fff]{1,3}帝(?![\u4e00-\u9fff\u3005])")
# 本名は鈴木三治郎, 幼名は竹千代, 雅号は寒緑, 芸名「まっすー」: what a person is called, stated as such — the label word at
# a word's start (not 房号は), then the name in quotes or as one kanji or katakana run. Only labels that name a person's
# name: 通称, 愛称, 別名, 旧名, 号 and 字 name a product's, a road's, a ship's, a company's or a place's other name
# just as often (旧名は東京支店, 愛称「ミニ」で親しまれる製品, 、字は大きく), so they are no evidence of a person.
_ALIAS_LABEL = re.compile(
    r"(?:(?<=^)|(?<=[、。,(「 ]))(本名|幼名|諱|法名|俗名|筆名|芸名|雅号|初名|法号|戒名)"
    r"(?:は|:)?(?:「([^「」。]{1,12})」|(?<=は|:)([\u4e00-\u9fff\u3005]{1,8}(?![\u4e00-\u9fff\u3005\u30a1-\u30fa\u30fc])|[\u30a1-\u30fa\u30fc][\u30a1-\u30fa\u30fc・]{1,20}(?![\u30a1-\u30fa\u30fc・])))"
)
# (Not "…と名乗った" alone: 東京電力と名乗る男, 市役所と名乗る電話, 日本産業と改名した — whoever claims a name, the name
# claimed is as often an organisation's or an office's.)
# what only a work has: an author, a sequel, a film version, a hero (not 新作 or 新刊: ローリングの新作 is the author's)
_WORK_OF = re.compile(r"の(?:作者|著者|原作者|翻訳者|訳者|続編|映画化|映画版|主人公|登場人物|日本語版|翻訳版)")
# a place of an event: で, then its date or the verb of an event (…で23日、 …で開かれた); not 首位はウッズで、2位は
_VENUE = re.compile(r"で(?:[0-9]{1,2}日|(?:[0-9]{1,2}月)?[0-9]{1,2}日|午前|午後|開か|開催|行われ|起き|発生|爆発|地震)")
_MEASURE = re.compile(r" ?[0-9][0-9.,]* ?(?:ミリ|mm|センチ|cm|メートル|m\b|キロ|km|度|℃|hPa|ヘクトパスカル|%|パーセント|トン)")
# the kind of a named thing before it (チームであるマクラーレン, メーカーであるドイツのカール・ツァイス): no person
_KIND_BEFORE = re.compile(
    r"(?:(?:" + "|".join(words.THING_KINDS) + r")である|(?:" + "|".join(words.THING_KINDS_OF) + r")の)(?:[\u4e00-\u9fff\u30a1-\u30fa\u30fc]{1,6}の)?$"
)
_PRODUCT_OF = re.compile(r"の(?:" + "|".join(words.PRODUCT_OF) + r")")
_CLAN_OF = re.compile(r"氏の(?:" + "|".join(words.CLAN_OF) + r")")
# boarding it: a ship, a vehicle (ヒーリーに乗り込み) — a person is not boarded
_BOARDED = re.compile(r"に(?:乗り込|乗船|搭乗|乗艦|乗り換え)")
# a list of places, its last member with the word that makes them places (三木、吉川、小野方面): every member is one
_PLACE_LIST_AFTER = re.compile(r"(?:[、・][\u4e00-\u9fff]{1,4}){1,6}(?:方面|地方|地区|周辺|地域|各地|一帯)")
# one kanji between ・ and a one-kanji neighbour: a list of dynasties, countries or clans (夏・殷・周・秦・漢・魏, 日・米・英)
_ONE_KANJI_LIST_BEFORE = re.compile(r"(?<![\u4e00-\u9fff\u3005])[\u4e00-\u9fff]・$")
_ONE_KANJI_LIST_AFTER = re.compile(r"・[\u4e00-\u9fff](?![\u4e00-\u9fff\u3005])")
_HIRAGANA_ONLY = re.compile(r"^[\u3041-\u3096\u30fc・ ]+$")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_CAPITAL = re.compile(r"[A-Z]")
_LABEL_GAP = " :：　\t"
_TITLE_SET = frozenset(words.PERSON_TITLES)
_FOREIGN_NON_PERSON = frozenset(words.FOREIGN_NON_PERSON_ENDINGS)
_APPOSITION_GAPS = ("の", "・", " ")
_HONORIFIC_OR_TITLE = words.HONORIFICS + words.PERSON_TITLES
_AGE = re.compile(r" ?\( ?(?:当時)?[1-9][0-9]?(?:歳|才)? ?[),、=・]")  # (27) (当時35歳) (35=ロッテ)
# the first two characters of every honorific and title, and the one-character ones: a set lookup rules out a
# position before _word_at runs (the title table starts with ~40 different characters, 元 and 前 among them)
_CUE_PREFIX2 = frozenset(w[:2] for w in _HONORIFIC_OR_TITLE if len(w) >= 2)
_CUE_ONE = frozenset(w for w in _HONORIFIC_OR_TITLE if len(w) == 1)
_CUE_START = frozenset(w[0] for w in _HONORIFIC_OR_TITLE)  # the characters an honorific or a title starts with


_PRIORITY = {"alias": -1, "full": 0, "kana": 1, "romaji": 2, "foreign": 3, "kana_run": 4, "single": 5, "cue": 6}
_NER_WINDOW = 60  # characters each side of an ambiguous candidate, within its sentence
_LIST_GAPS = frozenset(("、", ",", ", ", "と", "や", "及び", "および", " ", "・"))  # between names of one list
_PART_SEPARATOR = re.compile(r"[・=]")


@dataclass
class _Candidate:
    start: int
    end: int
    kind: str  # full | single | foreign | kana | kana_run | romaji | cue | reading | alias
    evidence: list[str] = field(default_factory=list)
    canonical: str | None = None
    score: float = 0.0
    has_place: bool = False  # a part the dictionary tags as a place (モンゴル・ウランバートル)
    surname: str | None = None  # the family-name part of a full name
    country_after: int = 0  # length of a country's name cut off the end (ホルスト・ケーラー|ドイツ|大統領)
    title_end: int = 0  # a word before a title that is no evidence by itself (cue:open): where the title ends


def _may_cue(text: str, pos: int) -> bool:
    """Whether an honorific or a title may start at ``pos`` (two set lookups, before any word search)."""
    return text[pos : pos + 2] in _CUE_PREFIX2 or text[pos : pos + 1] in _CUE_ONE


def _last_part(name: str) -> str:
    """The last part of a name written in parts over ・ or = (タイガー・ウッズ → ウッズ)."""
    return _PART_SEPARATOR.split(name)[-1]


def _is_kanji(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch == "\u3005"


def _unknown_katakana(t: Morpheme) -> bool:
    """A katakana word the dictionary does not list, which Sudachi joins into one common noun without the OOV flag
    (グロースマン, ツァイトラー): to PERSON the same as an unknown word."""
    return t.pos[1] == "普通名詞" and len(t.surface) >= 3 and _KATAKANA.match(t.surface) is not None and not in_dictionary(t.surface)


_START, _IS_NAME, _IS_PROPER, _OOV = (itemgetter(Morpheme._fields.index(f)) for f in ("start", "is_name", "is_proper", "oov"))
_CUE_START_CHAR = re.compile("[" + re.escape("".join(sorted(_CUE_START))) + "]")
_KATAKANA_3 = re.compile(r"[\u30a1-\u30fa\u30fc]{3,}")
_CUE_POS0 = frozenset(("名詞", "副詞", "感動詞"))  # the parts of speech _from_morphemes' cue loop reads at all


def _cue_candidates(toks: list[Morpheme], text: str) -> list[int]:
    """Indexes ``k`` of the tokens that may make a cue candidate before ``toks[k + 1]``, in order: a proper noun, an
    unknown word, a token before a character an honorific or a title starts with, or an unknown katakana word —
    less the tokens the loop skips first anyway: a name token, a token that is no noun, adverb or interjection.
    Replaces ``[k for k, (t, nxt) in enumerate(zip(toks, toks[1:])) if t.is_proper or t.oov or nxt.surface[0] in
    _CUE_START or _unknown_katakana(t)]`` (the same indexes less those, tests/detectors/test_person_speed.py): the flags are
    read per token in C (``compress`` over ``itemgetter``), the characters a title starts with and the katakana
    runs are found in the text by a regex and mapped to their tokens by bisection — over corpus-600's texts
    (≈ 510,000 tokens) the pass costs 0.40 s → 0.36 s CPU, and the loop after it visits 21,600 tokens, not 90,600
    (PERSON alone over corpus-600 with the morphemes precomputed: 1.67 s → 1.52 s with _kana_pairs' change)."""
    n = len(toks) - 1
    if n < 1:
        return []
    starts = list(map(_START, toks))
    ks = set(compress(range(n), map(_IS_PROPER, toks)))  # 固有名詞: a noun
    ks.update(k for k in compress(range(n), map(_OOV, toks)) if toks[k].pos[0] in _CUE_POS0)
    for m in _CUE_START_CHAR.finditer(text, starts[1]):
        i = bisect_left(starts, m.start())
        if i <= n and starts[i] == m.start() and toks[i - 1].pos[0] in _CUE_POS0:
            ks.add(i - 1)
    for m in _KATAKANA_3.finditer(text):
        i = bisect_left(starts, m.start())
        while i < n and starts[i] < m.end():
            if i not in ks and _unknown_katakana(toks[i]):
                ks.add(i)
            i += 1
    ks.difference_update(compress(range(n), map(_IS_NAME, toks)))
    return sorted(ks)


def _is_verbal_noun(word: str) -> bool:
    """One dictionary word that names an act (討伐, 結婚: サ変可能) — what is done to a name, never its tail
    (波多野/討伐 is 'the subjugation of Hatano'). Tokenised alone: only on the rare span GiNZA lengthened."""
    toks = morphemes(word)
    return len(toks) == 1 and toks[0].pos[2] == "サ変可能"


def _is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch == "\u30fc"


@lru_cache(maxsize=8192)
def _splits_into_readings(run: str) -> bool:
    """A katakana run that splits into a surname reading + a given-name reading (オガワカナ). Cached: the runs of
    a document are mostly loanwords (システム, データ) that recur in every paragraph."""
    gaz = gazetteer()
    hira = to_hiragana(run)
    return any(hira[:k] in gaz.surname_readings and hira[k:] in gaz.given_readings for k in range(2, len(hira) - 1))


def _longest_first(options: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(options, key=len, reverse=True))


# Indexes of the word tables, keyed by the table's identity: the tables are module constants, and an lru_cache
# over them would hash a tuple of hundreds of words on every lookup (it did: the title table grew and that hashing
# became the largest cost of _word_at). The table itself is kept in the value, so its id cannot be reused.
_FIRST_INDEX: dict[int, tuple[tuple[str, ...], dict[str, tuple[str, ...]]]] = {}
_LAST_INDEX: dict[int, tuple[tuple[str, ...], dict[str, tuple[str, ...]]]] = {}


def _first_index(options: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Words by their first two characters, longest first, each bucket followed by the one-character words
    that are its first character; one-character words also under their one character. A lookup of
    ``text[:2]``, then of ``text[:1]``, yields every word that may start ``text`` — the title table holds ~150
    words that start with 元 or 前, which one character would leave to try one by one."""
    hit = _FIRST_INDEX.get(id(options))
    if hit is not None and hit[0] is options:
        return hit[1]
    ordered = _longest_first(options)
    ones = [w for w in ordered if len(w) == 1]
    index: dict[str, list[str]] = {}
    for w in ordered:
        if len(w) >= 2:
            index.setdefault(w[:2], []).append(w)
    for key, bucket in index.items():
        bucket.extend(w for w in ones if w == key[0])
    for w in ones:
        index.setdefault(w, []).append(w)
    _FIRST_INDEX[id(options)] = (options, {k: tuple(v) for k, v in index.items()})
    return _FIRST_INDEX[id(options)][1]


def _by_last(options: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    hit = _LAST_INDEX.get(id(options))
    if hit is not None and hit[0] is options:
        return hit[1]
    index: dict[str, list[str]] = {}
    for w in _longest_first(options):
        index.setdefault(w[-1], []).append(w)
    _LAST_INDEX[id(options)] = (options, {k: tuple(v) for k, v in index.items()})
    return _LAST_INDEX[id(options)][1]


def _starts_with_any(text: str, options) -> str | None:
    index = _first_index(options)
    return next((w for w in index.get(text[:2]) or index.get(text[:1], ()) if text.startswith(w)), None)


def _word_at(text: str, options) -> str | None:
    """The longest of ``options`` that ``text`` starts with as a whole word: 選手 in 選手が, not in 選手権."""
    index = _first_index(options)
    for w in index.get(text[:2]) or index.get(text[:1], ()):
        nxt = text[len(w) : len(w) + 1]
        if text.startswith(w) and not (_is_kanji(w[-1]) and _is_kanji(nxt) and nxt != "兼") and not (_is_katakana(w[-1]) and _is_katakana(nxt)):
            return w  # 会長兼社長: 兼 joins two titles; アマ in 瀬川アマ, not in アマチュア
    return None


# compiled once: re.split / re.sub with a pattern string look it up in re's cache on every call (≈ 23,000 calls on
# corpus-600, 0.045 s of the lookup alone under cProfile)
_LABEL_SPLIT = re.compile(r"\S{2,}\s+(?=\S{2,})")
_CANONICAL_DROP = re.compile(r"[\s・=]")


def _spaced_label(before: str) -> str:
    """A form label spaced out to fill its box (氏　　名, お 名 前): the label's characters with the spaces dropped,
    taken back to the previous line break or two-character gap."""
    line = before.rsplit("\n", 1)[-1]
    tail = _LABEL_SPLIT.split(line)[-1]
    return tail.replace(" ", "")


def _ends_with_any(text: str, options) -> str | None:
    return next((w for w in _by_last(options).get(text[-1:], ()) if text.endswith(w)), None)


_LIST_JOINERS = frozenset(("、", ",", "と", "や"))
_JOINER = re.compile("[、,とや]")
# a ring name or pen name of one-character nouns over の (若の里, 玉乃島), not a place phrase (森の中, 山の上)
_RING_NAME = re.compile(r"[\u4e00-\u9fff][のノ乃之](?![中上下前後外内間方横奥隣側辺頃時日為])[\u4e00-\u9fff]{1,2}(?=[がはをにとも、])")
# after a confirmed name (and its title): は/が, the opponent, と/に/を, a verb of a bout within a few characters
_OPPONENT = re.compile(
    r"(?:関|選手|投手|横綱|大関|関脇|小結|三段|四段|五段|六段|七段|八段|九段|名人|氏)?(?:は|が)"
    r"([^\s、。はがとにを]{2,5}?)(?:と|に|を)[^。、]{0,12}?(?:対戦|対決|対局|敗れ|敗退|破っ|破り|破る|下し|下す|勝っ|勝ち|勝利|倒し|退け)"
)
# before a confirmed name: the other one's は/が; after it: と/に/を and the verb of a bout (栃乃洋は白鵬に敗れた)
_OPPONENT_AFTER = re.compile(
    r"(?:関|選手|投手|横綱|大関|関脇|小結|三段|四段|五段|六段|七段|八段|九段|名人|氏)?(?:と|に|を)[^。、]{0,12}?"
    r"(?:対戦|対決|対局|敗れ|敗退|破っ|破り|破る|下し|下す|勝っ|勝ち|勝利|倒し|退け)"
)
_NOUN_POS = frozenset(("名詞", "接尾辞"))


def _noun_units(toks: list[Morpheme], k: int, n: int) -> list[tuple[int, int, bool, bool]]:
    """Runs of adjacent noun and noun-suffix tokens among ``toks[k:n]`` (a の between two one-character nouns
    stays inside: 若の里), as (start, end, has a place-tagged token, has a common noun that names an act or a
    number — 会議, 3人)."""
    out = []
    while k < n:
        t = toks[k]
        if t.pos[0] not in _NOUN_POS:
            k += 1
            continue
        s, j, place, common = t.start, k, t.is_place, _is_act_or_number(t)
        while j + 1 < n:
            nxt = toks[j + 1]
            if nxt.start != toks[j].end:
                break
            if nxt.pos[0] in _NOUN_POS:
                j += 1
            elif nxt.surface in ("の", "ノ", "乃", "之") and j + 2 < n and len(toks[j].surface) == 1 and len(toks[j + 2].surface) == 1 and toks[j + 2].pos[0] == "名詞":
                j += 2
            else:
                break
            place = place or toks[j].is_place
            common = common or _is_act_or_number(toks[j])
        out.append((s, toks[j].end, place, common))
        k = j + 1
    return out


def _starts_title(text: str, t: Morpheme, gaz) -> bool:
    """A name token that is a title (三段, not the surname 関) or the start of a longer one (元騎 of 元騎手)."""
    if t.surface in _TITLE_SET:
        return not gaz.is_surname(t.surface)
    if not _may_cue(text, t.start):
        return False
    w = _word_at(text[t.start : t.start + 8], words.PERSON_TITLES)
    return w is not None and len(w) > len(t.surface)


def _sentence_role(text: str, end: int, start: int = 0) -> str | None:
    """What the words around a lone name say about it: the speaker of a quote (before or after it), the subject
    of a person's predicate, the owner of a kinship relation, one of a group."""
    if _SPEAKER.match(text, end, end + 400):
        return "speaker"
    if text[start - 2 : start] == "」と" and _SPEAKER_AFTER_QUOTE.match(text, end, end + 30):
        return "speaker"
    if _PERSON_PREDICATE.match(text, end, end + 40):
        return "person_predicate"
    if _KIN_OF.match(text, end, end + 6):  # or who succeeds whom (山田の後任)
        return "kin_of"
    if _PERSON_OBJECT.match(text, end, end + 16):
        return "person_object"
    if (m := _ROLE_COPULA.match(text, end, end + 40)) and _ends_with_any(m.group(1), _ROLES):
        return "role_predicate"
    if _FIRST_PERSON.match(text, end, end + 8):
        return "first_person"
    if _TOPIC_KIN.match(text, end, end + 8):
        return "topic_kin"
    if _ANNIVERSARY.match(text, end, end + 4):
        return "anniversary"
    if text[end : end + 1] in " (" and _LIFE_DATES.match(text, end, end + 40):
        return "life_dates"
    if _GROUP_OF.match(text, end, end + 3):
        return "group_of"
    return None


def _rank_before(text: str, c: _Candidate) -> str | None:
    """2位のコリン・モンゴメリー, 首位はウッズ: a sports ranking before a katakana name names a competitor. Not
    before a kanji name: 業界2位の鈴木 may be the company its founder named."""
    if _KATAKANA.match(text[c.start : c.start + 1]) and _RANK_BEFORE.search(text, max(0, c.start - 8), c.start):
        return "rank"
    return None


def _tokens_in(toks: list[Morpheme], starts: list[int], s: int, e: int) -> list[Morpheme]:
    lo = bisect_left(starts, s)
    out = []
    for t in toks[lo:]:
        if t.start >= e:
            break
        out.append(t)
    return out


def _is_act_or_number(t: Morpheme) -> bool:
    return t.pos[1] == "数詞" or t.pos[2] == "サ変可能" or t.surface.isascii()


# a sumo bout's result said of the wrestler before は/が: a winning technique, a win or loss tally, a withdrawal
# (not 連勝, 白星, 10勝5敗: a baseball team's too — 阪神は3連勝)
_SUMO_RESULT = re.compile(
    r"[^。「」\n]{0,20}?(?:勝ち越|負け越|休場|全勝|金星|寄り切|寄り倒|押し出|押し倒|突き出|突き落と|上手投げ|下手投げ|"
    r"はたき込|引き落と|送り出|初日を出)"
)
_SUMO_OR_AWARD = re.compile(r"賞は|勝ち越|負け越|休場|全勝|金星|寄り|押し|突き|投げ|はたき|引き落|送り出|初日を")
_RANKS = ("横綱", "大関", "関脇", "小結", "前頭", "十両", "新大関", "新横綱", "新関脇", "新小結", "元横綱", "元大関", "筆頭")


def _unit_before(toks: list[Morpheme], k: int) -> tuple[int, int] | None:
    """The run of adjacent noun tokens right before ``toks[k]`` (one-character nouns over の/ノ inside: 若の里)."""
    j = k - 1
    if toks[j].pos[0] not in _NOUN_POS:
        return None
    start = j
    while start > 0 and toks[start - 1].end == toks[start].start:
        prev = toks[start - 1]
        if prev.pos[0] in _NOUN_POS:
            start -= 1
        elif prev.surface in ("の", "ノ", "乃") and start > 1 and len(toks[start].surface) == 1 and len(toks[start - 2].surface) == 1 and toks[start - 2].end == prev.start:
            start -= 2
        else:
            break
    return toks[start].start, toks[j].end


def _unit_after(toks: list[Morpheme], j: int) -> tuple[int, int, int] | None:
    """The run of adjacent noun tokens from ``toks[j]``: (start, end, index after it)."""
    if j >= len(toks) or toks[j].pos[0] not in _NOUN_POS:
        return None
    k = j
    while k + 1 < len(toks) and toks[k + 1].start == toks[k].end:
        nxt = toks[k + 1]
        if nxt.pos[0] in _NOUN_POS:
            k += 1
        elif nxt.surface in ("の", "ノ", "乃") and k + 2 < len(toks) and len(toks[k].surface) == 1 and len(toks[k + 2].surface) == 1:
            k += 2
        else:
            break
    return toks[j].start, toks[k].end, k + 1


def _strip_rank(text: str, s: int, e: int) -> tuple[int, int]:
    """A rank before a ring name and 関 after it are not part of it (大関魁皇, 普天王関)."""
    for _ in range(2):
        rank = _starts_with_any(text[s:e], _RANKS)
        if rank:
            s += len(rank)
    if text[s:e].endswith("関") and e - s > 2:
        e -= 1
    return s, e


def _enumerations(text: str, units):
    """Maximal runs of two or more units joined by exactly one list joiner (、 , と や) between them."""
    run = [units[0]]
    for prev, u in zip(units, units[1:]):
        if u[0] - prev[1] == 1 and text[prev[1]] in _LIST_JOINERS:
            run.append(u)
            continue
        if len(run) >= 2:
            yield run
        run = [u]
    if len(run) >= 2:
        yield run


class JpPersonRecognizer(JpLocalRecognizer):
    ENTITY: ClassVar[str] = "PERSON"
    CONTEXT: ClassVar[tuple[str, ...]] = words.CONTEXT
    HEADER_WORDS: ClassVar[tuple[str, ...]] = words.HEADER_WORDS
    CONTEXT_WINDOW: ClassVar[int] = 12
    NEEDS_DIGITS: ClassVar[bool] = False
    NEEDS_NLP: ClassVar[bool] = False  # GiNZA is called from here, only on ambiguous windows

    def __init__(self, context: Optional[List[str]] = None, use_ner: bool = True):
        super().__init__(context=context)
        self.use_ner = use_ner

    # --- candidates ---------------------------------------------------------------------------------
    def _from_morphemes(self, text: str, toks: list[Morpheme]) -> list[_Candidate]:
        gaz = gazetteer()
        out: list[_Candidate] = []
        n, i = len(toks), 0
        names = list(compress(range(n), map(_IS_NAME, toks)))  # the loop below visits only these (and what follows them)
        given_tokens = [k for k in names if toks[k].name_part == "名"]
        for k in names:
            if k < i:
                continue  # inside the previous candidate
            i = k
            t = toks[i]
            if t.surface.isascii() or _starts_title(text, t, gaz):
                # Latin names: only as romaji pairs (_romaji); 三段 is a rank, 元騎(手) starts a title
                continue
            j = i
            while j + 1 < n:
                nxt = toks[j + 1]
                if nxt.surface in _TITLE_SET or (_may_cue(text, nxt.start) and _word_at(text[nxt.start : nxt.start + 8], words.PERSON_TITLES)):
                    break  # 佐藤/三段, 岡部/元騎/手: the dictionary lists 三段 and 元騎 as given names; here they start a title
                if nxt.is_name and nxt.start == toks[j].end and not (toks[j].name_part == "名" and nxt.name_part == "姓") and not (
                    nxt.name_part == "名" and toks[j].name_part == "名" and len(nxt.surface) >= 2 and len(toks[j].surface) >= 2 and j > i and t.name_part == "姓"
                ):  # 尾野/真千子/綱吉: a full name already ends in a two-kanji given name; the next given name is someone else
                    j += 1
                elif nxt.surface.isspace() and j + 2 < n and toks[j].name_part == "姓" and toks[j + 2].name_part == "名" and len(nxt.surface) <= 2:
                    j += 2
                else:
                    break
            parts = toks[i : j + 1]
            kinds = {p.name_part for p in parts}
            end = toks[j].end
            if j > i and toks[j].name_part == "名" and len(toks[j].surface) == 1 and "姓" in kinds and _is_kanji(text[end : end + 1]):
                # 武田/了/円: a one-kanji given name the dictionary cut off a longer one the gazetteer knows (了円)
                length = 0 if _may_cue(text, end) and _word_at(text[end : end + 8], _HONORIFIC_OR_TITLE) else gaz.given_at(text, toks[j].start)
                if length > 1 and any(m.end == toks[j].start + length for m in toks[j + 1 : j + 3]):
                    end = toks[j].start + length
            bracket = text.find("(", t.start, end)
            if bracket > t.start:  # the dictionary holds entries such as 結衣(モリユイ): the reading is its own span
                end = bracket
                while i < j and toks[j].start >= end:
                    j -= 1
                parts = toks[i : j + 1]
            if i == j and text[end - 1] in _ONE_CHAR_PREFIXES and end - t.start >= 2 and gaz.is_surname(text[t.start : end - 1]) and _word_at(text[end - 1 : end + 7], words.PERSON_TITLES):
                end -= 1  # 森元/首相, 森前/社長: the dictionary's surname 森元 — here 森 and 元首相 (news: a former holder)
            ev = ["sudachi"]
            if kinds == {"姓"} and j + 1 < n and not _word_at(text[end : end + 8], _HONORIFIC_OR_TITLE):
                # a surname followed by a given name the dictionary split or did not tag (朱川/湊/人, 斎藤 零);
                # never over an honorific or a title (山田さん、: さん is also a given name's reading; 岡部元騎手)
                gap = 1 if text[end : end + 1] == " " else 0
                length = gaz.given_at(text, end + gap)
                stop = end + gap + length
                if not length:
                    kana = _HIRAGANA_RUN.match(text, end + gap)
                    if kana and kana.group(0) in gaz.given_readings:
                        length, stop = len(kana.group(0)), kana.end()
                    else:
                        # 松田 あすかでございます: the hiragana run goes on into the particle; the name is one noun token
                        nxt = next((m for m in toks[j + 1 : j + 3] if m.start == end + gap), None)
                        if nxt is not None and nxt.pos[0] == "名詞" and len(nxt.surface) >= 2 and _HIRAGANA_ONLY.match(nxt.surface) and nxt.surface in gaz.given_readings:
                            length, stop = len(nxt.surface), nxt.end
                if (
                    length and any(m.end == stop for m in toks[j + 1 : j + 5])
                    and (length >= 2 or not _is_kanji(text[stop : stop + 1]) or _word_at(text[stop : stop + 8], _HONORIFIC_OR_TITLE))
                    and not any(m.pos[0] == "接尾辞" for m in toks[j + 1 : j + 3] if m.start == end + gap)
                ):  # not starting with a suffix the dictionary tags so: 小泉流の改革 (流 is also a given name); 英/樹 is fine
                    end = stop
                    kinds.add("名")
                    ev.append("gazetteer:given")
            surface = text[t.start : end]
            if "姓" in kinds and "名" in kinds:
                kind = "kana" if _KANA.match(surface.replace(" ", "")) else "full"
                if kind == "full" and gaz.is_surname(parts[0].surface):
                    ev.append("gazetteer")
            else:
                kind = "single"
            surname = parts[0].surface if parts[0].name_part == "姓" and "名" in kinds else None
            if kind == "single" and len(parts) == 1 and t.name_part == "一般" and len(surface) >= 3:
                # 松井秀喜: the dictionary holds a well-known person's whole name as one token; a gazetteer surname
                # followed by a gazetteer given name makes it a full name, whatever NER says
                cut = next((cut for cut in (1, 2, 3) if surface[:cut] in gaz.surnames and surface[cut:] in gaz.given), 0)
                if cut:
                    kind, surname = "full", surface[:cut]
                    ev.append("gazetteer:split")
            out.append(_Candidate(t.start, end, kind, ev, surname=surname))
            while i < n and toks[i].start < end:
                i += 1
        # a kanji surname the dictionary read as a place (山田) followed by a given name it tagged (太郎): read
        # from each given-name token back to the token before it (or before a space), a dictionary lookup each,
        # rather than every surname occurrence in the text (single-kanji surnames are everywhere)
        taken = bytearray(len(text) + 1)  # characters already inside a name candidate
        for c in out:
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        surnames = gaz.surnames
        for g in given_tokens:
            k = g - 1
            if k < 0:
                continue
            if toks[k].surface == " " and k:
                if toks[k - 1].surface == " ":
                    continue  # two spaces: the original rule looks one token past a space only
                k -= 1
            t = toks[k]
            if t.surface not in surnames and k and toks[k - 1].end == t.start and toks[k - 1].surface + t.surface in surnames and not toks[k - 1].is_name:
                # 藤/﨑/奈々子: a surname the dictionary split in two before the given name
                t = Morpheme(toks[k - 1].start, t.end, toks[k - 1].surface + t.surface, t.pos, False, "", t.is_proper, t.is_place, t.oov)
            if t.is_name or t.surface not in surnames or toks[g].start > t.end + 1:
                continue
            # longer than the lone given name found above, so it wins the overlap in analyze()
            out.append(_Candidate(t.start, toks[g].end, "full", ["gazetteer", "sudachi:given"], surname=t.surface))
        # a token the dictionary does not call a name, right before an honorific or person title
        # only a token right before the start of an honorific or title, a proper noun (the label and office rules) or
        # an unknown word (the speaker rule) can be one: the rest are ruled out in one pass before the loop body
        for k in _cue_candidates(toks, text):
            t, nxt = toks[k], toks[k + 1]
            unknown = t.oov or _unknown_katakana(t)
            if t.pos[0] != "名詞" and not (t.pos[0] in ("副詞", "感動詞") and len(t.surface) >= 3 and _KATAKANA.match(t.surface)):
                continue  # ゴーン社長: the dictionary reads a few foreign names as adverbs
            if t.is_name or nxt.start != t.end or any(taken[t.start : t.end]):
                continue
            if t.surface in words.TITLE_PREFIXES:
                continue  # 菅直人前代表, 山田元監督: 前/元 start the title of the name before them, they are not a name
            if t.surface[-1] in _ONE_CHAR_PREFIXES and len(t.surface) >= 3 and gaz.is_surname(t.surface[:-1]) and _word_at(text[t.end - 1 : t.end + 7], words.PERSON_TITLES):
                # 田中新/会長, 岡本新/会長: the dictionary knows a place 田中新 — here a surname, then 新会長
                out.append(_Candidate(t.start, t.end - 1, "cue", ["cue", "gazetteer"]))
                continue
            if _may_cue(text, t.end):
                after = text[t.end : t.end + 8]
                honorific = _word_at(after, words.HONORIFICS)
                title = _word_at(after, words.PERSON_TITLES)
            else:
                honorific = title = None
            if (honorific or title) and k and _is_kanji(t.surface[0]) and toks[k - 1].end == t.start and _is_kanji(toks[k - 1].surface[-1]):
                # the dictionary split a surname inside the word (村/山元/首相): read the word's kanji run again — a
                # gazetteer surname, or one followed by 元/前/新/現 of a prefixed title (村山 + 元首相)
                w = k
                while w > 0 and k - w < 3 and toks[w - 1].end == toks[w].start and toks[w - 1].pos[0] == "名詞" and all(map(_is_kanji, toks[w - 1].surface)):
                    w -= 1
                ws = toks[w].start
                if w < k and not _is_kanji(text[ws - 1 : ws] or "-") and not any(taken[ws : t.end]):
                    word = text[ws : t.end]
                    if word[-1] in _ONE_CHAR_PREFIXES and word[:-1] in gaz.surnames and _word_at(text[t.end - 1 : t.end + 7], words.PERSON_TITLES):
                        out.append(_Candidate(ws, t.end - 1, "cue", ["cue", "gazetteer"]))
                        continue
                    if word in gaz.surnames:
                        out.append(_Candidate(ws, t.end, "cue", ["cue", "gazetteer"]))
                        continue
            if honorific == "様" and t.surface in words.HONORIFIC_WORDS:
                continue  # 神様, 皆様: a word with its honorific, not a surname with one
            if (honorific or title) and k and _is_kanji(t.surface[0]) and len(t.surface) <= 2 and all(map(_is_kanji, t.surface)):
                prev = toks[k - 1]
                if prev.end == t.start and prev.surface in words.EAST_ASIAN_SURNAMES and not any(taken[prev.start : prev.end]) and not _is_kanji(text[prev.start - 1 : prev.start] or "-"):
                    # 朴/槿恵代表, 金/桂冠外務次官: a Korean or Chinese name (a one-kanji surname, a one- or two-kanji given
                    # name) the dictionary split into common nouns; the whole name is the span
                    out.append(_Candidate(prev.start, t.end, "cue", ["cue", "east_asian"]))
                    continue
            if not (honorific or title):
                if unknown and len(t.surface) >= 3 and _KATAKANA.match(t.surface):
                    # モファズは…と述べた, カリミの兄, 歌手のツァイトラー: a katakana word the dictionary does not know, the
                    # subject of a verb of saying or of a person's predicate, the owner of a kinship relation, after a role
                    if _sentence_role(text, t.end) or self._apposition(text, _Candidate(t.start, t.end, "single")):
                        out.append(_Candidate(t.start, t.end, "single", ["oov"]))
                        continue
                if t.is_place and nxt.surface in ("は", "が") and _is_kanji(t.surface[0]) and gaz.is_surname(t.surface) and (
                    _SPEAKER.match(text, t.end, t.end + 400) or _STRICT_PERSON_PREDICATE.match(text, t.end, t.end + 40)
                ):
                    # 青島は引退を表明した, 松本は「…」と語った: a surname the dictionary reads as a place, the subject of
                    # what only a person does (not of 優勝 or 生まれ: 大田は優勝, 渋谷は…に生まれた文化 are a team, a place)
                    out.append(_Candidate(t.start, t.end, "single", ["gazetteer", "place_surname"]))
                    continue
                # 担当：松本 — a surname the dictionary reads as a place, right after a form label
                if t.is_proper and not _is_kanji(text[t.end : t.end + 1]) and gaz.is_surname(t.surface):
                    if _ends_with_any(text[max(0, t.start - 16) : t.start].rstrip(_LABEL_GAP), words.LABELS):
                        out.append(_Candidate(t.start, t.end, "cue", ["cue", "gazetteer"]))
                continue
            katakana = bool(_KATAKANA.match(t.surface)) and len(t.surface) >= 3
            if gaz.is_surname(t.surface) and t.pos[0] == "名詞" and _is_kanji(t.surface[0]) and not t.is_place:
                ok = True  # 林様, 森部長: a surname the dictionary reads as a common noun
            elif t.is_place:
                surname_title = gaz.is_surname(t.surface) and title and title not in words.PLACE_TITLES
                ok = (honorific or surname_title or _word_at(after, words.PLACE_SAFE_TITLES)) and not t.surface.endswith(("市", "町", "村", "区", "県", "都", "府", "道", "郡"))
                if not ok and title in words.PLACE_OR_PERSON_TITLES and gaz.is_surname(t.surface) and not t.surface.endswith(("市", "町", "村", "区", "県", "都", "府", "道", "郡")):
                    # 松本社長, 千葉会長, 堀江社長: a surname the dictionary reads as a place, before the title of a company's
                    # or a body's head — the place's (東京会長?) or a person's; GiNZA decides it alone
                    out.append(_Candidate(t.start, t.end, "single", ["cue:open"], title_end=t.end + len(title)))
                    continue
            elif unknown:
                # アルディレス監督, シュトイバー州首相: a word no dictionary lists, before a person's title. Before the title of
                # a company's or body's head (メルカリ社長: a company the dictionary does not know yet) GiNZA or the sentence decides
                if title in words.PLACE_OR_PERSON_TITLES or (title or "").lstrip("元前新現") == "代表":
                    out.append(_Candidate(t.start, t.end, "single", ["cue:open"], title_end=t.end + len(title)))
                    continue
                ok = not t.surface.endswith(words.ORG_ENDINGS)
            elif t.is_proper:
                # 保守党党首, 日銀総裁: the title of an organisation's head after the organisation's name. A proper
                # noun the dictionary does not call a person (ソニー会長, 国連事務総長) is a person only before an
                # honorific or a person-only title; before an office's title GiNZA decides.
                if honorific or (_word_at(after, words.PLACE_SAFE_TITLES) and not t.surface.endswith(words.ORG_ENDINGS)):
                    ok = True
                else:
                    # kept as the office between a name and its title (アナン国連事務総長); GiNZA decides it alone
                    org = t.surface.endswith(words.ORG_ENDINGS)
                    out.append(_Candidate(t.start, t.end, "single", ["cue:office"] + (["org"] if org else [])))
                    continue
            elif katakana and title and not honorific and t.pos[1] == "普通名詞":
                # サッカー選手, システム部長 — and アルディレス監督, ホワイト会長: a katakana common noun before a title names
                # a kind of person as often as a person. A word of that kind is dropped; of any other GiNZA, or the
                # sentence after the title (ベルカンヌ校長は「…」と述べた), decides; the title alone is no evidence.
                if t.surface in words.TITLE_MODIFIERS:
                    continue
                if title in words.NOBLE_TITLES:
                    out.append(_Candidate(t.start, t.end, "cue", ["cue"]))  # ヴァンプ将軍, ボル将軍: no kind of person is a general
                    continue
                out.append(_Candidate(t.start, t.end, "single", ["cue:open"], title_end=t.end + len(title)))
                continue
            else:
                ok = katakana and bool(title or honorific in ("氏", "女史"))
            if ok:
                out.append(_Candidate(t.start, t.end, "cue", ["cue"]))
        return out

    def _katakana_chains(self, text: str, toks: list[Morpheme]) -> list[_Candidate]:
        """Foreign names over ・: one span for タイガー・ウッズ (longer than its parts: it wins the overlap)."""
        out = []
        if "・" not in text and "=" not in text and "." not in text:
            return out
        token_starts = [t.start for t in toks]
        for regex, evidence in ((_KATAKANA_CHAIN, "katakana_chain"), (_INITIALS_NAME, "initials")):
            for m in regex.finditer(text):
                s, e = m.span()
                inner = toks[max(0, bisect_right(token_starts, s) - 1) : bisect_left(token_starts, e)]
                if len(inner) > 1 and inner[-1].is_place and inner[-1].start > s and text[inner[-1].start - 1] not in "・=" and inner[-2].is_name:
                    # ホルスト・ケーラー/ドイツ(大統領): a country's name fused to the last part is not part of the name
                    e, inner, country = inner[-1].start, inner[:-1], inner[-1].end - inner[-1].start
                elif (
                    len(inner) > 3 and inner[-1].is_place and inner[-1].end >= e and inner[-2].surface == "・"
                    and text.count("・", s, inner[-2].start) >= 1 and _word_at(text[e : e + 8], words.PERSON_TITLES)
                ):
                    # ケン・リビングストン・ロンドン(市長), エドムント・シュトイバー・バイエルン(州首相): the name, then the place
                    # of the office over ・ — the place is cut off, and the title after it still counts
                    country = e - inner[-2].start
                    e, inner = inner[-2].start, inner[:-2]
                else:
                    country = 0
                if text[e : e + 1] == "両" and evidence == "katakana_chain" and _word_at(text[e + 1 : e + 9], _HONORIFIC_OR_TITLE):
                    # ブッシュ・ブレア両首脳: two names over ・ before 両, not one — each part is a lone name
                    k = s
                    for part in _PART_SEPARATOR.split(text[s:e]):
                        out.append(_Candidate(k, k + len(part), "single", ["katakana_list"]))
                        k += len(part) + 1
                    continue
                ev = [evidence] + (["sudachi"] if any(t.is_name for t in inner) else [])
                if any(t.is_name and t.surface not in words.NAME_PARTICLES for t in inner):
                    ev.append("chain:name")  # not only アル, デ, フォン: ワジ・アル=ヒタン is a valley
                if inner and inner[-1].end == e and not inner[-1].is_name and inner[-1].pos[1] == "普通名詞" and in_dictionary(inner[-1].surface):
                    ev.append("last:common")  # ディズニー・チャンネル, ウォー・シミュレーション: the last part is a common word
                if evidence == "katakana_chain" and _CAPITAL.search(m.group(0)):
                    ev.append("initials")  # ジョン・F・ケネディ
                # a place-tagged part vetoes the chain (モンゴル・ウランバートル) unless the last part is a person's name the
                # dictionary knows and only the first parts read as places (ランス・アームストロング: ランス is a French city)
                place = any(t.is_place for t in inner) and not (inner[-1].is_name and inner[-1].end == e and len(inner) > 1)
                out.append(_Candidate(s, e, "foreign", ev, has_place=place, country_after=country))
        return out

    @staticmethod
    def _aliases(text: str) -> list[_Candidate]:
        """A name given as what a person is called (本名は…, 幼名は…, 芸名「…」): a label, not a guess."""
        out = []
        for m in _ALIAS_LABEL.finditer(text):
            k = 2 if m.group(2) else 3
            out.append(_Candidate(m.start(k), m.end(k), "alias", [f"alias:{m.group(1)}"]))
        return out

    def _romaji(self, text: str) -> list[_Candidate]:
        if _CAPITAL.search(text) is None:  # in C: this runs on every text
            return []
        gaz = gazetteer()
        out = []
        for m in _ROMAJI.finditer(text):
            a, b = m.group(1).lower(), m.group(2).lower()
            a_up, b_up = m.group(1).isupper(), m.group(2).isupper()
            if a in gaz.surname_romaji and b in gaz.given_romaji and (a_up or not (b_up or (a in gaz.given_romaji and b in gaz.surname_romaji))):
                surname, given = a, b
            elif a in gaz.given_romaji and b in gaz.surname_romaji:
                surname, given = b, a
            else:
                continue
            out.append(_Candidate(m.start(), m.end(), "romaji", ["gazetteer:romaji"], canonical=f"{surname} {given}"))
        for m in _ROMAJI_TITLED.finditer(text):
            # Mr. Tanaka, Dear Ms. Sato, Tanaka-san: a romaji surname with an English title or a Japanese honorific
            name = m.group(1) or m.group(2)
            if name.lower() in gaz.surname_romaji and not any(c.start <= m.start(1 if m.group(1) else 2) < c.end for c in out):
                s0 = m.start(1) if m.group(1) else m.start(2)
                out.append(_Candidate(s0, s0 + len(name), "romaji", ["gazetteer:romaji", "title:romaji"], canonical=name.lower()))
        return out

    def _kana_pairs(self, text: str) -> list[_Candidate]:
        """ヤマダ タロウ / やまだ たろう: both halves in the gazetteer's readings."""
        gaz = gazetteer()
        out = []
        for m in _KATAKANA_ANY_RUN.finditer(text):
            # オガワカナ: one run, split where a surname reading ends and a given-name reading fills the rest.
            # Weak alone (0.40 — a katakana word may split so by chance); a label or a フリガナ header lifts it.
            # Every maximal run of four or more, kept up to 12: the same spans as a lookaround pattern's
            # (which match exactly the maximal runs of 4–12), found ×1.6 faster (0.089 s → 0.055 s on corpus-600).
            if m.end() - m.start() <= 12 and _splits_into_readings(m.group(0)):
                out.append(_Candidate(*m.span(), "kana_run", ["gazetteer:reading"]))
        if " " not in text:
            return out  # a kana pair has a space between its halves (corpus-600: 74 % of texts skip the search)
        for m in _KANA_PAIR.finditer(text):
            a, b = to_hiragana(m.group(1)), to_hiragana(m.group(2))
            if a in gaz.surname_readings and b in gaz.given_readings:
                out.append(_Candidate(*m.span(), "kana", ["gazetteer:reading"]))
        return out

    # --- vetoes and context -------------------------------------------------------------------------
    def _vetoed(self, text: str, c: _Candidate) -> str | None:
        before, after = text[max(0, c.start - 12) : c.start], text[c.end : c.end + 10]
        if c.kind != "romaji" and text[c.start : c.end].isascii():
            return "ascii"  # a lone Latin word (an e-mail's local part, a code like UA): only romaji pairs count
        if c.kind == "alias":
            return None  # 芸名「…」: the label names it a person's name, quotes and all
        prefix = _ends_with_any(before.rstrip(" "), words.COMPANY_PREFIXES)
        if prefix:
            return f"company:{prefix}"  # before the honorific check: 株式会社山田様 addresses a company
        if c.kind == "foreign" and _last_part(text[c.start : c.end]) in _FOREIGN_NON_PERSON:
            return "suffix:company"  # ワオ・コーポレーション会長: a company ending before a title is the company's head
        if c.end - c.start == 1 and text[c.start] in "東西" and _starts_with_any(after, _RANKS):
            return "rank_side"  # 西関脇, 東前頭: the side of the banzuke, not a surname
        if c.end - c.start == 2 and text[c.start].isascii() and text[c.start].isupper() and text[c.start + 1] in "子男":
            return "anonymised"  # A子さん, B男: a court report's or a case study's stand-in for a name, no name itself
        if after[:1] == "氏" and _CLAN_OF.match(after):
            return "clan"  # 伊達氏の支配下: in history 氏 names a clan (GSD's convention: a clan is no person)
        if _word_at(after, words.HONORIFICS) or _word_at(after, words.PERSON_TITLES):
            return None
        if "&" in text[max(0, c.start - 1) : c.end + 1] and (_is_katakana(text[c.end + 1 : c.end + 2] or "-") or _is_katakana(text[c.start - 2 : c.start - 1] or "-")):
            return "ampersand"  # アーノルド&リヒター, ドン&デューイー: the name of a firm or of an act, not of one person
        if _KIND_BEFORE.search(before):
            return "kind_before"  # 英国名門チームであるマクラーレン: the noun before である/の says what it is
        if c.kind == "single" and c.end - c.start == 1 and (_ONE_KANJI_LIST_BEFORE.search(before) or _ONE_KANJI_LIST_AFTER.match(after)):
            return "one_kanji_list"  # 夏・殷・周・秦: a list of one-kanji dynasties or countries
        if c.end - c.start == 3 and text[c.end - 1] in "守介" and text[c.start : c.end - 1] in words.OLD_PROVINCES:
            return "office:守"  # 能登守, 伯耆守: an old province and 守, a court title (受領名), not 山田守
        if c.kind == "full" and c.surname and c.end - c.start - len(c.surname) == 1 and _is_kanji(after[:1] or "-") and text[c.start : c.start + len(c.surname)] == c.surname:
            return "fused"  # 赤芝/一/種類: a one-kanji given name fused with the word after it (titles were checked above)
        if c.kind == "single" and c.end - c.start == 1 and _is_kanji(text[c.start]) and _is_kanji(before[-1:] or "-"):
            return "fused"  # 倉渕透, 神無月鏡司: one kanji at the end of a longer run — a split name or a word, never a name alone
        if c.kind == "single" and c.end - c.start == 1 and _is_kanji(text[c.start]) and _is_kanji(after[:1] or "-"):
            return "fused"  # 壮婦: one kanji the dictionary calls a name, inside a longer word (titles were checked above)
        if c.kind == "foreign":
            if c.has_place and not self._apposition(text, c):
                return "place"  # not after a person's role: 創業者のラリー・ペイジ (ペイジ reads as a place)
            inner = _ends_with_any(text[c.start : c.end], words.ORG_PLACE_SUFFIXES)
            if inner and len(inner) >= 2:
                return f"suffix:{inner}"
            last = _last_part(text[c.start : c.end])
            if last in _FOREIGN_NON_PERSON:
                return f"suffix:{last}"
            first = _PART_SEPARATOR.split(text[c.start : c.end], 1)[0]
            if first in words.TITLE_MODIFIERS or first in words.NAMED_THING_KINDS:
                return f"kind:{first}"  # ハリケーン・カトリーナ, スペースシャトル・ディスカバリー: a named thing of a kind
        if _BOARDED.match(after):
            return "boarded"  # ヒーリーに乗り込み: a ship or a vehicle
        if _PRODUCT_OF.match(after):
            return "product"  # ベントレーのモデル: a brand's or a firm's
        if after[:2] == "の里":
            return "place:里"  # 仰木の里: a place (a ring name of that shape is one token: 若の里)
        if _PLACE_LIST_AFTER.match(text, c.end, c.end + 40):
            return "place_list"  # 三木、吉川、小野方面
        if c.kind in ("single", "foreign") and "「" in (wide := text[max(0, c.start - 40) : c.start]) and (q := wide.rfind("「")) > wide.rfind("」") and _ends_with_any(wide[:q], words.WORK_KINDS):
            return "in_title"  # 作品「…ヤン・コハノフスキのエピグラム」: inside the quoted title of a work
        if _WORK_OF.match(after):
            return "work"  # ハリー・ポッターの作者: a work's title (or its hero), not a person
        if c.kind in ("single", "foreign") and _VENUE.match(text, c.end):
            return "venue"  # シャルム・エル・シェイクで23日、…: where something happened, on a date
        if c.kind == "single" and _MEASURE.match(after):
            return "measure"  # 山口500ミリ、熊谷35.2度: a weather or survey table's place, never a person's name
        if c.kind == "single" and _KATAKANA.match(after[:1] or "-") and _is_kanji(text[c.start]):
            return "suffix:katakana"  # 安藤ハザマ, 木村ホーム: a surname fused with a katakana word is a brand
        if _COMPANY_AHEAD.match(after):
            return "company:ahead"  # 木村鉱業株式会社: a company word follows within the same word
        suffix = _starts_with_any(after, words.ORG_PLACE_SUFFIXES)
        if suffix and (len(suffix) >= 2 or c.kind not in ("full", "romaji") or suffix in ("賞", "杯")):  # 芥川龍之介賞
            return f"suffix:{suffix}"
        if before[-1:] in words.TITLE_QUOTES and after[:1] == words.TITLE_QUOTES[before[-1]]:
            return "quoted"
        if "『" in before and before.rfind("『") > before.rfind("』") and "』" in text[c.end : c.end + 30]:
            return "in_title"  # 『ハリー・ポッターと混血の王子』: a name inside the title of a work is part of the title
        return None

    def _context(self, text: str, c: _Candidate) -> str | None:
        after = text[c.end : c.end + 10]
        hit = _word_at(after.lstrip(" "), words.HONORIFICS) or _word_at(after.lstrip(" "), words.PERSON_TITLES)
        if hit:
            return f"honorific:{hit}"
        if c.country_after:
            hit = _word_at(text[c.end + c.country_after : c.end + c.country_after + 8], words.PERSON_TITLES)
            if hit:
                return f"honorific:{text[c.end : c.end + c.country_after]}{hit}"
        if after[:1] == "・" and (hit := _word_at(after[1:], words.PERSON_TITLES)):
            return f"honorific:{hit}"  # 野口聡一・宇宙飛行士: a title after the name over ・
        if after[:1] == "王" and _is_katakana(text[c.end - 1]) and not _is_kanji(after[1:2] or "-"):
            return "honorific:王"  # クフ王, ジェセル王: a ruler's title after a katakana name (普天王, a ring name, is one word)
        if after[:1] == "両":
            hit = _word_at(after[1:], words.HONORIFICS) or _word_at(after[1:], words.PERSON_TITLES)
            if hit:
                return f"honorific:両{hit}"  # 山田、佐藤両氏: the last name of a pair carries the title for both
        if after[:1] in words.COUNTRY_ABBREVIATIONS:
            hit = _word_at(after[1:], words.PERSON_TITLES)
            if hit:
                return f"honorific:{after[0]}{hit}"  # ブレア英首相, シラク仏大統領: a country's one-kanji name before the title
        if _AGE.match(text, c.end):
            return "age"  # 中村文則(27): the news and roster convention of an age in brackets after a name
        before = text[max(0, c.start - 16) : c.start].rstrip(_LABEL_GAP)
        label = _ends_with_any(before, words.LABELS) or _ends_with_any(_spaced_label(before), words.LABELS)
        if label:
            return f"label:{label}"
        role = self._apposition(text, c)
        if role:
            return f"apposition:{role}"  # 歌人の扇畑忠雄, イスラエル首相のアリエル・シャロン, 功労者・三浦知良
        return None

    @staticmethod
    def _apposition(text: str, c: _Candidate) -> str | None:
        """A word of a person's role, trade or kinship right before the name, over の, ・ or a space."""
        if text[c.start - 1 : c.start] in _APPOSITION_GAPS and c.start > 1:
            return _ends_with_any(text[max(0, c.start - 8) : c.start - 1], words.APPOSITIONS)
        if c.start and _is_katakana(text[c.start]) and _is_kanji(text[c.start - 1]):
            # 弟ニコライ, 革命家ドミトリー・カラコーゾフ: a katakana name right after the kanji of a role — the script
            # change is the boundary that の or ・ marks elsewhere
            return _ends_with_any(text[max(0, c.start - 8) : c.start], words.APPOSITIONS)
        return None

    # --- NER ------------------------------------------------------------------------------------------
    def _ner(self, text: str, open_: list[_Candidate]) -> None:
        from detectors.person_ner import PERSON_LABEL, POSITION_LABEL, person_spans

        windows, bounds = [], []
        for c in open_:
            lo = max(0, c.start - _NER_WINDOW)
            left = [m.end() for m in _SENTENCE_END.finditer(text, lo, c.start)]
            lo = left[-1] if left else lo
            right = _SENTENCE_END.search(text, c.end, c.end + _NER_WINDOW)
            # a line break ends the window before it: a table cell reads the same alone and batched with its column
            hi = (right.start() if right.group(0) == "\n" else right.end()) if right else min(len(text), c.end + _NER_WINDOW)
            windows.append(text[lo:hi])
            bounds.append(lo)
        for c, lo, labelled in zip(open_, bounds, person_spans(windows)):
            spans = [(s, e) for s, e, label in labelled if label == PERSON_LABEL]
            if not spans and "sudachi" in c.evidence and c.kind == "single" and _is_katakana(text[c.start]):
                # メルケルは、ドイツ初の…: GiNZA calls the very token the dictionary lists as a person's name a title or an
                # occupation — of a person either way (a brand or a club is a Company, a place a City to GiNZA)
                spans = [(s, e) for s, e, label in labelled if label == POSITION_LABEL and (lo + s, lo + e) == (c.start, c.end)]
            if any(lo + s < c.end and c.start < lo + e for s, e in spans):
                c.score = NER_CONFIRMED_SCORE
                c.evidence.append("ner")
                if "cue:open" in c.evidence and (ctx := self._context(text, c)):
                    c.score = CONTEXT_SCORE  # アルディレス監督: GiNZA's person, and the title after it
                    c.evidence.append(ctx)
                if c.kind == "single":
                    end = max((lo + e for s, e in spans if lo + s == c.start), default=c.end)
                    if (
                        _NAME_TAIL.fullmatch(text, c.end, end) and not _is_kanji(text[end : end + 1]) and not _word_at(text[c.end : end + 1], _HONORIFIC_OR_TITLE)
                        and not _starts_with_any(text[c.end : end], words.ORG_PLACE_SUFFIXES) and not _is_verbal_noun(text[c.end : end])
                    ):
                        # 千代/大海, 安美/錦: the dictionary split a ring name; GiNZA's span from the same start holds it
                        c.end = end
                        c.evidence.append("ner:span")

    def _coreference(self, text: str, kept: list[_Candidate], open_: list[_Candidate]) -> list[_Candidate]:
        """A lone name the same text already names in full or with context (扇畑忠雄さん … 扇畑は) is that person:
        confirmed without NER. Only confirmations by the cheap signals spread, never NER's. Returns the rest."""
        known: set[str] = set()
        for c in kept:
            if c.score >= FULL_NAME_SCORE:
                known.add(text[c.start : c.end].replace(" ", ""))
                if c.surname:
                    known.add(c.surname)
                elif c.kind == "foreign":  # タイガー・ウッズ … ウッズ: a Western name's last part is the family name
                    last = _last_part(text[c.start : c.end])
                    if len(last) >= 2:
                        known.add(last)
        if not known:
            return open_
        rest = []
        for c in open_:
            if text[c.start : c.end] in known:
                c.score = FULL_NAME_SCORE
                c.evidence.append("coreference")
            else:
                rest.append(c)
        return rest

    def _lists(self, text: str, kept: list[_Candidate]) -> None:
        """A lone name token listed next to a confirmed name (山田、田中、佐藤 / 白鵬と豊桜) is a name too."""
        for _ in range(2):
            for a, b in zip(kept, kept[1:]):
                if text[a.end : b.start] not in _LIST_GAPS:
                    continue
                for one, other in ((a, b), (b, a)):
                    if one.score == UNCONFIRMED_SCORE and other.score >= FULL_NAME_SCORE:
                        one.score = FULL_NAME_SCORE
                        one.evidence.append("list")

    def _list_members(self, text: str, toks: list[Morpheme], kept: list[_Candidate]) -> list[_Candidate]:
        """Members of one enumeration are of one kind: in a list of three or more short noun phrases joined by
        、/と/や, at least half of them (and two) confirmed names, the others are names too — ring names
        and nicknames the dictionary splits into common nouns (若/の/里) or reads as places (黒海). A place-tagged
        member counts only inside the list, never at its ends (山田、佐藤、東京); a single common-noun token never
        (会議室). Two joined by と: the other one only when it is shaped like a ring name (朝青龍と若の里). And the
        opponent of a confirmed name in a match report. Returns ``kept`` with them."""
        confirmed = {c.start: c for c in kept if c.score >= FULL_NAME_SCORE}
        # only the lines where a confirmed name has a list joiner or a match verb next to it are read for units
        spans: list[tuple[int, int]] = []
        for c in confirmed.values():
            if _JOINER.search(text, max(0, c.start - 1), c.end + 8) or _OPPONENT.match(text, c.end) or (text[c.start - 1 : c.start] in ("は", "が") and _OPPONENT_AFTER.match(text, c.end)):
                lo, hi = text.rfind("\n", max(0, c.start - 200), c.start) + 1, text.find("\n", c.end, c.end + 200)
                lo, hi = max(lo, c.start - 200), hi if hi >= 0 else min(len(text), c.end + 200)
                if spans and lo <= spans[-1][1]:
                    spans[-1] = (spans[-1][0], max(hi, spans[-1][1]))
                else:
                    spans.append((lo, hi))
        if not spans:
            return kept
        starts = [t.start for t in toks]
        units = []
        for lo, hi in spans:
            units += _noun_units(toks, bisect_left(starts, lo), bisect_left(starts, hi))
        if len(units) < 2:
            return kept
        by_start = {c.start: c for c in kept}
        added: list[_Candidate] = []

        def admit(u, why: str, edge: bool) -> None:
            s, e, place, common = u
            e = self._strip_title(text, s, e)
            if not 2 <= e - s <= 5 or common or (place and edge):
                return
            if _ends_with_any(text[s:e], words.ORG_PLACE_SUFFIXES) or (len(single := _tokens_in(toks, starts, s, e)) == 1 and single[0].pos[1] == "普通名詞"):
                return  # 東京支店; 会議室 — one common-noun token is a word, not a name
            old = by_start.get(s)
            if old is not None and old.end == e:
                if old.score < FULL_NAME_SCORE:
                    old.score = FULL_NAME_SCORE
                    old.evidence.append(why)
                return
            if old is not None or any(c.start < e and s < c.end for c in kept + added):
                return
            c = _Candidate(s, e, "single", [why], score=FULL_NAME_SCORE)
            if not self._vetoed(text, c):
                added.append(c)

        for run in _enumerations(text, units):
            names = [u for u in run if self._unit_is(text, u, confirmed)]
            if len(run) == 2:
                # two joined by と: only a member shaped like a ring name (若の里, 玉乃島: one-character nouns over の)
                if len(names) == 1 and text[run[0][1]] == "と":
                    other = run[1] if names[0] is run[0] else run[0]
                    end = self._strip_title(text, other[0], other[1])
                    ring = _RING_NAME.match(text, other[0])
                    if ring and ring.end() == end:
                        admit(other, "list", edge=True)
                continue
            if len(names) < 2 or 2 * len(names) < len(run):
                continue
            for k, u in enumerate(run):
                if u not in names:
                    admit(u, "list", edge=k in (0, len(run) - 1))
        # the opponent of a confirmed name in a match report: 琴欧州は垣添と対戦する, 山田が佐藤を破った
        unit_at = {u[0]: u for u in units}
        unit_ending = {u[1]: u for u in units}
        for c in list(confirmed.values()):
            m = _OPPONENT.match(text, c.end)
            if m and m.start(1) in unit_at and unit_at[m.start(1)][1] == m.end(1):
                admit(unit_at[m.start(1)], "opponent", edge=True)
            # and the other way round: 栃乃洋は白鵬に敗れた — the subject of the bout, before the confirmed opponent
            elif text[c.start - 1 : c.start] in ("は", "が") and _OPPONENT_AFTER.match(text, c.end) and (u := unit_ending.get(c.start - 1)) and 2 <= u[1] - u[0] <= 5:
                admit(u, "opponent", edge=True)
        return sorted(kept + added, key=lambda c: c.start) if added else kept

    def _bout_subjects_and_winners(self, text: str, toks: list[Morpheme], kept: list[_Candidate]) -> list[_Candidate]:
        """Ring names the dictionary does not know (普天/王, 高見/盛, 岩木/山 read as a place): the subject of a sumo
        bout's result (…は勝ち越した, …は突き落としで敗れ, …は5敗目) is a wrestler, and what follows an award's
        は is its winner (敢闘賞は普天王と玉乃島, 直木賞は朱川湊人). A noun unit of two to five characters there —
        not a common noun alone, not a municipality, without a rank word before or 関 after — is a name; a name
        token the unit extends (琴奨/菊) takes the unit's span. Returns ``kept`` with them."""
        n = len(toks)
        found: list[tuple[int, int, str]] = []
        for k, t in enumerate(toks):
            if t.surface in ("は", "が") and k and toks[k - 1].end == t.start:
                tail = text[t.end : t.end + 40]
                if _SUMO_RESULT.match(tail):
                    unit = _unit_before(toks, k)
                    if unit:
                        found.append((*unit, "bout"))
                if t.surface == "は" and text[t.start - 1 : t.start] == "賞":
                    # the winners after 賞は: units joined by と or 、 (敢闘賞は普天王と玉乃島)
                    j = k + 1
                    while j < n:
                        unit = _unit_after(toks, j)
                        if not unit:
                            break
                        found.append((unit[0], unit[1], "award"))
                        j = unit[2]
                        if j < n and toks[j].surface in ("と", "、") and j + 1 < n and toks[j + 1].start == toks[j].end:
                            j += 1
                        else:
                            break
        if not found:
            return kept
        starts = [t.start for t in toks]
        added = []
        for s, e, why in found:
            s, e = _strip_rank(text, s, e)
            e = self._strip_title(text, s, e)  # 日本人力士 → 日本人, a common noun
            if not 2 <= e - s <= 5 or not all(_is_kanji(ch) or ch in "のノ乃ヶ" for ch in text[s:e]) or not _is_kanji(text[s]):
                continue
            inner = _tokens_in(toks, starts, s, e)
            if len(inner) == 1 and (inner[0].pos[1] == "普通名詞" or inner[0].is_place) or any(_is_act_or_number(t) for t in inner):
                continue  # 会場は, 3日目は, 阪神は: a common noun or a place alone is no ring name (a team's name may be)
            if text[s:e].endswith(("県", "市", "町", "村", "区", "都", "府", "郡")) or text[s:e] in _TITLE_SET:
                continue
            suffix = _ends_with_any(text[s:e], words.ORG_PLACE_SUFFIXES)
            if suffix and len(suffix) >= 2:
                continue  # 最優秀賞は山田高校: a school, a company (a ring name may end in 山, 島, 川: 岩木山, 玉乃島)
            old = next((c for c in kept + added if c.start < e and s < c.end), None)
            if old is not None:
                if old.start == s and old.kind in ("single", "cue", "full") and old.end <= e:
                    if old.end < e or old.score < FULL_NAME_SCORE:
                        old.end = e
                        old.score = max(old.score, FULL_NAME_SCORE)
                        old.evidence.append(why)
                continue
            c = _Candidate(s, e, "single", [why], score=FULL_NAME_SCORE)
            if not self._vetoed(text, c):
                added.append(c)
        return sorted(kept + added, key=lambda c: c.start) if added else kept

    @staticmethod
    def _strip_title(text: str, s: int, e: int) -> int:
        """End of the name inside a list unit that carries an honorific or a title (佐藤さん → 佐藤)."""
        unit = text[s:e]
        for w in _by_last(_HONORIFIC_OR_TITLE).get(unit[-1:], ()):
            if unit.endswith(w) and len(unit) > len(w):
                return e - len(w)
        return e

    def _unit_is(self, text: str, u, confirmed: dict) -> bool:
        c = confirmed.get(u[0])
        return c is not None and self._strip_title(text, u[0], u[1]) == c.end

    # --- whole table cells ------------------------------------------------------------------------------
    @staticmethod
    def whole_cell(body: str) -> tuple[str, tuple[str, ...], str] | None:
        """(pattern kind, evidence, canonical form as ``_result`` gives it) when ``body`` — a table cell's
        normalised text, stripped — is exactly one full name both of whose halves the gazetteer lists: 山田 太郎 /
        山田太郎 (a known surname, then a known given name, one space between or none) or ヤマダ タロウ (both
        readings, one space). Else None.

        The analyzer's column fast path (DESIGN.md §9) accepts such a cell under a header naming a person's column
        without the morphemes: the vetoes read what stands around a name, and a whole cell has nothing around it
        (the one exception, a court title such as 能登守, a person's column fills as a person anyway), and the
        header is its context. Tokenising the cell could only cut the name shorter where the dictionary's split and
        the gazetteer's disagree (坪井/二希子 read as 井二希子): the gazetteer's whole-cell split is the better one."""
        gaz = gazetteer()
        if " " in body:
            m = _KANA_PAIR.fullmatch(body)
            if m is not None:
                if to_hiragana(m.group(1)) in gaz.surname_readings and to_hiragana(m.group(2)) in gaz.given_readings:
                    return "kana", ("gazetteer:reading",), _CANONICAL_DROP.sub("", body)
                return None
            surname, _, given = body.partition(" ")
            if surname in gaz.surnames and given in gaz.given:
                return "full", ("gazetteer",), surname + given
            return None
        if not 2 <= len(body) <= 8:
            return None
        for i in range(1, len(body)):
            if body[:i] in gaz.surnames and body[i:] in gaz.given:
                return "full", ("gazetteer",), body
        return None

    # --- analyze --------------------------------------------------------------------------------------
    def analyze(self, text, entities, nlp_artifacts=None):
        if not text or not text.strip():
            return []
        toks = morphemes(text, skip_ascii_lines=True)
        cands = self._from_morphemes(text, toks) + self._katakana_chains(text, toks) + self._kana_pairs(text) + self._romaji(text)
        if "名" in text or "号" in text or "諱" in text:  # every label holds one of them
            cands += self._aliases(text)
        if "帝" in text:
            cands += [_Candidate(m.start(), m.end(), "full", ["emperor"]) for m in _EMPEROR.finditer(text) if m.group(0) not in words.EMPEROR_COMMON and not m.group(0).endswith("皇帝")]
        if "世" in text:
            for c in cands:
                if c.kind in ("single", "foreign") and _is_katakana(text[c.end - 1]) and (m := _REGNAL.match(text, c.end)):
                    c.end = m.end()
                    c.evidence.append("regnal")
            # a katakana word no dictionary calls a name, with a regnal number (イエロニモス2世): a monarch or a prelate
            have = {c.start for c in cands}
            cands += [
                _Candidate(m.start(), m.end(), "foreign", ["katakana_regnal", "regnal"])
                for m in _KATAKANA_REGNAL.finditer(text) if m.start() not in have and not _ends_with_any(m.group(1), _FOREIGN_NON_PERSON)
            ]
        kept: list[_Candidate] = []
        claimed = 0
        # overlaps: the earlier, then the longer span wins; on the same span the stronger kind of candidate
        for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start), _PRIORITY[c.kind])):
            if c.start < claimed:
                continue
            claimed = c.end  # a vetoed span still claims its characters: ハリー・ポッターシリーズ vetoes ハリー too
            if self._vetoed(text, c):
                continue
            kept.append(c)
        open_: list[_Candidate] = []
        offices = {c.start: c for c in kept if "cue:office" in c.evidence}
        for c in kept:
            if "cue:office" in c.evidence:
                if "org" in c.evidence:
                    continue  # 保守党(党首): an organisation's name, never a person's
                ctx = None  # ソニー会長: the title is no evidence for the office's name
            elif "cue:open" in c.evidence:
                ctx = None  # サッカー選手: the title is evidence only once GiNZA calls the word a person (_ner)
            else:
                ctx = self._context(text, c)
                office = offices.get(c.end)
                if not ctx and office is not None and (title := _word_at(text[office.end : office.end + 8], words.PERSON_TITLES)):
                    ctx = f"honorific:{title}"  # アナン国連事務総長, 福井日銀総裁: a name, its organisation, the title
            if ctx:
                c.score = CONTEXT_SCORE
                c.evidence.append(ctx)
            elif c.kind == "alias":
                c.score = CONTEXT_SCORE
            elif c.kind in ("full", "romaji") or (c.kind == "kana" and "gazetteer:reading" in c.evidence) or "initials" in c.evidence:
                c.score = FULL_NAME_SCORE
            elif "regnal" in c.evidence:
                c.score = FULL_NAME_SCORE  # ニコラウス4世, シャープール2世: a katakana name and a regnal number — a monarch or a pope
            elif c.kind == "foreign" and "chain:name" in c.evidence and "last:common" not in c.evidence and _PART_SEPARATOR.search(text, c.start, c.end):
                # ラリー・ウィリアムズ, カール・グスタフ・ユング: a katakana name in parts over ・ (given name, family name) one
                # of which the dictionary lists as a person's name, the last not a common word (ディズニー・チャンネル);
                # places, works, venues and company endings are vetoed above. (A brand named after its founder —
                # カール・ツァイス — reads the same and is taken: no dictionary tells them apart.)
                c.score = FULL_NAME_SCORE
                c.evidence.append("katakana_chain:name")
            elif c.kind == "kana":
                # ヤマダ タロウ the dictionary reads as 姓 + 名 but the gazetteer does not confirm; without the space
                # (ヤマダタロウ) a katakana word may split so by chance: weak, a label or header lifts it
                c.score = KANA_NAME_SCORE if " " in text[c.start : c.end] else KANA_RUN_SCORE
            elif c.kind == "kana_run":
                c.score = KANA_RUN_SCORE
            elif c.kind == "cue":
                continue  # a cue candidate exists only because of its context
            elif c.kind in ("single", "foreign") and (role := _sentence_role(text, c.title_end or c.end, c.start) or _rank_before(text, c)):
                c.score = FULL_NAME_SCORE
                c.evidence.append(role)
            else:
                c.score = UNCONFIRMED_SCORE
                open_.append(c)
        if open_:
            open_ = self._coreference(text, kept, open_)
        if open_ and self.use_ner:
            self._ner(text, open_)
            if any("ner:span" in c.evidence for c in open_):  # a span GiNZA lengthened may cover the next candidate
                kept = [c for k, c in enumerate(kept) if k == 0 or c.start >= kept[k - 1].end]
        if open_:
            self._lists(text, kept)
        if kept:
            kept = self._list_members(text, toks, kept)
        if _SUMO_OR_AWARD.search(text):
            kept = self._bout_subjects_and_winners(text, toks, kept)
        results = []
        for c in kept:
            if c.score <= 0:
                continue
            if c.start >= 1 and text[c.start - 1] in "大小" and _is_katakana(text[c.start]) and c.score >= FULL_NAME_SCORE and not _is_kanji(text[c.start - 2 : c.start - 1] or "-"):
                c.start -= 1  # 大キュロス, 小ピット: the epithet of the elder or the younger is part of the name
            results.append(self._result(text, c))
            has_kanji = any(_is_kanji(ch) for ch in text[c.start : c.end])
            reading = _READING.match(text, c.end) if c.score >= FULL_NAME_SCORE and has_kanji else None
            if reading and self._reading_fits(text, c, reading.group(1)):
                results.append(self._result(text, _Candidate(reading.start(1), reading.end(1), "reading", ["reading"], score=c.score)))
        return results

    @staticmethod
    def _reading_fits(text: str, c: _Candidate, reading: str) -> bool:
        """A kana word in brackets after a name is its reading: in hiragana always (the news convention), in
        katakana when it starts as the surname's reading starts, as far as the gazetteer knows it (one reading
        per surname there, so only the first kana is compared): 中田英寿(ボルトン) names a club,
        山田太郎(ヤマダ タロウ) gives a reading."""
        if _HIRAGANA_ONLY.match(reading):
            return True
        known = gazetteer().surnames.get(c.surname or text[c.start : c.end])
        return not known or to_hiragana(reading[:1]) == known[:1]

    def _result(self, text: str, c: _Candidate):
        r = self.result(c.start, c.end, c.score, f"pattern:{c.kind}", *c.evidence)
        value = text[c.start : c.end]
        r.recognition_metadata[CANONICAL_KEY] = c.canonical or _CANONICAL_DROP.sub("", value)
        return r
