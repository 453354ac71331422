"""What a caseload needs of one programme, read off the replayed plan: the verdict, the next
sessions, and the days things happened on (a pelvic-floor symptom, a referral, pain, a log,
a run longer than prescribed). Days, not yes/no answers, so "no log for 7 days" stays true
between events: the reader decides with the day it reads on (``flags``).

``summarise`` never derives the plan a second way: it reads the plan ``plan_as_of`` gave,
the events it was replayed from (for the symptoms a re-test or a report named) and, for
the sessions planned in the last four weeks, the plan as it stood four weeks ago (a missed
session is not in today's plan: only logged ones are)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from strideback.core.programme.events import (
    AnswersEvent,
    BaselineEvent,
    Event,
    PlanInputs,
    RetestEvent,
    SymptomEvent,
    events_in_force,
)
from strideback.core.programme.model import Plan, Session
from strideback.core.readiness import pelvic_floor_signs
from strideback.core.rules import AMBER_PAIN

__all__ = [
    "ENGINE_VERSION",
    "FLAG_ORDER",
    "LOOK_BACK_DAYS",
    "NO_LOG_DAYS",
    "WINDOW_DAYS",
    "Adherence",
    "Flag",
    "Summary",
    "flags",
    "summarise",
]

# Bump when a rule below (or in the replay) changes what a summary holds: a stored summary
# of another version is rebuilt.
ENGINE_VERSION = 3

WINDOW_DAYS = 14  # adherence compares the last 14 days with the 14 before
LOOK_BACK_DAYS = 2 * WINDOW_DAYS
LOOK_AHEAD_DAYS = 2 * WINDOW_DAYS  # the planned days kept, so a reader later still knows
NO_LOG_DAYS = 7
LOW_ADHERENCE = 0.5  # fewer than half the planned sessions done
ADHERENCE_DROP = 0.8  # or 20% below the fortnight before

# Who needs attention first: the flags in order of urgency.
FLAG_ORDER = (
    "pelvic_floor",
    "referral",
    "red_sessions",
    "pain",
    "pain_rising",
    "adherence",
    "no_log",
    "retest_due",
    "spike",
    "override",
    "hold",
)


@dataclass(frozen=True)
class Summary:
    computed_on: date
    start: date
    status: str  # the verdict's code
    last_log: date | None = None
    pelvic_floor_day: date | None = None
    pelvic_floor: tuple[str, ...] = ()  # the symptoms' codes, reported that day
    referral_since: date | None = None
    red_since: date | None = None  # the first red session no clearance has lifted
    pain_day: date | None = None  # the last session with pain of 4/10 or more
    pain_rising_day: date | None = None  # the last of three sessions with rising pain
    spike_day: date | None = None  # the last run longer than prescribed, or with none planned
    retest_due: date | None = None
    hold_since: date | None = None
    override_day: date | None = None  # the newest advance that overrode a progression rule
    upcoming: tuple[tuple[date, str], ...] = ()  # (day, kind) from computed_on, 4 weeks
    planned: str = ""  # sessions planned per day, a digit a day, from 4 weeks back
    done: str = ""  # sessions done per day (in full or in part), up to computed_on
    engine_version: int = ENGINE_VERSION

    @property
    def first_day(self) -> date:
        return self.computed_on - timedelta(days=LOOK_BACK_DAYS - 1)

    def next_session(self, today: date) -> tuple[date, str] | None:
        return next((s for s in self.upcoming if s[0] >= today), None)

    def week(self, today: date) -> int:
        return (max(today, self.start) - self.start).days // 7 + 1

    def _count(self, digits: str, first: date, last: date) -> int:
        begin = max(0, (first - self.first_day).days)
        end = max(0, (last - self.first_day).days + 1)
        return sum(int(d) for d in digits[begin:end])

    def adherence(self, today: date) -> Adherence:
        """Sessions planned and done in the 14 days to ``today`` and the 14 before."""
        last = today - timedelta(days=WINDOW_DAYS - 1)
        before = last - timedelta(days=WINDOW_DAYS)
        day = timedelta(days=1)
        return Adherence(
            planned=self._count(self.planned, last, today),
            done=self._count(self.done, last, today),
            planned_before=self._count(self.planned, before, last - day),
            done_before=self._count(self.done, before, last - day),
        )


@dataclass(frozen=True)
class Adherence:
    planned: int
    done: int
    planned_before: int
    done_before: int

    @property
    def down(self) -> bool:
        if self.planned == 0:
            return False
        rate = self.done / self.planned
        if rate < LOW_ADHERENCE:
            return True
        if self.planned_before == 0:
            return False
        return rate < ADHERENCE_DROP * (self.done_before / self.planned_before)


@dataclass(frozen=True)
class Flag:
    """Something her professional should notice: its code, the day it happened, and what
    to say (the symptoms' codes, or the counts behind it)."""

    code: str
    day: date
    detail: tuple[str, ...] = ()

    @property
    def rank(self) -> int:
        return FLAG_ORDER.index(self.code)


def flags(summary: Summary, today: date) -> list[Flag]:
    """What needs attention on ``today``, most urgent first."""
    found: list[Flag] = []
    if summary.pelvic_floor_day is not None:
        found.append(Flag("pelvic_floor", summary.pelvic_floor_day, summary.pelvic_floor))
    if summary.referral_since is not None:
        found.append(Flag("referral", summary.referral_since))
    if summary.red_since is not None:
        found.append(Flag("red_sessions", summary.red_since))
    if summary.pain_day is not None:
        found.append(Flag("pain", summary.pain_day))
    if summary.pain_rising_day is not None:
        found.append(Flag("pain_rising", summary.pain_rising_day))
    quiet_since = summary.last_log or summary.start
    adherence = summary.adherence(today)
    if adherence.down:
        counts = (str(adherence.done), str(adherence.planned))
        found.append(Flag("adherence", quiet_since, counts))
    if (today - quiet_since).days >= NO_LOG_DAYS:
        found.append(Flag("no_log", quiet_since))
    if summary.retest_due is not None and summary.retest_due <= today:
        found.append(Flag("retest_due", summary.retest_due))
    if summary.spike_day is not None:
        found.append(Flag("spike", summary.spike_day))
    if summary.override_day is not None:
        found.append(Flag("override", summary.override_day))
    if summary.hold_since is not None:
        found.append(Flag("hold", summary.hold_since))
    return found


# ---------------------------------------------------------------------------------------
# Reading the plan.


def _logged(plan: Plan) -> list[Session]:
    return [s for s in plan.sessions if s.log is not None]


def _symptoms(
    inputs: PlanInputs, events: Sequence[Event], plan: Plan
) -> list[tuple[date, tuple[str, ...]]]:
    """Every pelvic-floor symptom reported: in a log, a re-test, a report or her answers."""
    birth = inputs.intake.birth_date
    found = [(inputs.start, tuple(pelvic_floor_signs(inputs.intake.symptoms, 0)))]
    for session in _logged(plan):
        assert session.log is not None
        found.append((session.date, tuple(session.log.pelvic_floor_symptoms)))
    for event in events_in_force(events):
        if isinstance(event, BaselineEvent):  # pelvic-floor codes already
            found.append((event.date, tuple(event.symptoms)))
            continue
        if isinstance(event, RetestEvent | SymptomEvent):
            symptoms = list(event.symptoms)
        elif isinstance(event, AnswersEvent):
            symptoms = list(event.intake.symptoms)
        else:
            continue
        found.append((event.date, tuple(pelvic_floor_signs(symptoms, (event.date - birth).days))))
    return [(day, codes) for day, codes in found if codes]


def _red_since(plan: Plan) -> date | None:
    """The first red session after the last assessment recorded (which lifts them)."""
    cleared = max((d.date for d in plan.decisions if d.decision == "clearance"), default=None)
    reds = [
        s.date
        for s in _logged(plan)
        if s.log is not None
        and s.log.outcome == "red"
        and s.kind != "retest"
        and (cleared is None or s.date > cleared)
    ]
    return min(reds, default=None)


def _pain_rising(sessions: Sequence[Session]) -> date | None:
    """The day of the last of three logged sessions in a row with pain rising each time."""
    rising = None
    pains = [(s.date, s.log.pain) for s in sessions if s.log and s.log.completed != "skipped"]
    for (_, a), (_, b), (day, c) in zip(pains, pains[1:], pains[2:], strict=False):
        if 0 < a < b < c or (a == 0 < b < c):
            rising = day
    return rising


def _spike(session: Session) -> bool:
    log = session.log
    return (
        log is not None
        and log.ran_minutes is not None
        and session.running_seconds > 0
        and log.ran_minutes * 60 > session.running_seconds
    )


def _per_day(sessions: Sequence[Session], first: date, days: int) -> str:
    counts = [0] * days
    for session in sessions:
        offset = (session.date - first).days
        if 0 <= offset < days:
            counts[offset] += 1
    return "".join(str(min(9, n)) for n in counts)


def _planned(plan: Plan, earlier: Sequence[Session], first: date, today: date) -> str:
    """A day's planned sessions: those logged, or (for a day gone by without a log) those
    the plan held four weeks ago; from ``today`` on, those the plan holds now."""
    logged = _per_day(_logged(plan), first, LOOK_BACK_DAYS)
    held = _per_day(
        [s for s in earlier if not s.provisional and s.date < today], first, LOOK_BACK_DAYS
    )
    ahead = _per_day(
        [s for s in plan.sessions if s.log is None and s.date >= today], today, LOOK_AHEAD_DAYS
    )
    past = "".join(max(a, b) for a, b in zip(logged[:-1], held[:-1], strict=True))
    return past + str(max(int(logged[-1]), int(ahead[0]))) + ahead[1:]


def summarise(
    inputs: PlanInputs,
    events: Sequence[Event],
    plan: Plan,
    earlier: Sequence[Session],
    today: date,
) -> Summary:
    """The caseload's summary of ``plan`` (``plan_as_of(inputs, events, today)``);
    ``earlier`` is the sessions of the plan as it stood ``LOOK_BACK_DAYS`` ago (the events
    before that day, projected to ``today``)."""
    logged = _logged(plan)
    first = today - timedelta(days=LOOK_BACK_DAYS - 1)
    symptoms = _symptoms(inputs, events, plan)
    last_symptom = max(symptoms, key=lambda s: s[0], default=None)
    pains = [s.date for s in logged if s.log and s.log.pain >= AMBER_PAIN]
    horizon = today + timedelta(days=LOOK_AHEAD_DAYS)
    upcoming = [s for s in plan.sessions if s.log is None and today <= s.date < horizon]
    retests = [s.date for s in plan.sessions if s.kind == "retest" and s.log is None]
    hold = plan.hold
    return Summary(
        computed_on=today,
        start=plan.start,
        status=plan.verdict.status,
        last_log=max((s.date for s in logged), default=None),
        pelvic_floor_day=last_symptom[0] if last_symptom else None,
        pelvic_floor=last_symptom[1] if last_symptom else (),
        referral_since=plan.referral.since if plan.referral else None,
        red_since=_red_since(plan),
        pain_day=max(pains, default=None),
        pain_rising_day=_pain_rising(logged),
        spike_day=max(
            [s.date for s in logged if _spike(s)]
            + [d.date for d in plan.decisions if d.decision == "unplanned_run"],
            default=None,
        ),
        retest_due=min(retests, default=None),
        hold_since=hold.since if hold else None,
        override_day=plan.latest_override.date if plan.latest_override else None,
        upcoming=tuple((s.date, s.kind) for s in upcoming),
        planned=_planned(plan, earlier, first, today),
        done=_per_day(
            [s for s in logged if s.log and s.log.completed != "skipped"], first, LOOK_BACK_DAYS
        ),
    )
