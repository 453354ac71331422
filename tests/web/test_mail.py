"""Mail through the app's real SMTP backend to a real SMTP server on loopback (aiosmtpd):
the code and the reset link are read from the delivered messages, as she reads them."""

from __future__ import annotations

from django.test import Client

from strideback.accounts.models import User
from tests.mailbox import Mailbox, body, code_in, link_in
from tests.web.conftest import PASSWORD, make_user

NEW_PASSWORD = "rain on the window again"


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
