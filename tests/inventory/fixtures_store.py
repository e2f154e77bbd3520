"""A store filled with synthetic AssetRecords (masked values only), for report and store tests."""
from __future__ import annotations

from classifiers.model import Assessment, Grant, ReasonText
from detectors.model import Finding
from inventory.records import AssetRecord
from inventory.store import Store

HOSTILE = "共有/<script>alert(1)</script>/</script><b>x</b>&amp;.xlsx"


def records(n_extra: int = 0) -> list[AssetRecord]:
    mn = [Finding("JP_MY_NUMBER", 0.95, f"sheet 社員!C{i}", 0, 12, "**** **** **18", f"fp{i:030d}", "JpMyNumberRecognizer", ("check", "header:個人番号"), "個人番号") for i in range(2, 14)]
    recs = [
        AssetRecord(
            source="/srv/share", path="総務/マイナンバー台帳.xlsx", kind="file", size=12345, mtime=1_790_000_000.0, content_hash="ab" * 32,
            owner="sato", format="xlsx", findings=mn,
            grants=[Grant("anyone", "リンクを知っている全員", "anyone", "read", "link", "active"), Grant("sato@example.co.jp", "佐藤", "user", "write", "acl", "departed")],
            assessment=Assessment(3, [ReasonText("JP_MY_NUMBER", "マイナンバー ×12", "My Number ×12", "sheet 社員!C2:C13")], {"JP_MY_NUMBER": 12}, 12, ["PUBLIC", "DEPARTED"], "urgent"),
        ),
        AssetRecord(
            source="/srv/share", path="広報/press.docx", kind="file", size=999, mtime=1_790_000_000.0, format="docx",
            assessment=Assessment(1, [ReasonText("NO_PERSONAL_DATA", "個人データは見つかりませんでした", "no personal data found")], {}, 0, ["RESTRICTED"], "low"),
        ),
        AssetRecord(
            source="/srv/share", path="総務/提出.zip", kind="file", size=500, mtime=1_790_000_000.0, format="zip", error_code="ENCRYPTED",
            error_message="all 1 members are encrypted", assessment=Assessment(None, [ReasonText("ENCRYPTED", "暗号化されていて中身を確認できません", "Encrypted")], {}, 0, ["RESTRICTED"], "review"),
        ),
        AssetRecord(
            source="/srv/share", path=HOSTILE, kind="file", size=1, mtime=1_790_000_000.0,
            assessment=Assessment(2, [ReasonText("EMAIL_ADDRESS", "メールアドレス ×4", "e-mail address ×4", "cell C2:C5")], {"EMAIL_ADDRESS": 4}, 4, ["ORGANIZATION"], "high"),
        ),
    ]
    for i in range(n_extra):
        recs.append(
            AssetRecord(
                source="/srv/share", path=f"bulk/{i:05d}.txt", kind="file", size=10, mtime=1_790_000_000.0,
                assessment=Assessment(1 + i % 3, [ReasonText("X", "x", "x")], {}, 0, ["RESTRICTED"], "low"),
            )
        )
    return recs


def filled_store(path, n_extra: int = 0) -> tuple[Store, int]:
    store = Store.open(path)
    run = store.begin_run(["/srv/share"], {}, {"tool": "test", "detector": "t", "policy": "t"})
    store.add_assets(run, records(n_extra))
    store.finish_run(run, "complete", {"assets": 4 + n_extra})
    return store, run
