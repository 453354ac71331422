"""iCalendar (RFC 5545): one all-day event per session, so sessions sit in her calendar."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from icalendar import Calendar, Event

from strideback.core.export.contents import session_lines
from strideback.core.planning import Plan

__all__ = ["plan_ics"]


def plan_ics(plan: Plan, stamp: datetime | None = None) -> str:
    """The plan as a calendar. ``stamp`` is when it was made (the assessment day by default,
    so the same plan gives the same file)."""
    made = stamp or datetime.combine(plan.readiness.assessed_on, time(0), tzinfo=UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//Strideback//Return to running//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Strideback")
    calendar.add("x-wr-caldesc", plan.disclaimer)
    seen: dict[str, int] = {}
    for session in plan.sessions:
        key = f"{session.date:%Y%m%d}-{session.kind}"
        seen[key] = seen.get(key, 0) + 1
        event = Event()
        event.add("uid", f"{plan.birth_date:%Y%m%d}-{key}-{seen[key]}@strideback")
        event.add("dtstamp", made)
        event.add("dtstart", session.date)
        event.add("dtend", session.date + timedelta(days=1))
        event.add("summary", f"Strideback: {session.title}")
        event.add("description", "\n".join([*session_lines(session), "", plan.disclaimer]))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")
