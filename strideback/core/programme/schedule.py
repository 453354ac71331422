"""The schedule: the weekly pattern of each phase, the projection of a course into dated
sessions if every one goes well, and the starting point of a programme."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

from strideback.core.catalog import DEFAULT_PROTOCOL, Catalog
from strideback.core.intake import Intake
from strideback.core.programme.model import (
    HORIZON_DAYS,
    Course,
    Flag,
    Run,
    Session,
    SessionKind,
)
from strideback.core.programme.prescription import (
    foundation_session,
    on_feet,
    retest_session,
    run_session,
    running_strength_session,
    start_stage,
)
from strideback.core.readiness import Readiness, earliest_run_date, slowed_by
from strideback.core.rules import GENTLE_WEEKS, RETEST_TO_RUN_DAYS, RULES, SLOW_GREENS_PER_STEP

__all__ = [
    "advance",
    "counted_run",
    "first_retest_day",
    "greens_per_step",
    "initial_course",
    "project",
    "start_walk_run",
    "step_after_green",
]

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
    days = [run.day for run in course.runs] + [s.date for s in sessions if s.running_seconds]
    if course.last_run_on is not None:
        days.append(course.last_run_on)
    return max(days) if days else None


def advance(course: Course, session: Session) -> Course:
    """The course after ``session`` went as planned (used for projection)."""
    if session.kind in ("walk_run", "run"):
        assert session.stage is not None
        return step_after_green(course, session.stage, counted_run(course, session))
    if session.kind == "strength" and course.phase == "walk_run":
        return replace(course, strength_turn=course.strength_turn + 1)
    if session.kind == "retest":
        return start_walk_run(course, session.date, provisional=True)
    return course


def counted_run(course: Course, session: Session, ran_minutes: int | None = None) -> Run:
    """A run as the limits count it: the lesser of what was planned and what she ran."""
    assert session.stage is not None
    stage = course.stages[session.stage - 1]
    planned = Run(session.date, stage.running_seconds, on_feet(stage), session.stage)
    if ran_minutes is None or ran_minutes * 60 >= planned.seconds:
        return planned
    share = ran_minutes * 60 / planned.seconds
    return planned._replace(seconds=ran_minutes * 60, on_feet=int(planned.on_feet * share))


def greens_per_step(course: Course, stage: int) -> int:
    """Good runs needed at ``stage`` (1-based) before the next: two for a runner new to
    running or slowed by sleep, energy or fear of movement, when the next step adds running."""
    stages = course.stages
    if stage >= len(stages) or stages[stage].running_seconds <= stages[stage - 1].running_seconds:
        return 1
    return SLOW_GREENS_PER_STEP if slowed_by(course.intake) else 1


def step_after_green(course: Course, stage: int, run: Run | None) -> Course:
    """The course after a good run at ``stage`` (1-based): the next stage, or the same again
    while it needs another good run; an easy run in the goal phase moves nothing."""
    runs = course.runs if run is None else (*course.runs, run)
    if (course.in_goal_phase and stage <= course.walk_run_stages) or stage <= course.stage:
        return replace(course, runs=runs)  # an easy run, or a run eased for the limits
    at = course.stage + 1 == stage
    greens = (course.greens if at else 0) + 1
    if greens < greens_per_step(course, stage):
        return replace(course, runs=runs, stage=stage - 1, greens=greens)
    return replace(course, runs=runs, stage=stage, greens=0)


def start_walk_run(course: Course, retest_day: date, *, provisional: bool) -> Course:
    """The course once the re-test has passed: walk-run from two days later, never before
    the earliest run date, whatever else is true."""
    return replace(
        course,
        track="walk_run",
        anchor=max(
            retest_day + timedelta(days=RETEST_TO_RUN_DAYS), earliest_run_date(course.intake)
        ),
        stage=course.stage if course.last_run_on or course.reds else start_stage(course),
        retest_on=None,
        provisional=provisional,
        strength_turn=0,
    )


def _walk_run_finished(course: Course) -> bool:
    return course.stage >= len(course.stages)


def _days(start: date) -> Iterator[date]:
    for offset in range(HORIZON_DAYS):
        yield start + timedelta(days=offset)


def project(course: Course, start: date, until: date | None = None) -> list[Session]:
    """The sessions from ``start`` on if every one goes well (up to ``until``, if given).

    Nothing while paused. A referred runner's gentle work, and running held at a limit, are
    shown GENTLE_WEEKS ahead: they last until a professional's next word, not a set date."""
    sessions: list[Session] = []
    held_until = start + timedelta(weeks=GENTLE_WEEKS)
    for day in _days(start):
        if until is not None and day > until:
            break
        if course.paused is not None or course.track == "complete":
            break
        if course.referred or course.held_at_limit:
            if day >= held_until:
                break
        elif course.track == "walk_run" and _walk_run_finished(course):
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
            return retest_session(course, day)
        return foundation_session(course, day, kind)
    kind = _walk_run_pattern(course.intake.days_per_week).get(offset)
    if kind == "walk_run":
        if day < earliest_run_date(course.intake):
            return None  # never a run before 12 weeks, whatever led here
        last_run = _last_run_day(course, sessions)
        if last_run is not None and (day - last_run).days < 2:
            return None
        return run_session(course, day)
    if kind == "strength":
        return running_strength_session(course, day)
    return None


# ---------------------------------------------------------------------------------------
# The starting point.


def first_retest_day(course: Course, start: date) -> date:
    """Re-test on the earliest run date, and not before a failed test has had time to improve."""
    day = max(earliest_run_date(course.intake), start)
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
    """Where a programme starts: walk-run when ready, else strength work towards a re-test;
    a referral from her answers sits on top until a clearance lifts it."""
    protocol = catalog.protocol(protocol_id)
    if readiness.status == "ready":
        course = Course(intake, catalog, protocol, track="walk_run", anchor=start)
        return replace(course, stage=start_stage(course))
    course = Course(intake, catalog, protocol, track="foundation", anchor=start)
    flags = tuple(
        Flag(day=start, seq=-1, reason=r)
        for r in readiness.reasons
        if RULES[r.rule].effect == "refers"
    )
    return replace(course, retest_on=first_retest_day(course, start), flags=flags)
