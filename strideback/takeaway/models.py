"""The private calendar feed: one secret address per runner, which she can reset or turn off."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


def new_token() -> str:
    """43 URL-safe characters (256 random bits): the address is the only key to the feed."""
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """Her calendar feed; while it exists, /calendar/<token>.ics serves her plan."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"calendar feed of {self.owner}"


class ReminderSent(models.Model):
    """A reminder mailed to her: one of each kind a day, however often the job runs."""

    class Kind(models.TextChoices):
        SESSION = "session", "Today's session"
        CHECK = "check", "The next-day check"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    day = models.DateField()  # her day, in her time zone
    kind = models.CharField(max_length=8, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day", "kind"], name="one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder to {self.user} for {self.day}"
