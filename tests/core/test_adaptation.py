"""Adaptation: logged events move the programme, and every change says why."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from strideback.core.catalog import Catalog
from strideback.core.errors import InputError
from strideback.core.export import plan_text
from strideback.core.intake import Intake
from strideback.core.programme import (
    Event,
    Plan,
    PlanInputs,
    Session,
    SessionEvent,
    classify,
    event_from,
    parse_events,
    plan_for,
    replay,
)
from strideback.core.programme.schedule import run_days
from tests.conftest import TODAY, all_passed, make_intake


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def run_log(offset: int, **fields: Any) -> Event:
    data = {
        "type": "session",
        "date": day(offset).isoformat(),
        "kind": "walk_run",
        "completed": "all",
    }
    return event_from({**data, **fields}, "test")


def event(event_type: str, offset: int, **fields: Any) -> Event:
    return event_from({"type": event_type, "date": day(offset).isoformat(), **fields}, "test")


def plan_after(intake: Intake, catalog: Catalog, events: list[Event]) -> Plan:
    return replay(PlanInputs(intake=intake, catalog=catalog, start=TODAY), events)


def future_runs(plan: Plan) -> list[Session]:
    return [s for s in plan.sessions if s.kind in ("walk_run", "run") and s.log is None]


@pytest.mark.parametrize(
    ("fields", "outcome", "rules"),
    [
        ({}, "green", ["green_progress"]),
        ({"pain": 3, "pain_settled": True}, "green", ["green_progress"]),
        ({"pain": 2, "pain_settled": True}, "green", ["green_progress"]),
        ({"pain": 2}, "amber", ["next_day_unanswered"]),
        ({"pain": 5}, "amber", ["next_day_unanswered"]),
        ({"pain": 4, "pain_settled": True}, "amber", ["amber_repeat"]),
        ({"rpe": 8}, "amber", ["amber_repeat"]),
        ({"completed": "part"}, "amber", ["amber_repeat"]),
        ({"completed": "skipped"}, "amber", ["amber_repeat"]),
        ({"pain": 5, "pain_settled": True, "rpe": 9}, "amber", ["amber_repeat", "amber_repeat"]),
        ({"pelvic_floor_symptoms": ["leaking"]}, "red", ["red_pelvic_floor"]),
        ({"pelvic_floor_symptoms": ["heaviness"], "rpe": 3}, "red", ["red_pelvic_floor"]),
        ({"pain": 6, "pain_settled": True}, "red", ["red_pain"]),
        ({"pain": 2, "pain_settled": False}, "red", ["red_pain"]),
        (
            {"pain": 7, "pelvic_floor_symptoms": ["dragging"]},
            "red",
            ["red_pelvic_floor", "red_pain"],
        ),
    ],
)
def test_a_logged_session_is_green_amber_or_red(
    fields: dict[str, Any], outcome: str, rules: list[str]
) -> None:
    log = run_log(0, **fields)
    assert isinstance(log, SessionEvent)
    found, reasons = classify(log)
    assert found == outcome
    assert [r.rule for r in reasons] == rules


def test_a_green_run_moves_on_a_stage(catalog: Catalog, ready_runner: Intake) -> None:
    plan = plan_after(ready_runner, catalog, [run_log(0)])
    assert plan.decisions[0].decision == "progress"
    assert (plan.decisions[0].stage_before, plan.decisions[0].stage_after) == (1, 2)
    assert future_runs(plan)[0].stage == 2


def test_an_amber_run_repeats_the_stage(catalog: Catalog, ready_runner: Intake) -> None:
    plan = plan_after(ready_runner, catalog, [run_log(0), run_log(2, rpe=9)])
    assert [d.decision for d in plan.decisions] == ["progress", "repeat"]
    assert "stage 2 again" in plan.decisions[1].headline
    assert future_runs(plan)[0].stage == 2


def test_the_first_leak_stops_running_and_refers_at_once(
    catalog: Catalog, ready_runner: Intake
) -> None:
    events = [run_log(0), run_log(2), run_log(4, pelvic_floor_symptoms=["leaking"])]
    plan = plan_after(ready_runner, catalog, events)
    refer = plan.decisions[-1]
    assert refer.decision == "pause_and_refer"
    assert refer.reasons[0].rule == "red_pelvic_floor"
    assert refer.reasons[0].source == "goom2019"
    assert "pelvic health physiotherapist" in refer.reasons[0].message
    assert plan.status == "refer"
    assert plan.verdict.status == "refer"
    assert plan.referral is not None
    assert plan.referral.since == day(4)
    assert not future_runs(plan)
    upcoming = [s for s in plan.sessions if s.log is None]
    assert upcoming, "walking, strength and pelvic-floor work go on"
    assert {s.kind for s in upcoming} <= {"strength", "mobility"}


def test_after_clearance_a_first_leak_resumes_one_stage_back(
    catalog: Catalog, ready_runner: Intake
) -> None:
    events = [
        run_log(0),
        run_log(2),
        run_log(4, pelvic_floor_symptoms=["leaking"]),
        event("clearance", 8, by="Sam Physio"),
    ]
    plan = plan_after(ready_runner, catalog, events)
    assert plan.status == "ready"
    assert future_runs(plan)[0].stage == 2


def test_two_reds_within_fourteen_days_pause_running_and_refer(
    catalog: Catalog, ready_runner: Intake
) -> None:
    events = [run_log(0, pain=7), run_log(9, pain=6)]
    plan = plan_after(ready_runner, catalog, events)
    assert [d.decision for d in plan.decisions] == ["step_back", "pause_and_refer"]
    assert plan.decisions[-1].reasons[-1].rule == "two_reds_refer"
    assert plan.status == "refer"
    assert not future_runs(plan)
    assert {s.kind for s in plan.sessions if s.log is None} <= {"strength", "mobility"}


def test_reds_more_than_fourteen_days_apart_only_step_back(
    catalog: Catalog, ready_runner: Intake
) -> None:
    events = [run_log(0, pain=7), run_log(15, pain=7)]
    plan = plan_after(ready_runner, catalog, events)
    assert [d.decision for d in plan.decisions] == ["step_back", "step_back"]
    assert future_runs(plan)


def test_a_professional_clearance_restarts_running_gently(
    catalog: Catalog, ready_runner: Intake
) -> None:
    events = [
        run_log(0, pain=7),
        run_log(4, pain=7),
        event("clearance", 20, by="Sam Physio", note="Pelvic floor fine on review."),
    ]
    plan = plan_after(ready_runner, catalog, events)
    assert plan.decisions[-1].decision == "clearance"
    assert plan.decisions[-1].reasons[0].rule == "professional_clearance"
    assert plan.verdict.status == "ready"
    assert future_runs(plan)[0].date >= day(20)
    assert future_runs(plan)[0].stage == 1


def test_a_referred_runner_cleared_goes_to_the_retest_first(
    catalog: Catalog, referred_runner: Intake
) -> None:
    plan = plan_after(referred_runner, catalog, [event("clearance", 3, by="Dr Lee")])
    upcoming = [s for s in plan.sessions if s.log is None]
    assert upcoming[0].kind == "retest"
    assert all(s.provisional for s in future_runs(plan))


def test_a_passed_retest_unlocks_the_walk_run_programme(catalog: Catalog) -> None:
    intake = make_intake(10)
    retest_day = (intake.birth_date + timedelta(days=85) - TODAY).days
    plan = plan_after(intake, catalog, [event("retest", retest_day, tests=all_passed())])
    assert plan.decisions[0].decision == "start_running"
    assert plan.status == "ready"
    assert future_runs(plan)
    assert not any(s.provisional for s in future_runs(plan))
    first_run = future_runs(plan)[0].date  # her first run day from two days after the re-test
    assert day(retest_day + 2) <= first_run < day(retest_day + 9)
    assert first_run.weekday() in run_days(intake.weekdays(TODAY.weekday()))


def test_a_retest_before_twelve_weeks_does_not_start_running_early(catalog: Catalog) -> None:
    intake = make_intake(8)
    plan = plan_after(intake, catalog, [event("retest", 1, tests=all_passed())])
    assert plan.decisions[0].decision == "more_strength"
    assert all(s.date >= intake.birth_date + timedelta(days=84) for s in future_runs(plan))


def test_a_failed_retest_brings_more_strength_and_another_retest(catalog: Catalog) -> None:
    intake = make_intake(14)
    tests = {"load_impact": {**all_passed()["load_impact"], "jog_on_spot": "fail"}}
    plan = plan_after(intake, catalog, [event("retest", 0, tests=tests)])
    assert plan.decisions[0].decision == "more_strength"
    assert "Jogging on the spot did not pass" in plan.decisions[0].reasons[0].message
    next_retest = next(s for s in plan.sessions if s.kind == "retest" and s.log is None)
    assert next_retest.date >= day(28)


def test_a_retest_with_symptoms_refers(catalog: Catalog) -> None:
    plan = plan_after(
        make_intake(14), catalog, [event("retest", 0, tests=all_passed(), symptoms=["urgency"])]
    )
    assert plan.decisions[0].decision == "pause_and_refer"
    assert not future_runs(plan)


def test_a_symptom_before_running_turns_the_plan_to_gentle_work(
    catalog: Catalog, early_runner: Intake
) -> None:
    plan = plan_after(early_runner, catalog, [event("symptom", 2, symptoms=["urinary_leakage"])])
    assert plan.decisions[0].decision == "pause_and_refer"
    assert plan.status == "refer"
    assert not future_runs(plan)


def test_leaking_in_a_foundation_session_refers(catalog: Catalog, early_runner: Intake) -> None:
    log = event("session", 0, kind="strength", completed="all", pelvic_floor_symptoms=["leaking"])
    plan = plan_after(early_runner, catalog, [log])
    assert plan.decisions[0].decision == "pause_and_refer"
    assert [r.rule for r in plan.decisions[0].reasons] == ["red_pelvic_floor"]


def test_a_pause_stops_sessions_and_a_long_break_restarts_at_stage_one(
    catalog: Catalog, ready_runner: Intake
) -> None:
    events = [run_log(0), run_log(2), run_log(4), event("pause", 5, reason="baby unwell")]
    paused = plan_after(ready_runner, catalog, events)
    assert paused.phase == "paused"
    assert not [s for s in paused.sessions if s.log is None]
    resumed = plan_after(ready_runner, catalog, [*events, event("resume", 45)])
    first = future_runs(resumed)[0]
    assert first.stage == 1
    assert resumed.decisions[-1].reasons[0].rule == "resume_after_break"
    assert "stage 1" in resumed.decisions[-1].reasons[0].message


def test_a_short_pause_resumes_near_where_she_was(catalog: Catalog, ready_runner: Intake) -> None:
    events = [run_log(0), run_log(2), run_log(4), event("pause", 5), event("resume", 10)]
    plan = plan_after(ready_runner, catalog, events)
    assert future_runs(plan)[0].stage == 4


def test_an_edit_replaces_the_event_it_names(catalog: Catalog, ready_runner: Intake) -> None:
    first = run_log(0, id="a", rpe=9)
    edit = run_log(0, id="b", replaces="a", rpe=4)
    plan = plan_after(ready_runner, catalog, [first, edit])
    assert [d.decision for d in plan.decisions] == ["progress"]
    assert len([s for s in plan.sessions if s.log]) == 1


def test_editing_a_leak_away_never_lifts_the_referral(
    catalog: Catalog, ready_runner: Intake
) -> None:
    first = run_log(0, id="a", pelvic_floor_symptoms=["leaking"])
    edit = run_log(0, id="b", replaces="a")
    plan = plan_after(ready_runner, catalog, [first, edit])
    logged = [s for s in plan.sessions if s.log]
    assert len(logged) == 1
    assert logged[0].log is not None
    assert logged[0].log.pelvic_floor_symptoms == []
    assert plan.status == "refer"
    assert [r.rule for r in plan.decisions[-1].reasons] == ["referral_stands"]
    assert "first said leaking" in plan.decisions[-1].reasons[0].message
    assert not future_runs(plan)


def test_a_second_run_on_the_same_day_does_not_move_the_stage_on(
    catalog: Catalog, ready_runner: Intake
) -> None:
    plan = plan_after(ready_runner, catalog, [run_log(0, pain=7), run_log(0)])
    assert [d.decision for d in plan.decisions] == ["step_back", "repeat"]
    assert plan.decisions[-1].reasons[0].rule == "same_day_run"
    assert future_runs(plan)[0].stage == 1


def test_each_decision_names_the_event_behind_it(catalog: Catalog, ready_runner: Intake) -> None:
    plan = plan_after(
        ready_runner,
        catalog,
        [run_log(0, id="first"), run_log(2, pelvic_floor_symptoms=["leaking"])],
    )
    assert [(d.decision, d.event) for d in plan.decisions] == [
        ("progress", "first"),
        ("pause_and_refer", None),
    ]


def test_projection_starts_after_the_last_event_and_not_before_as_of(
    catalog: Catalog, ready_runner: Intake
) -> None:
    inputs = PlanInputs(intake=ready_runner, catalog=catalog, start=TODAY)
    plan = replay(inputs, [run_log(0)], as_of=day(10))
    assert all(s.date >= day(10) for s in plan.sessions if s.log is None)


def test_without_events_the_replay_is_the_plan(catalog: Catalog, early_runner: Intake) -> None:
    inputs = PlanInputs(intake=early_runner, catalog=catalog, start=TODAY)
    assert replay(inputs, []) == plan_for(early_runner, catalog)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            [{"type": "session", "date": "2026-11-01", "kind": "run", "completed": "all"}],
            "is before the programme starts",
        ),
        (
            [{"type": "nap", "date": "2026-11-22"}],
            "events[0].type: 'nap' is not allowed. Allowed: session, retest, symptom",
        ),
        (
            [{"type": "session", "date": "2026-11-22", "kind": "run", "completed": "yes"}],
            "'all', 'part' or 'skipped'",
        ),
        (
            [
                {
                    "type": "session",
                    "date": "2026-11-22",
                    "kind": "run",
                    "completed": "all",
                    "pain": 11,
                }
            ],
            "events[0].session.pain: 11",
        ),
        (
            [
                {
                    "type": "session",
                    "date": "2026-11-22",
                    "kind": "run",
                    "completed": "all",
                    "replaces": "x",
                }
            ],
            "'replaces' names events that do not exist: x",
        ),
        ({"events": [], "runner": "me"}, "runner: is not a field we know. Allowed here: events"),
    ],
)
def test_bad_events_say_what_and_where(
    catalog: Catalog, ready_runner: Intake, data: Any, expected: str
) -> None:
    inputs = PlanInputs(intake=ready_runner, catalog=catalog, start=TODAY)
    with pytest.raises(InputError) as caught:
        parse_events(data, "events.yaml", inputs)
    assert caught.value.describe().startswith("events.yaml")
    assert expected in caught.value.describe()


def test_a_single_bad_event_is_refused_with_its_field() -> None:
    with pytest.raises(InputError, match="date: Date: please give the day"):
        event_from({"type": "pause"}, "form")


def test_a_retest_while_referred_is_recorded_without_promising_a_run(
    catalog: Catalog, referred_runner: Intake
) -> None:
    plan = plan_after(referred_runner, catalog, [event("retest", 1, tests=all_passed())])
    retest = next(s for s in plan.sessions if s.kind == "retest")
    assert retest.log is not None
    assert retest.log.note is not None
    assert "waits until a pelvic health physiotherapist has cleared you" in retest.log.note
    assert "You can start" not in retest.log.note
    assert plan.status == "refer"
    assert not future_runs(plan)


def test_the_note_of_a_logged_session_shows_in_the_printed_plan(
    catalog: Catalog, ready_runner: Intake
) -> None:
    plan = plan_after(ready_runner, catalog, [run_log(0, note="Windy, felt strong.")])
    assert "Note: Windy, felt strong." in plan_text(plan)
