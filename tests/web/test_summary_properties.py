"""The caseload's summary of a programme, and Today's share of her plan stored beside it, are
always what a fresh replay says: after any sequence of logs, edits, re-tests, pauses and
resumptions recorded through the services, the stored summary equals the summary of the
programme replayed from scratch, and the stored window the window of the replayed plan."""

from __future__ import annotations

import contextlib
import uuid
from datetime import timedelta
from typing import Any

from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strideback.core import InputError
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS
from strideback.core.programme.today import today_window
from strideback.programmes import services
from strideback.programmes.models import Event, ProgrammeSummary
from strideback.programmes.signals import event_recorded
from strideback.tracking import services as tracking
from tests.web.conftest import answers, make_user, today

STARTED_DAYS_AGO = 12

logs = st.fixed_dictionaries(
    {
        "completed": st.sampled_from(["all", "all", "part", "skipped"]),
        "rpe": st.integers(1, 10),
        "pain": st.sampled_from([0, 0, 2, 4, 6]),
        "pelvic_floor_symptoms": st.sampled_from([[], [], [], ["leaking"], ["heaviness"]]),
        "ran_minutes": st.sampled_from([None, None, 5, 40]),
    }
)
steps = st.one_of(
    st.tuples(
        st.just("log"),
        st.integers(0, STARTED_DAYS_AGO),
        st.sampled_from(["walk_run", "run", "strength"]),
        logs,
    ),
    st.tuples(st.just("edit"), st.sampled_from([0, 3, 7]), st.booleans()),
    st.tuples(st.just("retest"), st.booleans(), st.booleans()),
    st.tuples(st.just("pause")),
    st.tuples(st.just("resume")),
)


def take(step: tuple[Any, ...], user: Any, programme: Any) -> None:
    now, day = timezone.now(), today()
    match step:
        case ("log", back, kind, log):
            on = day - timedelta(days=back)
            tracking.log_session(user, programme, kind, log, day, now, day=on)
        case ("edit", pain, settled):
            newest = Event.objects.filter(programme=programme, type="session").last()
            if newest is not None:
                change = {"pain": pain, "pain_settled": settled if pain else None}
                tracking.edit_event(user, newest, change, programme, now)
        case ("retest", passed, leaking):
            tests = {
                "load_impact": dict.fromkeys(LOAD_IMPACT_TESTS, "pass" if passed else "fail"),
                "strength": dict.fromkeys(STRENGTH_TESTS, 20),
            }
            result = {"tests": tests, "symptoms": ["urinary_leakage"] if leaking else []}
            tracking.record_retest(user, programme, result, day, now)
        case ("pause",):
            tracking.pause_plan(user, programme, "a cold", day, now)
        case ("resume",):
            tracking.resume_plan(user, programme, day, now)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(journey=st.lists(steps, max_size=10), weeks=st.sampled_from([8, 14, 30]))
def test_the_stored_summary_is_always_a_fresh_replays(
    journey: list[tuple[Any, ...]], weeks: int, db: None, django_capture_on_commit_callbacks: Any
) -> None:
    user = make_user(f"summary-{uuid.uuid4().hex[:10]}@example.com")
    begun = today() - timedelta(days=STARTED_DAYS_AGO)
    programme = services.start_programme(user, answers(weeks), begun, timezone.now())
    heard: list[Any] = []

    def listen(**kwargs: Any) -> None:
        heard.append(kwargs["event"])

    event_recorded.connect(listen, sender=services.Programme, weak=False)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            for step in journey:
                # A step may be refused in words (a day with nothing to log, already paused).
                with contextlib.suppress(InputError):
                    take(step, user, programme)
    finally:
        event_recorded.disconnect(listen, sender=services.Programme)

    stored = ProgrammeSummary.objects.get(programme=programme)
    fresh = services.summary_as_of(programme, stored.computed_on)
    assert services.summary_of(stored) == fresh
    # Today's share of the plan, stored beside it, is the fresh replay's too.
    day = stored.computed_on
    plan = services.plan_for(programme, Event.objects.filter(programme=programme), day)
    since = day - timedelta(days=services.TODAY_LOOKS_BACK_DAYS)
    assert stored.today == {
        "made_with": services._made_with(programme),
        "plan": today_window(plan, day, since).model_dump(mode="json"),
    }
    assert {e.pk for e in heard} == set(
        Event.objects.filter(programme=programme).values_list("pk", flat=True)
    )
