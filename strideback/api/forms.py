"""JSON bodies through the web's own forms: a route turns what was sent into the form data a
page would post, and the form's rules (and its words) decide what is allowed, so no rule is
written twice. A form's errors become the API's 400."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.forms import Form
from django.http import QueryDict

from strideback.core import InputError, Problem
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS

F = TypeVar("F", bound=Form)


def form_data(values: Mapping[str, Any], rename: Mapping[str, str] | None = None) -> QueryDict:
    """``values`` as a posted form: lists as repeated fields, true as a ticked box, false
    and None left out."""
    data = QueryDict(mutable=True)
    for key, value in values.items():
        name = (rename or {}).get(key, key)
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data.setlist(name, [str(item) for item in value])
        else:
            data[name] = str(value)
    return data


def checked(form: F, source: str, rename: Mapping[str, str] | None = None) -> F:
    """The form, valid; else InputError with each of its errors on the field the caller
    sent (``rename``: the form's field name → the API's)."""
    if form.is_valid():
        return form
    names = rename or {}
    problems = [
        Problem("" if field == "__all__" else names.get(field, field), str(message))
        for field, messages in form.errors.items()
        for message in messages
    ]
    raise InputError(source, problems)


def flat_tests(tests: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """{load_impact: {walk: pass}, strength: {...}} as the re-test form's fields."""
    unknown = set(tests) - {"load_impact", "strength"}
    if unknown:
        raise InputError("re-test", [Problem("tests", "give load_impact and strength only")])
    flat = {**tests.get("load_impact", {}), **tests.get("strength", {})}
    stray = set(flat) - {*LOAD_IMPACT_TESTS, *STRENGTH_TESTS}
    if stray:
        allowed = ", ".join((*LOAD_IMPACT_TESTS, *STRENGTH_TESTS))
        raise InputError(
            "re-test", [Problem(f"tests.{sorted(stray)[0]}", f"is not a test; tests: {allowed}")]
        )
    return flat
