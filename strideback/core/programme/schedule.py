"""The schedule: the weekly pattern of each phase, the projection of a course into dated
sessions if every one goes well, and the starting point of a programme."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from itertools import combinations

from strideback.core.catalog import DEFAULT_PROTOCOL, Catalog
from strideback.core.intake import Intake
from strideback.core.programme.model import (
    HORIZON_DAYS,
    Course,
    Flag,
    Run,
    Session,
    SessionKind,
    same_kind,
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
from strideback.core.rules import (
    GENTLE_WEEKS,
    MAX_RUNS_PER_WEEK,
    RETEST_TO_RUN_DAYS,
    RULES,
    SLOW_GREENS_PER_STEP,
    STRENGTH_DAYS_PER_WEEK,
    reason,
)
from strideback.core.vocabulary import WEEKDAY_WORDS
from strideback.core.words import list_words

__all__ = [
    "advance",
    "counted_run",
    "first_retest_day",
    "first_run_day",
    "greens_per_step",
    "initial_course",
    "project",
    "run_days",
    "sessions_for_day",
    "start_walk_run",
    "step_after_green",
    "week_pattern",
    "week_words",
]

# ---------------------------------------------------------------------------------------
# Her week: the sessions of each phase on the days she can train.


def _adjacent(a: int, b: int) -> bool:
    return (a - b) % 7 in (1, 6)


def _smallest_gap(days: tuple[int, ...]) -> int:
    if len(days) < 2:
        return 7
    return min((days[(i + 1) % len(days)] - day) % 7 for i, day in enumerate(days))


@cache
def run_days(days: tuple[int, ...]) -> tuple[int, ...]:
    """The weekdays she runs on (rules her_days, runs_apart): as many as her days allow, up
    to MAX_RUNS_PER_WEEK, never two on consecutive days (Sunday to Monday included), with a
    day left for strength when she has three days or more; spread as evenly as they go."""
    most = min(MAX_RUNS_PER_WEEK, len(days) - 1 if len(days) >= 3 else len(days))
    for count in range(most, 0, -1):
        spaced = [
            chosen
            for chosen in combinations(days, count)
            if not any(_adjacent(a, b) for a, b in combinations(chosen, 2))
        ]
        if spaced:
            return max(spaced, key=lambda chosen: (_smallest_gap(chosen), [-d for d in chosen]))
    return days[:1]


@cache
def week_pattern(
    days: tuple[int, ...], running: bool, first: int = 0
) -> dict[int, tuple[SessionKind, ...]]:
    """What each of her weekdays holds, her week counted from weekday ``first`` (the day her
    programme began). Building strength: strength and mobility in turn, strength first.
    Running: runs on ``run_days``; strength for running on her other days up to
    STRENGTH_DAYS_PER_WEEK (rule strength_without_run), else straight after a run; mobility
    on any day left."""
    days = tuple(sorted(days, key=lambda day: (day - first) % 7))
    if not running:
        kinds: tuple[SessionKind, ...] = ("strength", "mobility")
        return {day: (kinds[i % 2],) for i, day in enumerate(days)}
    runs = run_days(tuple(sorted(days)))
    free = [day for day in days if day not in runs]
    pattern: dict[int, tuple[SessionKind, ...]] = dict.fromkeys(runs, ("walk_run",))
    strength_days = free[:STRENGTH_DAYS_PER_WEEK]
    for day in free:
        pattern[day] = ("strength",) if day in strength_days else ("mobility",)
    if not strength_days:
        for day in [d for d in days if d in runs][:STRENGTH_DAYS_PER_WEEK]:
            pattern[day] = ("walk_run", "strength")
    return pattern


def week_words(days: tuple[int, ...], running: bool, first: int = 0) -> str:
    """Her week in a sentence: which day holds what."""
    names = list(WEEKDAY_WORDS.values())
    pattern = week_pattern(days, running, first)
    said: dict[str, list[str]] = {}
    for day in sorted(pattern):
        for kind in pattern[day]:
            said.setdefault(kind, []).append(names[day])
    parts = [
        f"{_WEEK_KIND_WORDS[kind]} on {list_words(said[kind])}"
        for kind in ("walk_run", "strength", "mobility")
        if kind in said
    ]
    sentence = "; ".join(parts)
    return sentence[:1].upper() + sentence[1:] + "."


_WEEK_KIND_WORDS = {"walk_run": "runs", "strength": "strength", "mobility": "mobility"}


def first_run_day(course: Course) -> date:
    """The first of her run days from the course's anchor, never before 12 weeks."""
    start = max(course.anchor, earliest_run_date(course.intake))
    runs = run_days(course.weekdays)
    return next(
        day for day in (start + timedelta(days=n) for n in range(7)) if day.weekday() in runs
    )


def _planned_kinds(course: Course, day: date) -> tuple[SessionKind, ...]:
    running = course.phase == "walk_run"
    return week_pattern(course.weekdays, running, course.first_weekday).get(day.weekday(), ())


def _last_run_day(course: Course, found: list[Session]) -> date | None:
    """Her last run: done, projected (``advance`` counts those in ``course.runs`` too, in
    day order) or found for the day being planned."""
    days = [s.date for s in found if s.running_seconds]
    if course.runs:
        days.append(course.runs[-1].day)
    if course.last_run_on is not None:
        days.append(course.last_run_on)
    return max(days) if days else None


def advance(course: Course, session: Session) -> Course:
    """The course after ``session`` went as planned (used for projection)."""
    if session.kind in ("walk_run", "run"):
        assert session.stage is not None
        ran = step_after_green(course, session.stage, counted_run(course, session))
        return ran.changed(overridden=()) if ran.overridden else ran
    if session.kind == "strength" and course.phase == "walk_run":
        return course.changed(strength_turn=course.strength_turn + 1)
    if session.kind == "retest" and course.track == "walk_run":
        return course.changed(retest_on=None)  # a re-test her professional set
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
        return course.changed(runs=runs)  # an easy run, or a run eased for the limits
    if course.hold is not None:
        return course.changed(runs=runs, greens=0)  # a professional holds her progression
    at = course.stage + 1 == stage
    greens = (course.greens if at else 0) + 1
    if greens < greens_per_step(course, stage):
        return course.changed(runs=runs, stage=stage - 1, greens=greens)
    return course.changed(runs=runs, stage=stage, greens=0)


def start_walk_run(course: Course, retest_day: date, *, provisional: bool) -> Course:
    """The course once the re-test has passed: walk-run from two days later, never before
    the earliest run date, whatever else is true."""
    return course.changed(
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
    day, one = start, timedelta(days=1)
    for _ in range(HORIZON_DAYS):
        yield day
        day += one


def project(course: Course, start: date, until: date | None = None) -> list[Session]:
    """The sessions from ``start`` on if every one goes well (up to ``until``, if given).

    Nothing while paused. A referred runner's gentle work, running held at a limit or by a
    professional's hold, are shown GENTLE_WEEKS ahead: they last until a professional's next word, not a set date."""
    sessions: list[Session] = []
    held_until = start + timedelta(weeks=GENTLE_WEEKS)
    last = date.max if until is None else until
    ends = _projection_ends(course, held_until)
    for day in _days(start):
        if day > last or day >= ends:
            break
        found = sessions_for_day(course, day)
        for session in found:
            sessions.append(session)
            course = advance(course, session)
        if found:
            ends = _projection_ends(course, held_until)
    return sessions


def _projection_ends(course: Course, held_until: date) -> date:
    """The day the projection of ``course`` stops at (only sessions change the course, so
    it holds until the next): at once while paused or done, GENTLE_WEEKS on while shown for
    weeks, else never (the horizon stops it)."""
    if course.paused is not None or course.track == "complete":
        return date.min
    if course.shown_for_weeks:
        return held_until
    if course.track == "walk_run" and _walk_run_finished(course):
        return date.min
    return date.max


def sessions_for_day(course: Course, day: date) -> list[Session]:
    """The sessions on ``day`` of her week, less those she moved away, plus those she moved
    here (rule move_session)."""
    if day < course.anchor:
        return []
    kinds = list(_planned_kinds(course, day))
    if course.moves:
        kinds = [kind for kind in kinds if not any(m.takes(day, kind) for m in course.moves)]
        kinds += [
            move.kind
            for move in course.moves
            if move.to == day
            and move.from_day >= course.anchor
            and any(same_kind(move.kind, kind) for kind in _planned_kinds(course, move.from_day))
        ]
    found: list[Session] = []
    for kind in kinds:
        session = _session_of_kind(course, day, kind, found)
        if session is None or any(same_kind(s.kind, session.kind) for s in found):
            continue
        if session.kind == "strength" and any(s.running_seconds for s in found):
            session = _after_the_run(session)
        found.append(session)
    return found


def _after_the_run(session: Session) -> Session:
    """Strength on a run day, when her days leave none without a run: it follows the run."""
    return session.model_copy(
        update={
            "summary": "Glutes and hips, to carry each landing: straight after today's run, "
            "while you are warm.",
            "notes": [
                *session.notes,
                reason(
                    "strength_without_run",
                    "Every day you can train is a run day, so strength comes straight after "
                    "the run. To split them, add a day when you answer the questions again.",
                ),
            ],
        }
    )


def _session_of_kind(
    course: Course, day: date, kind: SessionKind, found: list[Session]
) -> Session | None:
    if course.phase in ("foundation", "gentle"):
        if kind in ("walk_run", "run"):
            return None
        if course.phase == "foundation" and course.retest_on and day >= course.retest_on:
            return retest_session(course, day)
        return foundation_session(course, day, "mobility" if kind == "mobility" else "strength")
    if kind in ("walk_run", "run"):
        if day < earliest_run_date(course.intake):
            return None  # never a run before 12 weeks, whatever led here
        last_run = _last_run_day(course, found)
        if last_run is not None and abs((day - last_run).days) < 2:
            return None
        return run_session(course, day)
    if course.retest_on is not None and day >= course.retest_on:
        return retest_session(course, day)  # a re-test her professional set, on a day off running
    if kind == "strength":
        return running_strength_session(course, day)
    if kind == "mobility":
        return foundation_session(course, day, "mobility")
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
    first = start.weekday()
    if readiness.status == "ready":
        course = Course(
            intake, catalog, protocol, track="walk_run", anchor=start, first_weekday=first
        )
        return course.changed(stage=start_stage(course))
    course = Course(
        intake, catalog, protocol, track="foundation", anchor=start, first_weekday=first
    )
    flags = tuple(
        Flag(day=start, seq=-1, reason=r)
        for r in readiness.reasons
        if RULES[r.rule].effect == "refers"
    )
    return course.changed(retest_on=first_retest_day(course, start), flags=flags)
