"""The schedule: the weekly pattern of each phase, the projection of a course into dated
sessions if every one goes well, and the starting point of a programme."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

from strideback.core.catalog import DEFAULT_PROTOCOL, Catalog
from strideback.core.intake import Intake
from strideback.core.programme.model import (
    GENTLE_WEEKS,
    HORIZON_DAYS,
    RETEST_TO_RUN_DAYS,
    Course,
    Plan,
    Session,
    SessionKind,
)
from strideback.core.programme.prescription import (
    foundation_session,
    retest_session,
    run_session,
    running_strength_session,
)
from strideback.core.readiness import Readiness, assess
from strideback.core.rules import Reason, reason
from strideback.core.words import spoken_date

__all__ = [
    "advance",
    "build_plan",
    "first_retest_day",
    "initial_course",
    "plan_for",
    "plan_notes",
    "project",
    "start_walk_run",
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
            return retest_session(course, day)
        return foundation_session(course, day, kind)
    kind = _walk_run_pattern(course.intake.days_per_week).get(offset)
    if kind == "walk_run":
        last_run = _last_run_day(course, sessions)
        if last_run is not None and (day - last_run).days < 2:
            return None
        return run_session(course, day)
    if kind == "strength":
        return running_strength_session(course, day)
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
