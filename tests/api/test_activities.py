"""POST /api/v1/me/activities: a watch file brought in by an app, through the same service as
the web page, and her answers to the questions a watch cannot."""

from __future__ import annotations

from typing import Any

from django.test import Client

from strideback.accounts.models import User
from strideback.programmes.models import Event
from tests.api.conftest import api_as, is_error, send
from tests.support.watchfiles import walk_run_fit
from tests.web.test_watch_import import STAGE_ONE, this_morning, upload


def post_file(client: Client, name: str, data: bytes, **fields: str) -> Any:
    return client.post("/api/v1/me/activities", {"file": upload(name, data), **fields})


def fit() -> bytes:
    return walk_run_fit(this_morning(), STAGE_ONE)


def test_a_fit_file_answers_what_it_made(runner: User, her: Client) -> None:
    response = post_file(her, "morning.fit", fit())
    assert response.status_code == 201, response.content[:500]
    made = response.json()
    assert made["sport"] == "running"
    assert made["duration_seconds"] == sum(seconds for _, seconds in STAGE_ONE)
    assert made["distance_m"] > 3000
    assert [b["activity"] for b in made["bouts"]].count("run") == 8
    assert {"activity": "run", "seconds": 60} in made["bouts"]
    assert made["session"]["kind"] == "walk_run"
    assert made["comparison"]["runs"] == made["comparison"]["runs_planned"] == 8
    assert made["comparison"]["words"][0].startswith("You ran 8 of the 8 run intervals planned")
    assert made["unmatched"] is None
    assert made["log"]["type"] == "session"
    assert made["log"]["data"]["answered"] is False

    again = post_file(her, "morning-copy.fit", fit())
    assert again.status_code == 200
    assert again.json()["again"] is True
    assert again.json()["log"]["id"] == made["log"]["id"]
    assert Event.objects.filter(programme__owner=runner).count() == 1


def test_her_answers_move_the_plan_on(runner: User, her: Client) -> None:
    made = post_file(her, "morning.fit", fit()).json()
    answered = send(
        her, "POST", f"/me/activities/{made['log']['id']}/answers", {"pain": 0, "rpe": 4}
    )
    assert answered.status_code == 200, answered.content[:500]
    assert answered.json()["data"]["answered"] is True
    logs = send(her, "GET", "/me/logs").json()["items"]
    assert logs[0]["decisions"][0]["decision"] == "progress"
    twice = send(her, "POST", f"/me/activities/{made['log']['id']}/answers", {"pain": 0})
    assert "have been answered" in is_error(twice, 400)["detail"]


def test_missing_pain_is_said_with_its_field(her: Client) -> None:
    made = post_file(her, "morning.fit", fit()).json()
    response = send(her, "POST", f"/me/activities/{made['log']['id']}/answers", {"rpe": 4})
    body = is_error(response, 400)
    assert body["errors"][0]["field"] == "pain"


def test_a_file_that_cannot_be_read_is_a_400_naming_it_and_nothing_is_saved(
    runner: User, her: Client
) -> None:
    ride = walk_run_fit(this_morning(), STAGE_ONE, sport="cycling")
    body = is_error(post_file(her, "ride.fit", ride), 400)
    assert body["detail"].startswith("ride.fit: ")
    assert "cycling" in body["detail"]
    assert body["errors"][0]["field"] == "sport"
    assert not Event.objects.filter(programme__owner=runner).exists()


def test_no_file_is_a_400_saying_so(her: Client) -> None:
    body = is_error(her.post("/api/v1/me/activities", {}), 400)
    assert "file" in body["detail"]


def test_a_read_only_token_cannot_bring_a_file_in(runner: User) -> None:
    response = post_file(api_as(runner, "read"), "morning.fit", fit())
    is_error(response, 403)
    assert not Event.objects.filter(programme__owner=runner).exists()
