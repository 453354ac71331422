"""Programme templates: a practice's ready-made set of professional actions for a kind of
runner (e.g. "caesarean, slow return"), applied to one runner's programme in one go.

A template holds the actions a professional records, in the events' own formats, less the
``date`` and ``author`` that applying fills in: ``hold``, ``dose``, ``swap``, ``add``,
``retest_due`` (``in_days``, recorded as the day it falls ``on``) and ``stage`` back. It is
checked against the catalog (with the practice's own exercises) and against safety rules,
because it is applied without the professional looking at each runner's week:

- ``no_lifting_safety``: nothing that lifts safety: no stage forward, no clearance, release
  or resume; only a professional acting for one runner after assessing her may do that.
- ``impact_for_phase``: at the start, nothing brought in or dosed above low impact; once
  running, nothing above moderate (the readiness tests' hops and bounds are never in one).
- ``not_before_running_weeks``: at the start, no exercise whose earliest week after birth
  (later where a caution for the template's conditions says so) is after the week running
  may start.
- ``cautions_for_conditions``: nothing a caution says to avoid with a condition the template
  is for, and no level above the cap a caution sets.
- ``dose_within_levels``: no dose above the exercise's highest level's dosage range, and no
  level it does not have.
- ``no_test_as_exercise``: readiness tests are not prescribed as exercises.

The packaged examples are in ``data/templates``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from strideback.core.catalog import IMPACT_ORDER, Catalog, Caution, Exercise
from strideback.core.catalog.schema import Condition, Dosage, LevelName, Slug, Text
from strideback.core.documents import read_document, validate
from strideback.core.errors import InputError, Problem
from strideback.core.rules import EARLIEST_RUN_DAYS
from strideback.core.sources import SourceId

__all__ = [
    "TEMPLATE_RULES",
    "Action",
    "AddAction",
    "DoseAction",
    "HoldAction",
    "ProgrammeTemplate",
    "RetestDueAction",
    "StageAction",
    "SwapAction",
    "TemplateFor",
    "apply_template",
    "load_template",
    "packaged_templates",
    "programme_template",
]

RUNNING_WEEK = EARLIEST_RUN_DAYS // 7
# The highest impact a template may bring in, by the phase it is meant for.
MAX_IMPACT = {"start": "low", "running": "moderate"}

TEMPLATE_RULES: dict[str, str] = {
    "no_lifting_safety": (
        "a template may not lift safety (no stage forward, clearance, release or resume); "
        "only a professional acting for one runner may"
    ),
    "impact_for_phase": (
        "a template for the start brings in nothing above low impact, one for running "
        "nothing above moderate"
    ),
    "not_before_running_weeks": (
        f"a template for the start brings in no exercise meant for after week {RUNNING_WEEK}"
    ),
    "cautions_for_conditions": (
        "nothing a caution says to avoid, or above the level a caution allows, for the "
        "conditions the template is for"
    ),
    "dose_within_levels": "no dose above the exercise's highest level's dosage range",
    "no_test_as_exercise": "readiness tests are not prescribed as exercises",
}

Reason = Annotated[str, Field(min_length=3, max_length=300)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class HoldAction(_Strict):
    type: Literal["hold"]
    reason: Reason


class DoseAction(_Strict):
    type: Literal["dose"]
    exercise: Slug
    level: LevelName | None = None
    sets: int | None = Field(default=None, ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=100)
    hold_seconds: int | None = Field(default=None, ge=1, le=600)
    reason: Reason

    @model_validator(mode="after")
    def _changes_something(self) -> DoseAction:
        if (self.level, self.sets, self.reps, self.hold_seconds) == (None, None, None, None):
            raise ValueError("give at least one of level, sets, reps or hold_seconds")
        return self


class SwapAction(_Strict):
    type: Literal["swap"]
    exercise: Slug
    with_: Slug = Field(alias="with")
    reason: Reason

    @model_validator(mode="after")
    def _another(self) -> SwapAction:
        if self.exercise == self.with_:
            raise ValueError(f"swaps {self.exercise!r} with itself; name another exercise")
        return self


class AddAction(_Strict):
    type: Literal["add"]
    exercise: Slug
    session: Literal["strength", "mobility"]
    reason: Reason


class RetestDueAction(_Strict):
    type: Literal["retest_due"]
    in_days: int = Field(ge=1, le=182)


class StageAction(_Strict):
    type: Literal["stage"]
    direction: Literal["back"]
    reason: Reason


Action = Annotated[
    HoldAction | DoseAction | SwapAction | AddAction | RetestDueAction | StageAction,
    Field(discriminator="type"),
]


class TemplateFor(_Strict):
    """Whom a template is meant for: the start (foundation work, before running) or runners
    already running, and the conditions it was written for."""

    phase: Literal["start", "running"] = "start"
    conditions: list[Condition] = Field(default_factory=list)


class ProgrammeTemplate(_Strict):
    """A named set of professional actions, applied to a runner's programme in one go."""

    id: Slug
    name: Annotated[str, Field(min_length=3, max_length=80)]
    description: Text
    for_: TemplateFor | None = Field(default=None, alias="for")
    sources: list[SourceId] = Field(min_length=1)
    actions: list[Action] = Field(min_length=1)

    @property
    def phase(self) -> str:
        """The phase it is meant for; without ``for``, the start (the stricter rules)."""
        return self.for_.phase if self.for_ else "start"

    @property
    def conditions(self) -> list[str]:
        return list(self.for_.conditions) if self.for_ else []


# ---------------------------------------------------------------------------------------
# Reading and checking.


def programme_template(data: Mapping[str, Any], source: str, catalog: Catalog) -> ProgrammeTemplate:
    """A template document, validated against the schema, the catalog and the safety rules;
    ``InputError`` names each action's field, what is wrong and the rule it breaks."""
    lifting = _lifting_problems(data)
    try:
        template = validate(ProgrammeTemplate, dict(data), source)
    except InputError as error:
        named = {problem.field for problem in lifting}
        found = [Problem(_ACTION_TAG.sub(r"\1", p.field), p.message) for p in error.problems]
        raise InputError(source, [*lifting, *(p for p in found if p.field not in named)]) from None
    problems = [*lifting, *template_problems(template, catalog)]
    if problems:
        raise InputError(source, problems)
    return template


# pydantic places an action's errors under its type ("actions[1].add.session"); the author
# wrote no such level, so it is left out ("actions[1].session").
_ACTION_TAG = re.compile(r"^(actions\[\d+\])\.(?:hold|dose|swap|add|retest_due|stage)\b")


def _lifting_problems(data: Mapping[str, Any]) -> list[Problem]:
    """Actions that would lift safety, said as the rule rather than as an unknown type."""
    actions = data.get("actions")
    if not isinstance(actions, list):
        return []
    problems = []
    for index, action in enumerate(actions):
        if not isinstance(action, Mapping):
            continue
        kind = action.get("type")
        if kind in ("clearance", "release", "resume"):
            problems.append(_broken(f"actions[{index}].type", f"{kind!r}", "no_lifting_safety"))
        elif kind == "stage" and action.get("direction") != "back":
            where = f"actions[{index}].direction"
            problems.append(_broken(where, f"{action.get('direction')!r}", "no_lifting_safety"))
    return problems


def _broken(field: str, what: str, rule: str) -> Problem:
    return Problem(field, f"{what} is not allowed: rule {rule}: {TEMPLATE_RULES[rule]}.")


def template_problems(template: ProgrammeTemplate, catalog: Catalog) -> list[Problem]:
    """What in a schema-valid template names nothing in the catalog or breaks a safety rule."""
    problems: list[Problem] = []
    for index, action in enumerate(template.actions):
        where = f"actions[{index}]"
        if isinstance(action, SwapAction):
            problems += _known(f"{where}.exercise", action.exercise, catalog)
            problems += _brought_in(f"{where}.with", action.with_, template, catalog)
        elif isinstance(action, AddAction | DoseAction):
            problems += _brought_in(f"{where}.exercise", action.exercise, template, catalog)
        if isinstance(action, DoseAction) and action.exercise in catalog.exercises:
            exercise = catalog.exercise(action.exercise)
            problems += _dose_problems(where, action, exercise, template)
    return problems


def _known(field: str, exercise_id: str, catalog: Catalog) -> list[Problem]:
    if exercise_id in catalog.exercises:
        return []
    return [Problem(field, f"{exercise_id!r} is not in the catalog (nor your practice's).")]


def _brought_in(
    field: str, exercise_id: str, template: ProgrammeTemplate, catalog: Catalog
) -> list[Problem]:
    """An exercise the template brings in or doses: known, and safe for whom it is meant."""
    unknown = _known(field, exercise_id, catalog)
    if unknown:
        return unknown
    exercise = catalog.exercise(exercise_id)
    checks: list[Callable[[Exercise, ProgrammeTemplate], tuple[str, str] | None]] = [
        _is_test,
        _too_much_impact,
        _too_early,
        _to_avoid,
    ]
    broken = [found for check in checks if (found := check(exercise, template))]
    return [_broken(field, what, rule) for what, rule in broken]


def _is_test(exercise: Exercise, _: ProgrammeTemplate) -> tuple[str, str] | None:
    if exercise.kind == "test":
        return f"{exercise.id!r} is a readiness test and", "no_test_as_exercise"
    return None


def _too_much_impact(exercise: Exercise, template: ProgrammeTemplate) -> tuple[str, str] | None:
    highest = MAX_IMPACT[template.phase]
    if IMPACT_ORDER[exercise.impact] > IMPACT_ORDER[highest]:
        what = f"{exercise.id!r} ({exercise.impact} impact, for the {template.phase})"
        return what, "impact_for_phase"
    return None


def _too_early(exercise: Exercise, template: ProgrammeTemplate) -> tuple[str, str] | None:
    later = [c.earliest_week for c in _cautions(exercise, template) if c.earliest_week]
    earliest = max([exercise.earliest_week, *later])
    if template.phase == "start" and earliest > RUNNING_WEEK:
        return f"{exercise.id!r} (from week {earliest})", "not_before_running_weeks"
    return None


def _to_avoid(exercise: Exercise, template: ProgrammeTemplate) -> tuple[str, str] | None:
    avoided = [c.condition for c in _cautions(exercise, template) if c.avoid]
    if avoided:
        return f"{exercise.id!r} (to avoid with {avoided[0]})", "cautions_for_conditions"
    return None


def _cautions(exercise: Exercise, template: ProgrammeTemplate) -> list[Caution]:
    return [c for c in exercise.cautions if c.condition in template.conditions]


def _dose_problems(
    where: str, action: DoseAction, exercise: Exercise, template: ProgrammeTemplate
) -> list[Problem]:
    problems: list[Problem] = []
    names = [level.name for level in exercise.levels]
    caps = [c.max_level for c in _cautions(exercise, template) if c.max_level]
    if action.level is not None and action.level not in names:
        what = f"{action.level!r} ({exercise.id!r} has {', '.join(names)})"
        problems.append(_broken(f"{where}.level", what, "dose_within_levels"))
    elif action.level is not None and any(names.index(action.level) > names.index(c) for c in caps):
        what = f"{action.level!r} (a caution caps {exercise.id!r} at {caps[0]})"
        problems.append(_broken(f"{where}.level", what, "cautions_for_conditions"))
    top = exercise.dosage_at(names[-1])
    for amount in ("sets", "reps", "hold_seconds"):
        given = getattr(action, amount)
        highest = _highest(top, amount)
        if given is not None and (highest is None or given > highest):
            allowed = f"at most {highest}" if highest else f"it is not dosed in {amount}"
            what = f"{given} ({exercise.id!r} at {names[-1]}: {allowed})"
            problems.append(_broken(f"{where}.{amount}", what, "dose_within_levels"))
    return problems


def _highest(dosage: Dosage, amount: str) -> int | None:
    """The top of a dosage's range for ``amount``; one set when sets are not given."""
    found = getattr(dosage, amount)
    if found is None:
        return 1 if amount == "sets" else None
    return int(found.max)


def load_template(path: Path, catalog: Catalog) -> ProgrammeTemplate:
    """A template file (YAML or JSON), checked as ``programme_template`` does."""
    data = read_document(path)
    if not isinstance(data, dict):
        validate(ProgrammeTemplate, data, str(path))  # says what the file should hold
    return programme_template(data, str(path), catalog)


def packaged_templates(catalog: Catalog) -> list[ProgrammeTemplate]:
    """The example templates packaged with Strideback, checked against ``catalog``."""
    root = Path(str(resources.files("strideback.core") / "data" / "templates"))
    return [load_template(path, catalog) for path in sorted(root.glob("*.yaml"))]


# ---------------------------------------------------------------------------------------
# Applying.


def apply_template(
    template: ProgrammeTemplate, *, today: date, author: dict[str, Any], catalog: Catalog
) -> list[dict[str, Any]]:
    """The template's actions as events ready to be recorded, each dated ``today`` and
    signed by ``author``; checked again first, since the catalog may have changed since."""
    problems = template_problems(template, catalog)
    if problems:
        raise InputError(f"template {template.id}", problems)
    return [_event(action, today, author) for action in template.actions]


def _event(action: _Strict, today: date, author: dict[str, Any]) -> dict[str, Any]:
    fields = action.model_dump(mode="json", by_alias=True)
    if isinstance(action, RetestDueAction):
        fields = {"type": action.type, "on": (today + timedelta(days=action.in_days)).isoformat()}
    return {**fields, "date": today.isoformat(), "author": dict(author)}
