"""Today reads her plan's share for the day from the projection stored with each entry, and
shows exactly what a replay shows: after an entry, on the next day (the projection is made
afresh for it), and after a new release (made afresh too)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core.programme import logged_on, next_session, session_to_log
from strideback.programmes import services
from strideback.programmes.lookups import events_for
from strideback.programmes.models import ProgrammeSummary
from strideback.tracking import services as tracking
from tests.web.conftest import log, today
from tests.web.pages import visible


def page_of(user: User, day: Any) -> tracking.TodayPage:
    programme = user.programmes.get()
    return tracking.today_page(programme, day, timezone.now(), early=False, logged=None)


def shown(page: tracking.TodayPage) -> tuple[Any, ...]:
    return (page.session, page.upcoming, page.done, page.plan.verdict)


def stored_day(user: User) -> Any:
    return ProgrammeSummary.objects.get(programme=user.programmes.get()).computed_on


def without_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_today_after_an_entry_reads_the_stored_window_and_shows_what_a_replay_shows(
    runner: User, runner_client: Client
) -> None:
    log(runner, runner.programmes.get(), pain=6)  # amber: the plan changes
    from_store = visible(runner_client.get("/today/"))
    # The same page with nothing stored to read: replayed (and stored again).
    ProgrammeSummary.objects.filter(programme=runner.programmes.get()).update(today=None)
    from_replay = visible(runner_client.get("/today/"))
    assert without_token(from_store) == without_token(from_replay)
    assert "Logged today" in from_store


def test_on_a_new_day_today_is_replayed_once_then_read_from_the_store(runner: User) -> None:
    programme = runner.programmes.get()
    log(runner, programme)
    assert stored_day(runner) == today()
    for days_on in (1, 2, 5, 9):
        day = today() + timedelta(days=days_on)
        first = page_of(runner, day)  # replayed, and the projection made for that day
        assert stored_day(runner) == day
        again = page_of(runner, day)  # read from the projection
        plan = services.plan_for(programme, events_for(programme), day)
        expected = (
            session_to_log(plan, day, False),
            next_session(plan, day),
            logged_on(plan, day),
            plan.verdict,
        )
        assert shown(first) == shown(again) == expected


def test_a_window_made_by_another_release_is_not_read(runner: User) -> None:
    programme = runner.programmes.get()
    log(runner, programme)
    row = ProgrammeSummary.objects.get(programme=programme)
    # A window made by an older engine or catalog, that would show a different verdict.
    old = {**row.today, "made_with": "an older release"}
    old["plan"] = {**old["plan"], "verdict": {**old["plan"]["verdict"], "headline": "Old words"}}
    ProgrammeSummary.objects.filter(pk=row.pk).update(today=old)
    page = page_of(runner, today())
    assert page.plan.verdict.headline != "Old words"
    assert (
        ProgrammeSummary.objects.get(pk=row.pk).today["made_with"].startswith(services.made_with())
    )


def test_an_entry_dated_ahead_keeps_its_days_projection(runner: User) -> None:
    """A projection made for a later day (an entry dated ahead) is not moved back by a look
    at Today: the caseload reads that day's, and Today is replayed meanwhile."""
    programme = runner.programmes.get()
    log(runner, programme)
    later = today() + timedelta(days=3)
    ProgrammeSummary.objects.filter(programme=programme).update(computed_on=later)
    page = page_of(runner, today())
    plan = services.plan_for(programme, events_for(programme), today())
    assert page.session == session_to_log(plan, today(), False)
    assert stored_day(runner) == later
