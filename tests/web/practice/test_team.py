"""The team: inviting a colleague, removing one, handing over ownership, assigning and
discharging a client, and the practice's access log."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from strideback.accounts.models import User
from strideback.practice.models import Membership, Share
from tests.web.conftest import make_professional, share_with

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_owner_invites_a_colleague_by_email_with_a_role(
    physio: Any, physio_client: Client
) -> None:
    page = physio_client.post(
        "/practice/team/invite/", {"email": "ben@clinic.example", "role": "coach"}
    )
    assert "We emailed the code to ben@clinic.example" in page.text
    physio_client.post("/practice/team/invite/", {"email": "ben@clinic.example", "role": "coach"})
    assert len(mail.outbox) == 1
    assert "join" in mail.outbox[0].subject


def test_the_only_owner_cannot_remove_herself_but_removes_a_colleague(
    physio: Any, physio_client: Client, runner: User
) -> None:
    refused = physio_client.post(f"/practice/team/{physio.pk}/remove/")
    assert refused.status_code == 400
    assert "only owner" in refused.text
    coach = make_professional("ben@clinic.example", physio.practice, role="coach")
    share_with(runner, physio.practice)
    assert physio_client.post(f"/practice/team/{coach.pk}/remove/").url == "/practice/team/"
    assert Membership.objects.get(pk=coach.pk).removed_at is not None
    assert signed_in(coach.user).get("/practice/").url == "/practice/start/"


def test_handing_over_makes_her_a_clinician_and_the_colleague_the_owner(
    physio: Any, physio_client: Client
) -> None:
    cara = make_professional("cara@clinic.example", physio.practice, role="clinician")
    physio_client.post(f"/practice/team/{cara.pk}/owner/")
    assert Membership.objects.get(pk=cara.pk).role == "owner"
    assert Membership.objects.get(pk=physio.pk).role == "clinician"
    assert physio_client.get("/practice/audit/").status_code == 403


def test_assigning_and_discharging_a_client_is_logged_and_she_keeps_her_plan(
    physio: Any, physio_client: Client, runner: User
) -> None:
    cara = make_professional(
        "cara@clinic.example", physio.practice, role="clinician", name=("Cara", "Diaz")
    )
    share = share_with(runner, physio.practice)
    physio_client.post(f"/practice/team/clients/{runner.pk}/clinician/", {"clinician": cara.pk})
    physio_client.post(f"/practice/team/clients/{runner.pk}/status/", {"status": "discharged"})
    share = Share.objects.get(pk=share.pk)
    assert share.clinician == cara
    assert share.status == "discharged"
    assert runner.programmes.count() == 1
    bad = physio_client.post(f"/practice/team/clients/{runner.pk}/status/", {"status": "gone"})
    assert bad.status_code == 400
    log = physio_client.get("/practice/audit/").text
    assert "chose who at the practice looks after her: Cara Diaz" in log
    assert "changed her status at the practice: discharged" in log
    assert "looked after by Cara Diaz" in signed_in(cara.user).get("/practice/team/").text
