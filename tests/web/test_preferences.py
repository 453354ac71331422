"""Her own settings: her time zone (her "today" follows it), kilometres or miles wherever a
distance shows, and a reminder at her time in the calendar feed on each session's day."""

from __future__ import annotations

from datetime import time, timedelta
from zoneinfo import ZoneInfo

from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.web.templatetags.strideback import distance
from tests.web.pages import field_block, text, visible
from tests.web.test_takeaway import calendar_of, turn_feed_on

SAVE = "/settings/preferences/"


def test_settings_shows_her_zone_units_and_reminder_and_saves_them(
    runner: User, runner_client: Client
) -> None:
    page = visible(runner_client.get("/settings/"))
    assert "Your time zone" in page
    assert "Distances in" in page
    response = runner_client.post(
        SAVE, {"time_zone": "America/New_York", "units": "mi", "reminder_at": "07:30"}
    )
    assert response.status_code == 302
    assert response.url == "/settings/#preferences"
    runner.refresh_from_db()
    assert (runner.time_zone, runner.units, runner.reminder_at) == (
        "America/New_York",
        "mi",
        time(7, 30),
    )
    page = text(runner_client.get("/settings/"))
    assert "Your settings are saved." in page
    assert 'value="America/New_York" selected' in field_block(page, "time_zone")
    assert 'value="07:30"' in field_block(page, "reminder_at")


def test_a_zone_or_time_not_known_is_refused_beside_it_and_nothing_changes(
    runner: User, runner_client: Client
) -> None:
    response = runner_client.post(
        SAVE, {"time_zone": "Mars/Olympus", "units": "furlongs", "reminder_at": "25:99"}
    )
    assert response.status_code == 400
    page = text(response)
    assert "Mars/Olympus is not a time zone we know" in field_block(page, "time_zone")
    assert "furlongs is not a unit here" in field_block(page, "units")
    assert "such as 07:30" in field_block(page, "reminder_at")
    runner.refresh_from_db()
    assert (runner.time_zone, runner.units, runner.reminder_at) == ("", "km", None)


def test_her_today_follows_her_zone(runner: User, runner_client: Client) -> None:
    now = timezone.now()
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):  # UTC+14 and UTC-11
        runner_client.post(SAVE, {"time_zone": zone, "units": "km"})
        her_day = now.astimezone(ZoneInfo(zone)).date()
        page = visible(runner_client.get("/today/"))
        assert f"{her_day:%A} {her_day.day} {her_day:%B}" in page, zone
    # Two zones 25 hours apart never show the same day.
    east = now.astimezone(ZoneInfo("Pacific/Kiritimati")).date()
    west = now.astimezone(ZoneInfo("Pacific/Pago_Pago")).date()
    assert east - west in (timedelta(days=1), timedelta(days=2))


def test_the_feed_reminds_her_at_her_time_on_each_session_day(
    runner: User, runner_client: Client
) -> None:
    path = turn_feed_on(runner_client)
    assert all(not e.walk("VALARM") for e in calendar_of(Client(), path).walk("VEVENT"))
    tag = Client().get(path)["ETag"]
    runner_client.post(SAVE, {"time_zone": "", "units": "km", "reminder_at": "06:45"})
    response = Client().get(path, HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 200  # a new reminder is a new calendar
    events = calendar_of(Client(), path).walk("VEVENT")
    assert events
    for event in events:
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("TRIGGER") == timedelta(hours=6, minutes=45)
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert str(event["SUMMARY"]).removeprefix("Strideback: ") in str(alarm["DESCRIPTION"])


def test_distances_show_in_her_units() -> None:
    assert distance(5230, "km") == "5.2 km"
    assert distance(850, "km") == "850 m"
    assert distance(5230, "mi") == "3.2 mi"
    assert distance(1609.344, "mi") == "1.0 mi"
    assert distance(None, "mi") == ""


def test_settings_needs_her_signed_in(client: Client, db: None) -> None:
    response = client.post(SAVE, {"units": "mi"})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_email_reminders_need_a_time(runner: User, runner_client: Client) -> None:
    runner_client.post(SAVE, {"units": "km", "reminder_at": "18:00", "remind_by_email": "on"})
    runner.refresh_from_db()
    assert (runner.reminder_at, runner.remind_by_email) == (time(18, 0), True)
    runner_client.post(SAVE, {"units": "km", "reminder_at": "", "remind_by_email": "on"})
    runner.refresh_from_db()
    assert (runner.reminder_at, runner.remind_by_email) == (None, False)
