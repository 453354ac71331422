"""Accounts: sign up, sign in with the email, sign out, and reset a forgotten password."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from strideback.accounts.models import User
from tests.web.conftest import PASSWORD, make_user
from tests.web.pages import field_block, text

NEW_PASSWORD = "rain on the window again"


def sign_in(client: Client, email: str, password: str) -> Any:
    return client.post("/accounts/login/", {"username": email, "password": password})


def signed_in_as(client: Client) -> str | None:
    user = client.get("/").wsgi_request.user
    return user.email if user.is_authenticated else None


# --- Sign up ----------------------------------------------------------------------------


def test_the_sign_up_page_asks_for_an_email_and_a_password(client: Client, db: None) -> None:
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    page = text(response)
    assert '<label for="id_email">Email</label>' in page
    assert '<label for="id_password">Password</label>' in page
    assert "At least 10 characters." in page


def test_signing_up_creates_the_account_and_signs_her_in(client: Client, db: None) -> None:
    response = client.post(
        "/accounts/signup/", {"email": "  New.Runner@Example.com ", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/intake/"
    user = User.objects.get()
    assert user.email == "new.runner@example.com"
    assert user.role == User.Role.RUNNER
    assert user.check_password(PASSWORD)
    assert user.password != PASSWORD  # stored hashed
    assert user.password.startswith("argon2")
    assert signed_in_as(client) == "new.runner@example.com"


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("seaside", "This password is too short. It must contain at least 10 characters."),
        ("password1234", "This password is too common."),
        ("3141592653589", "This password is entirely numeric."),
    ],
    ids=["too short", "too common", "all numbers"],
)
def test_a_weak_password_is_refused_beside_the_password_field_and_the_email_kept(
    client: Client, db: None, password: str, message: str
) -> None:
    response = client.post("/accounts/signup/", {"email": "mum@example.com", "password": password})
    assert response.status_code == 400
    page = text(response)
    assert message in field_block(page, "password")
    assert message not in field_block(page, "email")
    assert 'name="email" value="mum@example.com"' in page
    assert password not in page  # a password is never sent back
    assert not User.objects.exists()


def test_a_password_like_the_email_is_refused(client: Client, db: None) -> None:
    response = client.post(
        "/accounts/signup/",
        {"email": "seasidemorning@example.com", "password": "seasidemorning"},
    )
    assert response.status_code == 400
    assert "The password is too similar to the email address." in field_block(
        text(response), "password"
    )


def test_a_taken_email_is_refused_beside_the_email_field_whatever_its_case(
    client: Client, db: None
) -> None:
    make_user("taken@example.com")
    response = client.post(
        "/accounts/signup/", {"email": "Taken@Example.com", "password": NEW_PASSWORD}
    )
    assert response.status_code == 400
    page = text(response)
    assert "An account with this email already exists." in field_block(page, "email")
    assert 'value="Taken@Example.com"' in page
    assert User.objects.count() == 1


def test_a_bad_email_is_refused_beside_the_email_field_and_kept_as_typed(
    client: Client, db: None
) -> None:
    response = client.post(
        "/accounts/signup/", {"email": "mum at example", "password": NEW_PASSWORD}
    )
    assert response.status_code == 400
    page = text(response)
    assert "Enter a valid email address." in field_block(page, "email")
    assert 'name="email" value="mum at example"' in page
    assert "Please check the answers marked below." in page
    assert not User.objects.exists()


def test_a_missing_email_and_password_are_both_marked(client: Client, db: None) -> None:
    # A browser sends the empty fields as empty strings.
    response = client.post("/accounts/signup/", {"email": "", "password": ""})
    assert response.status_code == 400
    page = text(response)
    assert "This field is required." in field_block(page, "email")
    assert "This field is required." in field_block(page, "password")


def test_a_signed_in_runner_visiting_sign_up_is_sent_home(runner_client: Client) -> None:
    response = runner_client.get("/accounts/signup/")
    assert response.status_code == 302
    assert response["Location"] == "/"


# --- Sign in ----------------------------------------------------------------------------


def test_she_signs_in_with_her_email_and_lands_on_today(runner: User, client: Client) -> None:
    response = sign_in(client, "Runner@Example.com", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/today/"
    assert signed_in_as(client) == "runner@example.com"
    assert client.get("/today/").status_code == 200


def test_signing_in_goes_back_to_the_page_she_asked_for(runner: User, client: Client) -> None:
    first = client.get("/history/")
    assert first["Location"] == "/accounts/login/?next=/history/"
    assert 'name="next" value="/history/"' in text(client.get(first["Location"]))
    response = client.post(
        "/accounts/login/",
        {"username": "runner@example.com", "password": PASSWORD, "next": "/history/"},
    )
    assert response["Location"] == "/history/"


def test_a_wrong_password_shows_a_plain_message_and_keeps_her_signed_out(
    runner: User, client: Client
) -> None:
    response = sign_in(client, "runner@example.com", "not my password at all")
    assert response.status_code == 200
    page = text(response)
    assert "That email and password do not match an account." in page
    assert "reset the password" in page
    assert 'value="runner@example.com"' in page
    assert "Traceback" not in page
    assert signed_in_as(client) is None


def test_an_unknown_email_gets_the_same_message_as_a_wrong_password(
    client: Client, db: None
) -> None:
    page = text(sign_in(client, "nobody@example.com", PASSWORD))
    assert "That email and password do not match an account." in page
    assert signed_in_as(client) is None


def test_a_sign_in_with_a_bad_email_says_so_beside_the_field(client: Client, db: None) -> None:
    page = text(sign_in(client, "not an email", PASSWORD))
    assert "Enter a valid email address." in field_block(page, "username")
    assert "Traceback" not in page


# --- Sign out ---------------------------------------------------------------------------


def test_sign_out_is_post_only(runner_client: Client) -> None:
    response = runner_client.get("/accounts/logout/")
    assert response.status_code == 405
    assert signed_in_as(runner_client) == "runner@example.com"


def test_signing_out_ends_the_session_and_goes_home(runner_client: Client) -> None:
    assert "Sign out" in text(runner_client.get("/today/"))
    response = runner_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_as(runner_client) is None
    assert runner_client.get("/today/").status_code == 302


def test_signing_out_needs_the_csrf_token(runner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(runner)
    assert client.post("/accounts/logout/").status_code == 403
    assert signed_in_as(client) == "runner@example.com"


# --- Password reset -----------------------------------------------------------------------


def test_mail_goes_to_the_console_unless_an_smtp_host_is_set() -> None:
    from strideback.web import settings as production

    # pytest-django swaps in the in-memory backend for tests; the app's own default prints.
    assert production.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


def test_a_password_reset_mails_a_link_that_lets_her_choose_a_new_password(
    runner: User, client: Client, mailoutbox: list[mail.EmailMessage]
) -> None:
    page = text(client.get("/accounts/password-reset/"))
    assert "Enter your email and we will send you a link" in page

    response = client.post("/accounts/password-reset/", {"email": "runner@example.com"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert "Check your email" in text(client.get(response["Location"]))

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["runner@example.com"]
    assert message.subject == "Reset your Strideback password"
    assert "runner@example.com" in message.body
    found = re.search(r"http://testserver(/accounts/password-reset/[^/\s]+/[^/\s]+/)", message.body)
    assert found, message.body
    link = found.group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Choose a new password" in text(form_page)
    assert 'name="new_password1"' in text(form_page)
    set_password_url = form_page.redirect_chain[-1][0]

    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/done/"
    assert "Your password is changed" in text(client.get(response["Location"]))

    fresh = Client()
    assert "do not match an account" in text(sign_in(fresh, "runner@example.com", PASSWORD))
    assert sign_in(fresh, "runner@example.com", NEW_PASSWORD)["Location"] == "/today/"
    assert signed_in_as(fresh) == "runner@example.com"

    # The link works once.
    used = client.get(link, follow=True)
    assert "This link has expired or has been used already." in text(used)


def test_a_password_reset_for_an_unknown_email_looks_the_same_and_sends_nothing(
    client: Client, db: None, mailoutbox: list[mail.EmailMessage]
) -> None:
    response = client.post("/accounts/password-reset/", {"email": "stranger@example.com"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mailoutbox == []


def test_a_new_password_must_be_strong_and_typed_twice_the_same(
    runner: User, client: Client, mailoutbox: list[mail.EmailMessage]
) -> None:
    client.post("/accounts/password-reset/", {"email": "runner@example.com"})
    link = re.search(r"http://testserver(\S+)", mailoutbox[0].body)
    assert link
    set_password_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]

    response = client.post(set_password_url, {"new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200
    assert "This password is too short." in field_block(text(response), "new_password2")
    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "!"}
    )
    assert "The two password fields didn’t match." in text(response)
    runner.refresh_from_db()
    assert runner.check_password(PASSWORD)
