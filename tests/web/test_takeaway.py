"""Take-away formats on the web: the handout (to print and as a PDF), the private calendar
feed, the download of her data and the deletion of her account, as a runner meets them.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from strideback.accounts.models import User
from strideback.core import DISCLAIMER
from strideback.programmes import services as programmes
from strideback.programmes.models import Event, IntakeVersion, Programme
from strideback.takeaway.models import CalendarFeed
from strideback.takeaway.views import PDF_NAME
from strideback.tracking import services as tracking
from tests.web.conftest import PASSWORD, log, make_user, start, today
from tests.web.pages import text, visible
from tests.web.test_queries import runner_who_logged

PRIVATE_NOTE = "Felt a twinge by the swings, Maisie slept"
PAIN_PLACE = "left hip under the scar"
PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b(?!s)")


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def turn_feed_on(client: Client) -> str:
    """Turns her feed on from the settings page; returns the feed's path."""
    response = client.post("/settings/calendar/", {"action": "on"})
    assert response.status_code == 302
    page = text(client.get("/settings/"))
    found = re.search(r"https?://testserver(/calendar/[A-Za-z0-9_-]+\.ics)", page)
    assert found, "the settings page shows no calendar address"
    return found.group(1)


def calendar_of(client: Client, path: str) -> Calendar:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def unfolded(response: Any) -> str:
    """The calendar's text with folded lines joined and escapes undone."""
    raw = response.content.decode()
    return raw.replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n")


# ---------------------------------------------------------------------------------------
# The handout


def test_the_plan_page_offers_the_handout_the_pdf_and_the_calendar(runner_client: Client) -> None:
    page = text(runner_client.get("/programme/"))
    assert "Take it with you" in page
    assert 'href="/programme/handout/"' in page
    assert 'href="/programme/handout.pdf"' in page
    assert 'href="/settings/#calendar"' in page


def test_the_handout_shows_this_week_on_with_pictures_cues_and_the_disclaimer(
    runner: User, runner_client: Client
) -> None:
    response = runner_client.get("/programme/handout/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = text(response)
    assert "<h1>Your Strideback programme</h1>" in page
    assert "Can I run yet?" in page
    assert "Yes" in visible(response)
    plan = programmes.plan_for(runner.programmes.get(), [], today())
    week = plan.sessions[0]
    assert f"{week.date.day} {week.date:%b}" in page
    assert page.count('<section class="week"') >= 6
    # Every exercise shown has its picture and its key cue.
    item = plan.sessions[1].items[0] if plan.sessions[1].items else plan.sessions[2].items[0]
    assert f'<symbol id="fig-{item.exercise_id}"' in page
    assert f'<use href="#fig-{item.exercise_id}"/>' in page
    assert item.cue in page
    # The disclaimer at the top, at the foot of each week and on every printed sheet.
    assert page.count(DISCLAIMER) >= page.count('<section class="week"') + 2
    assert "@bottom-left{content:" in page
    assert "Back to your plan" in page


def test_the_handout_may_use_its_own_stylesheet_and_nothing_else(runner_client: Client) -> None:
    response = runner_client.get("/programme/handout/")
    style = re.search(r"<style>(.*?)</style>", response.text, re.DOTALL)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    policy = response["Content-Security-Policy"]
    assert f"style-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "script-src" not in policy  # nothing runs on it: default-src 'none'
    assert "<script" not in response.text
    assert ' style="' not in response.text
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_handout_leaves_out_what_she_logged_beyond_done(
    runner: User, runner_client: Client
) -> None:
    log(runner, runner.programmes.get(), note=PRIVATE_NOTE, pain=2, pain_where=PAIN_PLACE)
    page = text(runner_client.get("/programme/handout/"))
    assert "Logged as done." in page
    assert PRIVATE_NOTE not in page
    assert PAIN_PLACE not in page
    assert "pain 2/10" not in page


def test_the_handout_pdf_downloads_with_a_page_for_the_cover_and_each_week(
    runner_client: Client,
) -> None:
    weeks = text(runner_client.get("/programme/handout/")).count('<section class="week"')
    response = runner_client.get("/programme/handout.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="strideback-programme.pdf"'
    assert response.content.startswith(b"%PDF-")
    assert len(PAGE_OBJECT.findall(response.content)) >= weeks + 1


def test_without_a_programme_the_handout_sends_her_to_the_questions(db: None) -> None:
    client = signed_in(make_user("new@example.com"))
    for path in ("/programme/handout/", "/programme/handout.pdf"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url == "/intake/"


# ---------------------------------------------------------------------------------------
# The calendar feed


@pytest.mark.parametrize("path", ["/settings/", "/programme/"])
def test_the_pdf_link_says_when_the_pdf_is_being_prepared(runner_client: Client, path: str) -> None:
    page = text(runner_client.get(path))
    link = re.search(r'<a [^>]*href="/programme/handout\.pdf"[^>]*>', page)
    assert link is not None
    status = re.search(r'data-pdf="([^"]+)"', link.group(0))
    assert status is not None
    assert f'id="{status.group(1)}" role="status"' in page  # read out as it changes
    assert f'data-filename="{PDF_NAME}"' in link.group(0)  # saved under the server's name
    assert re.search(r'<script src="[^"]*strideback/takeaway(\.\w+)?\.js"', page)
    script = Path(__file__).parents[2] / "strideback/takeaway/static/strideback/takeaway.js"
    assert "Preparing your PDF…" in script.read_text(encoding="utf-8")


def test_the_settings_page_offers_the_feed_until_she_turns_it_on(runner_client: Client) -> None:
    page = visible(runner_client.get("/settings/"))
    assert "Turn on my calendar feed" in page
    assert "/calendar/" not in page
    path = turn_feed_on(runner_client)
    page = text(runner_client.get("/settings/"))
    assert f"webcal://testserver{path}" in page
    assert "How to add it on an iPhone" in page
    assert "Android (Google Calendar)" in page
    assert "Make a new address" in page
    assert "Turn the calendar feed off" in page


def test_the_feed_is_her_plan_as_a_calendar_without_signing_in(
    runner: User, runner_client: Client, client: Client
) -> None:
    path = turn_feed_on(runner_client)
    before = timezone.now().replace(microsecond=0)
    calendar = calendar_of(client, path)  # a calendar app: no cookies
    plan = programmes.plan_for(runner.programmes.get(), [], today())
    events = calendar.walk("VEVENT")
    assert [e.decoded("DTSTART") for e in events] == [s.date for s in plan.sessions]
    assert [str(e["SUMMARY"]) for e in events] == [f"Strideback: {s.title}" for s in plan.sessions]
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=6)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT6H"
    stamp = events[0].decoded("DTSTAMP")
    assert before <= stamp <= timezone.now().astimezone(UTC) + timedelta(seconds=1)
    assert all(DISCLAIMER in str(e["DESCRIPTION"]) for e in events)


def test_the_feed_answers_a_calendar_apps_head_request(runner_client: Client) -> None:
    path = turn_feed_on(runner_client)
    assert Client().head(path).status_code == 200
    assert Client().post(path).status_code == 405


def test_the_feed_keeps_its_uids_and_follows_the_plan_after_a_red_session(
    runner: User, runner_client: Client
) -> None:
    path = turn_feed_on(runner_client)
    first = {str(e["UID"]): e for e in calendar_of(Client(), path).walk("VEVENT")}
    again = {str(e["UID"]): e for e in calendar_of(Client(), path).walk("VEVENT")}
    assert first.keys() == again.keys()

    log(runner, runner.programmes.get(), pain=7)
    after = {str(e["UID"]): e for e in calendar_of(Client(), path).walk("VEVENT")}

    def later_runs(events: dict[str, Any]) -> list[tuple[Any, str]]:
        return sorted(
            (e.decoded("DTSTART"), str(e["SUMMARY"]))
            for e in events.values()
            if e.decoded("DTSTART") > today() and "Walk-run" in str(e["SUMMARY"])
        )

    assert later_runs(after) != later_runs(first)
    assert "stage 1 of" in later_runs(after)[0][1]  # stepped back to the first stage
    # Sessions that did not move keep their UID, so her calendar updates them in place.
    assert len(set(first) & set(after)) >= len(first) // 2


def test_a_calendar_app_that_has_the_feed_is_told_not_modified_until_her_plan_changes(
    runner: User, runner_client: Client, django_assert_max_num_queries: Any
) -> None:
    path = turn_feed_on(runner_client)
    first = Client().get(path)
    tag = first["ETag"]
    with django_assert_max_num_queries(4):  # no replay: the feed, her programme, its newest entry
        again = Client().get(path, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304
    assert again.content == b""

    log(runner, runner.programmes.get(), pain=7)
    changed = Client().get(path, HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200
    assert changed["ETag"] != tag
    assert "stage 1 of" in changed.content.decode()
    # Turned off, the address is gone whatever version the app holds.
    runner_client.post("/settings/calendar/", {"action": "off"})
    assert Client().get(path, HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 404


def test_the_feed_holds_nothing_personal(runner: User, runner_client: Client) -> None:
    log(
        runner,
        runner.programmes.get(),
        note=PRIVATE_NOTE,
        pain=3,
        pain_where=PAIN_PLACE,
        pelvic_floor_symptoms=["leaking"],
    )
    path = turn_feed_on(runner_client)
    response = Client().get(path)
    feed = unfolded(response)
    birth = runner.intakes.get().answers["birth_date"].replace("-", "")
    for private in (PRIVATE_NOTE, PAIN_PLACE, runner.email, "leaking", "pain 3/10", birth):
        assert private not in feed
    assert "Logged as done." in feed
    assert response["Cache-Control"] == "private, no-store"


def test_a_new_address_stops_the_old_one_at_once_and_off_stops_both(
    runner_client: Client,
) -> None:
    old = turn_feed_on(runner_client)
    response = runner_client.post("/settings/calendar/", {"action": "reset"})
    assert response.status_code == 302
    assert "has a new address" in visible(runner_client.get("/settings/"))
    new = turn_feed_on(runner_client)  # "on" again keeps the address she has
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200

    runner_client.post("/settings/calendar/", {"action": "off"})
    assert Client().get(new).status_code == 404
    assert not CalendarFeed.objects.exists()
    assert "Turn on my calendar feed" in visible(runner_client.get("/settings/"))


def test_an_unknown_address_gets_the_same_not_found_page_as_a_revoked_one(
    runner_client: Client,
) -> None:
    old = turn_feed_on(runner_client)
    runner_client.post("/settings/calendar/", {"action": "reset"})
    revoked = Client().get(old)
    unknown = Client().get("/calendar/" + "A" * 43 + ".ics")
    assert revoked.status_code == unknown.status_code == 404
    assert revoked.content == unknown.content
    assert "calendar" not in visible(unknown).lower().replace("calendar/", "")


def test_another_runners_address_gives_her_own_plan_only(
    runner: User, runner_client: Client, db: None
) -> None:
    other = make_user("early@example.com")
    start(other, weeks=7, tests={})
    mine = turn_feed_on(runner_client)
    hers = turn_feed_on(signed_in(other))
    assert mine != hers
    her_plan = programmes.plan_for(other.programmes.get(), [], today())
    her_events = calendar_of(Client(), hers).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in her_events] == [
        f"Strideback: {s.title}" for s in her_plan.sessions
    ]
    my_events = calendar_of(Client(), mine).walk("VEVENT")
    assert {str(e["UID"]) for e in her_events}.isdisjoint(str(e["UID"]) for e in my_events)


def test_a_feed_without_a_programme_is_an_empty_calendar(db: None) -> None:
    user = make_user("no-plan@example.com")
    path = turn_feed_on(signed_in(user))
    calendar = calendar_of(Client(), path)
    assert calendar.walk("VEVENT") == []
    assert str(calendar["X-WR-CALNAME"]) == "Strideback"


def test_an_unknown_feed_action_is_refused_with_what_is_allowed(runner_client: Client) -> None:
    response = runner_client.post("/settings/calendar/", {"action": "share"})
    assert response.status_code == 400
    assert "choose on, reset or off" in visible(response)
    assert not CalendarFeed.objects.exists()


# ---------------------------------------------------------------------------------------
# Her data


def _edited_history(user: User) -> tuple[Event, Event]:
    programme = user.programmes.get()
    first = log(user, programme, note="=1+2 felt easy", pain_where="left knee")
    edit = tracking.edit_event(user, first, {"rpe": 6}, programme, timezone.now())
    return first, edit


def test_the_json_download_holds_everything_about_her_and_nothing_of_anyone_else(
    runner: User, other_runner: User, runner_client: Client
) -> None:
    first, edit = _edited_history(runner)
    log(other_runner, other_runner.programmes.get(), note="Someone else's note")
    turn_feed_on(runner_client)
    response = runner_client.get("/settings/my-data.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="strideback-my-data-\d{4}-\d{2}-\d{2}\.json"',
        response["Content-Disposition"],
    )
    data = json.loads(response.content)
    assert data["account"] == {
        "email": runner.email,
        "role": "runner",
        "joined": runner.date_joined.isoformat(),
        "last_signed_in": data["account"]["last_signed_in"],
    }
    assert data["calendar_feed"]["on"] is True
    assert CalendarFeed.objects.get(owner=runner).token not in response.text
    [intake] = data["intakes"]
    assert intake["answers"] == runner.intakes.get().answers
    [programme] = data["programmes"]
    assert programme["start"] == today().isoformat()
    entries = {entry["id"]: entry for entry in programme["entries"]}
    assert entries[first.public_id]["in_force"] is False
    assert entries[first.public_id]["data"]["note"] == "=1+2 felt easy"
    assert entries[edit.public_id]["replaces"] == first.public_id
    assert entries[edit.public_id]["in_force"] is True
    assert entries[edit.public_id]["recorded_by"] == "you"
    assert "Someone else's note" not in response.text
    assert other_runner.email not in response.text


def test_the_csv_download_has_a_row_per_entry_with_iso_dates(
    runner: User, runner_client: Client
) -> None:
    first, edit = _edited_history(runner)
    response = runner_client.get("/settings/my-data.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="strideback-my-entries-'
    )
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffdate,type,session,completed,effort_0_10,pain_0_10")
    rows = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))
    assert [row["entry_id"] for row in rows] == [first.public_id, edit.public_id]
    old, new = rows
    assert old["date"] == today().isoformat()
    assert old["in_force"] == "no"
    assert new["in_force"] == "yes"
    assert new["replaces_entry"] == first.public_id
    assert new["effort_0_10"] == "6"
    assert new["pain_where"] == "left knee"
    assert new["note"] == "'=1+2 felt easy"  # a spreadsheet shows it, never runs it
    assert datetime.fromisoformat(new["recorded_at"]).tzinfo is not None


def test_the_csv_spells_out_retests_and_symptoms(runner: User, runner_client: Client) -> None:
    programme = runner.programmes.get()
    result = {"tests": {"load_impact": {"walk": "pass"}, "strength": {"single_leg_bridge": 18}}}
    tracking.record_retest(runner, programme, {**result, "symptoms": []}, today(), timezone.now())
    log(runner, programme, pelvic_floor_symptoms=["leaking", "heaviness"], pain_settled=False)
    body = runner_client.get("/settings/my-data.csv").content.decode().removeprefix("\ufeff")
    retest, session = list(csv.DictReader(io.StringIO(body)))
    assert retest["type"] == "retest"
    assert retest["tests"] == "walk=pass; single_leg_bridge=18"
    assert session["pelvic_floor_symptoms"] == "leaking; heaviness"
    assert session["pain_settled_next_day"] == "no"
    assert str(CalendarFeed(owner=runner)) == "calendar feed of runner@example.com"


# ---------------------------------------------------------------------------------------
# Deleting her account


def rows_pointing_at(user_id: int) -> dict[str, int]:
    """Every row in any table that points at this user, by model and field."""
    found: dict[str, int] = {}
    user_model = get_user_model()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey | models.OneToOneField) and (
                field.related_model is user_model
            ):
                count = model.objects.filter(**{field.name: user_id}).count()
                if count:
                    found[f"{model._meta.label}.{field.name}"] = count
    return found


def test_a_wrong_password_deletes_nothing(runner: User, runner_client: Client) -> None:
    _edited_history(runner)
    response = runner_client.post("/settings/delete/", {"password": "not my password"})
    assert response.status_code == 400
    assert "That is not your password, so nothing has been deleted" in visible(response)
    response = runner_client.post("/settings/delete/", {"password": ""})
    assert response.status_code == 400
    assert "Type your password" in visible(response)
    assert User.objects.filter(pk=runner.pk).exists()
    assert Event.objects.filter(programme__owner=runner).count() == 2
    assert runner_client.get("/today/").status_code == 200


def test_deleting_her_account_removes_everything_of_hers_and_nothing_else(
    runner: User, other_runner: User, runner_client: Client
) -> None:
    _edited_history(runner)
    tracking.record_retest(
        runner,
        runner.programmes.get(),
        {"tests": {"load_impact": {"walk": "pass"}}, "symptoms": []},
        today(),
        timezone.now(),
    )
    programmes.start_programme(runner, runner.intakes.get().answers, today(), timezone.now())
    turn_feed_on(runner_client)
    other_event = log(other_runner, other_runner.programmes.get(), note="Still mine")
    theirs = (
        list(IntakeVersion.objects.filter(owner=other_runner).values()),
        list(Programme.objects.filter(owner=other_runner).values()),
        list(Event.objects.filter(programme__owner=other_runner).values()),
    )
    user_id = runner.pk
    assert rows_pointing_at(user_id)

    page = runner_client.get("/settings/delete/")
    assert "It cannot be undone" in visible(page)
    response = runner_client.post("/settings/delete/", {"password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/goodbye/"
    assert not User.objects.filter(pk=user_id).exists()
    assert rows_pointing_at(user_id) == {}
    assert not Programme.objects.filter(owner_id=user_id).exists()
    assert not IntakeVersion.objects.filter(owner_id=user_id).exists()
    assert Event.objects.filter(programme__owner_id=user_id).count() == 0
    assert Event.objects.count() == 1
    assert Event.objects.get().public_id == other_event.public_id
    assert (
        list(IntakeVersion.objects.filter(owner=other_runner).values()),
        list(Programme.objects.filter(owner=other_runner).values()),
        list(Event.objects.filter(programme__owner=other_runner).values()),
    ) == theirs
    # She is signed out, and the goodbye page says what happened.
    goodbye = runner_client.get("/goodbye/")
    assert "Your account is deleted" in visible(goodbye)
    assert runner_client.get("/today/").status_code == 302
    assert "Sign in" in visible(goodbye)


def test_an_account_that_recorded_entries_for_others_is_not_deleted(
    runner: User, other_runner: User
) -> None:
    coach = make_user("coach@example.com")
    tracking.log_session(
        coach,
        other_runner.programmes.get(),
        "walk_run",
        {"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": []},
        today(),
        timezone.now(),
    )
    response = signed_in(coach).post("/settings/delete/", {"password": PASSWORD})
    assert response.status_code == 400
    assert "entries you recorded in other runners' programmes" in visible(response)
    assert User.objects.filter(pk=coach.pk).exists()
    assert Event.objects.filter(recorded_by=coach).count() == 1


def test_her_settings_are_a_tap_away_from_every_page(runner_client: Client) -> None:
    page = text(runner_client.get("/today/"))
    assert 'href="/settings/"' in page
    settings = text(runner_client.get("/settings/"))
    assert 'href="/settings/" aria-current="page"' in settings


# ---------------------------------------------------------------------------------------
# Queries: the new pages cost the same however much she has logged.

# Her settings and her data also read who has access and who looked: two queries more.
PAGES = [
    ("/settings/", 6),  # and her API tokens
    ("/programme/handout/", 4),
    ("/programme/handout.pdf", 4),
    (
        "/settings/my-data.json",
        10,
    ),  # with the practices' notes and messages, her shares and who looked
    ("/settings/my-data.csv", 7),
    # Its version first (the feed, her programme, its newest entry: all a calendar app that
    # is up to date costs), then the calendar.
    ("{feed}", 6),
]


def queries_on(path: str, sessions: int, edited: bool) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user, _ = runner_who_logged(sessions, edited)
    client = signed_in(user)
    if path == "{feed}":
        path = turn_feed_on(client)
        client = Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize(("path", "ceiling"), PAGES, ids=[p for p, _ in PAGES])
@pytest.mark.parametrize("edited", [False, True], ids=["as logged", "each entry edited"])
@pytest.mark.django_db
def test_the_take_away_pages_cost_the_same_after_thirty_sessions_as_after_one(
    path: str, ceiling: int, edited: bool
) -> None:
    after_one = queries_on(path, 1, edited)
    after_thirty = queries_on(path, 30, edited)
    assert after_thirty == after_one
    assert after_one <= ceiling
