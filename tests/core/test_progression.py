"""Progression: one change at a time, within 10% a week, her goal and her past, and what
slows her; each change says why."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from strideback.core.catalog import Catalog
from strideback.core.intake import Intake
from strideback.core.programme import Event, Plan, plan_for
from strideback.core.programme.model import Course, Run
from strideback.core.programme.prescription import run_session, weekly_room
from strideback.core.programme.schedule import initial_course
from strideback.core.readiness import assess
from strideback.core.rules import BACKGROUND_START_STAGE, GOAL_LONG_RUN_MINUTES
from tests.conftest import TODAY, all_passed, make_intake
from tests.core.test_adaptation import day, event, plan_after, run_log


def runner(**fields: Any) -> Intake:
    return make_intake(14, tests=all_passed(), **{"days_per_week": 3, **fields})


def runs(plan: Plan) -> list[Any]:
    return [s for s in plan.sessions if s.kind in ("walk_run", "run")]


def rules_of(plan: Plan) -> set[str]:
    return {note.rule for note in plan.notes}


def following_the_plan(intake: Intake, catalog: Catalog, until: int) -> tuple[Plan, list[Event]]:
    """Log every run as planned (green) for ``until`` days."""
    events: list[Event] = []
    plan = plan_after(intake, catalog, events)
    while True:
        upcoming = [s for s in runs(plan) if s.log is None and s.date <= day(until)]
        if not upcoming:
            return plan, events
        events.append(run_log((upcoming[0].date - TODAY).days, kind=upcoming[0].kind))
        plan = plan_after(intake, catalog, events)


# ---------------------------------------------------------------------------------------
# Her past: where she starts and how fast she climbs.


def test_a_regular_runner_starts_a_few_stages_up(catalog: Catalog) -> None:
    plan = plan_for(runner(running_background="regular"), catalog)
    assert runs(plan)[0].stage == BACKGROUND_START_STAGE["regular"] + 1
    assert "running_background" in rules_of(plan)
    occasional = plan_for(runner(running_background="occasional"), catalog)
    assert runs(occasional)[0].stage == 1


def test_a_new_runner_needs_two_good_runs_before_a_step_that_adds_running(
    catalog: Catalog,
) -> None:
    intake = runner(running_background="new_to_running")
    plan = plan_after(intake, catalog, [run_log(0)])
    assert plan.decisions[-1].decision == "repeat"
    assert "two good runs" in plan.decisions[-1].reasons[-1].message
    assert runs(plan)[1].stage == 1
    plan = plan_after(intake, catalog, [run_log(0), run_log(2)])
    assert plan.decisions[-1].decision == "progress"
    assert [s.stage for s in runs(plan)[:3]] == [1, 1, 2]


def test_her_history_never_lets_her_run_before_the_tests_pass(catalog: Catalog) -> None:
    plan = plan_for(make_intake(14, running_background="competitive"), catalog)
    assert plan.verdict.status == "not_yet"
    assert all(s.provisional for s in runs(plan))


# ---------------------------------------------------------------------------------------
# What slows her, never speeds her.


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"sleep_hours": 5}, "you sleep under 7 hours a night"),
        ({"low_energy": True}, "your energy is low"),
        ({"fear_of_movement": True}, "you feel wary of running or jumping"),
    ],
)
def test_sleep_energy_and_fear_of_movement_only_slow_the_plan_and_say_how(
    catalog: Catalog, fields: dict[str, Any], words: str
) -> None:
    plain = plan_for(runner(), catalog)
    slowed = plan_for(runner(**fields), catalog)
    assert plain.expected_30_min is not None
    assert slowed.expected_30_min is None or slowed.expected_30_min > plain.expected_30_min
    note = next(n for n in slowed.notes if n.rule == "slower_steps")
    assert words in note.message
    assert "2 good runs" in note.message


def test_low_energy_also_slows_the_weekly_rise(catalog: Catalog) -> None:
    note = next(n for n in plan_for(runner(low_energy=True), catalog).notes if "5%" in n.message)
    assert note.rule == "slower_steps"


def test_breastfeeding_alone_does_not_change_the_pace(catalog: Catalog) -> None:
    assert (
        plan_for(runner(breastfeeding=True), catalog).expected_30_min
        == plan_for(runner(), catalog).expected_30_min
    )


def test_leaking_when_running_before_adds_a_caution(catalog: Catalog) -> None:
    plan = plan_for(runner(leaked_running_before=True), catalog)
    note = next(n for n in plan.notes if n.rule == "leaked_before")
    assert "pelvic health physiotherapist" in note.message
    assert note.source == "moore2021"


# ---------------------------------------------------------------------------------------
# Within 10% a week.


def course_with(catalog: Catalog, runs_before: list[tuple[int, int]], **fields: Any) -> Course:
    """A walk-run course with runs of ``seconds`` the given number of days before TODAY."""
    intake = runner(**fields)
    course = initial_course(intake, assess(intake), catalog, TODAY - timedelta(days=40))
    done = tuple(Run(TODAY - timedelta(days=ago), s, s, 1) for ago, s in runs_before)
    return replace(course, runs=done)


def test_the_first_fortnight_sets_the_baseline(catalog: Catalog) -> None:
    assert weekly_room(course_with(catalog, [(8, 600), (10, 600)]), TODAY) is None


def test_a_week_may_rise_by_ten_percent_or_a_minute(catalog: Catalog) -> None:
    assert weekly_room(course_with(catalog, [(8, 1000), (15, 1000)]), TODAY) == (1100, 1100)
    assert weekly_room(course_with(catalog, [(8, 300), (15, 300)]), TODAY) == (360, 360)
    # Runs already in this week use up the room.
    assert weekly_room(course_with(catalog, [(2, 500), (8, 1000), (15, 900)]), TODAY) == (
        600,
        600,
    )


def test_after_a_step_back_she_may_go_back_to_her_best_week(catalog: Catalog) -> None:
    course = course_with(catalog, [(8, 400), (15, 1500), (22, 1400)])
    assert weekly_room(course, TODAY) == (1500, 1500)
    # Not to a week with a red session in it.
    red = replace(course, reds=((TODAY - timedelta(days=15), 0),))
    assert weekly_room(red, TODAY) == (1400, 1400)


def test_running_more_than_planned_warns_and_never_speeds_her_up(catalog: Catalog) -> None:
    more = plan_after(runner(), catalog, [run_log(0, ran_minutes=25)])
    warning = more.decisions[-1].reasons[-1]
    assert warning.rule == "ran_more_than_planned"
    assert "25 minutes" in warning.message
    as_planned = plan_after(runner(), catalog, [run_log(0)])
    assert runs(more)[1:] == runs(as_planned)[1:]


def test_a_plan_takes_as_long_as_the_weekly_limit_needs(catalog: Catalog) -> None:
    plan = plan_for(runner(), catalog)
    eased = [s for s in runs(plan) if any(n.rule == "weekly_rise" for n in s.notes)]
    assert eased, "the weekly limit eases some runs below her stage"
    assert plan.expected_30_min is not None
    assert plan.expected_30_min - TODAY > timedelta(weeks=8)


# ---------------------------------------------------------------------------------------
# Her goal.


def test_after_thirty_minutes_the_plan_goes_on_towards_her_goal(catalog: Catalog) -> None:
    plan = plan_for(runner(goal="5k"), catalog)
    titles = [s.title for s in runs(plan)]
    assert "Easy run 30 min" in titles
    longest = GOAL_LONG_RUN_MINUTES["5k"]
    assert titles[-1] == f"Long run {longest} min"
    assert {s.kind for s in runs(plan) if "min" in s.title and "stage" not in s.title} == {"run"}
    assert plan.expected_30_min is not None
    assert plan.expected_goal is not None
    assert plan.expected_goal > plan.expected_30_min
    assert "goal_phase" in rules_of(plan)


def test_long_runs_check_in_on_her_symptoms_every_few_weeks(catalog: Catalog) -> None:
    plan = plan_for(runner(goal="half_marathon"), catalog)
    check_ins = [s for s in runs(plan) if any(n.rule == "goal_checkin" for n in s.notes)]
    assert check_ins
    assert all(s.title.startswith("Long run") for s in check_ins)


def test_running_again_ends_at_thirty_minutes(catalog: Catalog) -> None:
    plan = plan_for(runner(goal="run_again"), catalog)
    assert runs(plan)[-1].running_seconds == 30 * 60
    assert plan.expected_goal == plan.expected_30_min


def test_reaching_her_goal_says_what_to_do_next(catalog: Catalog) -> None:
    plan, _ = following_the_plan(runner(goal="5k"), catalog, until=400)
    assert plan.verdict.status == "complete"
    finished = plan.decisions[-1]
    assert finished.decision == "complete"
    assert finished.reasons[-1].message.startswith("What next:")
    assert "5 km" in finished.reasons[-1].message


def test_a_goal_date_too_soon_is_said_with_the_date_she_can_make(catalog: Catalog) -> None:
    soon = plan_for(runner(goal="10k", goal_date=day(42).isoformat()), catalog)
    note = next(n for n in soon.notes if n.rule == "goal_date")
    assert "safe pace" in note.message
    later = plan_for(runner(goal="10k", goal_date=date(2028, 1, 1).isoformat()), catalog)
    assert "goal_date" not in rules_of(later)


# ---------------------------------------------------------------------------------------
# The next-day check.


def test_pain_with_the_next_day_check_unanswered_holds_the_stage(catalog: Catalog) -> None:
    plan = plan_after(runner(), catalog, [run_log(0, pain=2)])
    decision = plan.decisions[-1]
    assert decision.decision == "repeat"
    assert decision.reasons[0].rule == "next_day_unanswered"
    assert runs(plan)[1].stage == 1
    answered = plan_after(runner(), catalog, [run_log(0, pain=2, pain_settled=True)])
    assert answered.decisions[-1].decision == "progress"


def test_a_goal_beyond_what_the_plan_shows_is_said_plainly(catalog: Catalog) -> None:
    slow = runner(
        goal="marathon",
        goal_date=day(100).isoformat(),
        running_background="new_to_running",
        low_energy=True,
        days_per_week=2,
    )
    plan = plan_for(slow, catalog)
    assert plan.expected_goal is None
    note = next(n for n in plan.notes if n.rule == "goal_date")
    assert "later than your plan can show yet" in note.message


def test_a_week_already_full_makes_a_run_day_a_gentle_day(catalog: Catalog) -> None:
    course = course_with(catalog, [(2, 500), (8, 300), (15, 300)])
    session = run_session(course, TODAY)
    assert session.kind == "mobility"
    assert session.running_seconds == 0
    assert session.notes[0].rule == "weekly_rise"


def test_an_easy_run_that_was_hard_holds_the_long_run(catalog: Catalog) -> None:
    intake = runner(goal="5k")
    thirty = plan_for(intake, catalog).expected_30_min
    assert thirty is not None
    plan, events = following_the_plan(intake, catalog, until=(thirty - TODAY).days + 3)
    easy = next(s for s in runs(plan) if s.log is None and s.title.startswith("Easy"))
    # Every run before it done as planned, so the easy run is the next one due.
    plan, events = following_the_plan(intake, catalog, until=(easy.date - TODAY).days - 1)
    easy = next(s for s in runs(plan) if s.log is None)
    assert easy.title.startswith("Easy")
    hard = run_log((easy.date - TODAY).days, kind="run", rpe=9)
    decision = plan_after(intake, catalog, [*events, hard]).decisions[-1]
    assert decision.decision == "repeat"
    assert decision.headline.startswith("Next long run stays at")


def test_a_regular_runner_referred_before_her_first_run_gets_no_head_start_after_clearance(
    catalog: Catalog,
) -> None:
    # Leaking on the first walk-run (skipped), then a physio's clearance: the referral is
    # lifted, but her running history no longer starts her a few stages up.
    intake = runner(running_background="regular")
    leak = run_log(0, completed="skipped", pelvic_floor_symptoms=["leaking"])
    cleared = event("clearance", 3, by="Sam Physio")
    plan = plan_after(intake, catalog, [leak, cleared])
    assert plan.verdict.status != "refer"
    assert next(s for s in plan.sessions if s.log is None and s.stage).stage == 1
