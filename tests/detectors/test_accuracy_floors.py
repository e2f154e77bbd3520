"""Precision and recall floors per entity on the generated labelled corpus (fails below any floor)."""
from benchmarks.accuracy import evaluate
from tests.corpus.generator import generate

FLOORS = {entity: (0.98, 0.98) for entity in (
    "JP_CORPORATE_NUMBER", "EMAIL_ADDRESS", "PHONE_NUMBER", "JP_POSTAL_CODE", "JP_BANK_ACCOUNT", "JP_PASSPORT", "JP_DRIVERS_LICENSE",
    "JP_RESIDENCE_CARD", "JP_PENSION_NUMBER", "JP_HEALTH_INSURANCE", "DATE_OF_BIRTH", "SENSITIVE_CATEGORY",
)}
FLOORS.update({"JP_MY_NUMBER": (0.99, 0.99), "CREDIT_CARD": (0.99, 0.99)})


def test_every_entity_meets_its_floor(analyzer):
    results = evaluate(generate(60, seed=7), analyzer)
    assert set(FLOORS) <= set(results), f"entities without samples: {set(FLOORS) - set(results)}"
    below = {e: (round(r["precision"], 3), round(r["recall"], 3)) for e, r in results.items() if e in FLOORS and (r["precision"] < FLOORS[e][0] or r["recall"] < FLOORS[e][1])}
    assert not below, f"below the floor: {below}"
