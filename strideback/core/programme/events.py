"""Events: what the runner (or her professional) records, validated as the replay reads
them, and the inputs a plan is derived from besides them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter, ValidationError, field_validator, model_validator

from strideback.core.catalog import DEFAULT_PROTOCOL, Catalog
from strideback.core.documents import read_document, validate
from strideback.core.errors import InputError, Problem, problems_from_validation
from strideback.core.intake import Intake, Symptom, Tests
from strideback.core.programme.model import Limit, SessionKind
from strideback.core.types import IsoDate, Record

__all__ = [
    "AnswersEvent",
    "ClearanceEvent",
    "Event",
    "EventLog",
    "MoveEvent",
    "PauseEvent",
    "PelvicFloorSymptom",
    "PlanInputs",
    "Recorded",
    "ResumeEvent",
    "RetestEvent",
    "SessionEvent",
    "SkipEvent",
    "SymptomEvent",
    "event_from",
    "events_in_force",
    "in_record_order",
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
    ran_minutes: int | None = Field(default=None, ge=0, le=600)  # if she timed her running


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
    """A professional has assessed the runner: it lifts the referrals recorded before it,
    within any limits she set. ``date`` is the day of the assessment."""

    type: Literal["clearance"]
    by: Annotated[str, Field(min_length=2, max_length=120)]
    note: Annotated[str, Field(max_length=1000)] | None = None
    limits: list[Limit] = Field(default_factory=list)

    @field_validator("limits")
    @classmethod
    def _without_repeats(cls, limits: list[Limit]) -> list[Limit]:
        return list(dict.fromkeys(limits))


SkipReason = Literal["busy", "tired", "unwell", "baby", "weather", "other"]


class SkipEvent(_Event):
    """A session she will not do, and why (``date`` is the session's day). A skip is undone
    by a new version with ``undone`` set: then the session is due again."""

    type: Literal["skip"]
    kind: Literal["strength", "mobility", "walk_run", "run"]
    reason: SkipReason
    undone: bool = False


class MoveEvent(_Event):
    """A session moved from the day the plan gave it (``from_day``) to another (``to``);
    ``date`` is the day she moved it. Undone by a new version with ``undone`` set."""

    type: Literal["move"]
    kind: SessionKind
    from_day: IsoDate
    to: IsoDate
    undone: bool = False

    @model_validator(mode="after")
    def _somewhere_else(self) -> MoveEvent:
        if self.to == self.from_day:
            raise ValueError(f"the session is already on {self.to}; choose another day")
        return self


class AnswersEvent(_Event):
    """The questions answered again: a new version of her intake, from ``date`` on."""

    type: Literal["answers"]
    intake: Intake

    @model_validator(mode="before")
    @classmethod
    def _assessed_that_day(cls, data: Any) -> Any:
        """The new answers are assessed on the day they were given."""
        if isinstance(data, dict) and isinstance(data.get("intake"), dict):
            intake = data["intake"]
            if intake.get("assessed_on") is None:
                data = {**data, "intake": {**intake, "assessed_on": data.get("date")}}
        return data

    @model_validator(mode="after")
    def _birth_before(self) -> AnswersEvent:
        if self.intake.birth_date > self.date:
            raise ValueError(
                f"the birth date ({self.intake.birth_date}) is after the day these answers "
                f"were given ({self.date})"
            )
        return self


Event = Annotated[
    SessionEvent
    | RetestEvent
    | SymptomEvent
    | PauseEvent
    | ResumeEvent
    | ClearanceEvent
    | AnswersEvent
    | SkipEvent
    | MoveEvent,
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
    return [record.event for record in in_record_order(events)]


@dataclass(frozen=True)
class Recorded:
    """An event in force, its place in the record (``seq``: the order the events were
    recorded in, which is the order they are given in), and the versions it replaced."""

    seq: int
    event: Event
    earlier: tuple[tuple[int, Event], ...] = ()


def in_record_order(events: Sequence[Event]) -> list[Recorded]:
    """The events in force, ordered by the day they happened, then by when they were
    recorded; each with the earlier versions it replaced (an edit cannot hide a red flag,
    so the replay still sees what was first logged)."""
    by_id = {event.id: (seq, event) for seq, event in enumerate(events) if event.id}
    replaced = {event.replaces for event in events if event.replaces}
    kept: list[Recorded] = []
    for seq, event in enumerate(events):
        if event.id is not None and event.id in replaced:
            continue
        earlier: list[tuple[int, Event]] = []
        older = event.replaces
        while older is not None and older in by_id:
            earlier.append(by_id[older])
            older = by_id[older][1].replaces
        kept.append(Recorded(seq, event, tuple(earlier)))
    return sorted(kept, key=lambda record: (record.event.date, record.seq))
