"""Programme use cases: drafts, starting a programme, and the plan replayed from its events.

Views call these and nothing else to change or derive a runner's programme; the rules
themselves live in the core."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max

from strideback.core import (
    Catalog,
    Intake,
    Plan,
    PlanInputs,
    Readiness,
    assess,
    load_catalog,
    parse_events,
    parse_intake,
    replay,
)
from strideback.core.catalog import Exercise
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS
from strideback.core.programme import Event as CoreEvent
from strideback.programmes.models import Event, IntakeVersion, Programme

if TYPE_CHECKING:  # the user model sits above this layer; only its type is used
    from strideback.accounts.models import User

ANSWERS_SOURCE = "your answers"


@cache
def catalog() -> Catalog:
    """The packaged catalog, loaded once per process (it never changes while running)."""
    return load_catalog([])


def readiness_tests() -> dict[str, list[Exercise]]:
    """The readiness tests from the catalog by battery, in the intake's order."""
    exercises = catalog().exercises
    by_key = {e.test.result_key: e for e in exercises.values() if e.test is not None}
    return {
        "load_impact": [by_key[name] for name in LOAD_IMPACT_TESTS if name in by_key],
        "strength": [by_key[name] for name in STRENGTH_TESTS if name in by_key],
    }


def intake_from(answers: dict[str, Any], today: date) -> Intake:
    """The answers as a validated intake; raises the core's InputError with what is wrong."""
    return parse_intake(answers, ANSWERS_SOURCE, today)


def verdict_for(answers: dict[str, Any], today: date) -> Readiness:
    return assess(intake_from(answers, today))


def save_draft(user: User, answers: dict[str, Any], now: datetime) -> IntakeVersion:
    """Keep her answers so far; the draft is the newest unfinished intake version."""
    with transaction.atomic():
        draft = (
            IntakeVersion.objects.select_for_update()
            .filter(owner=user, completed_at__isnull=True)
            .order_by("-version")
            .first()
        )
        if draft is None:
            return IntakeVersion.objects.create(
                owner=user,
                version=_next_version(user),
                answers=answers,
                created_at=now,
                updated_at=now,
            )
        draft.answers = answers
        draft.updated_at = now
        draft.save(update_fields=["answers", "updated_at"])
        return draft


def _next_version(user: User) -> int:
    newest = IntakeVersion.objects.filter(owner=user).aggregate(newest=Max("version"))["newest"]
    return (newest or 0) + 1


def start_programme(user: User, answers: dict[str, Any], today: date, now: datetime) -> Programme:
    """Finish the intake and start a programme today. Bad answers raise InputError, and
    nothing is saved."""
    intake = intake_from(answers, today)
    protocol = catalog().default_protocol
    with transaction.atomic():
        version = save_draft(user, intake.model_dump(mode="json"), now)
        version.completed_at = now
        version.save(update_fields=["completed_at"])
        return Programme.objects.create(
            owner=user,
            intake=version,
            protocol_id=protocol.id,
            protocol_version=protocol.version,
            start=today,
            created_at=now,
        )


def plan_inputs(programme: Programme, today: date) -> PlanInputs:
    return PlanInputs(
        intake=intake_from(programme.intake.answers, today),
        catalog=catalog(),
        start=programme.start,
        protocol=programme.protocol_id,
    )


def core_events(events: Iterable[Event], inputs: PlanInputs) -> list[CoreEvent]:
    """Her stored events as the core's, checked against her intake and programme."""
    return parse_events([event.as_core() for event in events], "event log", inputs)


def plan_for(programme: Programme, events: Iterable[Event], today: date) -> Plan:
    """The programme as of today: the events replayed over the protocol, the rest projected."""
    inputs = plan_inputs(programme, today)
    return replay(inputs, core_events(events, inputs), as_of=today)
