"""Tokens: made on her settings page (shown once) or by an operator, listed, revoked; their
scope, their end, the rate limits; the web session with its CSRF check and, for a
professional, two-factor sign-in."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from typer.testing import CliRunner

from strideback.accounts.models import User
from strideback.api.models import ApiToken
from strideback.cli import app
from strideback.practice.models import AccessEntry
from tests.api.conftest import bearer, is_error, send, token_for
from tests.web.conftest import make_professional, make_user, start
from tests.web.test_fuzz import CSRF

LOG = {"completed": "all", "rpe": 4, "pain": 0}


def signed_in(user: User, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    if csrf:
        client.cookies["csrftoken"] = CSRF
    client.force_login(user)
    return client


def shown_token(page: str) -> str:
    found = re.search(r"(sb_[A-Za-z0-9_-]{20,})", page)
    assert found, "no token on the page"
    return found[1]


# --- The settings page ---------------------------------------------------------------------


def test_she_makes_a_token_on_her_settings_and_sees_it_once(runner: User) -> None:
    page = signed_in(runner)
    assert "Apps and scripts (API tokens)" in page.get("/settings/").text
    key = str(uuid.uuid4())
    made = page.post(
        "/settings/tokens/", {"name": "My sheet", "scope": "read", "days": "30", "client_key": key}
    )
    assert made.status_code == 201
    secret = shown_token(made.text)
    assert send(bearer(secret), "GET", "/me/verdict").status_code == 200
    # The same form again: the same token, its secret not shown again.
    again = page.post(
        "/settings/tokens/", {"name": "My sheet", "scope": "read", "days": "30", "client_key": key}
    )
    assert "was made already" in again.text
    assert secret not in again.text
    assert ApiToken.objects.filter(owner=runner).count() == 1
    listed = page.get("/settings/").text
    assert "My sheet" in listed
    assert secret not in listed
    assert secret[:10] in listed
    token = ApiToken.objects.get(owner=runner)
    assert token.expires_at is not None
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert token.last_used_at is not None
    assert token.hashed != secret


@pytest.mark.parametrize(
    ("form", "said"),
    [
        ({"name": "", "scope": "read"}, "Give the token a name"),
        ({"name": "x", "scope": "admin"}, "not one of the available choices"),
        ({"name": "x", "scope": "read", "days": "0"}, "greater than or equal to 1"),
    ],
)
def test_a_bad_token_form_says_what_is_wrong(runner: User, form: dict[str, str], said: str) -> None:
    response = signed_in(runner).post("/settings/tokens/", form)
    assert response.status_code == 400
    assert said in response.text
    assert not ApiToken.objects.exists()


def test_two_open_tokens_cannot_share_a_name(runner: User) -> None:
    page = signed_in(runner)
    page.post("/settings/tokens/", {"name": "Sheet", "scope": "read"})
    response = page.post("/settings/tokens/", {"name": "Sheet", "scope": "write"})
    assert response.status_code == 400
    assert "already have a token called" in response.text


def test_she_revokes_a_token_and_it_stops_working(runner: User, other_runner: User) -> None:
    secret = token_for(runner)
    token = ApiToken.objects.get(owner=runner)
    assert signed_in(other_runner).post(f"/settings/tokens/{token.pk}/revoke/").status_code == 404
    assert send(bearer(secret), "GET", "/me/logs").status_code == 200
    response = signed_in(runner).post(f"/settings/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    is_error(send(bearer(secret), "GET", "/me/logs"), 401)
    assert "You have no tokens" in signed_in(runner).get("/settings/").text


def test_a_professional_needs_two_factor_sign_in_to_make_a_token_on_the_site(db: None) -> None:
    no_mfa = make_professional("cara@clinic.example", two_factor=False)
    response = signed_in(no_mfa.user).post("/settings/tokens/", {"name": "x", "scope": "read"})
    assert response.status_code == 400
    assert "two-factor sign-in first" in response.text
    with_mfa = make_professional("anna@clinic.example")
    made = signed_in(with_mfa.user).post("/settings/tokens/", {"name": "x", "scope": "read"})
    assert made.status_code == 201


# --- Scope, end, unknown -----------------------------------------------------------------------


def test_a_read_token_reads_and_may_not_write(runner: User) -> None:
    client = bearer(token_for(runner, "read"))
    assert send(client, "GET", "/me/logs").status_code == 200
    body = is_error(send(client, "POST", "/me/logs", LOG), 403)
    assert "can only read" in body["detail"]
    assert not runner.programmes.get().events.exists()


def test_an_expired_token_is_refused(runner: User) -> None:
    secret = token_for(runner, days=1)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert "expired" in is_error(send(bearer(secret), "GET", "/me/logs"), 401)["detail"]


def test_the_token_of_a_closed_account_is_refused(runner: User) -> None:
    secret = token_for(runner)
    User.objects.filter(pk=runner.pk).update(is_active=False)
    is_error(send(bearer(secret), "GET", "/me/logs"), 401)


def test_a_bad_token_is_refused_even_with_a_session(runner: User) -> None:
    client = signed_in(runner)
    response = client.get("/api/v1/me/logs", HTTP_AUTHORIZATION="Bearer sb_nothing")
    is_error(response, 401)


# --- Rate limits -----------------------------------------------------------------------------


def test_too_many_requests_with_one_token_wait_as_retry_after_says(
    runner: User, other_runner: User, settings: Any
) -> None:
    settings.API_RATES = {"read": "3/min", "write": "1/min"}
    client = bearer(token_for(runner))
    for _ in range(3):
        assert send(client, "GET", "/me/logs").status_code == 200
    response = send(client, "GET", "/me/logs")
    body = is_error(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Too many requests" in body["detail"]
    # Writes are counted apart, and every token has its own count.
    assert send(client, "POST", "/me/pause", {}).status_code == 201
    assert send(client, "POST", "/me/resume").status_code == 429
    assert send(bearer(token_for(other_runner)), "GET", "/me/logs").status_code == 200


# --- The web session ---------------------------------------------------------------------------


def test_the_session_reads_and_changes_with_the_csrf_token(runner: User) -> None:
    client = signed_in(runner, csrf=True)
    assert send(client, "GET", "/me/logs").status_code == 200
    body = is_error(send(client, "POST", "/me/logs", LOG), 403)
    assert "CSRF" in body["detail"]
    assert not runner.programmes.get().events.exists()
    made = send(client, "POST", "/me/logs", LOG, **{"X-CSRFToken": CSRF})
    assert made.status_code == 201


def test_the_docs_page_uses_no_cdn_and_no_inline_script(client: Client, db: None) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower()
    assert "script-src 'self'" in page["Content-Security-Policy"]
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.text, re.DOTALL)
    for attributes, body in scripts:
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
        assert "src=" in attributes or body.strip().startswith("{")
    for src in re.findall(r'src="([^"]+)"', page.text):
        assert src.startswith("/static/")
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"] == "3.1.0"


# --- The command line ------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["tokens", *args])
    return result.exit_code, result.output


def test_an_operator_makes_lists_and_revokes_a_token(db: None) -> None:
    runner = make_user("runner@example.com")
    start(runner)
    code, output = run("create", "Runner@Example.com", "--scope", "write", "--name", "Garmin")
    assert code == 0, output
    secret = shown_token(output)
    token = ApiToken.objects.get(owner=runner)
    assert token.created_by_operator
    assert token.expires_at is not None
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)
    assert send(bearer(secret), "POST", "/me/pause", {}).status_code == 201
    code, output = run("list", "runner@example.com")
    assert code == 0
    assert "Garmin\twrite" in output
    assert secret not in output
    code, output = run("revoke", "runner@example.com", "Garmin")
    assert code == 0, output
    is_error(send(bearer(secret), "GET", "/me/logs"), 401)


@pytest.mark.parametrize(
    "args",
    [
        ("create", "nobody@example.com"),
        ("create", "runner@example.com", "--scope", "admin"),
        ("create", "runner@example.com", "--days", "0"),
        ("create", "runner@example.com", "--name", ""),
        ("list", "nobody@example.com"),
        ("revoke", "runner@example.com", "No such token"),
    ],
)
def test_bad_input_to_the_token_commands_exits_2(args: tuple[str, ...], db: None) -> None:
    make_user("runner@example.com")
    code, output = run(*args)
    assert code == 2, output
    assert "Traceback" not in output
    assert not ApiToken.objects.exists()


def test_an_operators_token_for_a_professional_works_without_two_factor_and_is_logged(
    db: None,
) -> None:
    no_mfa = make_professional("cara@clinic.example", two_factor=False)
    code, output = run("create", "cara@clinic.example", "--days", "7")
    assert code == 0, output
    client = bearer(shown_token(output))
    assert send(client, "GET", "/practice/clients").status_code == 200
    assert AccessEntry.objects.filter(actor=no_mfa.user, action="api_operator_token").exists()
    # Her own sign-in on the site still asks for two-factor sign-in.
    assert signed_in(no_mfa.user).get("/practice/").status_code == 302
