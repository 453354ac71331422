"""Security: headers, CSRF, production settings, bad environment values, password hashing,
and the disclaimer on every page that advises."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import Client
from django.utils.html import escape

from strideback.accounts.models import User
from strideback.core import DISCLAIMER
from strideback.programmes.models import Event
from tests.web.conftest import PASSWORD, sign_up, visitor_who_finished

PROJECT = Path(__file__).resolve().parents[2]
SESSION_LOG = {"completed": "all", "rpe": "4", "pain": "0", "early": "1"}


# --- Helpers -----------------------------------------------------------------------------


def environment(data_dir: Path, **values: str) -> dict[str, str]:
    """This process's environment without any STRIDEBACK_* or Django settings, plus
    ``values``: what the app would see when started with only those set."""
    kept = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("STRIDEBACK_") and key != "DJANGO_SETTINGS_MODULE"
    }
    return {**kept, "STRIDEBACK_DATA_DIR": str(data_dir), **values}


def production(data_dir: Path) -> dict[str, str]:
    return environment(
        data_dir,
        STRIDEBACK_HTTPS="1",
        STRIDEBACK_DEBUG="0",
        STRIDEBACK_SECRET_KEY=secrets.token_urlsafe(45),  # 60 characters
        STRIDEBACK_ALLOWED_HOSTS="strideback.example",
    )


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def settings_under(env: dict[str, str], *names: str) -> dict[str, object]:
    """The named settings as the app reads them from ``env`` at start-up."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}))"
    )
    result = run("-c", code, env={**env, "DJANGO_SETTINGS_MODULE": "strideback.web.settings"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def policy(response: HttpResponse) -> dict[str, str]:
    """The Content-Security-Policy as directive -> sources."""
    header = response.headers["Content-Security-Policy"]
    directives = (part.strip().partition(" ") for part in header.split(";") if part.strip())
    return {name: sources for name, _, sources in directives}


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Headers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "as_runner"),
    [
        ("/", False),
        ("/accounts/login/", False),
        ("/exercises/fire_hydrant/", False),
        ("/today/", True),
        ("/history/", True),
        ("/no-such-page/", False),
    ],
)
def test_every_page_carries_the_security_headers(path: str, as_runner: bool, runner: User) -> None:
    response = (signed_in(runner) if as_runner else Client()).get(path)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.parametrize(("path", "as_runner"), [("/", False), ("/today/", True)])
def test_the_content_security_policy_allows_only_the_apps_own_scripts(
    path: str, as_runner: bool, runner: User
) -> None:
    response = (signed_in(runner) if as_runner else Client()).get(path)
    directives = policy(response)
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    header = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in header
    assert "'unsafe-eval'" not in header


@pytest.mark.parametrize(("path", "as_runner"), [("/", False), ("/today/", True)])
def test_every_script_on_a_page_is_loaded_from_the_apps_own_files(
    path: str, as_runner: bool, runner: User
) -> None:
    html = (signed_in(runner) if as_runner else Client()).get(path).text
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "the page should load htmx"
    for tag in scripts:
        # Data for a script (json_script) is not run by the browser, so it needs no file.
        if 'type="application/json"' in tag:
            continue
        assert re.search(r'\bsrc="/static/', tag), tag
    assert not re.search(r"\son[a-z]+=", html), "inline event handlers are blocked by the CSP"


# --- CSRF --------------------------------------------------------------------------------


def test_a_logged_session_without_the_csrf_token_is_refused_and_nothing_is_saved(
    runner: User,
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(runner)
    response = client.post("/today/log/", SESSION_LOG)
    assert response.status_code == 403
    assert not Event.objects.exists()


def test_a_logged_session_with_the_csrf_token_from_the_page_is_saved(runner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(runner)
    page = client.get("/today/?early=1")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token is not None
    response = client.post("/today/log/", {**SESSION_LOG, "csrfmiddlewaretoken": token[1]})
    assert response.status_code == 302
    assert Event.objects.filter(programme__owner=runner).count() == 1


# --- Production settings -----------------------------------------------------------------


def test_the_deployment_checks_find_no_issues_in_production(tmp_path: Path) -> None:
    result = run(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=production(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert result.stderr == ""


def test_behind_https_the_session_and_csrf_cookies_are_secure(tmp_path: Path) -> None:
    seen = settings_under(
        production(tmp_path),
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "DEBUG",
    )
    assert seen == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 60 * 60 * 24 * 365,
        "DEBUG": False,
    }


def test_behind_https_mailed_links_use_https_and_a_proxy_passes_on_the_runners_address(
    tmp_path: Path,
) -> None:
    env = {**production(tmp_path), "STRIDEBACK_BEHIND_PROXY": "1"}
    seen = settings_under(env, "ACCOUNT_DEFAULT_HTTP_PROTOCOL", "ALLAUTH_TRUSTED_PROXY_COUNT")
    assert seen == {"ACCOUNT_DEFAULT_HTTP_PROTOCOL": "https", "ALLAUTH_TRUSTED_PROXY_COUNT": 1}


def test_the_cache_shared_by_every_worker_is_a_table_in_the_database(tmp_path: Path) -> None:
    seen = settings_under(environment(tmp_path), "CACHES")
    assert seen == {
        "CACHES": {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "strideback_cache",
            }
        }
    }


def test_on_one_machine_without_https_the_cookies_work_over_plain_http(tmp_path: Path) -> None:
    seen = settings_under(environment(tmp_path), "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE")
    assert seen == {"SESSION_COOKIE_SECURE": False, "CSRF_COOKIE_SECURE": False}


YES_NO = "use one of: 1, true, yes, on, 0, false, no, off."


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"STRIDEBACK_DEBUG": "maybe"},
            f"STRIDEBACK_DEBUG='maybe' is not a yes/no value; {YES_NO}",
        ),
        (
            {"STRIDEBACK_HTTPS": "sometimes"},
            f"STRIDEBACK_HTTPS='sometimes' is not a yes/no value; {YES_NO}",
        ),
        (
            {"STRIDEBACK_SMTP_HOST": "smtp.example", "STRIDEBACK_SMTP_PORT": "70000"},
            "STRIDEBACK_SMTP_PORT=70000 is out of range; use 1 to 65535.",
        ),
        (
            {"STRIDEBACK_CACHE_URL": "memcached://127.0.0.1:11211"},
            "STRIDEBACK_CACHE_URL must be unset (the database) or start with redis://, "
            "rediss://, valkey:// or valkeys://; got 'memcached'.",
        ),
        (
            {"STRIDEBACK_CACHE_URL": "redis://127.0.0.1:6379/0"},
            "STRIDEBACK_CACHE_URL names a Redis server: install its client first (pip install "
            "redis).",
        ),
        (
            {"STRIDEBACK_CACHE_URL": "valkey://127.0.0.1:6379/0"},
            "STRIDEBACK_CACHE_URL names a Redis server: install its client first (pip install "
            "redis).",
        ),
    ],
    ids=["debug", "https", "smtp-port", "cache", "cache-without-redis", "valkey-without-redis"],
)
def test_a_bad_environment_value_stops_manage_py_with_a_message_naming_it(
    values: dict[str, str], message: str, tmp_path: Path
) -> None:
    result = run("manage.py", "check", env=environment(tmp_path, **values))
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line == f"django.core.exceptions.ImproperlyConfigured: {message}"
    # One exception, raised cleanly: no second error while handling the first.
    assert result.stderr.count("Traceback (most recent call last)") == 1
    assert "During handling of the above exception" not in result.stderr
    assert "The above exception was the direct cause" not in result.stderr


def test_a_bad_environment_value_stops_strideback_serve_with_exit_2_and_no_traceback(
    tmp_path: Path,
) -> None:
    result = run(
        "-c",
        "from strideback.cli import main; main()",
        "serve",
        env=environment(tmp_path, STRIDEBACK_DEBUG="maybe"),
    )
    assert result.returncode == 2
    assert f"STRIDEBACK_DEBUG='maybe' is not a yes/no value; {YES_NO}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# --- Passwords ---------------------------------------------------------------------------


def test_a_new_accounts_password_is_hashed_with_argon2(db: None) -> None:
    sign_up(Client(), "new@example.com")
    stored = User.objects.get(email="new@example.com").password
    assert stored.startswith("argon2")
    assert PASSWORD not in stored


# --- The disclaimer ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/verdict/", "/programme/", "/today/", "/history/", "/retest/", "/exercises/fire_hydrant/"],
)
def test_every_page_that_advises_carries_the_disclaimer(path: str, runner: User) -> None:
    response = signed_in(runner).get(path)
    assert response.status_code == 200
    assert_disclaimer(response)


def test_a_visitors_verdict_carries_the_disclaimer(db: None) -> None:
    response = visitor_who_finished().get("/verdict/")
    assert 'data-status="ready"' in response.text
    assert_disclaimer(response)


@pytest.mark.parametrize("path", ["/exercises/", "/exercises/fire_hydrant/"])
def test_the_exercise_library_carries_the_disclaimer_for_a_visitor(path: str, db: None) -> None:
    response = Client().get(path)
    assert response.status_code == 200
    assert_disclaimer(response)


def assert_disclaimer(response: HttpResponse) -> None:
    found = re.search(r'<p[^>]*data-testid="disclaimer"[^>]*>(.*?)</p>', response.text, re.S)
    assert found is not None, "no disclaimer on the page"
    assert found[1].strip() == escape(DISCLAIMER)
