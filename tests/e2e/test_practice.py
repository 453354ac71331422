"""The practice journey in Chromium: a pelvic health physiotherapist at her desk (1280×900)
and a runner on her phone, each in her own browser.

The physio signs up, starts a practice and turns on two-factor sign-in (the code computed
here from the key on the page); she invites the runner by email and the runner accepts. The
runner logs a leak: the physio sees her at the top of the caseload and is emailed an alert,
clears her after an assessment, writes a custom exercise and adds it to her strength
sessions, and writes to her. The runner sees each of these, then ends the practice's access:
her page answers "not found" and the caseload no longer lists her.
Screenshots: out/screenshots/.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import re
import struct
import time
import uuid
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import screenshots, server_mailbox
from tests.e2e.test_journeys import (
    PASSWORD,
    answer_intake,
    log_todays_session,
    open_todays_run,
    sign_up,
)
from tests.mailbox import body

pytestmark = pytest.mark.e2e

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}
PHYSIO_FIRST, PHYSIO_LAST = "Anna", "Lee"
SHARE_LINK = re.compile(r"https?://\S+(/share/\w+/)")


def totp(secret: str, at: float | None = None) -> str:
    """The 6-digit code an authenticator app shows for ``secret`` (RFC 6238: SHA-1, 30 s)."""
    key = base64.b32decode(secret.replace(" ", "").upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def code_to_type(secret: str) -> str:
    """The code as she would type it: never in the last seconds of its 30 s window, so a busy
    machine cannot let it expire between typing and the server's check."""
    left = 30 - time.time() % 30
    if left < 10:
        time.sleep(left + 0.5)
    return totp(secret)


def test_totp_matches_rfc_6238() -> None:
    # The SHA-1 test vectors of RFC 6238, appendix B (their last 6 digits).
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp(secret, at=59) == "287082"
    assert totp(secret, at=1111111109) == "081804"


def mail_about(address: str, subject: str, timeout: float = 15) -> EmailMessage:
    """The newest message to ``address`` whose subject holds ``subject``, once it comes."""
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in server_mailbox().to(address) if subject in str(m["Subject"])]
        if found:
            return found[-1]
        if time.monotonic() > deadline:
            raise AssertionError(f"no mail about {subject!r} to {address} within {timeout:.0f} s")
        time.sleep(0.05)


@pytest.fixture
def desk(browser: Browser, server: str) -> Iterator[Page]:
    """A fresh desktop-sized context: the professional at her desk."""
    context = browser.new_context(base_url=server, **DESKTOP)
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        with contextlib.suppress(Exception):
            context.close()


@pytest.fixture
def desk_shot(desk: Page, request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """``desk_shot("caseload")`` saves out/screenshots/<test>-desk-caseload.png."""
    return screenshots(desk, request, "desk")


def set_up_practice(desk: Page, shot: Callable[[str], Path], practice: str) -> str:
    """Sign up, start a practice and turn on two-factor sign-in; returns her email."""
    desk.goto("/accounts/signup/")
    email = sign_up(desk, shot, who="physio")
    expect(desk).not_to_have_url(re.compile(r"/accounts/confirm-email/$"))
    desk.goto("/practice/start/")
    desk.get_by_label("First name").fill(PHYSIO_FIRST)
    desk.get_by_label("Last name").fill(PHYSIO_LAST)
    desk.get_by_label("Pelvic health physiotherapist", exact=True).check()
    desk.get_by_label("Start a practice").check()
    desk.get_by_label("Practice name").fill(practice)
    desk.get_by_label("Country").fill("United Kingdom")
    shot("start")
    desk.get_by_role("button", name="Continue").click()

    expect(desk).to_have_url(re.compile(r"/accounts/(reauthenticate|2fa/totp/activate)/"))
    if "/reauthenticate/" in desk.url:
        shot("reauthenticate")
        desk.get_by_label("Password").fill(PASSWORD)
        desk.get_by_role("button", name="Confirm").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    secret = desk.get_by_test_id("totp-secret").inner_text().strip()
    shot("two-factor")
    desk.get_by_label(re.compile("code", re.IGNORECASE)).fill(code_to_type(secret))
    desk.get_by_role("button", name="Turn on two-factor sign-in").click()

    expect(desk.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(desk.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    shot("recovery-codes")
    desk.get_by_role("link", name="I have kept them safe").click()
    expect(desk).to_have_url(re.compile(r"/practice/$"))
    expect(desk.get_by_role("heading", level=1)).to_contain_text(practice)
    return email


def test_a_physio_follows_a_runner_from_invitation_to_the_end_of_sharing(
    desk: Page,
    desk_shot: Callable[[str], Path],
    page: Page,
    shot: Callable[[str], Path],
) -> None:
    practice = f"Pelvic Rehab {uuid.uuid4().hex[:6]}"
    physio = f"{PHYSIO_FIRST} {PHYSIO_LAST}"

    # 1. The physio sets up her practice.
    physio_email = set_up_practice(desk, desk_shot, practice)
    desk_shot("caseload-empty")

    # 2. The runner signs up and answers; the physio invites her; she accepts.
    page.goto("/accounts/signup/")
    runner = sign_up(page, shot)
    answer_intake(page, shot, weeks_after_birth=14)

    desk.goto("/practice/invite/")
    desk.get_by_label("Her email address").fill(runner)
    desk_shot("invite")
    desk.get_by_role("button", name="Create the invitation").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Invitation ready")
    desk_shot("invited")

    invitation = mail_about(runner, "invites you to share")
    link = SHARE_LINK.search(body(invitation))
    assert link, body(invitation)
    page.goto(link[1])
    expect(page.get_by_role("heading", level=1)).to_contain_text(practice)
    expect(page.locator("main")).to_contain_text(physio)
    expect(page.locator("main")).to_contain_text("pelvic health physiotherapist")
    shot("offer")
    page.get_by_role("button", name="Accept").click()
    expect(page).not_to_have_url(re.compile(r"/share/"))
    shot("accepted")

    # 3. She leaks on a run: top of the caseload, and an alert by email.
    open_todays_run(page)
    log_todays_session(page, effort="4", symptoms=("Leaking",))
    expect(page.get_by_test_id("standing")).to_have_attribute("data-status", "refer")
    shot("leaked")

    desk.goto("/practice/")
    first = desk.get_by_test_id("client").first
    expect(first.get_by_role("rowheader")).to_have_text(runner)
    expect(first).to_contain_text(re.compile(r"Leaking reported on \w+"))
    desk_shot("caseload-leak")
    alert = mail_about(physio_email, "Red flag for a client")
    assert practice in body(alert), body(alert)

    # 4. She clears her after an assessment.
    first.get_by_role("link", name=runner).click()
    expect(desk).to_have_url(re.compile(r"/practice/clients/\d+/$"))
    client_page = desk.url
    expect(desk.get_by_role("heading", level=1)).to_contain_text(runner)
    desk_shot("client")
    desk.get_by_role("link", name="Clear her after an assessment").click()
    note = "Pelvic floor strong on assessment: start the walk-run again."
    desk.get_by_label("What you found, and what she can do").fill(note)
    desk.get_by_label("I have assessed her pelvic floor").check()
    desk_shot("clearance")
    desk.get_by_role("button", name="Clear her after an assessment").click()
    expect(desk).to_have_url(client_page)

    page.goto("/today/")
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_contain_text("Today")
    expect(main).not_to_contain_text("No running for now")
    expect(main).to_contain_text(
        re.compile(rf"Your pelvic health physio, {physio}, cleared you on")
    )
    expect(main).to_contain_text(note)
    shot("cleared")

    # 5. A custom exercise, added to her strength sessions.
    exercise = f"Bridge with a ball squeeze {uuid.uuid4().hex[:4]}"
    desk.goto("/practice/exercises/new/")
    text = desk.get_by_label("Written as YAML or JSON")
    written = text.input_value()
    assert re.search(r"^name: .+$", written, re.MULTILINE), written
    text.fill(re.sub(r"^name: .+$", f"name: {exercise}", written, count=1, flags=re.MULTILINE))
    desk_shot("exercise-new")
    desk.get_by_role("button", name="Save").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(exercise)
    expect(desk.locator("figure.exercise-figure svg")).to_be_visible()
    desk_shot("exercise")

    desk.goto(client_page)
    desk.get_by_role("link", name="Add an exercise").click()
    desk.get_by_label("Exercise").select_option(label=exercise)
    desk.get_by_label("strength sessions").check()
    desk.get_by_label("Why?").fill("To build your bridge.")
    desk_shot("add-exercise")
    desk.get_by_role("button", name="Add an exercise").click()
    expect(desk).to_have_url(client_page)

    page.goto("/programme/")
    strength = page.locator('details.session[data-kind="strength"]').filter(has_text=exercise)
    expect(strength.first).to_be_attached()
    strength.first.locator("summary").click()
    expect(strength.first.get_by_text(exercise)).to_be_visible()
    shot("programme-exercise")

    # 6. A message: an email notice, then "New message from" on her Today.
    message = "How did the bridge feel this week? Tell me before Friday."
    desk.goto(client_page)
    messages = desk.get_by_test_id("messages")
    messages.get_by_role("textbox").fill(message)
    messages.get_by_role("button", name="Send to her").click()
    expect(desk.get_by_test_id("messages")).to_contain_text(message)
    desk_shot("message-sent")
    mail_about(runner, f"A new message from {practice}")

    page.goto("/today/")
    notice = page.get_by_test_id("new-message")
    expect(notice).to_have_text(f"New message from {practice}")
    shot("new-message")
    notice.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/messages/$"))
    expect(page.locator("main")).to_contain_text(message)
    shot("messages")

    # 7. She ends the practice's access.
    page.goto("/settings/")
    sharing = page.locator("#sharing")
    expect(sharing).to_contain_text(practice)
    shot("settings-sharing")
    sharing.get_by_role("link", name="End their access").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"End {practice}'s access?")
    shot("end-access")
    page.get_by_role("button", name="End their access").click()
    expect(page.locator("#sharing")).to_contain_text("No one: your programme is yours alone.")
    shot("ended")

    answer = desk.goto(client_page)
    assert answer is not None
    assert answer.status == 404
    expect(desk.get_by_role("heading", level=1)).to_have_text("We can't find that page")
    desk_shot("client-gone")
    desk.goto("/practice/")
    expect(desk.locator("main")).not_to_contain_text(runner)
    desk_shot("caseload-after")
