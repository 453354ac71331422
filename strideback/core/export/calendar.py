"""iCalendar (RFC 5545): one all-day event per session, so sessions sit in her calendar."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, vDuration

from strideback.core.export.contents import session_lines
from strideback.core.programme import Plan, Session

__all__ = ["plan_ics"]

_DONE_WORDS = {"all": "done", "part": "partly done", "skipped": "skipped"}


def _private_lines(session: Session) -> list[str]:
    """The session as the plan has it, without what she logged: a subscribed calendar is
    copied to her calendar provider and may be shown to people she shares it with."""
    lines = session_lines(session.model_copy(update={"log": None}))
    if session.log:
        lines.insert(1, f"Logged as {_DONE_WORDS[session.log.completed]}.")
    return lines


def _alarm(title: str, at: time) -> Alarm:
    """A reminder at ``at`` on the session's day: the day's events start at its midnight."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Strideback today: {title}")
    alarm.add("trigger", timedelta(hours=at.hour, minutes=at.minute))
    return alarm


def plan_ics(
    plan: Plan,
    stamp: datetime | None = None,
    *,
    uid_prefix: str | None = None,
    private: bool = False,
    refresh: timedelta | None = None,
    reminder: time | None = None,
) -> str:
    """The plan as a calendar. ``stamp`` is when it was made (the assessment day by default,
    so the same plan gives the same file).

    For a subscribed feed: ``uid_prefix`` replaces the birth date in each event's UID,
    ``private`` leaves out what she logged (effort, pain, symptoms, notes) and ``refresh``
    asks calendar apps to fetch it again that often; ``reminder`` adds an alarm at that time
    of day on each session's day."""
    made = stamp or datetime.combine(plan.readiness.assessed_on, time(0), tzinfo=UTC)
    prefix = uid_prefix or f"{plan.birth_date:%Y%m%d}"
    calendar = Calendar()
    calendar.add("prodid", "-//Strideback//Return to running//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Strideback")
    calendar.add("x-wr-caldesc", plan.disclaimer)
    if refresh is not None:
        calendar.add("refresh-interval", vDuration(refresh), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))
    seen: dict[str, int] = {}
    for session in plan.sessions:
        key = f"{session.date:%Y%m%d}-{session.kind}"
        seen[key] = seen.get(key, 0) + 1
        lines = _private_lines(session) if private else session_lines(session)
        event = Event()
        event.add("uid", f"{prefix}-{key}-{seen[key]}@strideback")
        event.add("dtstamp", made)
        event.add("dtstart", session.date)
        event.add("dtend", session.date + timedelta(days=1))
        event.add("summary", f"Strideback: {session.title}")
        event.add("description", "\n".join([*lines, "", plan.disclaimer]))
        event.add("transp", "TRANSPARENT")
        if reminder is not None:
            event.add_component(_alarm(session.title, reminder))
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")
