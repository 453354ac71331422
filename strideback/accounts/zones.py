"""Her "today" follows her own time zone: each request she makes runs in the zone she chose
in Settings (Django's active time zone, which ``timezone.localdate()`` and ``localtime()``
read); without one, the server's zone (``STRIDEBACK_TIME_ZONE``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.http import HttpRequest, HttpResponse
from django.utils import timezone


@cache
def zone_names() -> tuple[str, ...]:
    """The zones she may choose, by name (IANA's, as "Europe/London")."""
    return tuple(sorted(name for name in available_timezones() if "/" in name))


def zone_of(name: str) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


class TimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        zone = zone_of(getattr(user, "time_zone", "")) if user and user.is_authenticated else None
        if zone is None:
            timezone.deactivate()
            return self.get_response(request)
        with timezone.override(zone):
            return self.get_response(request)
