"""Runs brought in from her watch: a FIT, GPX or TCX file read (``core.activities``), matched
to the session planned that day (or the nearest open one within two days, asking her when it
is not clear) and kept as an entry on her programme. A matched run counts towards her running
at once but moves nothing on until she has answered the symptom questions a watch cannot
(rule watch_symptoms_unanswered); a file matched to no session is kept, never moving her on
(rule unplanned_run). The same activity twice (the same file, or the same start and device)
is one entry."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core import signing
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core import InputError, Problem, Session
from strideback.core.activities import Comparison, compare
from strideback.core.activities.entry import entry_for, read_watch_run, same_activity
from strideback.core.programme.model import WatchRun
from strideback.core.rules import LOG_BACK_DAYS
from strideback.core.words import spoken_date
from strideback.programmes import services as programmes
from strideback.programmes.lookups import events_for
from strideback.programmes.models import Event, Programme
from strideback.tracking import services as tracking

NAMESPACE = uuid.UUID("6f1d7c55-93c0-4a3e-9a57-2b8f4f1e0c3a")  # one key per activity
SIGNED = "strideback.activity"  # what a watch file said, carried to her confirmation


@dataclass(frozen=True)
class Imported:
    """One watch file brought in: the entry it made (or found, when it was brought in
    before), the session it was matched to and how the run compares with it; or, when the
    match is not clear, the days she can choose from (nothing is saved until she does)."""

    watch: WatchRun
    event: Event | None = None
    session: Session | None = None
    comparison: Comparison | None = None
    again: bool = False  # brought in before: the entry made then
    choices: list[date] = field(default_factory=list)
    signed: str = ""  # the watch run, signed, for her choice

    @property
    def why(self) -> str | None:
        return self.event.data.get("why") if self.event and self.event.type == "activity" else None


@dataclass(frozen=True)
class ImportResult:
    imported: list[Imported]
    problems: list[InputError]


def sign(watch: WatchRun) -> str:
    return signing.dumps(watch.model_dump(mode="json"), salt=SIGNED, compress=True)


def unsign(text: str) -> WatchRun:
    """A watch run carried through her confirmation, as it was read (a day at most)."""
    try:
        return WatchRun.model_validate(signing.loads(text, salt=SIGNED, max_age=86400))
    except (signing.BadSignature, ValueError):
        raise InputError(
            "file", [Problem("file", "This run has expired; bring the file in again.")]
        ) from None


def activity_key(watch: WatchRun) -> uuid.UUID:
    """The same activity (the same start and device) makes the same key, however it
    arrives: the key the database keeps unique per programme."""
    return uuid.uuid5(NAMESPACE, same_activity(watch))


def import_watch_run(
    user: User,
    programme: Programme,
    watch: WatchRun,
    today: date,
    now: datetime,
    choice: date | None = None,
) -> Imported:
    """Keep one watch run on her programme, matched to a session if one is open."""
    key = activity_key(watch)
    earlier = tracking.already_logged(programme, key)
    if earlier is not None:
        return _shown(programme, earlier, watch, today, again=True)
    day = timezone.localtime(watch.started_at).date()
    if day > today:
        raise InputError(
            watch.file_name,
            [
                Problem(
                    "file",
                    f"{watch.file_name} starts on {spoken_date(day)}, after today; check "
                    "the date and time on your watch.",
                )
            ],
        )
    events = list(events_for(programme))
    inputs = programmes.plan_inputs(programme, today, events)
    entry = entry_for(inputs, programmes.core_events(events, inputs), watch, day, today, choice)
    if entry.data is None:
        return Imported(watch=watch, choices=list(entry.candidates), signed=sign(watch))
    session = entry.session
    slot = f"session:{day}:{session.kind}" if session is not None else None
    event = tracking.save_once(user, programme, entry.data, now, key, slot=slot)
    if session is None or event.client_key != key:
        return _shown(programme, event, watch, today)
    return Imported(watch=watch, event=event, session=session, comparison=compare(watch, session))


def _shown(
    programme: Programme, event: Event, watch: WatchRun, today: date, again: bool = False
) -> Imported:
    """An entry made from a watch file, with the session it was logged against."""
    session = _logged_session(programme, event, today) if event.type == "session" else None
    comparison = compare(watch, session) if session is not None else None
    return Imported(watch=watch, event=event, session=session, comparison=comparison, again=again)


def _logged_session(programme: Programme, event: Event, today: date) -> Session | None:
    plan = programmes.programme_as_of(programme, today)
    return next(
        (
            s
            for s in plan.sessions
            if s.date == event.day and s.kind == event.data.get("kind") and s.log is not None
        ),
        None,
    )


def import_files(
    user: User,
    programme: Programme,
    files: list[tuple[str, bytes]],
    today: date,
    now: datetime,
) -> ImportResult:
    """Every file sent at once: each read and kept on its own; a file that cannot be read
    is named with what is wrong, and changes nothing."""
    imported: list[Imported] = []
    problems: list[InputError] = []
    for name, data in files:
        try:
            imported.append(
                import_watch_run(user, programme, read_watch_run(name, data), today, now)
            )
        except InputError as problem:
            problems.append(problem)
    return ImportResult(imported, problems)


def import_signed(
    user: User, programme: Programme, signed: str, choice: str, today: date, now: datetime
) -> Imported:
    """A watch run she has confirmed (shared to the app, or with the session she chose)."""
    watch = unsign(signed)
    day: date | None = None
    if choice:
        try:
            day = date.fromisoformat(choice)
        except ValueError:
            raise InputError(
                "session", [Problem("session", "Choose one of the sessions shown.")]
            ) from None
    return import_watch_run(user, programme, watch, today, now, choice=day)


def import_upload(
    user: User,
    programme: Programme,
    file_name: str,
    data: bytes,
    choice: date | None,
    today: date,
    now: datetime,
) -> Imported:
    """One file sent by an app (the API): kept at once, or, when two sessions are as near,
    refused naming them, to be sent again with the one it was. Every refusal names the
    file."""
    try:
        watch = read_watch_run(file_name, data)
        imported = import_watch_run(user, programme, watch, today, now, choice)
    except InputError as error:
        named = [
            p if p.message.startswith(file_name) else Problem(p.field, f"{file_name}: {p.message}")
            for p in error.problems
        ]
        raise InputError(file_name, named) from None
    if imported.choices:
        days = " or ".join(day.isoformat() for day in imported.choices)
        raise InputError(
            file_name,
            [
                Problem(
                    "session",
                    f"{file_name}: two sessions are as near to this run; send the one it was "
                    f"as session: {days}.",
                )
            ],
        )
    return imported


def preview(file_name: str, data: bytes) -> Imported:
    """A file shared to the app, read but not kept until she confirms it."""
    watch = read_watch_run(file_name, data)
    return Imported(watch=watch, signed=sign(watch))


# ---------------------------------------------------------------------------------------
# A run from her watch, and her answers to the questions a watch cannot.


@dataclass(frozen=True)
class WatchEntry:
    event: Event
    watch: WatchRun
    session: Session | None
    comparison: Comparison | None
    answered: bool
    decisions: list[Any]


def watch_entry(programme: Programme, public_id: str, today: date) -> WatchEntry:
    """One entry made from a watch file, in force, with how it compares with the plan."""
    events = list(events_for(programme).select_related("original"))
    event = _in_force(events, public_id)
    plan = programmes.plan_for(programme, events, today)
    watch = WatchRun.model_validate(event.data["watch"])
    session = next(
        (
            s
            for s in plan.sessions
            if s.log is not None
            and s.log.watch is not None
            and s.log.watch.fingerprint == watch.fingerprint
        ),
        None,
    )
    return WatchEntry(
        event=event,
        watch=watch,
        session=session,
        comparison=compare(watch, session) if session is not None else None,
        answered=bool(event.data.get("answered", True)),
        decisions=tracking.decisions_by_event(plan).get(event.public_id, []),
    )


def _in_force(events: list[Event], public_id: str) -> Event:
    """The newest version of the entry ``public_id`` names (a 404 for any other)."""
    by_id = {e.public_id: e for e in events if "watch" in e.data}
    event = by_id.get(public_id)
    if event is None:
        raise Event.DoesNotExist(public_id)
    newer = {e.replaces_id: e for e in events if e.replaces_id}
    while event.pk in newer:
        event = newer[event.pk]
    return event


def answer_watch_run(
    user: User,
    programme: Programme,
    public_id: str,
    answers: dict[str, Any],
    today: date,
    now: datetime,
) -> Event:
    """Her answers for a run from her watch (how hard, pain, leaking, heaviness or
    dragging): a new version of the entry, which lets the plan move on, or refers her.
    Given once; a change after that goes through her history like any entry."""
    event = _in_force(list(events_for(programme)), public_id)
    if event.type != "session" or event.data.get("answered", True):
        raise InputError(
            "answers",
            [Problem("", "These questions have been answered; your history shows the entry.")],
        )
    if event.day < today - timedelta(days=LOG_BACK_DAYS):
        raise InputError(
            "answers",
            [
                Problem(
                    "",
                    f"This run was more than {LOG_BACK_DAYS} days ago, too long to "
                    "answer for; tell your professional if anything felt wrong.",
                )
            ],
        )
    changes = {
        "rpe": answers.get("rpe"),
        "pain": answers.get("pain", 0),
        "pain_where": answers.get("pain_where"),
        "pelvic_floor_symptoms": list(answers.get("pelvic_floor_symptoms") or []),
        "note": answers.get("note"),
        "answered": True,
    }
    return tracking.edit_watch_answers(user, event, changes, now)
