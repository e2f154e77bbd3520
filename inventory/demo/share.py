"""The demo company's file share: 株式会社タナオロシ商事 (fictional), every department's folder."""
from __future__ import annotations

import os
from pathlib import Path

from inventory.demo import documents as d
from inventory.demo.manifest import DemoManifest
from inventory.demo.people import People

COMPANY = "株式会社タナオロシ商事"
COMPANY_PHONE = "03-5555-0100"
CUSTOMERS = 1200
EMPLOYEES = 40


def _xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.xlsx"
        d.xlsx(path, sheets)
        return path.read_bytes()


def build(share: Path, seed: int, m: DemoManifest) -> None:
    ppl = People(seed)
    employees = [ppl.person() for _ in range(EMPLOYEES)]
    customers = [ppl.person() for _ in range(CUSTOMERS)]
    rng = ppl.rng

    def path(rel: str) -> Path:
        p = share / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        return p

    # --- 人事/給与 -----------------------------------------------------------------------------
    rows = [["社員番号", "氏名", "フリガナ", "基本給", "諸手当", "控除合計", "差引支給額", "振込銀行", "支店", "種別", "口座番号"]]
    for i, e in enumerate(employees[:25], 1):
        base = rng.randint(22, 48) * 10000
        allowance, deduction = rng.randint(1, 6) * 5000, int(base * 0.18)
        account = f"{rng.randint(0, 9999999):07d}"
        rows.append([f"E{i:04d}", e.name, e.kana, base, allowance, deduction, base + allowance - deduction, "みずほ銀行", "渋谷支店", "普通", m.plant("JP_BANK_ACCOUNT", account)])
    d.xlsx(path("人事/給与/給与明細_2026年10月.xlsx"), {"10月分": rows})
    m.add("人事/給与/給与明細_2026年10月.xlsx", "人事", "xlsx", 3, ("DOC_TYPE",), 25)

    rows = [["氏名", "所属", "基本給", "時間外手当", "健康保険", "厚生年金", "所得税", "住民税"]]
    for e in employees[:25]:
        rows.append([e.name, rng.choice(["営業部", "総務部", "経理部", "開発部"]), rng.randint(22, 48) * 10000, rng.randint(0, 8) * 4000, 14000, 26000, 6000, 12000])
    d.csv_file(path("人事/給与/賃金台帳_2026.csv"), rows, "cp932")
    m.add("人事/給与/賃金台帳_2026.csv", "人事", "csv", 3, ("DOC_TYPE",))

    e = employees[0]
    d.pdf(
        path("人事/給与/源泉徴収票_2025.pdf"),
        "令和7年分 給与所得の源泉徴収票",
        [f"支払を受ける者 住所 {e.address}", f"氏名 {e.name} ({e.kana})", f"個人番号 {m.plant('JP_MY_NUMBER', e.my_number)}",
         "支払金額 5,120,000円  給与所得控除後の金額 3,576,000円  源泉徴収税額 98,400円", f"支払者 {COMPANY} 東京都千代田区丸の内1-1-1"],
    )
    m.add("人事/給与/源泉徴収票_2025.pdf", "人事", "pdf", 3, ("DOC_TYPE", "JP_MY_NUMBER"), 1)

    # --- 人事 ---------------------------------------------------------------------------------
    rows = [["社員番号", "氏名", "フリガナ", "生年月日", "住所", "電話番号", "メールアドレス"]]
    for i, e in enumerate(employees, 1):
        rows.append([f"E{i:04d}", e.name, e.kana, e.birth_wareki, e.address, m.plant("PHONE_NUMBER", e.mobile), m.plant("EMAIL_ADDRESS", e.email)])
    d.xlsx(path("人事/社員名簿.xlsx"), {"社員": rows})
    m.add("人事/社員名簿.xlsx", "人事", "xlsx", 2, ("DOC_TYPE", "PHONE_NUMBER", "EMAIL_ADDRESS"), EMPLOYEES)

    table = [["氏名", "業績評価", "能力評価", "総合", "コメント"]] + [[e.name, rng.choice("SABC"), rng.choice("SABC"), rng.choice("SABC"), "目標を概ね達成。次期は後輩指導を期待する。"] for e in employees[:8]]
    d.docx(path("人事/人事評価_2026上期.docx"), "2026年度上期 人事評価結果", ["評価期間: 2026年4月1日〜2026年9月30日", "本資料は人事部限りとする。"], table)
    m.add("人事/人事評価_2026上期.docx", "人事", "docx", 3, ("DOC_TYPE",))

    a, b = customers[0], customers[1]
    d.docx(
        path("人事/採用/履歴書_応募者A.docx"),
        "履歴書",
        [f"氏名 {a.name} ({a.kana})", f"生年月日 {a.birth_wareki}", f"現住所 {a.address}", f"電話 {m.plant('PHONE_NUMBER', a.mobile)}",
         f"E-mail {m.plant('EMAIL_ADDRESS', a.email)}", "学歴 2015年3月 私立大学 経済学部 卒業", "職歴 2015年4月 株式会社サンプル 入社"],
    )
    m.add("人事/採用/履歴書_応募者A.docx", "人事", "docx", 3, ("DOC_TYPE",))
    d.pdf(path("人事/採用/職務経歴書_応募者B.pdf"), "職務経歴書", [f"氏名 {b.name}", f"連絡先 {m.plant('PHONE_NUMBER', b.mobile)}", "2018年〜現在 法人営業として新規開拓を担当。"])
    m.add("人事/採用/職務経歴書_応募者B.pdf", "人事", "pdf", 3, ("DOC_TYPE",))

    rows = [["社員番号", "氏名", "受診日", "身長", "体重", "血圧", "判定", "所見"]]
    for i, e in enumerate(employees[:30], 1):
        rows.append([f"E{i:04d}", e.name, "2026/06/12", rng.randint(150, 185), rng.randint(45, 95), f"{rng.randint(105, 150)}/{rng.randint(65, 95)}", rng.choice("ABCD"), rng.choice(["異常なし", "要経過観察", "要精密検査"])])
    d.xlsx(path("人事/健康診断結果_2026.xlsx"), {"結果": rows})
    m.add("人事/健康診断結果_2026.xlsx", "人事", "xlsx", 3, ("DOC_TYPE",))

    # --- 総務/マイナンバー ---------------------------------------------------------------------
    rows = [["社員番号", "氏名", "個人番号", "扶養家族 氏名", "扶養家族 個人番号", "取得日"]]
    for i, e in enumerate(employees[:20], 1):
        rows.append([f"E{i:04d}", e.name, m.plant("JP_MY_NUMBER", e.my_number), "", "", "2026/04/01"])
    for row in rows[1:6]:
        dep = ppl.person()
        row[3], row[4] = dep.name, m.plant("JP_MY_NUMBER", dep.my_number)
    d.xlsx(path("総務/マイナンバー/マイナンバー管理台帳.xlsx"), {"個人番号": rows})
    m.add("総務/マイナンバー/マイナンバー管理台帳.xlsx", "総務", "xlsx", 3, ("JP_MY_NUMBER",), 25)

    rows = [["氏名", "個人番号", "提出日"]] + [[e.name, e.my_number, "2026/04/10"] for e in employees[20:32]]
    d.csv_file(path("総務/マイナンバー/個人番号一覧.csv"), rows, "cp932")
    m.add("総務/マイナンバー/個人番号一覧.csv", "総務", "csv", 3, ("JP_MY_NUMBER",), 12)
    for e in employees[20:32]:
        m.plant("JP_MY_NUMBER", e.my_number)

    inner = "氏名,個人番号\r\n" + "".join(f"{e.name},{e.my_number}\r\n" for e in employees[32:36])
    d.encrypted_zip(path("総務/マイナンバー/マイナンバー提出.zip"), [("マイナンバー提出.csv", inner.encode("cp932"))], b"Tanaoroshi2026!")
    m.add("総務/マイナンバー/マイナンバー提出.zip", "総務", "zip", None, ("ENCRYPTED",))
    d.text(path("総務/マイナンバー/パスワードのお知らせ.txt"), "先ほどお送りしたファイルのパスワードをお知らせします。\nパスワード: 別途お電話でお伝えします。\n総務部\n")
    m.add("総務/マイナンバー/パスワードのお知らせ.txt", "総務", "txt", 1, ())

    # --- 営業/顧客リスト ------------------------------------------------------------------------
    rows = [["顧客番号", "氏名", "フリガナ", "郵便番号", "住所", "電話番号", "メールアドレス"]]
    for i, c in enumerate(customers, 1):
        rows.append([f"C{i:05d}", c.name, c.kana, c.postcode, c.address, m.plant("PHONE_NUMBER", c.phone), m.plant("EMAIL_ADDRESS", c.email)])
    d.xlsx(path("営業/顧客リスト/顧客リスト_2026.xlsx"), {"顧客": rows})
    m.add("営業/顧客リスト/顧客リスト_2026.xlsx", "営業", "xlsx", 3, ("PERSONS>1000", "PHONE_NUMBER", "EMAIL_ADDRESS"), CUSTOMERS, ("PUBLIC",))
    d.csv_file(path("営業/顧客リスト/顧客リスト_2026_export.csv"), rows, "utf-8")
    m.add("営業/顧客リスト/顧客リスト_2026_export.csv", "営業", "csv", 3, ("PERSONS>1000",), CUSTOMERS, ("PUBLIC",))

    rows = [["会社名", "部署", "氏名", "電話", "メール"]]
    for c in customers[10:40]:
        rows.append([ppl.fake.company(), "営業部", c.name, c.phone, c.email])
    d.csv_file(path("営業/名刺データ.csv"), rows, "utf-8-sig")
    m.add("営業/名刺データ.csv", "営業", "csv", 2, ("DOC_TYPE", "PHONE_NUMBER", "EMAIL_ADDRESS"), 30)

    contact = customers[50]
    d.docx(
        path("営業/見積書_サンプル商事.docx"),
        "御見積書",
        ["株式会社サンプル商事 御中", "下記のとおりお見積り申し上げます。", "品名: 業務用データ管理サービス 年間ライセンス 1式 1,200,000円 (税別)",
         f"担当: 営業部 {employees[5].name} TEL {COMPANY_PHONE} / {m.plant('EMAIL_ADDRESS', employees[5].email)}", f"{COMPANY}"],
    )
    m.add("営業/見積書_サンプル商事.docx", "営業", "docx", 2, ("DOC_TYPE",))

    order = [["氏名", "電話番号", "数量"]] + [[c.name, c.mobile, rng.randint(1, 5)] for c in customers[60:66]]
    for c in customers[60:66]:
        m.plant("PHONE_NUMBER", c.mobile)
    d.eml(
        path("営業/お客様からのメール_注文.eml"),
        f"{contact.name} <{m.plant('EMAIL_ADDRESS', contact.email)}>",
        "営業部 <sales@tanaoroshi.example.co.jp>",
        "追加注文のお願い",
        f"いつもお世話になっております。\n追加注文の一覧を添付いたします。\n\n--\n{contact.name}\n携帯 {m.plant('PHONE_NUMBER', contact.mobile)}\n",
        [("注文者一覧.xlsx", _xlsx_bytes({"注文": order}), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")],
    )
    m.add("営業/お客様からのメール_注文.eml", "営業", "eml", 2, ("PHONE_NUMBER",))

    # --- 経理 ---------------------------------------------------------------------------------
    corp = ppl.corporate_number()
    d.pdf(
        path("経理/請求書/請求書_2026-10.pdf"),
        "請求書",
        ["株式会社サンプル商事 御中", f"請求元: {COMPANY}", f"適格請求書発行事業者 登録番号 T{corp}", f"法人番号 {corp}",
         "ご請求金額 1,320,000円 (税込)", "お支払期限 2026年11月30日", f"お問い合わせ 代表 {COMPANY_PHONE}"],
    )
    m.add("経理/請求書/請求書_2026-10.pdf", "経理", "pdf", 1, ())
    rows = [["決済日", "会員名", "カードブランド", "カード番号", "金額"]]
    for c in customers[100:130]:
        brand, number = ppl.card()
        rows.append(["2026/10/15", c.name, brand, m.plant("CREDIT_CARD", number), rng.randint(10, 500) * 100])
    d.csv_file(path("経理/カード決済_2026-10.csv"), rows, "cp932")
    m.add("経理/カード決済_2026-10.csv", "経理", "csv", 3, ("CREDIT_CARD",), 30, ("EXTERNAL",))

    # --- 広報 ---------------------------------------------------------------------------------
    release = [
        f"{COMPANY}は、2026年12月1日より中小企業向けの新しい在庫管理サービス「タナオロシ・クラウド」の提供を開始します。",
        "本サービスは、倉庫や店舗の在庫をスマートフォンから一元管理できるクラウドサービスです。",
        "月額料金は1拠点あたり9,800円(税別)からとなります。",
    ]
    d.docx(path("広報/プレスリリース/2026-12_新サービス発表.docx"), "新サービス「タナオロシ・クラウド」提供開始のお知らせ", release)
    m.add("広報/プレスリリース/2026-12_新サービス発表.docx", "広報", "docx", 1, ("NO_PERSONAL_DATA",))
    d.pdf(path("広報/プレスリリース/2026-12_新サービス発表.pdf"), "新サービス提供開始のお知らせ", release)
    m.add("広報/プレスリリース/2026-12_新サービス発表.pdf", "広報", "pdf", 1, ("NO_PERSONAL_DATA",))
    d.pptx(path("広報/プレスリリース/記者発表資料.pptx"), [("タナオロシ・クラウド", "在庫をどこでも、すぐに。"), ("料金", "1拠点 月額9,800円から")])
    m.add("広報/プレスリリース/記者発表資料.pptx", "広報", "pptx", 1, ("NO_PERSONAL_DATA",))

    # --- 個人/退職者_佐藤 (a departed employee's left-over folder) ------------------------------
    memo = "顧客メモ (佐藤)\n" + "".join(f"{c.name} 様 携帯 {m.plant('PHONE_NUMBER', c.mobile)} 来月フォロー\n" for c in customers[200:206])
    d.text(path("個人/退職者_佐藤/顧客メモ.txt"), memo, "euc_jp")
    m.add("個人/退職者_佐藤/顧客メモ.txt", "個人", "txt", 2, ("PHONE_NUMBER",), 6, ("DEPARTED",))
    rows = [["氏名", "電話", "メール"]] + [[c.name, c.phone, c.email] for c in customers[300:320]]
    for c in customers[300:320]:
        m.plant("PHONE_NUMBER", c.phone)
        m.plant("EMAIL_ADDRESS", c.email)
    d.csv_file(path("個人/退職者_佐藤/旧名簿.csv"), rows, "shift_jis")
    m.add("個人/退職者_佐藤/旧名簿.csv", "個人", "csv", 2, ("PHONE_NUMBER", "EMAIL_ADDRESS"), 20, ("DEPARTED",))
    inner_rows = [["氏名", "電話番号"]] + [[c.name, c.phone] for c in customers[400:410]]
    for c in customers[400:410]:
        m.plant("PHONE_NUMBER", c.phone)
    d.plain_zip_cp932(
        path("個人/退職者_佐藤/引継ぎ資料.zip"),
        [("顧客一覧.xlsx", _xlsx_bytes({"顧客": inner_rows})), ("引継ぎメモ.txt", "担当顧客の引継ぎは未完了。\n".encode("cp932"))],
    )
    m.add("個人/退職者_佐藤/引継ぎ資料.zip", "個人", "zip", 2, ("ARCHIVE_MEMBER",), 0, ("DEPARTED",))
    m.add("個人/退職者_佐藤/引継ぎ資料.zip!/顧客一覧.xlsx", "個人", "xlsx", 2, ("PHONE_NUMBER",), 10)
    m.add("個人/退職者_佐藤/引継ぎ資料.zip!/引継ぎメモ.txt", "個人", "txt", 1, ())

    # --- 共有 ---------------------------------------------------------------------------------
    d.docx(path("共有/議事録/2026-11-05_定例会議.docx"), "定例会議 議事録", ["日時: 2026年11月5日 10:00-11:00", "議題: 年末の棚卸し作業の段取り", "決定事項: 各部署は11月末までに共有フォルダを整理する。"])
    m.add("共有/議事録/2026-11-05_定例会議.docx", "共有", "docx", 1, ())
    d.pdf(path("共有/規程/情報セキュリティ規程.pdf"), "情報セキュリティ規程", ["第1条 (目的) 本規程は当社の情報資産を保護するための基本事項を定める。", "第2条 (個人情報の取扱い) 個人番号を含む書類は施錠保管する。"])
    m.add("共有/規程/情報セキュリティ規程.pdf", "共有", "pdf", 1, ())
    rows = [["日付", "会議室", "利用部署", "用途"]] + [[f"2026/11/{i:02d}", rng.choice(["A会議室", "B会議室"]), rng.choice(["営業部", "総務部"]), "定例"] for i in range(1, 15)]
    d.csv_file(path("共有/会議室予約.csv"), rows, "utf-8")
    m.add("共有/会議室予約.csv", "共有", "csv", 1, ())
    d.docx(path("共有/壊れたファイル.docx"), "壊れる前の文書", ["この文書は途中で切れています。"])
    broken = path("共有/壊れたファイル.docx")
    broken.write_bytes(broken.read_bytes()[:1500])
    m.add("共有/壊れたファイル.docx", "共有", "docx", None, ("CORRUPT",))
    link = share / "共有" / "最新の規程へのリンク"
    if not link.is_symlink():
        os.symlink("規程/情報セキュリティ規程.pdf", link)
    m.add("共有/最新の規程へのリンク", "共有", "symlink", None, ("SYMLINK",))
