"""Review decisions across re-crawls (issue #13): a false positive stays suppressed and leaves the tier,
対応済み is verified by the next crawl (reopened when nothing changed, resolved when the file changed or is
gone), asset-level decisions go stale when the content changes, and decisions reach the 台帳 and diff."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from inventory.diff import diff_runs, format_diff
from inventory.report_document import build_report
from inventory.reports import html_report, xlsx_report
from inventory.reviews import MAX_COMMENT, ReviewBook, ReviewError, assign, decide, history
from inventory.scan import ScanOptions, scan
from inventory.store import Store

SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]


def _roster(n: int, offset: int = 0) -> str:
    rows = ["氏名,メールアドレス,電話番号"]
    for i in range(offset, offset + n):
        rows.append(f"{SURNAMES[i % 10]} 太郎{i},member{i:03d}@example.co.jp,090-{1200 + i:04d}-{3400 + i:04d}")
    return "\n".join(rows) + "\n"


@pytest.fixture
def share(tmp_path) -> Path:
    root = tmp_path / "share"
    (root / "営業").mkdir(parents=True)
    (root / "営業" / "名簿.csv").write_text(_roster(12), encoding="utf-8")
    (root / "営業" / "顧客.csv").write_text(_roster(8, 100), encoding="utf-8")
    (root / "営業" / "旧顧客.csv").write_text(_roster(6, 200), encoding="utf-8")
    (root / "営業" / "退避.csv").write_text(_roster(5, 300), encoding="utf-8")
    (root / "営業" / "共有.csv").write_text(_roster(4, 500), encoding="utf-8")
    os.chmod(root / "営業" / "共有.csv", 0o644)  # readable by 'other': ORGANIZATION
    return root


def _scan(share: Path, db: Path) -> int:
    summary = scan(ScanOptions(targets=[str(share)], db=str(db), workers=1))
    return summary.run_id


def _asset(doc: dict, path: str) -> dict:
    return next(a for a in doc["assets"] if a["path"] == path)


def _stats(store: Store, run: int) -> dict:
    return store.run(run)["stats"]


def test_review_lifecycle_across_recrawls(share, tmp_path):
    db = tmp_path / "t.db"
    run1 = _scan(share, db)
    with Store.open(db) as store:
        doc1 = build_report(store, run1)
        meibo = _asset(doc1, "営業/名簿.csv")
        assert meibo["tier"] == 2 and meibo["entities"]["EMAIL_ADDRESS"] == 12
        assert meibo["review"]["state"] == "open"
        source = meibo["source"]
        row = store.conn.execute("SELECT id FROM assets WHERE run_id = ? AND path = ?", (run1, "営業/名簿.csv")).fetchone()
        email = next(f for f in store.findings_of(row["id"]) if f.entity == "EMAIL_ADDRESS")
        decide(store.conn, source, "営業/名簿.csv", "false_positive", "yamada", "社内テスト用のアドレス", entity="EMAIL_ADDRESS", fingerprint=email.fingerprint)
        decide(store.conn, source, "営業/顧客.csv", "remediated", "yamada", "共有を外した")
        decide(store.conn, source, "営業/旧顧客.csv", "remediated", "yamada", "古い行を削除")
        decide(store.conn, source, "営業/退避.csv", "remediated", "yamada", "削除した")
        decide(store.conn, source, "営業/共有.csv", "remediated", "yamada", "全社公開をやめた")
        decide(store.conn, source, "営業/名簿.csv", "confirmed", "suzuki", "")
        assign(store.conn, source, "営業/名簿.csv", "営業部 田村", "suzuki")
        with pytest.raises(ReviewError, match="too long"):
            decide(store.conn, source, "営業/名簿.csv", "confirmed", "suzuki", "x" * (MAX_COMMENT + 1))
        with pytest.raises(ReviewError, match="unknown action"):
            decide(store.conn, source, "営業/名簿.csv", "deleted", "suzuki")
        with pytest.raises(LookupError):
            decide(store.conn, source, "営業/ない.csv", "confirmed", "suzuki")

    # the owner changed one file and deleted another; 顧客.csv was left as it was
    with open(share / "営業" / "旧顧客.csv", "a", encoding="utf-8") as fh:
        fh.write("更新済み\n")
    os.unlink(share / "営業" / "退避.csv")
    os.chmod(share / "営業" / "共有.csv", 0o600)  # access removed, content unchanged
    run2 = _scan(share, db)
    with Store.open(db) as store:
        doc2 = build_report(store, run2)
        meibo2 = _asset(doc2, "営業/名簿.csv")
        assert meibo2["entities"]["EMAIL_ADDRESS"] == 11  # the false positive is left out of the assessment
        assert "REVIEW_SUPPRESSED" in {r["code"] for r in meibo2["reasons"]}
        assert email.fingerprint not in {s["fingerprint"] for s in meibo2["samples"]}
        assert meibo2["review"] == {"state": "confirmed", "by": "suzuki", "at": meibo2["review"]["at"], "comment": "", "assignee": "営業部 田村", "false_positives": 1}
        assert _asset(doc2, "営業/顧客.csv")["review"]["state"] == "reopened"
        assert _asset(doc2, "営業/旧顧客.csv")["review"]["state"] == "resolved"
        assert _stats(store, run2)["extracted"] == 2  # 名簿 (its decisions changed) and 旧顧客 (its content did)
        diff = diff_runs(store, run1, run2)
        assert sorted((d["path"], d["state"], d["why"]) for d in diff["review_outcomes"]) == [
            ("営業/共有.csv", "resolved", "access"),
            ("営業/旧顧客.csv", "resolved", "content"),
            ("営業/退避.csv", "resolved", "gone"),
            ("営業/顧客.csv", "reopened", "unchanged"),
        ]
        assert "再オープン" in format_diff(diff, "ja")
        events = history(store.conn, source, "営業/顧客.csv")
        assert [(e["action"], e["by_user"]) for e in events] == [("reopened", "tanaoroshi"), ("remediated", "yamada")]
        assert events[0]["run_id"] == run2

        out = tmp_path / "台帳.xlsx"
        xlsx_report.write(doc2, out, "ja", diff=diff)
        ws = load_workbook(out)["資産一覧"]
        header = [c.value for c in ws[1]]
        col = header.index("確認欄")
        review_cells = {r[0].value.rsplit("/", 1)[-1]: r[col].value for r in ws.iter_rows(min_row=2)}
        assert review_cells["名簿.csv"].startswith("確認済み suzuki") and "担当: 営業部 田村" in review_cells["名簿.csv"] and "誤検知 1 件" in review_cells["名簿.csv"]
        assert review_cells["顧客.csv"].startswith("再オープン")
        html = tmp_path / "report.html"
        html_report.write(doc2, html, "ja")
        assert "再オープン (変化なし)" in html.read_text(encoding="utf-8")  # the HTML report's detail shows the 確認欄 too

    # an unchanged third crawl reads nothing, and still honours the false positive
    run3 = _scan(share, db)
    with Store.open(db) as store:
        assert _stats(store, run3)["extracted"] == 0
        assert _asset(build_report(store, run3), "営業/名簿.csv")["entities"]["EMAIL_ADDRESS"] == 11
        # a whole-asset false positive holds while the content is the one it was made on
        decide(store.conn, source, "営業/名簿.csv", "false_positive", "suzuki", "架空のデータ")
    run4 = _scan(share, db)
    with Store.open(db) as store:
        a4 = _asset(build_report(store, run4), "営業/名簿.csv")
        assert a4["tier"] == 1 and [r["code"] for r in a4["reasons"]] == ["REVIEW_FALSE_POSITIVE"] and a4["entities"] == {}
        assert a4["review"]["state"] == "false_positive"
    (share / "営業" / "名簿.csv").write_text(_roster(14), encoding="utf-8")
    run5 = _scan(share, db)
    with Store.open(db) as store:
        a5 = _asset(build_report(store, run5), "営業/名簿.csv")
        assert a5["tier"] == 2 and a5["review"]["state"] == "stale"  # new content is judged afresh
        assert a5["entities"]["EMAIL_ADDRESS"] == 13  # the per-finding false positive still holds
        book = ReviewBook(store.conn)
        assert book.is_suppressed(source, "営業/名簿.csv", "EMAIL_ADDRESS", email.fingerprint)
        # clearing the finding's decision brings it back on the next crawl
        decide(store.conn, source, "営業/名簿.csv", "cleared", "suzuki", entity="EMAIL_ADDRESS", fingerprint=email.fingerprint)
    run6 = _scan(share, db)
    with Store.open(db) as store:
        assert _asset(build_report(store, run6), "営業/名簿.csv")["entities"]["EMAIL_ADDRESS"] == 14
        raw = json.dumps([dict(r) for r in store.conn.execute("SELECT * FROM review_events")], ensure_ascii=False)
        assert "member000@" not in raw  # events hold fingerprints, never values


def test_whole_archive_false_positive_covers_its_members(share, tmp_path):
    import zipfile

    with zipfile.ZipFile(share / "営業" / "引継ぎ.zip", "w") as z:
        z.writestr("顧客一覧.csv", _roster(9, 400))
    db = tmp_path / "t.db"
    run1 = _scan(share, db)
    with Store.open(db) as store:
        doc = build_report(store, run1)
        assert _asset(doc, "営業/引継ぎ.zip")["tier"] == 2 and _asset(doc, "営業/引継ぎ.zip!/顧客一覧.csv")["tier"] == 2
        decide(store.conn, doc["assets"][0]["source"], "営業/引継ぎ.zip", "false_positive", "suzuki", "研修用の架空データ")
    run2 = _scan(share, db)
    with Store.open(db) as store:
        doc = build_report(store, run2)
        for path in ("営業/引継ぎ.zip", "営業/引継ぎ.zip!/顧客一覧.csv"):
            a = _asset(doc, path)
            assert a["tier"] == 1 and "REVIEW_FALSE_POSITIVE" in {r["code"] for r in a["reasons"]}, path
        assert _asset(doc, "営業/名簿.csv")["tier"] == 2  # nothing else changes
        assert _stats(store, run2)["extracted"] == 1  # only the archive was read again
