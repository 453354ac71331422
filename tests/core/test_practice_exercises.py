"""A practice's own exercises: checked like the packaged ones and more, drawn from their pose,
found in the catalog they are added to, and stored under a fingerprint of their content."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import pytest

from strideback.core.catalog import (
    DEFAULT_PROTOCOL,
    PRACTICE_PREFIX,
    Catalog,
    Exercise,
    exercise_fingerprint,
    load_catalog,
    practice_exercise,
    practice_prefix,
)
from strideback.core.drawing.figures import practice_exercise_figure, render
from strideback.core.errors import InputError
from strideback.core.player import session_script
from strideback.core.programme import plan_for
from strideback.core.programme.model import Session
from strideback.core.programme.prescription import prescribe
from tests.conftest import make_intake

PREFIX = practice_prefix(17)
SOURCE = "practice 17: wall sit"


def wall_sit(**changes: Any) -> dict[str, Any]:
    """A practice's exercise as its author writes it."""
    data: dict[str, Any] = {
        "id": "p17_wall_sit",
        "kind": "exercise",
        "name": "Wall sit",
        "category": "strength",
        "purpose": "Builds the thighs' staying power without any impact.",
        "steps": ["Lean your back on a wall and slide down until your knees are bent a little."],
        "cues": ["Keep breathing; let your pelvic floor lift as you breathe out."],
        "position": "wall_lean",
        "impact": "none",
        "earliest_week": 6,
        "dosage": {"sets": 3, "hold_seconds": "15-20"},
        "levels": [
            {"name": "beginner", "changes": "A shallow bend."},
            {
                "name": "intermediate",
                "changes": "Bend deeper and hold longer.",
                "dosage": {"sets": 3, "hold_seconds": "25-30"},
            },
        ],
        "progresses_to": ["bulgarian_split_squat"],
        "sources": ["practice"],
        "pose": {
            "base": "standing",
            "torso": 0,
            "legs": {"hip": 60, "knee": 60},
            "props": {"wall": "behind"},
        },
    }
    return {**data, **changes}


def check(data: dict[str, Any], catalog: Catalog) -> Exercise:
    return practice_exercise(data, SOURCE, prefix=PREFIX, catalog=catalog)


def problems_of(data: dict[str, Any], catalog: Catalog) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        check(data, catalog)
    assert caught.value.source == SOURCE
    return {problem.field: problem.message for problem in caught.value.problems}


def test_a_good_practice_exercise_is_accepted(catalog: Catalog) -> None:
    exercise = check(wall_sit(), catalog)
    assert exercise.id == "p17_wall_sit"
    assert exercise.sources == ["practice"]


def test_it_may_cite_known_sources_beside_or_instead_of_the_practice(catalog: Catalog) -> None:
    assert check(wall_sit(sources=["selman2022", "practice"]), catalog).sources == [
        "selman2022",
        "practice",
    ]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        pytest.param({"id": "wall_sit"}, "id", ["'p17_'", "p17_wall_sit"], id="no prefix"),
        pytest.param(
            {"id": "p17_wall-sit"}, "id", ["should match pattern"], id="a hyphen is not a slug"
        ),
        pytest.param({"kind": "test"}, "kind", ["Allowed: exercise"], id="a readiness test"),
        pytest.param({"pose": None}, "pose", ["needs a pose", "catalog poses"], id="no pose"),
        pytest.param({"sources": ["my_notes"]}, "sources[0]", ["'practice'"], id="unknown source"),
        pytest.param({"sources": []}, "sources", ["at least 1"], id="no source"),
        pytest.param(
            {"progresses_to": ["p17_lunge"]}, "progresses_to", ["'p17_lunge'"], id="unknown next"
        ),
        pytest.param({"impact": "huge"}, "impact", ["'huge'", "'low'"], id="unknown impact"),
        pytest.param({"speed": 3}, "speed", ["Allowed here", "purpose"], id="unknown field"),
        pytest.param(
            {"pose": {"base": "standing", "legs": {"knee": 170}}},
            "pose.legs.knee",
            ["0 to 160"],
            id="bad angle",
        ),
    ],
)
def test_a_bad_exercise_names_the_field_and_what_is_allowed(
    catalog: Catalog, changes: dict[str, Any], field: str, words: list[str]
) -> None:
    message = problems_of(wall_sit(**changes), catalog)[field]
    for word in words:
        assert word in message


def test_every_problem_is_reported_at_once(catalog: Catalog) -> None:
    problems = problems_of(wall_sit(id="wall_sit", pose=None, impact="huge"), catalog)
    assert set(problems) == {"id", "pose", "impact"}


def test_an_id_already_in_the_catalog_is_refused(catalog: Catalog) -> None:
    mine = catalog.with_exercises([check(wall_sit(), catalog)])
    assert "already in the catalog" in problems_of(wall_sit(), mine)["id"]


def test_it_may_progress_to_another_of_the_practice_exercises(catalog: Catalog) -> None:
    deeper = check(wall_sit(id="p17_deep_wall_sit", progresses_to=[]), catalog)
    mine = catalog.with_exercises([deeper])
    assert check(wall_sit(progresses_to=["p17_deep_wall_sit"]), mine).progresses_to == [
        "p17_deep_wall_sit"
    ]


def test_a_malformed_prefix_is_a_programming_error(catalog: Catalog) -> None:
    with pytest.raises(ValueError, match="p17_"):
        practice_exercise(wall_sit(), SOURCE, prefix="p17-", catalog=catalog)


def test_no_packaged_exercise_has_the_shape_of_a_practice_id_or_cites_the_practice() -> None:
    packaged = load_catalog().exercises.values()
    assert not [e.id for e in packaged if re.match(r"^p[0-9]+_", e.id)]
    assert not [e.id for e in packaged if "practice" in e.sources]
    assert PRACTICE_PREFIX.match(practice_prefix(3))


# ---------------------------------------------------------------------------------------
# Its picture.


def test_its_picture_is_drawn_from_its_own_pose(catalog: Catalog) -> None:
    exercise = check(wall_sit(), catalog)
    svg = practice_exercise_figure(exercise, SOURCE)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None
    assert title.text == "Wall sit: the key position"
    assert root.find(".//{http://www.w3.org/2000/svg}circle") is not None  # the head
    assert root.find(".//{http://www.w3.org/2000/svg}rect") is not None  # the wall


def test_without_a_pose_there_is_no_picture(catalog: Catalog) -> None:
    exercise = check(wall_sit(), catalog).model_copy(update={"pose": None})
    with pytest.raises(InputError, match="pose: a practice exercise needs a pose"):
        practice_exercise_figure(exercise, SOURCE)


def test_a_pose_the_drawing_cannot_place_is_bad_input_on_the_pose(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cannot_draw(*_: object, **__: object) -> str:
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(render, "render_pose", cannot_draw)
    with pytest.raises(InputError) as caught:
        practice_exercise_figure(check(wall_sit(), catalog), SOURCE)
    assert caught.value.problems[0].field == "pose"
    assert "could not be drawn" in caught.value.problems[0].message


# ---------------------------------------------------------------------------------------
# The catalog with a practice's exercises.


def test_the_extended_catalog_finds_it_and_still_finds_the_packaged_ones(
    catalog: Catalog,
) -> None:
    mine = catalog.with_exercises([check(wall_sit(), catalog)], origin="practice 17")
    assert mine.exercise("p17_wall_sit").name == "Wall sit"
    assert mine.exercise("fire_hydrant") is catalog.exercise("fire_hydrant")
    assert mine.origins["p17_wall_sit"] == "practice 17"
    assert mine.default_protocol is catalog.default_protocol
    assert "p17_wall_sit" not in catalog.exercises  # the packaged catalog is unchanged


def test_adding_an_exercise_twice_or_over_a_packaged_one_is_refused(catalog: Catalog) -> None:
    exercise = check(wall_sit(), catalog)
    with pytest.raises(InputError, match="'p17_wall_sit' is already defined in practice"):
        catalog.with_exercises([exercise, exercise])
    packaged = catalog.exercise("fire_hydrant")
    with pytest.raises(InputError, match=r"'fire_hydrant' is already defined in .*fire_hydrant"):
        catalog.with_exercises([packaged])


def test_a_batch_is_checked_as_a_whole_for_what_it_progresses_to(catalog: Catalog) -> None:
    lunge = check(wall_sit(id="p17_lunge", progresses_to=[]), catalog)
    sit = check(wall_sit(), catalog).model_copy(update={"progresses_to": ["p17_lunge"]})
    assert catalog.with_exercises([sit, lunge]).exercise("p17_wall_sit")
    with pytest.raises(InputError, match="progresses_to: names 'p17_lunge'"):
        catalog.with_exercises([sit])


def test_a_plan_prescribes_it_and_the_player_speaks_its_words(catalog: Catalog) -> None:
    mine = catalog.with_exercises([check(wall_sit(), catalog)])
    item = prescribe(mine.exercise("p17_wall_sit"), "intermediate", make_intake(weeks=14))
    assert (item.name, item.level, item.dose) == (
        "Wall sit",
        "intermediate",
        "3 sets of hold 25–30 s",
    )
    session = Session(
        date=date(2026, 11, 21), kind="strength", title="Strength", summary="", items=[item]
    )
    script = session_script(session, mine)
    assert script.exercises[0].name == "Wall sit"
    assert script.exercises[0].cue == wall_sit()["cues"][0]
    assert any("Wall sit" in step.say for step in script.steps)


def test_a_plan_from_a_protocol_naming_it_prescribes_it(catalog: Catalog) -> None:
    """The replay looks exercises up through the catalog it is given, so a practice's
    exercise named by its protocol (or, later, by a swap or an add) is prescribed."""
    mine = catalog.with_exercises([check(wall_sit(), catalog)])
    packaged = catalog.default_protocol
    blocks = [
        block.model_copy(update={"strength": [*block.strength, "p17_wall_sit"]})
        for block in packaged.foundation
    ]
    protocol = packaged.model_copy(update={"foundation": blocks})
    extended = Catalog(
        exercises=mine.exercises, protocols={DEFAULT_PROTOCOL: protocol}, origins=mine.origins
    )
    plan = plan_for(make_intake(weeks=8), extended)
    items = [item for session in plan.sessions for item in session.items]
    assert "p17_wall_sit" in {item.exercise_id for item in items}
    assert "p17_wall_sit" not in {
        i.exercise_id for s in plan_for(make_intake(weeks=8), catalog).sessions for i in s.items
    }


# ---------------------------------------------------------------------------------------
# Its fingerprint.


def test_the_fingerprint_is_a_stable_sha256(catalog: Catalog) -> None:
    fingerprint = exercise_fingerprint(check(wall_sit(), catalog))
    assert re.fullmatch(r"[0-9a-f]{64}", fingerprint)
    assert fingerprint == exercise_fingerprint(check(wall_sit(), catalog))


@pytest.mark.parametrize(
    "same",
    [
        pytest.param(
            {"dosage": {"hold_seconds": {"min": 15, "max": 20}, "sets": "3"}}, id="ranges"
        ),
        pytest.param({"common_faults": [], "equipment": []}, id="defaults spelt out"),
    ],
)
def test_the_same_content_written_otherwise_keeps_its_fingerprint(
    catalog: Catalog, same: dict[str, Any]
) -> None:
    before = exercise_fingerprint(check(wall_sit(), catalog))
    assert exercise_fingerprint(check(wall_sit(**same), catalog)) == before
    reordered = dict(reversed(list(wall_sit(**same).items())))
    assert exercise_fingerprint(check(reordered, catalog)) == before


@pytest.mark.parametrize(
    "changed",
    [
        {"name": "Wall squat hold"},
        {"earliest_week": 7},
        {"dosage": {"sets": 2, "hold_seconds": "15-20"}},
        {"cues": ["Breathe out as you slide down."]},
        {
            "pose": {
                "base": "standing",
                "legs": {"hip": 80, "knee": 80},
                "props": {"wall": "behind"},
            }
        },
    ],
)
def test_any_change_of_content_changes_the_fingerprint(
    catalog: Catalog, changed: dict[str, Any]
) -> None:
    before = exercise_fingerprint(check(wall_sit(), catalog))
    assert exercise_fingerprint(check(wall_sit(**changed), catalog)) != before
