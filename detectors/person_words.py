"""The words around a Japanese name that make it one — or make it a company, a place or a product.

All in one place (STYLE.md, pdscan's one table of rules). Matched on NORMALISED text (NFKC), by adjacency —
the word right after or right before a candidate, not anywhere in a window: 様 three words away belongs to
someone else (東京で会議、佐藤様と → 東京 is not a person).
"""
from __future__ import annotations

# Right after a name: honorifics. Strong everywhere, even after a token the dictionary calls a place.
HONORIFICS = ("様", "さま", "さん", "殿", "氏", "君", "くん", "ちゃん", "先生", "女史")  # not 御中: it addresses an organisation
# Right after a name: titles that only a person bears (not 市長, 支店長, 工場長: 横浜市長, 大阪支店長 are places).
PERSON_TITLES = (
    "選手", "監督", "騎手", "投手", "捕手", "内野手", "外野手", "コーチ", "容疑者", "被告", "被告人", "受刑者",
    "アナウンサー", "アナ", "記者", "教授", "准教授", "博士", "弁護士", "医師", "看護師", "税理士", "会計士",
    "元首相", "首相", "大統領", "国防相", "外相", "蔵相", "議員", "名誉教授", "名誉会長", "会長", "社長", "副社長",
    "専務", "常務", "取締役", "部長", "課長", "係長", "主任", "室長", "次長", "本部長", "校長", "理事長", "代表",
    "知事", "都知事", "府知事", "県知事", "市長", "町長", "村長", "区長", "三段", "四段", "五段", "六段", "七段", "八段", "九段", "名人", "竜王", "横綱", "大関", "関脇", "小結",
    # news: politics, courts and police, sport (a sumo wrestler is 〜関, a stable master 〜親方)
    "党首", "総裁", "副総裁", "幹事長", "委員長", "議長", "副議長", "大臣", "長官", "官房長官", "副大統領", "副首相", "総理",
    "財務相", "法相", "文科相", "厚労相", "経産相", "農水相", "国交相", "環境相", "防衛相", "内相", "国務長官", "書記長",
    "上院議員", "下院議員", "衆院議員", "参院議員", "代議士", "国王", "女王", "皇太子", "王子", "王女", "大使", "司令官",
    "裁判長", "裁判官", "検事", "巡査", "巡査長", "巡査部長", "警部", "警部補", "参考人", "夫人", "学長", "総長", "副会長",
    "外務大臣", "財務大臣", "総理大臣", "内閣総理大臣", "報道官", "補佐官", "事務総長", "事務局長", "国家主席", "主席",
    "最高経営責任者", "総書記", "候補", "候補者", "飛行士", "宇宙飛行士", "船長", "機長", "艦長", "隊長", "団長", "講師", "助教授",
    "研究員", "特派員", "解説委員", "論説委員", "キャスター", "二冠", "三冠", "四冠", "女流名人", "女流王将",
    "頭取", "主将", "親方", "関", "夫妻", "アマ", "プロ", "アナリスト", "力士", "棋士", "王将", "棋聖", "王位", "王座", "棋王", "ヘッドコーチ", "総監督",
    # shogi and go ranks (初段 … 十段, 女流 ranks) and go titles
    "初段", "二段", "十段", "女流初段", "女流二段", "女流三段", "女流四段", "女流五段", "女流六段", "本因坊", "碁聖", "天元",
    # civil service, federal states, clergy and armed forces
    "次官", "事務次官", "外務次官", "次官補", "国務次官補", "副長官", "官房副長官", "国防長官", "州首相", "州知事",
    "牧師", "神父", "司祭", "枢機卿", "法王", "教皇", "大司教", "司教", "元帥", "大将", "中将", "少将", "大佐", "中佐", "少佐",
    "衆院議長", "参院議長", "衆院副議長", "参院副議長", "参院幹事長", "参院議員会長", "衆議院議長", "参議院議長",
    # nobility, monarchy and command in history and fiction (ダービー伯爵, ベンティンク卿, ボル将軍, バイエルン選帝侯)
    "伯爵", "侯爵", "公爵", "子爵", "男爵", "辺境伯", "選帝侯", "大公", "卿", "将軍", "皇帝", "大主教",
    "尼", "上人", "法師", "禅師", "和尚",  # clergy after a Buddhist name (恵信尼)
    "区議", "市議", "県議", "町議", "村議", "府議", "都議", "道議",  # local assembly members (長谷川区議; not 区議会)
    "大王", "王妃", "皇后", "皇太后", "上皇", "法皇",  # a ruler's title after a name (王 alone: see the recognizer)
    "兄弟", "姉妹", "父子", "母子", "首脳", "政調会長", "総務会長", "国対委員長", "幹事長代理", "代表代行", "経済相", "労働相", "内務相", "保健相", "司法相", "教育相", "文化相",
)
# Titles of nobility, command and clergy: after a katakana common noun still a person's (ヴァンプ将軍) — no kind of
# person is written before them as サッカー is before 選手.
NOBLE_TITLES = frozenset((
    "伯爵", "侯爵", "公爵", "子爵", "男爵", "辺境伯", "選帝侯", "大公", "卿", "将軍", "元帥", "大将", "中将", "少将", "大佐", "中佐",
    "少佐", "提督", "枢機卿", "大司教", "司教", "神父", "牧師", "司祭",
))
# 元/前 before a title are part of it: 岡部幸雄元騎手, 田中前首相 (the title words above with these prefixes).
TITLE_PREFIXES = ("元", "前", "新", "次期", "現")  # and 新社長, 次期大統領, 現会長
PERSON_TITLES = tuple(dict.fromkeys(PERSON_TITLES + tuple(p + t for p in TITLE_PREFIXES for t in PERSON_TITLES if len(t) >= 2)))
# Titles after which a token the dictionary tags as a place is still read as a place (大阪支店長, 横浜市長):
# only honorifics and these person-only titles lift a place-tagged token.
PLACE_SAFE_TITLES = (
    "選手", "監督", "騎手", "投手", "捕手", "容疑者", "被告", "アナ", "アナウンサー", "女史", "記者",
    # titles of nobility: after a place they name its lord, whom GSD and news count as a person (ダービー伯爵, バイエルン選帝侯)
    "伯爵", "侯爵", "公爵", "子爵", "男爵", "辺境伯", "選帝侯", "大公", "卿",
)
# Titles of an office named after its place (石川県知事, 三浦市長): never lift a place-tagged token.
PLACE_TITLES = ("知事", "都知事", "府知事", "県知事", "州知事", "州首相", "市長", "町長", "村長", "区長", "校長", "代表", "会長", "社長", "理事長", "学長", "総長", "大使", "関", "親方", "議長", "頭取")
PLACE_TITLES = tuple(dict.fromkeys(PLACE_TITLES + tuple(p + t for p in TITLE_PREFIXES for t in PLACE_TITLES if len(t) >= 2)))
# Of the place titles, those of a company's or a body's head: after a surname the dictionary reads as a place (松本社長)
# GiNZA decides; not 代表 or 大使 (千葉代表 is a prefecture's team, 日本大使 a country's envoy), not an office of a place.
_HEADS = ("会長", "社長", "理事長", "学長", "総長", "校長", "議長", "頭取", "親方")
PLACE_OR_PERSON_TITLES = frozenset(_HEADS + tuple(p + t for p in TITLE_PREFIXES for t in _HEADS))
# One-kanji country names between a name and a title (ブレア英首相, シラク仏大統領, ライス米国務長官).
COUNTRY_ABBREVIATIONS = frozenset("米英仏独露伊加豪中韓朝印")
# Katakana common nouns that name a kind of person, a sport or a department before a title (サッカー選手, ベテラン選手,
# エース投手, システム部長): never a name, though the dictionary lists many foreign names as common nouns too
# (アルディレス監督), which GiNZA or the sentence decides.
TITLE_MODIFIERS = frozenset((
    "サッカー", "ゴルフ", "テニス", "マラソン", "ラグビー", "スキー", "スケート", "ボクシング", "レスリング", "バレー", "バレーボール",
    "バスケット", "バスケットボール", "ハンドボール", "ソフトボール", "ボート", "ヨット", "カヌー", "フェンシング", "ボウリング",
    "ホッケー", "アイスホッケー", "ソフトテニス", "トライアスロン", "スノーボード", "サーフィン", "カーリング", "ダンス", "バレエ",
    "オリンピック", "パラリンピック", "ワールドカップ", "リーグ", "ジュニア", "シニア", "ユース", "アマチュア", "アマ", "プロ",
    "ベテラン", "エース", "ルーキー", "トップ", "スター", "チーム", "クラブ", "ナショナル", "ゲスト", "メイン", "サブ", "ベンチ",
    "レギュラー", "アシスタント", "ヘッド", "チーフ", "ライバル", "ホーム", "アウェー", "パート", "アルバイト", "ボランティア",
    "システム", "プロジェクト", "マーケティング", "セールス", "サービス", "サポート", "デザイン", "エリア", "ブランド", "グループ",
    "センター", "ライン", "プロダクト", "テクノロジー", "ソリューション", "エンジニアリング", "コンサルティング", "メディア",
    "ネットワーク", "セキュリティ", "データ", "デジタル", "マネジメント", "オペレーション", "ビジネス", "グローバル", "フロア",
    "ショップ", "ストア", "ホテル", "メーカー", "ベンチャー", "コンテンツ", "イベント", "プロモーション", "カスタマー", "ユーザー",
    "フィールド", "テレビ", "ラジオ", "ニュース", "スポーツ", "アニメ", "ゲーム", "ファッション", "モデル", "ミュージック",
))
# The first part of a katakana chain that names the kind of a named thing (ハリケーン・カトリーナ, オペレーション・…).
NAMED_THING_KINDS = frozenset((
    "ハリケーン", "サイクロン", "タイフーン", "スペースシャトル", "シャトル", "ロケット", "オペレーション", "ミッション", "キャンペーン",
    "シリーズ", "バンド", "ユニット", "レーベル", "ホテル", "レストラン", "カフェ", "バー", "ショー", "ミュージカル", "アルバム",
))
# Right before a name (possibly with ':' or a space between): form labels and role words.
LABELS = (
    "氏名", "お名前", "名前", "姓名", "フリガナ", "ふりがな", "申請者", "担当者", "担当", "契約者", "代表者",
    "代表取締役社長", "代表取締役", "取締役", "社長", "部長", "課長", "差出人", "宛名", "受取人", "保護者",
    "本人", "本名", "被保険者", "世帯主", "配偶者", "名義人", "口座名義", "申込者", "患者", "横綱", "大関", "関脇",
    "小結", "首相", "大統領", "記入者", "作成者", "承認者", "責任者", "連絡先担当", "出席者", "参加者", "欠席者", "宛先", "送信者", "依頼者", "回答者", "届出人",
    "前頭", "十両", "元横綱", "元大関", "新大関", "新横綱", "法王", "教皇", "国王", "女王",
    # news titles written before the name (外相ヨシュカ・フィッシャー, 監督ジーコ, 作家村上春樹)
    "外相", "党首", "国務長官", "長官", "総裁", "議長", "委員長", "幹事長", "書記長", "事務総長", "大使", "王子", "王女",
    "監督", "投手", "選手", "教授", "博士", "作家", "歌手", "俳優", "女優", "騎手", "棋士", "力士", "容疑者",
    # words that introduce another name of the same person (本名はドルゴルスレン・ダグワドルジ, 旧姓は…, 四股名は…)
    "本名は", "旧姓", "旧姓は", "通称", "通称は", "愛称は", "芸名", "芸名は", "四股名", "四股名は", "筆名", "筆名は", "ペンネーム", "ペンネームは",
)
# Right before a name with の, ・ or a space between (news apposition: 歌人の扇畑忠雄, イスラエル首相のアリエル・シャロン,
# 功労者・三浦知良, 長男の太郎): a word that names a person's role, trade or kinship, so the name after it is a person.
APPOSITIONS = (
    "作家", "小説家", "歌人", "俳人", "詩人", "画家", "漫画家", "写真家", "評論家", "脚本家", "作曲家", "作詞家", "指揮者",
    "歌手", "俳優", "女優", "声優", "落語家", "棋士", "力士", "騎手", "投手", "捕手", "選手", "監督", "コーチ", "主将",
    "政治家", "実業家", "創業者", "経営者", "功労者", "記者", "弁護士", "医師", "教授", "准教授", "研究者", "学者",
    "社長", "会長", "副社長", "首相", "大統領", "副大統領", "国防相", "外相", "財務相", "国王", "女王", "党首", "総裁",
    "幹事長", "委員長", "議員", "知事", "市長", "容疑者", "被告", "被害者", "受賞者", "優勝者", "夫人",
    "長男", "次男", "二男", "三男", "長女", "次女", "二女", "三女", "息子", "父親", "母親", "祖父", "祖母",
    "作者", "著者", "原作者", "創始者", "発明者", "開発者", "考案者", "設計者", "提唱者",
    # kinship, retinue and trades of biographies and fiction (娘のメーテル, 寵臣のアーノルド・ヴァン・ケッペル, 数学者の…)
    "娘", "弟", "兄", "妹", "姉", "妻", "夫", "甥", "姪", "孫", "叔父", "伯父", "叔母", "伯母", "義父", "義母", "養子", "養女",
    "寵臣", "家臣", "後継者", "皇帝", "司祭", "大司教", "数学者", "哲学者", "物理学者", "化学者", "経済学者", "心理学者",
    "彫刻家", "建築家", "音楽家", "革命家", "思想家", "ピアニスト", "ヴァイオリニスト", "バイオリニスト", "王者",
    "横綱", "大関", "関脇", "小結", "番",  # 大関・大鵬, 6番・出口: a rank or a batting order, then the name
    # roles of a story, a household, a band and a court (主人公の…, 恋人の…, リーダーの…, 藩士・…, 大神ゼウス)
    "主人公", "恋人", "親友", "幼馴染", "同級生", "先輩", "後輩", "上司", "部下", "恩師", "弟子", "師匠", "親族", "従兄",
    "従弟", "従姉", "従妹", "いとこ", "リーダー", "ボーカル", "ギタリスト", "ベーシスト", "ドラマー", "キャプテン", "守護神",
    "大神", "女神", "主神", "藩士", "藩主", "武将", "家老", "住職", "僧侶", "刑事", "探偵", "担任", "役",
        "出身", "生まれ",  # ブルガリア出身の…, 1950年生まれの…: only a person (or an animal) is from a place or born in a year
)
# A person's role as the predicate of a lone name (…は帰属理論の提唱者であり, …は同社の創業者である): the APPOSITIONS
# above without the ones a place or a thing can be (出身, 生まれ, 番, 役), and these.
ROLE_PREDICATES = tuple(w for w in APPOSITIONS if w not in ("出身", "生まれ", "番", "役", "王者", "皇帝")) + (
    "人物", "政治家", "軍人", "学者", "思想家", "宗教家", "活動家", "芸術家", "音楽家", "将軍", "王", "皇帝", "君主", "国王",
)
# Column headers naming a person column (lower-case ASCII; NFKC'd Japanese). Not 名 alone: 品名 and 会社名 hold it.
HEADER_WORDS = (
    "氏名", "氏 名", "氏\u3000名", "姓名", "お名前", "名前", "フリガナ", "ふりがな", "姓", "氏名カナ", "担当者", "申請者", "契約者", "顧客名",
    "社員名", "従業員名", "会員名", "受講者", "宛名", "full name", "first name", "last name", "given name",
    "family name", "surname", "contact name", "person",
)
# Window context for the character-window enhancer: the labels that name a person field.
CONTEXT = ("氏名", "お名前", "名前", "フリガナ", "ふりがな", "申請者", "担当者", "契約者", "代表者", "宛名")

# One-kanji common nouns the dictionary splits from 様 though the two make one word (神様, 皆様): not a surname with 様.
HONORIFIC_WORDS = frozenset("神仏皆姫客王殿奥")
# One-kanji Korean and Chinese surnames that seldom start a Japanese compound (not 全, 文, 高, 韓 …): before a one- or
# two-kanji common noun and a title they start a name the dictionary split (朴/槿恵代表, 金/桂冠外務次官).
EAST_ASIAN_SURNAMES = frozenset("金朴李崔鄭姜趙尹張呉柳洪孫梁裴盧禹閔胡温周習劉陳楊鄧曽唐潘")
# Right before a name: it is a company's or an office's name, not a person's.
COMPANY_PREFIXES = ("株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "(株)", "(有)", "(同)", "医療法人", "社会福祉法人", "学校法人", "一般社団法人", "公益財団法人", "一般財団法人")
# Right after a name: a company, an office, a place or a thing named after it (佐藤水産, 山田町, 豊田市, 鈴木ビル).
ORG_PLACE_SUFFIXES = (
    "株式会社", "有限会社", "合同会社", "(株)", "(有)", "ホールディングス", "グループ", "商事", "商店", "商会", "物産",
    "産業", "工業", "興業", "工務店", "建設", "建築", "土木", "電気", "電機", "電工", "製作所", "製薬", "薬品", "化学",
    "水産", "農林", "農園", "運輸", "運送", "物流", "不動産", "銀行", "信金", "証券", "保険", "生命", "自動車",
    "技研", "精機", "機械", "重工", "製鉄", "鉄工", "食品", "製菓", "酒造", "醸造", "印刷", "出版", "新聞", "放送",
    "観光", "交通", "鉄道", "バス", "タクシー", "ホテル", "旅館", "病院", "医院", "クリニック", "歯科", "薬局",
    "法律事務所", "事務所", "会計", "税理士法人", "学園", "学院", "大学", "高校", "高等学校", "中学", "小学校",
    "幼稚園", "保育園", "記念", "賞", "杯", "財団", "基金", "研究所", "総研", "支店", "本店", "支社", "営業所",
    "工場", "店", "屋", "堂", "庵", "亭", "館", "邸", "荘", "ビル", "マンション", "ハイツ", "コーポ", "町", "市",
    "区", "村", "郡", "県", "都", "府", "道", "駅", "線", "通り", "街", "丁目", "橋", "川", "山", "湖", "港", "空港",
    "公園", "神社", "寺", "城", "丸", "号", "シリーズ", "ブランド", "モデル", "著作集", "全集", "文庫", "家",
    "会", "流", "派", "組", "園", "社", "連合", "協会", "連盟", "機構", "共和国", "王国", "公国",
    "国際空港", "国際", "州", "島", "諸島", "半島", "湾", "渓谷", "峡谷", "遺跡", "宮殿", "大聖堂", "教会", "聖堂", "地方", "国立公園", "砂漠", "高原",
    # companies, dynasties, laws, theories, diseases and comets named after a person (ロイター通信, アルツハイマー病)
    "通信", "通信社", "電力", "航空", "海運", "商船", "製紙", "化成", "工房", "財閥", "王朝", "効果", "理論", "定理", "方程式",
    "症候群", "病", "彗星", "計画", "方式", "宣言", "条約", "協定", "法案", "指数", "広場", "運河", "海峡", "岬", "山脈", "大陸",
    # a state, a government or a direction named after a person or a place (オスマン帝国, 小泉内閣, 小野方面)
    "帝国", "内閣", "政権", "方面",
    # a body of people or a camp named after a person or a place (華蓮団, マッケンジー捕虜収容所)
    "団", "収容所", "捕虜収容所", "刑務所",
    # a building or a monument named after a person (カイソーン博物館, 山田記念館, ナポレオン像)
    "博物館", "美術館", "記念館", "資料館", "図書館", "劇場", "霊廟", "廟", "像", "記念碑",
)
# Right before a name with である (and perhaps a country's の between): the kind of the thing named, which is no person
# (英国名門チームであるマクラーレン, レンズメーカーであるドイツのカール・ツァイス). With の only the kinds no person belongs
# to: 会社の山田 is someone at a company, 艦の… is not (THING_KINDS_OF).
THING_KINDS = (
    "チーム", "メーカー", "会社", "企業", "ブランド", "レーベル", "球団", "クラブ", "艦", "船", "競走馬", "品種", "車種",
    "バンド", "ユニット", "グループ", "商社", "財閥", "王朝", "王国", "国家", "都市", "地名", "ホテル", "レストラン",
)
THING_KINDS_OF = ("艦", "船", "競走馬", "品種", "車種", "地名", "都市", "王朝", "ブランド")
# Right after a name with の: what only a product, a brand or a firm has (従来のベントレーのモデル).
PRODUCT_OF = ("モデル", "車種", "新型", "新車", "エンジン", "製品", "商品", "店舗", "ブランド", "工場", "株価", "本社", "子会社")
# Right after 氏 and の: what only a clan has (伊達氏の支配下, 三好氏の一族) — 氏 there names a family, not a person.
CLAN_OF = (
    "支配", "一族", "家臣", "庶流", "嫡流", "分家", "本家", "居城", "所領", "領地", "領国", "配下", "当主", "家督", "血筋",
    "支流", "一門", "末裔", "傘下", "勢力", "滅亡", "本拠", "被官", "菩提寺", "氏神",
)
# Words before 「 that make the quote the title of a work: a name inside it is part of the title
# (作品「ピョトル・ミスコフスキのために~ヤン・コハノフスキのエピグラム~」).
WORK_KINDS = ("作品", "曲", "楽曲", "歌", "詩", "小説", "映画", "戯曲", "アルバム", "シングル", "番組", "論文", "著書", "絵画", "題名", "タイトル")
# The provinces of the ritsuryō state (令制国): with 守, 介 or 権守 after them a court title (受領名: 能登守, 伯耆守), not a
# surname with the given name 守 (a person called 山田守 is not from this list).
OLD_PROVINCES = frozenset((
    "山城", "大和", "河内", "和泉", "摂津", "伊賀", "伊勢", "志摩", "尾張", "三河", "遠江", "駿河", "伊豆", "甲斐", "相模", "武蔵",
    "安房", "上総", "下総", "常陸", "近江", "美濃", "飛騨", "信濃", "上野", "下野", "陸奥", "出羽", "若狭", "越前", "加賀", "能登",
    "越中", "越後", "佐渡", "丹波", "丹後", "但馬", "因幡", "伯耆", "出雲", "石見", "隠岐", "播磨", "美作", "備前", "備中", "備後",
    "安芸", "周防", "長門", "紀伊", "淡路", "阿波", "讃岐", "伊予", "土佐", "筑前", "筑後", "豊前", "豊後", "肥前", "肥後", "日向",
    "大隅", "薩摩", "壱岐", "対馬", "陸前", "陸中", "磐城", "岩代", "羽前", "羽後",
))
# Words ending in 帝 that name no one emperor (the kind, not the name of a reign: 皇帝, 女帝, 先帝)
EMPEROR_COMMON = frozenset(("皇帝", "女帝", "天帝", "大帝", "先帝", "新帝", "前帝", "廃帝", "幼帝", "聖帝", "上帝", "帝", "炎帝", "黄帝", "副帝", "正帝"))
# The last part of a katakana chain that makes it a place, a building, an event or a company, not a person
# (ガイランゲル・フィヨルド, バリオル・カレッジ, メジャー・トーナメント, ロイヤル・ホール).
# Articles and particles inside foreign names and place names (アル=, エル・, ダ・, フォン・): the dictionary tags
# some as given names, but alone they do not make a katakana chain a person's name (ワジ・アル=ヒタン, a valley).
NAME_PARTICLES = frozenset(("アル", "エル", "ル", "ラ", "デ", "ダ", "ド", "ディ", "デル", "デラ", "ドゥ", "フォン", "ヴァン", "ファン", "ヴォン", "ヴァン・デル", "ビン", "イブン", "ベン"))
FOREIGN_NON_PERSON_ENDINGS = (
    "フィヨルド", "カレッジ", "コース", "クラブ", "ドーム", "ホール", "タワー", "センター", "パーク", "ストリート", "スクエア",
    "アベニュー", "ブリッジ", "キャッスル", "ガーデン", "ガーデンズ", "スタジアム", "アリーナ", "シティ", "シティー", "タウン",
    "ビーチ", "アイランド", "リバー", "レイク", "トーナメント", "カップ", "リーグ", "フェスティバル", "ツアー", "エアライン",
    "エアラインズ", "エアウェイズ", "モーターズ", "システムズ", "インターナショナル", "コーポレーション", "カンパニー", "ジャパン",
    "ユナイテッド", "キャニオン", "スクール", "ユニバーシティ", "アカデミー", "チャーチ", "カテドラル", "パレス", "ミュージアム",
    "ギャラリー", "ライブラリー", "ホテル", "レストラン", "スタジオ", "プロダクション", "レコード", "レコーズ", "ネットワーク",
)
# The last characters of an organisation's name (保守党, 外務省, 日銀): a title after it names its head, not a person's name.
ORG_ENDINGS = ("党", "省", "庁", "局", "府", "院", "会", "団", "部", "課", "社", "組合", "連合", "銀", "協会", "連盟", "機構", "委員会", "テレビ", "放送", "新聞")
# Quotation marks around a work's or product's title: 『ハリー・ポッター』 is a book, 「旭洋丸」 a ship.
TITLE_QUOTES = {"『": "』", "「": "」", "【": "】", "《": "》", "〈": "〉", "\"": "\""}
