"""Take-away formats in Chromium at phone size: the handout prints (a sheet for the cover and
one or more per week), the PDF downloads, the calendar feed parses as iCalendar and follows
the plan, her data downloads as JSON, and deleting her account signs her out for good.

Screenshots: out/screenshots/ (the handout on screen and as printed, the settings page).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.e2e.test_journeys import PASSWORD, answer_intake, sign_up

pytestmark = pytest.mark.e2e

PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b(?!s)")


def pages_in(pdf: bytes) -> int:
    return len(PAGE_OBJECT.findall(pdf))


def _no_screenshot(step: str) -> None:
    """The journeys' helpers take a screenshot at each step; these tests show other pages."""


def start_programme(page: Page) -> None:
    """A new runner signs up and answers the questions: ready to run, 14 weeks after birth."""
    page.goto("/")
    page.get_by_role("link", name="Create an account").click()
    sign_up(page, _no_screenshot)
    answer_intake(page, _no_screenshot, weeks_after_birth=14)


def weeks_on_handout(page: Page) -> int:
    return page.locator("section.week").count()


def test_the_handout_prints_a_sheet_per_week_and_downloads_as_a_pdf(
    page: Page, shot: Callable[[str], Path], tmp_path: Path
) -> None:
    start_programme(page)
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto("/programme/")
    take_away = page.get_by_role("region", name="Take it with you")
    expect(take_away).to_be_visible()
    take_away.get_by_role("link", name="Open the plan to print").click()
    expect(page).to_have_url(re.compile(r"/programme/handout/$"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Your Strideback programme")
    expect(page.locator(".verdict")).to_contain_text("Yes")
    weeks = weeks_on_handout(page)
    assert weeks >= 6, f"a ready runner's handout shows {weeks} weeks"
    first_item = page.locator(".item").first
    expect(first_item.locator("svg.fig")).to_be_visible()  # a picture, drawn on the page
    assert first_item.locator("svg.fig").bounding_box()["height"] > 40  # type: ignore[index]
    expect(first_item.locator(".cue")).not_to_be_empty()
    expect(page.get_by_text("To print it, use your browser's Print")).to_be_visible()
    # Its own stylesheet is allowed (by its hash): the weeks are set out as designed.
    expect(page.locator("section.week").first).to_have_css("border-top-width", "3px")
    assert refused == []
    shot("handout-screen")

    # As printed: the hint and the links go, each week starts on a new sheet.
    page.emulate_media(media="print")
    expect(page.get_by_text("To print it, use your browser's Print")).to_be_hidden()
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    shot("handout-print")
    printed = page.pdf(format="A4", prefer_css_page_size=True)
    assert printed.startswith(b"%PDF")
    assert pages_in(printed) >= weeks + 1
    page.emulate_media(media="screen")

    # The PDF made by the server: a download with its own name, a page per week at least.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download it as a PDF").click()
    download = download_info.value
    assert download.suggested_filename == "strideback-programme.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    pdf = saved.read_bytes()
    assert pdf.startswith(b"%PDF")
    assert pages_in(pdf) >= weeks + 1


def test_the_calendar_feed_parses_and_the_export_and_deletion_work(
    page: Page, shot: Callable[[str], Path], tmp_path: Path
) -> None:
    start_programme(page)
    page.get_by_role("link", name="Settings").click()
    expect(page).to_have_url(re.compile(r"/settings/$"))
    page.get_by_role("button", name="Turn on my calendar feed").click()
    expect(page.locator(".messages")).to_contain_text("Your calendar feed is on")
    address = page.get_by_label("Your private calendar address").input_value().strip()
    assert re.fullmatch(r"http://[^/]+/calendar/[A-Za-z0-9_-]{43}\.ics", address), address
    expect(page.get_by_role("link", name="Add to my calendar")).to_have_attribute(
        "href", address.replace("http://", "webcal://")
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy the address").click()
    expect(page.get_by_text("The address is copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()").strip() == address
    page.get_by_text("How to add it on an iPhone").click()
    shot("settings")

    # The feed, fetched as a calendar app would: no cookies, just the address.
    feed = page.context.request.get(address)
    assert feed.status == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(feed.body())
    events = calendar.walk("VEVENT")
    assert len(events) >= 10
    assert all(type(event.decoded("DTSTART")) is date for event in events)
    assert str(calendar["REFRESH-INTERVAL"].dt) == "6:00:00"

    # A new address: the old one stops working at once.
    page.get_by_role("button", name="Make a new address").click()
    expect(page.locator(".messages")).to_contain_text("new address")
    new_address = page.get_by_label("Your private calendar address").input_value().strip()
    assert new_address != address
    assert page.context.request.get(address).status == 404
    assert page.context.request.get(new_address).status == 200

    # Her data, as a download.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Everything (JSON file)").click()
    saved = tmp_path / "data.json"
    download_info.value.save_as(saved)
    data = json.loads(saved.read_text("utf-8"))
    assert data["account"]["email"].startswith("runner-")
    assert data["calendar_feed"]["on"] is True
    assert new_address.rsplit("/", 1)[1].removesuffix(".ics") not in saved.read_text("utf-8")
    assert len(data["intakes"]) == 1
    assert len(data["programmes"]) == 1

    # Deleting: a wrong password deletes nothing; the right one signs her out for good.
    page.goto("/settings/")
    page.get_by_role("link", name="Delete my account").click()
    page.get_by_label("Your password").fill("not my password at all")
    page.get_by_role("button", name="Delete my account and everything in it").click()
    expect(page.get_by_role("alert")).to_contain_text("nothing has been deleted")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account and everything in it").click()
    expect(page).to_have_url(re.compile(r"/goodbye/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is deleted")
    shot("goodbye")
    assert page.context.request.get(new_address).status == 404
    page.goto("/today/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
