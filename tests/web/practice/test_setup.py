"""Becoming a professional: a practice of her own or a colleague's, two-factor sign-in
before any client is shown, and the operator's command."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.practice.models import Invitation, Membership, Practice
from tests.web.conftest import PASSWORD, make_professional, make_user, share_with, totp_code

pytestmark = pytest.mark.django_db


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_new_professional_starts_her_practice_then_must_set_up_two_factor() -> None:
    user = make_user("anna@clinic.example")
    client = _signed_in(user)
    assert client.get("/practice/").url == "/practice/start/"
    response = client.post(
        "/practice/start/",
        {
            "first_name": "Anna",
            "last_name": "Lee",
            "profession": "pelvic_health_physio",
            "how": "new",
            "practice_name": "Pelvic Rehab",
            "country": "United Kingdom",
        },
    )
    assert response.url == "/practice/"
    user.refresh_from_db()
    assert user.is_professional
    assert user.display_name == "Anna Lee"
    membership = Membership.objects.get(user=user)
    assert membership.role == "owner"
    assert membership.practice.name == "Pelvic Rehab"
    # No client is shown before two-factor sign-in: she is sent to set it up.
    response = client.get("/practice/")
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"


def test_setting_up_the_authenticator_app_opens_the_caseload() -> None:
    membership = make_professional("anna@clinic.example", two_factor=False)
    client = Client()
    assert (
        client.post(
            "/accounts/login/", {"login": "anna@clinic.example", "password": PASSWORD}
        ).status_code
        == 302
    )
    # Changing how she signs in asks for her password again first.
    asked = client.get("/accounts/2fa/totp/activate/")
    assert asked.url.startswith("/accounts/reauthenticate/")
    assert b"Confirm it is you" in client.get(asked.url).content
    confirmed = client.post(asked.url, {"password": PASSWORD})
    assert confirmed.url == "/accounts/2fa/totp/activate/"
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    assert b"Set up two-factor sign-in" in page.content
    secret = page.context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    codes = client.get(response.url)
    assert codes.status_code == 200
    assert len(codes.context["unused_codes"]) == 10
    assert client.get("/practice/").status_code == 200
    assert membership.practice.name.encode() in client.get("/practice/").content


def test_signing_in_asks_a_professional_for_her_code() -> None:
    membership = make_professional("anna@clinic.example")
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": "anna@clinic.example", "password": PASSWORD}
    )
    assert response.url == "/accounts/2fa/authenticate/"
    assert client.get("/practice/").status_code == 302  # not signed in yet
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert b"Please check the answers marked below" in wrong.content
    right = client.post("/accounts/2fa/authenticate/", {"code": totp_code(membership.user)})
    assert right.status_code == 302
    assert client.get("/practice/").status_code == 200


def test_a_colleague_joins_by_invitation_with_the_role_she_was_given() -> None:
    owner = make_professional("anna@clinic.example")
    invitation = Invitation.objects.create(
        practice=owner.practice,
        kind="member",
        role="coach",
        created_by=owner.user,
        expires_at=timezone.now() + timedelta(days=7),
    )
    coach = make_user("ben@clinic.example")
    client = _signed_in(coach)
    fields = {
        "first_name": "Ben",
        "last_name": "Okafor",
        "profession": "running_coach",
        "how": "join",
        "code": invitation.code.lower(),
    }
    assert client.post("/practice/start/", fields).url == "/practice/"
    membership = Membership.objects.get(user=coach)
    assert membership.practice == owner.practice
    assert membership.role == "coach"
    # The code was single use.
    other = _signed_in(make_user("cara@clinic.example"))
    response = other.post("/practice/start/", {**fields, "first_name": "Cara"})
    assert response.status_code == 400
    assert b"expired or been used" in response.content


def test_an_expired_invitation_says_so_and_keeps_her_answers() -> None:
    owner = make_professional("anna@clinic.example")
    invitation = Invitation.objects.create(
        practice=owner.practice,
        kind="member",
        role="clinician",
        created_by=owner.user,
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    client = _signed_in(make_user("ben@clinic.example"))
    response = client.post(
        "/practice/start/",
        {
            "first_name": "Ben",
            "last_name": "Okafor",
            "profession": "physiotherapist",
            "how": "join",
            "code": invitation.code,
        },
    )
    assert response.status_code == 400
    assert b'value="Okafor"' in response.content
    assert not Membership.objects.filter(user__email="ben@clinic.example").exists()


def test_a_new_practice_needs_a_name_and_a_country() -> None:
    client = _signed_in(make_user("anna@clinic.example"))
    response = client.post(
        "/practice/start/",
        {"first_name": "Anna", "last_name": "Lee", "profession": "physiotherapist", "how": "new"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "practice&#x27;s name" in text
    assert "which country" in text
    assert not Practice.objects.exists()


def test_sending_the_start_form_twice_makes_one_practice() -> None:
    client = _signed_in(make_user("anna@clinic.example"))
    fields = {
        "first_name": "Anna",
        "last_name": "Lee",
        "profession": "physiotherapist",
        "how": "new",
        "practice_name": "Run Well",
        "country": "Ireland",
    }
    client.post("/practice/start/", fields)
    client.post("/practice/start/", fields)
    assert Practice.objects.count() == 1


def test_a_runner_never_needs_a_professional(runner_client: Client) -> None:
    assert runner_client.get("/today/").status_code == 200


def test_the_caseload_lists_only_clients_who_shared(runner: User, other_runner: User) -> None:
    owner = make_professional("anna@clinic.example")
    runner.first_name = "Maya"
    runner.save()
    share_with(runner, owner.practice)
    page = _signed_in(owner.user).get("/practice/").content.decode()
    assert "Maya" in page
    assert other_runner.email not in page


@pytest.mark.parametrize("profession", ["running_coach", "personal_trainer"])
def test_only_physiotherapists_count_as_such(profession: str) -> None:
    membership = make_professional("ben@clinic.example", profession=profession, role="coach")
    assert not membership.user.is_physiotherapist


def test_start_is_for_signed_in_people_only() -> None:
    response = Client().get("/practice/start/")
    assert response.status_code == 302
    assert re.match(r"/accounts/login/", response.url)
