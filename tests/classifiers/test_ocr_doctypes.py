"""Identity-card layout words count only in OCR text, survive OCR's spacing and dash confusions, and the
policy's OCR limits are validated like the others."""
import pytest

from classifiers.doctypes import DocHints, detect
from classifiers.policy import PolicyError, load_policy
from classifiers.tiers import assess

POLICY = load_policy()


@pytest.mark.parametrize(
    "ocr_text,code",
    [
        ("個人番号カード\n氏名", "マイナンバーカード"),
        ("個 人 番 号 カ 一 ド", "マイナンバーカード"),  # spaced out, ー read as the kanji 一
        ("マイナンバ-カ-ド", "マイナンバーカード"),  # ー read as a hyphen
        ("通知カード", "通知カード"),
        ("第 123 号\n運転免許証\n公安委員会", "運転免許証"),
        ("在留カード", "在留カード"),
        ("健康保険 被保険者証", "健康保険証"),
    ],
)
def test_layout_words_in_ocr_text_name_the_card(ocr_text, code):
    assert [d.rule.code for d in detect(DocHints(name="scan.jpg", ocr_text=ocr_text), POLICY)] == [code]


def test_layout_words_in_a_text_layer_do_not_count():
    """A form that asks for a copy of a licence is not a copy of one."""
    hints = DocHints(name="申込書.pdf", title="申込書", lead="本人確認書類として運転免許証または個人番号カードの写しを添付してください")
    assert not [d for d in detect(hints, POLICY) if d.rule.ocr]


def test_a_card_copy_is_level_3_without_any_finding_and_the_reason_names_ocr():
    a = assess("scan.jpg", [], hints=DocHints(name="scan.jpg", ocr_text="在留カード\n氏名"), policy=POLICY)
    assert a.tier == 3
    (r,) = [r for r in a.reasons if r.code == "DOC_TYPE"]
    assert "OCR" in r.ja and "OCR" in r.en and r.evidence.startswith("OCR:")


def test_policy_ocr_limits(tmp_path):
    assert POLICY.limits.ocr is True and POLICY.limits.ocr_page_seconds > 0 and POLICY.limits.ocr_min_image_pixels > 0
    p = tmp_path / "p.toml"
    p.write_text("[limits]\nocr = false\nocr_page_seconds = 5\n", encoding="utf-8")
    mine = load_policy(str(p))
    assert mine.limits.ocr is False and mine.limits.ocr_page_seconds == 5
    p.write_text('[limits]\nocr = "yes"\n', encoding="utf-8")
    with pytest.raises(PolicyError, match="limits.ocr"):
        load_policy(str(p))
    p.write_text("[limits]\nocr_min_image_pixels = 0\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="ocr_min_image_pixels"):
        load_policy(str(p))
