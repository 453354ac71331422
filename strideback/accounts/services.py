"""Account use cases: a visitor's answers kept at sign-in, every session of hers ended, and
her own settings."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from allauth.usersessions.models import UserSession

from strideback.accounts.models import User
from strideback.core import InputError
from strideback.programmes import services as programmes
from strideback.programmes.lookups import current_programme_for, draft_for


def adopt_visitor_answers(
    user: User, answers: dict[str, Any], finished: bool, today: date, now: datetime
) -> str | None:
    """Her visitor answers become hers if her account holds none yet: a programme from
    today when she had finished (and they hold together), else her draft. Returns the page
    to show her next, or None when her account already had answers of its own."""
    if not answers or current_programme_for(user) is not None or draft_for(user) is not None:
        return None
    if finished:
        try:
            programmes.start_programme(user, answers, today, now)
            return "programmes:verdict"
        except InputError:
            pass  # her answers no longer hold together: she reviews them as a draft
    programmes.save_draft(user, answers, now)
    return "programmes:intake"


def end_every_session(user: User) -> int:
    """Sign her out everywhere: every session she signed in to, on any device, is deleted.
    Returns how many there were."""
    sessions = list(UserSession.objects.filter(user=user))
    for session in sessions:
        session.end()
    return len(sessions)


def set_preferences(
    user: User, time_zone: str, units: str, reminder_at: time | None, remind_by_email: bool
) -> User:
    """Keep her settings: her time zone (blank: the server's), km or mi, her reminder time
    and whether it comes by email too (only with a time)."""
    user.time_zone, user.units, user.reminder_at = time_zone, units, reminder_at
    user.remind_by_email = remind_by_email and reminder_at is not None
    user.save(update_fields=["time_zone", "units", "reminder_at", "remind_by_email"])
    return user
