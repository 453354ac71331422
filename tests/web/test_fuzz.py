"""Odd requests never break a page.

Every route of the access table (``ROUTES``, imported, so that a page added there is fuzzed
too), as a signed-in runner and as a visitor, is sent: forms in other character sets; NUL
bytes in the address, the query string and every field; huge, negative and decimal numbers,
very long text, bytes that are not UTF-8 and repeated fields in every field of its form; and
malformed ids in every address with a parameter. Every answer is below 500 and carries every
security header, and nothing she had saved is lost or changed.

A request the app cannot read (another charset, a NUL byte) gets the app's 400 page saying
why; a malformed id is "not found" before any database query. Concurrent sends are in
test_races.py.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from strideback.accounts.models import User
from strideback.core.intake import STRENGTH_TESTS
from strideback.programmes.models import Event, IntakeVersion, Programme
from strideback.web.malformed import (
    NUL_IN_ADDRESS,
    UNREADABLE_CHARSET,
    UNREADABLE_FORM,
    MalformedRequestMiddleware,
    nul_in_field,
)
from tests.web.conftest import PASSWORD, log
from tests.web.pages import text
from tests.web.test_access import RETEST, ROUTES, Route, _fill, public

# The intake's later steps and the new password from a reset link are forms too, though the
# access table sends only the first step and the reset page itself.
MORE_FORMS = [
    public("programmes:intake_step", "POST", "/intake/symptoms/", {"none": "on"}),
    public("programmes:intake_step", "POST", "/intake/tests/", RETEST),
    public(
        "programmes:intake_step",
        "POST",
        "/intake/week/",
        {"equipment": "resistance_band", "training_days": "wed"},
    ),
    public(
        "programmes:intake_step",
        "POST",
        "/intake/background/",
        {"running_background": "regular", "goal": "5k", "breastfeeding": "yes", "sleep_hours": "6"},
    ),
    public(
        "account_reset_password_from_key",
        "POST",
        "/accounts/password-reset/1-not-a-token/",
        {"password1": PASSWORD, "password2": PASSWORD},
    ),
]
# Where a form that posts elsewhere is shown, to read its fields from the page.
SHOWN_ON = {"/today/log/": ["/today/?early=1"], "/settings/calendar/": ["/settings/"]}
CSRF = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz"  # a 32-character CSRF secret, as in her cookie
WHO = ["runner", "visitor"]


def _first_of_each(routes: list[Route], method: str) -> list[Route]:
    """One route per path for ``method`` (rows that differ only in their data share a form)."""
    seen: dict[str, Route] = {}
    for route in routes:
        if route.method == method and route.path not in seen:
            seen[route.path] = route
    return list(seen.values())


FORMS = _first_of_each(ROUTES + MORE_FORMS, "POST")
PAGES = [route for route in ROUTES if route.method == "GET"]


def cases(routes: list[Route]) -> list[Any]:
    return [pytest.param(route, who, id=f"{who} {route.id}") for route in routes for who in WHO]


# --- Helpers -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _quick_passwords(settings: Any) -> None:
    """Argon2 is slow on purpose; these tests check hundreds of sign-in tries."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def entry(runner: User) -> Event:
    return log(runner, runner.programmes.get(), note="Along the canal", pain_where="left hip")


def client_as(who: str, runner: User) -> Client:
    """A browser as she has one: CSRF checks on, the CSRF cookie set and sent back."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF
    if who == "runner":
        client.force_login(runner)
    return client


def send(
    client: Client, method: str, path: str, body: bytes = b"", content_type: str = ""
) -> HttpResponse:
    headers = {"X-CSRFToken": CSRF}
    if method == "GET":
        return client.get(path, headers=headers)
    content_type = content_type or "application/x-www-form-urlencoded"
    return client.generic(method, path, body, content_type=content_type, headers=headers)


def form_body(pairs: list[tuple[str, Any]]) -> bytes:
    return urlencode(pairs).encode("ascii")


def multipart(pairs: list[tuple[str, str]], encoding: str = "utf-8") -> bytes:
    """A multipart form body (boundary ``fuzz``), its text in ``encoding``."""
    parts = "".join(
        f'--fuzz\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
        for key, value in pairs
    )
    return parts.encode(encoding) + b"--fuzz--\r\n"


MULTIPART = "multipart/form-data; boundary=fuzz"


@dataclass
class Sender:
    """Her browser (signed in or a visitor's) sending to one route, its path and sample
    data filled in; and what the runner had saved before."""

    client: Client
    route: Route
    path: str
    data: dict[str, str]
    runner: User
    before: dict[str, Any]

    def send(
        self, body: bytes | None = None, content_type: str = "", path: str | None = None
    ) -> HttpResponse:
        """The route's request; by default with its sample data as a form."""
        body = form_body(list(self.data.items())) if body is None else body
        return send(self.client, self.route.method, path or self.path, body, content_type)

    def assert_nothing_changed(self) -> None:
        assert saved(self.runner) == self.before

    def assert_nothing_lost(self) -> None:
        """Everything saved before is still there, unchanged (new entries may be added)."""
        after = saved(self.runner)
        assert after["user"] == self.before["user"]
        for table in ("intakes", "programmes", "entries"):
            assert len(after[table]) >= len(self.before[table]), f"{table} went missing"
            for pk, row in self.before[table].items():
                assert after[table].get(pk) == row, f"{table} {pk} was changed or lost"


@pytest.fixture
def to(route: Route, who: str, runner: User, entry: Event) -> Sender:
    """The parametrized route, sent as the parametrized ``who``."""
    data = {key: _fill(value, entry) for key, value in route.data.items()}
    client = client_as(who, runner)
    return Sender(client, route, _fill(route.path, entry), data, runner, saved(runner))


def assert_fine(response: HttpResponse, what: str) -> None:
    """Below 500, with every security header the app sets."""
    assert response.status_code < 500, f"{what}: {response.status_code}"
    headers = response.headers
    assert headers.get("X-Frame-Options") == "DENY", what
    assert headers.get("X-Content-Type-Options") == "nosniff", what
    assert headers.get("Referrer-Policy") == "same-origin", what
    assert headers.get("Cross-Origin-Opener-Policy") == "same-origin", what
    assert "frame-ancestors 'none'" in headers.get("Content-Security-Policy", ""), what
    assert "camera=()" in headers.get("Permissions-Policy", ""), what


def assert_refused(response: HttpResponse, reason: str, what: str) -> None:
    """The app's own 400 page, in its layout, saying why and that nothing was saved."""
    assert_fine(response, what)
    assert response.status_code == 400, f"{what}: {response.status_code}"
    page = text(response)
    assert reason in page, what
    assert "Nothing was saved" in page, what
    assert 'class="brand"' in page, what  # the app's layout, not a bare message
    assert response["Cache-Control"] == "private, no-store", what


def saved(user: User) -> dict[str, Any]:
    """What she has saved: her account, finished intakes, programmes and entries."""
    return {
        "user": User.objects.filter(pk=user.pk).values("email", "password", "is_active").get(),
        "intakes": {
            row["id"]: row
            for row in IntakeVersion.objects.filter(owner=user, completed_at__isnull=False).values()
        },
        "programmes": {row["id"]: row for row in Programme.objects.filter(owner=user).values()},
        "entries": {row["id"]: row for row in Event.objects.filter(programme__owner=user).values()},
    }


_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
_ACTION = re.compile(r'\baction="([^"]*)"')
_NAME = re.compile(r'\bname="([^"]+)"')


def fields_of(to: Sender) -> list[str]:
    """The names of the fields she can send to the route: its sample data's, and those of
    its form on the page that shows it."""
    names = dict.fromkeys(to.data)
    target = urlsplit(to.path).path
    for page in SHOWN_ON.get(to.route.path, [to.path]):
        shown = to.client.get(page)
        if shown.status_code != 200:
            continue
        for attrs, inside in _FORM.findall(shown.content.decode()):
            action = _ACTION.search(attrs)
            if (action[1] if action else urlsplit(page).path) == target:
                names.update(dict.fromkeys(_NAME.findall(inside)))
    names.pop("csrfmiddlewaretoken", None)
    return list(names)


# The odd values sent in each field, one field at a time, the others as a runner fills them.
ODD_VALUES: dict[str, list[Any]] = {
    "huge number": [str(10**30)],
    "negative number": ["-1"],
    "huge negative number": [str(-(10**30))],
    "decimal number": ["2.5"],
    "very long text": ["x" * 5000],
    "not UTF-8": [b"\xff\xfe\xed\xa0\x80"],
    "repeated": ["1", "2"],
    "empty": [""],
}


def odd_sends(fields: list[str], data: dict[str, str]) -> Iterator[tuple[str, list[Any]]]:
    """Each odd value in each field, the other fields as in ``data``."""
    for name in [*fields, "not_a_field"]:
        for kind, values in ODD_VALUES.items():
            pairs = [(key, value) for key, value in data.items() if key != name]
            pairs += [(name, value) for value in values]
            yield f"{kind} in {name}", pairs


# --- Forms in another character set -------------------------------------------------------


BAD_CHARSETS = [
    "application/x-www-form-urlencoded; charset=utf-16",
    "application/x-www-form-urlencoded; charset=UTF-16LE",
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/x-www-form-urlencoded; charset=shift_jis",
    "application/x-www-form-urlencoded; charset=no-such-charset",
    'application/x-www-form-urlencoded; charset="utf-32"',
    "multipart/form-data; boundary=fuzz; charset=utf-16",
    "text/plain; charset=utf-16",
]
GOOD_CHARSETS = [
    "application/x-www-form-urlencoded; charset=UTF-8",
    "application/x-www-form-urlencoded; charset=utf8",
    "application/x-www-form-urlencoded; charset=us-ascii",
]


@pytest.mark.parametrize(("route", "who"), cases(FORMS))
def test_a_form_in_another_charset_gets_the_400_page_and_saves_nothing(to: Sender) -> None:
    pairs = list((to.data or {"next": "/"}).items())  # a body, so that it has a charset
    for content_type in BAD_CHARSETS:
        if content_type.startswith("multipart"):
            body = multipart(pairs, "utf-16")
        else:
            body = urlencode(pairs).encode("utf-16" if "16" in content_type else "latin-1")
        assert_refused(to.send(body, content_type), UNREADABLE_CHARSET, content_type)
    to.assert_nothing_changed()


@pytest.mark.parametrize(("route", "who"), cases(FORMS))
def test_a_form_in_utf8_by_another_name_or_in_ascii_is_read_as_usual(to: Sender) -> None:
    for content_type in GOOD_CHARSETS:
        response = to.send(content_type=content_type)
        assert_fine(response, content_type)
        assert UNREADABLE_CHARSET not in text(response), content_type
    to.assert_nothing_lost()


# --- NUL bytes ---------------------------------------------------------------------------


def with_nul_in_path(path: str) -> str:
    """The path with a NUL at the end of its last part: /today/ → /today%00/."""
    base, mark, query = path.partition("?")
    marked = base[:-1] + "%00/" if base.endswith("/") and base != "/" else base + "%00"
    return marked + mark + query


@pytest.mark.parametrize(("route", "who"), cases(ROUTES + MORE_FORMS))
def test_a_nul_byte_in_the_address_or_its_query_gets_the_400_page(to: Sender) -> None:
    joiner = "&" if "?" in to.path else "?"
    for odd in [with_nul_in_path(to.path), f"{to.path}{joiner}next=%00", f"{to.path}{joiner}%00=1"]:
        assert_refused(to.send(path=odd), NUL_IN_ADDRESS, odd)
    to.assert_nothing_changed()


@pytest.mark.parametrize(("route", "who"), cases(FORMS))
def test_a_nul_byte_in_any_field_gets_the_400_page_naming_the_field(to: Sender, who: str) -> None:
    fields = fields_of(to) if who == "runner" else list(to.data)
    for name in fields:
        pairs = [*((k, v) for k, v in to.data.items() if k != name), (name, "left\x00hip")]
        assert_refused(to.send(form_body(pairs)), nul_in_field(name), name)
        assert_refused(to.send(multipart(pairs), MULTIPART), nul_in_field(name), name)
    response = to.send(form_body([("\x00", "1")]))
    assert_refused(response, nul_in_field("\x00"), "a NUL in a field's name")
    to.assert_nothing_changed()


def test_a_form_cut_off_on_the_way_gets_the_400_page(rf: RequestFactory) -> None:
    """The connection closed part-way through the form (a phone going out of signal)."""

    class CutOff(io.BytesIO):
        def read(self, *args: Any) -> bytes:
            raise OSError("connection reset")

    request = rf.post("/today/log/", {"completed": "all"})
    request._stream = CutOff()  # type: ignore[attr-defined]
    response = MalformedRequestMiddleware(lambda request: HttpResponse())(request)
    assert response.status_code == 400
    assert UNREADABLE_FORM in text(response)


def test_a_nul_byte_in_a_field_is_named_in_plain_words() -> None:
    assert nul_in_field("pain_where") == (
        "The “pain where” answer has a hidden character in it (a zero byte) that cannot be "
        "saved. Type that answer again, then send the form."
    )
    assert nul_in_field("password1").startswith("The “password” answer")
    assert nul_in_field("x" * 300).startswith("One of the answers")
    assert nul_in_field("no\x00te").startswith("One of the answers")


# --- Numbers, long text, bytes that are not UTF-8, repeated fields ------------------------


@pytest.mark.parametrize(("route", "who"), cases(FORMS))
def test_odd_values_in_every_field_never_break_the_form(to: Sender, who: str) -> None:
    if who == "visitor" and to.route.private:
        # She is sent to sign in before the form is read: every odd value at once will do.
        for kind, values in ODD_VALUES.items():
            response = to.send(form_body([(name, v) for name in to.data for v in values]))
            assert_fine(response, kind)
            assert response.status_code == 302, kind
    else:
        for what, pairs in odd_sends(fields_of(to), to.data):
            assert_fine(to.send(form_body(pairs)), what)
    to.assert_nothing_lost()


ODD_QUERY = urlencode(
    [
        ("logged", "9" * 30),
        ("logged", "x" * 3000),
        ("edited", "-1"),
        ("early", "2.5"),
        ("next", "//elsewhere.example/"),
    ]
)


@pytest.mark.parametrize(("route", "who"), cases(PAGES))
def test_odd_query_strings_never_break_a_page(to: Sender) -> None:
    joiner = "&" if "?" in to.path else "?"
    odd = f"{to.path}{joiner}{ODD_QUERY}&logged=%FF%FE&edited=%ED%A0%80"
    assert_fine(to.send(path=odd), odd)
    # A page asked for with a body in another charset: there is no form to read, so it is
    # shown as usual.
    response = to.client.get(to.path, content_type="text/plain; charset=utf-16")
    assert_fine(response, "GET with a charset")
    to.assert_nothing_changed()


# --- Malformed ids -----------------------------------------------------------------------


def malformed(value: str) -> list[str]:
    """Ids a link can be mangled into: too long, too short, other characters."""
    shorter = [value[:-1]] if len(value) > 1 else []
    return [
        value + "0" * 40,
        *shorter,
        value.upper() + "Z",
        value[:-1] + "~",
        "' OR '1'='1",
        "٣" * 16,  # digits, but not ASCII ones
        "%ED%A0%80",  # not UTF-8
        "-" + "9" * 30,
        "z" * 13,  # as a base-36 user number, more than the database's largest
    ]


ID_ROUTES = [
    route
    for route in _first_of_each(ROUTES + MORE_FORMS, "GET")
    + _first_of_each(ROUTES + MORE_FORMS, "POST")
    if resolve(urlsplit(_fill(route.path, None)).path).kwargs
]


@pytest.mark.parametrize(("route", "who"), cases(ID_ROUTES))
def test_a_malformed_id_in_the_address_never_reaches_the_database(to: Sender) -> None:
    for name, value in resolve(urlsplit(to.path).path).kwargs.items():
        for bad in malformed(value):
            odd = to.path.replace(value, bad, 1)
            with CaptureQueriesContext(connection) as queries:
                response = to.send(path=odd)
            assert_fine(response, odd)
            shown = bad.replace("'", "''")  # as quoted in SQL
            assert not [q for q in queries if shown in q["sql"]], f"{name}={bad!r} was queried"
    to.assert_nothing_changed()


@pytest.mark.parametrize(
    ("path", "view"),
    [
        ("/history/{event}/edit/", "tracking:edit"),
        (f"/calendar/{'A' * 43}.ics", "takeaway:feed"),
    ],
)
def test_only_well_formed_ids_reach_the_entry_and_the_calendar_feed(path: str, view: str) -> None:
    well_formed = path.format(event="0123456789abcdef")
    assert resolve(well_formed).view_name == view
    for bad in malformed("0123456789abcdef" if "{event}" in path else "A" * 43):
        with pytest.raises(Resolver404):
            resolve(path.format(event=bad).replace("A" * 43, bad))


@pytest.mark.parametrize("who", WHO)
def test_a_malformed_entry_id_is_a_readable_not_found_page(
    who: str, runner: User, entry: Event
) -> None:
    for method in ["GET", "POST"]:
        response = send(client_as(who, runner), method, f"/history/{entry.public_id}x/edit/")
        assert_fine(response, method)
        assert response.status_code == 404
        assert "We can't find that page" in text(response)


# --- The session cookie ------------------------------------------------------------------


@pytest.mark.parametrize(
    "cookie", ["\x00" * 32, "a" * 31 + "\x00", "A" * 32, "a" * 5000, "'; --"], ids=repr
)
def test_a_broken_session_cookie_counts_as_signed_out_and_is_cleared(
    cookie: str, runner: User
) -> None:
    client = client_as("visitor", runner)
    client.cookies["sessionid"] = cookie
    response = client.get("/today/")
    assert_fine(response, "a broken session cookie")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert response.cookies["sessionid"].value == ""  # cleared from her browser
    # Signing in again works as usual.
    client.cookies["sessionid"] = cookie
    signed_in = client.post(
        "/accounts/login/",
        {"login": runner.email, "password": PASSWORD},
        headers={"X-CSRFToken": CSRF},
    )
    assert signed_in.status_code == 302
    assert client.get("/today/").status_code == 200


def test_a_visitors_answers_survive_an_odd_value_in_a_later_step(client: Client, db: None) -> None:
    """A refused step keeps what she answered before (in her session)."""
    born = _fill("{birth}", None)
    assert client.post("/intake/birth/", {"birth_date": born}).status_code == 302
    for name in STRENGTH_TESTS:
        response = client.post("/intake/tests/", {name: str(10**30)})
        assert response.status_code == 400
    response = client.post("/intake/tests/", {"walk": "pa\x00ss"})
    assert response.status_code == 400
    assert born in client.get("/intake/birth/").text
