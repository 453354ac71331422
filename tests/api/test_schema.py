"""Every operation against its own schema (schemathesis, in-process against the WSGI app):
no answer is a server error, and every answer is one the schema documents, in the shape it
documents. Once as a runner with a programme, once as a professional with a client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from strideback.api.api import api
from tests.api.conftest import token_for
from tests.web.conftest import log, make_professional, make_user, share_with, start

EXAMPLES = 12  # per operation and person: the whole file stays well under a minute
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# Built from the API's own schema (the one /api/v1/openapi.json serves); each case is sent
# to the app in-process through WSGI.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())


@pytest.fixture
def app(db: None, settings: Any) -> Iterator[Any]:
    """The WSGI app, in this test's transaction: as Django's test client does, a request's
    end does not close the database connection. Rate limits high enough for the fuzzing."""
    settings.API_RATES = {"read": "100000/min", "write": "100000/min"}
    from django.core.wsgi import get_wsgi_application  # after the static files are made

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def people(db: None) -> dict[str, str]:
    """A runner with a programme and a logged session, and her physio (sharing)."""
    runner = make_user("runner@example.com")
    log(runner, start(runner), note="A logged session")
    physio = make_professional("anna@clinic.example")
    share_with(runner, physio.practice)
    return {"runner": token_for(runner), "physio": token_for(physio.user)}


def test_the_schema_is_openapi_3_1_and_names_every_error() -> None:
    document = api.get_openapi_schema()
    assert document["openapi"].startswith("3.1")
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            documented = {str(code) for code in operation["responses"]}
            assert {"400", "401", "403", "404", "429"} <= documented, (method, path)


def check(case: Any, app: Any, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"}
    response = case.call(app=app, headers=headers)
    assert response.status_code < 500, (case.method, case.path, response.text[:500])
    case.validate_response(response, checks=CHECKS)
    content_type = (response.headers.get("content-type") or [""])[0]
    if response.status_code >= 400 and response.status_code != 405:  # 405: a method not listed
        assert content_type.startswith("application/json"), (
            response.status_code,
            case.method,
            case.formatted_path,
            case.query,
        )
        body = json.loads(response.text)
        assert isinstance(body["detail"], str)
        assert isinstance(body["errors"], list)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@FUZZ
def test_every_operation_answers_a_runner_as_its_schema_says(
    case: Any, app: Any, people: dict[str, str]
) -> None:
    check(case, app, people["runner"])


@schema.parametrize()
@FUZZ
def test_every_operation_answers_a_professional_as_its_schema_says(
    case: Any, app: Any, people: dict[str, str]
) -> None:
    check(case, app, people["physio"])
