"""Reminders by email, for a runner who asked: at her time in her zone, on a day with a
session to do, and when a next-day pain check waits; once a day however often the job runs,
never for one who did not ask, and with nothing she logged in them."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django.utils import timezone
from typer.testing import CliRunner

from strideback.accounts.models import User
from strideback.cli import app
from strideback.takeaway.models import ReminderSent
from strideback.takeaway.reminders import send_due_reminders
from tests.web.conftest import log, today

ZONE = "Asia/Tokyo"


def asks(user: User, at: time = time(7, 30), by_email: bool = True) -> None:
    User.objects.filter(pk=user.pk).update(time_zone=ZONE, reminder_at=at, remind_by_email=by_email)


def at_her(hour: int, minute: int = 0) -> datetime:
    """Today (her day in her zone) at that time of hers."""
    her_day = timezone.now().astimezone(ZoneInfo(ZONE)).date()
    return datetime.combine(her_day, time(hour, minute), tzinfo=ZoneInfo(ZONE))


def to(user: User) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if m.to == [user.email]]


def test_at_her_time_she_is_reminded_of_todays_session_once(runner: User) -> None:
    asks(runner)
    assert send_due_reminders(at_her(7, 0)).sessions == 0  # not yet
    sent = send_due_reminders(at_her(7, 45))
    assert (sent.sessions, sent.checks) == (1, 0)
    (reminder,) = to(runner)
    assert reminder.subject.startswith("Today: ")
    assert "/today/" in reminder.body
    # Again a quarter of an hour later, and again at once: nothing more.
    assert send_due_reminders(at_her(8, 0)).sessions == 0
    assert len(to(runner)) == 1
    assert ReminderSent.objects.filter(user=runner).count() == 1


def test_too_late_or_without_asking_by_email_no_reminder_goes(runner: User) -> None:
    asks(runner)
    assert send_due_reminders(at_her(11, 0)).sessions == 0  # 3.5 hours after her time
    asks(runner, by_email=False)
    assert send_due_reminders(at_her(7, 45)).sessions == 0
    assert to(runner) == []


def test_a_pain_check_waiting_is_reminded_with_nothing_she_logged_in_it(runner: User) -> None:
    programme = runner.programmes.get()
    log(runner, programme, pain=5, note="Sore left hip after the hill")
    ReminderSent.objects.all().delete()
    asks(runner)
    # The next day, in her zone: the check waits.
    tomorrow = at_her(7, 45) + timedelta(days=1)
    if tomorrow.date() <= today():  # her zone is ahead of the server's: a day later still
        tomorrow += timedelta(days=1)
    sent = send_due_reminders(tomorrow)
    assert sent.checks == 1
    check = next(m for m in to(runner) if m.subject == "Has the pain settled?")
    assert "Sore left hip" not in check.body
    assert "5" not in check.body  # not her pain score either


def test_the_command_sends_what_is_due_and_says_so(runner: User) -> None:
    ten_minutes_ago = (timezone.now().astimezone(ZoneInfo(ZONE)) - timedelta(minutes=10)).time()
    asks(runner, at=ten_minutes_ago.replace(second=0, microsecond=0))
    result = CliRunner().invoke(app, ["reminders"])
    assert result.exit_code == 0, result.output
    sent = len([m for m in to(runner) if m.subject.startswith("Today: ")])
    assert f"{sent} session reminder(s)" in result.output
    again = CliRunner().invoke(app, ["reminders"])
    assert "0 session reminder(s)" in again.output
