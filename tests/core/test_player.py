"""The session player's script: what the browser counts, times, shows and says."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strideback.core.catalog import Catalog, Dosage, Exercise, load_catalog
from strideback.core.player import (
    INTRO_SECONDS,
    REST_SECONDS,
    SIDE_SWITCH_SECONDS,
    WORK_KINDS,
    Script,
    Step,
    rep_pace,
    session_script,
)
from strideback.core.programme import Item, Session, plan_for
from strideback.core.rules import RULES
from strideback.core.vocabulary import PELVIC_FLOOR_WORDS
from tests.conftest import TODAY, all_passed, make_intake

CATALOG: Catalog = load_catalog()


def item(exercise_id: str, level: str = "beginner", **dose: Any) -> Item:
    exercise = CATALOG.exercise(exercise_id)
    dosage = Dosage(**dose) if dose else exercise.dosage_at(level)
    return Item(
        exercise_id=exercise.id,
        name=exercise.name,
        level=level,
        dose=dosage.describe(),
        dosage=dosage,
        cue=exercise.cues[0],
    )


def strength(*items: Item) -> Session:
    return Session(
        date=TODAY, kind="strength", title="Strength", summary="Hips.", items=list(items)
    )


def shape(script: Script) -> list[tuple[str, int, int | None, str | None]]:
    return [(s.kind, s.seconds, s.set, s.side) for s in script.steps]


# ---------------------------------------------------------------------------------------
# A strength session: holds each side, sets, rests.


def test_per_side_holds_play_each_set_left_then_right_with_rests_between_sets() -> None:
    script = session_script(strength(item("running_man_wall_push")), CATALOG)
    hold = 5 * 5 + 4 * 5  # five holds of 5 s, a 5 s let-go between them
    assert shape(script) == [
        ("intro", INTRO_SECONDS, 1, "left"),
        ("hold", hold, 1, "left"),
        ("switch", SIDE_SWITCH_SECONDS, 1, "right"),
        ("hold", hold, 1, "right"),
        ("rest", 60, 2, "left"),
        ("hold", hold, 2, "left"),
        ("switch", SIDE_SWITCH_SECONDS, 2, "right"),
        ("hold", hold, 2, "right"),
        ("rest", 60, 3, "left"),
        ("hold", hold, 3, "left"),
        ("switch", SIDE_SWITCH_SECONDS, 3, "right"),
        ("hold", hold, 3, "right"),
        ("done", 0, None, None),
    ]
    first = script.steps[1]
    assert (first.count, first.hold, first.release) == (5, 5, 5)
    assert first.where == "Exercise 1 of 1 · set 1 of 3 · left side"
    assert script.steps[3].where == "Exercise 1 of 1 · set 1 of 3 · right side"
    assert script.total_seconds == 15 + 6 * hold + 3 * 8 + 2 * 60


def test_the_intro_names_the_exercise_its_cue_and_the_dose_in_plain_words() -> None:
    script = session_script(strength(item("running_man_wall_push")), CATALOG)
    intro = script.steps[0]
    exercise = script.exercises[0]
    assert exercise.id == "running_man_wall_push"
    assert exercise.dose == "3 sets of 5 reps, hold 5–8 s, each side"
    assert exercise.plays == "3 sets of 5 reps, hold 5 s, each side"
    assert exercise.choice == "5 to 8 seconds: we count 5, a safe start."
    assert intro.say == (
        "Next: Running-man wall push with a ball. Hips level, ribs sitting right over your hips. "
        "3 sets of 5 reps, hold 5 seconds, each side. Start with your left side."
    )
    assert intro.text == exercise.cue
    assert script.steps[1].say == "Set 1 of 3, left side. 5 holds of 5 seconds."
    assert script.steps[2].say == "Change sides. Now your right side."
    assert script.steps[4].say == "Rest 1 minute."
    assert script.steps[-1].say.startswith("That's the session done.")


def test_each_side_and_each_direction_plays_all_four_in_every_set() -> None:
    script = session_script(strength(item("hip_circles")), CATALOG)
    first_set = [(s.kind, s.side, s.direction) for s in script.steps if s.set == 1][1:]
    assert first_set == [
        ("reps", "left", "one way"),
        ("switch", "left", "the other way"),
        ("reps", "left", "the other way"),
        ("switch", "right", "one way"),
        ("reps", "right", "one way"),
        ("switch", "right", "the other way"),
        ("reps", "right", "the other way"),
    ]
    assert [s.title for s in script.steps if s.kind == "switch"][:2] == [
        "Change direction",
        "Change sides",
    ]
    # Hip circles name no rest: sets are 30 s apart.
    assert [s.seconds for s in script.steps if s.kind == "rest"] == [REST_SECONDS]


def test_reps_are_counted_at_the_pace_of_the_tempo() -> None:
    script = session_script(strength(item("double_leg_bridge")), CATALOG)
    reps = [s for s in script.steps if s.kind == "reps"]
    # "lift, hold 2 seconds, lower slowly": 1 + 2 + 2 seconds a rep, 8 reps a set, 2 sets.
    assert [(s.count, s.pace, s.seconds) for s in reps] == [(8, 5, 40), (8, 5, 40)]
    assert reps[0].say == "Set 1 of 2. 8 reps, with me."
    assert reps[0].title == "Reps"


def test_steps_are_counted_at_a_walking_pace_and_drills_faster() -> None:
    side_walk = session_script(strength(item("banded_side_walk")), CATALOG).steps[1]
    march = session_script(strength(item("a_march")), CATALOG).steps[1]
    assert (side_walk.kind, side_walk.title, side_walk.count, side_walk.pace) == (
        "reps",
        "Steps",
        8,
        2,
    )
    assert (march.count, march.pace, march.seconds) == (20, 1, 20)


def test_a_duration_is_one_timed_step() -> None:
    script = session_script(strength(item("easy_walk")), CATALOG)
    assert shape(script) == [
        ("intro", 15, 1, None),
        ("timed", 600, 1, None),
        ("done", 0, None, None),
    ]
    assert script.steps[1].say == "10 minutes. Start now."
    assert script.exercises[0].plays == "10 min"


@pytest.mark.parametrize(
    ("tempo", "pace"),
    [
        (None, 3),
        ("lift, hold 2 seconds, lower slowly", 5),
        ("about 3 seconds down, 1 second up", 4),
        ("4 seconds down, pause, 1 second up", 6),
        ("about 4 seconds for each circle", 4),
        ("lift, pause at the top, lower slowly", 4),
        ("up steadily, 3 seconds down", 4),
        ("quick", 2),  # never faster than 2 s a rep
        ("hold 90 seconds", 60),  # never slower than a minute
    ],
)
def test_the_pace_of_a_rep_comes_from_the_tempo(tempo: str | None, pace: int) -> None:
    assert rep_pace(Dosage(reps=8, tempo=tempo)) == pace


def test_a_beginner_counts_the_lower_end_of_a_range_and_harder_levels_the_upper() -> None:
    beginner = session_script(strength(item("step_up", "beginner")), CATALOG)
    harder = session_script(strength(item("step_up", "intermediate")), CATALOG)
    low = next(s for s in beginner.steps if s.kind == "reps")
    high = next(s for s in harder.steps if s.kind == "reps")
    assert (low.count, low.least_seconds) == (8, low.seconds)
    # 10 to 12 reps at 4 s a rep ("up steadily, 3 seconds down"): 12 counted, 10 is enough.
    assert (high.count, high.pace, high.seconds, high.least_seconds) == (12, 4, 48, 40)
    assert beginner.exercises[0].choice == (
        "2 to 3 sets: we play 2; add a set only when the plan moves you on. "
        "8 to 10 reps: we count 8, a safe start."
    )
    assert harder.exercises[0].choice == "10 to 12 reps: we count 12; stop at 10 if it feels hard."


def test_a_range_of_whole_minutes_is_said_in_minutes() -> None:
    script = session_script(strength(item("easy_walk", "intermediate")), CATALOG)
    assert (
        script.exercises[0].choice == "20 to 30 minutes: we count 30; stop at 20 if it feels hard."
    )
    timed = script.steps[1]
    assert (timed.seconds, timed.least_seconds) == (1800, 1200)
    odd = session_script(strength(item("easy_walk", duration_seconds="45-90")), CATALOG)
    assert odd.exercises[0].choice == "45 to 90 seconds: we count 45, a safe start."


def test_holds_without_reps_are_one_hold_per_side() -> None:
    script = session_script(strength(item("single_leg_balance_test")), CATALOG)
    holds = [s for s in script.steps if s.kind == "hold"]
    assert [(s.side, s.count, s.seconds) for s in holds] == [("left", 1, 10), ("right", 1, 10)]
    assert holds[0].say == "Left side. Hold 10 seconds."


def test_an_exercise_unknown_to_the_catalog_still_plays() -> None:
    unknown = item("step_up").model_copy(update={"exercise_id": "my_own_exercise"})
    script = session_script(strength(unknown), CATALOG)
    assert script.exercises[0].id == "my_own_exercise"
    assert script.steps[-1].kind == "done"


# ---------------------------------------------------------------------------------------
# A walk-run: the warm-up walk, the bouts as planned, the cool-down.


def test_a_walk_run_plays_its_intervals_as_planned() -> None:
    plan = plan_for(make_intake(14, tests=all_passed(), days_per_week=3), CATALOG)
    session = plan.sessions[0]
    assert session.kind == "walk_run"
    script = session_script(session, CATALOG)
    intervals = [s for s in script.steps if s.kind == "interval"]
    assert [(s.activity, s.seconds) for s in intervals] == [
        (i.activity, i.seconds) for i in session.intervals
    ]
    assert script.steps[0].title == "Warm-up walk"
    assert script.steps[0].seconds == 300
    assert script.steps[-2].title == "Cool-down walk"
    runs = [s for s in intervals if s.activity == "run"]
    assert sum(s.seconds for s in runs) == session.running_seconds == script.running_seconds
    bouts = len(runs)
    assert [s.where for s in runs][:2] == [f"Run 1 of {bouts}", f"Run 2 of {bouts}"]
    assert runs[0].say == f"Run now, 1 minute. Run 1 of {bouts}."
    assert intervals[2].title == "Walk"
    assert intervals[2].say.startswith("Walk now, ")
    assert script.exercises == []
    assert script.total_seconds == sum(i.seconds for i in session.intervals)


def test_a_continuous_run_is_warm_up_run_cool_down() -> None:
    plan = plan_for(make_intake(14, tests=all_passed(), days_per_week=3), CATALOG)
    run = next(s for s in plan.sessions if s.kind == "run")
    script = session_script(run, CATALOG)
    assert [(s.title, s.where) for s in script.steps] == [
        ("Warm-up walk", "Warm-up"),
        ("Run", "Run 1 of 1"),
        ("Cool-down walk", "Cool-down"),
        ("Well done", "Finished"),
    ]
    assert script.steps[1].say == f"Run now, {run.running_seconds // 60} minutes. Easy pace."


def test_the_script_is_json_for_the_browser() -> None:
    plan = plan_for(make_intake(8, days_per_week=3), CATALOG)
    script = session_script(plan.sessions[0], CATALOG)
    assert Script.model_validate_json(script.model_dump_json()) == script


# ---------------------------------------------------------------------------------------
# Properties: any exercise at any level plays finitely, in sensible times, both sides.

LEVELS = [(e, level.name) for e in CATALOG.exercises.values() for level in e.levels]


def check(script: Script) -> None:
    assert script.steps[-1].kind == "done"
    assert [s.kind for s in script.steps].count("done") == 1
    assert len(script.steps) < 1000
    for step in script.steps[:-1]:
        assert 1 <= step.seconds <= 3600, step
        if step.kind in WORK_KINDS:
            assert step.least_seconds is not None
            assert 1 <= step.least_seconds <= step.seconds
        assert all((step.title, step.text, step.say, step.where)), step
    for number, exercise in enumerate(script.exercises):
        steps = [s for s in script.steps if s.exercise == number]
        assert steps[0].kind == "intro"
        work = [s for s in steps if s.kind in ("reps", "hold", "timed")]
        sets = steps[0].sets or 1
        for set_number in range(1, sets + 1):
            in_set = [s for s in work if s.set == set_number]
            if "each side" in exercise.plays:
                assert {s.side for s in in_set} == {"left", "right"}, (exercise.id, set_number)
            else:
                assert {s.side for s in in_set} == {None}
            directions = 2 if "each direction" in exercise.plays else 1
            sides = 2 if "each side" in exercise.plays else 1
            assert len(in_set) == sides * directions


@pytest.mark.parametrize(("exercise", "level"), LEVELS, ids=[f"{e.id}@{lv}" for e, lv in LEVELS])
def test_every_catalog_exercise_at_every_level_plays(exercise: Exercise, level: str) -> None:
    script = session_script(strength(item(exercise.id, level)), CATALOG)
    check(script)
    assert script.exercises[0].plays


ranges = st.integers(0, 3600).flatmap(lambda low: st.tuples(st.just(low), st.integers(low, 3600)))


@st.composite
def dosages(draw: st.DrawFn) -> Dosage:
    amounts = draw(
        st.sets(st.sampled_from(["reps", "hold_seconds", "steps", "duration_seconds"]), min_size=1)
    )
    fields: dict[str, Any] = {name: list(draw(ranges)) for name in amounts}
    if draw(st.booleans()):
        fields["sets"] = list(draw(st.tuples(st.integers(0, 6), st.integers(6, 10))))
    fields["per_side"] = draw(st.booleans())
    fields["each_direction"] = draw(st.booleans())
    fields["rest_seconds"] = draw(st.none() | st.integers(0, 600))
    fields["tempo"] = draw(st.none() | st.sampled_from(["3 seconds down", "lift, lower slowly"]))
    return Dosage(**fields)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(LEVELS), min_size=1, max_size=6),
    st.lists(dosages(), max_size=2),
)
def test_any_session_of_catalog_exercises_plays_finitely_and_both_sides(
    chosen: list[tuple[Exercise, str]], odd: list[Dosage]
) -> None:
    items = [item(e.id, level) for e, level in chosen]
    items += [item("step_up", "intermediate", **d.model_dump(exclude_none=True)) for d in odd]
    check(session_script(strength(*items), CATALOG))


def test_step_work_flags_the_counted_kinds() -> None:
    script = session_script(strength(item("double_leg_bridge")), CATALOG)
    assert [s.kind for s in script.steps if s.work] == ["reps", "reps"]
    assert isinstance(script.steps[0], Step)


def test_each_exercise_carries_its_cautions_and_swaps_for_the_player_to_show() -> None:
    bridge = item("hip_circles").model_copy(
        update={
            "cautions": ["After a caesarean: stop if the scar pulls."],
            "swaps": ["No band: squeeze your knees apart instead."],
        }
    )
    described = session_script(strength(bridge), CATALOG).exercises[0]
    assert described.cautions == ["After a caesarean: stop if the scar pulls."]
    assert described.swaps == ["No band: squeeze your knees apart instead."]


def test_symptoms_now_offers_the_log_symptoms_and_pain_and_says_why_with_its_source() -> None:
    script = session_script(strength(item("hip_circles")), CATALOG)
    assert [code for code, _ in script.stop_choices] == [*PELVIC_FLOOR_WORDS, "pain"]
    assert RULES["stop_and_walk"].source == "deering2024"
    assert "Deering et al. 2024" in script.stop_why
    assert "stop and walk" in script.stop_why
