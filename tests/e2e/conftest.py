"""End-to-end fixtures: the real `strideback serve` in a subprocess, Debian's Chromium at
phone size, and full-page screenshots into out/screenshots/.

The server gets a fresh STRIDEBACK_DATA_DIR and the rest of the environment, so a run with
STRIDEBACK_DATABASE_URL set drives PostgreSQL instead of SQLite (the tests use unique emails,
so a database kept between runs is fine). It sends its mail by SMTP to a real SMTP server on
loopback started here; ``server_mailbox()`` holds what it received, so a test reads the
sign-up code or the reset link as she would.
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.mailbox import Mailbox, smtp_server

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "out" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
START_TIMEOUT = 60.0
PHONE = {
    "viewport": {"width": 360, "height": 800},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    # A UK phone's language and clock (Accept-Language, Intl); the date field's mm/dd/yyyy
    # placeholder follows Chromium's own UI language, which the launch arguments leave alone.
    "locale": "en-GB",
    "timezone_id": "Europe/London",
}


def phone() -> dict[str, Any]:
    """A phone's context options, each phone on its own connection: the server runs as it
    does behind a proxy, so every phone (every runner) has her own address, and the limits
    on sign-ups from one connection count each runner apart, as they would in the world."""
    address = ".".join(str(random.randint(1, 254)) for _ in range(3))
    return {**PHONE, "extra_http_headers": {"X-Forwarded-For": f"10.{address}"}}


SERVER_ENV: dict[str, str] = {}  # the running server's environment, for ``on_server``


def on_server(code: str) -> None:
    """Run Python ``code`` against the running server's database (Django's shell, in the
    server's environment): to set up what a browser cannot, such as a programme that began
    days ago."""
    assert SERVER_ENV, "the server fixture is not running"
    done = subprocess.run(
        [sys.executable, "-m", "django", "shell", "-c", code],
        env=SERVER_ENV,
        cwd=SERVER_ENV["STRIDEBACK_DATA_DIR"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pump(stream: object, lines: queue.Queue[str | None], kept: list[str]) -> None:
    """Read the server's output to the end (so its pipe never fills), keeping every line."""
    for line in stream:  # type: ignore[attr-defined]
        kept.append(line)
        lines.put(line)
    lines.put(None)


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_until_answering(url: str, process: subprocess.Popen[str], deadline: float) -> None:
    """gunicorn binds just after the address is printed: wait for a real answer."""
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                response.read()
            return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.1)


_MAILBOXES: list[Mailbox] = []


def server_mailbox() -> Mailbox:
    """What the running server has mailed (its SMTP server is started with it)."""
    assert _MAILBOXES, "the `server` fixture starts the mail server"
    return _MAILBOXES[-1]


@pytest.fixture(scope="session")
def mail_server() -> Iterator[int]:
    """A real SMTP server on loopback for the app's mail; yields its port."""
    with smtp_server() as (mailbox, port):
        _MAILBOXES.append(mailbox)
        yield port


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, mail_server: int) -> Iterator[str]:
    """The base URL of a running `strideback serve` (one worker, a fresh data directory),
    mailing through the SMTP server of ``mail_server``."""
    executable = Path(sys.executable).parent / "strideback"
    if not executable.exists():
        pytest.fail(f"{executable} is missing: install the project with `pip install -e .[dev]`.")
    data_dir = tmp_path_factory.mktemp("strideback-data")
    port = _free_port()
    env = {
        **os.environ,
        "STRIDEBACK_DATA_DIR": str(data_dir),
        "STRIDEBACK_SMTP_HOST": "127.0.0.1",
        "STRIDEBACK_SMTP_PORT": str(mail_server),
        "STRIDEBACK_SMTP_TLS": "0",
        "STRIDEBACK_BEHIND_PROXY": "1",
        "PYTHONUNBUFFERED": "1",
    }
    # pytest-django exports the unit tests' settings module; the server runs on its own.
    env["DJANGO_SETTINGS_MODULE"] = "strideback.web.settings"
    SERVER_ENV.update(env)
    process = subprocess.Popen(
        [str(executable), "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        cwd=data_dir,
    )
    assert process.stdout is not None
    lines: queue.Queue[str | None] = queue.Queue()
    kept: list[str] = []
    reader = threading.Thread(target=_pump, args=(process.stdout, lines, kept), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + START_TIMEOUT
        url = None
        while url is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pytest.fail(
                    f"`strideback serve` did not print its address within {START_TIMEOUT:.0f} s:\n"
                    + "".join(kept)
                )
            try:
                line = lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                process.wait(timeout=10)
                pytest.fail(
                    f"`strideback serve` exited with code {process.returncode}:\n" + "".join(kept)
                )
            found = re.search(r"running at (http://\S+)", line)
            if found:
                url = found.group(1).rstrip("/")
        _wait_until_answering(url + "/", process, deadline)
        if process.poll() is not None:
            pytest.fail("`strideback serve` stopped after starting:\n" + "".join(kept))
        yield url
    finally:
        _stop(process)
        reader.join(timeout=10)
        process.stdout.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing. The end-to-end tests drive Debian's Chromium: "
            "run `apt-get install chromium` (Playwright's own browser download is not used)."
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    """A fresh phone-sized context (no cookies) whose relative URLs go to the server."""
    context = browser.new_context(base_url=server, **phone())
    context.set_default_timeout(10_000)
    opened = context.new_page()
    try:
        yield opened
    finally:
        with contextlib.suppress(Exception):
            context.close()


def screenshots(page: Page, request: pytest.FixtureRequest, who: str = "") -> Callable[[str], Path]:
    """A function saving full-page PNGs of ``page`` as out/screenshots/<test>-<who>-<step>.png
    (without ``who``: <test>-<step>.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test_name = re.sub(r"[^\w.-]+", "_", request.node.name)
    prefix = f"{test_name}-{who}-" if who else f"{test_name}-"

    def take(step: str) -> Path:
        path = SCREENSHOTS / f"{prefix}{step}.png"
        page.screenshot(path=str(path), full_page=True, timeout=30_000)  # long pages, busy CI
        return path

    return take


@pytest.fixture
def shot(page: Page, request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """``shot("verdict")`` saves a full-page PNG as out/screenshots/<test>-verdict.png."""
    return screenshots(page, request)
