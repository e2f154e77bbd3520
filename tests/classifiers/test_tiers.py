"""Tier policy, reasons, document types, person counts, exposure and priority — table-driven."""
from __future__ import annotations

import pytest

from classifiers.doctypes import DocHints, detect
from classifiers.evidence import compress
from classifiers.exposure import exposure_scopes, priority
from classifiers.model import Grant
from classifiers.policy import PolicyError, load_policy
from classifiers.tiers import assess, count_persons
from detectors.model import Finding

POLICY = load_policy()


def f(entity, where="paragraph 1", score=0.95, fp=None):
    return Finding(entity, score, where, 0, 1, "*", fp or f"{entity}-{where}", "r")


@pytest.mark.parametrize(
    "path,findings,error,tier,codes",
    [
        ("a.xlsx", [f("JP_MY_NUMBER", f"sheet 社員!C{i}") for i in range(2, 14)], None, 3, {"JP_MY_NUMBER"}),
        ("a.csv", [f("CREDIT_CARD", "cell D2")], None, 3, {"CREDIT_CARD"}),
        ("a.txt", [f("JP_MY_NUMBER", score=0.4)], None, 1, {"NO_PERSONAL_DATA"}),  # below threshold
        ("a.txt", [f("JP_CORPORATE_NUMBER")], None, 1, {"NO_PERSONAL_DATA"}),  # not personal
        ("sig.txt", [f("EMAIL_ADDRESS"), f("PHONE_NUMBER")], None, 1, {"INCIDENTAL_CONTACTS"}),
        ("list.csv", [f("EMAIL_ADDRESS", f"cell C{i}") for i in range(2, 8)], None, 2, {"EMAIL_ADDRESS"}),
        ("x.zip", [], "ENCRYPTED", None, {"ENCRYPTED"}),
        ("x.docx", [], "CORRUPT", None, {"CORRUPT"}),
        ("給与明細_10月.xlsx", [], None, 3, {"DOC_TYPE"}),
        ("給与規程.pdf", [], None, 1, {"NO_PERSONAL_DATA"}),  # a policy document is not a payroll
        ("人事/メモ.txt", [f("EMAIL_ADDRESS")], None, 2, {"FOLDER_RULE", "INCIDENTAL_CONTACTS"}),  # folder rule raises the floor
    ],
)
def test_tiers(path, findings, error, tier, codes):
    a = assess(path, findings, error_code=error, policy=POLICY)
    assert a.tier == tier
    assert codes <= {r.code for r in a.reasons}
    assert all(r.ja and r.en for r in a.reasons)


def test_reason_evidence_is_compressed():
    a = assess("a.xlsx", [f("JP_MY_NUMBER", f"sheet 社員!C{i}") for i in range(2, 14)], policy=POLICY)
    r = a.reasons[0]
    assert (r.ja, r.en, r.evidence) == ("マイナンバー ×12", "My Number ×12", "sheet 社員!C2:C13")


def test_more_than_1000_persons_is_tier_3():
    findings = [f("EMAIL_ADDRESS", f"sheet 顧客!G{i}", fp=f"e{i}") for i in range(2, 1203)]
    a = assess("顧客.xlsx", findings, policy=POLICY)
    assert a.tier == 3 and a.persons == 1201 and any(r.code == "PERSONS>1000" for r in a.reasons)


def test_persons_count_rows_once():
    findings = [f("EMAIL_ADDRESS", f"cell C{i}", fp=f"e{i}") for i in range(2, 12)] + [f("PHONE_NUMBER", f"cell D{i}", fp=f"p{i}") for i in range(2, 12)]
    assert count_persons(findings) == 10


@pytest.mark.parametrize(
    "rows,expected",
    [
        # each row: {column: (entity, fingerprint)}; the count is of distinct people
        ([{"A": ("PERSON", "n1"), "C": ("JP_ADDRESS", "a1")}, {"A": ("PERSON", "n2"), "C": ("JP_ADDRESS", "a2")}], 2),
        ([{"A": ("PERSON", "n1"), "C": ("JP_ADDRESS", "a1")}, {"A": ("PERSON", "n1"), "C": ("JP_ADDRESS", "a2")}], 2),  # namesakes
        ([{"A": ("PERSON", "n1"), "D": ("PHONE_NUMBER", "p1")}, {"A": ("PERSON", "n1"), "D": ("PHONE_NUMBER", "p1")}], 1),  # a row repeated
        ([{"C": ("JP_ADDRESS", "a1")}, {"C": ("JP_ADDRESS", "a2")}], 0),  # addresses alone: branch offices, nobody's row
        ([{"A": ("PERSON", "n1"), "B": ("PERSON", "k1")}, {"A": ("PERSON", "n2"), "B": ("PERSON", "k2")}], 2),  # name + reading: one person
    ],
)
def test_persons_are_rows_deduplicated_by_their_values(rows, expected):
    findings = [f(entity, f"sheet 顧客!{col}{r}", fp=fp) for r, row in enumerate(rows, 2) for col, (entity, fp) in row.items()]
    assert count_persons(findings) == expected


def test_partial_read_keeps_findings_and_says_so():
    a = assess("a.zip", [f("JP_MY_NUMBER")], error_code="ENCRYPTED", error_message="1 of 2 members", partial=True, policy=POLICY)
    assert a.tier == 3 and any(r.code == "ENCRYPTED" and r.ja.startswith("一部のみ") for r in a.reasons)


@pytest.mark.parametrize(
    "hints,code",
    [
        (DocHints(name="源泉徴収票_2025.pdf"), "源泉徴収"),
        (DocHints(name="doc1.docx", title="履歴書"), "履歴書"),
        (DocHints(name="book.xlsx", headers=("氏名", "住所", "電話番号")), "顧客リスト"),
        (DocHints(name="book.xlsx", headers=("基本給", "控除合計")), "給与"),
    ],
)
def test_doctypes(hints, code):
    assert code in {d.rule.code for d in detect(hints, POLICY)}


@pytest.mark.parametrize("name", ["給与規程.pdf", "履歴書テンプレート.docx", "健康診断のご案内.pdf"])
def test_doctype_negatives(name):
    assert detect(DocHints(name=name), POLICY) == []


def test_policy_override_flips_a_tier(tmp_path):
    p = tmp_path / "p.toml"
    p.write_text("[entities]\nJP_MY_NUMBER = 2\n", encoding="utf-8")
    assert assess("a.txt", [f("JP_MY_NUMBER")], policy=load_policy(str(p))).tier == 2
    q = tmp_path / "q.toml"
    q.write_text('[[folder]]\npattern = "広報/**"\nmin_tier = 3\napply_to = "all"\n', encoding="utf-8")
    assert assess("広報/press.docx", [], policy=load_policy(str(q))).tier == 3
    assert load_policy(str(p)).version != POLICY.version


@pytest.mark.parametrize(
    "text,message",
    [
        ("threshold = 2\n", "p.toml:1: threshold"),
        ("[entities]\nFOO = 3\n", "p.toml:2: entities.FOO: unknown entity"),
        ("\n\n[limits]\ntimeout_seconds = -1\n", "p.toml:4: limits.timeout_seconds"),
        ("colour = 1\n", "p.toml:1: colour: unknown key"),
        ("[entities\n", "p.toml: "),
    ],
)
def test_invalid_policy_is_one_line_with_key_and_line(tmp_path, text, message):
    p = tmp_path / "p.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as exc:
        load_policy(str(p))
    assert str(exc.value).startswith(str(tmp_path / "p.toml")[: -len("p.toml")] + message) and "\n" not in str(exc.value)


def test_evidence_compression():
    assert compress(["page 1", "page 2", "page 3", "page 5"]) == "pages 1–3, page 5"
    assert compress([f"cell B{i}" for i in (2, 3, 4, 9)]) == "cell B2:B4, cell B9"


G = lambda kind, status="active", principal="u": Grant(principal, principal, kind, "read", "acl", status)  # noqa: E731


@pytest.mark.parametrize(
    "grants,scopes",
    [
        ([G("anyone")], ["PUBLIC"]),
        ([G("organization")], ["ORGANIZATION"]),
        ([G("user", "external")], ["EXTERNAL"]),
        ([G("user", "departed")], ["DEPARTED"]),
        ([G("group"), G("user")], ["RESTRICTED"]),
        ([G("anyone"), G("user", "departed")], ["PUBLIC", "DEPARTED"]),
        ([], ["RESTRICTED"]),
    ],
)
def test_exposure(grants, scopes):
    assert exposure_scopes(grants) == scopes


@pytest.mark.parametrize(
    "tier,scopes,expected",
    [(3, ["PUBLIC"], "urgent"), (3, ["DEPARTED"], "urgent"), (3, ["RESTRICTED"], "high"), (2, ["ORGANIZATION"], "high"), (2, ["RESTRICTED"], "normal"), (1, ["PUBLIC"], "low"), (None, ["RESTRICTED"], "review")],
)
def test_priority(tier, scopes, expected):
    assert priority(tier, scopes) == expected
