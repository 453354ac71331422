"""The programme's model: sessions, their items and intervals, logs, decisions, the plan,
and the ``Course`` (where a runner is) that events move and projection reads."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from functools import cache, cached_property
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator

from strideback.core.catalog import Catalog, Dosage, Protocol, Stage
from strideback.core.intake import Intake
from strideback.core.readiness import Readiness, Status
from strideback.core.rules import EASY_RUN_SECONDS, GOAL_LONG_RUN_MINUTES, SPIKE_LIMIT, Reason

SPIKE_LIMIT_RISE = SPIKE_LIMIT - 1

__all__ = [
    "DISCLAIMER",
    "HORIZON_DAYS",
    "LEVEL_ORDER",
    "LIMITS",
    "Adjustment",
    "Author",
    "Course",
    "Decision",
    "DecisionKind",
    "Flag",
    "Hold",
    "Interval",
    "Item",
    "Limit",
    "Moved",
    "Pause",
    "Phase",
    "Plan",
    "Profession",
    "Referral",
    "Run",
    "Session",
    "SessionKind",
    "SessionLog",
    "Track",
    "Verdict",
    "VerdictStatus",
    "WatchRun",
    "goal_stages",
    "same_kind",
]

DISCLAIMER = (
    "Strideback offers general guidance, not medical advice, and cannot examine you. "
    "If you leak, feel heaviness or dragging, or have pain that lingers, stop and talk to a "
    "pelvic health physiotherapist or your doctor."
)

SessionKind = Literal["strength", "mobility", "retest", "walk_run", "run"]
Phase = Literal["foundation", "gentle", "walk_run", "paused", "complete"]
LEVEL_ORDER = ("beginner", "intermediate", "advanced")
HORIZON_DAYS = 7 * 40  # a projection never runs past this, whatever the course


class _Frozen(BaseModel):
    """A frozen model. Its lists default through ``default_factory``: a plain ``[]`` default
    is deep-copied for every model made, and the engine makes thousands."""

    model_config = ConfigDict(frozen=True)


class Item(_Frozen):
    """One exercise in a session, at a level, with its dose and any swaps made."""

    exercise_id: str
    name: str
    level: str
    dose: str
    dosage: Dosage
    cue: str
    swaps: list[str] = Field(default_factory=list)
    cautions: list[str] = Field(default_factory=list)


class Interval(_Frozen):
    activity: Literal["walk", "run"]
    seconds: int


class WatchRun(_Frozen):
    """What a watch file recorded, as imported (``core.activities`` reads the file): kept
    with the entry it made. How it compares with the session planned is worked out from the
    plan when shown, never stored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file_name: Annotated[str, Field(min_length=1, max_length=200)]
    sport: Literal["running", "walking"]
    started_at: datetime  # with its offset from UTC
    duration_seconds: int = Field(ge=0, le=24 * 3600)  # moving and stopped, pauses left out
    distance_m: float | None = Field(default=None, ge=0, le=1_000_000)
    device: Annotated[str, Field(max_length=120)] | None = None
    fingerprint: Annotated[str, Field(min_length=16, max_length=64)]  # of the file's bytes
    bouts: list[Interval] = Field(default_factory=list)

    @field_validator("started_at")
    @classmethod
    def _with_offset(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("give the start with its offset from UTC, e.g. 2026-03-14T07:30:00Z")
        return value

    @property
    def run_seconds(self) -> int:
        return sum(bout.seconds for bout in self.bouts if bout.activity == "run")

    @property
    def longest_run_seconds(self) -> int:
        return max((bout.seconds for bout in self.bouts if bout.activity == "run"), default=0)


class SessionLog(_Frozen):
    """What the runner logged for a session."""

    completed: Literal["all", "part", "skipped"]
    rpe: int | None = None
    pain: int = 0
    pain_where: str | None = None
    pelvic_floor_symptoms: list[str] = Field(default_factory=list)
    pain_settled: bool | None = None
    note: str | None = None
    outcome: Literal["green", "amber", "red"] | None = None
    ran_minutes: int | None = None  # the minutes she ran: as she timed them, or her watch
    watch: WatchRun | None = None  # what her watch recorded, when the log came from a file
    answered: bool = True  # False: a watch's log whose symptom questions are still hers


class Session(_Frozen):
    date: date
    kind: SessionKind
    title: str
    summary: str
    items: list[Item] = Field(default_factory=list)
    intervals: list[Interval] = Field(default_factory=list)
    stage: int | None = None
    running_seconds: int = 0
    provisional: bool = False
    log: SessionLog | None = None
    notes: list[Reason] = Field(default_factory=list)


DecisionKind = Literal[
    "progress",
    "repeat",
    "step_back",
    "pause_and_refer",
    "start_running",
    "more_strength",
    "pause",
    "resume",
    "complete",
    "clearance",
    "new_answers",
    "hold",
    "unplanned_run",
    "release",
    "refused",
    "exercise_change",
    "retest_due",
    "baseline",
]

Profession = Literal["pelvic_health_physio", "physiotherapist", "running_coach", "personal_trainer"]


class Author(_Frozen):
    """The professional who recorded an event for her client (absent: the runner herself)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Annotated[str, Field(min_length=2, max_length=120)]
    profession: Profession
    practice: Annotated[str, Field(min_length=1, max_length=120)]


# What a clearance may limit, most restrictive first (the vocabulary has their words).
Limit = Literal["no_running_until_retest", "walk_run_only", "no_jumping"]
LIMITS: tuple[Limit, ...] = ("no_running_until_retest", "walk_run_only", "no_jumping")


class Decision(_Frozen):
    """A change to the programme, the event behind it and why."""

    date: date
    decision: DecisionKind
    after: str
    headline: str
    stage_before: int | None = None
    stage_after: int | None = None
    reasons: list[Reason]
    event: str | None = None  # the id of the logged event behind it, when it has one
    author: Author | None = None  # the professional whose action made it
    reason: str | None = None  # her reason, in her words
    # The progression rules her advance overrode.
    overrides: list[str] = Field(default_factory=list)


class Hold(_Frozen):
    """Progression held by a professional: since when, by whom and why."""

    since: date
    by: Author
    reason: str | None = None


class Referral(_Frozen):
    """A referral in force: since when, every red flag behind it, and what lifts it."""

    since: date
    reasons: list[Reason]
    lifted_by: str


class Pause(_Frozen):
    since: date
    reason: str | None = None


VerdictStatus = Literal["refer", "not_yet", "ready", "paused", "complete"]


class Verdict(_Frozen):
    """Can she run now, and why: the answer every page gives, from the replayed state."""

    status: VerdictStatus
    headline: str
    reasons: list[Reason]
    since: date | None = None  # since when this answer has held, where it matters
    changes_when: str | None = None  # what would change it


class Plan(_Frozen):
    protocol: str
    protocol_version: int
    start: date
    birth_date: date
    intake: Intake  # her answers in force: the newest, with any later re-test results
    readiness: Readiness  # the assessment of those answers
    status: Status
    phase: Phase  # where she is now: after the logged events, before the projected days
    sessions: list[Session]
    decisions: list[Decision]
    notes: list[Reason]
    verdict: Verdict
    referral: Referral | None = None
    pause: Pause | None = None
    limits: list[Limit] = Field(default_factory=list)
    hold: Hold | None = None
    latest_override: Decision | None = None  # the newest advance that overrode a rule
    expected_30_min: date | None = None  # her first 30 minutes without a break, done or due
    expected_goal: date | None = None  # her goal's longest run, done or due
    disclaimer: str = DISCLAIMER

    def week_of(self, day: date) -> int:
        """The programme week ``day`` falls in: week 1 starts on the programme's first day."""
        return (day - self.start).days // 7 + 1

    def week_days(self, week: int) -> tuple[date, date]:
        """The first and last day of programme week ``week``."""
        first = self.start + timedelta(weeks=week - 1)
        return first, first + timedelta(days=6)


Track = Literal["foundation", "walk_run", "complete"]


@dataclass(frozen=True)
class Flag:
    """A red flag that refers: the day it happened, its place in the record, and why."""

    day: date
    seq: int  # the record order of the entry that raised it (-1: the first answers)
    reason: Reason


class Run(NamedTuple):
    """A run that counts towards the weekly and single-run limits: the lesser of what was
    planned and what she did, in running time and time on feet (the run and walk bouts;
    the warm-up and cool-down walks, the same every time, are left out)."""

    day: date
    seconds: int
    on_feet: int
    stage: int  # 1-based


@dataclass(frozen=True)
class Adjustment:
    """A professional's change to her exercises from ``since`` on: a new level or dose
    (``dose``), another exercise in its place (``swap``), or one more (``add``)."""

    since: date
    change: Literal["dose", "swap", "add"]
    exercise: str
    level: str | None = None
    sets: int | None = None
    reps: int | None = None
    hold_seconds: int | None = None
    replacement: str | None = None  # swap: the exercise in its place
    session: Literal["strength", "mobility"] | None = None  # add: which sessions
    by: Author | None = None


@dataclass(frozen=True)
class Moved:
    """A session she moved: from the day the plan gave it to another."""

    from_day: date
    kind: SessionKind
    to: date

    def takes(self, day: date, kind: SessionKind) -> bool:
        """This move takes the session of ``kind`` planned on ``day`` away from it."""
        return self.from_day == day and same_kind(self.kind, kind)


def same_kind(a: SessionKind, b: SessionKind) -> bool:
    """Two session kinds name the same slot in her week (a walk-run and a run are both runs)."""
    runs = ("walk_run", "run")
    return a == b or (a in runs and b in runs)


@dataclass(frozen=True)
class Course:
    """Where a runner is in the programme; changed only by events (see replay).

    The track is where the programme stands (building strength, walk-run, done); a referral
    in force and a pause sit on top of it: a referred runner does gentle work only, a paused
    one nothing, and when they are lifted the track carries on."""

    intake: Intake
    catalog: Catalog
    protocol: Protocol
    track: Track
    anchor: date  # the day the current phase's weekly pattern counts from
    retest_on: date | None = None  # foundation: the planned re-test day
    stage: int = 0  # the next walk-run stage, 0-based
    provisional: bool = False
    runs: tuple[Run, ...] = ()  # runs done in full, in day order
    greens: int = 0  # good runs already logged at the current stage
    last_run_on: date | None = None  # any run, even part-done: the next needs a day between
    reds: tuple[tuple[date, int], ...] = ()  # red sessions: (day, record order)
    strength_turn: int = 0
    flags: tuple[Flag, ...] = ()  # the red flags behind a referral in force
    paused: Pause | None = None
    limits: tuple[Limit, ...] = ()  # every clearance's limits in force, combined
    limit_sets: tuple[tuple[str, tuple[Limit, ...]], ...] = ()  # (who set them, limits)
    hold: Hold | None = None
    overridden: tuple[str, ...] = ()  # progression rules a professional overrode (next run)
    adjustments: tuple[Adjustment, ...] = ()
    moves: tuple[Moved, ...] = ()  # sessions she moved to another day
    had_red: bool = False  # a red session or a referral ever: no head start from her history
    first_weekday: int = 0  # the weekday the programme started on ("any N days" count from it)

    def changed(self, **changes: Any) -> Course:
        """The course with ``changes`` (as ``dataclasses.replace``, which the fold calls too
        often for its cost): the fields are copied as they are, and what is worked out from
        them once (``weekdays``, ``stages``, ``walk_run_stages``) is kept unless what it
        depends on changes."""
        unknown = changes.keys() - _COURSE_FIELDS
        if unknown:
            raise TypeError(f"Course has no field {sorted(unknown)[0]!r}")
        values = dict(self.__dict__)
        if changes.keys() & _DERIVED_FROM:
            for name in _WORKED_OUT:
                values.pop(name, None)
        values.update(changes)
        course = object.__new__(Course)
        course.__dict__.update(values)
        return course

    @cached_property
    def weekdays(self) -> tuple[int, ...]:
        """The days of the week she trains on (0 = Monday)."""
        return self.intake.weekdays(self.first_weekday)

    @cached_property
    def stages(self) -> list[Stage]:
        """The walk-run ladder, then the long runs towards her goal (if it is further)."""
        return self.protocol.walk_run.stages + goal_stages(self.intake)

    @cached_property
    def walk_run_stages(self) -> int:
        return len(self.protocol.walk_run.stages)

    @property
    def in_goal_phase(self) -> bool:
        """She has run the last walk-run stage (30 minutes) and goes on towards her goal."""
        return self.stage >= self.walk_run_stages

    @property
    def referred(self) -> bool:
        return bool(self.flags)

    @property
    def phase(self) -> Phase:
        if self.paused is not None:
            return "paused"
        if self.flags:
            return "gentle"
        return self.track

    @property
    def status(self) -> Status:
        if self.flags:
            return "refer"
        return "not_yet" if self.track == "foundation" else "ready"

    @property
    def stage_cap(self) -> int:
        """The highest 0-based stage she may run at: the last walk-run stage under the
        "walk-run only" limit, else the last stage."""
        if "walk_run_only" in self.limits:
            walk_runs = [i for i, stage in enumerate(self.stages) if not stage.continuous]
            if walk_runs:
                return walk_runs[-1]
        return len(self.stages) - 1

    def with_limits(self, by: str, limits: tuple[Limit, ...]) -> Course:
        """The course after a clearance from ``by``: her limits replace those she set
        before; every clearance's limits in force combine, most restrictive first."""
        sets = (*((who, had) for who, had in self.limit_sets if who != by), (by, limits))
        return self._limited(sets)

    def without_limit(self, limit: Limit) -> Course:
        """The course with ``limit`` lifted from every clearance (a passed re-test)."""
        return self._limited(
            tuple((w, tuple(x for x in ls if x != limit)) for w, ls in self.limit_sets)
        )

    def _limited(self, sets: tuple[tuple[str, tuple[Limit, ...]], ...]) -> Course:
        combined = tuple(x for x in LIMITS if any(x in limits for _, limits in sets))
        return self.changed(limit_sets=sets, limits=combined)

    @property
    def shown_for_weeks(self) -> bool:
        """Her plan lasts until a professional's next word, not a set date: a referral, a
        hold, or running held at a limit."""
        return self.referred or self.hold is not None or self.held_at_limit

    @property
    def held_at_limit(self) -> bool:
        """Running has reached the stage a limit holds it at."""
        return "walk_run_only" in self.limits and self.stage > self.stage_cap


_COURSE_FIELDS = frozenset(f.name for f in fields(Course))
# The course's worked-out properties, and what they read: a change to any of those drops
# them.
_WORKED_OUT = tuple(
    name for name, value in vars(Course).items() if isinstance(value, cached_property)
)
_DERIVED_FROM = frozenset({"intake", "protocol", "first_weekday"})


def goal_stages(intake: Intake) -> list[Stage]:
    """The long runs after the walk-run, each at most 10% longer than the one before, up to
    her goal's longest run (none for running again, or no goal)."""
    return list(_long_runs(intake.goal or "run_again"))


@cache
def _long_runs(goal: str) -> tuple[Stage, ...]:
    target = GOAL_LONG_RUN_MINUTES.get(goal, 0)
    minutes, stages = EASY_RUN_SECONDS // 60, []
    while minutes < target:
        minutes = min(target, int(minutes * (1 + SPIKE_LIMIT_RISE)))
        stages.append(Stage(run_seconds=minutes * 60))
    return tuple(stages)
