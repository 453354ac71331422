"""Two sends at once: a double tap, a retry after a lost answer, two tabs open.

Each test sends a form twice at the same moment through the whole app (two threads, each
with its own database connection and its own request), then checks that no answer is a
server error, that the pages she looks at next still open, and counts what she would
notice: how many entries, programmes and intake versions there are.

Where the interleaving matters, both requests are held just after the app checked what is
already saved and before either writes (``hold_after``), so the race happens every time. On
SQLite a check made inside a write transaction cannot race (writers wait their turn), so
there the hold is skipped.

Each thing there can be only one of is saved once: the services look for the same form
(its key) and the database keeps one entry per slot (a session on its day, a re-test a day,
a version of her answers), so the second request lands on the first one's result.

Two sign-ups with one address at once are in test_accounts.py.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Iterator
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.core.cache import cache
from django.db import IntegrityError, connection
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.programmes import services as programmes
from strideback.programmes.models import Event, IntakeVersion, Programme
from strideback.tracking import services as tracking
from tests.web.conftest import answers, log, make_user, start
from tests.web.pages import visible
from tests.web.test_access import RETEST
from tests.web.test_fuzz import CSRF, assert_fine

pytestmark = pytest.mark.django_db(transaction=True)

GREEN = {"completed": "all", "rpe": "4", "pain": "0"}
WAIT = 10  # seconds a request waits for the other one at a hold


class Duplicate(AssertionError):
    """Something she sent once (as far as she can tell) was saved twice."""


def assert_once(count: int, what: str) -> None:
    if count != 1:
        raise Duplicate(f"{count} {what} (expected 1)")


@pytest.fixture(autouse=True)
def _quick_passwords_and_a_clean_cache(settings: Any) -> Iterator[None]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    yield
    cache.clear()  # the cache table outlives each test's flush


# --- Helpers -----------------------------------------------------------------------------


def browser(user: User) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF
    client.force_login(user)
    return client


def same_browser(client: Client) -> Client:
    """A second client with the same cookies: the same phone sending again."""
    other = Client(enforce_csrf_checks=True)
    other.cookies = SimpleCookie(client.cookies.output(header="", sep=";"))
    return other


_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def form_on(client: Client, page: str, **answers: str) -> dict[str, str]:
    """What her browser sends from the form on ``page``: its hidden fields (a form key, the
    day it was shown) and her answers."""
    response = client.get(page)
    assert response.status_code == 200, page
    hidden = dict(_HIDDEN.findall(response.content.decode()))
    hidden.pop("csrfmiddlewaretoken", None)
    return {**hidden, **answers}


def post(client: Client, path: str, data: dict[str, str]) -> Callable[[], HttpResponse]:
    return lambda: client.post(path, data, headers={"X-CSRFToken": CSRF})


def runner_with_a_phone(email: str, *, programme: bool = True) -> tuple[User, Client]:
    """A runner (with a programme started today, unless not) signed in on her phone."""
    user = make_user(email)
    if programme:
        start(user)
    return user, browser(user)


def twice(phone: Client, path: str, *forms: dict[str, str]) -> list[HttpResponse]:
    """The form (or each of two forms) sent from her phone twice at once."""
    first, second = forms if len(forms) == 2 else forms * 2
    return at_once(post(phone, path, first), post(same_browser(phone), path, second))


def at_once(*sends: Callable[[], HttpResponse]) -> list[HttpResponse]:
    """Run the sends in threads released together; their answers, in the order given."""
    start_line = threading.Barrier(len(sends))
    answers: list[Any] = [None] * len(sends)

    def run(index: int, send: Callable[[], HttpResponse]) -> None:
        try:
            start_line.wait(timeout=WAIT)
            answers[index] = send()
        except BaseException as error:  # a server error escaping the app is a failure too
            answers[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(sends)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for answer in answers:
        assert isinstance(answer, HttpResponse), answer
        assert_fine(answer, f"{answer.status_code} {answer.get('Location', '')}")
    return answers


def hold_after(
    monkeypatch: pytest.MonkeyPatch, module: Any, name: str, *, inside_a_write: bool = False
) -> None:
    """Both requests wait for each other just after ``module.name`` returns (the check of
    what is saved), so both pass it before either writes. A check made inside a write
    transaction cannot race on SQLite, where the second writer waits at BEGIN."""
    if inside_a_write and connection.vendor == "sqlite":
        return
    checked = getattr(module, name)
    both = threading.Barrier(2)

    def check_then_wait(*args: Any, **kwargs: Any) -> Any:
        result = checked(*args, **kwargs)
        # When the other request did not get this far, carry on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            both.wait(timeout=WAIT)
        return result

    monkeypatch.setattr(module, name, check_then_wait)


def still_opens(client: Client, *pages: str) -> None:
    """The pages she looks at next answer as usual."""
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, f"{page}: {response.status_code}"


def entries_of(user: User, type_: str) -> list[Event]:
    return list(Event.objects.filter(programme__owner=user, type=type_))


# --- Logging today's session ---------------------------------------------------------------


def test_the_log_form_sent_twice_at_once_saves_one_entry_and_both_see_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    user, phone = runner_with_a_phone("double-tap@example.com")
    form = form_on(phone, "/today/?early=1", **GREEN, early="1")
    hold_after(monkeypatch, tracking, "session_for_log")
    first, second = twice(phone, "/today/log/", form)
    saved = entries_of(user, "session")
    assert_once(len(saved), "entries for one form sent twice")
    # Both taps land on the same result: the entry saved the first time.
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/today/?logged={saved[0].public_id}"
    still_opens(phone, first["Location"], "/history/")


def test_two_log_forms_for_todays_session_sent_at_once_save_one_entry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    user, phone = runner_with_a_phone("two-tabs@example.com")
    first_tab = form_on(phone, "/today/?early=1", **GREEN, early="1")
    second_tab = form_on(phone, "/today/?early=1", **{**GREEN, "rpe": "6"}, early="1")
    assert first_tab["client_key"] != second_tab["client_key"]
    hold_after(monkeypatch, tracking, "session_for_log")
    answers = twice(phone, "/today/log/", first_tab, second_tab)
    still_opens(phone, "/today/", "/history/", "/progress/")
    saved = entries_of(user, "session")
    # She would notice two entries for one session in her history (and two results on it).
    assert_once(len(saved), "entries for today's one session")
    assert 302 in [answer.status_code for answer in answers]  # one of them is saved


# --- The re-test -----------------------------------------------------------------------------


def test_the_retest_sent_twice_at_once_saves_one_retest() -> None:
    user, phone = runner_with_a_phone("retest-twice@example.com")
    form = form_on(phone, "/retest/", **RETEST)
    answers = twice(phone, "/retest/", form)
    still_opens(phone, "/today/", "/history/", "/progress/", "/verdict/")
    assert_once(len(entries_of(user, "retest")), "re-test entries for one re-test sent twice")
    assert {answer.status_code for answer in answers} == {302}


# --- Changing an entry -----------------------------------------------------------------------


def test_an_entrys_edit_sent_twice_at_once_changes_it_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    user, phone = runner_with_a_phone("edit-twice@example.com")
    original = log(user, user.programmes.get(), note="Windy")
    path = f"/history/{original.public_id}/edit/"
    form = form_on(phone, path, **{**GREEN, "pain": "3", "note": "Windy, and a stitch"})
    hold_after(monkeypatch, tracking, "edit_refusal")
    answers = twice(phone, path, form)
    edits = Event.objects.filter(replaces=original)
    assert_once(edits.count(), "edits of one entry")
    assert Event.objects.filter(programme__owner=user).count() == 2
    # One is saved; the other is told the entry has been changed already, in plain words
    # (or, once edits are idempotent, lands on the same result).
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses in ([302, 302], [302, 400]), statuses
    if statuses == [302, 400]:
        refused = next(answer for answer in answers if answer.status_code == 400)
        assert tracking.ALREADY_CHANGED in refused.content.decode()
    still_opens(phone, "/history/", "/today/")


# --- The intake ------------------------------------------------------------------------------


def test_the_intakes_first_step_sent_twice_at_once_keeps_one_draft(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    user, phone = runner_with_a_phone("first-step-twice@example.com", programme=False)
    born = answers()["birth_date"]
    form = form_on(phone, "/intake/birth/", birth_date=born, delivery="vaginal")
    hold_after(monkeypatch, programmes, "_next_version", inside_a_write=True)
    sent = twice(phone, "/intake/birth/", form)
    drafts = IntakeVersion.objects.filter(owner=user)
    assert_once(drafts.count(), "drafts for one step sent twice")
    assert drafts.get().answers["birth_date"] == born
    # Each goes on to the next step; or, where the database refused the second copy at the
    # same moment, that one gets the page that says so (a 409, never a server error).
    for answer in sent:
        assert answer.status_code in (302, 409), answer.status_code
        if answer.status_code == 302:
            assert answer["Location"] == "/intake/symptoms/"
    still_opens(phone, "/intake/birth/", "/intake/symptoms/")


def test_the_intakes_last_step_sent_twice_at_once_starts_one_programme() -> None:
    user, phone = runner_with_a_phone("last-step-twice@example.com", programme=False)
    programmes.save_draft(user, answers(), timezone.now())
    form = form_on(phone, "/intake/background/", running_background="regular", goal="5k")
    sent = twice(phone, "/intake/background/", form)
    assert {answer.status_code for answer in sent} == {302}
    assert {answer["Location"] for answer in sent} == {"/verdict/"}
    still_opens(phone, "/verdict/", "/today/", "/programme/")
    finished = IntakeVersion.objects.filter(owner=user, completed_at__isnull=False).count()
    assert_once(Programme.objects.filter(owner=user).count(), "programmes from one intake")
    assert_once(finished, "finished intake versions")


# --- When the database refuses a second copy ------------------------------------------------


def test_a_clash_the_app_did_not_expect_gets_a_page_that_says_so_not_a_server_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A unique key the services do not handle yet answers 409, in the app's layout."""
    _, phone = runner_with_a_phone("clash@example.com", programme=False)

    def clash(*args: Any, **kwargs: Any) -> None:
        raise IntegrityError('duplicate key value violates unique constraint "one_number"')

    monkeypatch.setattr(programmes, "save_draft", clash)
    response = post(phone, "/intake/birth/", {"birth_date": answers()["birth_date"]})()
    assert_fine(response, "a clash")
    assert response.status_code == 409
    page = visible(response)
    assert "That arrived twice at the same moment" in page
    assert "nothing you saved before is lost" in page
    assert "Reload the page to see what was saved." in page
    assert 'class="brand"' in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
