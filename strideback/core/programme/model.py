"""The programme's model: sessions, their items and intervals, logs, decisions, the plan,
and the ``Course`` (where a runner is) that events move and projection reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from strideback.core.catalog import Catalog, Dosage, Protocol, Stage
from strideback.core.intake import Intake
from strideback.core.readiness import Readiness, Status
from strideback.core.rules import Reason

__all__ = [
    "DISCLAIMER",
    "GENTLE_WEEKS",
    "HORIZON_DAYS",
    "LEVEL_ORDER",
    "RETEST_TO_RUN_DAYS",
    "SPIKE_LIMIT",
    "SPIKE_WINDOW_DAYS",
    "Course",
    "Decision",
    "DecisionKind",
    "Interval",
    "Item",
    "Phase",
    "Plan",
    "Session",
    "SessionKind",
    "SessionLog",
]

DISCLAIMER = (
    "Strideback offers general guidance, not medical advice, and cannot examine you. "
    "If you leak, feel heaviness or dragging, or have pain that lingers, stop and talk to a "
    "pelvic health physiotherapist or your doctor."
)

SessionKind = Literal["strength", "mobility", "retest", "walk_run", "run"]
Phase = Literal["foundation", "gentle", "walk_run", "paused", "complete"]
LEVEL_ORDER = ("beginner", "intermediate", "advanced")
GENTLE_WEEKS = 6  # how far a referred runner's gentle plan reaches before her review
HORIZON_DAYS = 7 * 40  # a projection never runs past this, whatever the course
SPIKE_LIMIT = 1.10  # frandsen2025: no run over 110% of the longest of the last 30 days
SPIKE_WINDOW_DAYS = 30
RETEST_TO_RUN_DAYS = 2  # a day's rest after the impact tests before the first run

EQUIPMENT_WORDS: dict[str, str] = {
    "physio_ball": "physio ball",
    "resistance_band": "resistance band",
    "mini_band": "mini band",
    "dumbbells": "dumbbells",
    "yoga_blocks": "yoga blocks",
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Item(_Frozen):
    """One exercise in a session, at a level, with its dose and any swaps made."""

    exercise_id: str
    name: str
    level: str
    dose: str
    dosage: Dosage
    cue: str
    swaps: list[str] = []
    cautions: list[str] = []


class Interval(_Frozen):
    activity: Literal["walk", "run"]
    seconds: int


class SessionLog(_Frozen):
    """What the runner logged for a session."""

    completed: Literal["all", "part", "skipped"]
    rpe: int | None = None
    pain: int = 0
    pain_where: str | None = None
    pelvic_floor_symptoms: list[str] = []
    pain_settled: bool | None = None
    note: str | None = None
    outcome: Literal["green", "amber", "red"] | None = None


class Session(_Frozen):
    date: date
    kind: SessionKind
    title: str
    summary: str
    items: list[Item] = []
    intervals: list[Interval] = []
    stage: int | None = None
    running_seconds: int = 0
    provisional: bool = False
    log: SessionLog | None = None
    notes: list[Reason] = []


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
]


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


class Plan(_Frozen):
    protocol: str
    protocol_version: int
    start: date
    birth_date: date
    readiness: Readiness
    status: Status
    phase: Phase  # where she is now: after the logged events, before the projected days
    sessions: list[Session]
    decisions: list[Decision]
    notes: list[Reason]
    disclaimer: str = DISCLAIMER


@dataclass(frozen=True)
class Course:
    """Where a runner is in the programme; changed only by events (see adaptation)."""

    intake: Intake
    catalog: Catalog
    protocol: Protocol
    phase: Phase
    status: Status
    anchor: date  # the day the current phase's weekly pattern counts from
    retest_on: date | None = None  # foundation: the planned re-test day
    stage: int = 0  # the next walk-run stage, 0-based
    provisional: bool = False
    runs: tuple[tuple[date, int], ...] = ()  # runs done in full: (day, running seconds)
    last_run_on: date | None = None  # any run, even part-done: the next needs a day between
    reds: tuple[date, ...] = ()
    strength_turn: int = 0
    resume_phase: Phase | None = None
    referred_while_running: bool = False

    @property
    def stages(self) -> list[Stage]:
        return self.protocol.walk_run.stages

    def walk_run_end(self) -> date:
        return self.anchor + timedelta(weeks=self.protocol.walk_run.weeks)
