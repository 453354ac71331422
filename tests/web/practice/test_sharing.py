"""Her consent: invited by email or a code, she sees who and what and accepts once; she
sees who has access and who looked, and ends access at once; started in clinic, she
claims her account by the emailed link; her data holds her shares and the log."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.practice.models import AccessEntry, Invitation, Share
from strideback.programmes.models import Programme
from tests.mailbox import Mailbox, body, smtp_server
from tests.web.conftest import PASSWORD, make_user, share_with, today

pytestmark = pytest.mark.django_db
LINK = re.compile(r"http://testserver(/(?:share|claim)/[A-Z0-9]+/)")


@pytest.fixture
def mailbox(settings: Any) -> Iterator[Mailbox]:
    with smtp_server() as (box, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield box


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_emailed_invitation_shows_who_and_what_and_accepting_twice_makes_one_share(
    mailbox: Mailbox, physio: Any, physio_client: Client, runner: User
) -> None:
    page = physio_client.post("/practice/invite/", {"email": "runner@example.com"})
    assert page.status_code == 200
    assert "We emailed the link to runner@example.com" in page.text
    message = mailbox.wait_for("runner@example.com")
    assert "Anna Lee invites you" in message["Subject"]
    found = LINK.search(body(message))
    assert found, body(message)
    link = found[1]

    # A visitor is asked to sign in and comes back.
    assert Client().get(link).url == f"/accounts/login/?next={link}"
    her = signed_in(runner)
    offer = her.get(link)
    assert offer.status_code == 200
    assert f"Share your programme with {physio.practice.name}?" in offer.text
    assert "Anna Lee, pelvic health physiotherapist" in offer.text
    for words in ["Every session you log, with your symptoms and your notes", "Clear you to run"]:
        assert words in offer.text
    assert her.post(link + "accept/").url == "/today/"
    assert her.post(link + "accept/").url == "/today/"
    assert Share.objects.filter(runner=runner, practice=physio.practice).count() == 1
    # The code was single use: another runner reads why it no longer works.
    other = signed_in(make_user("someone@example.com"))
    assert "already been used" in other.get(link).text
    assert other.post(link + "accept/").status_code == 410
    assert not Share.objects.filter(runner__email="someone@example.com").exists()


def test_a_code_read_out_in_clinic_is_entered_at_share_and_can_be_declined(
    physio_client: Client, runner: User
) -> None:
    physio_client.post("/practice/invite/", {"email": ""})
    physio_client.post("/practice/invite/", {"email": ""})  # pressed twice: one code
    invitation = Invitation.objects.get(kind="client")
    her = signed_in(runner)
    assert "Enter a code from your physio or coach" in her.get("/share/").text
    wrong = her.post("/share/", {"code": "NOTACODE"})
    assert wrong.status_code == 400
    assert "No invitation has this code" in wrong.text
    typed = invitation.code.lower()[:4] + " " + invitation.code.lower()[4:]
    assert her.post("/share/", {"code": typed}).url == f"/share/{invitation.code}/"
    assert her.post(f"/share/{invitation.code}/decline/").url == "/today/"
    assert not Share.objects.exists()
    assert "was declined" in her.get(f"/share/{invitation.code}/").text


def test_an_expired_code_says_so(physio: Any, runner: User) -> None:
    invitation = Invitation.objects.create(
        practice=physio.practice,
        kind="client",
        created_by=physio.user,
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    page = signed_in(runner).get(f"/share/{invitation.code}/")
    assert page.status_code == 410
    assert "This code expired on" in page.text


def test_the_practices_own_code_shares_after_she_accepts(physio: Any, runner: User) -> None:
    her = signed_in(runner)
    code = physio.practice.code
    assert "This is the code of" in her.get(f"/share/{code}/").text
    her.post(f"/share/{code}/accept/")
    assert Share.objects.filter(runner=runner, revoked_at__isnull=True).count() == 1


def test_her_settings_show_who_has_access_and_who_looked_and_she_ends_it_at_once(
    physio: Any, physio_client: Client, runner: User
) -> None:
    from strideback.practice.access import record_access
    from tests.web.conftest import make_professional

    second = make_professional("ben@coach.example", name=("Ben", "Okafor"))
    share = share_with(runner, physio.practice)
    share_with(runner, second.practice)
    record_access(physio.user, physio.practice, runner, "viewed_client")
    her = signed_in(runner)
    settings = her.get("/settings/").text
    assert "Who can see your programme" in settings
    assert physio.practice.name in settings
    assert second.practice.name in settings
    assert "Anna Lee (" in settings
    assert "looked at the programme" in settings
    confirm = her.get(f"/settings/sharing/{share.pk}/end/")
    assert f"End {physio.practice.name}" in confirm.text
    assert Share.objects.get(pk=share.pk).revoked_at is None  # only asked
    assert her.post(f"/settings/sharing/{share.pk}/end/").url == "/settings/#sharing"
    assert Share.objects.get(pk=share.pk).revoked_at is not None
    assert Programme.objects.filter(owner=runner).count() == 1
    assert "ended the practice" in her.get("/settings/").text
    # Another runner cannot end it, nor see it.
    other = signed_in(make_user("someone@example.com"))
    assert other.get(f"/settings/sharing/{share.pk}/end/").status_code == 404


def test_her_data_holds_her_shares_and_the_log_and_deleting_her_removes_her_from_practices(
    physio: Any, runner: User
) -> None:
    from strideback.practice.access import record_access

    share_with(runner, physio.practice)
    record_access(physio.user, physio.practice, runner, "viewed_client")
    her = signed_in(runner)
    data = json.loads(her.get("/settings/my-data.json").content)
    assert data["shared_with"][0]["practice"] == physio.practice.name
    assert data["access_log"][0]["who"] == "Anna Lee"
    assert "Anna Lee" in her.get("/settings/my-data.csv").content.decode()
    her.post("/settings/delete/", {"password": PASSWORD})
    assert not User.objects.filter(email="runner@example.com").exists()
    assert not Share.objects.exists()
    assert not AccessEntry.objects.filter(runner__isnull=False).exists()
    assert AccessEntry.objects.count() == 0


def test_a_runner_started_in_clinic_claims_her_account_by_the_emailed_link(
    mailbox: Mailbox, physio: Any, physio_client: Client
) -> None:
    fields = {
        "email": "maya@example.com",
        "first_name": "Maya",
        "birth-birth_date": (today() - timedelta(weeks=14)).isoformat(),
        "week-training_days": ["mon", "wed", "fri"],
        "symptoms-none": "on",
        **{
            f"tests-{name}": "pass"
            for name in ["walk", "single_leg_balance", "single_leg_squat", "jog_on_spot"]
        },
    }
    page = physio_client.post("/practice/clinic-start/", fields)
    assert page.status_code == 200, page.text
    assert "Maya's programme has started" in page.text
    physio_client.post("/practice/clinic-start/", fields)  # sent twice: one runner
    maya = User.objects.get(email="maya@example.com")
    assert Programme.objects.filter(owner=maya).count() == 1
    assert Share.objects.filter(runner=maya, practice=physio.practice).count() == 1
    actions = set(AccessEntry.objects.filter(runner=maya).values_list("action", flat=True))
    assert {"started_in_clinic", "invited_to_claim"} <= actions

    found = LINK.search(body(mailbox.wait_for("maya@example.com")))
    assert found
    client = Client()
    assert "Choose a password for maya@example.com" in client.get(found[1]).text
    short = client.post(found[1], {"password": "short"})
    assert short.status_code == 400
    assert "too short" in short.text
    assert client.post(found[1], {"password": PASSWORD}).url == "/today/"
    assert client.get("/today/").status_code == 200
    assert "already been used" in Client().get(found[1]).text


def test_a_clinic_start_for_an_address_with_an_account_says_to_invite_her(
    physio_client: Client, runner: User
) -> None:
    fields = {
        "email": "runner@example.com",
        "first_name": "Jo",
        "birth-birth_date": (today() - timedelta(weeks=14)).isoformat(),
        "week-training_days": ["mon"],
        "symptoms-none": "on",
    }
    page = physio_client.post("/practice/clinic-start/", fields)
    assert page.status_code == 400
    assert "already has a Strideback account" in page.text
    assert not Share.objects.exists()
