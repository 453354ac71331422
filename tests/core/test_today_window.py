"""Today read from the stored window of her plan is Today read from the whole plan: the
session to log (as planned, or the next one early), the next one, what she logged that day,
her standing and the recent decisions; after the window has been through JSON, as it is
stored."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from strideback.core.programme import PlanInputs, logged_on, next_session, session_to_log
from strideback.core.programme.model import Plan
from strideback.core.programme.today import plan_as_of, today_window
from tests.core.test_referral_properties import JOURNEY_SETTINGS, Journey, journeys
from tests.core.test_safety_properties import CATALOG, TODAY


@JOURNEY_SETTINGS
@given(journeys(), st.integers(0, 100), st.integers(0, 20))
def test_today_from_the_window_is_today_from_the_whole_plan(
    journey: Journey, days_on: int, look_back: int
) -> None:
    today = TODAY + timedelta(days=days_on)
    since = today - timedelta(days=look_back)
    inputs = PlanInputs(intake=journey.intake, catalog=CATALOG, start=TODAY)
    whole = plan_as_of(inputs, journey.events, today)
    stored = today_window(whole, today, since).model_dump(mode="json")
    window = Plan.model_validate(stored)

    for early in (False, True):
        assert session_to_log(window, today, early) == session_to_log(whole, today, early)
    assert next_session(window, today) == next_session(whole, today)
    assert logged_on(window, today) == logged_on(whole, today)
    assert window.decisions == [d for d in whole.decisions if d.date >= since]
    standing = ("verdict", "referral", "pause", "limits", "hold", "status", "phase", "notes")
    for field in standing:
        assert getattr(window, field) == getattr(whole, field), field
    assert len(window.sessions) <= 3  # far less to keep than the whole programme
