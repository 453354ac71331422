"""API test fixtures: the web tests' people (runners, professionals, shares), each with a
token, and a client that sends it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.api import tokens
from tests.web import conftest as web

# The web tests' fixtures, found by pytest under these names.
_static_files = web._static_files
runner = web.runner
other_runner = web.other_runner
physio = web.physio

RUNNER_NOTE = "Ran past the lighthouse with Maisie asleep in the buggy"


def token_for(user: User, scope: str = "write", **kw: Any) -> str:
    made = tokens.create_token(
        user, f"test {scope} {timezone.now().timestamp()}", scope, timezone.now(), **kw
    )
    assert made.secret is not None
    return made.secret


def bearer(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def api_as(user: User, scope: str = "write", **kw: Any) -> Client:
    return bearer(token_for(user, scope, **kw))


@pytest.fixture(autouse=True)
def _clean_cache(db: None) -> Iterator[None]:
    """The rate limits count in the cache: each test starts afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def her(runner: User) -> Client:
    """The runner's app, with a write token."""
    return api_as(runner)


@pytest.fixture
def other(other_runner: User) -> Client:
    return api_as(other_runner)


@pytest.fixture
def physio_api(physio: Any) -> Client:
    return api_as(physio.user)


def send(client: Client, method: str, path: str, body: Any = None, **headers: str) -> Any:
    """A JSON request to the API (``path`` after /api/v1)."""
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    return client.generic(
        method,
        f"/api/v1{path}",
        json.dumps(body) if body is not None else "",
        content_type="application/json",
        **extra,
    )


def is_error(response: Any, status: int) -> dict[str, Any]:
    """The answer is the API's error body with this status."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    body: dict[str, Any] = response.json()
    assert isinstance(body["detail"], str)
    assert body["detail"]
    assert isinstance(body["errors"], list)
    return body
