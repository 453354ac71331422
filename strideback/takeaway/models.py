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
