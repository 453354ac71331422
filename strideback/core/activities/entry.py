"""From a run her watch recorded to the entry kept on her programme: the run sessions open
around the day she ran, the match, and the entry itself. The web, the API and the command
line bring files in through here, so a file makes the same entry whichever way it comes.

A matched run is logged as a session of the kind planned, on the day she ran, marked as
not yet answered: it counts at once and moves nothing on until she has answered the symptom
questions (rule watch_symptoms_unanswered). Anything else is kept as an activity matched to
no session (rule unplanned_run)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from typing import Any

from strideback.core.activities.bouts import find_bouts, to_watch_run
from strideback.core.activities.matching import MATCH_WINDOW_DAYS, RUN_KINDS, is_walk, match
from strideback.core.activities.reading import read_activity
from strideback.core.programme.events import Event, PlanInputs, SessionEvent, events_in_force
from strideback.core.programme.model import Session, WatchRun
from strideback.core.programme.today import plan_as_of

__all__ = ["DONE_SHARE", "Entry", "entry_for", "open_runs", "read_watch_run", "same_activity"]

DONE_SHARE = 0.9  # running at least this share of the plan counts as the whole session


def read_watch_run(file_name: str, data: bytes) -> WatchRun:
    """What a watch file recorded, as kept with her entry: its start, length, distance and
    walk and run bouts."""
    activity = read_activity(file_name, data)
    return to_watch_run(activity, find_bouts(activity))


def same_activity(watch: WatchRun) -> str:
    """What makes two files one activity: the same start and the same device."""
    return f"{watch.started_at.astimezone(UTC).isoformat()}|{watch.device or ''}"


@dataclass(frozen=True)
class Entry:
    """The entry a watch run makes (``data``, in the event format), with the session it was
    matched to; or, when two sessions are equally near, the days she chooses between (no
    entry until she does)."""

    day: date
    data: dict[str, Any] | None
    session: Session | None = None
    candidates: tuple[date, ...] = ()


def open_runs(
    inputs: PlanInputs, events: Sequence[Event], day: date
) -> tuple[list[Session], list[Session]]:
    """The sessions around ``day`` as they were planned (before it: as the plan stood two
    days earlier, less what was logged since; from it: with everything logged up to it),
    and the runs logged on ``day`` itself."""
    window = timedelta(days=MATCH_WINDOW_DAYS)
    earlier_from = max(inputs.start, day - window)
    before = plan_as_of(inputs, [e for e in events if e.date < earlier_from], earlier_from)
    then = plan_as_of(inputs, [e for e in events if e.date <= day], day)
    logged = {
        (e.date, e.kind)
        for e in events_in_force(events)
        if isinstance(e, SessionEvent) and e.date >= earlier_from
    }
    late = [
        s
        for s in before.sessions
        if s.date < day and s.log is None and (s.date, s.kind) not in logged
    ]
    ran_that_day = [
        s for s in then.sessions if s.date == day and s.kind in RUN_KINDS and s.log is not None
    ]
    return late + [s for s in then.sessions if s.date >= day], ran_that_day


def entry_for(
    inputs: PlanInputs,
    events: Sequence[Event],
    watch: WatchRun,
    day: date,
    today: date,
    choice: date | None = None,
) -> Entry:
    """The entry ``watch`` (done on ``day``, her local date) makes on her programme."""
    sessions, ran_that_day = open_runs(inputs, events, day) if day >= inputs.start else ([], [])
    found = match(
        day,
        ran_that_day or sessions,  # a second run on a day with one logged is not a session
        today=today,
        start=inputs.start,
        walk=is_walk(watch),
        choice=choice,
    )
    if found.ambiguous:
        return Entry(day=day, data=None, candidates=found.candidates)
    kept = watch.model_dump(mode="json")
    if found.session is None:
        why = found.why or "no_session"
        unmatched = {"type": "activity", "date": day.isoformat(), "watch": kept, "why": why}
        return Entry(day=day, data=unmatched)
    session = found.session
    done = watch.run_seconds >= DONE_SHARE * session.running_seconds
    data: dict[str, Any] = {
        "type": "session",
        "date": day.isoformat(),
        "kind": session.kind,
        "completed": "all" if done else "part",
        "watch": kept,
        "answered": False,
    }
    return Entry(day=day, data=data, session=session)
