"""The same API request twice at once (a retry sent before the first answer came back):
one entry, and both answers name it. Run through the whole app in two threads, each with its
own database connection, as tests/web/test_races.py does for the pages."""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from strideback.api import tokens
from strideback.programmes.models import Event
from strideback.tracking import services as tracking
from tests.api.conftest import bearer, send, token_for
from tests.web.conftest import make_user, start
from tests.web.test_races import WAIT, at_once

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _quick_passwords_and_a_clean_cache(settings: Any) -> Iterator[None]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    yield
    cache.clear()  # the cache table outlives each test's flush


@pytest.mark.parametrize("path", ["/me/logs", "/me/pause"])
def test_the_same_key_twice_at_once_saves_one_entry(
    path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = make_user("retry@example.com")
    start(user)
    secret = token_for(user)
    body = {"completed": "all", "rpe": 4, "pain": 0} if path == "/me/logs" else {}
    hold_once_after(monkeypatch, tracking, "already_logged")
    first, second = at_once(
        lambda: send(bearer(secret), "POST", path, body, **{"Idempotency-Key": "retry-1"}),
        lambda: send(bearer(secret), "POST", path, body, **{"Idempotency-Key": "retry-1"}),
    )
    saved = Event.objects.filter(programme__owner=user)
    assert saved.count() == 1
    assert sorted([first.status_code, second.status_code]) == [200, 201]
    assert first.json()["id"] == second.json()["id"] == saved.get().public_id


def hold_once_after(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> None:
    """Both requests wait for each other just after their first ``module.name`` (the check
    for the key), so both pass it before either writes; later calls go straight on."""
    checked = getattr(module, name)
    both = threading.Barrier(2)
    waited: set[int] = set()

    def check_then_wait(*args: Any, **kwargs: Any) -> Any:
        result = checked(*args, **kwargs)
        if threading.get_ident() not in waited:
            waited.add(threading.get_ident())
            with contextlib.suppress(threading.BrokenBarrierError):
                both.wait(timeout=WAIT)
        return result

    monkeypatch.setattr(module, name, check_then_wait)


def test_the_same_token_form_twice_at_once_makes_one_token() -> None:
    user = make_user("twice@example.com")
    key = uuid.uuid4()
    made = at_once_values(
        lambda: tokens.create_token(user, "Sheet", "read", timezone.now(), client_key=key),
        lambda: tokens.create_token(user, "Sheet", "read", timezone.now(), client_key=key),
    )
    assert made[0].token.pk == made[1].token.pk
    assert sum(1 for m in made if m.secret) == 1


def at_once_values(*calls: Any) -> list[Any]:
    line = threading.Barrier(len(calls))
    out: list[Any] = [None] * len(calls)

    def run(index: int, call: Any) -> None:
        try:
            line.wait(timeout=10)
            out[index] = call()
        except BaseException as error:
            out[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for value in out:
        assert not isinstance(value, BaseException), value
    return out
