"""Offline, in Chromium at phone size: once Today has loaded, the service worker keeps it for
when the connection drops; a session logged offline is kept on the phone and sent once when
the connection returns; a log whose answer was lost on the way is not saved twice; signing
out drops the stored page. Screenshots: out/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, Route, expect

from tests.e2e.conftest import phone
from tests.e2e.test_journeys import answer_intake, open_todays_run, sign_up

pytestmark = pytest.mark.e2e

SAVED = "Saved on this phone. It will be sent as soon as you are back online."


def start_programme(page: Page) -> None:
    """Sign up, answer the intake (ready to run), and open today's walk-run."""
    page.goto("/")
    page.get_by_role("link", name="Create an account").click()
    sign_up(page, lambda _: None)
    answer_intake(page, lambda _: None, weeks_after_birth=14)
    open_todays_run(page)


def wait_for_the_service_worker(page: Page) -> None:
    """Installed, active and looking after this page (it takes over open pages at once)."""
    scope = page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)")
    assert scope == page.evaluate("location.origin") + "/", "the worker looks after every page"
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def stored_pages(page: Page) -> int:
    """How many pages of hers the service worker keeps."""
    return int(
        page.evaluate(
            """async () => {
              let count = 0;
              for (const name of await caches.keys()) {
                if (name.startsWith("strideback-pages-")) {
                  count += (await (await caches.open(name)).keys()).length;
                }
              }
              return count;
            }"""
        )
    )


def fill_the_log(page: Page) -> None:
    page.get_by_role("group", name="How much did you do?").get_by_label("All of it").check()
    page.get_by_role("group", name="How hard did it feel?").get_by_label("4", exact=True).check()
    page.get_by_role("group", name="Any pain?").get_by_label("0", exact=True).check()
    page.get_by_label("Anything else? (optional)").fill("Sea wall and back, no signal")


def logs_sent(page: Page) -> list[Request]:
    """Every session log the page sends from now on."""
    sent: list[Request] = []

    def note(request: Request) -> None:
        if request.method == "POST" and request.url.endswith("/today/log/"):
            sent.append(request)

    page.on("request", note)
    return sent


def test_a_session_logged_offline_is_kept_and_sent_once_when_back_online(
    page: Page, shot: Callable[[str], Path]
) -> None:
    start_programme(page)
    wait_for_the_service_worker(page)
    session_title = page.locator("#session-heading").inner_text()
    sent = logs_sent(page)

    page.context.set_offline(True)
    page.reload()
    # Today's session, from the copy the service worker kept.
    expect(page.locator("#session-heading")).to_have_text(session_title)
    expect(page.get_by_role("button", name="Log this session")).to_be_visible()
    shot("offline-today")

    fill_the_log(page)
    page.get_by_role("button", name="Log this session").click()
    expect(page.get_by_text(SAVED)).to_be_visible()
    expect(page.get_by_test_id("queue-banner")).to_contain_text("1 log waiting to be sent")
    # What she entered is still in the form.
    expect(page.get_by_label("Anything else? (optional)")).to_have_value(
        "Sea wall and back, no signal"
    )
    shot("saved-on-the-phone")
    assert sent == []

    # Reloaded while still offline: the log is still waiting, her answers still shown.
    page.reload()
    expect(page.get_by_test_id("queue-banner")).to_contain_text("1 log waiting to be sent")
    expect(page.get_by_text(SAVED)).to_be_visible()
    expect(
        page.get_by_role("group", name="How much did you do?").get_by_label("All of it")
    ).to_be_checked()

    # Another page offline: a plain page that points back to Today.
    page.goto("/history/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You're offline")
    shot("offline-page")
    page.get_by_role("link", name="Go to today's session").click()
    expect(page.get_by_test_id("queue-banner")).to_be_visible()

    page.context.set_offline(False)
    expect(page).to_have_url(re.compile(r"/today/\?logged="))
    expect(page.get_by_test_id("result")).to_contain_text("Session logged")
    expect(page.get_by_test_id("queue-banner")).to_have_count(0)
    shot("sent-when-back-online")
    assert len(sent) == 1

    page.goto("/history/")
    entries = page.get_by_test_id("entry")
    expect(entries).to_have_count(1)
    expect(entries.first).to_contain_text("Sea wall and back, no signal")
    # Reloads, page loads and the worker taking over send nothing more.
    page.reload()
    expect(page.get_by_test_id("entry")).to_have_count(1)
    assert len(sent) == 1

    # Signing out drops the page the worker kept; offline, Today is then no longer hers.
    assert stored_pages(page) >= 1
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Back to running")
    assert stored_pages(page) == 0
    page.context.set_offline(True)
    page.goto("/today/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You're offline")
    expect(page.locator("main")).not_to_contain_text(session_title)


def test_a_log_whose_answer_was_lost_is_sent_again_and_saved_once(
    page: Page, shot: Callable[[str], Path]
) -> None:
    start_programme(page)
    wait_for_the_service_worker(page)
    sent = logs_sent(page)
    reached_the_server: list[int] = []

    def lose_the_first_answer(route: Route) -> None:
        if not reached_the_server:
            answer = route.fetch()  # the server gets the log and saves it...
            reached_the_server.append(answer.status)
            route.abort("connectionreset")  # ...and its answer never arrives
        else:
            route.continue_()

    page.route("**/today/log/", lose_the_first_answer)
    fill_the_log(page)
    page.get_by_role("button", name="Log this session").click()
    expect(page.get_by_text(SAVED)).to_be_visible()
    shot("answer-lost")

    # Sent again a few seconds later, with the same key: the saved entry is the answer.
    expect(page).to_have_url(re.compile(r"/today/\?logged="), timeout=20_000)
    expect(page.get_by_test_id("result")).to_contain_text("Session logged")
    assert reached_the_server == [200]
    assert len(sent) == 2
    page.goto("/history/")
    expect(page.get_by_test_id("entry")).to_have_count(1)
    shot("history-once")


def test_a_kept_log_the_server_turns_down_is_shown_to_her_not_dropped(
    page: Page, browser: Browser, server: str, shot: Callable[[str], Path]
) -> None:
    start_programme(page)
    wait_for_the_service_worker(page)
    page.context.set_offline(True)
    fill_the_log(page)
    page.get_by_role("button", name="Log this session").click()
    expect(page.get_by_text(SAVED)).to_be_visible()

    # Meanwhile she logs the same session on another device, which is online (signed in
    # too: the same cookies, but not this phone's storage).
    signed_in = {"cookies": page.context.cookies(), "origins": []}
    other_device = browser.new_context(base_url=server, storage_state=signed_in, **phone())
    try:
        tablet = other_device.new_page()
        open_todays_run(tablet)
        tablet.get_by_role("group", name="How much did you do?").get_by_label("Part of it").check()
        tablet.get_by_role("group", name="Any pain?").get_by_label("0", exact=True).check()
        tablet.get_by_role("button", name="Log this session").click()
        expect(tablet.get_by_test_id("result")).to_contain_text("Session logged")
    finally:
        other_device.close()

    # Back online, the phone's log is turned down: she is told why, and what it said.
    page.context.set_offline(False)
    returned = page.get_by_role("alert").filter(has_text="was sent but not saved")
    expect(returned).to_be_visible()
    expect(returned).to_contain_text("There is no session to log today.")
    expect(returned).to_contain_text("Sea wall and back, no signal")
    expect(returned).to_contain_text("How much did you do? All of it")
    expect(page.get_by_test_id("queue-banner")).to_have_count(0)
    shot("turned-down")

    # It stays until she has read it, on every page.
    page.goto("/history/")
    expect(returned).to_be_visible()
    expect(page.get_by_test_id("entry")).to_have_count(1)
    returned.get_by_role("button", name="I have read this").click()
    expect(returned).to_have_count(0)
    page.reload()
    expect(page.get_by_text("was sent but not saved")).to_have_count(0)


def test_a_progress_decision_reads_top_to_bottom(page: Page) -> None:
    start_programme(page)
    fill_the_log(page)
    page.get_by_role("button", name="Log this session").click()
    decision = page.get_by_test_id("decision")
    expect(decision).to_have_attribute("data-decision", "progress")
    assert decision.evaluate("(box) => getComputedStyle(box).display") == "block"


# ---------------------------------------------------------------------------------------
# Once a kept log is saved, she sees what it means for her plan.

DECISION = re.compile(r"Next run: stage 2")


def today_looked_after(page: Page) -> list[Request]:
    """Her programme started, Today open and kept by the worker; the logs sent from now on."""
    start_programme(page)
    wait_for_the_service_worker(page)
    return logs_sent(page)


def log_offline(page: Page) -> None:
    page.context.set_offline(True)
    fill_the_log(page)
    page.get_by_role("button", name="Log this session").click()
    expect(page.get_by_text(SAVED)).to_be_visible()


def shows_the_decision(page: Page) -> None:
    """Today as the result of her log: the plan's answer, and no form to log it again."""
    expect(page.get_by_test_id("decision")).to_contain_text(DECISION)
    expect(page.get_by_role("button", name="Log this session")).to_have_count(0)


def kept_today_shows_the_decision(page: Page) -> None:
    """Offline, the Today the phone kept is the new one: never the form of a logged day."""
    page.context.set_offline(True)
    page.goto("/today/")
    shows_the_decision(page)
    page.context.set_offline(False)


def test_a_log_kept_offline_shows_its_decision_on_today_when_the_connection_returns(
    page: Page, shot: Callable[[str], Path]
) -> None:
    sent = today_looked_after(page)
    log_offline(page)

    page.context.set_offline(False)
    # No reload: Today becomes the result page, with the plan's answer to her log.
    expect(page).to_have_url(re.compile(r"/today/\?logged="))
    shows_the_decision(page)
    shot("decision-when-back-online")
    kept_today_shows_the_decision(page)
    assert len(sent) == 1


def test_a_log_kept_offline_then_reloaded_from_the_phone_shows_its_decision_when_back_online(
    page: Page, shot: Callable[[str], Path]
) -> None:
    sent = today_looked_after(page)
    # Today opened again in another tab: the copy the phone keeps is a newer showing of the
    # page than the one she logs on.
    other_tab = page.context.new_page()
    other_tab.goto("/today/")
    expect(other_tab.get_by_role("button", name="Log this session")).to_be_visible()
    other_tab.close()
    log_offline(page)

    page.reload()  # from the phone's copy
    expect(page.get_by_test_id("queue-banner")).to_contain_text("1 log waiting to be sent")
    expect(page.get_by_text(SAVED)).to_be_visible()
    expect(page.get_by_label("Anything else? (optional)")).to_have_value(
        "Sea wall and back, no signal"
    )
    shot("reloaded-offline")

    page.context.set_offline(False)
    expect(page).to_have_url(re.compile(r"/today/\?logged="))
    shows_the_decision(page)
    expect(page.get_by_test_id("queue-banner")).to_have_count(0)
    shot("decision-after-reload")
    kept_today_shows_the_decision(page)
    page.goto("/history/")
    expect(page.get_by_test_id("entry")).to_have_count(1)
    assert len(sent) == 1


def test_a_kept_log_saved_while_she_is_on_another_page_is_announced_with_a_link_to_its_decision(
    page: Page, shot: Callable[[str], Path]
) -> None:
    sent = today_looked_after(page)
    log_offline(page)

    # Back online, she opens her history first: the log goes, and the page says so.
    page.goto("/history/")
    page.context.set_offline(False)
    page.reload()
    saved = page.get_by_test_id("sent-banner")
    expect(saved).to_contain_text(re.compile(r"Your log for \w+ \d+ \w+ was saved"))
    shot("saved-banner")
    assert len(sent) == 1
    saved.get_by_role("link", name="See what it means for your plan").click()
    expect(page).to_have_url(re.compile(r"/today/\?logged="))
    shows_the_decision(page)
    # Seen: the note has done its job.
    expect(page.get_by_test_id("sent-banner")).to_have_count(0)
    page.goto("/history/")
    expect(page.get_by_test_id("entry")).to_have_count(1)
    expect(page.get_by_test_id("sent-banner")).to_have_count(0)
    assert len(sent) == 1
