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

# method, path ({event} is her newest entry), the most queries the page may make. Every page
# reads her session, her user, her programme and her events (or the one entry); a write adds
# its insert inside a savepoint (the test's transaction turns `atomic` into a savepoint), an
# edit the check that the entry is not already replaced, and an edited entry its original.
# Every write also locks her programme, reads her events and stores the caseload's summary.
PAGES = [
    ("GET", "/today/", 6),  # whether a practice has written to her; her plan's stored window
    ("GET", "/programme/", 4),
    ("GET", "/history/", 4),
    ("GET", "/verdict/", 4),
    ("POST", "/today/log/", 10),
    ("GET", "/history/{event}/edit/", 5),
    ("GET", "/today/earlier/", 5),
    ("POST", "/history/{event}/edit/", 11),
]


def runner_who_logged(sessions: int, edited: bool) -> tuple[User, Event]:
    """A runner who started 40 days ago and logged a session on each of her first days (each
    changed once afterwards, if ``edited``); returns her and her newest entry."""
    user = make_user(f"logged-{sessions}-{edited}@example.com")
    start = today() - timedelta(days=STARTED_DAYS_AGO)
    programme = services.start_programme(user, answers(weeks=20), start, timezone.now())
    entry = {"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": []}
    for day in range(sessions):
        on = start + timedelta(days=day)
        event = tracking.log_session(user, programme, "walk_run", entry, on, timezone.now())
        if edited:
            change = {"rpe": 5, "note": f"day {day}, felt harder than I said"}
            event = tracking.edit_event(user, event, change, programme, timezone.now())
    return user, event


def queries_on(page: str, method: str, sessions: int, edited: bool) -> int:
    user, newest = runner_who_logged(sessions, edited)
    client = Client()
    client.force_login(user)
    path = page.format(event=newest.public_id)
    with CaptureQueriesContext(connection) as queries:
        response: HttpResponse = (
            client.get(path) if method == "GET" else client.post(path, SESSION_LOG)
        )
    # A page is shown, an entry is saved (a refused one would make fewer queries).
    assert response.status_code == (200 if method == "GET" else 302)
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    ("method", "page", "ceiling"), PAGES, ids=[f"{m} {p}" for m, p, _ in PAGES]
)
@pytest.mark.parametrize("edited", [False, True], ids=["as logged", "each entry edited"])
@pytest.mark.django_db
def test_a_page_makes_as_many_queries_after_thirty_sessions_as_after_one(
    method: str, page: str, ceiling: int, edited: bool
) -> None:
    after_one = queries_on(page, method, sessions=1, edited=edited)
    after_thirty = queries_on(page, method, sessions=30, edited=edited)
    assert after_thirty == after_one
    assert after_one <= ceiling


@pytest.mark.django_db
def test_the_runner_with_thirty_sessions_sees_all_thirty_in_her_history() -> None:
    user, _ = runner_who_logged(30, edited=True)
    client = Client()
    client.force_login(user)
    response = client.get("/history/")
    assert response.text.count('data-testid="entry"') == 30
    assert response.text.count("· edited") == 30
