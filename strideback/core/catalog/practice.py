"""A practice's own exercises: the packaged schema, plus what a practice author must also get
right, and the content hash its versions are stored under.

- **Ids are namespaced.** Every practice has a prefix, ``p`` and its number and an underscore
  (``p17_``), and each of its exercise ids starts with it (``p17_wall_sit``). No packaged id
  has that shape, so a practice's exercise can never clash with one Strideback adds later.
  The underscore, not a hyphen, keeps the id a slug like every other exercise id, so a
  protocol, an event or a template names it the same way.
- **Only exercises.** Readiness tests are Strideback's own (the readiness verdict reads their
  results), so ``kind`` must be ``exercise``.
- **It says where it comes from.** ``sources`` holds known source ids, or ``practice``: the
  practice's own exercise, which its professionals stand behind.
- **It names what exists.** ``progresses_to`` names exercises in the catalog given.
- **It can be drawn.** A ``pose`` is required, so the picture is the exercise's own; drawing
  it is ``strideback.core.drawing.figures.practice_exercise_figure``.

An exercise never changes once a plan has used it: an edit is a new version, stored under
its ``exercise_fingerprint``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from strideback.core.catalog.loading import Catalog, unknown_progressions
from strideback.core.catalog.schema import Exercise
from strideback.core.documents import validate
from strideback.core.errors import InputError, Problem

__all__ = ["PRACTICE_PREFIX", "exercise_fingerprint", "practice_exercise", "practice_prefix"]

PRACTICE_PREFIX = re.compile(r"^p[0-9]+_$")


def practice_prefix(practice_number: int) -> str:
    """The prefix of a practice's exercise ids: ``p17_`` for practice 17."""
    return f"p{practice_number}_"


def practice_exercise(
    data: Mapping[str, Any], source: str, *, prefix: str, catalog: Catalog
) -> Exercise:
    """One practice exercise, validated; ``InputError`` names every field that is wrong.

    ``catalog`` holds what it may progress to: the packaged exercises and the practice's
    others. When a new version of an exercise is checked, leave the old one out of it.
    """
    if not PRACTICE_PREFIX.match(prefix):
        raise ValueError(f"a practice prefix is 'p', a number and '_', e.g. 'p17_'; got {prefix!r}")
    problems = _practice_problems(data, prefix, catalog)
    try:
        exercise = validate(Exercise, dict(data), source)
    except InputError as error:
        named = {problem.field for problem in problems}
        problems += [problem for problem in error.problems if problem.field not in named]
        raise InputError(source, problems) from None
    problems += unknown_progressions(exercise, catalog.exercises)
    if problems:
        raise InputError(source, problems)
    return exercise


def _practice_problems(data: Mapping[str, Any], prefix: str, catalog: Catalog) -> list[Problem]:
    """What the schema allows but a practice's exercise may not do."""
    problems: list[Problem] = []
    exercise_id = data.get("id")
    if isinstance(exercise_id, str) and not exercise_id.startswith(prefix):
        problems.append(
            Problem(
                "id",
                f"{exercise_id!r} must start with your practice's prefix {prefix!r}, "
                f"e.g. '{prefix}{exercise_id}'.",
            )
        )
    elif isinstance(exercise_id, str) and exercise_id in catalog.exercises:
        problems.append(
            Problem("id", f"{exercise_id!r} is already in the catalog; choose another.")
        )
    if data.get("kind", "exercise") != "exercise":
        problems.append(
            Problem(
                "kind",
                f"{data.get('kind')!r} is not allowed for a practice's own entry. Allowed: exercise "
                "(readiness tests are Strideback's own).",
            )
        )
    if data.get("pose") is None:
        problems.append(
            Problem(
                "pose",
                "a practice exercise needs a pose, so its picture can be drawn; "
                "see `strideback catalog poses` for how to write one.",
            )
        )
    return problems


def exercise_fingerprint(exercise: Exercise) -> str:
    """The SHA-256 of the exercise's canonical JSON, in hex: the same content, however it was
    written (key order, ``8-10`` or ``{min: 8, max: 10}``, a default spelt out), gives the
    same fingerprint, and any change of content another. Fields left at their defaults are
    left out, so a new optional field in the schema keeps every stored fingerprint."""
    content = exercise.model_dump(mode="json", exclude_defaults=True)
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
