"""Permission-checked lookups: every view finds a runner's records through these, so a
runner only ever reaches her own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from strideback.programmes.models import Event, IntakeVersion, Programme

if TYPE_CHECKING:  # the user model sits above this layer; only its type is used
    from strideback.accounts.models import User


def current_programme_for(user: User | AnonymousUser) -> Programme | None:
    """Her newest programme, or None (visitors have none)."""
    if not user.is_authenticated:
        return None
    return (
        Programme.objects.filter(owner=user)
        .select_related("intake")
        .order_by("-created_at", "-id")
        .first()
    )


def draft_for(user: User | AnonymousUser) -> IntakeVersion | None:
    if not user.is_authenticated:
        return None
    return (
        IntakeVersion.objects.filter(owner=user, completed_at__isnull=True)
        .order_by("-version")
        .first()
    )


def events_for(programme: Programme) -> QuerySet[Event]:
    """The programme's events in the order they were recorded, which is the order the replay
    reads them in (the caller holds the programme through a checked lookup)."""
    return Event.objects.filter(programme=programme).order_by("recorded_at", "id")


def event_for(user: User | AnonymousUser, public_id: str) -> Event:
    """One of her own events; anyone else's, or none, is a 404."""
    if not user.is_authenticated:
        raise Http404("No such entry.")
    event = (
        Event.objects.filter(public_id=public_id, programme__owner=user)
        .select_related("programme", "programme__intake", "original")
        .first()
    )
    if event is None:
        raise Http404("No such entry.")
    return event
