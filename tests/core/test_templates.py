"""Programme templates: the packaged examples hold, unsafe content is refused by its rule, and
applying one gives the events a professional would record, dated and signed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from strideback.core.catalog import Catalog, practice_exercise
from strideback.core.errors import InputError
from strideback.core.programme_templates import (
    TEMPLATE_RULES,
    ProgrammeTemplate,
    apply_template,
    load_template,
    packaged_templates,
    programme_template,
)
from strideback.core.sources import SOURCES

TODAY = date(2026, 11, 21)
AUTHOR = {"id": 7, "name": "Ann Physio", "practice": 17}
SOURCE = "template: mine"


def template(*actions: dict[str, Any], **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "mine",
        "name": "My template",
        "description": "A template of my own, for the tests.",
        "for": {"phase": "start"},
        "sources": ["goom2019"],
        "actions": list(actions) or [{"type": "hold", "reason": "Wait for the check."}],
    }
    return {**data, **fields}


def dose(**fields: Any) -> dict[str, Any]:
    return {"type": "dose", "exercise": "double_leg_bridge", "reason": "Fewer for now.", **fields}


def problems_of(data: dict[str, Any], catalog: Catalog) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        programme_template(data, SOURCE, catalog)
    found: dict[str, str] = {}
    for problem in caught.value.problems:
        found[problem.field] = " | ".join(
            [*filter(None, [found.get(problem.field)]), problem.message]
        )
    return found


# ---------------------------------------------------------------------------------------
# The packaged examples.


def test_the_packaged_templates_load_and_cite_known_sources(catalog: Catalog) -> None:
    templates = packaged_templates(catalog)
    assert {t.id for t in templates} == {"caesarean_slow_return", "pelvic_floor_first"}
    for each in templates:
        assert each.phase == "start"
        assert set(each.sources) <= set(SOURCES)
    caesarean = next(t for t in templates if t.id == "caesarean_slow_return")
    assert caesarean.conditions == ["caesarean"]


def test_the_packaged_templates_are_not_read_as_catalog_entries(catalog: Catalog) -> None:
    assert "caesarean_slow_return" not in catalog.exercises
    assert "caesarean_slow_return" not in catalog.protocols


# ---------------------------------------------------------------------------------------
# What a template may not hold.


@pytest.mark.parametrize(
    ("action", "field", "rule"),
    [
        pytest.param(
            {"type": "clearance", "by": "Dr Who"},
            "actions[0].type",
            "no_lifting_safety",
            id="clear",
        ),
        pytest.param({"type": "release"}, "actions[0].type", "no_lifting_safety", id="release"),
        pytest.param(
            {"type": "stage", "direction": "forward", "reason": "Doing well."},
            "actions[0].direction",
            "no_lifting_safety",
            id="stage forward",
        ),
        pytest.param(
            {"type": "add", "exercise": "a_skip", "session": "strength", "reason": "Drills."},
            "actions[0].exercise",
            "impact_for_phase",
            id="moderate impact at the start",
        ),
        pytest.param(
            {
                "type": "add",
                "exercise": "hop_in_place_test",
                "session": "strength",
                "reason": "Hop.",
            },
            "actions[0].exercise",
            "no_test_as_exercise",
            id="a readiness test",
        ),
        pytest.param(dose(sets=4), "actions[0].sets", "dose_within_levels", id="too many sets"),
        pytest.param(dose(reps=13), "actions[0].reps", "dose_within_levels", id="too many reps"),
        pytest.param(
            dose(hold_seconds=5), "actions[0].hold_seconds", "dose_within_levels", id="not held"
        ),
        pytest.param(
            dose(level="advanced"), "actions[0].level", "dose_within_levels", id="no such level"
        ),
    ],
)
def test_unsafe_content_is_refused_naming_the_field_and_the_rule(
    catalog: Catalog, action: dict[str, Any], field: str, rule: str
) -> None:
    message = problems_of(template(action), catalog)[field]
    assert f"rule {rule}: {TEMPLATE_RULES[rule]}" in message


def test_an_exercise_from_after_twelve_weeks_is_refused_at_the_start_but_not_once_running(
    catalog: Catalog,
) -> None:
    late = catalog.with_exercises([_late_exercise(catalog)])
    add = {"type": "add", "exercise": "p17_late", "session": "strength", "reason": "Later."}
    message = problems_of(template(add), late)["actions[0].exercise"]
    assert "from week 14" in message
    assert "not_before_running_weeks" in message
    assert programme_template(template(add, **{"for": {"phase": "running"}}), SOURCE, late)


def test_a_later_start_for_a_condition_counts_at_the_start(catalog: Catalog) -> None:
    """leaning_wall_marching starts at week 7, or 10 after a caesarean: both before 12."""
    add = {
        "type": "add",
        "exercise": "leaning_wall_marching",
        "session": "strength",
        "reason": "Go.",
    }
    for_caesarean = {"for": {"phase": "start", "conditions": ["caesarean"]}}
    assert programme_template(template(add, **for_caesarean), SOURCE, catalog)


def test_moderate_impact_is_allowed_once_running_but_high_never(catalog: Catalog) -> None:
    running = {"for": {"phase": "running"}}
    skip = {"type": "add", "exercise": "a_skip", "session": "strength", "reason": "Drills."}
    assert programme_template(template(skip, **running), SOURCE, catalog)
    hop = {"type": "swap", "exercise": "a_skip", "with": "forward_bounds_test", "reason": "Bound."}
    message = problems_of(template(hop, **running), catalog)["actions[0].with"]
    assert "high impact" in message
    assert "impact_for_phase" in message


def test_without_for_a_template_is_held_to_the_rules_of_the_start(catalog: Catalog) -> None:
    skip = {"type": "add", "exercise": "a_skip", "session": "mobility", "reason": "Drills."}
    data = template(skip)
    del data["for"]
    assert "impact_for_phase" in problems_of(data, catalog)["actions[0].exercise"]


def test_a_caution_to_avoid_or_a_level_cap_for_its_condition_is_kept(catalog: Catalog) -> None:
    capped = catalog.with_exercises([_late_exercise(catalog, week=3, avoid=False, cap=True)])
    for_tear = {"for": {"conditions": ["severe_perineal_tear"]}}
    message = problems_of(
        template(dose(exercise="p17_late", level="intermediate"), **for_tear), capped
    )["actions[0].level"]
    assert "caps 'p17_late' at beginner" in message
    assert "cautions_for_conditions" in message
    avoided = catalog.with_exercises([_late_exercise(catalog, week=3, avoid=True)])
    add = {"type": "add", "exercise": "p17_late", "session": "strength", "reason": "Go."}
    message = problems_of(template(add, **for_tear), avoided)["actions[0].exercise"]
    assert "to avoid with severe_perineal_tear" in message


def test_an_unknown_exercise_is_named(catalog: Catalog) -> None:
    swap = {"type": "swap", "exercise": "squat", "with": "fire_hydrant", "reason": "Hips."}
    add = {"type": "add", "exercise": "p17_squat", "session": "strength", "reason": "Hips."}
    problems = problems_of(template(swap, add), catalog)
    assert "'squat' is not in the catalog" in problems["actions[0].exercise"]
    assert (
        "'p17_squat' is not in the catalog (nor your practice's)" in problems["actions[1].exercise"]
    )


def test_bad_fields_are_named_by_action_and_field(catalog: Catalog) -> None:
    problems = problems_of(
        template(
            {"type": "swap", "exercise": "squat", "with": "squat", "reason": "Hips."},
            {"type": "add", "exercise": "fire_hydrant", "session": "run", "reason": "Hips."},
            {"type": "retest_due", "in_days": 0},
            {"type": "dose", "exercise": "fire_hydrant", "reason": "Nothing changes."},
            {"type": "hold"},
        ),
        catalog,
    )
    assert "swaps 'squat' with itself" in problems["actions[0]"]
    assert "'strength'" in problems["actions[1].session"]
    assert "actions[2].in_days" in problems
    assert "at least one of level, sets, reps or hold_seconds" in problems["actions[3]"]
    assert "Reason" in problems["actions[4].reason"]


def test_a_bad_file_is_named(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"mine\.yaml: should hold a mapping"):
        load_template(path, catalog)
    path.write_text(yaml.safe_dump(template(dose(sets=9))), encoding="utf-8")
    with pytest.raises(InputError, match=r"actions\[0\]\.sets: 9 .*dose_within_levels"):
        load_template(path, catalog)


# ---------------------------------------------------------------------------------------
# Applying.


def test_applying_gives_dated_events_signed_by_the_author(catalog: Catalog) -> None:
    caesarean = next(t for t in packaged_templates(catalog) if t.id == "caesarean_slow_return")
    events = apply_template(caesarean, today=TODAY, author=AUTHOR, catalog=catalog)
    assert [e["type"] for e in events] == ["hold", "dose", "swap", "add", "retest_due"]
    assert all(e["date"] == "2026-11-21" and e["author"] == AUTHOR for e in events)
    assert events[1] == {
        "type": "dose",
        "exercise": "double_leg_bridge",
        "level": "beginner",
        "sets": 2,
        "reps": 8,
        "hold_seconds": None,
        "reason": "Two sets of 8 while the scar heals; lift only as high as feels comfortable.",
        "date": "2026-11-21",
        "author": AUTHOR,
    }
    assert events[2]["with"] == "pelvic_tilts"
    assert events[4] == {
        "type": "retest_due",
        "on": "2027-01-02",
        "date": "2026-11-21",
        "author": AUTHOR,
    }


def test_applying_with_a_practice_exercise(catalog: Catalog) -> None:
    mine = catalog.with_exercises([_late_exercise(catalog, week=6)])
    add = {"type": "add", "exercise": "p17_late", "session": "mobility", "reason": "Ours."}
    events = apply_template(
        programme_template(template(add), SOURCE, mine), today=TODAY, author=AUTHOR, catalog=mine
    )
    assert events == [{**add, "date": "2026-11-21", "author": AUTHOR}]


def test_applying_checks_again_against_the_catalog_of_the_day(catalog: Catalog) -> None:
    mine = catalog.with_exercises([_late_exercise(catalog, week=6)])
    add = {"type": "add", "exercise": "p17_late", "session": "mobility", "reason": "Ours."}
    saved = programme_template(template(add), SOURCE, mine)
    with pytest.raises(InputError, match="'p17_late' is not in the catalog"):
        apply_template(saved, today=TODAY, author=AUTHOR, catalog=catalog)


def test_a_template_in_code_reads_with_or_without_the_trailing_underscores() -> None:
    by_alias = ProgrammeTemplate.model_validate(template(**{"for": {"phase": "running"}}))
    data = template()
    del data["for"]
    by_name = ProgrammeTemplate.model_validate({**data, "for_": {"phase": "running"}})
    assert by_alias.phase == by_name.phase == "running"


def _late_exercise(
    catalog: Catalog, *, week: int = 14, avoid: bool = False, cap: bool = False
) -> Any:
    caution: dict[str, Any] = {"condition": "severe_perineal_tear", "advice": "Go gently here."}
    data = {
        "id": "p17_late",
        "kind": "exercise",
        "name": "Late lunge",
        "category": "strength",
        "purpose": "A lunge for later on.",
        "steps": ["Step forward and bend both knees."],
        "cues": ["Tall trunk."],
        "position": "split_stance",
        "impact": "none",
        "earliest_week": week,
        "dosage": {"sets": 2, "reps": 8},
        "levels": [
            {"name": "beginner", "changes": "Small."},
            {"name": "intermediate", "changes": "Deeper."},
        ],
        "sources": ["practice"],
        "pose": {"base": "split_stance"},
        "cautions": [
            {
                **caution,
                **({"avoid": True} if avoid else {}),
                **({"max_level": "beginner"} if cap else {}),
            }
        ],
    }
    return practice_exercise(data, "practice 17", prefix="p17_", catalog=catalog)


@pytest.mark.parametrize("actions", ["hold", ["hold"]], ids=["not a list", "not a mapping"])
def test_actions_that_are_not_actions_are_named(catalog: Catalog, actions: Any) -> None:
    problems = problems_of(template(**{"actions": actions}), catalog)
    assert any(field.startswith("actions") for field in problems)
