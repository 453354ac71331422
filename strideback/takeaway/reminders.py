"""Reminders by email, for a runner who asked for them in Settings: at her time, in her time
zone, on a day with a session to do ("Today: Walk-run, stage 3") and when yesterday's pain
still waits for her answer ("Has the pain settled?"). One of each kind a day, however often
``strideback reminders`` runs (from cron, every 15 minutes); a run that comes late still
sends within REMIND_WITHIN of her time, never after. A reminder says what is due and links
to it; it never carries what she logged (a mailbox is not a clinical record)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from strideback.accounts.models import User
from strideback.accounts.zones import zone_of
from strideback.core.programme import session_due
from strideback.programmes import services as programmes
from strideback.programmes.lookups import current_programme_for, events_for
from strideback.takeaway.models import ReminderSent
from strideback.tracking.services import awaiting_next_day_check

REMIND_WITHIN = timedelta(hours=3)  # a job that ran late still reminds her this long after


@dataclass(frozen=True)
class Sent:
    sessions: int
    checks: int

    def lines(self) -> list[str]:
        return [f"{self.sessions} session reminder(s)", f"{self.checks} next-day check reminder(s)"]


def _her_now(user: User, now: datetime) -> datetime:
    return timezone.localtime(now, zone_of(user.time_zone))


def _due(user: User, now: datetime) -> date | None:
    """Her day, when it is her reminder time (or up to REMIND_WITHIN after it)."""
    if user.reminder_at is None:
        return None
    local = _her_now(user, now)
    at = datetime.combine(local.date(), user.reminder_at, tzinfo=local.tzinfo)
    return local.date() if at <= local < at + REMIND_WITHIN else None


def _once(user: User, day: date, kind: str) -> bool:
    """Claim this reminder; False when it was sent already (by this run or another)."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(user=user, day=day, kind=kind)
    except IntegrityError:
        return False
    return True


def _link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def send_due_reminders(now: datetime) -> Sent:
    """Mail every reminder due at ``now``; how many of each kind went."""
    sessions = checks = 0
    asked = User.objects.filter(reminder_at__isnull=False, remind_by_email=True)
    for user in asked.iterator():
        day = _due(user, now)
        programme = current_programme_for(user) if day else None
        if day is None or programme is None:
            continue
        events = list(events_for(programme).select_related("original"))
        session = session_due(programmes.today_plan(programme, events, day), day)
        if session is not None and _once(user, day, ReminderSent.Kind.SESSION):
            send_mail(
                f"Today: {session.title}",
                f"Your session today: {session.title}.\n\n{session.summary}\n\n"
                f"Open it, and log it when you have finished: {_link('/today/')}\n\n"
                "You asked for this reminder in Strideback's settings, where you can turn "
                f"it off: {_link('/settings/#preferences')}\n",
                None,
                [user.email],
            )
            sessions += 1
        check = awaiting_next_day_check(events, day)
        if check is not None and _once(user, day, ReminderSent.Kind.CHECK):
            send_mail(
                "Has the pain settled?",
                "You had some pain after a session. One tap tells us whether it has settled, "
                f"so your plan can go on safely: {_link('/today/')}\n\n"
                "Any leaking, heaviness, dragging or pain that lingers: stop, and see a pelvic "
                "health physiotherapist or your doctor.\n",
                None,
                [user.email],
            )
            checks += 1
    return Sent(sessions, checks)
