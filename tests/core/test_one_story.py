"""Her programme is one story: new answers, clearances, pauses and edits carry it on, and a
referral stands until a clearance recorded after every red flag behind it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from strideback.core.catalog import Catalog
from strideback.core.intake import Intake
from strideback.core.programme import Event, Plan, Session, event_from
from tests.conftest import TODAY, all_passed, intake_data, make_intake
from tests.core.test_adaptation import day, event, future_runs, plan_after, run_log


def answers(offset: int, weeks: float = 14, **fields: Any) -> Event:
    """The questions answered again ``offset`` days into the programme."""
    data = intake_data(weeks, **fields)
    data["assessed_on"] = day(offset).isoformat()
    return event_from({"type": "answers", "date": day(offset).isoformat(), "intake": data}, "t")


def upcoming(plan: Plan) -> list[Session]:
    return [s for s in plan.sessions if s.log is None]


# --- New answers -------------------------------------------------------------------------


def test_unticking_the_symptom_records_it_but_the_referral_stands(
    catalog: Catalog, referred_runner: Intake
) -> None:
    plan = plan_after(referred_runner, catalog, [answers(3, 16, tests=all_passed())])
    assert plan.status == "refer"
    assert plan.verdict.status == "refer"
    assert plan.decisions[-1].decision == "new_answers"
    assert plan.decisions[-1].reasons[0].rule == "referral_stands"
    assert plan.referral is not None
    assert plan.referral.since == TODAY
    assert "Answering the questions again" in (plan.verdict.changes_when or "")
    assert not future_runs(plan)


def test_a_symptom_in_new_answers_stops_running(catalog: Catalog, ready_runner: Intake) -> None:
    events = [run_log(0), answers(1, symptoms=["urinary_leakage"], tests=all_passed())]
    plan = plan_after(ready_runner, catalog, events)
    assert plan.decisions[-1].decision == "pause_and_refer"
    assert plan.decisions[-1].reasons[0].rule == "pelvic_floor_sign"
    assert not future_runs(plan)


def test_new_answers_that_pass_every_test_start_running(catalog: Catalog) -> None:
    plan = plan_after(make_intake(14), catalog, [answers(2, 14, tests=all_passed())])
    assert plan.decisions[-1].decision == "start_running"
    assert future_runs(plan)
    assert not any(s.provisional for s in future_runs(plan))


def test_new_answers_keep_what_was_logged_and_change_the_days(
    catalog: Catalog, ready_runner: Intake
) -> None:
    events = [run_log(0), run_log(2), answers(3, tests=all_passed(), days_per_week=2)]
    plan = plan_after(ready_runner, catalog, events)
    assert len([s for s in plan.sessions if s.log]) == 2
    runs = future_runs(plan)
    assert runs[0].stage == 3
    in_a_week = [r for r in runs if r.date < runs[0].date + timedelta(days=7)]
    assert len(in_a_week) == 2


def test_a_test_left_untried_in_new_answers_keeps_the_retest_result(catalog: Catalog) -> None:
    intake = make_intake(14)
    plan = plan_after(intake, catalog, [event("retest", 0, tests=all_passed()), answers(3, 14)])
    assert plan.status == "ready"
    assert future_runs(plan)


# --- Clearance ---------------------------------------------------------------------------


def test_a_clearance_lifts_only_the_red_flags_recorded_before_it(
    catalog: Catalog, ready_runner: Intake
) -> None:
    leak = run_log(4, pelvic_floor_symptoms=["leaking"])
    cleared = event("clearance", 6, by="Sam Physio")
    assert plan_after(ready_runner, catalog, [leak, cleared]).status == "ready"
    # A leak recorded after the clearance, though dated before it, refers again.
    late = run_log(5, pelvic_floor_symptoms=["heaviness"])
    plan = plan_after(ready_runner, catalog, [leak, cleared, late])
    assert plan.status == "refer"
    assert plan.referral is not None
    assert plan.referral.since == day(5)
    assert plan.decisions[-1].decision == "clearance"
    assert "logged after this assessment" in plan.decisions[-1].headline
    assert not future_runs(plan)


def test_on_one_day_events_count_in_the_order_they_were_recorded(
    catalog: Catalog, ready_runner: Intake
) -> None:
    cleared = event("clearance", 3, by="Sam Physio")
    leak = run_log(3, pelvic_floor_symptoms=["leaking"])
    assert plan_after(ready_runner, catalog, [cleared, leak]).status == "refer"
    assert plan_after(ready_runner, catalog, [leak, cleared]).status == "ready"


def test_a_clearance_does_not_end_a_pause(catalog: Catalog, ready_runner: Intake) -> None:
    events = [
        run_log(0, pelvic_floor_symptoms=["leaking"]),
        event("pause", 1, reason="holiday"),
        event("clearance", 3, by="Sam Physio"),
    ]
    plan = plan_after(ready_runner, catalog, events)
    assert plan.referral is None
    assert plan.phase == "paused"
    assert plan.verdict.status == "paused"
    assert not upcoming(plan)
    assert "still paused" in plan.decisions[-1].headline


def test_a_red_session_logged_during_a_pause_counts(catalog: Catalog, ready_runner: Intake) -> None:
    events = [
        run_log(0),
        event("pause", 1),
        run_log(3, pelvic_floor_symptoms=["dragging"]),
        event("resume", 5),
    ]
    plan = plan_after(ready_runner, catalog, events)
    assert plan.status == "refer"
    assert not future_runs(plan)


def test_walk_run_only_holds_running_at_the_last_walk_run_stage(
    catalog: Catalog, ready_runner: Intake
) -> None:
    cleared = event("clearance", 0, by="Sam Physio", limits=["walk_run_only"])
    plan = plan_after(ready_runner, catalog, [cleared])
    assert plan.limits == ["walk_run_only"]
    runs = future_runs(plan)
    assert runs
    assert {s.kind for s in runs} == {"walk_run"}
    stages = catalog.default_protocol.walk_run.stages
    last_walk_run = max(i for i, stage in enumerate(stages) if not stage.continuous) + 1
    assert runs[-1].stage == last_walk_run


def test_no_running_until_a_retest_sends_her_to_the_retest_first(
    catalog: Catalog, ready_runner: Intake
) -> None:
    events = [
        run_log(0, pelvic_floor_symptoms=["leaking"]),
        event("clearance", 3, by="Sam Physio", limits=["no_running_until_retest", "no_jumping"]),
    ]
    plan = plan_after(ready_runner, catalog, events)
    assert plan.limits == ["no_running_until_retest", "no_jumping"]
    assert upcoming(plan)[0].kind == "retest"
    assert all(s.provisional for s in future_runs(plan))
    passed = plan_after(ready_runner, catalog, [*events, event("retest", 4, tests=all_passed())])
    assert passed.limits == ["no_jumping"]
    assert future_runs(passed)
    strength = [s for s in upcoming(passed) if s.kind == "strength"]
    ids = {item.exercise_id for s in strength for item in s.items}
    assert "a_skip" not in ids


def test_no_clearance_allows_running_before_twelve_weeks(catalog: Catalog) -> None:
    intake = make_intake(8, symptoms=["urgency"], tests=all_passed())
    events = [
        event("clearance", 1, by="Sam Physio"),
        event("retest", 2, tests=all_passed()),
    ]
    plan = plan_after(intake, catalog, events)
    twelve_weeks = intake.birth_date + timedelta(days=84)
    assert future_runs(plan)
    assert all(s.date >= twelve_weeks for s in future_runs(plan))


# --- Pause and resume --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "stage"),
    [(3, 5), (6, 5), (7, 4), (13, 4), (14, 3), (25, 3), (30, 1), (60, 1)],
)
def test_after_a_pause_runs_pick_up_by_its_length(
    catalog: Catalog, ready_runner: Intake, days: int, stage: int
) -> None:
    events = [run_log(0), run_log(2), run_log(4), run_log(7), event("pause", 8)]
    plan = plan_after(ready_runner, catalog, [*events, event("resume", 8 + days)])
    assert future_runs(plan)[0].stage == stage
    assert plan.decisions[-1].decision == "resume"
    assert f"paused for {days} days" in plan.decisions[-1].reasons[0].message


def test_a_pause_shows_on_the_verdict_with_its_reason(
    catalog: Catalog, ready_runner: Intake
) -> None:
    plan = plan_after(ready_runner, catalog, [event("pause", 2, reason="a cold")])
    assert plan.verdict.status == "paused"
    assert plan.pause is not None
    assert plan.pause.since == day(2)
    assert "a cold" in plan.verdict.reasons[0].message


# --- The verdict agrees with the plan ---------------------------------------------------------


def test_the_verdict_after_a_leak_is_not_yes(catalog: Catalog, ready_runner: Intake) -> None:
    plan = plan_after(ready_runner, catalog, [run_log(0, pelvic_floor_symptoms=["leaking"])])
    assert plan.readiness.status == "ready"  # her answers alone
    assert plan.verdict.status == "refer"  # what she has logged since
    assert plan.verdict.headline.startswith("Not now.")
    assert plan.verdict.since == day(0)


def test_the_week_is_the_programme_week(catalog: Catalog, ready_runner: Intake) -> None:
    plan = plan_after(ready_runner, catalog, [])
    assert plan.week_of(TODAY) == 1
    assert plan.week_of(day(6)) == 1
    assert plan.week_of(day(7)) == 2
    assert plan.week_days(2) == (day(7), day(13))


def test_a_corrected_hard_session_still_counts_towards_two_reds(
    catalog: Catalog, ready_runner: Intake
) -> None:
    first = run_log(0, id="a", pain=7)
    fixed = run_log(0, id="b", replaces="a", pain=1, pain_settled=True)
    alone = plan_after(ready_runner, catalog, [first, fixed])
    assert [d.decision for d in alone.decisions] == ["progress"]
    plan = plan_after(ready_runner, catalog, [first, fixed, run_log(4, pain=8)])
    assert plan.decisions[-1].decision == "pause_and_refer"
    assert plan.decisions[-1].reasons[-1].rule == "two_reds_refer"
