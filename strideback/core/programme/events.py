"""Events: what the runner (or her professional) records, validated as the replay reads
them, and the inputs a plan is derived from besides them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter, ValidationError, model_validator

from strideback.core.catalog import DEFAULT_PROTOCOL, Catalog
from strideback.core.documents import read_document, validate
from strideback.core.errors import InputError, Problem, problems_from_validation
from strideback.core.intake import Intake, Symptom, Tests
from strideback.core.types import IsoDate, Record

__all__ = [
    "ClearanceEvent",
    "Event",
    "EventLog",
    "PauseEvent",
    "PelvicFloorSymptom",
    "PlanInputs",
    "ResumeEvent",
    "RetestEvent",
    "SessionEvent",
    "SymptomEvent",
    "event_from",
    "events_in_force",
    "load_events",
    "parse_events",
]

PelvicFloorSymptom = Literal["leaking", "heaviness", "dragging"]


class _Event(Record):
    id: Annotated[str, Field(min_length=1, max_length=80)] | None = None
    replaces: Annotated[str, Field(min_length=1, max_length=80)] | None = None
    date: IsoDate


class SessionEvent(_Event):
    """A logged session: what was done and how the body answered."""

    type: Literal["session"]
    kind: Literal["strength", "mobility", "walk_run", "run"]
    completed: Literal["all", "part", "skipped"]
    rpe: int | None = Field(default=None, ge=0, le=10)
    pain: int = Field(default=0, ge=0, le=10)
    pain_where: Annotated[str, Field(max_length=200)] | None = None
    pelvic_floor_symptoms: list[PelvicFloorSymptom] = Field(default_factory=list)
    pain_settled: bool | None = None
    note: Annotated[str, Field(max_length=1000)] | None = None


class RetestEvent(_Event):
    """The load-and-impact and strength tests done again."""

    type: Literal["retest"]
    tests: Tests
    symptoms: list[Symptom] = Field(default_factory=list)


class SymptomEvent(_Event):
    """A symptom noticed outside a session."""

    type: Literal["symptom"]
    symptoms: list[Symptom] = Field(min_length=1)


class PauseEvent(_Event):
    type: Literal["pause"]
    reason: Annotated[str, Field(max_length=300)] | None = None


class ResumeEvent(_Event):
    type: Literal["resume"]


class ClearanceEvent(_Event):
    """A professional has assessed the runner and lifts a referral."""

    type: Literal["clearance"]
    by: Annotated[str, Field(min_length=2, max_length=120)]
    note: Annotated[str, Field(max_length=1000)] | None = None


Event = Annotated[
    SessionEvent | RetestEvent | SymptomEvent | PauseEvent | ResumeEvent | ClearanceEvent,
    Field(discriminator="type"),
]


class EventLog(Record):
    events: list[Event] = Field(default_factory=list)

    @model_validator(mode="after")
    def _replacements_exist(self) -> EventLog:
        ids = [event.id for event in self.events if event.id]
        if len(ids) != len(set(ids)):
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"event ids must be unique; repeated: {', '.join(repeated)}")
        unknown = [e.replaces for e in self.events if e.replaces and e.replaces not in ids]
        if unknown:
            raise ValueError(f"'replaces' names events that do not exist: {', '.join(unknown)}")
        return self


@dataclass(frozen=True)
class PlanInputs:
    """Everything a plan is derived from, besides the events."""

    intake: Intake
    catalog: Catalog
    start: date
    protocol: str = DEFAULT_PROTOCOL


def parse_events(data: Any, source: str, inputs: PlanInputs) -> list[Event]:
    """Validate an events document (``{events: [...]}`` or a bare list) against the plan."""
    if isinstance(data, list):
        data = {"events": data}
    log = validate(EventLog, data, source)
    problems = [
        Problem(f"events[{index}].date", message)
        for index, event in enumerate(log.events)
        for message in _date_problems(event.date, inputs)
    ]
    if problems:
        raise InputError(source, problems)
    return list(log.events)


def _date_problems(day: date, inputs: PlanInputs) -> list[str]:
    if day < inputs.start:
        return [
            f"{day} is before the programme starts ({inputs.start}); events start on or after it."
        ]
    if day > inputs.start + timedelta(days=366 * 2):
        return [f"{day} is more than two years after the programme starts ({inputs.start})."]
    return []


def load_events(path: Path, inputs: PlanInputs) -> list[Event]:
    return parse_events(read_document(path), str(path), inputs)


_EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)


def event_from(data: Any, source: str) -> Event:
    """One event from a mapping (used by callers that take events one at a time)."""
    try:
        return _EVENT_ADAPTER.validate_python(data)
    except ValidationError as error:
        raise InputError(source, problems_from_validation(error, EventLog)) from None


def events_in_force(events: Sequence[Event]) -> list[Event]:
    """The events in date order, without those a later edit replaced."""
    replaced = {event.replaces for event in events if event.replaces}
    kept = [event for event in events if event.id is None or event.id not in replaced]
    return sorted(kept, key=lambda event: event.date)
