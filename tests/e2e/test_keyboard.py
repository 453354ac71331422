"""By keyboard alone: every focus stop on her pages is in view, never under the bottom tab bar
(WCAG 2.2 SC 2.4.11), at a phone's size and a computer's; and after a form comes back with
an error, focus is on the summary that says what to fix."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.test_journeys import answer_intake, sign_up
from tests.e2e.test_practice import set_up_practice

PAGES = ["/today/", "/retest/", "/programme/", "/verdict/", "/settings/"]
PRACTICE_PAGES = ["/practice/", "/practice/exercises/", "/practice/templates/", "/practice/team/"]

# The focused element, and whether a fixed bar covers any of it (elements inside the bar are
# the bar's own). Each element is marked when first focused, so the walk ends where it began.
WHERE_FOCUS_IS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return null; }
  const seen = el.hasAttribute("data-walked");
  el.setAttribute("data-walked", "");
  const box = el.getBoundingClientRect();
  const covered = [...document.querySelectorAll(".tabs, .top")].some(bar => {
    if (getComputedStyle(bar).position !== "fixed" || bar.contains(el)) { return false; }
    const b = bar.getBoundingClientRect();
    return box.bottom > b.top + 0.5 && box.top < b.bottom - 0.5
      && box.right > b.left + 0.5 && box.left < b.right - 0.5 && box.width > 0;
  });
  const name = (el.getAttribute("aria-label") || el.textContent || el.value || el.name || "")
    .trim().replace(/\\s+/g, " ").slice(0, 40);
  return {seen, covered, name: el.tagName.toLowerCase() + " " + name,
          inView: box.bottom > 0 && box.top < innerHeight};
}"""


def walk(page: Page, path: str, limit: int = 150) -> list[dict[str, Any]]:
    """Tab from the top of ``path`` until focus comes back round; each stop as seen."""
    page.goto(path)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(WHERE_FOCUS_IS)
        if stop is None:
            continue
        if stop["seen"]:
            break
        stops.append(stop)
    return stops


def signed_up_runner(page: Page) -> None:
    page.goto("/accounts/signup/")
    sign_up(page, lambda _: None)
    answer_intake(page, lambda _: None, weeks_after_birth=14)


def test_no_focus_stop_is_hidden_under_a_bar_on_a_phone_or_a_computer(page: Page) -> None:
    signed_up_runner(page)
    for size in ({"width": 390, "height": 844}, {"width": 1280, "height": 900}):
        page.set_viewport_size(size)
        for path in PAGES:
            stops = walk(page, path)
            assert len(stops) > 5, (size, path, stops)
            hidden = [s["name"] for s in stops if s["covered"] or not s["inView"]]
            assert hidden == [], f"{path} at {size['width']} px: {hidden}"


def test_no_focus_stop_on_a_practice_page_is_hidden(page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    set_up_practice(page, lambda _: Path(), "Keyboard Physio")
    for size in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        page.set_viewport_size(size)
        for path in PRACTICE_PAGES:
            stops = walk(page, path)
            assert len(stops) > 3, (size, path, stops)
            hidden = [s["name"] for s in stops if s["covered"] or not s["inView"]]
            assert hidden == [], f"{path} at {size['width']} px: {hidden}"


def test_a_form_sent_back_with_an_error_puts_focus_on_what_to_fix(page: Page) -> None:
    signed_up_runner(page)
    page.goto("/today/")
    page.get_by_role("button", name="Log this session").click()  # nothing chosen yet
    summary = page.locator(".errors-box")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(re.compile(r"check|choose|Nothing was saved", re.I))


def test_on_a_computer_the_tabs_become_a_side_navigation_beside_a_readable_page(
    page: Page,
) -> None:
    signed_up_runner(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/today/")
    nav = page.get_by_role("navigation", name="Main").bounding_box()
    main = page.locator("main").bounding_box()
    assert nav is not None
    assert main is not None
    assert nav["width"] < 300  # a column at the side, not a bar across 1,280 px
    assert nav["height"] >= 800
    assert main["x"] >= nav["x"] + nav["width"]  # the page beside it, never under it
    assert main["width"] <= 800  # a readable measure
    page.set_viewport_size({"width": 390, "height": 844})
    bar = page.get_by_role("navigation", name="Main").bounding_box()
    assert bar is not None
    assert bar["width"] == 390  # on a phone: the bar along the bottom, in reach of a thumb
    assert bar["y"] + bar["height"] >= 844 - 1
