"""The two journeys of the product brief, driven in Chromium at phone size like a person:
fields found by their labels, buttons by their names.

1. A runner 14 weeks after the birth, no symptoms, every test passed (as a visitor, then
   she signs up to keep the plan): "Yes", a walk-run plan; leaking on a walk-run stops
   running at once, every page says so and why, until she records a physio's clearance.
2. A runner who signs up first and ticks "Heaviness or dragging": referred to a pelvic
   health physiotherapist, and her plan has no running at all; answering again without
   the heaviness keeps the referral and her history.
3. Pausing for a holiday and resuming.

Plus an accessibility smoke test over the same pages. Screenshots: out/screenshots/.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import on_server, server_mailbox
from tests.mailbox import code_in
from tests.web.pages import spoken

pytestmark = pytest.mark.e2e

PASSWORD = "a long walk by the sea"
PHONE_WIDTH = 360

# The readiness tests as the page names them (legends of the radio groups, labels of the
# rep counts).
LOAD_IMPACT_TESTS = (
    "Walking test (30 minutes)",
    "Single-leg balance test",
    "Single-leg squat test",
    "Jog on the spot test (1 minute)",
    "Forward bounds test",
    "Hop on the spot test",
    "Running-man test",
)
STRENGTH_TESTS = (
    "Single-leg calf raise test",
    "Single-leg bridge test",
    "Single-leg sit-to-stand test",
    "Side-lying leg lift test",
)
RUNNING = 'details.session[data-kind="walk_run"], details.session[data-kind="run"]'
LATER_RUNNING = (
    'details.session:not(.today)[data-kind="walk_run"], '
    'details.session:not(.today)[data-kind="run"]'
)

Visit = Callable[[str], Any]


def server_today() -> date:
    """Today where the server is (it keeps its days in STRIDEBACK_TIME_ZONE, London by default)."""
    zone = os.environ.get("STRIDEBACK_TIME_ZONE", "").strip() or "Europe/London"
    return datetime.now(ZoneInfo(zone)).date()


def unique_email(who: str) -> str:
    """A fresh address each run, so a PostgreSQL database kept between runs is no problem."""
    return f"{who}-{uuid.uuid4().hex[:12]}@example.com"


# ---------------------------------------------------------------------------------------
# What a person does on each page.


def sign_up(page: Page, visit: Visit, who: str = "runner") -> str:
    """Her email and a password, then the code from the email she is sent; returns the email."""
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    visit("signup")
    email = unique_email(who)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(page.locator("main")).to_contain_text(f"We have sent a 6-digit code to {email}")
    visit("code")
    code = code_in(server_mailbox().wait_for(email))
    page.get_by_label("The 6-digit code from the email").fill(code)
    page.get_by_role("button", name="Check the code").click()
    return email


def answer_intake(
    page: Page,
    visit: Visit,
    *,
    weeks_after_birth: int,
    symptoms: tuple[str, ...] = (),
    untick: tuple[str, ...] = (),
) -> None:
    """Every step of the intake, with every readiness test passed (``untick``: symptoms
    ticked before, now gone)."""
    expect(page).to_have_url(re.compile(r"/intake/birth/$"))
    visit("intake-birth")
    born = server_today() - timedelta(days=weeks_after_birth * 7)
    page.get_by_label("Your baby's birth date").fill(born.isoformat())
    page.get_by_label("Vaginal birth", exact=True).check()
    page.get_by_label("No tear").check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page).to_have_url(re.compile(r"/intake/symptoms/$"))
    visit("intake-symptoms")
    for symptom in untick:
        page.get_by_label(symptom).uncheck()
    for symptom in symptoms:
        page.get_by_label(symptom).check()
    if not symptoms:
        page.get_by_label("None of these").check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page).to_have_url(re.compile(r"/intake/tests/$"))
    visit("intake-tests")
    for test in LOAD_IMPACT_TESTS:
        page.get_by_role("group", name=test).get_by_label("Passed", exact=True).check()
    for test in STRENGTH_TESTS:
        page.get_by_label(test, exact=True).fill("20")
    # Nothing left untouched: seven "Passed" ticked and four counts of 20.
    expect(page.locator("input[type=radio][value=pass]:checked")).to_have_count(7)
    expect(page.locator("input[type=number]")).to_have_count(4)
    page.get_by_role("button", name="Save and continue").click()

    expect(page).to_have_url(re.compile(r"/intake/week/$"))
    visit("intake-week")
    for offset in (0, 2, 4):  # her three days, today the first: a run today
        weekday = (server_today() + timedelta(days=offset)).strftime("%A")
        page.get_by_label(weekday, exact=True).check()
    page.get_by_label("Mini band").check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page).to_have_url(re.compile(r"/intake/background/$"))
    visit("intake-background")
    # An occasional runner who sleeps 7 hours: she starts at stage 1 and each good run moves
    # her up a stage (a regular runner starts higher; short sleep asks for two good runs).
    page.get_by_label("I ran now and then").check()
    page.get_by_label("Run 5 km").check()
    page.get_by_role("group", name="Are you breastfeeding?").get_by_label("Yes", exact=True).check()
    page.get_by_label("Roughly how many hours do you sleep").fill("7")
    page.get_by_role("button", name="See my answer").click()
    expect(page).to_have_url(re.compile(r"/verdict/$"))


def next_run_title(page: Page) -> str:
    """The first walk-run (or run) on the plan after today."""
    page.goto("/programme/")
    later = page.locator(LATER_RUNNING).first
    expect(later).to_be_visible()
    return later.locator(".what").inner_text()


def open_todays_run(page: Page) -> None:
    """Today's session, if it is a run; on a rest day, the next run brought forward."""
    page.goto("/today/")
    card = page.locator("section.card")
    if card.count() == 0:
        do_it_today = page.get_by_role("link", name="Do it today instead")
        expect(do_it_today, "a rest day should offer the next session today").to_be_visible()
        do_it_today.click()
    kind = card.locator("p.kind")
    expect(kind).to_be_visible()
    classes = kind.get_attribute("class") or ""
    if "walk_run" not in classes and "run" not in classes.split():
        pytest.fail(
            f"Today's session is not a run ({kind.inner_text()!r}); a ready runner's plan "
            "opens with a walk-run on its first day, so the plan's pattern has changed."
        )


def log_todays_session(page: Page, *, effort: str, symptoms: tuple[str, ...] = ()) -> None:
    page.get_by_role("group", name="How much did you do?").get_by_label("All of it").check()
    for symptom in symptoms:
        page.get_by_label(symptom, exact=True).check()
    page.get_by_role("group", name="How hard did it feel?").get_by_label(effort, exact=True).check()
    page.get_by_role("group", name="Any pain?").get_by_label("0", exact=True).check()
    page.get_by_role("button", name="Log this session").click()
    expect(page).to_have_url(re.compile(r"/today/\?logged="))


# ---------------------------------------------------------------------------------------
# Journey 1: ready, then leaking on a walk-run steps the plan back.


def test_ready_runner_who_leaks_on_a_walk_run_stops_running_until_a_physio_clears_her(
    page: Page, shot: Callable[[str], Path]
) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Back to running")
    shot("home")

    # As a visitor: the questions first.
    page.get_by_role("link", name="Check if I can run").click()
    answer_intake(page, shot, weeks_after_birth=14)

    verdict = page.get_by_test_id("verdict")
    expect(verdict).to_have_attribute("data-status", "ready")
    expect(verdict).to_contain_text("Yes")
    shot("verdict-visitor")

    # Then she signs up to keep it; her answers come with her.
    page.get_by_role("link", name="Save my plan: create an account").click()
    sign_up(page, shot)
    expect(page).to_have_url(re.compile(r"/verdict/$"))
    verdict = page.get_by_test_id("verdict")
    expect(verdict).to_have_attribute("data-status", "ready")
    expect(verdict).to_contain_text("Yes")
    shot("verdict")

    page.get_by_role("link", name="See my plan").click()
    expect(page).to_have_url(re.compile(r"/programme/$"))
    expect(page.locator('details.session[data-kind="walk_run"]').first).to_be_visible()
    shot("programme")
    planned_next = next_run_title(page)
    assert "stage 2 of" in planned_next, planned_next

    open_todays_run(page)
    shot("today")
    log_todays_session(page, effort="4", symptoms=("Leaking",))

    # The first leak stops running at once, and says why and on whose authority.
    result = page.get_by_test_id("result")
    expect(result).to_be_visible()
    decision = result.get_by_test_id("decision")
    expect(decision).to_have_count(1)
    expect(decision).to_have_attribute("data-decision", "pause_and_refer")
    expect(decision).to_contain_text(re.compile("leaking", re.IGNORECASE))
    source = decision.locator(".source").first
    expect(source).to_contain_text("Source:")
    source_link = source.get_by_role("link")
    expect(source_link.first).to_have_attribute("href", re.compile(r"/sources/#\w+"))
    assert source_link.first.inner_text().strip(), "the reason names no source"
    expect(page.get_by_test_id("standing")).to_have_attribute("data-status", "refer")
    expect(page.get_by_test_id("done")).to_contain_text("Warning sign")
    shot("after-logging")

    # Every page says the same, and goes on saying it.
    page.goto("/today/")
    expect(page.get_by_test_id("standing")).to_contain_text("No running for now.")
    page.goto("/programme/")
    expect(page.locator(LATER_RUNNING)).to_have_count(0)
    expect(page.locator("details.session.done.red")).to_have_count(1)
    shot("programme-after")
    page.get_by_role("link", name="Can I run?").click()
    verdict = page.get_by_test_id("verdict")
    expect(verdict).to_have_attribute("data-status", "refer")
    expect(verdict).to_contain_text("Not now.")
    expect(page.get_by_test_id("lifts")).to_contain_text("pelvic health physiotherapist")
    shot("verdict-after")

    page.get_by_role("link", name="History").click()
    expect(page).to_have_url(re.compile(r"/history/$"))
    entry = page.get_by_test_id("entry").first
    expect(entry).to_contain_text(re.compile("leaking", re.IGNORECASE))
    expect(entry.locator('[data-decision="pause_and_refer"]')).to_be_visible()
    shot("history")

    # She sees a pelvic health physio, who clears her for walk-run only, and records it.
    page.get_by_role("link", name="Can I run?").click()
    page.get_by_role("link", name="A pelvic health physio has assessed me").click()
    expect(page).to_have_url(re.compile(r"/plan/assessed/$"))
    shot("clearance-form")
    page.get_by_label("Who assessed you?").fill("Sam Lee, pelvic health physio")
    page.get_by_label("What did they say? (optional)").fill("Strong; walk-run for now.")
    page.get_by_label("Walk-run only for now").check()
    page.get_by_label("A pelvic health physiotherapist has assessed me").check()
    page.get_by_role("button", name="Save and carry on").click()
    expect(page).to_have_url(re.compile(r"/verdict/\?changed="))
    expect(page.get_by_test_id("verdict")).to_have_attribute("data-status", "ready")
    expect(page.get_by_test_id("result")).to_contain_text("Walk-run only for now")
    shot("after-clearance")

    # Running starts again one stage back from where the leak happened: stage 1.
    again = next_run_title(page)
    assert "stage 1 of" in again, again
    expect(page.locator('details.session[data-kind="run"]')).to_have_count(0)


def test_pausing_for_a_holiday_and_resuming(page: Page, shot: Callable[[str], Path]) -> None:
    page.goto("/")
    page.get_by_role("link", name="Create an account").click()
    sign_up(page, shot)
    answer_intake(page, shot, weeks_after_birth=14)

    page.get_by_role("link", name="Pause my plan").click()
    expect(page).to_have_url(re.compile(r"/plan/pause/$"))
    page.get_by_label("A holiday or time away").check()
    page.get_by_role("button", name="Pause my plan from today").click()
    verdict = page.get_by_test_id("verdict")
    expect(verdict).to_have_attribute("data-status", "paused")
    shot("paused")

    page.get_by_role("link", name="Today", exact=True).click()
    expect(page.get_by_test_id("standing")).to_contain_text("Your plan is paused.")
    expect(page.get_by_role("button", name="Log this session")).to_have_count(0)
    shot("today-paused")

    page.get_by_role("link", name="Resume my plan").click()
    page.get_by_role("button", name="Resume my plan today").click()
    expect(page.get_by_test_id("verdict")).to_have_attribute("data-status", "ready")
    expect(page.get_by_test_id("result")).to_contain_text("you pick up where you were")
    shot("resumed")


def test_her_week_moving_skipping_undoing_and_logging_an_earlier_day(
    page: Page, shot: Callable[[str], Path]
) -> None:
    page.goto("/")
    page.get_by_role("link", name="Create an account").click()
    email = sign_up(page, shot)
    answer_intake(page, shot, weeks_after_birth=14)

    # Her plan says which of her days holds what, and holds nothing on any other day.
    page.goto("/programme/")
    expect(page.locator("p.lead")).to_contain_text("Runs on")
    her_days = {(server_today() + timedelta(days=n)).weekday() for n in (0, 2, 4)}
    for when in page.locator("details.session").evaluate_all("els => els.map(e => e.dataset.date)"):
        assert date.fromisoformat(when).weekday() in her_days, when
    shot("plan-her-days")

    # Not today: move today's session to another day; the plan follows; undo puts it back.
    page.goto("/today/")
    title = page.locator("#session-heading").inner_text()
    expect(page.get_by_test_id("not-today")).to_be_visible()
    shot("today")
    page.get_by_role("link", name="Move it to another day").click()
    expect(page).to_have_url(re.compile(r"/plan/move/"))
    shot("move-choices")
    page.get_by_test_id("move-choice").locator("button:enabled").first.click()
    expect(page).to_have_url(re.compile(r"/programme/\?changed="))
    moved = page.get_by_test_id("moved")
    expect(moved).to_contain_text("moved from")
    shot("plan-moved")
    page.goto("/today/")
    expect(page.locator("#session-heading")).to_have_count(0)
    page.goto("/programme/")
    page.get_by_role("button", name="Undo this move").click()
    page.goto("/today/")
    expect(page.locator("#session-heading")).to_have_text(title)

    # Skip it with a reason; the skip can be undone too.
    page.get_by_role("link", name="Skip it").click()
    shot("skip-reasons")
    page.get_by_role("button", name="The baby needed me").click()
    expect(page.get_by_test_id("result")).to_contain_text("Session skipped")
    shot("skipped")
    page.get_by_role("button", name="Undo the skip").click()
    expect(page.get_by_role("button", name="Log this session")).to_be_visible()

    # A session done days ago, logged for the day it was done (her programme began a
    # week ago: set on the server, as a browser cannot go back in time).
    on_server(
        "from datetime import timedelta\n"
        "from strideback.programmes.models import Programme\n"
        f"p = Programme.objects.get(owner__email={email!r})\n"
        "began = p.start - timedelta(days=7)\n"
        "Programme.objects.filter(pk=p.pk).update(start=began)\n"
        "p.intake.answers['assessed_on'] = began.isoformat()\n"
        "p.intake.save(update_fields=['answers'])\n"
    )
    page.goto("/today/")
    page.get_by_role("link", name="Log a session from an earlier day").click()
    expect(page).to_have_url(re.compile(r"/today/earlier/$"))
    shot("earlier-days")
    page.get_by_test_id("earlier-day").get_by_role("link").first.click()
    day = page.locator("input[name=day]").input_value()
    assert date.fromisoformat(day) < server_today()
    shot("earlier-log")
    log_todays_session(page, effort="4")
    expect(page.get_by_test_id("result")).to_contain_text("Session logged")
    page.goto("/history/")
    expect(page.get_by_test_id("entry").first).to_contain_text(spoken(date.fromisoformat(day)))
    shot("history-earlier")


def test_answering_again_after_a_referral_keeps_the_referral_and_her_history(
    page: Page, shot: Callable[[str], Path]
) -> None:
    page.goto("/")
    page.get_by_role("link", name="Create an account").click()
    sign_up(page, shot)
    answer_intake(page, shot, weeks_after_birth=14, symptoms=("Heaviness or dragging",))
    expect(page.get_by_test_id("verdict")).to_have_attribute("data-status", "refer")

    # She logs her first gentle session, then answers again, unticking the heaviness.
    page.goto("/today/")
    if page.get_by_role("button", name="Log this session").count() == 0:
        page.get_by_role("link", name="Do it today instead").click()
    log_todays_session(page, effort="3")
    page.goto("/verdict/")
    page.get_by_role("link", name="Things have changed? Answer the questions again").click()
    answer_intake(page, shot, weeks_after_birth=14, untick=("Heaviness or dragging",))

    verdict = page.get_by_test_id("verdict")
    expect(verdict).to_have_attribute("data-status", "refer")
    expect(verdict).to_contain_text("Not now.")
    expect(page.get_by_test_id("lifts")).to_contain_text("does not lift it")
    shot("verdict-after-answering-again")

    page.get_by_role("link", name="History").click()
    expect(page.get_by_test_id("entry")).to_have_count(2)
    expect(page.get_by_test_id("entry").first).to_contain_text("You answered the questions again")
    shot("history")


# ---------------------------------------------------------------------------------------
# Journey 2: heaviness means a referral and no running.


def test_heaviness_refers_to_a_physiotherapist_and_the_plan_has_no_running(
    page: Page, shot: Callable[[str], Path]
) -> None:
    page.goto("/")
    shot("home")

    # Account first, then the questions.
    page.get_by_role("link", name="Create an account").click()
    sign_up(page, shot)
    answer_intake(page, shot, weeks_after_birth=14, symptoms=("Heaviness or dragging",))

    verdict = page.get_by_test_id("verdict")
    expect(verdict).to_have_attribute("data-status", "refer")
    expect(
        page.get_by_role("heading", name="Who is a pelvic health physiotherapist?")
    ).to_be_visible()
    expect(page.locator("main")).to_contain_text(
        "A physiotherapist trained in the muscles, nerves and organs of the pelvis"
    )
    shot("verdict")

    page.get_by_role("link", name="See my plan").click()
    expect(page).to_have_url(re.compile(r"/programme/$"))
    expect(page.locator("details.session").first).to_be_visible()
    expect(page.locator(RUNNING)).to_have_count(0)
    expect(page.locator("main")).to_contain_text("no running")
    shot("programme")

    page.get_by_role("link", name="Today").click()
    expect(page).to_have_url(re.compile(r"/today/$"))
    expect(page.get_by_test_id("standing")).to_contain_text("No running for now.")
    shot("today")


# ---------------------------------------------------------------------------------------
# Accessibility smoke test.

CHECK_PAGE = """
() => {
  const shown = (el) => el.type !== "hidden"
    && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const unlabelled = [...document.querySelectorAll("input, select, textarea")]
    .filter(shown)
    .filter((el) => !(el.labels.length > 0 || el.getAttribute("aria-label")))
    .map((el) => `${el.tagName.toLowerCase()}[name=${el.name}]`);
  const width = document.documentElement.scrollWidth;
  const wide = width <= innerWidth ? [] : [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
  return {unlabelled, h1: document.querySelectorAll("h1").length, width, wide};
}
"""


def accessibility_problems(page: Page, name: str) -> list[str]:
    found = page.evaluate(CHECK_PAGE)
    problems = []
    if found["unlabelled"]:
        problems.append(f"{name}: fields without a label: {', '.join(found['unlabelled'])}")
    if found["h1"] != 1:
        problems.append(f"{name}: {found['h1']} h1 elements, not exactly one")
    if found["width"] > PHONE_WIDTH:
        problems.append(
            f"{name}: {found['width']} px wide at {PHONE_WIDTH} px; too wide: {found['wide']}"
        )
    return problems


def test_every_page_has_labels_one_h1_and_fits_a_phone(page: Page) -> None:
    problems: list[str] = []

    def check(name: str) -> None:
        problems.extend(accessibility_problems(page, name))

    page.goto("/")
    check("home")
    page.goto("/accounts/login/")
    check("sign-in")
    page.goto("/")
    page.get_by_role("link", name="Check if I can run").click()
    answer_intake(page, check, weeks_after_birth=14)
    check("verdict-visitor")
    page.get_by_role("link", name="Save my plan: create an account").click()
    sign_up(page, check)
    expect(page.get_by_test_id("verdict")).to_have_attribute("data-status", "ready")
    check("verdict")
    page.goto("/programme/")
    check("programme")
    open_todays_run(page)
    check("today")
    log_todays_session(page, effort="3")
    expect(page.get_by_test_id("decision")).to_have_attribute("data-decision", "progress")
    check("after-logging")
    page.goto("/history/")
    check("history")
    page.goto("/retest/")
    check("retest")

    assert not problems, "\n".join(problems)
