"""The health check a load balancer polls: ``GET /healthz``."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError, connection
from django.test import Client

from strideback.accounts.models import User


def test_a_server_with_its_database_answers_200_ok_in_one_query(
    client: Client, db: None, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):  # the SELECT 1, nothing else
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}


def test_the_answer_is_never_stored_and_makes_no_session(client: Client, db: None) -> None:
    response = client.get("/healthz")
    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert Session.objects.count() == 0


def test_a_head_request_is_enough_and_a_post_is_refused(client: Client, db: None) -> None:
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_a_signed_in_runner_gets_the_same_answer(runner: User, runner_client: Client) -> None:
    response = runner_client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_an_unreachable_database_answers_503_without_saying_why(
    client: Client, db: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse() -> None:
        raise OperationalError('connection to server at "10.0.0.9", port 5432 failed')

    with monkeypatch.context() as patched:  # undone before the test database is torn down
        patched.setattr(connection, "cursor", refuse)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
    assert "10.0.0.9" not in response.text
    assert "no-store" in response["Cache-Control"]
    assert "10.0.0.9" in caplog.text  # in the server's log instead


def test_it_answers_ok_again_once_the_database_is_back(
    client: Client, db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patched:
        patched.setattr(connection, "cursor", lambda: (_ for _ in ()).throw(OperationalError()))
        assert client.get("/healthz").status_code == 503
    assert client.get("/healthz").status_code == 200
