"""A practice's own exercises and programme templates: written by its professionals, kept as
versions that never change once stored, and a template applied to one client in one go.

The rules live in the core (``practice_exercise``, ``programme_template``,
``apply_template``); this module keeps the versions, the catalog a practice sees, and the
record of what applying changed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.http import Http404

from strideback.accounts.models import User
from strideback.core import Catalog, InputError, Problem
from strideback.core.catalog import Exercise
from strideback.core.catalog.practice import (
    exercise_fingerprint,
    practice_exercise,
    practice_prefix,
)
from strideback.core.documents import parse_document, validate
from strideback.core.drawing.figures import practice_exercise_figure
from strideback.core.programme_templates import (
    ProgrammeTemplate,
    apply_template,
    packaged_templates,
    programme_template,
)
from strideback.core.words import spoken_date
from strideback.practice.access import record_access
from strideback.practice.actions import author_of
from strideback.practice.models import (
    Membership,
    Practice,
    PracticeExercise,
    PracticeTemplate,
    Share,
)
from strideback.programmes.lookups import current_programme_for
from strideback.programmes.services import catalog
from strideback.tracking import services as tracking

Checked = TypeVar("Checked")
EXERCISE_SOURCE = "your exercise"
TEMPLATE_SOURCE = "your template"
# A later version's catalog id is the first's with "_v2", "_v3"…; a first id may not look so.
VERSION_SUFFIX = re.compile(r"_v[0-9]+$")
LONGEST_BASE_ID = 54
DOSE_AMOUNTS = (
    "sets",
    "reps",
    "hold_seconds",
)  # room for "_v999" within the catalog's 60 characters


def prefix_of(practice: Practice) -> str:
    return practice_prefix(practice.pk)


# ---------------------------------------------------------------------------------------
# Examples to start from: a packaged file, its id given the practice's prefix.


def exercise_example(practice: Practice) -> str:
    return _example("exercises/double_leg_bridge.yaml", "double_leg_bridge", practice, "exercise")


def template_example(practice: Practice) -> str:
    return _example(
        "templates/caesarean-slow-return.yaml", "caesarean_slow_return", practice, "template"
    )


def _example(path: str, packaged_id: str, practice: Practice, what: str) -> str:
    text = (resources.files("strideback.core") / "data" / path).read_text(encoding="utf-8")
    prefix = prefix_of(practice)
    header = (
        f"# An example to change: Strideback's own {what}, its id given your practice's "
        f"prefix {prefix!r}.\n# Write YAML (as here) or JSON. Lines starting with # are "
        "notes and are ignored.\n"
    )
    return header + text.replace(f"id: {packaged_id}\n", f"id: {prefix}{packaged_id}\n", 1)


# ---------------------------------------------------------------------------------------
# Versions: a new one only when the content changed.


def fingerprint_of(document: dict[str, Any]) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Authored:
    """The version her text is stored as, and whether it is new (unchanged text makes none)."""

    key: str  # the exercise's or the template's id, as she wrote it
    version: int
    created: bool


def _store_version(
    model: type[PracticeExercise] | type[PracticeTemplate],
    membership: Membership,
    key: dict[str, str],
    fingerprint: str,
    fields: Callable[[int], dict[str, Any]],
    now: datetime,
) -> Authored:
    """The next version under ``key`` with ``fields(its number)``; none when the newest has
    the same fingerprint."""
    practice = membership.practice
    with transaction.atomic():
        _lock(practice)
        newest = model.objects.filter(practice=practice, **key).order_by("-version").first()
        if newest is not None and newest.fingerprint == fingerprint:
            return Authored(next(iter(key.values())), newest.version, created=False)
        number = newest.version + 1 if newest else 1
        model.objects.create(
            practice=practice,
            version=number,
            fingerprint=fingerprint,
            created_by=membership.user,
            created_at=now,
            **key,
            **fields(number),
        )
    return Authored(next(iter(key.values())), number, created=True)


def _lock(practice: Practice) -> None:
    """Two professionals saving at once take turns, so versions count up one by one."""
    Practice.objects.select_for_update().filter(pk=practice.pk).first()


def _parsed(text: str, source: str) -> dict[str, Any]:
    data = parse_document(text, source)
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise InputError(
            source, [Problem("", f"should hold a mapping of fields, but it is {kind}.")]
        )
    return data


def _id_problems(data: dict[str, Any], prefix: str) -> list[Problem]:
    given = data.get("id")
    if not isinstance(given, str):
        return []
    if VERSION_SUFFIX.search(given):
        return [
            Problem("id", f"{given!r} may not end in '_v' and a number: versions are named so.")
        ]
    if len(given) > LONGEST_BASE_ID:
        return [Problem("id", f"{given!r} is too long: at most {LONGEST_BASE_ID} characters.")]
    if not given.startswith(prefix):
        return [
            Problem(
                "id",
                f"{given!r} must start with your practice's prefix {prefix!r}, e.g. "
                f"'{prefix}{given}'.",
            )
        ]
    return []


def _checked(source: str, problems: list[Problem], check: Callable[[], Checked]) -> Checked:
    """What ``check`` returns; else every problem at once, ours on a field before the core's."""
    try:
        checked = check()
    except InputError as error:
        named = {problem.field for problem in problems}
        found = [problem for problem in error.problems if problem.field not in named]
        raise InputError(source, [*problems, *found]) from None
    if problems:
        raise InputError(source, problems)
    return checked


def author_exercise(membership: Membership, text: str, now: datetime) -> Authored:
    """Her exercise, written as YAML or JSON, checked by the core and stored as a new version
    of its id; ``InputError`` names every field that is wrong and what is allowed."""
    prefix = prefix_of(membership.practice)
    data = _parsed(text, EXERCISE_SOURCE)
    # Checked against the packaged catalog: its progressions name Strideback's exercises, so
    # any version of it can be added to any plan on its own.
    exercise = _checked(
        EXERCISE_SOURCE,
        _id_problems(data, prefix),
        lambda: practice_exercise(data, EXERCISE_SOURCE, prefix=prefix, catalog=catalog()),
    )
    practice_exercise_figure(exercise, EXERCISE_SOURCE)  # a pose that cannot be drawn is bad

    def exercise_fields(number: int) -> dict[str, Any]:
        catalog_id = exercise.id if number == 1 else f"{exercise.id}_v{number}"
        document = exercise.model_copy(update={"id": catalog_id})
        return {
            "catalog_id": catalog_id,
            "document": document.model_dump(mode="json", by_alias=True, exclude_defaults=True),
        }

    key = {"base_id": exercise.id}
    fingerprint = exercise_fingerprint(exercise)
    return _store_version(PracticeExercise, membership, key, fingerprint, exercise_fields, now)


def exercise_of(version: PracticeExercise) -> Exercise:
    return validate(Exercise, version.document, version.catalog_id)


def practice_catalog(practice: Practice) -> Catalog:
    """The packaged catalog with every version of the practice's exercises."""
    versions = PracticeExercise.objects.filter(practice=practice)
    return catalog().with_exercises([exercise_of(v) for v in versions], origin=practice.name)


# ---------------------------------------------------------------------------------------
# The exercise pages.


def exercises_page(membership: Membership) -> list[PracticeExercise]:
    """The newest version of each of her practice's exercises, by id."""
    newest: dict[str, PracticeExercise] = {}
    for version in PracticeExercise.objects.filter(practice=membership.practice):
        newest[version.base_id] = version  # ordered by version, so the last is the newest
    return list(newest.values())


@dataclass(frozen=True)
class ExercisePage:
    exercise: Exercise
    picture: str
    versions: list[PracticeExercise]  # newest first


def exercise_page(membership: Membership, base_id: str) -> ExercisePage:
    """One of her practice's exercises, drawn from its newest version; 404 for any other."""
    versions = list(
        PracticeExercise.objects.select_related("created_by")
        .filter(practice=membership.practice, base_id=base_id)
        .order_by("-version")
    )
    if not versions:
        raise Http404("Your practice has no exercise with that id.")
    exercise = exercise_of(versions[0])
    # Drawn on each read: the drawing is pure and quick, and nothing stored can go stale.
    return ExercisePage(exercise, practice_exercise_figure(exercise, base_id), versions)


# ---------------------------------------------------------------------------------------
# Templates.


def author_template(membership: Membership, text: str, now: datetime) -> Authored:
    """Her template, checked against the catalog with her practice's exercises and the
    safety rules, stored as a new version of its id (unchanged content makes none)."""
    practice = membership.practice
    data = _parsed(text, TEMPLATE_SOURCE)
    template = _checked(
        TEMPLATE_SOURCE,
        _id_problems(data, prefix_of(practice)),
        lambda: programme_template(data, TEMPLATE_SOURCE, practice_catalog(practice)),
    )
    document = template.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    key = {"template_id": template.id}
    fields = {"name": template.name, "document": document}
    return _store_version(
        PracticeTemplate, membership, key, fingerprint_of(document), lambda _: fields, now
    )


@dataclass(frozen=True)
class TemplatesPage:
    packaged: list[ProgrammeTemplate]
    own: list[PracticeTemplate]  # the newest version of each


def templates_page(membership: Membership) -> TemplatesPage:
    newest: dict[str, PracticeTemplate] = {}
    for version in PracticeTemplate.objects.filter(practice=membership.practice):
        newest[version.template_id] = version
    return TemplatesPage(packaged_templates(catalog()), list(newest.values()))


@dataclass(frozen=True)
class FoundTemplate:
    template: ProgrammeTemplate
    version: PracticeTemplate | None  # None for a packaged template


def find_template(practice: Practice, template_id: str) -> FoundTemplate:
    """A packaged template, or the newest version of the practice's own; 404 for any other."""
    for template in packaged_templates(catalog()):
        if template.id == template_id:
            return FoundTemplate(template, None)
    version = (
        PracticeTemplate.objects.filter(practice=practice, template_id=template_id)
        .order_by("-version")
        .first()
    )
    if version is None:
        raise Http404("Your practice has no template with that id.")
    template = programme_template(version.document, template_id, practice_catalog(practice))
    return FoundTemplate(template, version)


@dataclass(frozen=True)
class TemplatePage:
    found: FoundTemplate
    catalog: Catalog
    clients: list[Share]


def template_page(membership: Membership, template_id: str) -> TemplatePage:
    """A template's actions, and her practice's clients to apply it to."""
    practice = membership.practice
    clients = Share.objects.select_related("runner").filter(
        practice=practice, revoked_at__isnull=True
    )
    found = find_template(practice, template_id)
    return TemplatePage(found, practice_catalog(practice), list(clients))


# ---------------------------------------------------------------------------------------
# Applying a template to a client.


@dataclass(frozen=True)
class Applied:
    template: ProgrammeTemplate
    runner: User
    changes: list[str]  # what changed in her plan, in words
    already: bool  # the same template was applied to her today already: nothing new


def apply_template_to(
    membership: Membership, share: Share, template_id: str, today: date, now: datetime
) -> Applied:
    """Record each of the template's actions in the client's programme, dated today and
    signed by the professional, in one transaction with the access log's line. Applying the
    same template to her twice on one day records it once."""
    runner = share.runner
    programme = current_programme_for(runner)
    if programme is None:
        problem = Problem("client", f"{runner.display_name} has not started a programme yet.")
        raise InputError("applying a template", [problem])
    found = find_template(membership.practice, template_id)
    known = practice_catalog(membership.practice)
    events = apply_template(
        found.template, today=today, author=author_of(membership), catalog=known
    )
    label = f"{found.template.id}@{found.version.version}" if found.version else found.template.id
    changes = [change_words(event, known) for event in events]
    try:
        with transaction.atomic():
            for index, event in enumerate(events):
                slot = f"template:{label}:{today.isoformat()}:{index}"
                tracking.append(membership.user, programme, event, now, slot=slot[:80])
            record_access(membership.user, membership.practice, runner, "apply_template", label)
    except IntegrityError:
        return Applied(found.template, runner, changes, already=True)
    return Applied(found.template, runner, changes, already=False)


def change_words(event: dict[str, Any], known: Catalog) -> str:
    """One recorded action, said as she and her professional read it."""

    def name(exercise_id: str) -> str:
        found = known.exercises.get(exercise_id)
        return found.name if found else exercise_id

    kind = event["type"]
    if kind == "hold":
        return f"Held at her current level: {event['reason']}"
    if kind == "dose":
        amounts = [f"{event['level']} level"] if event.get("level") else []
        amounts += [f"{event[k]} {k.replace('_', ' ')}" for k in DOSE_AMOUNTS if event.get(k)]
        return f"{name(event['exercise'])}: {', '.join(amounts)}. {event['reason']}"
    if kind == "swap":
        return f"{name(event['with'])} in place of {name(event['exercise'])}: {event['reason']}"
    if kind == "add":
        return (
            f"{name(event['exercise'])} added to her {event['session']} sessions: {event['reason']}"
        )
    if kind == "retest_due":
        return f"Her re-test is due on {spoken_date(date.fromisoformat(event['on']))}."
    return f"Back one stage: {event['reason']}"
