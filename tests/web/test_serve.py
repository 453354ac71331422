"""`strideback serve` for real: a subprocess with gunicorn, the embedded SQLite database in
a fresh data directory, and requests over HTTP."""

from __future__ import annotations

import os
import queue
import re
import socket
import sqlite3
import stat
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

STRIDEBACK = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "strideback"
START_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def clean_environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment a user starting the app would have: no database URL, no test settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("STRIDEBACK_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env["STRIDEBACK_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


@dataclass
class Server:
    process: subprocess.Popen[str]
    url: str
    output: queue.Queue[str | None]
    lines: list[str] = field(default_factory=list)

    def next_line(self, timeout: float = 10) -> str | None:
        """The next line it prints (None once it has stopped)."""
        line = self.output.get(timeout=timeout)
        if line is not None:
            self.lines.append(line)
        return line


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start `strideback serve` and wait for its address; every server is stopped afterwards."""
    started: list[subprocess.Popen[str]] = []
    readers: list[threading.Thread] = []

    def start(data_dir: Path = tmp_path, **extra: str) -> Server:
        port = free_port()
        process = subprocess.Popen(
            [str(STRIDEBACK), "serve", "--port", str(port), "--workers", "1"],
            env=clean_environment(data_dir, **extra),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        started.append(process)
        lines: queue.Queue[str | None] = queue.Queue()

        def read() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                lines.put(line)
            lines.put(None)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        readers.append(reader)

        seen: list[str] = []
        deadline = time.monotonic() + START_TIMEOUT
        address = None
        while address is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pytest.fail(f"no address printed in {START_TIMEOUT:.0f}s: {''.join(seen)}")
            try:
                line = lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                pytest.fail(f"serve exited with {process.wait()}: {''.join(seen)}")
            seen.append(line)
            found = re.search(r"running at (http://\S+/)", line)
            if found:
                address = found.group(1)
        assert address == f"http://127.0.0.1:{port}/"
        _wait_until_listening(port, deadline)
        return Server(process=process, url=address, output=lines, lines=seen)

    try:
        yield start
    finally:
        for process in started:
            if process.poll() is None:
                process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        for reader in readers:
            reader.join(timeout=5)
        for process in started:
            if process.stdout is not None:
                process.stdout.close()


def _wait_until_listening(port: int, deadline: float) -> None:
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"nothing is listening on port {port}")
            time.sleep(0.1)


def get(url: str) -> tuple[int, dict[str, str], str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        headers = {key.lower(): value for key, value in response.headers.items()}
        return response.status, headers, response.read().decode("utf-8", "replace")


def run_serve(*args: str, data_dir: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(STRIDEBACK), "serve", *args],
        env=clean_environment(data_dir, **extra),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=60,
        check=False,
    )


# --- A running server --------------------------------------------------------------------


def test_serve_prints_its_address_and_serves_the_home_page_with_gunicorn(
    start_server: Callable[..., Server], tmp_path: Path
) -> None:
    server = start_server()
    assert server.next_line() == f"Data: {tmp_path / 'strideback.sqlite3'}  ·  Stop with Ctrl+C\n"
    status, headers, body = get(server.url)
    assert status == 200
    assert headers["server"].startswith("gunicorn")
    assert "Back to running after your baby, safely." in body
    assert "default-src 'self'" in headers["content-security-policy"]


def test_static_files_are_served_under_hashed_names_with_a_long_cache(
    start_server: Callable[..., Server],
) -> None:
    server = start_server()
    _, _, body = get(server.url)
    found = re.search(r'href="(/static/strideback/app\.([0-9a-f]{12})\.css)"', body)
    assert found, "the stylesheet is linked under a hashed name"
    status, headers, css = get(server.url.rstrip("/") + found.group(1))
    assert status == 200
    assert headers["content-type"].startswith("text/css")
    max_age = re.search(r"max-age=(\d+)", headers["cache-control"])
    assert max_age
    assert int(max_age.group(1)) >= 60 * 60 * 24 * 365
    assert "immutable" in headers["cache-control"]
    assert css.strip()


def test_an_unknown_page_is_a_plain_404_without_debug_details(
    start_server: Callable[..., Server],
) -> None:
    server = start_server()
    with pytest.raises(urllib.error.HTTPError) as error:
        get(server.url + "no-such-page/")
    assert error.value.code == 404
    body = error.value.read().decode()
    error.value.close()
    assert "Traceback" not in body
    assert "URLconf" not in body


def test_the_data_directory_holds_a_wal_sqlite_database_and_a_private_secret_key(
    start_server: Callable[..., Server], tmp_path: Path
) -> None:
    server = start_server()
    assert get(server.url)[0] == 200

    database = tmp_path / "strideback.sqlite3"
    assert database.is_file()
    with sqlite3.connect(database) as connection:
        (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert mode == "wal"
    assert "programmes_event" in tables  # migrated on start
    assert "strideback_cache" in tables  # the shared cache that keeps the rate-limit counts

    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text().strip()) >= 50


def test_a_second_start_reuses_the_secret_key(
    start_server: Callable[..., Server], tmp_path: Path
) -> None:
    first = start_server()
    key = (tmp_path / "secret_key").read_text()
    first.process.terminate()
    assert first.process.wait(timeout=15) == 0

    second = start_server()
    assert get(second.url)[0] == 200
    assert (tmp_path / "secret_key").read_text() == key
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_serve_cleans_up_on_start_and_says_what_went(
    start_server: Callable[..., Server], tmp_path: Path
) -> None:
    first = start_server()
    first.process.terminate()
    assert first.process.wait(timeout=15) == 0
    database = tmp_path / "strideback.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute(
            "INSERT INTO django_session (session_key, session_data, expire_date) "
            "VALUES ('gone', 'e30:1', '2000-01-01 00:00:00')"
        )
    connection.close()

    second = start_server()
    assert "Cleaned up: 1 expired session.\n" in second.lines
    with sqlite3.connect(database) as connection:
        left = connection.execute("SELECT COUNT(*) FROM django_session").fetchone()[0]
    connection.close()
    assert left == 0


# --- Refusing to start -------------------------------------------------------------------


@pytest.mark.parametrize("port", ["0", "70000"])
def test_a_port_out_of_range_exits_2_with_a_message(tmp_path: Path, port: str) -> None:
    result = run_serve("--port", port, data_dir=tmp_path)
    assert result.returncode == 2
    assert "--port" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "strideback.sqlite3").exists()


def test_a_bad_debug_setting_stops_serve_with_a_message_naming_the_variable(
    tmp_path: Path,
) -> None:
    result = run_serve("--port", str(free_port()), data_dir=tmp_path, STRIDEBACK_DEBUG="maybe")
    assert result.returncode != 0
    assert "STRIDEBACK_DEBUG" in result.stderr
    assert "'maybe'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
