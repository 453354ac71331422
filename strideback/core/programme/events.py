"""Events: what the runner (or her professional) records, validated as the replay reads
them, and the inputs a plan is derived from besides them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from strideback.core.catalog import DEFAULT_PROTOCOL, Catalog
from strideback.core.documents import read_document, validate
from strideback.core.errors import InputError, Problem, problems_from_validation
from strideback.core.intake import Intake, Symptom, Tests
from strideback.core.programme.model import Author, Limit, SessionKind, WatchRun
from strideback.core.rules import DOSE_LIMITS, OVERRIDABLE_RULES
from strideback.core.types import IsoDate, Record

__all__ = [
    "Action",
    "ActivityEvent",
    "AddEvent",
    "AnswersEvent",
    "BaselineEvent",
    "ClearanceEvent",
    "DoseEvent",
    "Event",
    "EventLog",
    "HoldEvent",
    "MoveEvent",
    "PauseEvent",
    "PelvicFloorSymptom",
    "PlanInputs",
    "Recorded",
    "ReleaseEvent",
    "ResumeEvent",
    "RetestDueEvent",
    "RetestEvent",
    "SessionEvent",
    "SkipEvent",
    "StageEvent",
    "SwapEvent",
    "SymptomEvent",
    "WatchRun",
    "catalog_problems",
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
    author: Author | None = None  # the professional who recorded it; absent: the runner


ActionReason = Annotated[str, Field(max_length=500)] | None


class SessionEvent(_Event):
    """A logged session: what was done and how the body answered. A session logged from a
    watch file carries what the watch recorded (``watch``) and, until she has answered the
    symptom questions a watch cannot (``answered``), counts towards her running at once but
    moves nothing on (rule watch_symptoms_unanswered)."""

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
    watch: WatchRun | None = None
    answered: bool = True


class ActivityEvent(_Event):
    """A watch file matched to no session: kept in her history, never moving her on. A run
    while running is stopped (a referral, a pause, before the earliest day) is flagged
    (rule unplanned_run). ``why`` says why no session was matched."""

    type: Literal["activity"]
    watch: WatchRun
    why: Literal["no_session", "already_logged", "before_programme", "too_old", "walk"]


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

    @model_validator(mode="before")
    @classmethod
    def _by_the_author(cls, data: Any) -> Any:
        """Recorded by a professional, ``by`` defaults to her name."""
        if isinstance(data, dict) and data.get("by") is None and data.get("author") is not None:
            author = data["author"]
            name = author.get("name") if isinstance(author, dict) else getattr(author, "name", None)
            if name is not None:
                data = {**data, "by": name}
        return data

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


# ---------------------------------------------------------------------------------------
# A professional's actions for her client (rules professional_hold, professional_stage,
# professional_exercise_change, professional_retest_date, clinic_baseline).


class HoldEvent(_Event):
    """Progression held: no stage advance until a release."""

    type: Literal["hold"]
    author: Author
    reason: ActionReason = None


class ReleaseEvent(_Event):
    """The hold lifted: by a professional, or by the runner herself only after she withdrew
    her professional's access (``after_revocation``)."""

    type: Literal["release"]
    reason: ActionReason = None
    after_revocation: bool = Field(default=False, validate_default=True)

    @field_validator("after_revocation")
    @classmethod
    def _only_after_revocation(cls, value: bool, info: ValidationInfo) -> bool:
        if info.data.get("author") is None and not value:
            raise ValueError(
                "a hold is lifted by the professional who set it; the runner may lift it "
                "herself only after withdrawing that professional's access "
                "(after_revocation: true)"
            )
        return value


class StageEvent(_Event):
    """The walk-run stage moved by one, up (``advance``) or down (``back``)."""

    type: Literal["stage"]
    author: Author
    direction: Literal["advance", "back"]
    reason: ActionReason = None
    overrides: list[str] = Field(default_factory=list)

    @field_validator("overrides")
    @classmethod
    def _overridable(cls, overrides: list[str]) -> list[str]:
        unknown = [rule for rule in overrides if rule not in OVERRIDABLE_RULES]
        if unknown:
            raise ValueError(
                f"{', '.join(unknown)} cannot be overridden; allowed: "
                f"{', '.join(OVERRIDABLE_RULES)}"
            )
        return list(dict.fromkeys(overrides))


def _bounded(name: str) -> Any:
    low, high = DOSE_LIMITS[name]
    return Field(default=None, ge=low, le=high)


class DoseEvent(_Event):
    """An exercise's level or dose in her sessions from ``date`` on."""

    type: Literal["dose"]
    author: Author
    exercise: Annotated[str, Field(min_length=1, max_length=80)]
    level: Literal["beginner", "intermediate", "advanced"] | None = None
    sets: int | None = _bounded("sets")
    reps: int | None = _bounded("reps")
    hold_seconds: int | None = _bounded("hold_seconds")
    reason: ActionReason = None

    @model_validator(mode="after")
    def _changes_something(self) -> DoseEvent:
        if (self.level, self.sets, self.reps, self.hold_seconds) == (None, None, None, None):
            raise ValueError("give at least one of level, sets, reps or hold_seconds")
        return self


class SwapEvent(_Event):
    """Another exercise in place of one in her sessions, from ``date`` on."""

    model_config = ConfigDict(extra="forbid", frozen=True, serialize_by_alias=True)

    type: Literal["swap"]
    author: Author
    exercise: Annotated[str, Field(min_length=1, max_length=80)]
    replacement: Annotated[str, Field(min_length=1, max_length=80, alias="with")]
    reason: ActionReason = None


class AddEvent(_Event):
    """One more exercise in her strength or mobility sessions, from ``date`` on."""

    type: Literal["add"]
    author: Author
    exercise: Annotated[str, Field(min_length=1, max_length=80)]
    session: Literal["strength", "mobility"]
    reason: ActionReason = None


class RetestDueEvent(_Event):
    """The re-test set for ``on`` (or the first training day after it)."""

    type: Literal["retest_due"]
    author: Author
    on: IsoDate
    reason: ActionReason = None

    @field_validator("on")
    @classmethod
    def _not_before_the_day(cls, on: dt.date, info: ValidationInfo) -> dt.date:
        recorded = info.data.get("date")
        if recorded is not None and on < recorded:
            raise ValueError(f"the re-test ({on}) is before the day it was set ({recorded})")
        return on


class BaselineEvent(_Event):
    """A pelvic-floor baseline assessed in clinic: any symptom is a red flag."""

    type: Literal["baseline"]
    author: Author
    symptoms: list[PelvicFloorSymptom] = Field(default_factory=list)
    note: Annotated[str, Field(max_length=1000)] | None = None
    reason: ActionReason = None


# A professional's actions (the replay folds them in ``professional``).
Action = (
    HoldEvent
    | ReleaseEvent
    | StageEvent
    | DoseEvent
    | SwapEvent
    | AddEvent
    | RetestDueEvent
    | BaselineEvent
)

Event = Annotated[
    SessionEvent
    | RetestEvent
    | SymptomEvent
    | PauseEvent
    | ResumeEvent
    | ClearanceEvent
    | AnswersEvent
    | SkipEvent
    | MoveEvent
    | ActivityEvent
    | Action,
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
        if not isinstance(event, ActivityEvent)  # a watch file from before is kept as it is
        for message in _date_problems(event.date, inputs)
    ]
    problems += [
        Problem(f"events[{index}].{name}", message)
        for index, event in enumerate(log.events)
        for name, message in catalog_problems(event, inputs.catalog)
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


def catalog_problems(event: Event, catalog: Catalog) -> list[tuple[str, str]]:
    """The fields of a professional's exercise change the catalog does not know:
    (field, what is wrong and what is allowed)."""
    named: list[tuple[str, str | None]] = []
    match event:
        case DoseEvent() | AddEvent():
            named = [("exercise", event.exercise)]
        case SwapEvent():
            named = [("exercise", event.exercise), ("with", event.replacement)]
    problems = [
        (name, f"no exercise '{value}' in the catalog")
        for name, value in named
        if value is not None and value not in catalog.exercises
    ]
    if isinstance(event, DoseEvent) and event.level and event.exercise in catalog.exercises:
        levels = [level.name for level in catalog.exercise(event.exercise).levels]
        if event.level not in levels:
            problems.append(
                (
                    "level",
                    f"'{event.exercise}' has no {event.level} level; allowed: " + ", ".join(levels),
                )
            )
    return problems


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
