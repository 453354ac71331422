"""A professional acting for her client: each action is an event in the replay, and the
runner's plan shows what it changed, who changed it and why."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from strideback.core.catalog import Catalog
from strideback.core.errors import InputError
from strideback.core.intake import Intake
from strideback.core.programme import Event, Plan, PlanInputs, Session, event_from, parse_events
from strideback.core.programme.professional import decision_byline
from strideback.core.words import spoken_date
from tests.conftest import TODAY, all_passed, make_intake
from tests.core.test_adaptation import day, event, plan_after, run_log

PHYSIO = {"name": "Anna Lee", "profession": "pelvic_health_physio", "practice": "Pelvic Care"}
COACH = {"name": "Kim Fox", "profession": "running_coach", "practice": "Run Club"}


def action(
    event_type: str, offset: int, author: dict[str, str] | None = PHYSIO, **fields: Any
) -> Event:
    data = {"type": event_type, "date": day(offset).isoformat(), **fields}
    if author is not None:
        data["author"] = author
    return event_from(data, "test")


def future_runs(plan: Plan) -> list[Session]:
    return [s for s in plan.sessions if s.kind in ("walk_run", "run") and s.log is None]


def strength_items(plan: Plan, after: date) -> list[list[str]]:
    return [
        [item.exercise_id for item in s.items]
        for s in plan.sessions
        if s.kind == "strength" and s.date >= after and s.log is None
    ]


# ---------------------------------------------------------------------------------------
# Hold and release.


def test_a_hold_keeps_her_runs_at_their_stage_until_it_is_released(
    ready_runner: Intake, catalog: Catalog
) -> None:
    held = plan_after(ready_runner, catalog, [action("hold", 0, reason="Check her form")])
    assert held.hold is not None
    assert held.hold.by.name == "Anna Lee"
    assert {s.stage for s in future_runs(held)} == {1}
    assert held.decisions[-1].decision == "hold"
    logged = plan_after(ready_runner, catalog, [action("hold", 0), run_log(0)])
    assert logged.decisions[-1].decision == "repeat"
    assert logged.decisions[-1].reasons[-1].rule == "professional_hold"
    released = plan_after(ready_runner, catalog, [action("hold", 0), action("release", 1)])
    assert released.hold is None
    assert max(s.stage or 0 for s in future_runs(released)) > 1


def test_her_own_pause_and_resume_do_not_lift_a_hold(
    ready_runner: Intake, catalog: Catalog
) -> None:
    plan = plan_after(
        ready_runner, catalog, [action("hold", 0), event("pause", 1), event("resume", 3)]
    )
    assert plan.hold is not None
    assert {s.stage for s in future_runs(plan)} == {1}


def test_a_runner_release_needs_her_to_have_withdrawn_the_access() -> None:
    with pytest.raises(InputError) as error:
        action("release", 0, author=None)
    assert "after_revocation" in error.value.describe()


def test_a_runner_release_after_withdrawing_the_access_lifts_the_hold(
    ready_runner: Intake, catalog: Catalog
) -> None:
    released = action("release", 1, author=None, after_revocation=True)
    plan = plan_after(ready_runner, catalog, [action("hold", 0), released])
    assert plan.hold is None
    assert plan.decisions[-1].decision == "release"
    assert decision_byline(plan.decisions[-1]) is None


# ---------------------------------------------------------------------------------------
# The stage moved by one.


def test_an_advance_after_a_repeat_moves_her_next_run_up(
    ready_runner: Intake, catalog: Catalog
) -> None:
    events = [run_log(0, rpe=9), action("stage", 1, direction="advance")]
    plan = plan_after(ready_runner, catalog, events)
    assert plan.decisions[-1].decision == "progress"
    assert plan.decisions[-1].author is not None
    assert future_runs(plan)[0].stage == 2
    assert plan.latest_override is None


def test_an_advance_past_one_change_at_a_time_is_refused_unless_overridden(
    ready_runner: Intake, catalog: Catalog
) -> None:
    refused = plan_after(
        ready_runner, catalog, [run_log(0), action("stage", 1, direction="advance")]
    )
    assert refused.decisions[-1].decision == "refused"
    assert refused.decisions[-1].reasons[0].rule == "one_change_at_a_time"
    assert future_runs(refused)[0].stage == 2
    overrides = ["one_change_at_a_time", "single_run_spike"]
    advance = action("stage", 1, direction="advance", overrides=overrides, reason="Strong runner")
    plan = plan_after(ready_runner, catalog, [run_log(0), advance])
    assert plan.decisions[-1].decision == "progress"
    assert plan.decisions[-1].overrides == overrides
    assert plan.latest_override == plan.decisions[-1]
    assert future_runs(plan)[0].stage == 3
    assert "Strong runner" in (decision_byline(plan.decisions[-1]) or "")


@pytest.mark.parametrize(
    ("weeks", "before", "rule"),
    [
        (8, [], "twelve_weeks"),
        (14, [action("baseline", 0, symptoms=["leaking"])], "referral_stands"),
        (14, [event("pause", 0)], "paused"),
        (14, [action("hold", 0)], "professional_hold"),
    ],
)
def test_an_advance_never_passes_the_rules_no_one_can_override(
    catalog: Catalog, weeks: int, before: list[Event], rule: str
) -> None:
    intake = make_intake(weeks, delivery="vaginal", tests=all_passed(), days_per_week=3)
    overrides = ["one_change_at_a_time", "weekly_rise", "single_run_spike"]
    advance = action("stage", 1, direction="advance", overrides=overrides)
    plan = plan_after(intake, catalog, [*before, advance])
    assert plan.decisions[-1].decision == "refused"
    assert plan.decisions[-1].reasons[0].rule == rule


def test_an_advance_keeps_to_a_walk_run_only_limit(catalog: Catalog) -> None:
    intake = make_intake(
        30, delivery="vaginal", tests=all_passed(), running_background="competitive"
    )
    walk_run_stages = len(catalog.default_protocol.walk_run.stages)
    events = [event("clearance", 0, by="Sam Physio", limits=["walk_run_only"])]
    events += [run_log(offset) for offset in range(1, 200, 3)]
    plan = plan_after(intake, catalog, events)
    assert all(s.stage is None or s.stage <= walk_run_stages for s in plan.sessions)
    advance = action("stage", 200, direction="advance", overrides=["one_change_at_a_time"])
    held = plan_after(intake, catalog, [*events, advance])
    if held.decisions[-1].decision == "refused":
        assert held.decisions[-1].reasons[0].rule == "clearance_limits"
    assert all(s.kind == "walk_run" for s in future_runs(held))


def test_a_stage_back_moves_her_next_run_down(ready_runner: Intake, catalog: Catalog) -> None:
    plan = plan_after(ready_runner, catalog, [run_log(0), action("stage", 1, direction="back")])
    assert plan.decisions[-1].decision == "step_back"
    assert future_runs(plan)[0].stage == 1


# ---------------------------------------------------------------------------------------
# Exercises: dose, swap, add.


def test_a_dose_changes_the_exercise_in_her_sessions_from_that_day(
    ready_runner: Intake, catalog: Catalog
) -> None:
    dose = action("dose", 0, exercise="single_leg_bridge", level="intermediate", sets=4, reps=12)
    plan = plan_after(ready_runner, catalog, [dose])
    items = [i for s in plan.sessions for i in s.items if i.exercise_id == "single_leg_bridge"]
    assert items
    assert all(i.level == "intermediate" and i.dose.startswith("4 sets of 12 reps") for i in items)
    assert plan.decisions[-1].decision == "exercise_change"


def test_a_dose_above_a_caution_keeps_the_safer_level(catalog: Catalog) -> None:
    # A gap along the tummy caps the leaning wall marching at its beginner level.
    intake = make_intake(16, symptoms=["abdominal_separation"], tests=all_passed())
    exercise = "leaning_wall_marching"
    changes = [
        action("add", 0, exercise=exercise, session="strength"),
        action("dose", 0, exercise=exercise, level="intermediate"),
    ]
    plan = plan_after(intake, catalog, changes)
    items = [i for s in plan.sessions for i in s.items if i.exercise_id == exercise]
    assert items
    assert all(i.level == "beginner" for i in items)
    assert all("asked for the intermediate level" in " ".join(i.cautions) for i in items)


def test_a_swap_puts_another_exercise_in_its_place(ready_runner: Intake, catalog: Catalog) -> None:
    swap = action("swap", 0, exercise="single_leg_bridge", **{"with": "double_leg_bridge"})
    plan = plan_after(ready_runner, catalog, [swap])
    sessions = strength_items(plan, TODAY)
    assert any("double_leg_bridge" in items for items in sessions)
    assert not any("single_leg_bridge" in items for items in sessions)


def test_an_added_exercise_appears_in_her_sessions(ready_runner: Intake, catalog: Catalog) -> None:
    plan = plan_after(
        ready_runner, catalog, [action("add", 0, exercise="a_skip", session="strength")]
    )
    assert all("a_skip" in items for items in strength_items(plan, TODAY))


@pytest.mark.parametrize("kind", ["add", "swap"])
def test_an_impact_exercise_before_twelve_weeks_is_refused_saying_why(
    early_runner: Intake, catalog: Catalog, kind: str
) -> None:
    fields = (
        {"exercise": "a_skip", "session": "strength"}
        if kind == "add"
        else {"exercise": "double_leg_bridge", "with": "a_skip"}
    )
    plan = plan_after(early_runner, catalog, [action(kind, 0, **fields)])
    assert plan.decisions[-1].decision == "refused"
    assert "impact" in plan.decisions[-1].reasons[0].message
    twelve_weeks = early_runner.birth_date + timedelta(days=84)
    before = [s for s in plan.sessions if s.date < twelve_weeks]
    assert not any(i.exercise_id == "a_skip" for s in before for i in s.items)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"type": "dose", "exercise": "no_such_thing", "sets": 3}, "events[0].exercise"),
        ({"type": "dose", "exercise": "single_leg_bridge", "level": "advanced"}, "events[0].level"),
        ({"type": "dose", "exercise": "single_leg_bridge", "sets": 11}, "sets"),
        ({"type": "dose", "exercise": "single_leg_bridge", "hold_seconds": 0}, "hold_seconds"),
        ({"type": "swap", "exercise": "single_leg_bridge", "with": "nothing"}, "events[0].with"),
        ({"type": "stage", "direction": "advance", "overrides": ["twelve_weeks"]}, "overrides"),
        ({"type": "hold", "author": {**PHYSIO, "profession": "doula"}}, "profession"),
        ({"type": "hold", "author": {**PHYSIO, "name": "A"}}, "name"),
        ({"type": "hold", "reason": "x" * 501}, "reason"),
        ({"type": "retest_due", "on": (TODAY - timedelta(days=1)).isoformat()}, "on"),
    ],
)
def test_a_bad_action_is_an_error_that_names_the_field(
    ready_runner: Intake, catalog: Catalog, fields: dict[str, Any], field: str
) -> None:
    data = {"date": TODAY.isoformat(), "author": PHYSIO, **fields}
    inputs = PlanInputs(intake=ready_runner, catalog=catalog, start=TODAY)
    with pytest.raises(InputError) as error:
        parse_events({"events": [data]}, "events.yaml", inputs)
    assert field in error.value.describe()


# ---------------------------------------------------------------------------------------
# The re-test day, the clinic baseline, clearances.


def test_the_retest_day_her_professional_sets_is_shown(
    early_runner: Intake, catalog: Catalog
) -> None:
    on = early_runner.birth_date + timedelta(days=100)
    plan = plan_after(early_runner, catalog, [action("retest_due", 0, on=on.isoformat())])
    retests = [s.date for s in plan.sessions if s.kind == "retest"]
    assert retests
    assert min(retests) >= on
    too_soon = plan_after(early_runner, catalog, [action("retest_due", 0, on=day(3).isoformat())])
    first = min(s.date for s in too_soon.sessions if s.kind == "retest")
    assert first >= early_runner.birth_date + timedelta(days=84)
    assert "12 weeks" in too_soon.decisions[-1].reasons[0].message


def test_a_retest_set_while_she_runs_is_shown_on_a_day_off_running(
    ready_runner: Intake, catalog: Catalog
) -> None:
    plan = plan_after(ready_runner, catalog, [action("retest_due", 0, on=day(10).isoformat())])
    retests = [s for s in plan.sessions if s.kind == "retest"]
    assert len(retests) == 1
    assert retests[0].date >= day(10)
    assert future_runs(plan)


def test_a_baseline_with_a_symptom_refers_and_only_a_physio_lifts_it(
    ready_runner: Intake, catalog: Catalog
) -> None:
    baseline = action("baseline", 0, symptoms=["leaking"])
    plan = plan_after(ready_runner, catalog, [baseline])
    assert plan.status == "refer"
    assert not future_runs(plan)
    assert plan.decisions[-1].decision == "pause_and_refer"
    coach = action("clearance", 2, author=COACH)
    still = plan_after(ready_runner, catalog, [baseline, coach])
    assert still.status == "refer"
    assert any(r.rule == "clearance_by_profession" for r in still.decisions[-1].reasons)
    physio = action("clearance", 4, note="Pelvic floor fine on review.")
    cleared = plan_after(ready_runner, catalog, [baseline, coach, physio])
    assert cleared.status == "ready"
    assert cleared.decisions[-1].decision == "clearance"


def test_a_baseline_without_symptoms_changes_nothing(
    ready_runner: Intake, catalog: Catalog
) -> None:
    plan = plan_after(ready_runner, catalog, [action("baseline", 0, symptoms=[])])
    assert plan.status == "ready"
    assert plan.decisions[-1].decision == "baseline"


def test_a_clearance_by_a_professional_is_by_her_name(
    ready_runner: Intake, catalog: Catalog
) -> None:
    clearance = action("clearance", 0)
    assert clearance.type == "clearance"
    assert clearance.by == "Anna Lee"


def test_every_clearance_limit_in_force_combines(ready_runner: Intake, catalog: Catalog) -> None:
    physio = action("clearance", 0, limits=["walk_run_only"])
    coach = action("clearance", 1, author=COACH, limits=["no_jumping"])
    plan = plan_after(ready_runner, catalog, [physio, coach])
    assert plan.limits == ["walk_run_only", "no_jumping"]
    lifted = plan_after(ready_runner, catalog, [physio, coach, action("clearance", 2)])
    assert lifted.limits == ["no_jumping"]


def test_the_byline_says_who_did_what_and_why(ready_runner: Intake, catalog: Catalog) -> None:
    plan = plan_after(ready_runner, catalog, [action("clearance", 0, note="All good.")])
    assert decision_byline(plan.decisions[-1]) == (
        f"Your pelvic health physio, Anna Lee, cleared you on {spoken_date(TODAY)}: All good."
    )
    coach = plan_after(ready_runner, catalog, [action("hold", 0, author=COACH)])
    assert (decision_byline(coach.decisions[-1]) or "").startswith(
        "Your running coach, Kim Fox, put your progression on hold"
    )
