"""Planning: dated sessions from the intake, the readiness verdict and a protocol.

The programme's position is a ``Course`` (phase, stage, run history). ``project`` turns a
course into dated sessions from a given day on, assuming every session goes well;
``build_plan`` projects from the start. Adaptation (``adaptation.replay``) moves the
course through logged events and calls ``project`` for the days that follow.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from strideback.core.catalog import (
    DEFAULT_PROTOCOL,
    HOUSEHOLD,
    IMPACT_ORDER,
    Catalog,
    Dosage,
    Exercise,
    Protocol,
    Stage,
    split_ref,
)
from strideback.core.intake import Intake
from strideback.core.readiness import Readiness, Status, assess
from strideback.core.rules import Reason, reason
from strideback.core.words import clock, list_words, spoken_date

__all__ = [
    "DISCLAIMER",
    "EQUIPMENT_WORDS",
    "Course",
    "Decision",
    "Interval",
    "Item",
    "Plan",
    "Session",
    "SessionKind",
    "SessionLog",
    "build_plan",
    "initial_course",
    "project",
    "session_on",
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


# ---------------------------------------------------------------------------------------
# Exercises: eligibility, level and equipment.


def _conditions(intake: Intake) -> set[str]:
    found: set[str] = {
        symptom
        for symptom in intake.symptoms
        if symptom in ("abdominal_separation", "pelvic_pain", "low_back_pain")
    }
    if intake.delivery == "caesarean":
        found.add("caesarean")
    if intake.perineal_tear in ("third", "fourth"):
        found.add("severe_perineal_tear")
    return found


def earliest_week_for(exercise: Exercise, intake: Intake) -> int:
    """The first week after birth an exercise may appear, later where a caution says so."""
    conditions = _conditions(intake)
    later = [
        c.earliest_week for c in exercise.cautions if c.condition in conditions and c.earliest_week
    ]
    return max([exercise.earliest_week, *later])


def _allowed(exercise: Exercise, intake: Intake, week: int, max_impact: str) -> bool:
    conditions = _conditions(intake)
    if any(c.avoid and c.condition in conditions for c in exercise.cautions):
        return False
    if IMPACT_ORDER[exercise.impact] > IMPACT_ORDER[max_impact]:
        return False
    return earliest_week_for(exercise, intake) <= week


def prescribe(exercise: Exercise, wanted: str, intake: Intake) -> Item:
    """The exercise at the wanted level if her equipment allows (with substitutes), else lower."""
    names = [level.name for level in exercise.levels]
    conditions = _conditions(intake)
    caps = [c.max_level for c in exercise.cautions if c.condition in conditions and c.max_level]
    top = min([LEVEL_ORDER.index(wanted), len(names) - 1, *(LEVEL_ORDER.index(c) for c in caps)])
    available = set(intake.equipment) | HOUSEHOLD
    substitutes = {str(item): text for item, text in exercise.substitutes.items()}
    for name in reversed(names[: top + 1]):
        missing = [item for item in exercise.equipment_at(name) if item not in available]
        if missing and not all(item in substitutes for item in missing):
            continue
        swaps = [f"No {EQUIPMENT_WORDS.get(item, item)}: {substitutes[item]}" for item in missing]
        if name != names[top]:
            lacking = sorted(set(exercise.equipment_at(names[top])) - available - set(substitutes))
            swaps.insert(
                0,
                f"No {list_words([EQUIPMENT_WORDS.get(i, i) for i in lacking])}: "
                f"the {name} version instead of the {names[top]} one.",
            )
        return _item(exercise, name, swaps, intake)
    raise AssertionError(f"{exercise.id}: the catalog check guarantees a possible level")


def _item(exercise: Exercise, level: str, swaps: list[str], intake: Intake) -> Item:
    dosage = exercise.dosage_at(level)
    conditions = _conditions(intake)
    return Item(
        exercise_id=exercise.id,
        name=exercise.name,
        level=level,
        dose=dosage.describe(),
        dosage=dosage,
        cue=exercise.cues[0],
        swaps=swaps,
        cautions=[c.advice for c in exercise.cautions if c.condition in conditions],
    )


def _items(course: Course, refs: list[str], level: str, day: date, max_impact: str) -> list[Item]:
    week = course.intake.days_since_birth(day) // 7
    items = []
    for ref in refs:
        exercise_id, ref_level = split_ref(ref)
        exercise = course.catalog.exercise(exercise_id)
        if _allowed(exercise, course.intake, week, max_impact):
            items.append(prescribe(exercise, ref_level or level, course.intake))
    return items


# ---------------------------------------------------------------------------------------
# Sessions of each kind.


def _foundation_session(course: Course, day: date, kind: SessionKind) -> Session:
    week = course.intake.days_since_birth(day) // 7
    block = course.protocol.foundation_block(week)
    refs = block.strength if kind == "strength" and block.strength else block.mobility
    kind = "strength" if refs is block.strength else "mobility"
    items = _items(course, refs, block.level, day, max_impact="low")
    label = "Strength" if kind == "strength" else "Mobility"
    return Session(
        date=day,
        kind=kind,
        title=f"{label}: {block.title}",
        summary=block.aim,
        items=items,
        notes=[
            reason("foundation_by_week", f"Week {week} after birth: {block.title.lower()} work.")
        ],
    )


def _running_strength_session(course: Course, day: date) -> Session:
    run_week = max(0, (day - course.anchor).days // 7)
    block = course.protocol.running_strength_block(run_week)
    refs = block.sessions[course.strength_turn % len(block.sessions)]
    letter = "AB"[course.strength_turn % 2] if len(block.sessions) == 2 else ""
    items = _items(course, refs, block.level, day, max_impact="moderate")
    return Session(
        date=day,
        kind="strength",
        title=f"Strength for running {letter}".rstrip(),
        summary="Glutes and hips, to carry each landing. Do it on a day without a run.",
        items=items,
        provisional=course.provisional,
    )


def _retest_session(course: Course, day: date) -> Session:
    items = [
        prescribe(course.catalog.exercise(test_id), "beginner", course.intake)
        for test_id in course.protocol.retest
    ]
    return Session(
        date=day,
        kind="retest",
        title="Re-test day",
        summary=(
            "Try each load-and-impact test and count your strength reps. A test passes only "
            "with no pain, heaviness, dragging or leaking. Record the results in Strideback."
        ),
        items=items,
        notes=[
            reason(
                "retest_before_running", "These tests decide when the walk-run programme can start."
            )
        ],
    )


def longest_recent_run(course: Course, day: date) -> int | None:
    """The longest run (seconds) in the 30 days before ``day``, or None when there was none."""
    window = [s for d, s in course.runs if day - timedelta(days=SPIKE_WINDOW_DAYS) <= d < day]
    return max(window) if window else None


def safe_stage(course: Course, day: date) -> int:
    """The course's stage, lowered if needed so the run stays within 110% of recent runs."""
    wanted = min(course.stage, len(course.stages) - 1)
    longest = longest_recent_run(course, day)
    if longest is None:
        return 0
    allowed = [
        i for i in range(wanted + 1) if course.stages[i].running_seconds <= longest * SPIKE_LIMIT
    ]
    return allowed[-1] if allowed else 0


def _run_session(course: Course, day: date) -> Session:
    index = safe_stage(course, day)
    stage = course.stages[index]
    walk_run = course.protocol.walk_run
    intervals = [Interval(activity="walk", seconds=walk_run.warm_up_walk_seconds)]
    for bout in range(stage.repeats):
        intervals.append(Interval(activity="run", seconds=stage.run_seconds))
        if bout < stage.repeats - 1:
            intervals.append(Interval(activity="walk", seconds=stage.walk_seconds))
    if walk_run.cool_down_walk_seconds:
        intervals.append(Interval(activity="walk", seconds=walk_run.cool_down_walk_seconds))
    notes = []
    if index < min(course.stage, len(course.stages) - 1):
        rule = "break_restart" if longest_recent_run(course, day) is None else "single_run_spike"
        notes.append(
            reason(
                rule,
                f"Stage {index + 1} rather than {course.stage + 1}: no run may be more than 10% "
                "longer than your longest run of the last 30 days.",
            )
        )
    kind: SessionKind = "run" if stage.continuous else "walk_run"
    total = len(course.stages)
    title = f"Run {clock(stage.run_seconds)}" if stage.continuous else "Walk-run"
    return Session(
        date=day,
        kind=kind,
        title=f"{title} (stage {index + 1} of {total})",
        summary=_run_summary(walk_run.warm_up_walk_seconds, stage, walk_run.cool_down_walk_seconds),
        intervals=intervals,
        stage=index + 1,
        running_seconds=stage.running_seconds,
        provisional=course.provisional,
        notes=notes,
    )


def _run_summary(warm_up: int, stage: Stage, cool_down: int) -> str:
    text = f"Brisk walk {clock(warm_up)}, then {stage.describe()}"
    return text + (f", then walk {clock(cool_down)} to cool down." if cool_down else ".")


def session_on(course: Course, day: date, kind: SessionKind) -> Session:
    """The session of ``kind`` the course prescribes on ``day`` (used for logged sessions too)."""
    if kind in ("walk_run", "run"):
        return _run_session(course, day)
    if kind == "retest":
        return _retest_session(course, day)
    if course.phase == "walk_run" and kind == "strength":
        return _running_strength_session(course, day)
    return _foundation_session(course, day, kind)


# ---------------------------------------------------------------------------------------
# The weekly pattern and projection.


def _foundation_pattern(days_per_week: int) -> dict[int, SessionKind]:
    if days_per_week == 3:
        return {0: "strength", 2: "mobility", 4: "strength"}
    return {0: "strength", 3: "mobility"}


def _walk_run_pattern(days_per_week: int) -> dict[int, SessionKind]:
    runs = (0, 2, 4) if days_per_week == 3 else (0, 3)
    pattern: dict[int, SessionKind] = dict.fromkeys(runs, "walk_run")
    pattern.update({1: "strength", 5: "strength"})
    return pattern


def _last_run_day(course: Course, sessions: list[Session]) -> date | None:
    days = [d for d, _ in course.runs] + [s.date for s in sessions if s.running_seconds]
    if course.last_run_on is not None:
        days.append(course.last_run_on)
    return max(days) if days else None


def advance(course: Course, session: Session) -> Course:
    """The course after ``session`` went as planned (used for projection)."""
    if session.kind in ("walk_run", "run"):
        assert session.stage is not None
        return replace(
            course,
            stage=session.stage,  # 1-based stage done -> the next, 0-based
            runs=(*course.runs, (session.date, session.running_seconds)),
        )
    if session.kind == "strength" and course.phase == "walk_run":
        return replace(course, strength_turn=course.strength_turn + 1)
    if session.kind == "retest":
        return start_walk_run(course, session.date, provisional=True)
    return course


def start_walk_run(course: Course, retest_day: date, *, provisional: bool) -> Course:
    earliest = course.intake.birth_date + timedelta(days=84)
    return replace(
        course,
        phase="walk_run",
        anchor=max(retest_day + timedelta(days=RETEST_TO_RUN_DAYS), earliest),
        retest_on=None,
        provisional=provisional,
        strength_turn=0,
    )


def _walk_run_finished(course: Course, day: date) -> bool:
    return course.stage >= len(course.stages) and day >= course.walk_run_end()


def _days(start: date) -> Iterator[date]:
    for offset in range(HORIZON_DAYS):
        yield start + timedelta(days=offset)


def project(course: Course, start: date, until: date | None = None) -> list[Session]:
    """The sessions from ``start`` on if every one goes well (up to ``until``, if given)."""
    sessions: list[Session] = []
    for day in _days(start):
        if until is not None and day > until:
            break
        if course.phase in ("paused", "complete"):
            break
        if course.phase == "walk_run" and _walk_run_finished(course, day):
            break
        if course.phase == "gentle" and day >= course.anchor + timedelta(weeks=GENTLE_WEEKS):
            break
        session = _session_for_day(course, day, sessions)
        if session is not None:
            sessions.append(session)
            course = advance(course, session)
    return sessions


def _session_for_day(course: Course, day: date, sessions: list[Session]) -> Session | None:
    offset = (day - course.anchor).days % 7
    if day < course.anchor:
        return None
    if course.phase in ("foundation", "gentle"):
        kind = _foundation_pattern(course.intake.days_per_week).get(offset)
        if kind is None:
            return None
        if course.phase == "foundation" and course.retest_on and day >= course.retest_on:
            return _retest_session(course, day)
        return _foundation_session(course, day, kind)
    kind = _walk_run_pattern(course.intake.days_per_week).get(offset)
    if kind == "walk_run":
        last_run = _last_run_day(course, sessions)
        if last_run is not None and (day - last_run).days < 2:
            return None
        return _run_session(course, day)
    if kind == "strength":
        return _running_strength_session(course, day)
    return None


# ---------------------------------------------------------------------------------------
# The starting point.


def first_retest_day(course: Course, readiness: Readiness, start: date) -> date:
    """Re-test on the earliest run date, and not before a failed test has had time to improve."""
    assert readiness.earliest_run_date is not None
    day = max(readiness.earliest_run_date, start)
    if course.intake.tests.load_impact.failed():
        day = max(day, start + timedelta(days=course.protocol.retest_after_failed_days))
    return day


def initial_course(
    intake: Intake,
    readiness: Readiness,
    catalog: Catalog,
    start: date,
    protocol_id: str = DEFAULT_PROTOCOL,
) -> Course:
    protocol = catalog.protocol(protocol_id)
    if readiness.status == "refer":
        return Course(intake, catalog, protocol, phase="gentle", status="refer", anchor=start)
    if readiness.status == "ready":
        return Course(intake, catalog, protocol, phase="walk_run", status="ready", anchor=start)
    course = Course(intake, catalog, protocol, phase="foundation", status="not_yet", anchor=start)
    return replace(course, retest_on=first_retest_day(course, readiness, start))


def plan_notes(course: Course, readiness: Readiness) -> list[Reason]:
    notes = list(readiness.advice)
    if course.status == "refer" or course.phase == "gentle":
        notes.insert(
            0,
            reason(
                "refer_gentle_only",
                "A pelvic health physiotherapist is a physio who specialises in the pelvic floor, "
                "bladder and bowel after birth. Ask your doctor or midwife for a referral, or book "
                "one directly. Your plan holds gentle work with no running until they clear you; "
                "then record their clearance and the plan carries on.",
            ),
        )
    elif course.phase == "foundation":
        assert course.retest_on is not None
        notes.insert(
            0,
            reason(
                "retest_before_running",
                f"Your re-test is planned for {spoken_date(course.retest_on)}. The runs after it are "
                "provisional: they start only once every load-and-impact test passes.",
            ),
        )
    return notes


def build_plan(
    intake: Intake,
    readiness: Readiness,
    catalog: Catalog,
    start: date,
    protocol_id: str = DEFAULT_PROTOCOL,
) -> Plan:
    """The programme from ``start`` if every session goes well (no events logged yet)."""
    course = initial_course(intake, readiness, catalog, start, protocol_id)
    sessions = project(course, start)
    return Plan(
        protocol=course.protocol.id,
        protocol_version=course.protocol.version,
        start=start,
        birth_date=intake.birth_date,
        readiness=readiness,
        status=readiness.status,
        phase=course.phase,
        sessions=sessions,
        decisions=[],
        notes=plan_notes(course, readiness),
    )


def plan_for(intake: Intake, catalog: Catalog, start: date | None = None) -> Plan:
    """Assess and plan in one call, from the intake's assessment day by default."""
    return build_plan(intake, assess(intake), catalog, start or intake.assessed_on)
