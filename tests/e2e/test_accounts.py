"""Accounts in Chromium at phone size, with the real server's mail read from a real SMTP
server: too many wrong passwords, a forgotten password, and signing out."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import server_mailbox
from tests.e2e.test_journeys import PASSWORD, sign_up
from tests.mailbox import link_in

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "rain on the window again"


def new_runner_signed_out(page: Page, shot: Callable[[str], Path]) -> str:
    page.goto("/accounts/signup/")
    email = sign_up(page, shot)
    expect(page).to_have_url(re.compile(r"/intake/birth/$"))
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
    return email


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_six_wrong_passwords_show_the_page_that_says_how_long_to_wait(
    page: Page, shot: Callable[[str], Path]
) -> None:
    email = new_runner_signed_out(page, shot)
    sign_in(page, email, "not my password")
    expect(page.get_by_role("alert")).to_contain_text(
        "That email and password do not match an account."
    )
    shot("wrong-password")
    # The fifth wrong try is still answered; the sixth waits (sooner if this connection
    # has just made other wrong tries).
    for _ in range(5):
        if page.get_by_role("heading", name="Too many tries to sign in").count():
            break
        sign_in(page, email, "not my password")
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many tries to sign in")
    expect(page.get_by_test_id("wait")).to_contain_text(re.compile(r"Please wait \d+ minutes?"))
    expect(page.get_by_role("link", name="Reset my password")).to_be_visible()
    shot("too-many-tries")

    # Even the right password waits.
    sign_in(page, email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many tries to sign in")


def test_a_forgotten_password_is_reset_by_the_emailed_link(
    page: Page, shot: Callable[[str], Path]
) -> None:
    email = new_runner_signed_out(page, shot)
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    page.get_by_label("Email").fill(email)
    shot("reset")
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    shot("reset-sent")

    message = server_mailbox().wait_for(email, count=2)  # after the sign-up code
    assert message["Subject"] == "Reset your Strideback password"
    page.goto(link_in(message))
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    expect(page).to_have_url(re.compile(r"set-password/$"))
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("The new password again").fill(NEW_PASSWORD)
    shot("new-password")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your password is changed")
    shot("changed")

    sign_in(page, email, NEW_PASSWORD)
    expect(page).to_have_url(re.compile(r"/intake/birth/$"))
