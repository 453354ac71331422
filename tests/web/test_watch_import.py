"""Bringing in runs from her watch on the web: chosen or dropped on Today and History, or
shared to the installed app. A run is matched to the session planned that day, compared with
it, counts at once and moves nothing on until she has answered the questions a watch cannot;
a bad file is named with what is wrong, and nothing saved changes."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core.activities import MAX_FILE_BYTES
from strideback.programmes.models import Event, ProgrammeSummary
from tests.support.watchfiles import walk_run_fit, walk_run_gpx, walk_run_tcx
from tests.web.conftest import log, make_user, start
from tests.web.pages import text

WATCH_FILES = Path(__file__).parents[1] / "files" / "watch"
# Stage 1 of the walk-run: a 5-minute walk, eight runs of a minute with 90 s walks between,
# a 5-minute walk to finish.
STAGE_ONE = [("walk", 300)] + [("run", 60), ("walk", 90)] * 8 + [("walk", 210)]


def this_morning() -> datetime:
    """A minute past midnight today, in the server's zone: the run falls on today whatever
    the hour, and the same start every time it is asked for (the same activity)."""
    return timezone.localtime().replace(hour=0, minute=1, second=0, microsecond=0)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def send(client: Client, *files: SimpleUploadedFile) -> Any:
    return client.post("/activities/import/", {"file": list(files)})


def events_of(user: User) -> list[Event]:
    return list(Event.objects.filter(programme__owner=user).order_by("pk"))


@pytest.fixture
def stage_one_fit() -> bytes:
    return walk_run_fit(this_morning(), STAGE_ONE)


def test_today_and_history_offer_to_bring_in_a_run(runner_client: Client) -> None:
    for page in ("/today/", "/history/"):
        html = runner_client.get(page).content.decode()
        assert 'enctype="multipart/form-data"' in html
        assert 'name="file" multiple' in html
        assert "Bring in a run from your watch" in html


def test_a_fit_file_is_matched_to_todays_walk_run_and_compared_with_it(
    runner: User, runner_client: Client, stage_one_fit: bytes
) -> None:
    response = send(runner_client, upload("morning.fit", stage_one_fit))
    assert response.status_code == 200
    page = text(response)
    assert "Matched to Walk-run" in page
    assert "You ran 8 of the 8 run intervals planned" in page
    assert "Answer 3 questions about this run" in page
    [event] = events_of(runner)
    assert (event.type, event.data["kind"], event.data["answered"]) == (
        "session",
        "walk_run",
        False,
    )
    assert [b["activity"] for b in event.data["watch"]["bouts"]].count("run") == 8
    assert event.data["completed"] == "all"
    today = text(runner_client.get("/today/"))
    assert "Your watch brought in a run on" in today


def test_the_run_moves_her_on_once_she_has_answered(
    runner: User, runner_client: Client, stage_one_fit: bytes
) -> None:
    send(runner_client, upload("morning.fit", stage_one_fit))
    [event] = events_of(runner)
    waiting = text(runner_client.get(f"/activities/{event.public_id}/"))
    assert "How did your body take it?" in waiting
    assert "your plan stays at this stage" in waiting
    answered = runner_client.post(
        f"/activities/{event.public_id}/", {"pain": "0", "rpe": "4"}, follow=True
    )
    page = text(answered)
    assert "Thank you: your answers are in" in page
    assert "Next run: stage 2" in page
    assert events_of(runner)[-1].data["answered"] is True
    assert "Your watch brought in a run" not in text(runner_client.get("/today/"))
    again = runner_client.post(f"/activities/{event.public_id}/", {"pain": "0"})
    assert again.status_code == 400
    assert "These questions have been answered" in text(again)


def test_a_leak_she_reports_for_a_watch_run_stops_running_and_refers(
    runner: User, runner_client: Client, stage_one_fit: bytes
) -> None:
    send(runner_client, upload("morning.fit", stage_one_fit))
    [event] = events_of(runner)
    runner_client.post(
        f"/activities/{event.public_id}/", {"pain": "0", "pelvic_floor_symptoms": ["leaking"]}
    )
    verdict = runner_client.get("/verdict/").content.decode()
    assert 'data-status="refer"' in verdict


def test_missing_pain_answer_is_said_and_nothing_is_saved(
    runner: User, runner_client: Client, stage_one_fit: bytes
) -> None:
    send(runner_client, upload("morning.fit", stage_one_fit))
    [event] = events_of(runner)
    response = runner_client.post(f"/activities/{event.public_id}/", {"rpe": "4"})
    assert response.status_code == 400
    assert "Any pain? Please pick a number" in text(response)
    assert len(events_of(runner)) == 1


def test_the_same_activity_twice_is_one_entry(
    runner: User, runner_client: Client, stage_one_fit: bytes
) -> None:
    send(runner_client, upload("morning.fit", stage_one_fit))
    again = send(runner_client, upload("copy-of-morning.fit", stage_one_fit))
    assert again.status_code == 200
    assert "This run was brought in before" in text(again)
    # The same start and device, recorded every other second: still the same activity.
    sparser = walk_run_fit(this_morning(), STAGE_ONE, every=2)
    send(runner_client, upload("morning-smart.fit", sparser))
    assert len(events_of(runner)) == 1


def test_gpx_and_tcx_files_are_brought_in_too(runner: User, runner_client: Client) -> None:
    gpx = upload("run.gpx", walk_run_gpx(this_morning(), STAGE_ONE))
    response = send(runner_client, gpx)
    assert response.status_code == 200
    assert "Matched to Walk-run" in text(response)
    # A second run on a day with one logged is kept, but matched to no session.
    tcx = upload("run.tcx", walk_run_tcx(this_morning() + timedelta(minutes=40), STAGE_ONE))
    second = text(send(runner_client, tcx))
    assert "A run was already logged for that day" in second
    assert [e.type for e in events_of(runner)] == ["session", "activity"]


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("ride.fit", lambda: walk_run_fit(this_morning(), STAGE_ONE, sport="cycling"), "cycling"),
        ("notes.txt", lambda: b"not a watch file at all", "is not a FIT, GPX or TCX file"),
        (
            "cut.fit",
            lambda: (WATCH_FILES / "invalid_activity-unexpected-eof.fit").read_bytes(),
            "cut.fit",
        ),
        (
            "untimed.gpx",
            lambda: walk_run_gpx(this_morning(), STAGE_ONE, timestamps=False),
            "untimed.gpx",
        ),
        ("huge.fit", lambda: b"\0" * (MAX_FILE_BYTES + 1), "20 MB"),
    ],
    ids=["cycling", "not a watch file", "truncated", "no timestamps", "too big"],
)
def test_a_file_that_cannot_be_brought_in_is_named_and_changes_nothing(
    runner: User, runner_client: Client, name: str, data: Any, says: str
) -> None:
    before = events_of(runner)
    response = send(runner_client, upload(name, data()))
    assert response.status_code == 400
    page = text(response)
    assert says in page
    assert name in page
    assert "Nothing was saved." in page
    assert events_of(runner) == before


def test_with_several_files_the_good_ones_are_kept_and_the_bad_named(
    runner: User, runner_client: Client, stage_one_fit: bytes
) -> None:
    response = send(
        runner_client, upload("good.fit", stage_one_fit), upload("bad.fit", b"\x0e\x10junk")
    )
    assert response.status_code == 400
    page = text(response)
    assert "bad.fit" in page
    assert "Matched to Walk-run" in page
    assert len(events_of(runner)) == 1


def test_no_file_chosen_is_said(runner_client: Client) -> None:
    response = runner_client.post("/activities/import/", {})
    assert response.status_code == 400
    assert "Choose a FIT, GPX or TCX file" in text(response)


def test_a_run_while_referred_is_kept_and_flagged_for_her_professional(db: None) -> None:
    runner = make_user("referred@example.com")
    start(runner, symptoms=["urinary_leakage"])
    client = Client()
    client.force_login(runner)
    response = send(client, upload("run.fit", walk_run_fit(this_morning(), STAGE_ONE)))
    assert response.status_code == 200
    assert "No run was planned within two days" in text(response)
    [event] = events_of(runner)
    assert event.type == "activity"
    history = text(client.get("/history/"))
    assert "A run from your watch" in history
    assert "while running is paused" in history
    summary = ProgrammeSummary.objects.get(programme__owner=runner)
    assert summary.spike_day == event.day


def test_a_run_shared_from_another_app_is_kept_only_once_she_confirms(
    runner: User, stage_one_fit: bytes
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(runner)
    shared = client.post("/activities/shared/", {"file": upload("shared.fit", stage_one_fit)})
    assert shared.status_code == 200
    assert "Bring this run in?" in text(shared)
    assert events_of(runner) == []
    html = shared.content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    signed = re.search(r'name="watch" value="([^"]+)"', html)
    assert token
    assert signed
    confirmed = client.post(
        "/activities/confirm/", {"csrfmiddlewaretoken": token[1], "watch": signed[1]}
    )
    assert confirmed.status_code == 200
    assert "Matched to Walk-run" in text(confirmed)
    assert len(events_of(runner)) == 1


def test_a_forged_run_is_refused(runner: User, runner_client: Client) -> None:
    response = runner_client.post("/activities/confirm/", {"watch": "eyJmb3JnZWQiOnRydWV9:x:y"})
    assert response.status_code == 400
    assert "bring the file in again" in text(response)
    assert events_of(runner) == []


def test_another_runner_never_sees_her_run(
    runner: User, other_runner: User, runner_client: Client, stage_one_fit: bytes
) -> None:
    send(runner_client, upload("morning.fit", stage_one_fit))
    [event] = events_of(runner)
    other = Client()
    other.force_login(other_runner)
    assert other.get(f"/activities/{event.public_id}/").status_code == 404
    assert other.post(f"/activities/{event.public_id}/", {"pain": "0"}).status_code == 404


def test_a_typed_log_has_no_watch_page(runner: User, runner_client: Client) -> None:
    typed = log(runner, runner.programmes.get())
    assert runner_client.get(f"/activities/{typed.public_id}/").status_code == 404


def test_the_installed_app_takes_watch_files_shared_to_it(client: Client) -> None:
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    target = manifest["share_target"]
    assert target["action"] == "/activities/shared/"
    assert target["enctype"] == "multipart/form-data"
    assert ".fit" in target["params"]["files"][0]["accept"]
    assert manifest["start_url"] == "/today/"
