"""Accounts: sign up (the address checked by an emailed code), sign in with the email, sign
out, reset a forgotten password, and the limits on tries that stop guessing."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client

from strideback.accounts.models import User
from tests.web.conftest import PASSWORD, mailed_code, make_user, sign_up
from tests.web.pages import field_block, text, visible

NEW_PASSWORD = "rain on the window again"
CODE_PAGE = "/accounts/confirm-email/"


def sign_in(client: Client, email: str, password: str, **extra: str) -> Any:
    return client.post("/accounts/login/", {"login": email, "password": password, **extra})


def start_sign_up(client: Client, email: str, password: str = PASSWORD) -> Any:
    return client.post("/accounts/signup/", {"email": email, "password1": password})


def signed_in_as(client: Client) -> str | None:
    user = client.get("/").wsgi_request.user
    return user.email if user.is_authenticated else None


def mails_to(address: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [address]]


def wait_seconds(response: Any) -> int:
    assert response.status_code == 429
    return int(response["Retry-After"])


# --- Sign up ----------------------------------------------------------------------------


def test_the_sign_up_page_asks_for_an_email_and_a_password(client: Client, db: None) -> None:
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    page = text(response)
    assert '<label for="id_email">Email</label>' in page
    assert '<label for="id_password1">Password</label>' in page
    assert "At least 10 characters." in page
    assert "we email you a 6-digit code" in page
    assert "placeholder" not in page


def test_signing_up_mails_a_code_and_the_code_makes_the_account_and_signs_her_in(
    client: Client, db: None
) -> None:
    response = start_sign_up(client, "  New.Runner@Example.com ")
    assert response.status_code == 302
    assert response["Location"] == CODE_PAGE
    page = client.get(CODE_PAGE)
    assert page.status_code == 200
    assert "We have sent a 6-digit code to new.runner@example.com" in visible(page)
    assert signed_in_as(client) is None  # not until the code is typed

    [message] = mail.outbox
    assert message.to == ["new.runner@example.com"]
    code = mailed_code("new.runner@example.com")
    assert message.subject == f"Your Strideback code: {code}"
    response = client.post(CODE_PAGE, {"code": code})
    assert response.status_code == 302
    assert response["Location"] == "/intake/"  # a new account without answers starts there
    assert signed_in_as(client) == "new.runner@example.com"

    user = User.objects.get()
    assert user.email == "new.runner@example.com"
    assert user.role == User.Role.RUNNER
    assert user.check_password(PASSWORD)
    assert user.password.startswith("argon2")
    assert EmailAddress.objects.get(user=user).verified


def test_the_code_works_typed_with_spaces_around_it(client: Client, db: None) -> None:
    start_sign_up(client, "spaces@example.com")
    code = mailed_code("spaces@example.com")
    response = client.post(CODE_PAGE, {"code": f"  {code} "})
    assert response.status_code == 302
    assert signed_in_as(client) == "spaces@example.com"


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
    response = start_sign_up(client, "mum@example.com", password)
    assert response.status_code == 400
    page = text(response)
    assert message in field_block(page, "password1")
    assert message not in field_block(page, "email")
    assert 'name="email" value="mum@example.com"' in page
    assert password not in page  # a password is never sent back
    assert not User.objects.exists()
    assert mail.outbox == []


def test_a_password_like_the_email_is_refused(client: Client, db: None) -> None:
    response = start_sign_up(client, "seasidemorning@example.com", "seasidemorning")
    assert response.status_code == 400
    assert "The password is too similar to the email address." in field_block(
        text(response), "password1"
    )


def test_a_bad_email_is_refused_beside_the_email_field_and_kept_as_typed(
    client: Client, db: None
) -> None:
    response = start_sign_up(client, "mum at example", NEW_PASSWORD)
    assert response.status_code == 400
    page = text(response)
    assert "Enter a valid email address." in field_block(page, "email")
    assert 'name="email" value="mum at example"' in page
    assert "Please check the answers marked below." in page
    assert not User.objects.exists()


def test_a_missing_email_and_password_are_both_marked(client: Client, db: None) -> None:
    response = client.post("/accounts/signup/", {"email": "", "password1": ""})
    assert response.status_code == 400
    page = text(response)
    assert "Email: please fill this in." in field_block(page, "email")
    assert "Password: please fill this in." in field_block(page, "password1")


def test_a_signed_in_runner_visiting_sign_up_is_sent_to_today(runner_client: Client) -> None:
    response = runner_client.get("/accounts/signup/")
    assert response.status_code == 302
    assert response["Location"] == "/today/"


# --- Sign-up never tells whether an address has an account -------------------------------


def _code_page_for(address: str) -> tuple[int, str, str]:
    client = Client()
    response = start_sign_up(client, address, NEW_PASSWORD)
    page = visible(client.get(CODE_PAGE)).replace(address, "ADDRESS")
    return response.status_code, response["Location"], page


def test_an_address_with_an_account_gets_the_same_answer_as_a_new_one_and_a_mail_saying_so(
    db: None,
) -> None:
    make_user("taken@example.com")
    assert _code_page_for("taken@example.com") == _code_page_for("fresh@example.com")
    assert User.objects.count() == 2  # the new address's account waits for its code

    [warning] = mails_to("taken@example.com")
    assert warning.subject == "Someone tried to make a Strideback account with your email"
    assert "You already have an account, so no new one was made." in warning.body
    assert "http://testserver/accounts/password-reset/" in warning.body
    [code] = mails_to("fresh@example.com")
    assert code.subject.startswith("Your Strideback code: ")


def test_no_code_opens_an_address_that_has_an_account(client: Client, db: None) -> None:
    runner = make_user("taken@example.com")
    start_sign_up(client, "Taken@Example.com", NEW_PASSWORD)
    for guess in ("000000", "123456"):
        response = client.post(CODE_PAGE, {"code": guess})
        assert response.status_code == 400
        assert "That is not the code we sent." in text(response)
    assert wait_seconds(client.post(CODE_PAGE, {"code": "654321"})) >= 0
    assert signed_in_as(client) is None
    runner.refresh_from_db()
    assert runner.check_password(PASSWORD)


# --- The code -----------------------------------------------------------------------------


def test_a_wrong_code_says_so_and_the_third_wrong_one_ends_it_with_a_429_page(
    client: Client, db: None
) -> None:
    start_sign_up(client, "typo@example.com")
    for _ in range(2):
        response = client.post(CODE_PAGE, {"code": "000000"})
        assert response.status_code == 400
        assert "That is not the code we sent." in field_block(text(response), "code")
    response = client.post(CODE_PAGE, {"code": "000000"})
    assert response.status_code == 429
    page = visible(response)
    assert "That code no longer works" in page
    assert "Sign in with your email and password and we will email you a new code." in page
    assert "Traceback" not in page
    # The right code no longer works either; signing in mails a new one.
    right = mailed_code("typo@example.com")
    assert client.post(CODE_PAGE, {"code": right})["Location"] == "/accounts/login/"
    assert signed_in_as(client) is None


def test_signing_in_before_the_address_is_checked_mails_a_new_code(
    client: Client, db: None
) -> None:
    start_sign_up(Client(), "later@example.com")
    cache.clear()  # as if half a minute had passed, so a new code may be sent
    response = sign_in(client, "later@example.com", PASSWORD)
    assert response["Location"] == CODE_PAGE
    assert len(mails_to("later@example.com")) == 2
    second = mailed_code("later@example.com")
    assert client.post(CODE_PAGE, {"code": second})["Location"] == "/today/"
    assert signed_in_as(client) == "later@example.com"


def test_a_new_code_asked_for_at_once_is_refused_with_how_long_to_wait(
    client: Client, db: None
) -> None:
    start_sign_up(client, "impatient@example.com")
    response = client.post(CODE_PAGE, {"action": "resend"})
    assert 0 < wait_seconds(response) <= 30
    page = visible(response)
    assert "We have just sent you a code" in page
    assert re.search(r"Please wait \d+ seconds? ?, then try again\.", page)
    assert len(mails_to("impatient@example.com")) == 1


def test_wrong_address_starts_again_and_keeps_her_answers(client: Client, db: None) -> None:
    session = client.session
    session["visitor_answers"] = {"birth_date": "2026-08-01"}
    session.save()
    start_sign_up(client, "tpyo@example.com")
    response = client.post("/accounts/logout/", {"next": "/accounts/signup/"})
    assert response["Location"] == "/accounts/signup/"
    assert client.get(CODE_PAGE)["Location"] == "/accounts/login/"  # nothing under way
    assert client.session["visitor_answers"] == {"birth_date": "2026-08-01"}
    assert sign_up(client, "typo@example.com").status_code == 200
    assert signed_in_as(client) == "typo@example.com"


def test_the_code_page_sends_a_signed_in_runner_home(runner_client: Client) -> None:
    response = runner_client.get(CODE_PAGE)
    assert response.status_code == 302
    assert response["Location"] == "/"


# --- Two sign-ups with one address at once ----------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_sign_ups_with_one_address_at_once_make_one_account_and_no_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two threads, each with its own database connection, both past the check that the
    address is free before either has saved."""
    from strideback.accounts.forms import SignUpForm

    both_checked = threading.Barrier(2)
    checked = SignUpForm.clean

    def clean_then_wait(form: SignUpForm) -> dict[str, Any]:
        cleaned: dict[str, Any] = checked(form)
        both_checked.wait(timeout=10)
        return cleaned

    monkeypatch.setattr(SignUpForm, "clean", clean_then_wait)
    responses: list[Any] = []
    failures: list[BaseException] = []

    def send() -> None:
        try:
            responses.append(start_sign_up(Client(), "twice@example.com"))
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not failures, failures
        assert User.objects.filter(email="twice@example.com").count() == 1
        # One is answered as any sign-up is, the code page; the other as a second sign-up
        # with an address that was just mailed: wait a moment and look for that email.
        first, second = sorted(responses, key=lambda response: response.status_code)
        assert first.status_code == 302
        assert first["Location"] == CODE_PAGE
        assert second.status_code == 429
        assert "We have just sent you a code" in visible(second)
        assert len(mails_to("twice@example.com")) == 1
    finally:
        cache.clear()  # the cache table outlives this test's database flush


# --- Sign in ----------------------------------------------------------------------------


def test_the_sign_in_page_asks_for_an_email_and_a_password(client: Client, db: None) -> None:
    page = text(client.get("/accounts/login/"))
    assert '<label for="id_login">Email</label>' in page
    assert '<label for="id_password">Password</label>' in page
    assert 'href="/accounts/password-reset/"' in page


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
    response = sign_in(client, "runner@example.com", PASSWORD, next="/history/")
    assert response["Location"] == "/history/"


def test_a_wrong_password_shows_a_plain_message_and_keeps_her_signed_out(
    runner: User, client: Client
) -> None:
    response = sign_in(client, "runner@example.com", "not my password at all")
    assert response.status_code == 400
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
    response = sign_in(client, "not an email", PASSWORD)
    assert response.status_code == 400
    assert "Enter a valid email address." in field_block(text(response), "login")


# --- Limits on sign-in tries ----------------------------------------------------------------


def test_five_wrong_passwords_for_one_address_pause_it_with_a_429_page_and_the_wait(
    runner: User, client: Client
) -> None:
    for _ in range(5):
        assert sign_in(client, "runner@example.com", "not my password").status_code == 400
    response = sign_in(client, "runner@example.com", "not my password")
    assert 240 <= wait_seconds(response) <= 300
    page = visible(response)
    assert "Too many tries to sign in" in page
    assert re.search(r"Please wait [45] minutes ?, then try again\.", page)
    assert "Reset my password" in page
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    # Even the right password waits, so guessing gains nothing; another address is not held up.
    assert wait_seconds(sign_in(client, "runner@example.com", PASSWORD)) > 0
    assert signed_in_as(client) is None
    assert sign_in(Client(), "nobody@example.com", PASSWORD).status_code == 400


def test_wrong_passwords_for_many_addresses_from_one_connection_are_paused_too(
    client: Client, db: None
) -> None:
    for n in range(10):
        assert sign_in(client, f"guess{n}@example.com", PASSWORD).status_code == 400
    response = sign_in(client, "guess10@example.com", PASSWORD)
    assert 240 <= wait_seconds(response) <= 300
    # A runner on another connection signs in as usual.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert sign_in(other, "guess11@example.com", PASSWORD).status_code == 400


def test_a_right_password_does_not_count_as_a_wrong_try(runner: User) -> None:
    for _ in range(8):
        client = Client()
        assert sign_in(client, "runner@example.com", PASSWORD)["Location"] == "/today/"
    for _ in range(5):
        assert sign_in(Client(), "runner@example.com", "not it").status_code == 400


# --- Sign out -------------------------------------------------------------------------------


def test_sign_out_asks_first_when_opened_as_a_page(runner_client: Client) -> None:
    response = runner_client.get("/accounts/logout/")
    assert response.status_code == 200
    assert "Sign out?" in visible(response)
    assert signed_in_as(runner_client) == "runner@example.com"


def test_signing_out_ends_this_devices_session_and_goes_home(runner_client: Client) -> None:
    key = runner_client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    assert "Sign out" in text(runner_client.get("/today/"))
    response = runner_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not Session.objects.filter(session_key=key).exists()
    assert signed_in_as(runner_client) is None
    assert runner_client.get("/today/").status_code == 302


def test_signing_out_needs_the_csrf_token(runner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(runner)
    assert client.post("/accounts/logout/").status_code == 403
    assert signed_in_as(client) == "runner@example.com"


# --- Every session of hers ------------------------------------------------------------------


def signed_in_through_the_form(email: str, password: str = PASSWORD) -> Client:
    client = Client()
    assert sign_in(client, email, password)["Location"] == "/today/"
    return client


def test_deleting_her_account_ends_every_session_of_hers_on_every_device(
    runner: User, other_runner: User
) -> None:
    phone = signed_in_through_the_form("runner@example.com")
    laptop = signed_in_through_the_form("runner@example.com")
    someone_else = signed_in_through_the_form("other@example.com")
    laptop_key = laptop.session.session_key

    response = phone.post("/settings/delete/", {"password": PASSWORD})
    assert response["Location"] == "/goodbye/"
    assert signed_in_as(phone) is None
    assert signed_in_as(laptop) is None
    assert not Session.objects.filter(session_key=laptop_key).exists()
    assert laptop.get("/today/")["Location"].startswith("/accounts/login/")
    assert signed_in_as(someone_else) == "other@example.com"


def test_a_new_password_signs_her_out_on_her_other_devices(runner: User) -> None:
    laptop = signed_in_through_the_form("runner@example.com")
    choose_a_new_password(Client(), "runner@example.com")
    assert signed_in_as(laptop) is None
    assert signed_in_through_the_form("runner@example.com", NEW_PASSWORD)


# --- Password reset -----------------------------------------------------------------------


def test_mail_goes_to_the_console_unless_an_smtp_host_is_set() -> None:
    from strideback.web import settings as production

    # pytest-django swaps in the in-memory backend for tests; the app's own default prints.
    assert production.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


def reset_link(address: str) -> str:
    found = re.search(
        r"http://testserver(/accounts/password-reset/\S+/)", mails_to(address)[-1].body
    )
    assert found, mails_to(address)[-1].body
    return found[1]


def choose_a_new_password(client: Client, address: str) -> str:
    assert client.post("/accounts/password-reset/", {"email": address}).status_code == 302
    link = reset_link(address)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/accounts/password-reset/done/"
    return link


def test_a_password_reset_mails_a_link_that_lets_her_choose_a_new_password(
    runner: User, client: Client
) -> None:
    page = text(client.get("/accounts/password-reset/"))
    assert "Enter your email and we will send you a link" in page

    response = client.post("/accounts/password-reset/", {"email": "Runner@Example.com"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert "Check your email" in text(client.get(response["Location"]))

    [message] = mail.outbox
    assert message.to == ["runner@example.com"]
    assert message.subject == "Reset your Strideback password"
    assert "runner@example.com" in message.body
    link = reset_link("runner@example.com")

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Choose a new password" in text(form_page)
    assert 'name="password1"' in text(form_page)
    set_password_url = form_page.redirect_chain[-1][0]
    assert "set-password" in set_password_url  # the secret is kept out of the address bar

    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/done/"
    assert "Your password is changed" in text(client.get(response["Location"]))

    fresh = Client()
    assert "do not match an account" in text(sign_in(fresh, "runner@example.com", PASSWORD))
    assert sign_in(fresh, "runner@example.com", NEW_PASSWORD)["Location"] == "/today/"

    # The link works once.
    used = client.get(link, follow=True)
    assert "This link has expired or has been used already." in text(used)


def test_a_password_reset_for_an_unknown_email_looks_the_same_and_says_no_account_uses_it(
    client: Client, db: None
) -> None:
    response = client.post("/accounts/password-reset/", {"email": "stranger@example.com"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    [message] = mail.outbox
    assert message.to == ["stranger@example.com"]
    assert "no account uses it" in message.body
    assert "http://testserver/accounts/signup/" in message.body


def test_a_new_password_must_be_strong_and_typed_twice_the_same(
    runner: User, client: Client
) -> None:
    client.post("/accounts/password-reset/", {"email": "runner@example.com"})
    set_password_url = client.get(reset_link("runner@example.com"), follow=True).redirect_chain[-1][
        0
    ]

    response = client.post(set_password_url, {"password1": "short", "password2": "short"})
    assert response.status_code == 400
    assert "This password is too short." in field_block(text(response), "password1")
    response = client.post(
        set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "!"}
    )
    assert response.status_code == 400
    assert "You must type the same password each time." in field_block(text(response), "password2")
    runner.refresh_from_db()
    assert runner.check_password(PASSWORD)


def test_a_fourth_reset_mail_to_one_address_waits_and_says_how_long(
    runner: User, client: Client
) -> None:
    for _ in range(3):
        client.post("/accounts/password-reset/", {"email": "runner@example.com"})
    response = client.post("/accounts/password-reset/", {"email": "runner@example.com"})
    assert 800 <= wait_seconds(response) <= 900
    page = visible(response)
    assert "We have just sent you a link" in page
    assert re.search(r"Please wait 1[45] minutes ?, then try again\.", page)
    assert len(mails_to("runner@example.com")) == 3


def test_a_broken_reset_link_says_so_plainly(client: Client, db: None) -> None:
    response = client.get("/accounts/password-reset/1-not-a-token/")
    assert response.status_code == 200
    assert "This link has expired or has been used already." in text(response)


# --- Changing her password from Settings ------------------------------------------------


def test_settings_offers_to_change_her_password(runner: User, runner_client: Client) -> None:
    page = visible(runner_client.get("/settings/"))
    assert f"You sign in as {runner.email}" in page
    assert 'href="/accounts/password/change/"' in text(runner_client.get("/settings/"))


def test_a_wrong_current_password_is_refused_beside_it_and_nothing_changes(
    runner: User, runner_client: Client
) -> None:
    response = runner_client.post(
        "/accounts/password/change/",
        {"oldpassword": "not my password", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 400
    assert 'class="errors"' in field_block(text(response), "oldpassword")
    runner.refresh_from_db()
    assert runner.check_password(PASSWORD)


def test_a_new_password_works_the_old_one_no_longer_and_every_device_is_signed_out(
    runner: User, runner_client: Client
) -> None:
    other_phone = Client()
    other_phone.force_login(runner)
    assert other_phone.get("/today/").status_code == 200
    response = runner_client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == "/accounts/login/"
    for device in (runner_client, other_phone):
        assert device.get("/today/").status_code == 302  # signed out: to sign in again
    old = Client()
    sign_in(old, runner.email, PASSWORD)
    assert signed_in_as(old) is None
    fresh = Client()
    sign_in(fresh, runner.email, NEW_PASSWORD)
    assert signed_in_as(fresh) == runner.email


# --- Changing her email address from Settings -------------------------------------------


def test_a_new_address_replaces_hers_only_once_the_code_sent_there_is_typed(
    runner: User, runner_client: Client
) -> None:
    old = runner.email
    assert 'href="/accounts/email/"' in text(runner_client.get("/settings/"))
    assert f"You sign in as {old}" in visible(runner_client.get("/accounts/email/"))
    response = runner_client.post(
        "/accounts/email/", {"email": "new-address@example.com", "action_add": ""}
    )
    assert response.status_code == 302
    assert response.url == CODE_PAGE
    # Not yet: she still signs in, and is written to, at the old address.
    runner.refresh_from_db()
    assert runner.email == old
    assert "We have sent a 6-digit code to new-address@example.com" in visible(
        runner_client.get(CODE_PAGE)
    )
    code = mailed_code("new-address@example.com")
    response = runner_client.post(CODE_PAGE, {"action": "verify", "code": code})
    assert response.status_code == 302
    runner.refresh_from_db()
    assert runner.email == "new-address@example.com"
    assert list(EmailAddress.objects.filter(user=runner).values_list("email", "verified")) == [
        ("new-address@example.com", True)
    ]
    fresh = Client()
    sign_in(fresh, "new-address@example.com", PASSWORD)
    assert signed_in_as(fresh) == "new-address@example.com"


def test_a_badly_typed_new_address_is_refused_beside_it(
    runner: User, runner_client: Client
) -> None:
    response = runner_client.post("/accounts/email/", {"email": "new at example", "action_add": ""})
    assert response.status_code == 400
    assert 'class="errors"' in field_block(text(response), "email")
    runner.refresh_from_db()
    assert runner.email == "runner@example.com"
