"""Labels shared by the report writers."""
from __future__ import annotations

from inventory.i18n import t

TIER_COLOURS = {3: "C62828", 2: "EF6C00", 1: "2E7D32", None: "616161"}


def tier_label(tier: int | None, lang: str) -> str:
    return t(f"tier.{tier if tier is not None else 'none'}", lang)


def reasons_text(asset: dict, lang: str) -> str:
    parts = []
    for r in asset["reasons"]:
        text = r["ja"] if lang == "ja" else r["en"]
        if r.get("evidence"):
            text += f" ({r['evidence']})"
        parts.append(text)
    return "; ".join(parts)


def entities_text(asset: dict, lang: str = "ja") -> str:
    from classifiers.reasons import entity_name

    return ", ".join(f"{entity_name(k, lang)} ×{v:,}" for k, v in asset["entities"].items())


def exposure_text(asset: dict, lang: str) -> str:
    return ", ".join(t(f"exposure.{s}", lang) for s in asset["exposure"])


def access_text(asset: dict) -> str:
    return ", ".join(f"{g['display'] or g['principal']} ({g['right']}, {g['via']}{'' if g['status'] in ('active', 'unknown') else ', ' + g['status']})" for g in asset["access"])


def departed_text(asset: dict) -> str:
    return ", ".join(g["display"] or g["principal"] for g in asset["access"] if g["status"] in ("departed", "disabled"))


def location(asset: dict) -> str:
    src = asset["source"].rstrip("/")
    return f"{src}/{asset['path']}"


def review_text(asset: dict, lang: str) -> str:
    """The 確認欄: the owner's decision (who, when, comment), the assignee and false positives left out."""
    review = asset.get("review") or {}
    parts = []
    if review.get("state") and review["state"] != "open":
        parts.append(" ".join(x for x in (t(f"review.state.{review['state']}", lang), review.get("by") or "", (review.get("at") or "")[:10]) if x))
        if review.get("comment"):
            parts.append(review["comment"])
    if review.get("assignee"):
        parts.append(t("review.assignee_is", lang, name=review["assignee"]))
    if review.get("false_positives"):
        parts.append(t("review.false_positives_n", lang, n=review["false_positives"]))
    return " / ".join(parts)
