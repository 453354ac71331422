"""The catalog as data: the packaged exercises, tests and protocol, and what a bad file says."""

from __future__ import annotations

import copy
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from strideback.core.catalog import (
    OPTIONAL_EQUIPMENT,
    Catalog,
    Dosage,
    Range,
    Stage,
    load_catalog,
    split_ref,
    stage_changes,
)
from strideback.core.errors import InputError
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS
from strideback.core.rules import STRENGTH_TARGET_REPS

DATA = Path(__file__).resolve().parents[2] / "strideback" / "core" / "data"
PACKAGED_IDS = sorted(load_catalog().exercises)

ARTICLE_EXERCISES = [
    "eccentric_glute_squat",
    "running_man_wall_push",
    "banded_side_walk",
    "hip_circles",
    "rocking_hip_flexor_stretch",
    "leaning_wall_marching",
    "bulgarian_split_squat",
    "fire_hydrant",
]


def test_the_packaged_catalog_loads_with_its_default_protocol(catalog: Catalog) -> None:
    assert catalog.exercises
    assert catalog.default_protocol.walk_run.stages


# ---------------------------------------------------------------------------------------
# The exercises of the two practitioners' articles.


@pytest.mark.parametrize(
    ("exercise_id", "level", "dose"),
    [
        ("eccentric_glute_squat", "beginner", {"sets": "3", "reps": "8–10"}),
        (
            "running_man_wall_push",
            "beginner",
            {"sets": "3", "reps": "5", "hold_seconds": "5–8", "per_side": True},
        ),
        ("banded_side_walk", "beginner", {"sets": "2–3", "steps": "8–10", "each_direction": True}),
        ("hip_circles", "beginner", {"sets": "2", "per_side": True, "each_direction": True}),
        ("rocking_hip_flexor_stretch", "beginner", {"reps": "5–8", "per_side": True}),
        ("leaning_wall_marching", "beginner", {"sets": "2–4", "reps": "10–20"}),
        ("leaning_wall_marching", "intermediate", {"sets": "2–4", "reps": "10–12"}),
        ("bulgarian_split_squat", "beginner", {"sets": "2–4", "reps": "6–8", "per_side": True}),
        ("fire_hydrant", "beginner", {"sets": "2–4", "reps": "5–8", "per_side": True}),
    ],
)
def test_an_article_exercise_has_the_dose_of_the_article(
    catalog: Catalog, exercise_id: str, level: str, dose: dict[str, Any]
) -> None:
    dosage = catalog.exercise(exercise_id).dosage_at(level)
    for field, expected in dose.items():
        value = getattr(dosage, field)
        assert (str(value) if isinstance(expected, str) else value) == expected, field


@pytest.mark.parametrize(
    ("exercise_id", "item"),
    [("bulgarian_split_squat", "dumbbells"), ("fire_hydrant", "mini_band")],
)
def test_an_article_exercise_needs_its_kit_only_from_the_intermediate_level(
    catalog: Catalog, exercise_id: str, item: str
) -> None:
    exercise = catalog.exercise(exercise_id)
    assert item in exercise.equipment_at("intermediate")
    assert item not in exercise.equipment_at("beginner")


@pytest.mark.parametrize("exercise_id", ARTICLE_EXERCISES)
def test_an_article_exercise_cites_its_article(catalog: Catalog, exercise_id: str) -> None:
    assert {"seed_glutes", "seed_hips"} & set(catalog.exercise(exercise_id).sources)


@pytest.mark.parametrize("exercise_id", ["single_leg_bridge", "step_up", "a_march", "a_skip"])
def test_a_progression_is_a_full_exercise_entry(catalog: Catalog, exercise_id: str) -> None:
    exercise = catalog.exercise(exercise_id)
    assert exercise.kind == "exercise"
    assert exercise.purpose
    assert exercise.steps
    assert exercise.cues
    assert exercise.common_faults
    assert exercise.dosage.describe()
    assert [level.name for level in exercise.levels][:2] == ["beginner", "intermediate"]


# ---------------------------------------------------------------------------------------
# The readiness tests.


@pytest.mark.parametrize(
    ("battery", "keys"), [("load_impact", LOAD_IMPACT_TESTS), ("strength", STRENGTH_TESTS)]
)
def test_every_test_the_intake_asks_about_is_in_the_catalog(
    catalog: Catalog, battery: str, keys: tuple[str, ...]
) -> None:
    tests = catalog.tests(battery)
    assert all(test.kind == "test" for test in tests)
    assert sorted(test.test.result_key for test in tests if test.test) == sorted(keys)


def test_there_are_seven_load_and_impact_tests_and_four_strength_tests(catalog: Catalog) -> None:
    assert len(catalog.tests("load_impact")) == 7
    assert len(catalog.tests("strength")) == 4


def test_every_strength_test_asks_for_twenty_reps(catalog: Catalog) -> None:
    targets = [test.test.target_reps for test in catalog.tests("strength") if test.test]
    assert targets == [STRENGTH_TARGET_REPS] * 4
    assert STRENGTH_TARGET_REPS == 20


# ---------------------------------------------------------------------------------------
# Every exercise.


@pytest.mark.parametrize("exercise_id", PACKAGED_IDS)
def test_every_exercise_can_be_started_at_home_at_the_beginner_level(
    catalog: Catalog, exercise_id: str
) -> None:
    exercise = catalog.exercise(exercise_id)
    assert exercise.levels[0].name == "beginner"
    needed = exercise.equipment_at("beginner")
    lacking = [i for i in needed if i in OPTIONAL_EQUIPMENT and i not in exercise.substitutes]
    assert lacking == []


@pytest.mark.parametrize("exercise_id", PACKAGED_IDS)
def test_every_exercise_cites_a_source_and_progresses_to_known_exercises(
    catalog: Catalog, exercise_id: str
) -> None:
    exercise = catalog.exercise(exercise_id)
    assert exercise.sources
    assert [i for i in exercise.progresses_to if i not in catalog.exercises] == []


def test_every_exercise_the_default_protocol_names_exists(catalog: Catalog) -> None:
    protocol = catalog.default_protocol
    named = [split_ref(ref)[0] for block in protocol.foundation for ref in block.strength]
    named += [split_ref(ref)[0] for block in protocol.foundation for ref in block.mobility]
    named += [
        split_ref(ref)[0]
        for block in protocol.running_strength
        for session in block.sessions
        for ref in session
    ]
    named += protocol.retest
    assert named
    assert sorted({i for i in named if i not in catalog.exercises}) == []


# ---------------------------------------------------------------------------------------
# The walk-run stages.


def test_the_walk_run_opens_with_run_bouts_of_one_to_two_minutes(catalog: Catalog) -> None:
    first = catalog.default_protocol.walk_run.stages[0]
    assert 60 <= first.run_seconds <= 120


def test_no_walk_run_stage_runs_more_than_ten_percent_more_than_the_one_before(
    catalog: Catalog,
) -> None:
    stages = catalog.default_protocol.walk_run.stages
    for index, after in enumerate(stages[1:], 1):
        longest = max(stage.running_seconds for stage in stages[:index])
        assert after.running_seconds <= longest * 1.1


def test_the_walk_run_ends_at_thirty_minutes_without_a_break(catalog: Catalog) -> None:
    stage = catalog.default_protocol.walk_run.stages[-1]
    assert stage.repeats == 1
    assert stage.run_seconds == 30 * 60
    assert "without a break" in stage.describe()


def test_each_walk_run_stage_changes_one_thing(catalog: Catalog) -> None:
    stages = catalog.default_protocol.walk_run.stages
    assert all(len(stage_changes(a, b)) == 1 for a, b in pairwise(stages))


@pytest.mark.parametrize(
    ("before", "after", "changed"),
    [
        ((60, 90, 8), (65, 90, 8), ["the run bout"]),
        ((60, 90, 8), (60, 60, 8), ["the walk bout"]),
        ((60, 90, 8), (60, 90, 7), ["the repeats"]),
        ((60, 90, 8), (65, 60, 7), ["the run bout", "the walk bout", "the repeats"]),
        ((150, 30, 8), (1200, 0, 1), ["the walk bout"]),
        ((150, 30, 8), (1320, 0, 1), ["the walk bout", "the minutes of running"]),
        ((1200, 0, 1), (1320, 0, 1), ["the minutes of running"]),
    ],
)
def test_what_changes_between_two_stages(
    before: tuple[int, int, int], after: tuple[int, int, int], changed: list[str]
) -> None:
    def stage(run: int, walk: int, repeats: int) -> Stage:
        return Stage(run_seconds=run, walk_seconds=walk, repeats=repeats)

    assert stage_changes(stage(*before), stage(*after)) == changed


# ---------------------------------------------------------------------------------------
# Ranges and doses.


@pytest.mark.parametrize(
    "given", ["8-10", "8–10", " 8 - 10 ", [8, 10], {"min": 8, "max": 10}], ids=repr
)
def test_a_range_can_be_written_several_ways(given: Any) -> None:
    assert Dosage.model_validate({"reps": given}).reps == Range(min=8, max=10)


@pytest.mark.parametrize(("given", "expected"), [(8, "8"), ("8", "8"), ("8-8", "8")])
def test_a_single_number_is_a_range_of_one(given: Any, expected: str) -> None:
    assert str(Dosage.model_validate({"reps": given}).reps) == expected


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("ten", "should be a number or a range such as 8-10"),
        ("10-8", "starts above its end"),
        (True, "should be a number or a range such as 8-10"),
        ("8 to 10", "should be a number or a range such as 8-10"),
        (-1, "greater than or equal to 0"),
    ],
    ids=repr,
)
def test_a_range_that_is_not_one_is_refused(given: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Dosage.model_validate({"reps": given})


@pytest.mark.parametrize(
    ("dose", "words"),
    [
        ({"sets": 3, "reps": "8-10"}, "3 sets of 8–10 reps"),
        ({"sets": 1, "reps": 10}, "1 set of 10 reps"),
        ({"reps": "5-8", "per_side": True}, "5–8 reps, each side"),
        (
            {"sets": 3, "reps": 5, "hold_seconds": "5-8", "per_side": True},
            "3 sets of 5 reps, hold 5–8 s, each side",
        ),
        (
            {"sets": "2-3", "steps": "8-10", "each_direction": True},
            "2–3 sets of 8–10 steps, each direction",
        ),
        (
            {"sets": 2, "reps": "5-8", "per_side": True, "each_direction": True},
            "2 sets of 5–8 reps, each side, each direction",
        ),
        ({"hold_seconds": 10}, "hold 10 s"),
        ({"duration_seconds": "600-900"}, "10–15 min"),
        ({"duration_seconds": 1800}, "30 min"),
        ({"duration_seconds": 90}, "90 s"),
        ({"duration_seconds": 45}, "45 s"),
    ],
)
def test_a_dose_is_described_in_plain_words(dose: dict[str, Any], words: str) -> None:
    assert Dosage.model_validate(dose).describe() == words


def test_a_dose_without_an_amount_is_refused() -> None:
    with pytest.raises(ValidationError, match="give at least one of reps"):
        Dosage.model_validate({"sets": 3, "per_side": True})


# ---------------------------------------------------------------------------------------
# Bad files: each names the file and the field.


def packaged(kind: str, name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / kind / f"{name}.yaml").read_text("utf-8"))
    return data


def my_exercise(**changes: Any) -> dict[str, Any]:
    data = {**packaged("exercises", "running_man_wall_push"), "id": "my_wall_push"}
    return {**data, **changes}


def my_protocol(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(packaged("protocols", "strideback_return"))
    data["id"] = "my_return"
    change(data)
    return data


def without(data: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != key}


def name_unknown_exercise(protocol: dict[str, Any]) -> None:
    protocol["foundation"][0]["mobility"].append("moon_walk")


def jump_a_stage(protocol: dict[str, Any]) -> None:
    protocol["walk_run"]["stages"][1] = {"run_seconds": 90, "walk_seconds": 90, "repeats": 8}


def change_two_things(protocol: dict[str, Any]) -> None:
    protocol["walk_run"]["stages"][1] = {"run_seconds": 65, "walk_seconds": 60, "repeats": 8}


def load_error(path: Path, data: Any) -> str:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalog([path])
    return caught.value.describe()


BEGINNER_BALL = {"name": "beginner", "changes": "Sit on the ball.", "equipment": ["physio_ball"]}


@pytest.mark.parametrize(
    ("data", "words"),
    [
        pytest.param(without(my_exercise(), "cues"), ["cues", "required"], id="missing field"),
        pytest.param(
            my_exercise(position="hopping"),
            ["position", "'hopping' is not allowed", "'standing'", "'side_lying'"],
            id="wrong enum value",
        ),
        pytest.param(
            my_exercise(colour="blue"),
            ["colour", "Allowed here", "steps", "cues", "dosage", "sources"],
            id="unknown key",
        ),
        pytest.param(
            my_exercise(dosage={"reps": 5, "colour": "blue"}),
            ["dosage.colour", "Allowed here", "hold_seconds"],
            id="unknown nested key",
        ),
        pytest.param(
            my_exercise(levels=list(reversed(my_exercise()["levels"]))),
            ["levels", "in order", "got intermediate, beginner"],
            id="levels out of order",
        ),
        pytest.param(
            my_exercise(equipment=["wall"], substitutes={}, levels=[BEGINNER_BALL]),
            ["beginner", "substitutes", "physio_ball"],
            id="beginner needs a ball",
        ),
        pytest.param(
            my_protocol(name_unknown_exercise),
            ["foundation[0].mobility", "'moon_walk'", "not in the catalog"],
            id="protocol names an unknown exercise",
        ),
        pytest.param(
            my_protocol(jump_a_stage),
            ["walk_run.stages", "stages[1]", "110%", "frandsen2025"],
            id="protocol stage jumps",
        ),
        pytest.param(
            my_protocol(change_two_things),
            ["walk_run.stages", "stages[1]", "the run bout and the walk bout", "deering2024"],
            id="protocol stage changes two things",
        ),
        pytest.param(
            my_exercise(kind="drill"),
            ["kind", "'drill'", "exercise, test, protocol"],
            id="unknown kind",
        ),
        pytest.param(
            my_exercise(progresses_to=["moon_walk"]),
            ["progresses_to", "moon_walk", "not in the catalog"],
            id="progression to nothing",
        ),
        pytest.param(
            my_exercise(dosage={"reps": "10-8"}),
            ["dosage.reps", "starts above its end"],
            id="range backwards",
        ),
    ],
)
def test_a_bad_catalog_file_is_named_with_its_field(
    tmp_path: Path, data: dict[str, Any], words: list[str]
) -> None:
    path = tmp_path / "mine.yaml"
    message = load_error(path, data)
    assert str(path) in message
    for word in words:
        assert word in message


def test_an_id_already_in_the_catalog_names_both_files(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    message = load_error(path, my_exercise(id="running_man_wall_push"))
    assert str(path) in message
    assert "running_man_wall_push.yaml" in message


def test_a_file_holding_a_list_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    assert str(path) in load_error(path, [my_exercise()])


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param([my_exercise()], "should hold a mapping", id="a list"),
        pytest.param(
            without(my_exercise(), "kind"), "kind: Kind: please say what kind it is.", id="no kind"
        ),
    ],
)
def test_a_file_that_is_not_an_entry_says_what_an_entry_needs(
    tmp_path: Path, data: Any, expected: str
) -> None:
    message = load_error(tmp_path / "mine.yaml", data)
    assert expected in message
    assert "None" not in message


def test_my_own_good_file_joins_the_catalog(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(my_exercise(), allow_unicode=True), encoding="utf-8")
    catalog = load_catalog([path])
    assert (
        catalog.exercise("my_wall_push").dosage.describe()
        == "3 sets of 5 reps, hold 5–8 s, each side"
    )
    assert catalog.origins["my_wall_push"] == str(path)
