"""Who may use each practice page: the permission matrix.

``ROUTES`` lists every ``practice:`` page and action, one line each, and the tests run each
line for: a visitor, a runner who is no one's client, a professional of another practice,
a colleague in the same practice, the practice after the client ended its access, a
professional without two-factor sign-in, and each role. A test fails when the urlconf names
a ``practice:`` page the table does not list.

To add your page: add a line to ``ROUTES`` with its URL name, method, path and form data.
In the path, ``{client}`` is the id of the practice's client (Jo), ``{member}`` the
coach's membership, ``{share}`` Jo's share and ``{code}`` an open client invitation. Give
its ``kind``:

- ``"client"``: it reads or changes one client's data: 404 for anyone outside the
  practice and after she ended the practice's access; the response never shows another
  practice's client;
- ``"owner"``: only the owner may use it (403 with a readable page for the others);
  ``"owner_client"`` for an owner-only page about one client;
- ``"practice"``: any member may use it;
- ``"runner"``: a runner's own page (sharing, claiming); the professional tests skip it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone

from strideback.accounts.models import User
from strideback.practice.exercises import author_exercise, exercise_example
from strideback.practice.models import Invitation, Membership, Share
from tests.web.conftest import log, make_professional, make_user, share_with, start
from tests.web.test_access import row_counts, url_names

CLIENTS_NOTE = "Pelvic heaviness after the hill, told Anna at clinic"
OTHER_CLIENTS_NOTE = "Other practice's client: ran by the canal"
OWNER_ONLY = "Only the practice's owner can do this."


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    path: str
    kind: str
    data: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.method} {self.path} {self.kind}"


ROUTES = [
    Route("practice:start", "GET", "/practice/start/", "practice"),
    Route("practice:home", "GET", "/practice/", "practice"),
    Route("practice:invite_client", "GET", "/practice/invite/", "practice"),
    Route("practice:invite_client", "POST", "/practice/invite/", "practice", {"email": ""}),
    Route("practice:clinic_start", "GET", "/practice/clinic-start/", "practice"),
    Route("practice:team", "GET", "/practice/team/", "practice"),
    Route(
        "practice:invite_member",
        "POST",
        "/practice/team/invite/",
        "owner",
        {"email": "", "role": "coach"},
    ),
    Route("practice:remove_member", "POST", "/practice/team/{member}/remove/", "owner"),
    Route("practice:hand_over", "POST", "/practice/team/{member}/owner/", "owner"),
    Route("practice:audit", "GET", "/practice/audit/", "owner"),
    Route(
        "practice:assign_clinician",
        "POST",
        "/practice/team/clients/{client}/clinician/",
        "owner_client",
        {"clinician": ""},
    ),
    Route(
        "practice:client_status",
        "POST",
        "/practice/team/clients/{client}/status/",
        "client",
        {"status": "discharged"},
    ),
    # The caseload's "seen", a client's page, what a professional records there, her actions.
    Route(
        "practice:flag_seen",
        "POST",
        "/practice/clients/{client}/seen/",
        "client",
        {"code": "no_log", "day": "2026-01-05"},
    ),
    Route("practice:client", "GET", "/practice/clients/{client}/", "client"),
    Route(
        "practice:client_note",
        "POST",
        "/practice/clients/{client}/notes/",
        "client",
        {"text": "Seen"},
    ),
    Route(
        "practice:client_message",
        "POST",
        "/practice/clients/{client}/messages/",
        "client",
        {"text": "How did it go?"},
    ),
    Route(
        "practice:client_score",
        "POST",
        "/practice/clients/{client}/scores/",
        "client",
        {"questionnaire": "iciq_ui_sf", "taken_on": "2026-01-05", "total": "3"},
    ),
    Route("practice:client_handout", "GET", "/practice/clients/{client}/handout/", "client"),
    Route("practice:act", "GET", "/practice/clients/{client}/act/hold/", "client"),
    Route(
        "practice:act",
        "POST",
        "/practice/clients/{client}/act/hold/",
        "client",
        {"reason": "Rest the hip"},
    ),
    Route(
        "practice:apply_template",
        "POST",
        "/practice/clients/{client}/apply-template/",
        "client",
        {"template": "caesarean_slow_return"},
    ),
    # The practice's questionnaires, exercises and templates.
    Route("practice:licences", "GET", "/practice/licences/", "practice"),
    Route(
        "practice:licences", "POST", "/practice/licences/", "owner", {"questionnaires": "pfdi_20"}
    ),
    Route("practice:exercises", "GET", "/practice/exercises/", "practice"),
    Route("practice:exercise_new", "GET", "/practice/exercises/new/", "practice"),
    Route(
        "practice:exercise_new", "POST", "/practice/exercises/new/", "practice", {"text": "id: x"}
    ),
    Route("practice:exercise", "GET", "/practice/exercises/{exercise}/", "practice"),
    Route("practice:templates", "GET", "/practice/templates/", "practice"),
    Route("practice:template_new", "GET", "/practice/templates/new/", "practice"),
    Route(
        "practice:template_new", "POST", "/practice/templates/new/", "practice", {"text": "id: x"}
    ),
    Route("practice:template", "GET", "/practice/templates/caesarean_slow_return/", "practice"),
    # The runner's side.
    Route("practice:messages", "GET", "/messages/", "runner"),
    Route("practice:reply", "POST", "/messages/{share}/reply/", "runner", {"text": "Thanks"}),
    Route("practice:lift_hold", "GET", "/plan/lift-hold/", "runner"),
    Route("practice:share_enter", "GET", "/share/", "runner"),
    Route("practice:share_offer", "GET", "/share/{code}/", "runner"),
    Route("practice:share_accept", "POST", "/share/{code}/accept/", "runner"),
    Route("practice:share_decline", "POST", "/share/{code}/decline/", "runner"),
    Route("practice:share_revoke", "GET", "/settings/sharing/{share}/end/", "runner"),
    Route("practice:claim", "GET", "/claim/{code}/", "runner"),
]
PROFESSIONAL = [pytest.param(r, id=r.id) for r in ROUTES if r.kind != "runner"]
ABOUT_A_CLIENT = [pytest.param(r, id=r.id) for r in ROUTES if "client" in r.kind]
OWNER_ONLY_ROUTES = [pytest.param(r, id=r.id) for r in ROUTES if r.kind.startswith("owner")]


@dataclass
class World:
    owner: Membership  # Anna, owner of the practice
    clinician: Membership  # Cara, her colleague
    coach: Membership  # Ben, her colleague
    client: User  # Jo, who shares with Anna's practice
    share: Share
    code: str  # an open client invitation of Anna's practice
    elsewhere: Membership  # Olga, owner of another practice
    other_client: User  # who shares with Olga's practice only


@pytest.fixture
def world(db: None) -> World:
    owner = make_professional("anna@clinic.example")
    practice = owner.practice
    clinician = make_professional(
        "cara@clinic.example", practice, role="clinician", name=("Cara", "Diaz")
    )
    coach = make_professional(
        "ben@clinic.example", practice, role="coach", profession="running_coach"
    )
    client = make_user("jo@example.com")
    log(client, start(client), note=CLIENTS_NOTE)
    share = share_with(client, practice)
    invitation = Invitation.objects.create(
        practice=practice,
        kind="client",
        created_by=owner.user,
        expires_at=share.granted_at.replace(year=share.granted_at.year + 1),
    )
    elsewhere = make_professional("olga@elsewhere.example", name=("Olga", "Berg"))
    other_client = make_user("kim@example.com")
    log(other_client, start(other_client), note=OTHER_CLIENTS_NOTE)
    share_with(other_client, elsewhere.practice)
    author_exercise(owner, exercise_example(practice), timezone.now())
    return World(owner, clinician, coach, client, share, invitation.code, elsewhere, other_client)


def fill(text: str, world: World) -> str:
    return text.format(
        client=world.client.pk,
        member=world.coach.pk,
        share=world.share.pk,
        code=world.code,
        exercise=f"p{world.owner.practice.pk}_double_leg_bridge",
    )


def signed_in(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def request(client: Client, route: Route, world: World) -> Any:
    path = fill(route.path, world)
    if route.method == "GET":
        return client.get(path)
    return client.post(path, {key: fill(value, world) for key, value in route.data.items()})


def assert_allowed(response: Any) -> None:
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code == 302:
        assert "/accounts/2fa/" not in response.url
        assert response.url != "/practice/start/" or response.request["PATH_INFO"] == (
            "/practice/start/"
        )


# --- The table covers the practice -------------------------------------------------------


def test_every_practice_url_name_is_in_the_table() -> None:
    in_urlconf = {name for name in url_names(get_resolver().url_patterns) if "practice:" in name}
    in_table = {route.name for route in ROUTES}
    assert in_urlconf - in_table == set(), "add these pages to ROUTES in test_practice_access.py"
    assert in_table - in_urlconf == set(), "these names in ROUTES are no longer in the urlconf"


# --- Outside the practice ----------------------------------------------------------------


@pytest.mark.parametrize("route", [*PROFESSIONAL, *(r for r in ROUTES if r.kind == "runner")])
def test_a_visitor_is_sent_to_sign_in_and_changes_nothing(route: Route, world: World) -> None:
    if route.name == "practice:claim":
        return  # she has no password yet: the link is the key (tests/web/practice/test_sharing)
    visitor = Client()
    before = row_counts()
    response = request(visitor, route, world)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")
    assert row_counts() == before


@pytest.mark.parametrize("route", PROFESSIONAL)
def test_a_runner_who_is_no_ones_client_sees_no_practice_data(route: Route, world: World) -> None:
    runner = signed_in(make_user("nobody@example.com"))
    before = row_counts()
    response = request(runner, route, world)
    if route.name == "practice:start":
        assert "Set up as a professional" in response.text
    else:
        assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert response.url == "/practice/start/"
    assert world.client.email not in response.text
    assert row_counts() == before


@pytest.mark.parametrize("route", PROFESSIONAL)
def test_a_professional_of_another_practice_never_reads_or_changes_this_practices_clients(
    route: Route, world: World
) -> None:
    olga = signed_in(world.elsewhere.user)
    before = row_counts()
    share = Share.objects.values().get(pk=world.share.pk)
    response = request(olga, route, world)
    if any(key in route.path for key in ("{client}", "{member}", "{exercise}")):
        assert response.status_code == 404
        assert row_counts() == before
    for private in (world.client.email, CLIENTS_NOTE, world.coach.user.email):
        assert private not in response.text
    assert Share.objects.values().get(pk=world.share.pk) == share
    assert world.coach.user.memberships.get().removed_at is None
    assert Membership.objects.get(pk=world.owner.pk).role == "owner"


@pytest.mark.parametrize("route", ABOUT_A_CLIENT)
def test_after_she_ends_the_practices_access_its_members_get_not_found(
    route: Route, world: World
) -> None:
    signed_in(world.client).post(f"/settings/sharing/{world.share.pk}/end/")
    anna = signed_in(world.owner.user)
    before = row_counts()
    response = request(anna, route, world)
    assert response.status_code == 404
    assert CLIENTS_NOTE not in response.text
    assert row_counts() == before


@pytest.mark.parametrize("route", PROFESSIONAL)
def test_a_professional_without_two_factor_is_sent_to_set_it_up_and_sees_no_data(
    route: Route, world: World
) -> None:
    newcomer = make_professional(
        "dee@clinic.example", world.owner.practice, role="owner", two_factor=False
    )
    dee = signed_in(newcomer.user)
    before = row_counts()
    response = request(dee, route, world)
    if route.name == "practice:start":
        assert response.url == "/practice/"  # already in a practice
    else:
        assert response.status_code == 302
        assert response.url == "/accounts/2fa/totp/activate/"
    assert world.client.email not in response.text
    assert row_counts() == before


# --- Inside the practice -----------------------------------------------------------------


@pytest.mark.parametrize("route", PROFESSIONAL)
def test_the_owner_may_use_every_practice_page(route: Route, world: World) -> None:
    assert_allowed(request(signed_in(world.owner.user), route, world))


@pytest.mark.parametrize("route", [r for r in PROFESSIONAL if r not in OWNER_ONLY_ROUTES])
@pytest.mark.parametrize("role", ["clinician", "coach"])
def test_a_colleague_may_use_every_page_that_is_not_the_owners(
    route: Route, role: str, world: World
) -> None:
    assert_allowed(request(signed_in(getattr(world, role).user), route, world))


@pytest.mark.parametrize("route", OWNER_ONLY_ROUTES)
@pytest.mark.parametrize("role", ["clinician", "coach"])
def test_owner_pages_are_refused_to_the_other_roles_with_a_reason(
    route: Route, role: str, world: World
) -> None:
    colleague = signed_in(getattr(world, role).user)
    before = row_counts()
    response = request(colleague, route, world)
    assert response.status_code == 403
    assert OWNER_ONLY in html.unescape(response.text)
    assert row_counts() == before


def test_a_colleague_sees_the_practices_client_on_the_team_page(world: World) -> None:
    response = request(signed_in(world.clinician.user), ROUTES[5], world)
    assert "jo@example.com" in response.text
    assert "kim@example.com" not in response.text
