"""Shared test fixtures: the packaged catalog and a few named runners built in code.

- ``ready_runner``: 14 weeks after a vaginal birth, no symptoms, every test passed.
- ``early_runner``: 6 weeks after a caesarean, no tests done yet.
- ``referred_runner``: 16 weeks after birth with pelvic heaviness.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from strideback.core.catalog import Catalog, load_catalog
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS, Intake, parse_intake

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


def all_passed() -> dict[str, Any]:
    return {
        "load_impact": dict.fromkeys(LOAD_IMPACT_TESTS, "pass"),
        "strength": dict.fromkeys(STRENGTH_TESTS, 20),
    }


def intake_data(weeks: float = 14, **fields: Any) -> dict[str, Any]:
    """Intake data for a runner ``weeks`` after birth, assessed on TODAY."""
    birth = TODAY - timedelta(days=round(weeks * 7))
    return {"birth_date": birth.isoformat(), "assessed_on": TODAY.isoformat(), **fields}


def make_intake(weeks: float = 14, **fields: Any) -> Intake:
    return parse_intake(intake_data(weeks, **fields), "test intake", TODAY)


@pytest.fixture
def ready_runner() -> Intake:
    return make_intake(14, delivery="vaginal", tests=all_passed(), days_per_week=3)


@pytest.fixture
def early_runner() -> Intake:
    return make_intake(6, delivery="caesarean")


@pytest.fixture
def referred_runner() -> Intake:
    return make_intake(16, symptoms=["pelvic_heaviness"], tests=all_passed())
