"""`strideback migrate`, `serve --no-migrate` and `strideback backup`, for real: subprocesses on
a fresh data directory (SQLite) or a scratch PostgreSQL database, requests over HTTP.

- Servers (or deploy steps) that start at the same moment migrate once: they take turns.
- A backup made while the app runs restores into a new data directory, and the app serves
  the runner's pages with her entries from it.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.web.test_serve import STRIDEBACK, clean_environment, free_port

PASSWORD = "a long walk by the sea"
NOTE = "Ran past the lighthouse with Maisie asleep in the buggy"
SECRET = "a-shared-secret-key-" + "x" * 40
DATABASE_URL = os.environ.get("STRIDEBACK_DATABASE_URL", "")
ON_POSTGRESQL = DATABASE_URL.startswith(("postgresql://", "postgres://"))
postgresql_only = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="STRIDEBACK_DATABASE_URL is not a PostgreSQL database"
)

# A runner with a programme and a logged session with a note, made in the app's own
# settings (the data directory or database of the environment it runs in).
SEED = f"""
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "strideback.web.settings"
import django
django.setup()
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password, PBKDF2PasswordHasher
from django.utils import timezone
from strideback.accounts.models import User
from strideback.programmes import services
from strideback.tracking import services as tracking
from tests.web.conftest import answers

user = User.objects.create(email="maya@example.com", password=make_password({PASSWORD!r}))
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
today = timezone.localdate()
programme = services.start_programme(user, answers(), today, timezone.now())
entry = {{"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": [], "note": {NOTE!r}}}
tracking.log_session(user, programme, "walk_run", entry, today, timezone.now())
"""


def command(
    *args: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(STRIDEBACK), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def migration_files() -> int:
    """How many migrations the installed apps have (the rows a migrated database holds)."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from django.db.migrations.loader import MigrationLoader; "
            "print(len(MigrationLoader(None, ignore_no_migrations=True).disk_migrations))",
        ],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def applied_count(output: str) -> int:
    found = re.search(r"^Applied (\d+) migrations?:", output, re.MULTILINE)
    return int(found[1]) if found else 0


# --- Servers that start at once -------------------------------------------------------


class Servers:
    """`strideback serve` processes started together; each is stopped at the end."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen[str]] = []

    def start(self, env: dict[str, str], *args: str) -> tuple[subprocess.Popen[str], int]:
        port = free_port()
        process = subprocess.Popen(
            [str(STRIDEBACK), "serve", "--port", str(port), "--workers", "1", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.processes.append(process)
        return process, port

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()


@pytest.fixture
def servers() -> Iterator[Servers]:
    started = Servers()
    try:
        yield started
    finally:
        started.stop()


def healthy(port: int, process: subprocess.Popen[str], timeout: float = 90) -> None:
    """Wait until /healthz answers 200 (fails if the server exits first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve exited with {process.returncode}: {process.communicate()[0]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
                assert answer.status == 200
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"no healthy server on port {port} after {timeout:.0f} s")


# --- A runner over HTTP ----------------------------------------------------------------

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def signed_in_pages(port: int, *paths: str) -> list[str]:
    """Sign in as Maya through the sign-in form (CSRF token, session cookie), then read
    ``paths``."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    base = f"http://127.0.0.1:{port}"
    with opener.open(base + "/accounts/login/", timeout=30) as answer:
        token = TOKEN.search(answer.read().decode())
    assert token is not None
    form = {"csrfmiddlewaretoken": token[1], "login": "maya@example.com", "password": PASSWORD}
    with opener.open(
        base + "/accounts/login/", urllib.parse.urlencode(form).encode(), timeout=30
    ) as answer:
        assert answer.url.endswith("/today/"), answer.url  # signed in: sent to Today
    pages = []
    for path in paths:
        with opener.open(base + path, timeout=30) as answer:
            assert answer.status == 200
            pages.append(answer.read().decode())
    return pages


# --- PostgreSQL scratch databases -------------------------------------------------------


@pytest.fixture
def new_database() -> Iterator[Callable[[], str]]:
    """Make fresh PostgreSQL databases on the server STRIDEBACK_DATABASE_URL names (its role
    may create databases), each dropped at the end; returns a database's URL."""
    import psycopg

    made: list[str] = []

    def make() -> str:
        name = f"strideback_scratch_{secrets.token_hex(4)}"
        with psycopg.connect(DATABASE_URL, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        parts = urllib.parse.urlsplit(DATABASE_URL)
        return urllib.parse.urlunsplit(parts._replace(path="/" + name))

    try:
        yield make
    finally:
        with psycopg.connect(DATABASE_URL, autocommit=True) as connection:
            for name in made:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def rows(url: str, query: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(url) as connection:
        return list(connection.execute(query).fetchall())


COUNTED = ("accounts_user", "programmes_programme", "programmes_event", "django_migrations")


# --- strideback migrate ---------------------------------------------------------------


def test_migrate_applies_what_is_missing_and_then_nothing(tmp_path: Path) -> None:
    env = clean_environment(tmp_path)
    first = command("migrate", env=env)
    assert first.returncode == 0, first.stderr
    assert applied_count(first.stdout) == migration_files()
    assert "  accounts.0001_initial\n" in first.stdout
    assert "Made the cache table strideback_cache." in first.stdout
    again = command("migrate", env=env)
    assert again.returncode == 0
    assert again.stdout == "The database is up to date: no migrations to apply.\n"


def test_migrate_with_bad_input_exits_2_without_a_traceback(tmp_path: Path) -> None:
    extra = command("migrate", "now", env=clean_environment(tmp_path))
    assert extra.returncode == 2
    setting = command("migrate", env=clean_environment(tmp_path, STRIDEBACK_DEBUG="maybe"))
    assert setting.returncode == 2
    assert "STRIDEBACK_DEBUG" in setting.stderr
    assert "Traceback" not in extra.stderr + setting.stderr
    assert not (tmp_path / "strideback.sqlite3").exists()


def test_three_migrates_at_once_on_sqlite_migrate_once(tmp_path: Path) -> None:
    env = clean_environment(tmp_path)
    runs = [
        subprocess.Popen(
            [str(STRIDEBACK), "migrate"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    assert sorted(applied_count(out) for out, _ in outputs) == [0, 0, migration_files()]
    with sqlite3.connect(tmp_path / "strideback.sqlite3") as connection:
        total, distinct = connection.execute(
            "SELECT COUNT(*), COUNT(DISTINCT app || '.' || name) FROM django_migrations"
        ).fetchone()
    connection.close()
    assert total == distinct == migration_files()


def test_serve_no_migrate_refuses_an_unmigrated_database_and_says_what_to_run(
    tmp_path: Path,
) -> None:
    result = command(
        "serve",
        "--no-migrate",
        "--port",
        str(free_port()),
        env=clean_environment(tmp_path),
        timeout=60,
    )
    assert result.returncode == 1
    assert "run `strideback migrate` first" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_no_migrate_starts_once_migrate_has_run(tmp_path: Path, servers: Servers) -> None:
    env = clean_environment(tmp_path)
    assert command("migrate", env=env).returncode == 0
    process, port = servers.start(env, "--no-migrate")
    healthy(port, process)


def test_two_servers_starting_at_once_on_one_sqlite_data_directory_both_come_up(
    tmp_path: Path, servers: Servers
) -> None:
    env = clean_environment(tmp_path)
    started = [servers.start(env), servers.start(env)]
    for process, port in started:
        healthy(port, process)
    with sqlite3.connect(tmp_path / "strideback.sqlite3") as connection:
        total, distinct = connection.execute(
            "SELECT COUNT(*), COUNT(DISTINCT app || '.' || name) FROM django_migrations"
        ).fetchone()
    connection.close()
    assert total == distinct == migration_files()


@postgresql_only
def test_two_servers_starting_at_once_on_a_fresh_postgresql_database_migrate_once(
    tmp_path: Path, servers: Servers, new_database: Callable[[], str]
) -> None:
    url = new_database()
    started = [
        servers.start(
            clean_environment(
                tmp_path / name, STRIDEBACK_DATABASE_URL=url, STRIDEBACK_SECRET_KEY=SECRET
            )
        )
        for name in ("one", "two")
    ]
    for process, port in started:
        healthy(port, process)
    ((total, distinct),) = rows(
        url, "SELECT COUNT(*), COUNT(DISTINCT (app, name)) FROM django_migrations"
    )
    assert total == distinct == migration_files()


@postgresql_only
def test_three_migrates_at_once_on_postgresql_take_turns(
    tmp_path: Path, new_database: Callable[[], str]
) -> None:
    url = new_database()
    env = clean_environment(tmp_path, STRIDEBACK_DATABASE_URL=url)
    runs = [
        subprocess.Popen(
            [str(STRIDEBACK), "migrate"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    assert sorted(applied_count(out) for out, _ in outputs) == [0, 0, migration_files()]


# --- strideback backup ------------------------------------------------------------------


def test_a_backup_of_a_live_sqlite_database_restores_with_her_entries(
    tmp_path: Path, servers: Servers
) -> None:
    live = tmp_path / "live"
    env = clean_environment(live, STRIDEBACK_SECRET_KEY=SECRET)
    assert command("migrate", env=env).returncode == 0
    seeded = subprocess.run(
        [sys.executable, "-c", SEED],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert seeded.returncode == 0, seeded.stderr
    process, port = servers.start(env)
    healthy(port, process)
    signed_in_pages(port, "/today/")  # the app is in use (a session written) as it is copied

    copy = tmp_path / "strideback-backup.sqlite3"
    made = command("backup", str(copy), env=env)
    assert made.returncode == 0, made.stderr
    assert "integrity ok" in made.stdout
    assert copy.stat().st_mode & 0o077 == 0  # her health data: the owner's alone
    again = command("backup", str(copy), env=env)
    assert again.returncode == 2
    assert "already exists" in again.stderr

    restored = tmp_path / "restored"
    restored.mkdir()
    shutil.copyfile(copy, restored / "strideback.sqlite3")
    process, port = servers.start(clean_environment(restored, STRIDEBACK_SECRET_KEY=SECRET))
    healthy(port, process)
    today, history = signed_in_pages(port, "/today/", "/history/")
    assert "<h1" in today
    assert NOTE in history


@postgresql_only
@pytest.mark.skipif(shutil.which("pg_restore") is None, reason="needs pg_dump and pg_restore")
def test_a_postgresql_backup_restores_into_a_scratch_database_with_every_row(
    tmp_path: Path, new_database: Callable[[], str]
) -> None:
    source, target = new_database(), new_database()
    env = clean_environment(tmp_path, STRIDEBACK_DATABASE_URL=source)
    assert command("migrate", env=env).returncode == 0
    seeded = subprocess.run(
        [sys.executable, "-c", SEED],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert seeded.returncode == 0, seeded.stderr
    dump = tmp_path / "strideback.dump"
    made = command("backup", str(dump), env=env)
    assert made.returncode == 0, made.stderr
    assert "pg_dump custom format" in made.stdout
    restore = subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", target, str(dump)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert restore.returncode == 0, restore.stderr
    count = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {t}" for t in COUNTED)
    assert rows(target, count) == rows(source, count)
    assert dict(rows(target, count))["programmes_event"] == 1
