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
)
# Titles after which a token the dictionary tags as a place is still read as a place (大阪支店長, 横浜市長):
# only honorifics and these person-only titles lift a place-tagged token.
PLACE_SAFE_TITLES = ("選手", "監督", "騎手", "投手", "捕手", "容疑者", "被告", "アナ", "アナウンサー", "女史", "記者")
# Titles of an office named after its place (石川県知事, 三浦市長): never lift a place-tagged token.
PLACE_TITLES = ("知事", "都知事", "府知事", "県知事", "市長", "町長", "村長", "区長", "校長", "代表", "会長", "社長", "理事長")
# Right before a name (possibly with ':' or a space between): form labels and role words.
LABELS = (
    "氏名", "お名前", "名前", "姓名", "フリガナ", "ふりがな", "申請者", "担当者", "担当", "契約者", "代表者",
    "代表取締役社長", "代表取締役", "取締役", "社長", "部長", "課長", "差出人", "宛名", "受取人", "保護者",
    "本人", "本名", "被保険者", "世帯主", "配偶者", "名義人", "口座名義", "申込者", "患者", "横綱", "大関", "関脇",
    "小結", "首相", "大統領", "記入者", "作成者", "承認者", "責任者", "連絡先担当", "出席者", "参加者", "欠席者", "宛先", "送信者", "依頼者", "回答者", "届出人",
)
# Column headers naming a person column (lower-case ASCII; NFKC'd Japanese). Not 名 alone: 品名 and 会社名 hold it.
HEADER_WORDS = (
    "氏名", "氏 名", "氏\u3000名", "姓名", "お名前", "名前", "フリガナ", "ふりがな", "姓", "氏名カナ", "担当者", "申請者", "契約者", "顧客名",
    "社員名", "従業員名", "会員名", "受講者", "宛名", "full name", "first name", "last name", "given name",
    "family name", "surname", "contact name", "person",
)
# Window context for the character-window enhancer: the labels that name a person field.
CONTEXT = ("氏名", "お名前", "名前", "フリガナ", "ふりがな", "申請者", "担当者", "契約者", "代表者", "宛名")

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
)
# Quotation marks around a work's or product's title: 『ハリー・ポッター』 is a book, 「旭洋丸」 a ship.
TITLE_QUOTES = {"『": "』", "「": "」", "【": "】", "《": "》", "〈": "〉", "\"": "\""}
