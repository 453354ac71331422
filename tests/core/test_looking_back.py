"""The plan each week held as it stood on its first day, read from one pass over the events,
is exactly what a replay of that week's earlier events gives (Progress's "planned")."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given

from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS, parse_intake
from strideback.core.programme import Event, PlanInputs, event_from, replay
from strideback.core.programme.looking_back import replay_looking_back
from strideback.core.programme.model import Session
from tests.core.test_referral_properties import JOURNEY_SETTINGS, Journey, journeys
from tests.core.test_safety_properties import CATALOG, TODAY


def held_by_a_replay(inputs: PlanInputs, events: list[Event], day: date) -> list[Session]:
    earlier = [event for event in events if event.date < day]
    return replay(inputs, earlier, as_of=day, until=day + timedelta(days=6)).sessions


def one_pass(
    inputs: PlanInputs, events: list[Event], days: list[date], today: date
) -> list[list[Session]]:
    """Each day's sessions from the one fold; its plan at the end is the whole replay's."""
    looks = [(day, day + timedelta(days=6)) for day in days]
    plan, held = replay_looking_back(inputs, events, looks, as_of=today)
    assert plan == replay(inputs, events, as_of=today)
    return held


def week_starts(events: list[Event]) -> list[date]:
    end = max((event.date for event in events), default=TODAY) + timedelta(days=14)
    return [TODAY + timedelta(weeks=n) for n in range((end - TODAY).days // 7 + 1)]


@JOURNEY_SETTINGS
@given(journeys())
def test_one_pass_holds_what_a_replay_per_week_holds(journey: Journey) -> None:
    inputs = PlanInputs(intake=journey.intake, catalog=CATALOG, start=TODAY)
    days = week_starts(journey.events)
    held = one_pass(inputs, journey.events, days, days[-1])
    assert held == [held_by_a_replay(inputs, journey.events, day) for day in days]


def test_an_edit_dated_after_its_entry_is_read_as_a_replay_reads_it() -> None:
    """The edit takes the entry out of the whole replay's first week but not out of the
    replay of the events before week 2 (which does not hold the edit): that week is
    replayed on its own, and every week still agrees with a replay of its own."""
    intake = parse_intake(
        {
            "birth_date": (TODAY - timedelta(weeks=14)).isoformat(),
            "assessed_on": TODAY.isoformat(),
            "tests": {
                "load_impact": dict.fromkeys(LOAD_IMPACT_TESTS, "pass"),
                "strength": dict.fromkeys(STRENGTH_TESTS, 20),
            },
        },
        "test",
        TODAY,
    )
    inputs = PlanInputs(intake=intake, catalog=CATALOG, start=TODAY)
    first = next(s for s in replay(inputs, []).sessions if s.kind == "walk_run")
    log = {"type": "session", "kind": "walk_run", "completed": "all", "rpe": 9, "pain": 5}
    later = (first.date + timedelta(days=8)).isoformat()
    events = [
        event_from({**log, "id": "a", "date": first.date.isoformat()}, "test"),
        event_from({**log, "id": "b", "replaces": "a", "date": later, "rpe": 4, "pain": 0}, "test"),
    ]
    days = week_starts(events)
    assert one_pass(inputs, events, days, days[-1]) == [
        held_by_a_replay(inputs, events, day) for day in days
    ]
