"""The progress page: a chart per measure, each with its one-line summary first and its
numbers one tap away; only her own data; the same few queries however much she logged."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core.catalog import load_catalog
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS
from strideback.core.progress import minutes
from strideback.programmes import services
from strideback.tracking import services as tracking
from tests.web.conftest import answers, log, make_user, today
from tests.web.pages import text

STAGES = load_catalog().default_protocol.walk_run.stages

CHARTS = ["minutes", "sessions", "effort", "stage", "strength"]
SVG = "{http://www.w3.org/2000/svg}"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def runner_who_logged(sessions: int, **entry: Any) -> User:
    """A runner who did a re-test on her first day and then logged a run every other day
    up to yesterday, ``sessions`` runs in all."""
    user = make_user(f"progress-{sessions}-{len(entry)}@example.com")
    start = today() - timedelta(days=2 * sessions + 1)
    programme = services.start_programme(user, answers(weeks=20), start, timezone.now())
    tests = {
        "load_impact": dict.fromkeys(LOAD_IMPACT_TESTS, "pass"),
        "strength": dict.fromkeys(STRENGTH_TESTS, 20),
    }
    tracking.record_retest(user, programme, {"tests": tests}, start, timezone.now())
    logged = {"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": [], **entry}
    for offset in range(sessions):
        on = start + timedelta(days=1 + 2 * offset)
        tracking.log_session(user, programme, "walk_run", logged, on, timezone.now())
    return user


def figures(page: str) -> dict[str, str]:
    """Each chart's section of the page, by its key."""
    found = re.findall(
        r'<section class="chart-section"[^>]*data-chart="(\w+)">(.*?)</section>', page, re.S
    )
    return dict(found)


@pytest.mark.django_db
def test_each_chart_has_its_one_line_summary_first_then_the_chart_and_its_numbers() -> None:
    client = client_for(runner_who_logged(6, pain=3, pain_settled=True))
    response = client.get("/progress/")
    assert response.status_code == 200
    page = text(response)
    assert "strideback/progress" in page
    assert ".css" in page
    shown = figures(page)
    assert list(shown) == CHARTS
    for key, section in shown.items():
        heading, figure = section.split("<figure", 1)
        assert re.search(r"<h2 id=\"\w+-heading\">", heading), key
        # The summary is the first thing inside the figure, before the chart.
        first = re.match(
            r'\s*class="chart card">\s*<figcaption class="chart-summary" data-testid="summary">([^<]+)</figcaption>',
            figure,
        )
        assert first is not None, key
        summary = first.group(1)
        svg = re.search(r"<svg.*?</svg>", figure, re.S)
        assert svg is not None, key
        root = ET.fromstring(svg.group(0))
        assert root.findtext(f"{SVG}desc") == summary
        assert "Show the numbers" in figure
        assert "<table>" in figure
    assert "style=" not in page
    assert "<style" not in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    # What she did, in words: six runs at stages 1 to 6, each with pain of 3 that settled.
    assert f"Your next run is stage 7 of {len(STAGES)}. So far you have moved up 6 times." in page
    assert (
        "No symptoms or pain of 4 or more logged in the last 14 days. "
        "Your last session: effort 4/10, pain 3/10."
    ) in page


@pytest.mark.django_db
def test_before_anything_is_logged_the_page_says_the_charts_fill_in(runner_client: Client) -> None:
    response = runner_client.get("/progress/")
    page = text(response)
    assert response.status_code == 200
    assert "Your charts fill in as you log sessions." in page
    assert list(figures(page)) == ["minutes", "stage", "strength"]
    assert "This week (week 1) you have run 0 of the" in page


@pytest.mark.django_db
def test_the_progress_tab_is_in_the_tab_bar_and_marked_on_its_page(
    runner_client: Client,
) -> None:
    page = text(runner_client.get("/progress/"))
    tabs = re.search(r'<nav class="tabs".*?</nav>', page, re.S)
    assert tabs is not None
    assert tabs.group(0).count("<a ") == 5
    assert re.search(
        r'<a href="/progress/" aria-current="page">.*?Progress</a>', tabs.group(0), re.S
    )
    today_page = text(runner_client.get("/today/"))
    assert re.search(r'<a href="/progress/" >', today_page)


@pytest.mark.django_db
def test_another_runners_logs_never_show(other_runner: User) -> None:
    first = runner_who_logged(3, pelvic_floor_symptoms=["heaviness"], pain=5, rpe=7)
    own = text(client_for(first).get("/progress/"))
    assert "3 days with symptoms or pain of 4 or more" in own
    assert "heaviness, pain 5/10" in own
    log(other_runner, other_runner.programmes.get(), rpe=3, pain=1)
    theirs = text(client_for(other_runner).get("/progress/"))
    assert "you have logged 1 of" in theirs
    assert "No symptoms or pain of 4 or more logged in the last 14 days." in theirs
    assert "Your last session: effort 3/10, pain 1/10." in theirs
    assert "7/10" not in theirs
    assert "pain 5/10" not in theirs
    assert "heaviness," not in theirs


@pytest.mark.django_db
def test_a_visitor_is_sent_to_sign_in(client: Client) -> None:
    response = client.get("/progress/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/progress/"


@pytest.mark.django_db
def test_a_runner_without_a_programme_is_sent_to_the_intake() -> None:
    response = client_for(make_user("new@example.com")).get("/progress/")
    assert response.status_code == 302
    assert response.url == "/intake/"


def queries_for(sessions: int) -> int:
    client = client_for(runner_who_logged(sessions))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/progress/")
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.django_db
def test_the_page_makes_as_many_queries_after_thirty_sessions_as_after_one(
    django_assert_max_num_queries: Any,
) -> None:
    after_one = queries_for(1)
    after_thirty = queries_for(30)
    assert after_thirty == after_one
    # Her session, her user, her programme and her events.
    client = client_for(runner_who_logged(20, rpe=5))
    with django_assert_max_num_queries(4):
        assert client.get("/progress/").status_code == 200


@pytest.mark.django_db
def test_an_entry_logged_today_shows_in_this_weeks_summary(runner: User) -> None:
    log(runner, runner.programmes.get(), pain=2)
    page = text(client_for(runner).get("/progress/"))
    # Two runs a week, planned as the week began: stage 1 today and stage 2 later on.
    first = minutes(STAGES[0].running_seconds)
    planned = minutes(STAGES[0].running_seconds + STAGES[1].running_seconds)
    assert f"This week (week 1) you have run {first} of the {planned} minutes planned." in page
    assert "Your last session: effort 4/10, pain 2/10." in page
