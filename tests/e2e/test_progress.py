"""The progress page in Chromium at phone size, after a runner has logged through the pages:
today's walk-run (changed afterwards to say it hurt a little more), and a re-test with better
strength reps. Each chart shows with its summary first, fits the phone, and its numbers open
in a table. Screenshots: out/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from strideback.core.catalog import load_catalog
from strideback.core.progress import minutes
from tests.e2e.test_journeys import (
    LOAD_IMPACT_TESTS,
    STRENGTH_TESTS,
    accessibility_problems,
    answer_intake,
    log_todays_session,
    open_todays_run,
    sign_up,
)

STAGES = load_catalog().default_protocol.walk_run.stages

pytestmark = pytest.mark.e2e

CHARTS = ("minutes", "sessions", "effort", "stage", "strength")


def record_retest(page: Page, reps: str) -> None:
    page.goto("/retest/")
    for test in LOAD_IMPACT_TESTS:
        page.get_by_role("group", name=test).get_by_label("Passed", exact=True).check()
    for test in STRENGTH_TESTS:
        page.get_by_label(test, exact=True).fill(reps)
    page.get_by_role("button", name="Save my re-test").click()
    expect(page).to_have_url(re.compile(r"/today/\?logged="))


def change_pain(page: Page, pain: str) -> None:
    page.goto("/history/")
    page.get_by_test_id("entry").filter(has_text="Walk-run").first.get_by_role(
        "link", name="Change this entry"
    ).click()
    page.get_by_role("group", name="Any pain?").get_by_label(pain, exact=True).check()
    page.get_by_role("button", name="Save the change").click()
    expect(page).to_have_url(re.compile(r"/history/\?edited="))


def test_the_progress_page_charts_what_she_logged(page: Page, shot: Callable[[str], Path]) -> None:
    page.goto("/accounts/signup/")
    sign_up(page, lambda _: None)
    answer_intake(page, lambda _: None, weeks_after_birth=14)

    # Before anything is logged: a kind word, and what can already be drawn.
    page.get_by_role("link", name="Progress").click()
    expect(page).to_have_url(re.compile(r"/progress/$"))
    expect(page.get_by_test_id("progress-empty")).to_contain_text(
        "Your charts fill in as you log sessions."
    )
    shot("empty")

    open_todays_run(page)
    log_todays_session(page, effort="5")
    change_pain(page, "4")
    record_retest(page, "20")

    page.get_by_role("link", name="Progress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your progress")
    expect(page.get_by_test_id("progress-empty")).to_have_count(0)
    for key in CHARTS:
        section = page.locator(f'section[data-chart="{key}"]')
        summary = section.get_by_test_id("summary")
        expect(summary).to_be_visible()
        chart = section.locator("svg[role=img]")
        expect(chart).to_be_visible()
        # The summary comes first: above the chart on the screen.
        above = summary.bounding_box()
        below = chart.bounding_box()
        assert above is not None
        assert below is not None
        assert above["y"] + above["height"] <= below["y"], key
        assert below["width"] <= 360
    effort = page.locator('section[data-chart="effort"]')
    expect(effort.get_by_test_id("summary")).to_contain_text(
        "1 day with symptoms or pain of 4 or more in the last 14 days, the latest today."
    )
    expect(effort.get_by_test_id("summary")).to_contain_text("effort 5/10, pain 4/10")
    # Pain of 4 keeps the next run at the same stage.
    expect(page.locator('section[data-chart="stage"]').get_by_test_id("summary")).to_have_text(
        f"Your next run is stage 1 of {len(STAGES)}. So far you have repeated a stage once."
    )
    # Her week: runs on two of her three days and strength on the third (the numbers come
    # from the plan; the core's tests check them).
    expect(page.locator('section[data-chart="minutes"]').get_by_test_id("summary")).to_have_text(
        f"This week (week 1) you have run {minutes(STAGES[0].running_seconds)} of the "
        f"{minutes(sum(stage.running_seconds for stage in STAGES[:2]))} minutes planned."
    )
    expect(page.locator('section[data-chart="sessions"]').get_by_test_id("summary")).to_have_text(
        re.compile(r"This week \(week 1\) you have logged 2 of 3 planned sessions: 2 in full\.")
    )
    strength = page.locator('section[data-chart="strength"]')
    expect(strength.get_by_test_id("summary")).to_contain_text("4 of 4 at the 20-rep target")
    expect(strength.locator("svg")).to_contain_text("At the start")
    shot("charts")

    # The numbers, for anyone who would rather read them.
    effort.get_by_text("Show the numbers").click()
    table = effort.get_by_role("table")
    expect(table).to_be_visible()
    expect(table.get_by_role("row")).to_have_count(2)
    expect(table).to_contain_text("pain 4/10")
    effort.scroll_into_view_if_needed()
    shot("effort-numbers")

    expect(page.locator(".tabs a[aria-current=page]")).to_have_text("Progress")
    assert accessibility_problems(page, "progress") == []
