"""Her week changes: moving a session, skipping one with a reason, undoing either, and
logging a session done on an earlier day. One call per page or form, each from the same
replayed programme."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from strideback.core import InputError, Plan, Problem, Session
from strideback.core.programme import MoveChoice, movable, move_choices, move_refusal
from strideback.core.programme.model import SessionKind
from strideback.core.programme.today import session_due, session_to_log
from strideback.core.rules import LOG_BACK_DAYS
from strideback.core.words import spoken_date
from strideback.programmes import services as programmes
from strideback.programmes.lookups import events_for
from strideback.programmes.models import Event, Programme
from strideback.tracking.services import UNDOABLE_TYPES, already_logged, edit_event, save_once

__all__ = [
    "EarlierDay",
    "MovePage",
    "earlier_days",
    "move_page",
    "move_session",
    "skip_session",
    "undo_entry",
]


def _one_at_a_time(user: User) -> None:
    """Hold her account row until the transaction ends: two changes to her week sent at
    once (two taps, two tabs) take turns, and the second sees the first."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()


def _inputs_and_events(programme: Programme, today: date) -> tuple[Any, list[Any]]:
    events = list(events_for(programme))
    inputs = programmes.plan_inputs(programme, today, events)
    return inputs, programmes.core_events(events, inputs)


@dataclass(frozen=True)
class MovePage:
    session: Session
    choices: list[MoveChoice]


def move_page(programme: Programme, day: date, kind: SessionKind, today: date) -> MovePage:
    """The session on ``day`` and each day it could move to, with why a day will not do."""
    inputs, events = _inputs_and_events(programme, today)
    plan = programmes.plan_for(programme, events_for(programme), today)
    session = movable(plan, day, kind, today)
    if session is None:
        raise InputError(
            "move",
            [Problem("day", f"There is no session left to do on {spoken_date(day)} to move.")],
        )
    return MovePage(session, move_choices(inputs, events, today, day, session.kind))


def move_session(
    user: User,
    programme: Programme,
    day: date,
    kind: SessionKind,
    to: date,
    today: date,
    now: datetime,
    client_key: UUID | None = None,
) -> Event:
    """Move the session of ``kind`` on ``day`` to ``to``; refused, saying why, when the
    rules of her week do not allow it. The same form sent twice moves it once."""
    earlier = already_logged(programme, client_key)
    if earlier is not None:
        return earlier
    with transaction.atomic():
        _one_at_a_time(user)
        inputs, events = _inputs_and_events(programme, today)
        refusal = move_refusal(inputs, events, today, day, kind, to)
        if refusal is not None:
            raise InputError("move", [Problem("to", refusal)])
        data = {
            "type": "move",
            "date": today.isoformat(),
            "kind": kind,
            "from_day": day.isoformat(),
            "to": to.isoformat(),
        }
        return save_once(user, programme, data, now, client_key)


def skip_session(
    user: User,
    programme: Programme,
    day: date,
    kind: SessionKind,
    reason: str,
    today: date,
    now: datetime,
    client_key: UUID | None = None,
) -> Event:
    """Skip the session due on ``day`` (today, or an earlier day she did not log) with a
    reason: the next one stays at the same stage. Undone from her history."""
    earlier = already_logged(programme, client_key)
    if earlier is not None:
        return earlier
    with transaction.atomic():
        _one_at_a_time(user)
        _check_skip(programme, day, kind, today)
        data = {"type": "skip", "date": day.isoformat(), "kind": kind, "reason": reason}
        return save_once(user, programme, data, now, client_key)


def _check_skip(programme: Programme, day: date, kind: SessionKind, today: date) -> None:
    """A skip is for the session due on ``day``, within the last LOG_BACK_DAYS."""
    if day > today or day < max(programme.start, today - timedelta(days=LOG_BACK_DAYS)):
        raise InputError(
            "skip",
            [Problem("day", f"Only a session of the last {LOG_BACK_DAYS} days can be skipped.")],
        )
    plan = programmes.plan_for(programme, events_for(programme).filter(day__lte=day), day)
    due = session_due(plan, day)
    if due is None or due.kind != kind or due.kind == "retest":
        raise InputError(
            "skip",
            [Problem("day", f"There is no session left to skip on {spoken_date(day)}.")],
        )


def undo_entry(user: User, event: Event, programme: Programme, now: datetime) -> Event:
    """Undo a move or a skip made by mistake: a new version of it, marked undone."""
    if event.type not in UNDOABLE_TYPES:
        raise InputError(
            "undo",
            [Problem("", "Only a move or a skip can be undone; change a log from your history.")],
        )
    if event.data.get("undone"):
        raise InputError("undo", [Problem("", "This has been undone already.")])
    return edit_event(user, event, {"undone": True}, programme, now, types=UNDOABLE_TYPES)


@dataclass(frozen=True)
class EarlierDay:
    """A day of the last LOG_BACK_DAYS and the session she may log for it, if any."""

    day: date
    session: Session | None


def earlier_days(programme: Programme, today: date) -> list[EarlierDay]:
    """The days she may log a session for, newest first: each with the session that was
    due then (or, when none was, the next one she might have done early)."""
    first = max(programme.start, today - timedelta(days=LOG_BACK_DAYS))
    events = list(events_for(programme))
    days = []
    for offset in range(1, (today - first).days + 1):
        day = today - timedelta(days=offset)
        plan: Plan = programmes.plan_for(programme, [e for e in events if e.day <= day], day)
        days.append(EarlierDay(day, session_to_log(plan, day, early=True)))
    return days
