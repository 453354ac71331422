"""`strideback cleanup` (and every `strideback serve`): what is no longer needed goes, and
nothing that still is: live sessions, finished visitor answers, checked accounts."""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone
from typer.testing import CliRunner

from strideback.accounts.cleanup import purge
from strideback.accounts.models import User
from strideback.cli import app
from strideback.programmes.drafts import VISITOR_ANSWERS, VISITOR_FINISHED
from tests.web.conftest import PASSWORD, answers, make_user
from tests.web.test_security import environment, run

AGE = timedelta(seconds=settings.SESSION_COOKIE_AGE)


def session(key: str, data: dict[str, Any], changed: datetime) -> Session:
    """A stored session last saved at ``changed`` (it expires one session age later)."""
    return Session.objects.create(
        session_key=key, session_data=SessionStore().encode(data), expire_date=changed + AGE
    )


def visitor(key: str, days_ago: float, finished: bool = False) -> Session:
    data = {VISITOR_ANSWERS: answers(), VISITOR_FINISHED: finished}
    return session(key, data, timezone.now() - timedelta(days=days_ago))


def signup(email: str, days_ago: float, verified: bool = False) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD)
    user.date_joined = timezone.now() - timedelta(days=days_ago)
    user.save(update_fields=["date_joined"])
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def remaining_sessions() -> set[str]:
    return set(Session.objects.values_list("session_key", flat=True))


def test_expired_sessions_go_and_live_ones_stay(db: None) -> None:
    now = timezone.now()
    session("expired", {"_auth_user_id": "1"}, now - AGE - timedelta(minutes=1))
    session("live", {"_auth_user_id": "1"}, now - timedelta(days=3))
    assert purge(now).expired_sessions == 1
    assert remaining_sessions() == {"live"}


def test_a_visitors_unfinished_answers_go_after_seven_days_untouched(db: None) -> None:
    visitor("stale", days_ago=8)
    visitor("recent", days_ago=2)
    visitor("finished", days_ago=8, finished=True)  # she may come back to her verdict
    session(
        "runner",
        {"_auth_user_id": "7", VISITOR_ANSWERS: answers()},
        timezone.now() - timedelta(days=8),
    )
    assert purge(timezone.now()).visitor_answers == 1
    assert remaining_sessions() == {"recent", "finished", "runner"}


def test_records_of_sign_ins_whose_session_ended_go(db: None) -> None:
    runner = make_user("runner@example.com")
    session("live", {"_auth_user_id": str(runner.pk)}, timezone.now())
    for key in ("live", "signed-out"):
        UserSession.objects.create(user=runner, session_key=key, ip="127.0.0.1", user_agent="x")
    assert purge(timezone.now()).ended_sign_ins == 1
    assert list(UserSession.objects.values_list("session_key", flat=True)) == ["live"]


def test_expired_cache_entries_go(db: None) -> None:
    cache.set("old", 1, timeout=-1)  # stored already expired
    cache.set("new", 2, timeout=60)
    assert purge(timezone.now()).cache_entries == 1
    assert cache.get("new") == 2


def test_sign_ups_never_checked_by_their_code_go_after_seven_days_and_nothing_else(
    db: None,
) -> None:
    signup("old@example.com", days_ago=8)
    signup("new@example.com", days_ago=2)
    signup("checked@example.com", days_ago=30, verified=True)
    before = make_user("before@example.com")  # an account from before codes
    before.date_joined = timezone.now() - timedelta(days=30)
    before.save(update_fields=["date_joined"])
    EmailAddress.objects.filter(user=before).delete()
    answered = signup("answered@example.com", days_ago=30)
    answered.intakes.create(
        version=1, answers={}, created_at=timezone.now(), updated_at=timezone.now()
    )

    assert purge(timezone.now()).unverified_signups == 1
    assert set(User.objects.values_list("email", flat=True)) == {
        "new@example.com",
        "checked@example.com",
        "before@example.com",
        "answered@example.com",
    }


def test_strideback_cleanup_says_what_it_deleted(db: None) -> None:
    visitor("stale", days_ago=8)
    signup("old@example.com", days_ago=8)
    result = CliRunner().invoke(app, ["cleanup"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Cleaned up:"
    assert "  1 visitor's unfinished answers, untouched for 7 days" in lines
    assert "  1 sign-up never checked by its code, older than 7 days" in lines
    assert "  0 expired sessions" in lines


def run_cleanup(data_dir: Path, **values: str) -> subprocess.CompletedProcess[str]:
    code = "from strideback.cli import main; main()"
    return run("-c", code, "cleanup", env=environment(data_dir, **values))


def test_strideback_cleanup_with_a_bad_setting_exits_2_naming_it(tmp_path: Path) -> None:
    result = run_cleanup(tmp_path, STRIDEBACK_DEBUG="maybe")
    assert result.returncode == 2
    assert "STRIDEBACK_DEBUG='maybe' is not a yes/no value" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_strideback_cleanup_before_the_database_is_set_up_exits_1_and_says_so(
    tmp_path: Path,
) -> None:
    result = run_cleanup(tmp_path)
    assert result.returncode == 1
    assert "the database could not be cleaned" in result.stderr
    assert "`strideback serve` sets it up" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
