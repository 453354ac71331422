"""Each runner sees only her own data.

``ROUTES`` lists every page and action in the app, one line each. A visitor is sent to sign
in from every private one and writes nothing; a second runner, signed in, never sees the
first runner's entries anywhere and cannot reach or change them. A test fails when the
urlconf names a page the table does not list, so no new page escapes these checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from django.apps import apps
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from strideback.accounts.models import User
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS
from strideback.programmes.models import Event, IntakeVersion, Programme
from tests.web.conftest import PASSWORD, log, today, visitor_who_finished

FIRST_RUNNERS_NOTE = "Ran past the lighthouse with Maisie asleep in the buggy"
OTHER_RUNNERS_NOTE = "Windy loop round the allotments"

SESSION_LOG = {"completed": "all", "rpe": "4", "pain": "0", "note": "Logged from the page"}
KEY = "6f1c8a52-3d7e-4b1a-9c55-0e2f4a6b8d10"
RETEST = {
    **dict.fromkeys(LOAD_IMPACT_TESTS, "pass"),
    **dict.fromkeys(STRENGTH_TESTS, "20"),
}


@dataclass(frozen=True)
class Route:
    """A page or action: its URL name, method and path. ``{event}`` in the path stands for
    the first runner's logged session, ``{birth}`` in the data for a birth date and ``{today}``
    for today.

    A private route sends a visitor to sign in; a public one answers a visitor with
    ``visitor_status`` (and, for a redirect, sends her to ``visitor_goes_to``)."""

    name: str
    method: str
    path: str
    data: dict[str, str] = field(default_factory=dict)
    private: bool = True
    visitor_status: int = 200
    visitor_goes_to: str | None = None
    label: str = ""  # tells apart two rows with the same method and path

    @property
    def id(self) -> str:
        return f"{self.method} {self.path} {self.label}".strip()


def public(
    name: str, method: str, path: str, data: dict[str, str] | None = None, **kw: Any
) -> Route:
    return Route(name, method, path, data or {}, private=False, **kw)


ROUTES = [
    # Her programme: private.
    Route("tracking:today", "GET", "/today/"),
    Route("tracking:today", "GET", "/today/?logged={event}"),
    Route("tracking:log", "POST", "/today/log/", SESSION_LOG),
    Route("tracking:log", "POST", "/today/log/", {**SESSION_LOG, "early": "1"}, label="early"),
    # A log kept on her phone while offline, sent later with the key its form was shown with.
    Route("tracking:log", "POST", "/today/log/", {**SESSION_LOG, "client_key": KEY}, label="key"),
    public("service_worker", "GET", "/sw.js"),  # public: the app shell, no one's data
    Route("tracking:next_day_check", "POST", "/today/next-day-check/{event}/", {"settled": "no"}),
    Route("tracking:retest", "GET", "/retest/"),
    Route("tracking:retest", "POST", "/retest/", RETEST),
    Route("tracking:history", "GET", "/history/"),
    Route("tracking:history", "GET", "/history/?edited={event}"),
    Route("tracking:edit", "GET", "/history/{event}/edit/"),
    Route("tracking:edit", "POST", "/history/{event}/edit/", {**SESSION_LOG, "pain": "3"}),
    Route("tracking:progress", "GET", "/progress/"),
    Route("programmes:programme", "GET", "/programme/"),
    # Pausing, resuming and recording an assessment: private.
    Route("tracking:pause", "GET", "/plan/pause/"),
    Route("tracking:pause", "POST", "/plan/pause/", {"why": "holiday"}),
    Route("tracking:resume", "POST", "/plan/resume/"),
    # Her week: moving, skipping, undoing either, logging an earlier day: private.
    Route("tracking:move", "GET", "/plan/move/?day={today}&kind=walk_run"),
    Route(
        "tracking:move",
        "POST",
        "/plan/move/",
        {"day": "{today}", "kind": "walk_run", "to": "{today}"},
    ),
    Route("tracking:skip", "GET", "/plan/skip/?day={today}&kind=walk_run"),
    Route(
        "tracking:skip",
        "POST",
        "/plan/skip/",
        {"day": "{today}", "kind": "walk_run", "reason": "busy"},
    ),
    Route("tracking:undo", "POST", "/history/{event}/undo/"),
    # Runs from her watch: private (the files themselves are sent by the tests of the import).
    Route("tracking:import", "POST", "/activities/import/"),
    Route("tracking:shared", "POST", "/activities/shared/"),
    Route("tracking:confirm_import", "POST", "/activities/confirm/", {"watch": "forged"}),
    Route("tracking:watch_entry", "GET", "/activities/{event}/"),
    Route("tracking:watch_entry", "POST", "/activities/{event}/", {"pain": "0"}),
    Route("tracking:earlier", "GET", "/today/earlier/"),
    Route("tracking:clearance", "GET", "/plan/assessed/"),
    Route(
        "tracking:clearance",
        "POST",
        "/plan/assessed/",
        {"by": "Sam Lee, physio", "date": "{today}", "confirm": "on", "limits": "no_jumping"},
    ),
    # Take-away: the handout, her settings, her data; the calendar feed's address is its key.
    Route("takeaway:handout", "GET", "/programme/handout/"),
    Route("takeaway:handout_pdf", "GET", "/programme/handout.pdf"),
    Route("takeaway:settings", "GET", "/settings/"),
    Route("takeaway:calendar", "POST", "/settings/calendar/", {"action": "on"}),
    Route("takeaway:calendar", "POST", "/settings/calendar/", {"action": "reset"}, label="reset"),
    Route("takeaway:calendar", "POST", "/settings/calendar/", {"action": "off"}, label="off"),
    Route("takeaway:preferences", "POST", "/settings/preferences/", {"units": "mi"}),
    Route("takeaway:export_json", "GET", "/settings/my-data.json"),
    Route("takeaway:export_csv", "GET", "/settings/my-data.csv"),
    Route("takeaway:delete", "GET", "/settings/delete/"),
    Route("takeaway:delete", "POST", "/settings/delete/", {"password": "not my password"}),
    # Her API tokens, on the settings page (the API itself: tests/api/test_access.py).
    Route("api_tokens:create", "POST", "/settings/tokens/", {"name": "My sheet", "scope": "read"}),
    Route("api_tokens:revoke", "POST", "/settings/tokens/1/revoke/"),
    # A well-formed address that is no one's feed.
    public("takeaway:feed", "GET", f"/calendar/{'A' * 43}.ics", visitor_status=404),
    public("takeaway:goodbye", "GET", "/goodbye/"),
    public("manifest", "GET", "/manifest.webmanifest"),
    public("healthz", "GET", "/healthz"),  # the load balancer's health check
    # The verdict is hers when signed in; a visitor sees the one from her own answers, and
    # without answers is sent to the intake.
    public(
        "programmes:verdict", "GET", "/verdict/", visitor_status=302, visitor_goes_to="/intake/"
    ),
    # The intake and the library: public.
    public("home", "GET", "/"),
    public(
        "programmes:intake", "GET", "/intake/", visitor_status=302, visitor_goes_to="/intake/birth/"
    ),
    public("programmes:intake_step", "GET", "/intake/birth/"),
    public("programmes:intake_step", "GET", "/intake/symptoms/"),
    public("programmes:intake_step", "GET", "/intake/tests/"),
    public("programmes:intake_step", "GET", "/intake/week/"),
    public("programmes:intake_step", "GET", "/intake/background/"),
    public(
        "programmes:intake_step",
        "POST",
        "/intake/birth/",
        {"birth_date": "{birth}"},
        visitor_status=302,
        visitor_goes_to="/intake/symptoms/",
    ),
    public("programmes:exercises", "GET", "/exercises/"),
    public("programmes:exercise", "GET", "/exercises/fire_hydrant/"),
    public("programmes:sources", "GET", "/sources/"),
    # Accounts: public. Signing up leads to the page for the emailed code; without a
    # sign-up or sign-in under way, that page sends her to sign in.
    public("account_signup", "GET", "/accounts/signup/"),
    public(
        "account_signup",
        "POST",
        "/accounts/signup/",
        {"email": "new@example.com", "password1": PASSWORD},
        visitor_status=302,
        visitor_goes_to="/accounts/confirm-email/",
    ),
    public(
        "account_email_verification_sent",
        "GET",
        "/accounts/confirm-email/",
        visitor_status=302,
        visitor_goes_to="/accounts/login/",
    ),
    public(
        "account_email_verification_sent",
        "POST",
        "/accounts/confirm-email/",
        {"code": "123456"},
        visitor_status=302,
        visitor_goes_to="/accounts/login/",
    ),
    public("account_login", "GET", "/accounts/login/"),
    public(
        "account_login",
        "POST",
        "/accounts/login/",
        {"login": "nobody@example.com", "password": PASSWORD},
        visitor_status=400,
    ),
    public("account_logout", "GET", "/accounts/logout/", visitor_status=302, visitor_goes_to="/"),
    public("account_logout", "POST", "/accounts/logout/", visitor_status=302, visitor_goes_to="/"),
    public("account_inactive", "GET", "/accounts/inactive/"),
    public("account_reset_password", "GET", "/accounts/password-reset/"),
    public(
        "account_reset_password",
        "POST",
        "/accounts/password-reset/",
        {"email": "nobody@example.com"},
        visitor_status=302,
        visitor_goes_to="/accounts/password-reset/sent/",
    ),
    public("account_reset_password_done", "GET", "/accounts/password-reset/sent/"),
    public("account_reset_password_from_key", "GET", "/accounts/password-reset/1-not-a-token/"),
    public("account_reset_password_from_key_done", "GET", "/accounts/password-reset/done/"),
    # Two-factor sign-in: her own, private (the code at sign-in needs a sign-in under way).
    Route("account_reauthenticate", "GET", "/accounts/reauthenticate/"),
    Route("mfa_index", "GET", "/accounts/2fa/"),
    Route("account_change_password", "GET", "/accounts/password/change/"),
    Route("account_email", "GET", "/accounts/email/"),
    public(
        "mfa_authenticate",
        "GET",
        "/accounts/2fa/authenticate/",
        visitor_status=302,
        visitor_goes_to="/accounts/login/",
    ),
    Route("mfa_reauthenticate", "GET", "/accounts/2fa/reauthenticate/"),
    Route("mfa_activate_totp", "GET", "/accounts/2fa/totp/activate/"),
    Route("mfa_deactivate_totp", "GET", "/accounts/2fa/totp/deactivate/"),
    Route("mfa_view_recovery_codes", "GET", "/accounts/2fa/recovery-codes/"),
    Route("mfa_generate_recovery_codes", "GET", "/accounts/2fa/recovery-codes/generate/"),
    Route("mfa_download_recovery_codes", "GET", "/accounts/2fa/recovery-codes/download/"),
    # The practice: for professionals (tests/web/practice checks who sees what).
    Route("practice:start", "GET", "/practice/start/"),
    Route("practice:home", "GET", "/practice/"),
    # A practice's own exercises and templates (test_practice_exercises, test_templates).
    Route("practice:exercises", "GET", "/practice/exercises/"),
    Route("practice:exercise_new", "GET", "/practice/exercises/new/"),
    Route("practice:exercise_new", "POST", "/practice/exercises/new/", {"text": "id: p1_sit"}),
    Route("practice:exercise", "GET", "/practice/exercises/p1_wall_sit/"),
    Route("practice:templates", "GET", "/practice/templates/"),
    Route("practice:template_new", "GET", "/practice/templates/new/"),
    Route("practice:template_new", "POST", "/practice/templates/new/", {"text": "id: p1_x"}),
    Route("practice:template", "GET", "/practice/templates/caesarean_slow_return/"),
    Route(
        "practice:apply_template",
        "POST",
        "/practice/clients/1/apply-template/",
        {"template": "caesarean_slow_return"},
    ),
    # A client's page and what a professional records there (test_client_page.py and the
    # others in tests/web/practice check who may); the runner's messages.
    Route("practice:client", "GET", "/practice/clients/1/"),
    Route("practice:client_note", "POST", "/practice/clients/1/notes/", {"text": "A note"}),
    Route("practice:client_message", "POST", "/practice/clients/1/messages/", {"text": "Hi"}),
    Route(
        "practice:client_score",
        "POST",
        "/practice/clients/1/scores/",
        {"questionnaire": "iciq_ui_sf", "taken_on": "{today}", "total": "3"},
    ),
    Route("practice:client_handout", "GET", "/practice/clients/1/handout/"),
    Route("practice:lift_hold", "GET", "/plan/lift-hold/"),
    Route("practice:lift_hold", "POST", "/plan/lift-hold/"),
    Route("practice:act", "GET", "/practice/clients/1/act/hold/"),
    Route("practice:act", "POST", "/practice/clients/1/act/hold/", {"reason": "Rest the hip"}),
    Route("practice:licences", "GET", "/practice/licences/"),
    Route("practice:licences", "POST", "/practice/licences/", {"questionnaires": "pfdi_20"}),
    Route("practice:messages", "GET", "/messages/"),
    Route("practice:reply", "POST", "/messages/1/reply/", {"text": "Hello"}),
    Route(
        "practice:flag_seen",
        "POST",
        "/practice/clients/1/seen/",
        {"code": "no_log", "day": "{today}"},
    ),
    # Sharing: a made-up code, share and member (tests/web/practice/test_practice_access.py
    # checks who may use the real ones). Claiming is public: she has no password yet.
    Route("practice:share_enter", "GET", "/share/"),
    Route("practice:share_enter", "POST", "/share/", {"code": "NQSVCH23"}),
    Route("practice:share_offer", "GET", "/share/NQSVCH23/"),
    Route("practice:share_accept", "POST", "/share/NQSVCH23/accept/"),
    Route("practice:share_decline", "POST", "/share/NQSVCH23/decline/"),
    Route("practice:share_revoke", "GET", "/settings/sharing/1/end/"),
    Route("practice:share_revoke", "POST", "/settings/sharing/1/end/"),
    public("practice:claim", "GET", "/claim/NQSVCH23/", visitor_status=404),
    public(
        "practice:claim", "POST", "/claim/NQSVCH23/", {"password": PASSWORD}, visitor_status=404
    ),
    Route("practice:invite_client", "GET", "/practice/invite/"),
    Route("practice:invite_client", "POST", "/practice/invite/", {"email": "new@example.com"}),
    Route("practice:clinic_start", "GET", "/practice/clinic-start/"),
    Route("practice:clinic_start", "POST", "/practice/clinic-start/", {"email": "x@example.com"}),
    Route("practice:team", "GET", "/practice/team/"),
    Route("practice:invite_member", "POST", "/practice/team/invite/", {"role": "coach"}),
    Route("practice:remove_member", "POST", "/practice/team/1/remove/"),
    Route("practice:hand_over", "POST", "/practice/team/1/owner/"),
    Route("practice:assign_clinician", "POST", "/practice/team/clients/1/clinician/"),
    Route(
        "practice:client_status",
        "POST",
        "/practice/team/clients/1/status/",
        {"status": "archived"},
    ),
    Route("practice:audit", "GET", "/practice/audit/"),
]
PRIVATE = [pytest.param(r, id=r.id) for r in ROUTES if r.private]
PUBLIC = [pytest.param(r, id=r.id) for r in ROUTES if not r.private]
EVERY = [pytest.param(r, id=r.id) for r in ROUTES]


# --- Helpers -----------------------------------------------------------------------------


def _fill(text: str, event: Event | None) -> str:
    birth = (today() - timedelta(weeks=14)).isoformat()
    return text.format(
        event=event.public_id if event else "0123456789abcdef",
        birth=birth,
        today=today().isoformat(),
    )


def request(client: Client, route: Route, event: Event | None = None) -> HttpResponse:
    path = _fill(route.path, event)
    if route.method == "GET":
        return client.get(path)
    return client.post(path, {key: _fill(value, event) for key, value in route.data.items()})


def row_counts() -> dict[str, int]:
    """How many rows every table holds, sessions included."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def records_of(user: User) -> dict[str, Any]:
    """Everything stored for her, to compare before and after someone else's requests."""
    return {
        "user": User.objects.filter(pk=user.pk).values().get(),
        "intakes": list(IntakeVersion.objects.filter(owner=user).values().order_by("pk")),
        "programmes": list(Programme.objects.filter(owner=user).values().order_by("pk")),
        "events": list(Event.objects.filter(programme__owner=user).values().order_by("pk")),
    }


def url_names(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    """Every URL name in the urlconf, namespaced; an unnamed pattern shows as its route."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield namespace + pattern.name if pattern.name else f"<unnamed {pattern.pattern}>"


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def first_entry(runner: User) -> Event:
    """The first runner's logged session, with a note only she wrote."""
    return log(runner, runner.programmes.get(), note=FIRST_RUNNERS_NOTE, pain_where="left hip")


@pytest.fixture
def other_entry(other_runner: User) -> Event:
    return log(other_runner, other_runner.programmes.get(), note=OTHER_RUNNERS_NOTE)


# --- The table covers the app ------------------------------------------------------------


def test_every_url_name_in_the_app_is_in_the_access_table() -> None:
    # The JSON API's operations have their own table (tests/api/test_access.py).
    in_urlconf = {
        name
        for name in url_names(get_resolver().url_patterns)
        if not name.startswith("api:") and name != "api_not_found"
    }
    in_table = {route.name for route in ROUTES}
    assert in_urlconf - in_table == set(), "add these pages to ROUTES in test_access.py"
    assert in_table - in_urlconf == set(), "these names in ROUTES are no longer in the urlconf"


@pytest.mark.parametrize("route", EVERY)
def test_every_path_in_the_table_reaches_the_page_it_names(route: Route) -> None:
    path = urlsplit(_fill(route.path, None)).path
    assert resolve(path).view_name == route.name


# --- A visitor ---------------------------------------------------------------------------


@pytest.mark.parametrize("route", PRIVATE)
def test_a_visitor_is_sent_to_sign_in_from_every_private_page_and_writes_nothing(
    route: Route, client: Client, first_entry: Event
) -> None:
    before = row_counts()
    response = request(client, route, first_entry)
    path = _fill(route.path, first_entry)
    assert response.status_code == 302
    assert unquote(response.url) == f"/accounts/login/?next={path}"
    assert row_counts() == before


@pytest.mark.parametrize("route", PUBLIC)
def test_a_visitor_can_use_every_public_page(route: Route, client: Client, db: None) -> None:
    response = request(client, route)
    assert response.status_code == route.visitor_status
    if route.visitor_goes_to is not None:
        assert response.url == route.visitor_goes_to
    elif response["Content-Type"].startswith("application/manifest+json"):
        assert response.json()["name"] == "Strideback"
    elif response["Content-Type"].startswith("application/json"):
        assert response.json()["status"] == "ok"
    else:
        assert "<h1" in response.text


def test_a_visitor_never_sees_a_runners_entry_on_a_public_page(
    client: Client, first_entry: Event
) -> None:
    for route in ROUTES:
        if not route.private and route.method == "GET":
            response = request(client, route, first_entry)
            assert FIRST_RUNNERS_NOTE not in response.text, route.id


# --- Nothing private is kept by a browser or a proxy --------------------------------------


@pytest.mark.parametrize("route", EVERY)
def test_every_answer_to_a_signed_in_runner_is_private_and_never_stored(
    route: Route, runner: User, first_entry: Event
) -> None:
    response = request(signed_in(runner), route, first_entry)
    assert response["Cache-Control"] == "private, no-store"


def test_a_visitors_verdict_from_her_answers_is_private_and_never_stored(db: None) -> None:
    response = visitor_who_finished().get("/verdict/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("path", ["/", "/exercises/", "/exercises/fire_hydrant/", "/sources/"])
def test_public_pages_for_a_visitor_without_a_session_may_be_cached(path: str, db: None) -> None:
    response = Client().get(path)
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# --- The other runner --------------------------------------------------------------------


@pytest.mark.parametrize("route", EVERY)
def test_the_other_runner_never_sees_or_changes_the_first_runners_data(
    route: Route, runner: User, other_runner: User, first_entry: Event, other_entry: Event
) -> None:
    theirs = records_of(runner)
    response = request(signed_in(other_runner), route, first_entry)
    assert FIRST_RUNNERS_NOTE not in response.text
    assert "left hip" not in response.text
    assert first_entry.public_id not in response.text
    assert runner.email not in response.text
    assert records_of(runner) == theirs


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_the_first_runners_entry_is_not_found_for_the_other_runner(
    method: str, other_runner: User, first_entry: Event, other_entry: Event
) -> None:
    client = signed_in(other_runner)
    events = Event.objects.count()
    path = f"/history/{first_entry.public_id}/edit/"
    if method == "GET":
        response = client.get(path)
    else:
        response = client.post(path, {**SESSION_LOG, "note": "Not mine to change"})
    assert response.status_code == 404
    assert FIRST_RUNNERS_NOTE not in response.text
    assert Event.objects.count() == events
    assert not Event.objects.filter(replaces=first_entry).exists()


@pytest.mark.parametrize("page", ["/history/", "/today/?logged={event}"])
def test_the_other_runners_pages_show_her_own_entries_only(
    page: str, other_runner: User, first_entry: Event, other_entry: Event
) -> None:
    response = signed_in(other_runner).get(page.format(event=other_entry.public_id))
    assert response.status_code == 200
    assert FIRST_RUNNERS_NOTE not in response.text
    if page == "/history/":
        assert OTHER_RUNNERS_NOTE in response.text
        assert first_entry.public_id not in response.text
    else:
        assert 'data-testid="result"' in response.text


def test_the_other_runner_can_change_her_own_entry(
    other_runner: User, first_entry: Event, other_entry: Event
) -> None:
    client = signed_in(other_runner)
    path = f"/history/{other_entry.public_id}/edit/"
    assert OTHER_RUNNERS_NOTE in client.get(path).text
    response = client.post(path, {**SESSION_LOG, "note": "Windy, and a stitch"})
    assert response.status_code == 302
    edited = Event.objects.get(replaces=other_entry)
    assert edited.programme.owner == other_runner
    assert not Event.objects.filter(replaces=first_entry).exists()


def test_the_first_runner_sees_her_own_note_in_her_history(
    runner_client: Client, first_entry: Event, other_entry: Event
) -> None:
    response = runner_client.get("/history/")
    assert FIRST_RUNNERS_NOTE in response.text
    assert OTHER_RUNNERS_NOTE not in response.text


def test_what_the_other_runner_logs_goes_into_her_own_programme(
    runner: User, other_runner: User, first_entry: Event
) -> None:
    client = signed_in(other_runner)
    response = client.post("/today/log/", {**SESSION_LOG, "early": "1"})
    assert response.status_code == 302
    assert Event.objects.filter(programme__owner=other_runner).count() == 1
    assert list(Event.objects.filter(programme__owner=runner)) == [first_entry]
