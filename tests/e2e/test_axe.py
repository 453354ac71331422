"""axe-core (Deque's rules engine, vendored) finds no WCAG 2.0, 2.1 or 2.2 A or AA violation
on any page a visitor, a runner or a professional sees, at a phone's size and a computer's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from tests.e2e.test_journeys import answer_intake, sign_up
from tests.e2e.test_practice import set_up_practice

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SIZES = [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]

VISITOR = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password-reset/"]
RUNNER = [
    "/today/",
    "/programme/",
    "/history/",
    "/progress/",
    "/verdict/",
    "/retest/",
    "/plan/pause/",
    "/settings/",
    "/accounts/password/change/",
    "/exercises/",
    "/sources/",
]
PROFESSIONAL = ["/practice/", "/practice/exercises/", "/practice/templates/", "/practice/team/"]


def violations(page: Page, path: str) -> list[str]:
    """What axe finds on ``path``: each rule broken, with where. (Evaluated through the
    browser's debugging channel, so the page's content policy does not block it.)"""
    page.goto(path)
    page.evaluate(AXE)
    found: list[dict[str, Any]] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target)})))",
        TAGS,
    )
    return [f"{path}: {v['id']} at {v['nodes'][:3]}" for v in found]


def every_page(page: Page, paths: list[str]) -> list[str]:
    broken: list[str] = []
    for size in SIZES:
        page.set_viewport_size(size)
        for path in paths:
            broken += [f"{size['width']} px {v}" for v in violations(page, path)]
    return broken


def test_no_page_a_visitor_or_a_runner_sees_breaks_a_wcag_rule(page: Page) -> None:
    assert every_page(page, VISITOR) == []
    page.goto("/accounts/signup/")
    sign_up(page, lambda _: None)
    answer_intake(page, lambda _: None, weeks_after_birth=14)
    assert every_page(page, RUNNER) == []


def test_no_page_a_professional_sees_breaks_a_wcag_rule(page: Page) -> None:
    page.set_viewport_size(SIZES[1])
    set_up_practice(page, lambda _: Path(), "Axe Physio")
    assert every_page(page, PROFESSIONAL) == []
