"""Her programme through the API: each route's answer and its refusals, the same request
twice, and her export replayed by the command line."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from typer.testing import CliRunner

from strideback.accounts.models import User
from strideback.cli import app
from strideback.practice.models import Practice, Share
from strideback.programmes.models import Event, IntakeVersion
from tests.api.conftest import RUNNER_NOTE, api_as, is_error, send
from tests.web.conftest import answers, log, make_user, start, today

LOG = {"completed": "all", "rpe": 4, "pain": 0}


def entries_of(user: User) -> int:
    return Event.objects.filter(programme__owner=user).count()


# --- Answers, verdict, plan, today, progress -------------------------------------------------


def test_her_answers_and_every_version(her: Client, runner: User) -> None:
    body = send(her, "GET", "/me/intake").json()
    assert body["version"] == 1
    assert [v["version"] for v in body["versions"]] == [1]
    changed = answers(14, training_days=["mon", "wed", "fri", "sat"])
    response = send(her, "PUT", "/me/intake", changed)
    assert response.status_code == 200
    assert response.json()["version"] == 2
    again = send(her, "PUT", "/me/intake", changed)  # the same answers: no new version
    assert again.json()["version"] == 2
    listed = send(her, "GET", "/me/intake").json()
    assert [v["version"] for v in listed["versions"]] == [2, 1]
    assert listed["answers"]["training_days"] == ["mon", "wed", "fri", "sat"]


def test_bad_answers_name_the_field_and_save_nothing(her: Client, runner: User) -> None:
    body = is_error(send(her, "PUT", "/me/intake", {"birth_date": "soon", "colour": "red"}), 400)
    fields = {e["field"] for e in body["errors"]}
    assert {"birth_date", "colour"} <= fields
    assert IntakeVersion.objects.filter(owner=runner).count() == 1


def test_answers_without_the_symptom_never_lift_a_referral(db: None) -> None:
    referred = make_user("referred@example.com")
    start(referred, symptoms=["urinary_leakage"])
    client = api_as(referred)
    assert send(client, "GET", "/me/verdict").json()["verdict"]["status"] == "refer"
    assert send(client, "PUT", "/me/intake", answers(14)).status_code == 200
    verdict = send(client, "GET", "/me/verdict").json()
    assert verdict["verdict"]["status"] == "refer"
    assert verdict["referral"] is not None


def test_a_runner_without_a_programme_is_told_to_answer_first(db: None) -> None:
    client = api_as(make_user("new@example.com"))
    for path in ["/me/verdict", "/me/plan", "/me/today", "/me/logs", "/me/intake"]:
        assert "answer" in is_error(send(client, "GET", path), 404)["detail"]
    assert send(client, "PUT", "/me/intake", answers(14)).status_code == 200
    assert send(client, "GET", "/me/verdict").status_code == 200


def test_the_verdict_says_why(her: Client) -> None:
    body = send(her, "GET", "/me/verdict").json()
    assert body["verdict"]["status"] == "ready"
    assert body["verdict"]["reasons"]
    assert body["readiness"]["status"] == "ready"
    assert "medical advice" in body["disclaimer"]


def test_the_plan_is_the_next_four_weeks_by_default_with_each_prescription(her: Client) -> None:
    body = send(her, "GET", "/me/plan?limit=100").json()
    days = [item["date"] for item in body["items"]]
    assert days == sorted(days)
    assert days[0] >= today().isoformat()
    assert days[-1] <= (today() + timedelta(days=27)).isoformat()
    assert any(item["intervals"] for item in body["items"])
    assert any(item["items"] for item in body["items"])


def test_the_plan_between_two_days_in_pages(her: Client) -> None:
    first, last = today() + timedelta(days=7), today() + timedelta(days=20)
    path = f"/me/plan?from={first}&to={last}&limit=2"
    page = send(her, "GET", path).json()
    seen = list(page["items"])
    while page["next"]:
        page = send(her, "GET", f"{path}&cursor={page['next']}").json()
        seen += page["items"]
    whole = send(her, "GET", f"/me/plan?from={first}&to={last}&limit=100").json()["items"]
    assert seen == whole
    assert all(first.isoformat() <= s["date"] <= last.isoformat() for s in seen)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=yesterday", "from"),
        ("to=2026-02-30", "to"),
        ("from=2030-01-10&to=2030-01-01", "to"),
        ("from=2030-01-01&to=2032-01-01", "to"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=WzEsMl0", "cursor"),
    ],
)
def test_a_bad_query_names_the_field(her: Client, query: str, field: str) -> None:
    body = is_error(send(her, "GET", f"/me/plan?{query}"), 400)
    assert [e["field"] for e in body["errors"]] == [field]


def test_today_and_progress(her: Client, runner: User) -> None:
    body = send(her, "GET", "/me/today").json()
    assert body["today"] == today().isoformat()
    assert body["session"]["kind"] == "walk_run"
    assert body["verdict"]["status"] == "ready"
    progress = send(her, "GET", "/me/progress").json()
    assert progress["lead"].startswith("Week 1")
    assert {c["key"] for c in progress["charts"]}
    assert all(isinstance(c["rows"], list) for c in progress["charts"])


# --- Logging ---------------------------------------------------------------------------------


def test_a_log_is_saved_once_per_idempotency_key(her: Client, runner: User) -> None:
    first = send(her, "POST", "/me/logs", {**LOG, "note": RUNNER_NOTE}, **{"Idempotency-Key": "k1"})
    assert first.status_code == 201
    again = send(her, "POST", "/me/logs", {**LOG, "note": RUNNER_NOTE}, **{"Idempotency-Key": "k1"})
    assert again.status_code == 200
    assert again.json() == first.json()
    assert entries_of(runner) == 1
    entry = first.json()
    assert entry["type"] == "session"
    assert entry["data"]["kind"] == "walk_run"
    assert entry["data"]["note"] == RUNNER_NOTE


def test_a_uuid_key_is_the_forms_client_key(her: Client, runner: User) -> None:
    key = "6f1c8a52-3d7e-4b1a-9c55-0e2f4a6b8d10"
    send(her, "POST", "/me/logs", LOG, **{"Idempotency-Key": key})
    assert str(Event.objects.get(programme__owner=runner).client_key) == key


def test_a_second_log_of_the_same_session_answers_the_first(her: Client, runner: User) -> None:
    first = send(her, "POST", "/me/logs", LOG)
    second = send(her, "POST", "/me/logs", {**LOG, "pain": 2})
    assert first.status_code == 201
    assert second.status_code == 400  # nothing left to log today: the page says the same
    assert "no session to log" in second.json()["detail"].lower()
    assert entries_of(runner) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"completed": "most", "pain": 0}, "completed"),
        ({"completed": "all", "pain": 11}, "pain"),
        ({"completed": "all"}, "pain"),
        ({"completed": "all", "pain": 0, "rpe": -1}, "rpe"),
        (
            {"completed": "all", "pain": 0, "pelvic_floor_symptoms": ["sneezing"]},
            "pelvic_floor_symptoms",
        ),
        ({"completed": "all", "pain": 0, "ran_minutes": 601}, "ran_minutes"),
        ({"completed": "all", "pain": 0, "note": "x" * 1001}, "note"),
        ({"completed": "all", "pain": 0, "mood": "good"}, "mood"),
        ({"completed": "all", "pain": 0, "date": "2026-13-01"}, "date"),
    ],
)
def test_a_bad_log_names_the_field_and_saves_nothing(
    her: Client, runner: User, body: dict[str, Any], field: str
) -> None:
    response = is_error(send(her, "POST", "/me/logs", body), 400)
    assert field in [e["field"] for e in response["errors"]]
    assert entries_of(runner) == 0


def test_a_log_for_a_day_to_come_or_too_long_ago_is_refused(her: Client, runner: User) -> None:
    tomorrow = (today() + timedelta(days=1)).isoformat()
    body = is_error(send(her, "POST", "/me/logs", {**LOG, "date": tomorrow}), 400)
    assert body["errors"][0]["field"] == "date"
    assert "has not come yet" in body["detail"]
    assert entries_of(runner) == 0


def test_a_body_that_is_not_json_is_a_400(her: Client) -> None:
    response = her.post("/api/v1/me/logs", "completed=all", content_type="text/plain")
    is_error(response, 400)
    form = her.post("/api/v1/me/logs", {"completed": "all", "pain": "0"})  # a form body
    assert "JSON" in is_error(form, 400)["detail"]


def test_her_entries_newest_first_in_pages(her: Client, runner: User) -> None:
    programme = runner.programmes.get()
    start_day = today()
    send(her, "POST", "/me/pause", {"why": "holiday"})
    send(her, "POST", "/me/resume")
    log(runner, programme, note=RUNNER_NOTE)
    assert start_day == today()
    page = send(her, "GET", "/me/logs?limit=2").json()
    assert [e["type"] for e in page["items"]] == ["session", "resume"]
    assert page["items"][0]["editable"] is True
    assert page["items"][0]["decisions"]
    rest = send(her, "GET", f"/me/logs?limit=2&cursor={page['next']}").json()
    assert [e["type"] for e in rest["items"]] == ["pause"]
    assert rest["next"] is None


# --- Changing an entry -------------------------------------------------------------------------


def test_patch_changes_the_fields_given_as_a_new_entry(her: Client, runner: User) -> None:
    entry = log(runner, runner.programmes.get(), note=RUNNER_NOTE)
    response = send(her, "PATCH", f"/me/logs/{entry.public_id}", {"pain": 3})
    assert response.status_code == 200
    edited = response.json()
    assert edited["replaces"] == entry.public_id
    assert edited["data"]["pain"] == 3
    assert edited["data"]["note"] == RUNNER_NOTE  # kept
    again = send(her, "PATCH", f"/me/logs/{entry.public_id}", {"pain": 4})
    assert "already been changed" in is_error(again, 400)["detail"]


def test_put_gives_the_whole_entry(her: Client, runner: User) -> None:
    entry = log(runner, runner.programmes.get(), note=RUNNER_NOTE)
    response = send(her, "PUT", f"/me/logs/{entry.public_id}", {**LOG, "pain": 1})
    assert response.status_code == 200
    assert "note" not in response.json()["data"]
    missing = send(her, "PUT", f"/me/logs/{response.json()['id']}", {"completed": "all"})
    assert is_error(missing, 400)["errors"][0]["field"] == "pain"


def test_after_48_hours_an_entry_cannot_be_changed(her: Client, runner: User) -> None:
    entry = log(runner, runner.programmes.get())
    Event.objects.filter(pk=entry.pk).update(
        recorded_at=timezone.now() - timedelta(hours=49),
    )
    body = is_error(send(her, "PATCH", f"/me/logs/{entry.public_id}", {"pain": 2}), 400)
    assert "48 hours" in body["detail"]


def test_a_retest_entry_is_changed_with_its_tests(her: Client, runner: User) -> None:
    made = send(
        her, "POST", "/me/retests", {"tests": {"strength": {"single_leg_bridge": 12}}}
    ).json()
    response = send(
        her,
        "PATCH",
        f"/me/logs/{made['id']}",
        {"tests": {"strength": {"single_leg_bridge": 15}}, "symptoms": []},
    )
    assert response.status_code == 200
    assert response.json()["data"]["tests"]["strength"]["single_leg_bridge"] == 15


def test_only_sessions_and_retests_are_changed(her: Client, runner: User) -> None:
    pause = send(her, "POST", "/me/pause", {}).json()
    body = is_error(send(her, "PATCH", f"/me/logs/{pause['id']}", {"pain": 1}), 400)
    assert "Only logged sessions and re-tests" in body["detail"]


# --- Re-tests, pause, resume, clearance ----------------------------------------------------------


def test_a_retest_once_a_day(her: Client, runner: User) -> None:
    body = {"tests": {"load_impact": {"hop_in_place": "pass"}}, "symptoms": []}
    assert send(her, "POST", "/me/retests", body).status_code == 201
    assert send(her, "POST", "/me/retests", body).status_code == 200
    assert Event.objects.filter(programme__owner=runner, type="retest").count() == 1


@pytest.mark.parametrize(
    ("tests", "field"),
    [
        ({}, ""),
        ({"load_impact": {"hop_in_place": "maybe"}}, "hop_in_place"),
        ({"strength": {"single_leg_bridge": 500}}, "single_leg_bridge"),
        ({"strength": {"push_ups": 5}}, "tests.push_ups"),
        ({"balance": {}}, "tests"),
    ],
)
def test_a_bad_retest_names_the_field(her: Client, tests: dict[str, Any], field: str) -> None:
    body = is_error(send(her, "POST", "/me/retests", {"tests": tests}), 400)
    assert field in [e["field"] for e in body["errors"]]


def test_pause_and_resume(her: Client, runner: User) -> None:
    assert send(her, "POST", "/me/resume").status_code == 400  # not paused
    paused = send(her, "POST", "/me/pause", {"why": "holiday", "detail": "Back on the 20th"})
    assert paused.status_code == 201
    assert "holiday" in paused.json()["data"]["reason"].lower()
    assert send(her, "GET", "/me/verdict").json()["verdict"]["status"] == "paused"
    assert "paused since" in is_error(send(her, "POST", "/me/pause", {}), 400)["detail"]
    assert send(her, "POST", "/me/resume").status_code == 201
    assert send(her, "POST", "/me/pause", {"why": "boredom"}).status_code == 400


def test_clearance_lifts_a_referral(db: None) -> None:
    referred = make_user("referred@example.com")
    start(referred, symptoms=["urinary_leakage"])
    client = api_as(referred)
    body = {"by": "Sam Lee, physio", "date": today().isoformat(), "confirm": True}
    missing = is_error(send(client, "POST", "/me/clearance", {**body, "confirm": False}), 400)
    assert missing["errors"][0]["field"] == "confirm"
    old = (today() - timedelta(days=91)).isoformat()
    assert is_error(send(client, "POST", "/me/clearance", {**body, "date": old}), 400)
    assert send(client, "POST", "/me/clearance", body).status_code == 201
    assert send(client, "GET", "/me/verdict").json()["referral"] is None


# --- Sharing ---------------------------------------------------------------------------------


def test_sharing_with_a_practice_and_ending_it(her: Client, runner: User) -> None:
    practice = Practice.objects.create(name="Pelvic Rehab", country="United Kingdom")
    made = send(her, "POST", "/me/shares", {"code": practice.code.lower()})
    assert made.status_code == 201
    assert made.json()["practice"] == "Pelvic Rehab"
    assert send(her, "POST", "/me/shares", {"code": practice.code}).status_code == 200
    listed = send(her, "GET", "/me/shares").json()
    assert [s["id"] for s in listed["items"]] == [made.json()["id"]]
    assert send(her, "DELETE", f"/me/shares/{made.json()['id']}").status_code == 204
    assert send(her, "DELETE", f"/me/shares/{made.json()['id']}").status_code == 204
    assert send(her, "GET", "/me/shares").json()["items"] == []
    assert Share.objects.get().revoked_at is not None


def test_a_code_that_is_no_ones(her: Client) -> None:
    assert (
        "No invitation"
        in is_error(send(her, "POST", "/me/shares", {"code": "ZZZZZZ"}), 404)["detail"]
    )
    assert is_error(send(her, "POST", "/me/shares", {"code": ""}), 400)["errors"][0]["field"] == (
        "code"
    )


# --- Her export replays on the command line ------------------------------------------------------


def test_her_export_replays_with_the_command_line_to_the_same_plan(
    her: Client, runner: User, tmp_path: Path
) -> None:
    programme = runner.programmes.get()
    entry = log(runner, programme, pain=5, pain_where="left knee", rpe=7)
    send(her, "PATCH", f"/me/logs/{entry.public_id}", {"pain": 6})
    send(her, "POST", "/me/pause", {"why": "illness"})
    exported = send(her, "GET", "/me/export").json()
    assert exported["programmes"][0]["entries"]
    (tmp_path / "export.json").write_text(json.dumps(exported))
    first = exported["intakes"][programme.intake.version - 1]["answers"]
    (tmp_path / "intake.json").write_text(json.dumps(first))
    result = CliRunner().invoke(
        app,
        [
            "plan",
            str(tmp_path / "intake.json"),
            "--events",
            str(tmp_path / "export.json"),
            "--today",
            today().isoformat(),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    replayed = json.loads(result.stdout)
    verdict = send(her, "GET", "/me/verdict").json()
    assert replayed["verdict"] == verdict["verdict"]
    assert replayed["verdict"]["status"] == "paused"
    plan = send(her, "GET", "/me/plan?limit=100").json()["items"]
    mine = [(s["date"], s["kind"], s["title"]) for s in plan]
    theirs = [
        (s["date"], s["kind"], s["title"])
        for s in replayed["sessions"]
        if plan and plan[0]["date"] <= s["date"] <= plan[-1]["date"]
    ]
    assert mine == theirs


def test_the_command_line_says_when_an_export_holds_no_programme(tmp_path: Path) -> None:
    (tmp_path / "export.json").write_text(json.dumps({"programmes": []}))
    (tmp_path / "intake.json").write_text(json.dumps({"birth_date": "2026-01-01"}))
    result = CliRunner().invoke(
        app, ["plan", str(tmp_path / "intake.json"), "--events", str(tmp_path / "export.json")]
    )
    assert result.exit_code == 2
    assert "holds no programme" in result.output


def test_with_a_token_her_today_follows_her_time_zone(her: Client, runner: User) -> None:
    from zoneinfo import ZoneInfo

    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):  # UTC+14 and UTC-11
        User.objects.filter(pk=runner.pk).update(time_zone=zone)
        body = send(her, "GET", "/me/today").json()
        assert body["today"] == timezone.now().astimezone(ZoneInfo(zone)).date().isoformat()
    # A request without a zone (a visitor's) is back on the server's day.
    assert Client().get("/healthz").status_code == 200
    assert timezone.get_current_timezone_name() == timezone.get_default_timezone_name()
