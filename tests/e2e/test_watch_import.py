"""Bringing in a run from her watch, on a phone in Chromium: she chooses a FIT file on Today,
sees the session it was matched to with the run and walk bouts beside the plan, answers the
questions a watch cannot, and her plan moves on. Screenshots: out/screenshots/."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_journeys import (
    accessibility_problems,
    answer_intake,
    server_today,
    sign_up,
)
from tests.support.watchfiles import walk_run_fit

pytestmark = pytest.mark.e2e

STAGE_ONE = [("walk", 300)] + [("run", 60), ("walk", 90)] * 8 + [("walk", 210)]


def test_a_run_from_her_watch_is_matched_compared_and_moves_her_on_once_answered(
    page: Page, shot: Callable[[str], Path], tmp_path: Path
) -> None:
    page.goto("/accounts/signup/")
    sign_up(page, lambda _: None)
    answer_intake(page, lambda _: None, weeks_after_birth=14)

    # A run recorded a minute past midnight today where the server is (watches record UTC).
    zone = ZoneInfo(os.environ.get("STRIDEBACK_TIME_ZONE", "").strip() or "Europe/London")
    started = datetime.combine(server_today(), time(0, 1), tzinfo=zone).astimezone(UTC)
    fit = tmp_path / "Morning_Run.fit"
    fit.write_bytes(walk_run_fit(started, STAGE_ONE))

    page.goto("/today/")
    box = page.get_by_test_id("watch-import")
    box.scroll_into_view_if_needed()
    shot("today-with-import")
    box.get_by_label("FIT, GPX or TCX files, one or several").set_input_files(fit)
    box.get_by_role("button", name="Bring it in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("From your watch")
    imported = page.get_by_test_id("imported")
    expect(imported.get_by_role("heading", level=2)).to_contain_text("Matched to Walk-run")
    expect(imported.get_by_test_id("comparison")).to_contain_text(
        "You ran 8 of the 8 run intervals planned"
    )
    bouts = imported.locator("svg.bouts")
    expect(bouts).to_be_visible()
    assert bouts.locator("rect").count() >= 2 * 17  # planned and recorded, each interval
    assert accessibility_problems(page, "imported") == []
    shot("imported")

    imported.get_by_role("link", name="Answer 3 questions about this run").click()
    expect(page.get_by_role("heading", level=2, name="How did your body take it?")).to_be_visible()
    page.get_by_role("group", name="How hard did it feel?").get_by_label("4", exact=True).check()
    page.get_by_role("group", name="Any pain?").get_by_label("0", exact=True).check()
    assert accessibility_problems(page, "questions") == []
    shot("questions")
    page.get_by_role("button", name="Save my answers").click()

    expect(page).to_have_url(re.compile(r"/activities/\w+/#result$"))
    expect(page.get_by_test_id("result")).to_contain_text("Next run: stage 2")
    shot("answered")

    page.goto("/history/")
    expect(page.get_by_test_id("entry").first).to_contain_text("From your watch (Morning_Run.fit)")
