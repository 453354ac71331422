"""Her week changes: which days a session may move to, and why a day is refused.

A move is tried on the replay itself: the plan with the move added must hold the session on
the new day and lose no other run to it, so the rules of her week (runs never on
consecutive days, no run before 12 weeks, nothing while paused) say why a day will not do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from strideback.core.programme.events import Event, MoveEvent, PlanInputs
from strideback.core.programme.model import Plan, Session, SessionKind, same_kind
from strideback.core.programme.today import plan_as_of
from strideback.core.rules import MOVE_LATER_DAYS
from strideback.core.vocabulary import KIND_WORDS
from strideback.core.words import spoken_date

__all__ = ["MoveChoice", "movable", "move_choices", "move_refusal"]


@dataclass(frozen=True)
class MoveChoice:
    """A day she could move a session to: None when it may go there, else why not."""

    day: date
    refusal: str | None


def movable(plan: Plan, day: date, kind: SessionKind, today: date) -> Session | None:
    """The session of ``kind`` still to do on ``day`` (today or later), if there is one."""
    if day < today:
        return None
    return next(
        (s for s in plan.sessions if s.date == day and s.log is None and same_kind(s.kind, kind)),
        None,
    )


def _runs(plan: Plan, first: date, last: date) -> list[date]:
    return [
        s.date
        for s in plan.sessions
        if s.running_seconds and s.log is None and first <= s.date <= last
    ]


def move_refusal(
    inputs: PlanInputs,
    events: Sequence[Event],
    today: date,
    from_day: date,
    kind: SessionKind,
    to: date,
    plan: Plan | None = None,
) -> str | None:
    """Why the session of ``kind`` on ``from_day`` cannot move to ``to``, or None."""
    plan = plan or plan_as_of(inputs, events, today)
    session = movable(plan, from_day, kind, today)
    if session is None:
        return f"There is no session left to do on {spoken_date(from_day)} to move."
    if to == from_day:
        return "That is the day it is on already."
    if to < today:
        return "That day has passed; a session done then can be logged for it instead."
    if to > from_day + timedelta(days=MOVE_LATER_DAYS):
        return (
            f"A session may move up to {MOVE_LATER_DAYS} days after its day; after that, let "
            "it go and the plan carries on."
        )
    if any(s.date == to and same_kind(s.kind, session.kind) for s in plan.sessions):
        return f"There is a {KIND_WORDS[session.kind].lower()} session on that day already."
    move = MoveEvent(type="move", date=today, kind=session.kind, from_day=from_day, to=to)
    moved = plan_as_of(inputs, [*events, move], today)
    if not any(s.date == to and same_kind(s.kind, session.kind) for s in moved.sessions):
        if session.running_seconds:
            return _why_no_run(plan, to)
        return "Your plan has no place for it on that day."
    window = (min(from_day, to), max(from_day, to) + timedelta(days=7))
    lost = sorted(set(_runs(plan, *window)) - set(_runs(moved, *window)) - {from_day})
    if lost:
        return (
            f"Your run on {spoken_date(lost[0])} would then be next to it; runs need a day "
            "without running between them."
        )
    return None


def _why_no_run(plan: Plan, to: date) -> str:
    near = [d for d in _runs(plan, to - timedelta(days=1), to + timedelta(days=1)) if d != to]
    if near:
        return (
            f"You have a run on {spoken_date(near[0])}; runs need a day without running "
            "between them."
        )
    return "Running cannot go on that day (it is too soon, or your plan is paused)."


def move_choices(
    inputs: PlanInputs,
    events: Sequence[Event],
    today: date,
    from_day: date,
    kind: SessionKind,
) -> list[MoveChoice]:
    """Each day from today up to MOVE_LATER_DAYS after ``from_day`` (not the day itself),
    and whether the session may go there."""
    plan = plan_as_of(inputs, events, today)
    first = max(today, from_day - timedelta(days=MOVE_LATER_DAYS))
    days = [
        first + timedelta(days=n)
        for n in range((from_day + timedelta(days=MOVE_LATER_DAYS) - first).days + 1)
    ]
    return [
        MoveChoice(day, move_refusal(inputs, events, today, from_day, kind, day, plan))
        for day in days
        if day != from_day
    ]
