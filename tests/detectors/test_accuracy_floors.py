"""Precision and recall floors per entity (fails below any floor).

Identifiers: on the generated identifier corpus. PERSON (issue #5): on the real-text sample (hironsancorpus,
the HELD-OUT half — never looked at while writing rules); PERSON and JP_ADDRESS on a generated sample of forms,
letters, signatures and tables, each against the naive baseline (Presidio + ja_ginza) measured in the same
run; and the false-positive rate on the generated negatives. JP_ADDRESS on real addresses (public facilities'
published addresses, their HELD-OUT half) is ``test_jp_address_real_floors.py``; hironsancorpus labels no
address, so there only its false positives are capped (``test_address_real_text.py``). PERSON on a second
real-text sample, UD_Japanese-GSD's Wikipedia sentences (``tests.corpus.gsd``): its HELD-OUT part (GSD dev)
against the baseline, its DEV part (a sample of GSD train, tuned on) alone. Sized to run in about a minute on
one core; ``make accuracy`` runs the full benchmark.
"""
import pytest

from benchmarks.accuracy import NAME_ENTITIES, NaiveBaseline, evaluate
from detectors.registry import known_entities
from tests.corpus import gsd, hironsan, names
from tests.corpus.generator import generate

FLOORS = {entity: (0.98, 0.98) for entity in (
    "JP_CORPORATE_NUMBER", "EMAIL_ADDRESS", "PHONE_NUMBER", "JP_POSTAL_CODE", "JP_BANK_ACCOUNT", "JP_PASSPORT", "JP_DRIVERS_LICENSE",
    "JP_RESIDENCE_CARD", "JP_PENSION_NUMBER", "JP_HEALTH_INSURANCE", "DATE_OF_BIRTH", "SENSITIVE_CATEGORY",
)}
FLOORS.update({"JP_MY_NUMBER": (0.99, 0.99), "CREDIT_CARD": (0.99, 0.99)})

ISSUE_FLOOR = {"PERSON": 0.93, "JP_ADDRESS": 0.95}  # issue #5 "done when": precision and recall
# Real text, held-out half: the floor it holds today (a regression guard set just below the figure of
# docs/benchmarks.md: 2026-12-01 P 0.926 / R 0.887; 2026-12-02 after the GSD rules and after round 2: P 0.915 / R 0.915)
# until it reaches 0.93.
PERSON_REAL_TEXT_FLOOR = (0.91, 0.91)
# GSD (Wikipedia prose: historical figures, fiction, foreign names): the floors it holds today, a small margin below
# the figures of docs/benchmarks.md (2026-12-02, PERSON round 2 section: HELD-OUT P 0.938 / R 0.655, DEV P 0.946 /
# R 0.708) — a regression guard far below the issue's 0.93 on recall, which the strict xfail below records.
GSD_HELD_OUT_FLOOR = (0.93, 0.64)
GSD_DEV_FLOOR = (0.94, 0.70)
NEGATIVE_FP_CEILING = 0.01
ADDRESS_REGISTERED = "JP_ADDRESS" in known_entities()


def test_every_entity_meets_its_floor(analyzer):
    results = evaluate(generate(60, seed=7), analyzer)
    assert set(FLOORS) <= set(results), f"entities without samples: {set(FLOORS) - set(results)}"
    below = {e: (round(r["precision"], 3), round(r["recall"], 3)) for e, r in results.items() if e in FLOORS and (r["precision"] < FLOORS[e][0] or r["recall"] < FLOORS[e][1])}
    assert not below, f"below the floor: {below}"


@pytest.fixture(scope="module")
def measured(analyzer):
    """{data set: (tanaoroshi, baseline)} per entity, one run of both systems."""
    generated = names.generate(8, seed=11)
    data = {
        "real": hironsan.sentences(hironsan.HELD_OUT), "gsd": gsd.sentences(gsd.HELD_OUT),
        "generated": generated.positives, "negatives": generated.negatives,
    }
    baseline = NaiveBaseline()
    return {k: (evaluate(v, analyzer, entities=NAME_ENTITIES), evaluate(v, baseline, entities=NAME_ENTITIES)) for k, v in data.items()}


def _pr(r):
    return round(r["precision"], 3), round(r["recall"], 3)


def test_person_on_generated_meets_the_issue_floor_and_beats_the_baseline(measured):
    ours, base = measured["generated"]
    p, r = _pr(ours["PERSON"])
    assert p >= ISSUE_FLOOR["PERSON"] and r >= ISSUE_FLOOR["PERSON"], f"PERSON generated P/R {p}/{r}"
    assert ours["PERSON"]["f1"] > base["PERSON"]["f1"], f"F1 {ours['PERSON']['f1']:.3f} vs baseline {base['PERSON']['f1']:.3f}"


def _holds_floor_and_beats_the_baseline(measured, data: str, floor: tuple[float, float]) -> None:
    """PERSON on ``data`` at or above ``floor`` (precision, recall), and above the baseline's precision and F1."""
    ours, base = measured[data]
    p, r = _pr(ours["PERSON"])
    assert p >= floor[0] and r >= floor[1], f"PERSON {data} P/R {p}/{r}"
    assert ours["PERSON"]["precision"] > base["PERSON"]["precision"] and ours["PERSON"]["f1"] > base["PERSON"]["f1"], (
        f"P {p} F1 {ours['PERSON']['f1']:.3f} vs baseline P {base['PERSON']['precision']:.3f} F1 {base['PERSON']['f1']:.3f}"
    )


def test_person_on_real_text_holds_its_floor_and_beats_the_baseline(measured):
    _holds_floor_and_beats_the_baseline(measured, "real", PERSON_REAL_TEXT_FLOOR)


@pytest.mark.xfail(strict=True, reason="issue #5 target not met yet on real text: held-out PERSON P 0.915 / R 0.915 (docs/benchmarks.md); XPASS means raise PERSON_REAL_TEXT_FLOOR to 0.93")
def test_person_on_real_text_meets_the_issue_floor(measured):
    ours, _ = measured["real"]
    p, r = _pr(ours["PERSON"])
    assert p >= ISSUE_FLOOR["PERSON"] and r >= ISSUE_FLOOR["PERSON"], f"PERSON real text P/R {p}/{r}"


def test_person_on_gsd_held_out_holds_its_floor_and_beats_the_baseline(measured):
    _holds_floor_and_beats_the_baseline(measured, "gsd", GSD_HELD_OUT_FLOOR)


def test_person_on_gsd_dev_holds_its_floor(analyzer):
    r = evaluate(gsd.sentences(gsd.DEV), analyzer, entities=("PERSON",))["PERSON"]
    p, rc = _pr(r)
    assert p >= GSD_DEV_FLOOR[0] and rc >= GSD_DEV_FLOOR[1], f"PERSON GSD dev P/R {p}/{rc}"


@pytest.mark.xfail(strict=True, reason="issue #5 target not met on GSD held-out: PERSON P 0.938 / R 0.655 (docs/benchmarks.md); XPASS means raise GSD_HELD_OUT_FLOOR to 0.93")
def test_person_on_gsd_meets_the_issue_floor(measured):
    ours, _ = measured["gsd"]
    p, r = _pr(ours["PERSON"])
    assert p >= ISSUE_FLOOR["PERSON"] and r >= ISSUE_FLOOR["PERSON"], f"PERSON GSD held-out P/R {p}/{r}"


@pytest.mark.skipif(not ADDRESS_REGISTERED, reason="no JP_ADDRESS recognizer is registered in detectors/recognizers/conf yet")
def test_address_on_generated_meets_the_issue_floor_and_beats_the_baseline(measured):
    ours, base = measured["generated"]
    p, r = _pr(ours["JP_ADDRESS"])
    assert p >= ISSUE_FLOOR["JP_ADDRESS"] and r >= ISSUE_FLOOR["JP_ADDRESS"], f"JP_ADDRESS generated P/R {p}/{r}"
    assert ours["JP_ADDRESS"]["f1"] > base["JP_ADDRESS"]["f1"]


@pytest.mark.parametrize("entity", NAME_ENTITIES)
def test_negatives_stay_clean(measured, entity):
    ours, base = measured["negatives"]
    if entity == "JP_ADDRESS" and not ADDRESS_REGISTERED:
        pytest.skip("no JP_ADDRESS recognizer is registered yet")
    rate = ours[entity]["neg_fp"] / ours[entity]["negatives"]
    assert rate <= NEGATIVE_FP_CEILING, f"{entity}: {ours[entity]['neg_fp']} of {ours[entity]['negatives']} negatives flagged"
    assert ours[entity]["neg_fp"] <= base[entity]["neg_fp"]
