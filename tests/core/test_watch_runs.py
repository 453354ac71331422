"""Runs brought in from a watch file, as the replay reads them.

A watch can tell how long she ran but not whether she leaked: an imported run counts towards
her running at once (the limits and the spike warning apply) and moves nothing on until she
has answered the symptom questions. A run matched to no session while running is stopped is
kept and flagged, and never moves her on."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from strideback.core.catalog import Catalog
from strideback.core.intake import Intake
from strideback.core.programme import Event, Plan, PlanInputs, event_from, parse_events, replay
from strideback.core.programme.summary import summarise
from tests.conftest import TODAY
from tests.core.test_safety_properties import (
    CATALOG,
    PROPERTY_SETTINGS,
    histories,
    intakes,
)


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def watch(
    offset: int, runs: int = 8, run_seconds: int = 60, walk_seconds: int = 90
) -> dict[str, Any]:
    bouts: list[dict[str, Any]] = [{"activity": "walk", "seconds": 300}]
    for _ in range(runs):
        bouts += [
            {"activity": "run", "seconds": run_seconds},
            {"activity": "walk", "seconds": walk_seconds},
        ]
    return {
        "file_name": f"run-{offset}.fit",
        "sport": "running",
        "started_at": f"{day(offset).isoformat()}T07:00:00+00:00",
        "duration_seconds": sum(b["seconds"] for b in bouts),
        "distance_m": 2500.0,
        "device": "Garmin Forerunner 55",
        "fingerprint": f"{offset:064x}",
        "bouts": bouts,
    }


def watch_log(offset: int, answered: bool = False, **fields: Any) -> Event:
    data = {
        "type": "session",
        "id": f"w{offset}",
        "date": day(offset).isoformat(),
        "kind": "walk_run",
        "completed": "all",
        "watch": watch(offset),
        "answered": answered,
    }
    return event_from({**data, **fields}, "test")


def answered(offset: int, **fields: Any) -> Event:
    """Her answers to the symptom questions: a new version of the watch's entry."""
    return watch_log(offset, answered=True, id=f"a{offset}", replaces=f"w{offset}", **fields)


def activity(offset: int, why: str = "no_session", **watch_fields: Any) -> Event:
    return event_from(
        {
            "type": "activity",
            "date": day(offset).isoformat(),
            "watch": {**watch(offset), **watch_fields},
            "why": why,
        },
        "test",
    )


def plan_after(intake: Intake, catalog: Catalog, events: list[Event]) -> Plan:
    return replay(PlanInputs(intake=intake, catalog=catalog, start=TODAY), events)


def next_run_stage(plan: Plan) -> int | None:
    return next(s.stage for s in plan.sessions if s.kind in ("walk_run", "run") and s.log is None)


def test_a_watch_run_counts_but_moves_nothing_on_until_she_answers(
    catalog: Catalog, ready_runner: Intake
) -> None:
    plan = plan_after(ready_runner, catalog, [watch_log(0)])
    decision = plan.decisions[-1]
    assert decision.decision == "repeat"
    assert "watch_symptoms_unanswered" in [r.rule for r in decision.reasons]
    assert next_run_stage(plan) == 1
    logged = plan.sessions[0]
    assert logged.log is not None
    assert logged.log.answered is False
    assert logged.log.watch is not None
    assert logged.log.ran_minutes == 8  # eight runs of a minute, from the watch


def test_her_answers_move_the_plan_on(catalog: Catalog, ready_runner: Intake) -> None:
    plan = plan_after(ready_runner, catalog, [watch_log(0), answered(0)])
    assert plan.decisions[-1].decision == "progress"
    assert next_run_stage(plan) == 2


def test_a_leak_she_reports_for_a_watch_run_refers_her(
    catalog: Catalog, ready_runner: Intake
) -> None:
    events = [watch_log(0), answered(0, pelvic_floor_symptoms=["leaking"])]
    plan = plan_after(ready_runner, catalog, events)
    assert plan.status == "refer"
    assert plan.decisions[-1].decision == "pause_and_refer"


def test_a_watch_run_longer_than_planned_gets_the_spike_warning(
    catalog: Catalog, ready_runner: Intake
) -> None:
    long_run = watch_log(0, watch=watch(0, runs=8, run_seconds=180))
    plan = plan_after(ready_runner, catalog, [long_run])
    rules = [r.rule for r in plan.decisions[-1].reasons]
    assert "ran_more_than_planned" in rules
    assert "You ran about 24 minutes" in plan.decisions[-1].reasons[-1].message
    summary = summarise(
        PlanInputs(intake=ready_runner, catalog=catalog, start=TODAY),
        [long_run],
        plan,
        plan.sessions,
        day(1),
    )
    assert summary.spike_day == day(0)


def test_a_run_while_referred_is_kept_flagged_and_never_moves_her_on(
    catalog: Catalog, referred_runner: Intake
) -> None:
    before = plan_after(referred_runner, catalog, [])
    plan = plan_after(referred_runner, catalog, [activity(3)])
    flagged = plan.decisions[-1]
    assert flagged.decision == "unplanned_run"
    assert "while running is paused" in flagged.headline
    assert flagged.reasons[0].rule == "unplanned_run"
    assert flagged.reasons[0].source == "goom2019"
    assert plan.status == "refer"
    assert [s.kind for s in plan.sessions] == [s.kind for s in before.sessions]
    summary = summarise(
        PlanInputs(intake=referred_runner, catalog=catalog, start=TODAY),
        [activity(3)],
        plan,
        before.sessions,
        day(4),
    )
    assert summary.spike_day == day(3)


def test_a_run_before_twelve_weeks_is_flagged(catalog: Catalog, early_runner: Intake) -> None:
    plan = plan_after(early_runner, catalog, [activity(1)])
    assert plan.decisions[-1].decision == "unplanned_run"
    assert "before running is safe to start" in plan.decisions[-1].headline


def test_a_run_while_paused_is_flagged(catalog: Catalog, ready_runner: Intake) -> None:
    pause = event_from({"type": "pause", "date": day(0).isoformat()}, "test")
    plan = plan_after(ready_runner, catalog, [pause, activity(2)])
    assert plan.decisions[-1].decision == "unplanned_run"
    assert "while your plan is paused" in plan.decisions[-1].headline


def test_a_walk_or_an_extra_run_on_the_walk_run_is_kept_without_a_flag(
    catalog: Catalog, ready_runner: Intake
) -> None:
    walk = activity(0, why="walk", sport="walking", bouts=[{"activity": "walk", "seconds": 1800}])
    plan = plan_after(ready_runner, catalog, [walk, activity(1, why="already_logged")])
    assert plan.decisions == []


def test_a_file_matched_to_no_session_leaves_today_as_it_was(
    catalog: Catalog, ready_runner: Intake
) -> None:
    """A walk this morning is not her session: today's session is still there to do."""
    without = plan_after(ready_runner, catalog, [])
    walk = activity(0, why="walk", sport="walking", bouts=[{"activity": "walk", "seconds": 1800}])
    with_walk = plan_after(ready_runner, catalog, [walk])
    assert with_walk.sessions == without.sessions


def test_a_watch_file_from_before_the_programme_can_be_replayed(
    catalog: Catalog, ready_runner: Intake
) -> None:
    """A runner's export replays: her old watch files are kept as they are."""
    data = {
        "events": [
            {
                "type": "activity",
                "date": day(-20).isoformat(),
                "watch": watch(-20),
                "why": "before_programme",
            }
        ]
    }
    inputs = PlanInputs(intake=ready_runner, catalog=catalog, start=TODAY)
    events = parse_events(data, "export.json", inputs)
    assert replay(inputs, events).decisions == []


@given(intake=intakes(), events=histories(), offset=st.integers(0, 120))
@PROPERTY_SETTINGS
def test_an_unanswered_watch_run_never_moves_her_on_nor_lifts_a_referral(
    intake: Intake, events: list[Event], offset: int
) -> None:
    inputs = PlanInputs(intake=intake, catalog=CATALOG, start=TODAY)
    before = replay(inputs, events)
    after = replay(inputs, [*events, watch_log(offset)])
    imported = [d for d in after.decisions if d.event == f"w{offset}"]
    assert all(d.decision not in ("progress", "complete", "start_running") for d in imported)
    if before.referral is not None:
        assert after.referral is not None
    assert after.status != "ready" or before.status == "ready"


@given(intake=intakes(), events=histories(), offset=st.integers(0, 120))
@PROPERTY_SETTINGS
def test_a_file_matched_to_no_session_never_moves_her_on(
    intake: Intake, events: list[Event], offset: int
) -> None:
    inputs = PlanInputs(intake=intake, catalog=CATALOG, start=TODAY)
    before = replay(inputs, events)
    after = replay(inputs, [*events, activity(offset)])
    assert [d for d in after.decisions if d.decision != "unplanned_run"] == before.decisions
    assert after.status == before.status
    assert after.referral == before.referral
