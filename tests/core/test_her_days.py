"""Her days: every session falls on a day she can train, runs never on consecutive days,
strength on a day without a run where her days allow; moving and skipping a session, and
undoing either."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strideback.core.catalog import load_catalog
from strideback.core.errors import InputError
from strideback.core.intake import WEEKDAYS
from strideback.core.programme import (
    Plan,
    PlanInputs,
    Session,
    event_from,
    move_choices,
    move_refusal,
    replay,
)
from strideback.core.rules import MAX_RUNS_PER_WEEK
from tests.conftest import TODAY, all_passed, make_intake

CATALOG = load_catalog()
RUNS = ("walk_run", "run")


def runs(plan: Plan) -> list[Session]:
    return [s for s in plan.sessions if s.kind in RUNS]


def plan_with(events: list[dict[str, Any]] | None = None, **fields: Any) -> Plan:
    intake = make_intake(14, **{"tests": all_passed(), **fields})
    inputs = PlanInputs(intake=intake, catalog=CATALOG, start=TODAY)
    parsed = [event_from(e, "test") for e in events or []]
    return replay(inputs, parsed, as_of=TODAY)


def weekday(name: str) -> int:
    return WEEKDAYS.index(name)


@settings(max_examples=150, deadline=None)
@given(
    days=st.sets(st.sampled_from(WEEKDAYS), min_size=1),
    weeks=st.integers(min_value=6, max_value=40),
    ready=st.booleans(),
)
def test_every_session_falls_on_her_days_and_runs_are_never_on_consecutive_days(
    days: set[str], weeks: int, ready: bool
) -> None:
    fields: dict[str, Any] = {"training_days": sorted(days)}
    if ready:
        fields["tests"] = all_passed()
    intake = make_intake(weeks, **fields)
    plan = replay(PlanInputs(intake=intake, catalog=CATALOG, start=TODAY), [], as_of=TODAY)
    allowed = {weekday(d) for d in days}
    assert plan.sessions
    assert all(s.date.weekday() in allowed for s in plan.sessions)
    run_dates = [s.date for s in runs(plan)]
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(run_dates))
    for first in run_dates[:1]:
        week = [d for d in run_dates if (d - first).days < 7]
        assert len(week) <= MAX_RUNS_PER_WEEK
    strength = [s for s in plan.sessions if s.kind == "strength"]
    on_run_days = [s for s in strength if s.date in set(run_dates)]
    if len(days) > len({d.weekday() for d in run_dates}):
        assert not on_run_days  # a day without a run is there: strength goes on it
    for session in on_run_days:
        assert "after" in session.summary
        assert any(n.rule == "strength_without_run" for n in session.notes)


def test_three_days_give_two_runs_and_a_strength_day_between() -> None:
    plan = plan_with(training_days=["mon", "wed", "fri"])
    first_week = [s for s in plan.sessions if (s.date - TODAY).days < 7]
    by_day = {s.date.strftime("%a").lower(): s.kind for s in first_week}
    assert by_day == {"mon": "walk_run", "wed": "strength", "fri": "walk_run"}


def test_days_per_week_means_any_days_spread_out_from_the_first() -> None:
    plan = plan_with(days_per_week=2)
    dates = sorted({s.date for s in plan.sessions})
    assert dates[0] == TODAY
    assert {d.weekday() for d in dates} == {TODAY.weekday(), (TODAY.weekday() + 3) % 7}


def test_days_that_disagree_are_an_error_naming_both() -> None:
    with pytest.raises(InputError) as error:
        make_intake(14, training_days=["mon", "thu"], days_per_week=3)
    message = error.value.describe()
    assert "training_days" in message
    assert "days_per_week" in message


def test_a_day_that_is_not_a_weekday_is_refused_with_the_days_allowed() -> None:
    with pytest.raises(InputError) as error:
        make_intake(14, training_days=["monday"])
    assert "'mon'" in error.value.describe()
    assert "'sun'" in error.value.describe()


def first_run_on(plan: Plan, after: date) -> Session:
    return next(s for s in runs(plan) if s.date >= after)


def test_a_moved_run_goes_to_the_new_day_and_leaves_the_old_one() -> None:
    base = plan_with(training_days=["mon", "wed", "fri"])
    run = first_run_on(base, TODAY + timedelta(days=1))
    to = run.date + timedelta(days=1)
    plan = plan_with(
        [
            {
                "type": "move",
                "id": "m1",
                "date": TODAY.isoformat(),
                "kind": run.kind,
                "from_day": run.date.isoformat(),
                "to": to.isoformat(),
            }
        ],
        training_days=["mon", "wed", "fri"],
    )
    assert not [s for s in runs(plan) if s.date == run.date]
    moved = [s for s in runs(plan) if s.date == to]
    assert moved
    assert moved[0].stage == run.stage
    dates = [s.date for s in runs(plan)]
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(dates))


def test_an_undone_move_puts_the_session_back() -> None:
    base = plan_with(training_days=["mon", "wed", "fri"])
    run = first_run_on(base, TODAY + timedelta(days=1))
    move = {
        "type": "move",
        "id": "m1",
        "date": TODAY.isoformat(),
        "kind": run.kind,
        "from_day": run.date.isoformat(),
        "to": (run.date + timedelta(days=1)).isoformat(),
    }
    undone = {**move, "id": "m2", "replaces": "m1", "undone": True}
    plan = plan_with([move, undone], training_days=["mon", "wed", "fri"])
    assert [s.date for s in runs(plan)] == [s.date for s in runs(base)]


def test_a_skip_with_a_reason_keeps_the_stage_and_undoing_it_makes_the_session_due() -> None:
    skip = {
        "type": "skip",
        "id": "s1",
        "date": TODAY.isoformat(),
        "kind": "walk_run",
        "reason": "baby",
    }
    plan = plan_with([skip], days_per_week=3)
    skipped = plan.sessions[0]
    assert skipped.log is not None
    assert skipped.log.completed == "skipped"
    assert skipped.log.note == "The baby needed me"
    assert plan.decisions[-1].decision == "repeat"
    assert runs(plan)[1].stage == 1
    undone = plan_with([skip, {**skip, "id": "s2", "replaces": "s1", "undone": True}])
    assert undone.sessions[0].date == TODAY
    assert undone.sessions[0].log is None


def test_a_move_to_the_same_day_is_refused() -> None:
    with pytest.raises(InputError) as error:
        event_from(
            {
                "type": "move",
                "date": TODAY.isoformat(),
                "kind": "strength",
                "from_day": TODAY.isoformat(),
                "to": TODAY.isoformat(),
            },
            "your move",
        )
    assert "already on" in error.value.describe()


def inputs_with(**fields: Any) -> PlanInputs:
    intake = make_intake(14, **{"tests": all_passed(), **fields})
    return PlanInputs(intake=intake, catalog=CATALOG, start=TODAY)


def test_moving_a_run_next_to_another_run_is_refused_saying_why() -> None:
    inputs = inputs_with(training_days=["mon", "wed", "fri"])
    plan = replay(inputs, [], as_of=TODAY)
    first, second = runs(plan)[:2]
    choices = {c.day: c.refusal for c in move_choices(inputs, [], TODAY, first.date, first.kind)}
    # Monday's and Friday's runs, strength on Wednesday (TODAY is a Saturday).
    assert (first.date.strftime("%a"), second.date.strftime("%a")) == ("Mon", "Fri")
    refusal = choices[second.date - timedelta(days=1)]  # Thursday: the day before Friday's run
    assert refusal is not None
    assert "runs need a day without running between them" in refusal
    assert choices[first.date + timedelta(days=1)] is None  # Tuesday
    assert choices[first.date + timedelta(days=2)] is None  # Wednesday, beside the strength
    assert move_refusal(inputs, [], TODAY, first.date, first.kind, TODAY - timedelta(days=1))


def test_a_day_that_has_passed_or_a_session_already_done_cannot_be_moved() -> None:
    inputs = inputs_with(days_per_week=3)
    log = event_from(
        {"type": "session", "date": TODAY.isoformat(), "kind": "walk_run", "completed": "all"},
        "test",
    )
    refusal = move_refusal(inputs, [log], TODAY, TODAY, "walk_run", TODAY + timedelta(days=1))
    assert refusal is not None
    assert "no session left" in refusal
    choices = move_choices(inputs, [], TODAY + timedelta(days=2), TODAY, "walk_run")
    assert all(c.day >= TODAY + timedelta(days=2) for c in choices)


def test_a_leak_logged_late_for_a_day_before_a_clearance_still_refers() -> None:
    # Leaking on day 0 is logged at once; a physio clears her on day 3; then she logs, late,
    # a run on day 2 with leaking that she had forgotten. The clearance came before that
    # entry was recorded, so it cannot have covered it: she is referred again.
    def on(days: int) -> str:
        return (TODAY + timedelta(days=days)).isoformat()

    events = [
        {"type": "session", "date": on(0), "kind": "walk_run", "completed": "all",
         "pelvic_floor_symptoms": ["leaking"]},
        {"type": "clearance", "date": on(3), "by": "Sam Physio"},
        {"type": "session", "date": on(2), "kind": "strength", "completed": "all",
         "pelvic_floor_symptoms": ["heaviness"]},
    ]  # fmt: skip
    cleared = plan_with(events[:2], days_per_week=3)
    assert cleared.verdict.status != "refer"
    late = plan_with(events, days_per_week=3)
    assert late.verdict.status == "refer"
    assert late.referral is not None
    assert late.referral.since == TODAY + timedelta(days=2)
