"""Mail through the app's real SMTP backend to a real SMTP server on loopback (aiosmtpd):
the code and the reset link are read from the delivered messages, as she reads them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from strideback.accounts.models import User
from tests.mailbox import Mailbox, body, code_in, link_in, smtp_server
from tests.web.conftest import PASSWORD, make_user

NEW_PASSWORD = "rain on the window again"


@pytest.fixture
def mailbox(settings: Any) -> Iterator[Mailbox]:
    """The SMTP backend the app uses when STRIDEBACK_SMTP_HOST is set, pointed at a local
    server (pytest-django otherwise keeps mail in memory)."""
    with smtp_server() as (box, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        yield box


def test_the_sign_up_code_arrives_by_smtp_and_opens_her_account(
    mailbox: Mailbox, client: Client, db: None
) -> None:
    response = client.post(
        "/accounts/signup/", {"email": "smtp@example.com", "password1": PASSWORD}
    )
    assert response["Location"] == "/accounts/confirm-email/"
    message = mailbox.wait_for("smtp@example.com")
    assert message["From"] == "Strideback <no-reply@strideback.invalid>"
    code = code_in(message)
    assert message["Subject"] == f"Your Strideback code: {code}"
    assert "It works for 30 minutes." in body(message)

    response = client.post("/accounts/confirm-email/", {"code": code})
    assert response["Location"] == "/intake/"
    assert client.get("/").wsgi_request.user.email == "smtp@example.com"


def test_the_reset_link_arrives_by_smtp_and_sets_a_new_password(
    mailbox: Mailbox, client: Client, db: None
) -> None:
    user = make_user("forgot@example.com")
    client.post("/accounts/password-reset/", {"email": "forgot@example.com"})
    message = mailbox.wait_for("forgot@example.com")
    assert message["Subject"] == "Reset your Strideback password"
    link = link_in(message).removeprefix("http://testserver")

    form = client.get(link, follow=True)
    response = client.post(
        form.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response["Location"] == "/accounts/password-reset/done/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_an_address_with_an_account_is_told_by_smtp_that_someone_tried_to_sign_up(
    mailbox: Mailbox, client: Client, db: None
) -> None:
    make_user("taken@example.com")
    client.post("/accounts/signup/", {"email": "taken@example.com", "password1": NEW_PASSWORD})
    message = mailbox.wait_for("taken@example.com")
    assert message["Subject"] == "Someone tried to make a Strideback account with your email"
    assert "http://testserver/accounts/password-reset/" in body(message)
    assert User.objects.count() == 1
