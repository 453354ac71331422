"""Each list costs the same few database queries however long it is."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from strideback.accounts.models import User
from strideback.practice.models import Practice
from strideback.programmes import services
from strideback.tracking import services as tracking
from tests.api.conftest import api_as, send
from tests.web.conftest import answers, make_professional, make_user, share_with, today

STARTED_DAYS_AGO = 40


def runner_with(sessions: int, shares: int, name: str) -> User:
    """A runner who started 40 days ago, logged ``sessions`` sessions and shares with
    ``shares`` practices."""
    user = make_user(f"{name}@example.com")
    first = today() - timedelta(days=STARTED_DAYS_AGO)
    programme = services.start_programme(user, answers(weeks=20), first, timezone.now())
    entry = {"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": []}
    for day in range(sessions):
        on = first + timedelta(days=day)
        tracking.log_session(user, programme, "walk_run", entry, on, timezone.now())
    for n in range(shares):
        practice = Practice.objects.create(name=f"Practice {name} {n}", country="United Kingdom")
        share_with(user, practice)
    return user


def queries(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = send(client, "GET", path)
    assert response.status_code == 200, response.content[:300]
    return len(captured)


@pytest.mark.parametrize("path", ["/me/logs", "/me/shares", "/me/plan", "/me/today"])
def test_her_lists_cost_the_same_with_one_entry_or_thirty(path: str, db: None) -> None:
    few = api_as(runner_with(1, 1, "few"))
    many = api_as(runner_with(30, 8, "many"))
    queries(few, path)  # warm: the catalog is loaded once per process
    assert queries(many, path) == queries(few, path)


def test_the_caseload_costs_the_same_with_two_clients_or_twenty(db: None) -> None:
    small = make_professional("small@clinic.example")
    big = make_professional("big@clinic.example", name=("Bea", "Ford"))
    for n in range(2):
        share_with(runner_with(2, 0, f"small{n}"), small.practice)
    for n in range(20):
        share_with(runner_with(2, 0, f"big{n}"), big.practice)
    few, many = api_as(small.user), api_as(big.user)
    queries(few, "/practice/clients")
    assert queries(many, "/practice/clients") == queries(few, "/practice/clients")
