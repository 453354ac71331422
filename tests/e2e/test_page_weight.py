"""Page weight: what a phone downloads the first time she opens today's session and starts
the player, measured in Chromium from the bytes that came over the wire (compressed as the
server sent them), service worker's own fetches included.

The budget is 100 KB for HTML, CSS, JS and fonts together. The figures are written to
out/page-weight.txt for the closing note and the README.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Request, expect

from tests.e2e.conftest import REPO, phone
from tests.e2e.test_player import _runner

pytestmark = pytest.mark.e2e

BUDGET = 100 * 1024
COUNTED = {"document", "stylesheet", "script", "font"}


@pytest.fixture(scope="module")
def strength_day(browser: Browser, server: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A runner eight weeks after the birth: today is a strength session with pictures."""
    return _runner(browser, server, 8, tmp_path_factory.mktemp("weight") / "state.json")


@pytest.fixture
def fresh_context(browser: Browser, server: str, strength_day: Path) -> Iterator[BrowserContext]:
    """Signed in, with nothing cached: an empty browser cache and no service worker yet."""
    context = browser.new_context(base_url=server, storage_state=str(strength_day), **phone())
    context.set_default_timeout(15_000)
    try:
        yield context
    finally:
        context.close()


def test_today_and_the_player_weigh_under_100_kb_on_first_load(
    fresh_context: BrowserContext,
) -> None:
    finished: list[Request] = []
    fresh_context.on("requestfinished", lambda request: finished.append(request))
    page = fresh_context.new_page()
    page.goto("/today/")
    page.get_by_role("button", name="Start session").click()
    expect(page.locator("#player")).to_be_visible()
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_load_state("networkidle")

    rows: list[tuple[str, str, int]] = []
    for request in finished:
        kind = request.resource_type
        if kind not in COUNTED:
            continue
        body = request.sizes()["responseBodySize"]
        source = "service worker" if request.service_worker else "page"
        response = request.response()
        if body == 0 and response is not None:
            # Chromium reports no wire size for the service worker's own script: count it
            # uncompressed, which can only over-count.
            body = len(response.body())
            source += ", uncompressed"
        rows.append((urlparse(request.url).path, f"{kind}, {source}", body))
    total = sum(size for _, _, size in rows)

    lines = [f"{size / 1024:7.1f} KB  {path}  ({what})" for path, what, size in rows]
    lines.append(f"{total / 1024:7.1f} KB  in all (budget {BUDGET // 1024} KB)")
    out = REPO / "out"
    out.mkdir(exist_ok=True)
    (out / "page-weight.txt").write_text("\n".join(lines) + "\n")

    paths = {path for path, _, _ in rows}
    assert "/today/" in paths, "the page itself should be counted"
    assert any(path.endswith(".js") for path in paths), "its scripts should be counted"
    assert any(path.endswith(".css") for path in paths), "its styles should be counted"
    assert total < BUDGET, "\n".join(lines)
