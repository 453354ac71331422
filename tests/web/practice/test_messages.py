"""Messages between a runner and her practice: each side reads them where it works, each new
one is announced to the other side by mail (a notice and a link, never the message), and a
revoked share ends them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from strideback.practice.models import Message
from tests.mailbox import Mailbox, body
from tests.web.conftest import make_professional
from tests.web.practice.clients import client_of

ADVICE = "Try the bridges with a pause at the top this week"
QUESTION = "Is it fine to do them on the sofa?"

# The notices go out when the message is committed, as in use.
pytestmark = pytest.mark.django_db(transaction=True)


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_runner_is_mailed_a_notice_and_reads_the_message_on_her_page(
    mailbox: Mailbox, physio: Any, physio_client: Client
) -> None:
    runner = client_of(physio)
    response = physio_client.post(f"/practice/clients/{runner.pk}/messages/", {"text": ADVICE})
    assert response.status_code == 302
    notice = mailbox.wait_for(runner.email)
    assert notice["Subject"] == f"A new message from {physio.practice.name}"
    assert "http://localhost:8000/messages/" in body(notice)
    assert ADVICE not in body(notice)

    hers = signed_in(runner)
    today = hers.get("/today/").text
    assert f"New message from {physio.practice.name}" in today
    assert ADVICE in hers.get("/messages/").text
    assert "New message from" not in hers.get("/today/").text  # read now


def test_her_reply_reaches_the_practice_by_mail_and_on_her_page(
    mailbox: Mailbox, physio: Any, physio_client: Client
) -> None:
    runner = client_of(physio)
    share = runner.shares.get()
    response = signed_in(runner).post(f"/messages/{share.pk}/reply/", {"text": QUESTION})
    assert response.status_code == 302
    notice = mailbox.wait_for(physio.user.email)
    assert f"/practice/clients/{runner.pk}/" in body(notice)
    assert QUESTION not in body(notice)
    assert QUESTION in physio_client.get(f"/practice/clients/{runner.pk}/").text


def test_only_her_assigned_clinician_is_told_when_she_has_one(
    mailbox: Mailbox, physio: Any
) -> None:
    runner = client_of(physio)
    colleague = make_professional(
        "cara@clinic.example", physio.practice, role="clinician", name=("Cara", "Diaz")
    )
    share = runner.shares.get()
    share.clinician = colleague
    share.save()
    signed_in(runner).post(f"/messages/{share.pk}/reply/", {"text": QUESTION})
    mailbox.wait_for(colleague.user.email)
    assert mailbox.to(physio.user.email) == []


def test_an_empty_reply_is_refused_and_kept_for_her(physio: Any) -> None:
    runner = client_of(physio)
    share = runner.shares.get()
    response = signed_in(runner).post(f"/messages/{share.pk}/reply/", {"text": ""})
    assert response.status_code == 400
    assert not Message.objects.exists()


def test_after_she_revokes_the_practice_cannot_message_her_nor_she_it(
    physio: Any, physio_client: Client
) -> None:
    runner = client_of(physio)
    share = runner.shares.get()
    share.revoked_at = timezone.now()
    share.save()
    response = physio_client.post(f"/practice/clients/{runner.pk}/messages/", {"text": ADVICE})
    assert response.status_code == 404
    assert signed_in(runner).post(f"/messages/{share.pk}/reply/", {"text": "hi"}).status_code == 404
    assert physio.practice.name not in signed_in(runner).get("/messages/").text
    assert not Message.objects.exists()


def test_another_runner_cannot_write_into_her_conversation(physio: Any, other_runner: Any) -> None:
    runner = client_of(physio)
    share = runner.shares.get()
    response = signed_in(other_runner).post(f"/messages/{share.pk}/reply/", {"text": "hi"})
    assert response.status_code == 404
    assert not Message.objects.exists()
