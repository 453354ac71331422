"""Who may use each API operation, over every operation in the schema.

``OPERATIONS`` lists every operation, one line each; a test fails when the schema has one the
table does not list. A visitor gets 401 everywhere and changes nothing; another runner gets
404 for the first runner's entry or share and never sees her data; a professional without
the client's consent (never shared, shared and revoked, another practice) gets 404 for the
client and changes nothing; a runner gets 403 on the practice's operations; a coach cannot
lift a referral; a professional on the web session needs two-factor sign-in."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.api.api import api
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS
from strideback.practice.models import AccessEntry, Practice, Share
from strideback.programmes.models import Event
from tests.api.conftest import RUNNER_NOTE, api_as, is_error, send
from tests.support.watchfiles import walk_run_fit
from tests.web.conftest import answers, log, make_professional, make_user, share_with, start
from tests.web.test_access import records_of, row_counts
from tests.web.test_watch_import import STAGE_ONE, this_morning, upload


@dataclass(frozen=True)
class Op:
    """An operation: method and path as the schema names it (``{entry_id}``: the first
    runner's logged session; ``{share_id}``: her share; ``{runner_id}``: her account;
    ``{kind}``: an action), and a body that would succeed."""

    method: str
    path: str
    body: Any = None
    practice: bool = False
    kind: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.method} {self.path} {self.kind}".strip()


LOG = {"completed": "all", "rpe": 4, "pain": 0}
RETEST = {
    "tests": {
        "load_impact": dict.fromkeys(LOAD_IMPACT_TESTS, "pass"),
        "strength": dict.fromkeys(STRENGTH_TESTS, 20),
    }
}
ACTIONS: dict[str, dict[str, Any]] = {
    "clearance": {"confirm": True, "note": "Pelvic floor fine"},
    "hold": {"reason": "Let the knee settle"},
    "release": {"reason": "Knee settled"},
    "stage": {"direction": "back", "reason": "Too much too soon"},
    "dose": {"exercise": "step_up", "sets": 2},
    "swap": {"exercise": "step_up", "with": "double_leg_bridge"},
    "add": {"exercise": "fire_hydrant", "session": "strength"},
    "retest_due": {"on": "2030-01-01"},
    "retest": RETEST,
    "baseline": {"symptoms": [], "note": "All fine"},
}

UPLOAD = "a FIT file of a walk-run done this morning"  # sent as the multipart field ``file``

ME = [
    Op("GET", "/me/intake"),
    Op("PUT", "/me/intake", answers(14)),
    Op("GET", "/me/verdict"),
    Op("GET", "/me/plan"),
    Op("GET", "/me/today"),
    Op("GET", "/me/progress"),
    Op("GET", "/me/export"),
    Op("GET", "/me/logs"),
    Op("POST", "/me/logs", {**LOG, "early": True}),
    Op("PATCH", "/me/logs/{entry_id}", {"pain": 2}),
    Op("PUT", "/me/logs/{entry_id}", {**LOG, "pain": 1}),
    Op("POST", "/me/retests", RETEST),
    Op("POST", "/me/pause", {"why": "holiday"}),
    Op("POST", "/me/resume"),
    Op("POST", "/me/clearance", {"by": "Sam Lee", "date": "{today}", "confirm": True}),
    Op("POST", "/me/activities", UPLOAD),
    Op("POST", "/me/activities/{entry_id}/answers", {"pain": 0, "rpe": 4}),
    Op("GET", "/me/shares"),
    Op("POST", "/me/shares", {"code": "{code}"}),
    Op("DELETE", "/me/shares/{share_id}"),
]
PRACTICE = [
    Op("POST", "/practice/invitations", {}, practice=True),
    Op("GET", "/practice/clients", practice=True),
    Op("GET", "/practice/clients/{runner_id}", practice=True),
    *[
        Op("POST", "/practice/clients/{runner_id}/actions/{kind}", body, practice=True, kind=kind)
        for kind, body in ACTIONS.items()
    ],
    Op("POST", "/practice/clients/{runner_id}/notes", {"text": "Seen today"}, practice=True),
    Op("POST", "/practice/clients/{runner_id}/messages", {"text": "Well done"}, practice=True),
]
OPERATIONS = ME + PRACTICE
OF_A_CLIENT = [op for op in PRACTICE if "{runner_id}" in op.path]


@dataclass
class World:
    runner: User  # shares with the physio's practice; has a logged session
    entry: Event
    share: Share
    other: User  # another runner, with her own programme and entry
    physio: Any  # membership, two-factor set up
    elsewhere: Any  # a physio of another practice
    practice_code: str


@pytest.fixture
def world(db: None) -> World:
    runner = make_user("runner@example.com")
    programme = start(runner)
    entry = log(runner, programme, note=RUNNER_NOTE, pain_where="left hip")
    other = make_user("other@example.com")
    log(other, start(other), note="Windy loop round the allotments")
    physio = make_professional("anna@clinic.example")
    elsewhere = make_professional("bea@elsewhere.example", name=("Bea", "Ford"))
    share = share_with(runner, physio.practice)
    return World(runner, entry, share, other, physio, elsewhere, physio.practice.code)


def fill(text: str, world: World, kind: str = "") -> str:
    return (
        text.replace("{entry_id}", world.entry.public_id)
        .replace("{share_id}", str(world.share.pk))
        .replace("{runner_id}", str(world.runner.pk))
        .replace("{kind}", kind)
        .replace("{today}", timezone.localdate().isoformat())
        .replace("{code}", world.practice_code)
    )


def call(client: Client, op: Op, world: World, **headers: str) -> Any:
    if op.body == UPLOAD:
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        fit = walk_run_fit(this_morning(), STAGE_ONE)
        return client.post("/api/v1/me/activities", {"file": upload("run.fit", fit)}, **extra)
    body = json.loads(fill(json.dumps(op.body), world)) if op.body is not None else None
    return send(client, op.method, fill(op.path, world, op.kind), body, **headers)


# --- The table covers the API ------------------------------------------------------------


def test_every_operation_in_the_schema_is_in_the_table() -> None:
    schema = api.get_openapi_schema()
    in_schema = {
        (method.upper(), path.removeprefix("/api/v1"))
        for path, methods in schema["paths"].items()
        for method in methods
    }
    in_table = {(op.method, op.path) for op in OPERATIONS}
    assert in_schema - in_table == set(), "add these operations to OPERATIONS"
    assert in_table - in_schema == set(), "these operations are no longer in the schema"


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.id)
def test_each_operation_works_for_the_one_it_is_for(op: Op, world: World) -> None:
    """The baseline the refusals below are measured against."""
    client = api_as(world.physio.user if op.practice else world.runner)
    if op.kind == "release":
        call(client, Op("POST", op.path, ACTIONS["hold"], kind="hold"), world)
    if op.path == "/me/resume":
        call(client, Op("POST", "/me/pause", {}), world)
    if op.path == "/me/shares":  # a practice she does not share with yet
        world.practice_code = world.elsewhere.practice.code
    if op.method == "POST" and op.path in ("/me/logs", "/me/activities/{entry_id}/answers"):
        # Her session today is logged already: another runner's, still to do.
        client = api_as(make_user("fresh@example.com"))
        start(User.objects.get(email="fresh@example.com"))
    if op.path.endswith("/answers"):  # a run her watch has brought in, not yet answered
        made = call(client, Op("POST", "/me/activities", UPLOAD), world).json()
        op = Op("POST", f"/me/activities/{made['log']['id']}/answers", op.body)
    response = call(client, op, world)
    assert response.status_code in (200, 201, 204), response.content[:500]


# --- A visitor ---------------------------------------------------------------------------


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.id)
def test_a_visitor_gets_401_and_changes_nothing(op: Op, world: World) -> None:
    before = row_counts()
    response = call(Client(), op, world)
    body = is_error(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert RUNNER_NOTE not in json.dumps(body)
    assert row_counts() == before


@pytest.mark.parametrize("token", ["", "sb_madeup", "not-even-ours", "sb_" + "x" * 43])
def test_a_token_that_is_no_ones_gets_401(token: str, world: World) -> None:
    response = send(Client(HTTP_AUTHORIZATION=f"Bearer {token}"), "GET", "/me/logs")
    is_error(response, 401)


# --- Another runner ----------------------------------------------------------------------


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.id)
def test_another_runner_never_sees_or_changes_the_first_runners_data(op: Op, world: World) -> None:
    theirs = records_of(world.runner)
    response = call(api_as(world.other), op, world)
    text = response.content.decode()
    assert RUNNER_NOTE not in text
    assert "left hip" not in text
    assert world.entry.public_id not in text
    assert world.runner.email not in text
    assert records_of(world.runner) == theirs
    if "{entry_id}" in op.path or "{share_id}" in op.path:
        is_error(response, 404)
    if op.practice:
        is_error(response, 403)  # she is no professional
    assert Share.objects.get(pk=world.share.pk).revoked_at is None


# --- Professionals without her consent -----------------------------------------------------


@pytest.mark.parametrize("op", OF_A_CLIENT, ids=lambda op: op.id)
@pytest.mark.parametrize("why", ["never_shared", "revoked", "other_practice"])
def test_a_professional_without_her_consent_gets_404_and_changes_nothing(
    op: Op, why: str, world: World
) -> None:
    professional = world.physio
    if why == "never_shared":
        Share.objects.filter(pk=world.share.pk).delete()
    elif why == "revoked":
        send(api_as(world.runner), "DELETE", f"/me/shares/{world.share.pk}")
    else:
        professional = world.elsewhere
    theirs = records_of(world.runner)
    logged = AccessEntry.objects.filter(runner=world.runner).count()
    response = call(api_as(professional.user), op, world)
    body = is_error(response, 404)
    assert world.runner.email not in json.dumps(body)
    assert records_of(world.runner) == theirs
    assert AccessEntry.objects.filter(runner=world.runner).count() == logged


def test_a_made_up_client_is_the_same_404_as_a_real_one_without_consent(world: World) -> None:
    client = api_as(world.elsewhere.user)
    real = send(client, "GET", f"/practice/clients/{world.runner.pk}")
    made_up = send(client, "GET", "/practice/clients/999999")
    assert real.status_code == made_up.status_code == 404
    assert real.json() == made_up.json()


def test_the_caseload_of_another_practice_does_not_list_her(world: World) -> None:
    response = send(api_as(world.elsewhere.user), "GET", "/practice/clients")
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize("op", PRACTICE, ids=lambda op: op.id)
def test_a_professional_on_the_web_session_needs_two_factor_sign_in(op: Op, world: World) -> None:
    no_mfa = make_professional("cara@clinic.example", world.physio.practice, two_factor=False)
    client = Client()
    client.force_login(no_mfa.user)
    before = row_counts()
    body = is_error(call(client, op, world), 403)
    assert "two-factor" in body["detail"]
    assert row_counts() == before


@pytest.mark.parametrize("op", PRACTICE[:3], ids=lambda op: op.id)
def test_an_operators_token_works_without_two_factor_and_each_use_is_logged(
    op: Op, world: World
) -> None:
    no_mfa = make_professional("cara@clinic.example", world.physio.practice, two_factor=False)
    client = api_as(no_mfa.user, by_operator=True)
    assert call(client, op, world).status_code in (200, 201)
    used = AccessEntry.objects.filter(actor=no_mfa.user, action="api_operator_token")
    assert used.count() == 1
    assert op.method in used.get().detail


def test_a_coach_cannot_lift_a_referral(db: None) -> None:
    referred = make_user("referred@example.com")
    start(referred, symptoms=["urinary_leakage"])
    coach = make_professional(
        "coach@club.example", role="coach", profession="running_coach", name=("Cat", "Ng")
    )
    share_with(referred, coach.practice)
    response = send(
        api_as(coach.user),
        "POST",
        f"/practice/clients/{referred.pk}/actions/clearance",
        {"confirm": True},
    )
    body = is_error(response, 400)
    assert "Only a physiotherapist can lift a referral" in body["detail"]
    assert not Event.objects.filter(programme__owner=referred, type="clearance").exists()


def test_the_practices_own_code_shares_with_that_practice_only(world: World) -> None:
    response = send(api_as(world.other), "POST", "/me/shares", {"code": world.practice_code})
    assert response.status_code == 201
    assert Share.objects.filter(runner=world.other, practice=world.physio.practice).exists()
    assert not Share.objects.filter(runner=world.other, practice=world.elsewhere.practice).exists()
    assert Practice.objects.count() == 2
