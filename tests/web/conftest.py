"""Web test fixtures: a few named people built in code, and helpers that make a programme
and log sessions through the services (the same path the pages take).

- ``runner``: 14 weeks after birth, no symptoms, every test passed: ready to run.
- ``other_runner``: a second runner with her own programme; she must never see the first's.
- a visitor is simply the anonymous ``client``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS
from strideback.programmes import services
from strideback.programmes.models import Event, Programme
from strideback.tracking import services as tracking

PASSWORD = "a long walk by the sea"


@pytest.fixture(scope="session", autouse=True)
def _static_files() -> None:
    """The manifest static storage needs collected files, as `strideback serve` makes them."""
    call_command("collectstatic", interactive=False, verbosity=0)


def today() -> date:
    return timezone.localdate()


def answers(weeks: float = 14, **fields: Any) -> dict[str, Any]:
    """Intake answers for a runner ``weeks`` after birth, every test passed unless overridden."""
    birth = today() - timedelta(days=round(weeks * 7))
    return {
        "birth_date": birth.isoformat(),
        "tests": {
            "load_impact": dict.fromkeys(LOAD_IMPACT_TESTS, "pass"),
            "strength": dict.fromkeys(STRENGTH_TESTS, 20),
        },
        **fields,
    }


def make_user(email: str) -> User:
    return User.objects.create_user(email=email, password=PASSWORD)


def start(user: User, **fields: Any) -> Programme:
    weeks = fields.pop("weeks", 14)
    return services.start_programme(user, answers(weeks, **fields), today(), timezone.now())


def log(user: User, programme: Programme, kind: str = "walk_run", **fields: Any) -> Event:
    entry = {"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": [], **fields}
    return tracking.log_session(user, programme, kind, entry, today(), timezone.now())


@pytest.fixture
def runner(db: None) -> User:
    user = make_user("runner@example.com")
    start(user)
    return user


@pytest.fixture
def other_runner(db: None) -> User:
    user = make_user("other@example.com")
    start(user)
    return user


@pytest.fixture
def runner_client(runner: User) -> Client:
    client = Client()
    client.force_login(runner)
    return client
