"""Tracking use cases: log a session, record a re-test, pause and resume, record an
assessment, edit an entry, and the pages that show them (Today, History). Each change
appends an event; nothing is ever overwritten. The core validates every event, and every
page reads the programme from the core's one entry point."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core import Decision, InputError, Plan, Problem, Session
from strideback.core.programme import (
    event_from,
    logged_on,
    next_session,
    session_due,
    session_to_log,
)
from strideback.core.programme.professional import decision_byline
from strideback.core.rules import LOG_BACK_DAYS
from strideback.core.words import spoken_date
from strideback.programmes import services as programmes
from strideback.programmes.lookups import events_for
from strideback.programmes.models import Event, Programme

EDIT_WINDOW = timedelta(hours=48)
FROM_PROFESSIONALS_DAYS = programmes.TODAY_LOOKS_BACK_DAYS  # her professionals' changes
EDITABLE_TYPES = ("session", "retest")
UNDOABLE_TYPES = ("move", "skip")  # changes to her week, undone rather than edited
ALREADY_CHANGED = "This entry has already been changed; change the newer version in your history."


def session_for_log(programme: Programme, day: date, today: date, early: bool) -> Session:
    """The session a log sent for ``day`` belongs to, as Today showed it that day: the plan
    replayed with what was known then. A log kept on her phone offline arrives late and
    still counts for its own day."""
    check_log_day(programme, day, today)
    events = events_for(programme).filter(day__lte=day)
    session = session_to_log(programmes.plan_for(programme, events, day), day, early)
    if session is None:
        message = (
            "There is no session to log today. Your next one is shown below."
            if day == today
            else f"There is no session left to log for {spoken_date(day)}; it may be "
            "logged already. Your history shows what was saved."
        )
        raise InputError("your entry", [Problem("date", message)])
    return session


def append(
    user: User, programme: Programme, data: dict[str, Any], now: datetime, **links: Any
) -> Event:
    """Append one entry, checked by the core first: the one way every entry is stored."""
    event = event_from(data, "your entry")
    stored = event.model_dump(mode="json", exclude={"id", "type", "date"}, exclude_none=True)
    return programmes.record_event(
        programme,
        type=event.type,
        day=event.date,
        data=stored,
        recorded_at=now,
        recorded_by=user,
        **links,
    )


def _check_day(programme: Programme, day: date, today: date) -> None:
    if day < programme.start or day > today:
        raise InputError(
            "your entry",
            [
                Problem(
                    "date",
                    f"{day} is outside your programme so far; entries go from {programme.start} "
                    f"to today ({today}).",
                )
            ],
        )


def check_log_day(programme: Programme, day: date, today: date) -> None:
    """A session log counts for its own day: today, or up to LOG_BACK_DAYS back (a session
    done on an earlier day, or a log kept on her phone offline), never a day to come or
    before her programme began (rule log_earlier_day)."""
    if day > today:
        message = (
            f"This log is dated {spoken_date(day)}, which has not come yet. "
            "Check the date on your phone, then reload the page and log again."
        )
    elif day < today - timedelta(days=LOG_BACK_DAYS):
        message = (
            f"This log is for {spoken_date(day)}, more than {LOG_BACK_DAYS} days ago. "
            f"A session can be logged up to {LOG_BACK_DAYS} days after its day, and this one "
            "is older. Today's session can be logged as usual."
        )
    elif day < programme.start:
        message = (
            f"This log is for {spoken_date(day)}, before your programme began "
            f"({spoken_date(programme.start)}), so it cannot be added to it."
        )
    else:
        return
    raise InputError("your entry", [Problem("date", message)])


def already_logged(programme: Programme, client_key: UUID | None) -> Event | None:
    """The entry made from this form, if it has been sent before."""
    if client_key is None:
        return None
    return Event.objects.filter(programme=programme, client_key=client_key).first()


def log_session(
    user: User,
    programme: Programme,
    kind: str,
    log: dict[str, Any],
    today: date,
    now: datetime,
    *,
    day: date | None = None,
    client_key: UUID | None = None,
) -> Event:
    """Append a logged session for ``day`` (today unless said; up to LOG_BACK_DAYS back).

    Idempotent per ``client_key``: the same form sent again, even at the same moment,
    gives back the entry saved the first time and saves nothing new. And one entry per
    session: a second form for a session already logged (another phone, another tab) gives
    back the entry saved first."""
    day = today if day is None else day
    earlier = already_logged(programme, client_key)
    if earlier is not None:
        return earlier
    check_log_day(programme, day, today)
    data = {**log, "type": "session", "kind": kind, "date": day.isoformat()}
    return save_once(user, programme, data, now, client_key, slot=f"session:{day}:{kind}")


def log_from_today(
    user: User,
    programme: Programme,
    log: dict[str, Any],
    today: date,
    now: datetime,
    *,
    day: date,
    early: bool,
    client_key: UUID | None,
) -> Event:
    """Today's log form: the session it was shown for on ``day`` (the next one, when she
    did it early), logged once (``log_session`` gives back an entry already made from the
    same form)."""
    try:
        session = session_for_log(programme, day, today, early)
    except InputError:
        again = already_logged(programme, client_key)  # this form, saved a moment ago
        if again is not None:
            return again
        raise
    return log_session(
        user, programme, session.kind, log, today, now, day=day, client_key=client_key
    )


def save_once(
    user: User,
    programme: Programme,
    data: dict[str, Any],
    now: datetime,
    client_key: UUID | None,
    slot: str | None = None,
) -> Event:
    """Append the entry, unless the same form (``client_key``) or another for the same thing
    (``slot``) was saved a moment before by another request: then that entry. The
    database's unique keys decide who was first."""
    try:
        with transaction.atomic():
            return append(user, programme, data, now, client_key=client_key, slot=slot)
    except IntegrityError:
        saved = already_logged(programme, client_key) or _in_slot(programme, slot)
        if saved is None:
            raise
        return saved


def _in_slot(programme: Programme, slot: str | None) -> Event | None:
    if slot is None:
        return None
    return Event.objects.filter(programme=programme, slot=slot).first()


def record_retest(
    user: User,
    programme: Programme,
    result: dict[str, Any],
    today: date,
    now: datetime,
    client_key: UUID | None = None,
) -> Event:
    """Append the re-test (its tests and symptoms); a pass unlocks walk-run from today.
    One re-test a day: the same form sent twice, or a second one today, gives back the
    first (a change to it goes through her history)."""
    earlier = already_logged(programme, client_key)
    if earlier is not None:
        return earlier
    _check_day(programme, today, today)
    data = {**result, "type": "retest", "date": today.isoformat()}
    return save_once(user, programme, data, now, client_key, slot=f"retest:{today}")


def pause_plan(
    user: User,
    programme: Programme,
    reason: str | None,
    today: date,
    now: datetime,
    client_key: UUID | None = None,
) -> Event:
    """Pause her plan from today (illness, a bad week, a holiday). Refused when it is
    already paused; the same form sent twice pauses once."""
    earlier = already_logged(programme, client_key)
    if earlier is not None:
        return earlier
    plan = programmes.programme_as_of(programme, today)
    if plan.pause is not None:
        again = already_logged(programme, client_key)  # the same form, saved a moment ago
        if again is not None:
            return again
        raise InputError(
            "pause",
            [Problem("", f"Your plan has been paused since {spoken_date(plan.pause.since)}.")],
        )
    data = {"type": "pause", "date": today.isoformat(), "reason": reason or None}
    return save_once(user, programme, data, now, client_key, slot=f"pause:{today}")


def resume_plan(
    user: User, programme: Programme, today: date, now: datetime, client_key: UUID | None = None
) -> Event:
    """Put her plan back on from today; the runs pick up by how long the pause was."""
    earlier = already_logged(programme, client_key)
    if earlier is not None:
        return earlier
    plan = programmes.programme_as_of(programme, today)
    if plan.pause is None:
        again = already_logged(programme, client_key)  # the same form, saved a moment ago
        if again is not None:
            return again
        raise InputError("resume", [Problem("", "Your plan is not paused.")])
    data = {"type": "resume", "date": today.isoformat()}
    return save_once(user, programme, data, now, client_key, slot=f"resume:{today}")


CLEARANCE_DAYS_BACK = 90  # an assessment she records may have been up to this long ago


def record_clearance(
    user: User,
    programme: Programme,
    assessment: dict[str, Any],
    today: date,
    now: datetime,
    client_key: UUID | None = None,
) -> Event:
    """Record that a pelvic health physiotherapist has assessed her (her own report): who,
    the day, what they said and any limits. It lifts the red flags recorded before it,
    within its limits; it never ends a pause."""
    earlier = already_logged(programme, client_key)
    if earlier is not None:
        return earlier
    day: date = assessment["date"]
    if day > today or day < today - timedelta(days=CLEARANCE_DAYS_BACK):
        raise InputError(
            "assessment",
            [
                Problem(
                    "date",
                    f"Enter the day of the assessment: today or up to {CLEARANCE_DAYS_BACK} "
                    "days ago.",
                )
            ],
        )
    data = {
        "type": "clearance",
        "date": max(day, programme.start).isoformat(),
        "by": assessment["by"],
        "note": assessment.get("note") or None,
        "limits": list(assessment.get("limits") or []),
    }
    return save_once(user, programme, data, now, client_key)


def in_force(events: list[Event]) -> list[Event]:
    """The entries as they stand: each edited entry only in its newest version."""
    replaced = {event.replaces_id for event in events if event.replaces_id}
    return [event for event in events if event.pk not in replaced]


def decisions_by_event(plan: Plan) -> dict[str, list[Decision]]:
    """The plan's decisions grouped by the logged entry behind them."""
    grouped: dict[str, list[Decision]] = defaultdict(list)
    for decision in plan.decisions:
        if decision.event is not None:
            grouped[decision.event].append(decision)
    return grouped


def awaiting_next_day_check(events: list[Event], today: date) -> Event | None:
    """Her last logged session before today, when it had pain and she has not yet said
    whether the pain settled. Asked from the day after the session (never the evening it
    was logged) until she answers or logs a later session."""
    sessions = [e for e in in_force(events) if e.type == "session" and e.day < today]
    last = max(sessions, key=lambda e: e.day, default=None)
    if (
        last is None
        or last.data.get("completed") == "skipped"
        or not last.data.get("pain")
        or last.data.get("pain_settled") is not None
        or timezone.localdate(last.first_recorded_at) >= today
    ):
        return None
    return last


def can_edit(event: Event, now: datetime, types: tuple[str, ...] = EDITABLE_TYPES) -> bool:
    """Within 48 hours of when it was first logged (edits do not extend the window)."""
    return event.type in types and now - event.first_recorded_at <= EDIT_WINDOW


def edit_refusal(
    event: Event, now: datetime, types: tuple[str, ...] = EDITABLE_TYPES
) -> str | None:
    """Why this entry cannot be changed, or None when it can."""
    if not can_edit(event, now, types):
        return "Entries can be changed for 48 hours after they are logged; this one is older."
    if Event.objects.filter(replaces=event).exists():
        return ALREADY_CHANGED
    return None


def edit_event(
    user: User,
    event: Event,
    changes: dict[str, Any],
    current: Programme,
    now: datetime,
    types: tuple[str, ...] = EDITABLE_TYPES,
) -> Event:
    """A new event that replaces ``event``; refused when the 48 hours are over, when the
    entry belongs to an earlier programme, or when it has already been edited."""
    if event.programme_id != current.pk:
        raise InputError("edit", [Problem("", "This entry belongs to an earlier programme.")])
    refusal = edit_refusal(event, now, types)
    if refusal is not None:
        raise InputError("edit", [Problem("", refusal)])
    return _append_edit(user, event, changes, now)


def edit_watch_answers(user: User, event: Event, changes: dict[str, Any], now: datetime) -> Event:
    """Her answers for a run her watch brought in: a new version of the entry, whenever
    she gives them (the edit window is for changing what she said, not for saying it)."""
    return _append_edit(user, event, changes, now)


def _append_edit(user: User, event: Event, changes: dict[str, Any], now: datetime) -> Event:
    """The new version of ``event`` with ``changes``; it replaces the old one."""
    data = {
        **event.data,
        **changes,
        "type": event.type,
        "date": event.day.isoformat(),
        "replaces": event.public_id,
    }
    try:
        with transaction.atomic():
            return append(
                user,
                event.programme,
                data,
                now,
                replaces=event,
                original=event.original if event.original_id else event,
            )
    except IntegrityError:  # another edit of the same entry was saved a moment before
        raise InputError("edit", [Problem("", ALREADY_CHANGED)]) from None


# ---------------------------------------------------------------------------------------
# The pages: one call each, every one from the same replayed programme.


@dataclass(frozen=True)
class TodayPage:
    plan: Plan
    today: date
    session: Session | None  # the session to log now
    early: bool  # that session was planned for a later day
    upcoming: Session | None
    done: list[Session]  # logged today
    result: dict[str, Any] | None  # the entry just made and what it changed
    check: Event | None  # yesterday's session, awaiting the next-day check
    awaiting: list[Event]  # runs from her watch whose questions she has not answered

    @property
    def from_professionals(self) -> list[str]:
        """What her professionals changed in her plan in the last two weeks, with who and
        why, newest first: she is told of every change they make."""
        since = self.today - timedelta(days=FROM_PROFESSIONALS_DAYS)
        said = [
            decision_byline(d)
            for d in reversed(self.plan.decisions)
            if d.author is not None and d.date >= since
        ]
        return [line for line in said if line][:3]


def today_page(
    programme: Programme, today: date, now: datetime, *, early: bool, logged: str | None
) -> TodayPage:
    """Today: the session to do (or the next one early, if she asks), what she logged
    today, the entry she has just made with its decisions, and the next-day check."""
    events = list(events_for(programme).select_related("original"))
    if logged:  # the entry just made, with every decision it led to: the whole plan
        plan = programmes.plan_for(programme, events, today)
    else:
        plan = programmes.today_plan(programme, events, today)
    to_log = session_to_log(plan, today, early)
    result = None
    if logged:
        event = next((e for e in events if e.public_id == logged), None)
        if event is not None:
            result = {"event": event, "decisions": decisions_by_event(plan)[logged]}
    return TodayPage(
        plan=plan,
        today=today,
        session=to_log,
        early=to_log is not None and to_log is not session_due(plan, today),
        upcoming=next_session(plan, today),
        done=logged_on(plan, today),
        result=result,
        check=awaiting_next_day_check(events, today),
        awaiting=awaiting_answers(events, today),
    )


def awaiting_answers(events: list[Event], today: date) -> list[Event]:
    """Runs from her watch whose questions she has not answered yet (of the last
    LOG_BACK_DAYS), newest first."""
    since = today - timedelta(days=LOG_BACK_DAYS)
    waiting = [
        e
        for e in in_force(events)
        if e.type == "session" and e.data.get("answered") is False and e.day >= since
    ]
    return sorted(waiting, key=lambda e: e.day, reverse=True)


@dataclass(frozen=True)
class HistoryEntry:
    event: Event
    session: Session | None
    decisions: list[Decision]
    editable: bool
    edited: bool
    undoable: bool = False


@dataclass(frozen=True)
class HistoryPage:
    plan: Plan
    entries: list[HistoryEntry]  # newest first
    just_edited: HistoryEntry | None


def history_page(
    programme: Programme, today: date, now: datetime, edited: str | None = None
) -> HistoryPage:
    """Every entry as it stands (each edit in its newest version), newest first, with the
    session it logged and the decisions it led to."""
    events = list(events_for(programme).select_related("original"))
    plan = programmes.plan_for(programme, events, today)
    entries = history_entries(events, plan, now)
    just_edited = next((e for e in entries if e.event.public_id == edited), None)
    return HistoryPage(plan=plan, entries=entries, just_edited=just_edited)


def history_entries(events: list[Event], plan: Plan, now: datetime | None) -> list[HistoryEntry]:
    """Every entry as it stands, newest first, with the session it logged and the decisions
    it led to. ``now`` None: read by someone who cannot change them (her professional)."""
    sessions = {(s.date, s.kind): s for s in plan.sessions if s.log is not None}
    decisions = decisions_by_event(plan)
    return [
        HistoryEntry(
            event=event,
            session=sessions.get((event.day, event.data.get("kind", event.type))),
            decisions=decisions[event.public_id],
            editable=now is not None and can_edit(event, now),
            edited=event.replaces_id is not None,
            undoable=now is not None
            and can_edit(event, now, UNDOABLE_TYPES)
            and not event.data.get("undone"),
        )
        for event in reversed(in_force(events))
    ]


def answer_next_day_check(
    user: User, programme: Programme, public_id: str, settled: bool, today: date, now: datetime
) -> Event:
    """Her answer to "Has the pain settled?", saved as a new version of that session's log.
    Only the check Today is asking can be answered this way, so the 48 hours for changing an
    entry do not apply: she is answering our question. The same answer sent twice (a double
    tap) gives back the version saved the first time."""
    events = list(events_for(programme).select_related("original"))
    asked = awaiting_next_day_check(events, today)
    if asked is not None and asked.public_id == public_id:
        try:
            return _append_edit(user, asked, {"pain_settled": settled}, now)
        except InputError:  # another tap saved it a moment before
            events = list(events_for(programme).select_related("original"))
    answered = _newest_version(events, public_id)
    if answered is None or answered.data.get("pain_settled") is None:
        raise InputError("next-day check", [Problem("", NOTHING_TO_CHECK)])
    return answered


NOTHING_TO_CHECK = "There is no question about pain to answer now. Today shows what is next."


def _newest_version(events: list[Event], public_id: str) -> Event | None:
    """The version in force of the entry that ``public_id`` is a version of."""
    named = next((e for e in events if e.public_id == public_id), None)
    if named is None:
        return None
    root = named.original_id or named.pk
    return next((e for e in in_force(events) if (e.original_id or e.pk) == root), None)
