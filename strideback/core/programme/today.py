"""Today: the one entry point every surface derives her programme from, and what it means
for a given day (the session due, the one after, what was logged).

``plan_as_of(inputs, events, today)`` is the replay of everything recorded, projected from
``today``. Today's page, the verdict, the plan, progress, history, the handout, the feed, the
export and the command line all call it, so none of them can disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from strideback.core.programme.events import Event, PlanInputs
from strideback.core.programme.model import Plan, Session
from strideback.core.programme.replay import replay

__all__ = [
    "logged_on",
    "next_session",
    "plan_as_of",
    "session_due",
    "session_to_log",
    "today_window",
]


def plan_as_of(
    inputs: PlanInputs, events: Sequence[Event], today: date, until: date | None = None
) -> Plan:
    """Her programme as of ``today``: every recorded event replayed (in the order they were
    recorded), the days from ``today`` projected (up to ``until``, if given)."""
    return replay(inputs, events, as_of=today, until=until)


def session_due(plan: Plan, today: date) -> Session | None:
    """Today's session if it is still to do; otherwise None."""
    return next((s for s in plan.sessions if s.date == today and s.log is None), None)


def next_session(plan: Plan, today: date) -> Session | None:
    """The first session after ``today`` still to do."""
    return next((s for s in plan.sessions if s.date > today and s.log is None), None)


def logged_on(plan: Plan, day: date) -> list[Session]:
    """The sessions logged for ``day``."""
    return [s for s in plan.sessions if s.date == day and s.log is not None]


def session_to_log(plan: Plan, today: date, early: bool) -> Session | None:
    """The session Today offers to log: the one due now or, when she asks to do the next one
    early on a day with nothing due or done, that one (never a re-test)."""
    due = session_due(plan, today)
    if due is not None or not early or logged_on(plan, today):
        return due
    upcoming = next_session(plan, today)
    return upcoming if upcoming is not None and upcoming.kind != "retest" else None


def today_window(plan: Plan, today: date, since: date) -> Plan:
    """The part of ``plan`` (as of ``today``) that Today reads: the sessions of the day and
    the next one still to do, the decisions from ``since`` on, and her whole standing
    (verdict, referral, pause, limits, hold). Small enough to keep beside the summary and
    read back instead of a replay; every function above gives the same answer for
    ``today`` from it as from the whole plan (a property test holds it to that)."""
    following = next_session(plan, today)
    sessions = [s for s in plan.sessions if s.date == today or s is following]
    decisions = [d for d in plan.decisions if d.date >= since]
    return plan.model_copy(update={"sessions": sessions, "decisions": decisions})
