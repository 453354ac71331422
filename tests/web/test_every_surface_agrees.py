"""Every surface tells the same story: over generated journeys (logs with and without
symptoms, late entries, edits, answers given again, clearances with limits, pauses), the
verdict page, Today, the plan, the handout, the calendar feed and the command line give the
same status, the same next session and the same referral.

A journey is stored as the app stores it (her first answers, then each entry in the order it
was recorded) and written out as the command line's intake and events files."""

from __future__ import annotations

import json
import re
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from icalendar import Calendar
from typer.testing import CliRunner

from strideback.cli import app
from strideback.programmes import services
from strideback.programmes.models import Event, IntakeVersion, Programme
from strideback.takeaway.models import CalendarFeed
from tests.core.test_referral_properties import Journey, journeys
from tests.core.test_safety_properties import TODAY
from tests.web.conftest import make_user, today
from tests.web.pages import text

RUN_DAYS = 90  # the journeys span this many days; she started that long ago
STATUS = re.compile(r'data-testid="verdict" data-status="([a-z_]+)"')


def _shift(value: str, by: timedelta) -> str:
    return (date.fromisoformat(value) + by).isoformat()


def shifted(journey: Journey, start: date) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The journey's intake and events moved so that its first day is ``start``."""
    by = start - TODAY
    intake = journey.intake.model_dump(mode="json")
    for key in ("birth_date", "assessed_on"):
        intake[key] = _shift(intake[key], by)
    events = []
    for event in journey.events:
        data = event.model_dump(mode="json", exclude_none=True)
        data["date"] = _shift(data["date"], by)
        if data["type"] == "answers":
            for key in ("birth_date", "assessed_on"):
                data["intake"][key] = _shift(data["intake"][key], by)
        events.append(data)
    return intake, events


def store(email: str, intake: dict[str, Any], events: list[dict[str, Any]], start: date) -> Any:
    """Her programme and entries, as the app keeps them, recorded in the journey's order."""
    user = make_user(email)
    now = timezone.now() - timedelta(days=RUN_DAYS)
    version = IntakeVersion.objects.create(
        owner=user, version=1, answers=intake, created_at=now, completed_at=now
    )
    programme = Programme.objects.create(
        owner=user,
        intake=version,
        protocol_id="strideback_return",
        protocol_version=services.catalog().default_protocol.version,
        start=start,
        created_at=now,
    )
    prefix = uuid.uuid4().hex[:8]
    stored: dict[str, Event] = {}
    for n, data in enumerate(events):
        fields = {k: v for k, v in data.items() if k not in ("id", "type", "date")}
        replaces = stored.get(data.get("replaces", ""))
        if replaces is not None:
            fields["replaces"] = replaces.public_id
        event = Event.objects.create(
            programme=programme,
            public_id=f"{prefix}{n:08d}",
            type=data["type"],
            day=date.fromisoformat(data["date"]),
            data=fields,
            replaces=replaces,
            original=(replaces.original or replaces) if replaces is not None else None,
            recorded_at=now + timedelta(minutes=n),
            recorded_by=user,
        )
        if data.get("id"):
            stored[data["id"]] = event
    return user


def cli_plan(tmp: Path, intake: dict[str, Any], events: list[dict[str, Any]], start: date) -> Any:
    intake_file, events_file = tmp / "intake.yaml", tmp / "events.yaml"
    intake_file.write_text(yaml.safe_dump(intake), encoding="utf-8")
    events_file.write_text(yaml.safe_dump({"events": events}), encoding="utf-8")
    args = ["plan", str(intake_file), "--events", str(events_file), "--start", start.isoformat()]
    args += ["--today", today().isoformat(), "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def next_of(sessions: list[dict[str, Any]]) -> tuple[str, str] | None:
    for session in sessions:
        if session["log"] is None and session["date"] >= today().isoformat():
            return session["date"], session["kind"]
    return None


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(journey=journeys())
def test_every_surface_gives_the_same_status_next_session_and_referral(
    journey: Journey, db: None, tmp_path: Path
) -> None:
    start = today() - timedelta(days=RUN_DAYS)
    intake, events = shifted(journey, start)
    user = store(f"journey-{uuid.uuid4().hex[:10]}@example.com", intake, events, start)
    client = Client()
    client.force_login(user)

    command = cli_plan(tmp_path, intake, events, start)
    status = command["verdict"]["status"]
    upcoming = next_of(command["sessions"])
    referral = command["referral"]

    # The verdict page.
    verdict = text(client.get("/verdict/"))
    found = STATUS.search(verdict)
    assert found is not None
    assert found.group(1) == status
    if status == "refer":
        since = date.fromisoformat(referral["since"])
        assert f"Since {since:%A} {since.day} {since:%B %Y}." in verdict

    # Today: the standing, and the session to do or the next one.
    page = text(client.get("/today/"))
    standing = re.search(r'data-testid="standing" data-status="([a-z_]+)"', page)
    assert (standing.group(1) if standing else None) == (
        status if status in ("refer", "paused") else None
    )
    shown = re.search(r'data-next="([0-9-]+):([a-z_]+)"', page)
    assert (shown.groups() if shown else None) == upcoming

    # The plan page: the first open session.
    plan_page = text(client.get("/programme/"))
    first = re.search(
        r'<details class="session(?![^"]*\bdone\b)[^"]*" data-kind="([a-z_]+)" data-date="([0-9-]+)"',
        plan_page,
    )
    assert ((first.group(2), first.group(1)) if first else None) == upcoming

    # The handout's cover says the same.
    handout = text(client.get("/programme/handout/"))
    assert f'data-status="{status}"' in handout

    # The calendar feed's first session still to do (a logged one says so).
    feed = CalendarFeed.objects.create(owner=user)
    calendar = Calendar.from_ical(Client().get(f"/calendar/{feed.token}.ics").content)
    days = sorted(
        component.decoded("DTSTART")
        for component in calendar.walk("VEVENT")
        if component.decoded("DTSTART") >= today()
        and "Logged as" not in str(component.get("DESCRIPTION", ""))
    )
    assert (days[0].isoformat() if days else None) == (upcoming[0] if upcoming else None)
