"""Red-flag alerts: when a client reports a pelvic-floor symptom or a session goes red, her
practice's professionals are mailed a short notice (her assigned clinician, else every
clinician and owner), once per flag and entry. What was sent is kept (``AlertSent``).

Connected in ``PracticeConfig.ready`` to ``programmes.signals.event_recorded``, which the
programme's services send on commit after each event is recorded."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from strideback.practice.models import AlertSent, Share
from strideback.practice.notices import practice_recipients, send_notice, site_link
from strideback.programmes import services as programmes
from strideback.programmes.models import Event, Programme

PELVIC_FLOOR_SYMPTOM = "pelvic_floor_symptom"
RED_SESSION = "red_session"
FLAG_WORDS = {
    PELVIC_FLOOR_SYMPTOM: "reported a pelvic-floor symptom",
    RED_SESSION: "logged a session that went red",
}


def flags_of(programme: Programme, event: Event, today: date) -> list[str]:
    """The red flags this entry raises, read off her replayed programme."""
    data = event.data
    flags = []
    if data.get("pelvic_floor_symptoms") or data.get("symptoms"):
        flags.append(PELVIC_FLOOR_SYMPTOM)
    if event.type == "session":
        plan = programmes.programme_as_of(programme, today)
        kind = data.get("kind")
        logged = [s for s in plan.sessions if s.date == event.day and s.kind == kind and s.log]
        if any(s.log and s.log.outcome == "red" for s in logged):
            flags.append(RED_SESSION)
    return flags


def _alert(share: Share, flag: str, entry_id: str) -> None:
    recipients = practice_recipients(share)
    try:
        with transaction.atomic():
            AlertSent.objects.create(
                share=share, flag=flag, event_id=entry_id, recipients=", ".join(recipients)
            )
    except IntegrityError:
        return  # sent before, for this flag and entry
    link = site_link(reverse("practice:client", args=[share.runner_id]))
    send_notice(
        recipients,
        f"Red flag for a client of {share.practice.name}",
        [
            f"A client of {share.practice.name} has {FLAG_WORDS[flag]}.",
            f"See her page: {link}",
        ],
    )


def alert_practices(programme: Programme, event: Event, today: date) -> None:
    """Alert every practice she shares with of each red flag this entry raises."""
    shares = list(
        Share.objects.select_related("practice", "clinician__user").filter(
            runner_id=programme.owner_id, revoked_at__isnull=True
        )
    )
    if not shares:
        return
    flags = flags_of(programme, event, today)
    entry_id = event.original.public_id if event.original_id else event.public_id
    for share in shares:
        for flag in flags:
            _alert(share, flag, entry_id)


def on_event_recorded(sender: Any, programme: Programme, event: Event, **kwargs: Any) -> None:
    alert_practices(programme, event, timezone.localdate())
