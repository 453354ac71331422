"""A practice through the API: an invitation code, the caseload with its flags, a client's
page, actions for her (once per key), notes and messages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from strideback.accounts.models import User
from strideback.practice.models import AccessEntry, ClinicalNote, Message
from strideback.programmes.models import Event
from tests.api.conftest import RUNNER_NOTE, api_as, is_error, send
from tests.web.conftest import log, make_user, share_with, start


@pytest.fixture
def client_of(runner: User, physio: Any) -> User:
    """The runner, sharing with the physio's practice, with a session logged."""
    share_with(runner, physio.practice)
    log(runner, runner.programmes.get(), note=RUNNER_NOTE)
    return runner


def test_a_code_to_read_out_and_the_runner_shares_with_it(
    physio_api: Client, her: Client, runner: User
) -> None:
    made = send(physio_api, "POST", "/practice/invitations", {})
    assert made.status_code == 201
    code = made.json()["code"]
    assert made.json()["expires_at"]
    again = send(physio_api, "POST", "/practice/invitations", {})
    assert again.status_code == 200
    assert again.json()["code"] == code
    assert send(her, "POST", "/me/shares", {"code": code}).status_code == 201
    listed = send(physio_api, "GET", "/practice/clients").json()["items"]
    assert [c["email"] for c in listed] == [runner.email]


def test_an_invitation_by_email_is_mailed(physio_api: Client) -> None:
    made = send(physio_api, "POST", "/practice/invitations", {"email": "new@example.com"})
    assert made.status_code == 201
    assert made.json()["email"] == "new@example.com"
    assert mail.outbox[-1].to == ["new@example.com"]
    bad = send(physio_api, "POST", "/practice/invitations", {"email": "not an address"})
    assert is_error(bad, 400)["errors"][0]["field"] == "email"


def test_the_caseload_lists_who_needs_attention_first_with_flags(
    physio_api: Client, physio: Any, client_of: User
) -> None:
    leaking = make_user("leaking@example.com")
    log(leaking, start(leaking), pelvic_floor_symptoms=["leaking"])
    share_with(leaking, physio.practice)
    body = send(physio_api, "GET", "/practice/clients").json()
    assert [c["email"] for c in body["items"]] == [leaking.email, client_of.email]
    flags = body["items"][0]["flags"]
    assert flags[0]["code"] == "pelvic_floor"
    assert "leaking" in flags[0]["words"].lower()
    assert body["next"] is None
    only = send(physio_api, "GET", "/practice/clients?flag=pelvic_floor").json()["items"]
    assert [c["id"] for c in only] == [leaking.pk]
    bad = is_error(send(physio_api, "GET", "/practice/clients?flag=bored"), 400)
    assert bad["errors"][0]["field"] == "flag"


def test_the_caseload_in_pages(physio_api: Client, physio: Any) -> None:
    for n in range(5):
        share_with(make_user(f"client{n}@example.com"), physio.practice)
    page = send(physio_api, "GET", "/practice/clients?limit=2").json()
    seen = [c["id"] for c in page["items"]]
    while page["next"]:
        page = send(physio_api, "GET", f"/practice/clients?limit=2&cursor={page['next']}").json()
        seen += [c["id"] for c in page["items"]]
    assert len(seen) == len(set(seen)) == 5
    is_error(send(physio_api, "GET", "/practice/clients?cursor=WyJ4Il0"), 400)


def test_her_page_for_the_practice(physio_api: Client, client_of: User) -> None:
    response = send(physio_api, "GET", f"/practice/clients/{client_of.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["client"]["email"] == client_of.email
    assert body["verdict"]["status"] == "ready"
    assert body["entries"][0]["data"]["note"] == RUNNER_NOTE
    assert body["intakes"][0]["version"] == 1
    assert body["progress"]["charts"]
    assert AccessEntry.objects.filter(runner=client_of, action="client_page").exists()


def test_an_action_is_recorded_once_per_key_and_said_to_her(
    physio_api: Client, client_of: User
) -> None:
    path = f"/practice/clients/{client_of.pk}/actions/hold"
    key = {"Idempotency-Key": "hold-1"}
    first = send(physio_api, "POST", path, {"reason": "Let the knee settle"}, **key)
    assert first.status_code == 201
    assert "Anna Lee" in first.json()["said_to_her"]
    again = send(physio_api, "POST", path, {"reason": "Let the knee settle"}, **key)
    assert again.status_code == 200
    assert again.json() == first.json()
    assert Event.objects.filter(programme__owner=client_of, type="hold").count() == 1
    verdict = send(api_as(client_of), "GET", "/me/verdict").json()
    assert verdict["hold"]["reason"] == "Let the knee settle"


@pytest.mark.parametrize(
    ("kind", "body", "field"),
    [
        ("hold", {}, "reason"),
        ("stage", {"direction": "sideways", "reason": "x"}, "direction"),
        ("swap", {"exercise": "step_up", "with": "moonwalk"}, "with"),
        ("dose", {"exercise": "step_up"}, ""),
        ("retest_due", {"on": "next week"}, "on"),
        ("baseline", {"symptoms": ["sneezing"]}, "symptoms"),
        ("clearance", {}, "confirm"),
    ],
)
def test_a_bad_action_names_the_field_and_records_nothing(
    physio_api: Client, client_of: User, kind: str, body: dict[str, Any], field: str
) -> None:
    before = Event.objects.filter(programme__owner=client_of).count()
    response = send(physio_api, "POST", f"/practice/clients/{client_of.pk}/actions/{kind}", body)
    assert field in [e["field"] for e in is_error(response, 400)["errors"]]
    assert Event.objects.filter(programme__owner=client_of).count() == before


def test_an_action_that_is_not_one_is_404(physio_api: Client, client_of: User) -> None:
    path = f"/practice/clients/{client_of.pk}/actions/discharge"
    assert "No such action" in is_error(send(physio_api, "POST", path, {}), 404)["detail"]


def test_the_core_refuses_what_the_rules_forbid(physio_api: Client, client_of: User) -> None:
    """A client before 12 weeks cannot be moved up a stage: the plan refuses, with why."""
    early = make_user("early@example.com")
    start(early, weeks=8)
    share_with(early, client_of.shares.get().practice)  # type: ignore[attr-defined]
    response = send(
        physio_api,
        "POST",
        f"/practice/clients/{early.pk}/actions/stage",
        {"direction": "advance", "reason": "She feels strong"},
    )
    assert response.status_code == 201
    assert Event.objects.filter(programme__owner=early, type="stage").count() == 1
    assert "not made" in response.json()["said_to_her"]


def test_notes_and_messages(physio_api: Client, client_of: User) -> None:
    note = send(physio_api, "POST", f"/practice/clients/{client_of.pk}/notes", {"text": "Seen"})
    assert note.status_code == 201
    assert ClinicalNote.objects.get().text == "Seen"
    message = send(
        physio_api, "POST", f"/practice/clients/{client_of.pk}/messages", {"text": "Well done"}
    )
    assert message.status_code == 201
    assert message.json()["from_practice"] is True
    assert Message.objects.get().text == "Well done"
    for what in ("notes", "messages"):
        empty = send(physio_api, "POST", f"/practice/clients/{client_of.pk}/{what}", {"text": " "})
        assert is_error(empty, 400)["errors"][0]["field"] == "text"
