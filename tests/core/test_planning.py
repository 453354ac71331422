"""Planning: what the dated programme holds for each kind of runner."""

from __future__ import annotations

from datetime import timedelta

import pytest

from strideback.core.catalog import OPTIONAL_EQUIPMENT, Catalog
from strideback.core.intake import Intake
from strideback.core.programme import Plan, Session, initial_course, plan_for, project
from strideback.core.readiness import assess
from tests.conftest import TODAY, all_passed, make_intake

RUN_KINDS = ("walk_run", "run")


def runs(plan: Plan) -> list[Session]:
    return [s for s in plan.sessions if s.kind in RUN_KINDS]


def weeks_from(plan: Plan, session: Session) -> int:
    return (session.date - plan.start).days // 7


@pytest.mark.parametrize("days", [2, 3])
def test_a_ready_runner_starts_the_walk_run_programme_on_the_first_day(
    catalog: Catalog, days: int
) -> None:
    plan = plan_for(make_intake(14, tests=all_passed(), days_per_week=days), catalog)
    first = plan.sessions[0]
    assert (first.date, first.kind, first.stage) == (TODAY, "walk_run", 1)
    assert not first.provisional
    assert first.intervals[0].activity == "walk"
    assert first.intervals[0].seconds == 300  # the 5-minute brisk walk
    assert 60 <= first.intervals[1].seconds <= 120  # 1 to 2 minute run bouts


@pytest.mark.parametrize("days", [2, 3])
def test_the_walk_run_ends_at_thirty_minutes_without_a_break_with_no_fixed_end(
    catalog: Catalog, days: int
) -> None:
    plan = plan_for(make_intake(14, tests=all_passed(), days_per_week=days), catalog)
    last = runs(plan)[-1]
    assert last.kind == "run"
    assert [i.activity for i in last.intervals].count("run") == 1
    assert last.running_seconds == 30 * 60
    assert plan.expected_30_min == last.date
    # As long as the weekly limit needs: more than the old fixed 8 weeks, under half a year.
    assert 8 < weeks_from(plan, last) < 26
    assert any("30 minutes without a break around" in n.message for n in plan.notes)


def test_strength_sessions_alternate_the_two_article_routines(
    catalog: Catalog, ready_runner: Intake
) -> None:
    plan = plan_for(ready_runner, catalog)
    strength = [s for s in plan.sessions if s.kind == "strength"]
    first, second = ({i.exercise_id for i in s.items} for s in strength[:2])
    assert {"eccentric_glute_squat", "running_man_wall_push", "banded_side_walk"} <= first
    assert {"leaning_wall_marching", "bulgarian_split_squat", "fire_hydrant"} <= second


def test_strength_moves_to_the_intermediate_level_from_the_fifth_week(catalog: Catalog) -> None:
    intake = make_intake(14, tests=all_passed(), equipment=list(OPTIONAL_EQUIPMENT))
    plan = plan_for(intake, catalog)
    strength = [s for s in plan.sessions if s.kind == "strength"]
    assert {i.level for s in strength if weeks_from(plan, s) < 4 for i in s.items} == {"beginner"}
    later = {i.level for s in strength if weeks_from(plan, s) >= 4 for i in s.items}
    assert "intermediate" in later


def test_an_early_runner_has_no_run_before_twelve_weeks(
    catalog: Catalog, early_runner: Intake
) -> None:
    plan = plan_for(early_runner, catalog)
    twelve_weeks = early_runner.birth_date + timedelta(days=84)
    assert runs(plan)
    assert all(s.date >= twelve_weeks for s in runs(plan))
    retest = next(s for s in plan.sessions if s.kind == "retest")
    assert retest.date >= twelve_weeks
    assert all(s.date > retest.date for s in runs(plan))


def test_runs_after_an_unpassed_retest_are_provisional(
    catalog: Catalog, early_runner: Intake
) -> None:
    plan = plan_for(early_runner, catalog)
    assert all(s.provisional for s in runs(plan))
    assert "provisional" in plan.notes[0].message


def test_the_retest_holds_all_eleven_guideline_tests(
    catalog: Catalog, early_runner: Intake
) -> None:
    retest = next(s for s in plan_for(early_runner, catalog).sessions if s.kind == "retest")
    assert len(retest.items) == 11
    assert {i.exercise_id for i in retest.items} == {
        e.id for e in catalog.exercises.values() if e.test
    }


def test_foundation_work_is_gentlest_in_the_first_weeks(catalog: Catalog) -> None:
    plan = plan_for(make_intake(1), catalog)
    first_weeks = [s for s in plan.sessions if s.date < plan.birth_date + timedelta(weeks=3)]
    assert first_weeks
    assert {s.kind for s in first_weeks} == {"mobility"}
    ids = {i.exercise_id for s in first_weeks for i in s.items}
    assert ids <= {
        "diaphragmatic_breathing",
        "pelvic_floor_contractions",
        "pelvic_tilts",
        "easy_walk",
    }


def test_no_exercise_appears_before_its_earliest_week(catalog: Catalog) -> None:
    for intake in (make_intake(0), make_intake(2, delivery="caesarean")):
        for session in plan_for(intake, catalog).sessions:
            week = (session.date - intake.birth_date).days // 7
            for item in session.items:
                assert catalog.exercise(item.exercise_id).earliest_week <= week


def test_nothing_with_impact_comes_before_the_retest(
    catalog: Catalog, early_runner: Intake
) -> None:
    plan = plan_for(early_runner, catalog)
    retest = next(s for s in plan.sessions if s.kind == "retest")
    for session in plan.sessions:
        if session.date < retest.date:
            assert all(
                catalog.exercise(i.exercise_id).impact in ("none", "low") for i in session.items
            )


def test_after_a_caesarean_wall_marching_waits_until_week_ten(catalog: Catalog) -> None:
    vaginal = plan_for(make_intake(7, delivery="vaginal"), catalog)
    caesarean = plan_for(make_intake(7, delivery="caesarean"), catalog)

    def first_marching(plan: Plan) -> int:
        day = next(
            s.date
            for s in plan.sessions
            for i in s.items
            if i.exercise_id == "leaning_wall_marching"
        )
        return (day - plan.birth_date).days // 7

    assert first_marching(vaginal) == 7
    assert first_marching(caesarean) == 10


def test_a_referred_runner_gets_gentle_work_only(catalog: Catalog, referred_runner: Intake) -> None:
    plan = plan_for(referred_runner, catalog)
    assert plan.sessions
    assert {s.kind for s in plan.sessions} <= {"strength", "mobility"}
    impacts = {catalog.exercise(i.exercise_id).impact for s in plan.sessions for i in s.items}
    assert impacts <= {"none", "low"}
    assert plan.notes[0].rule == "refer_gentle_only"
    assert plan.sessions[-1].date < plan.start + timedelta(weeks=6)


def test_without_equipment_every_session_is_still_complete(catalog: Catalog) -> None:
    equipped = plan_for(
        make_intake(14, tests=all_passed(), equipment=list(OPTIONAL_EQUIPMENT)), catalog
    )
    bare = plan_for(make_intake(14, tests=all_passed(), equipment=[]), catalog)
    assert [len(s.items) for s in bare.sessions] == [len(s.items) for s in equipped.sessions]
    assert not any(i.swaps for s in equipped.sessions for i in s.items)
    swaps = {swap for s in bare.sessions for i in s.items for swap in i.swaps}
    assert any(swap.startswith("No physio ball:") for swap in swaps)
    assert any(swap.startswith("No resistance band:") for swap in swaps)
    assert any(swap.startswith("No dumbbells:") for swap in swaps)
    assert any(swap.startswith("No mini band:") for swap in swaps)


def test_the_same_inputs_give_the_same_plan(catalog: Catalog, early_runner: Intake) -> None:
    assert plan_for(early_runner, catalog) == plan_for(early_runner, catalog)


def test_a_failed_test_brings_four_weeks_of_strength_before_the_retest(catalog: Catalog) -> None:
    tests = {"load_impact": {**all_passed()["load_impact"], "hop_in_place": "fail"}}
    plan = plan_for(make_intake(20, tests=tests), catalog)
    retest = next(s for s in plan.sessions if s.kind == "retest")
    assert retest.date >= TODAY + timedelta(days=28)
    assert all(s.kind in ("strength", "mobility") for s in plan.sessions if s.date < retest.date)


def test_untested_after_twelve_weeks_means_a_retest_straight_away(catalog: Catalog) -> None:
    plan = plan_for(make_intake(20), catalog)
    assert (plan.sessions[0].kind, plan.sessions[0].date) == ("retest", TODAY)


def test_a_caution_keeps_wall_marching_on_the_wall_with_tummy_separation(catalog: Catalog) -> None:
    intake = make_intake(14, tests=all_passed(), symptoms=["abdominal_separation"])
    cleared = intake.with_tests(intake.tests, [], intake.assessed_on)
    for runner, levels in ((cleared, {"beginner", "intermediate"}), (intake, {"beginner"})):
        course = initial_course(runner, assess(cleared), catalog, TODAY)
        sessions = project(course, TODAY)
        marching = {
            i.level for s in sessions for i in s.items if i.exercise_id == "leaning_wall_marching"
        }
        assert marching == levels
