"""The tier of one asset, with reasons an auditor can read (DESIGN.md §6).

Order of rules: unreadable → 未確認; entity tiers (レベル3 identifiers); the person count (> 1,000 →
レベル3); document types; identifiable data (レベル2) unless it is only incidental business contacts;
folder rules raise the floor. Every rule that decides or raises the tier leaves a reason.
"""
from __future__ import annotations

import fnmatch
from collections import Counter, defaultdict

from classifiers.doctypes import DocHints, detect
from classifiers.evidence import compress, row_key
from classifiers.model import Assessment, ReasonText
from classifiers.policy import Policy
from classifiers.reasons import PROBLEMS, entity_name
from detectors.model import Finding

IDENTITY = (
    "PERSON", "JP_MY_NUMBER", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "JP_BANK_ACCOUNT", "JP_PASSPORT", "JP_DRIVERS_LICENSE",
    "JP_RESIDENCE_CARD", "JP_PENSION_NUMBER", "JP_HEALTH_INSURANCE", "DATE_OF_BIRTH",
)  # values that belong to one person: a table row holding one is a person's row
ROW_DETAILS = ("JP_ADDRESS",)  # tell two people of a row apart, but make no row a person's on their own


def count_persons(findings: list[Finding]) -> int:
    """Distinct people in one asset: the larger of the table count and the text count.

    Table: a row holding an identity-bearing value (a PERSON column's name above all) is one person's
    row, and the person is the row's identity values together — the fingerprints of its names, readings,
    addresses, numbers — so a repeated row is one person and two namesakes with different details are
    two (a customer list of 1,200 rows holds 1,200 people even where names repeat). A row with an address
    but nothing that belongs to one person (a list of branch offices) is nobody's row.
    Text (findings outside table rows): the distinct fingerprints of the identity entity with the most of
    them (PERSON once names are detected: 山田 太郎 and 山田太郎 share one fingerprint). Not their sum: prose
    around a table mostly names people of the table."""
    rows: dict[str, set[tuple[str, str]]] = defaultdict(set)
    by_entity: dict[str, set[str]] = defaultdict(set)
    for f in findings:
        if f.entity not in IDENTITY and f.entity not in ROW_DETAILS:
            continue
        key = row_key(f.where)
        if key is not None:
            rows[key].add((f.entity, f.fingerprint))
        elif f.entity in IDENTITY:
            by_entity[f.entity].add(f.fingerprint)
    people = {frozenset(values) for values in rows.values() if any(entity in IDENTITY for entity, _ in values)}
    best = max((len(v) for v in by_entity.values()), default=0)
    return max(best, len(people))


def _ocr_note(findings: list[Finding]) -> tuple[str, str]:
    """' (OCR …)' for a reason whose findings were read from images, with the lowest OCR confidence among them."""
    read = [f for f in findings if getattr(f, "ocr", False)]
    if not read:
        return "", ""
    confs = [f.ocr_confidence for f in read if f.ocr_confidence is not None]
    if not confs:
        return " (OCRで読み取り)", " (read by OCR)"
    low = min(confs)
    return f" (OCRで読み取り、信頼度 {low:.0f}%)", f" (read by OCR, confidence {low:.0f}%)"


def _problem_reason(code: str, message: str | None, partial: bool) -> ReasonText:
    ja, en = PROBLEMS.get(code, (code, code))
    if partial:
        ja, en = f"一部のみ読み取り: {ja}", f"Read in part: {en}"
    return ReasonText(code=code, ja=ja, en=en, evidence=message or "")


def assess(
    path: str,
    findings: list[Finding],
    *,
    error_code: str | None = None,
    error_message: str | None = None,
    partial: bool = False,
    hints: DocHints | None = None,
    policy: Policy,
) -> Assessment:
    counted = [f for f in findings if f.score >= policy.threshold_for(f.entity) and policy.entities.get(f.entity, 0) > 0]
    entities = dict(sorted(Counter(f.entity for f in counted).items()))
    persons = count_persons(counted)
    if error_code and not partial:
        return Assessment(tier=None, reasons=[_problem_reason(error_code, error_message, False)], entities=entities, persons=persons)

    reasons: list[ReasonText] = []
    tier = 1
    wheres: dict[str, list[str]] = defaultdict(list)
    for f in counted:
        wheres[f.entity].append(f.where)

    # 1. identifiers that alone make an asset レベル3
    for entity, n in entities.items():
        if policy.entities.get(entity) == 3:
            tier = 3
            ev = compress(wheres[entity])
            ja, en = _ocr_note([f for f in counted if f.entity == entity])
            reasons.append(ReasonText(entity, f"{entity_name(entity, 'ja')} ×{n:,}{ja}", f"{entity_name(entity, 'en')} ×{n:,}{en}", ev))

    # 2. the person count
    if persons > policy.persons_tier3_over:
        tier = 3
        reasons.append(
            ReasonText(
                f"PERSONS>{policy.persons_tier3_over}",
                f"{policy.persons_tier3_over:,}人を超える個人データ (推定 {persons:,}人)",
                f"personal data of more than {policy.persons_tier3_over:,} people (estimated {persons:,})",
            )
        )

    # 3. document types
    has_personal = bool(entities)
    for doc in detect(hints or DocHints(name=path.rsplit("/", 1)[-1]), policy):
        # a document type raises the tier only when the document holds personal data, or when its
        # name is unambiguous and the type is レベル3 material (a 給与明細 whose names we cannot see yet)
        if has_personal or doc.rule.tier == 3:
            if doc.rule.tier > tier:
                tier = doc.rule.tier
            ja, en = (" (画像のOCRで検出)", " (found by OCR in an image)") if doc.rule.ocr else ("", "")
            reasons.append(ReasonText("DOC_TYPE", f"文書の種類: {doc.rule.code}{ja}", f"document type: {doc.rule.en}{en}", doc.evidence))

    # 4. identifiable personal data: レベル2, unless only a few business contacts
    lower = [e for e in entities if policy.entities.get(e) == 2]
    if lower and tier < 2:
        contact_only = all(e in policy.contact_entities for e in lower)
        distinct = len({f.fingerprint for f in counted if f.entity in lower})
        if contact_only and distinct <= policy.incidental_max:
            reasons.append(
                ReasonText(
                    "INCIDENTAL_CONTACTS",
                    f"業務上の連絡先のみ ({distinct}件、基準 {policy.incidental_max}件以下)",
                    f"only incidental business contacts ({distinct}, at most {policy.incidental_max})",
                    compress([w for e in lower for w in wheres[e]]),
                )
            )
        else:
            tier = 2
    if tier >= 2 or any(r.code == "INCIDENTAL_CONTACTS" for r in reasons):
        for entity in lower:
            n = entities[entity]
            ja, en = _ocr_note([f for f in counted if f.entity == entity])
            reasons.append(ReasonText(entity, f"{entity_name(entity, 'ja')} ×{n:,}{ja}", f"{entity_name(entity, 'en')} ×{n:,}{en}", compress(wheres[entity])))

    # 5. folder rules raise the floor
    for rule in policy.folders:
        if fnmatch.fnmatch(path, rule.pattern) and (rule.apply_to == "all" or has_personal) and rule.min_tier > tier:
            tier = rule.min_tier
            reasons.append(ReasonText("FOLDER_RULE", f"フォルダの規則 {rule.pattern} によりレベル{rule.min_tier}以上", f"folder rule {rule.pattern}: at least Level {rule.min_tier}"))

    if error_code and partial:
        reasons.append(_problem_reason(error_code, error_message, True))
    if tier == 1 and not reasons:
        reasons.append(ReasonText("NO_PERSONAL_DATA", "個人データは見つかりませんでした", "no personal data found"))
    return Assessment(tier=tier, reasons=reasons, entities=entities, persons=persons)
