"""Each page costs the same few database queries however much she has logged.

A runner with one logged session and a runner with thirty get the same count on every page;
the ceilings are the counts measured when these tests were written, so a query added to a
page (or one per entry) shows up here."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from strideback.accounts.models import User
from strideback.programmes import services
from strideback.programmes.models import Event
from strideback.tracking import services as tracking
from tests.web.conftest import answers, make_user, today

STARTED_DAYS_AGO = 40
SESSION_LOG = {"completed": "all", "rpe": "4", "pain": "0", "early": "1"}

# method, path ({event} is her newest entry), the most queries the page may make.
PAGES = [
    ("GET", "/today/", 4),
    ("GET", "/programme/", 4),
    ("GET", "/history/", 4),
    ("GET", "/verdict/", 4),
    ("POST", "/today/log/", 7),
    ("GET", "/history/{event}/edit/", 5),
    ("POST", "/history/{event}/edit/", 9),
]


def runner_who_logged(sessions: int) -> tuple[User, Event]:
    """A runner who started 40 days ago and logged a session on each of her first days;
    returns her and her newest entry."""
    user = make_user(f"logged-{sessions}@example.com")
    start = today() - timedelta(days=STARTED_DAYS_AGO)
    programme = services.start_programme(user, answers(weeks=20), start, timezone.now())
    entry = {"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": []}
    for day in range(sessions):
        on = start + timedelta(days=day)
        event = tracking.log_session(user, programme, "walk_run", entry, on, timezone.now())
    return user, event


def queries_on(page: str, method: str, sessions: int) -> int:
    user, newest = runner_who_logged(sessions)
    client = Client()
    client.force_login(user)
    path = page.format(event=newest.public_id)
    with CaptureQueriesContext(connection) as queries:
        response: HttpResponse = (
            client.get(path) if method == "GET" else client.post(path, SESSION_LOG)
        )
    assert response.status_code in (200, 302), response.content.decode()[:2000]
    if method == "POST":
        assert response.status_code == 302  # the entry was saved, not refused
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    ("method", "page", "ceiling"), PAGES, ids=[f"{m} {p}" for m, p, _ in PAGES]
)
@pytest.mark.django_db
def test_a_page_makes_as_many_queries_after_thirty_sessions_as_after_one(
    method: str, page: str, ceiling: int
) -> None:
    after_one = queries_on(page, method, sessions=1)
    after_thirty = queries_on(page, method, sessions=30)
    assert after_thirty == after_one
    assert after_one <= 0, ceiling
