"""Working offline: a log is never saved twice, a log kept on the phone counts for its own
day when it arrives, and the service worker is served from the site's root.

Each log form carries a key made when the form is shown (``client_key``) and the day it was
shown for (``day``). The phone's queue (offline.js) and the service worker (sw.js) are
driven in Chromium in tests/e2e/test_offline.py."""

from __future__ import annotations

import re
import threading
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core import InputError
from strideback.core.intake import WEEKDAYS
from strideback.programmes import services as programmes
from strideback.programmes.models import Event, Programme
from strideback.tracking import services
from tests.web.conftest import answers, log, make_user, today
from tests.web.pages import decisions, spoken, text, visible

GREEN = {"completed": "all", "rpe": "4", "pain": "0"}
LEAKING = {**GREEN, "pelvic_floor_symptoms": ["leaking"]}

# --- Helpers -----------------------------------------------------------------------------


def started(email: str, days_ago: int) -> tuple[User, Programme]:
    """A ready runner whose programme began ``days_ago`` days ago, who trains on the weekday
    it began and the next: a walk-run, then strength, then five days' rest, each week."""
    user = make_user(email)
    began = today() - timedelta(days=days_ago)
    weeks = 14 + days_ago / 7
    days = [WEEKDAYS[(began + timedelta(days=n)).weekday()] for n in (0, 1)]
    intake = answers(weeks, assessed_on=began.isoformat(), training_days=days)
    programme = programmes.start_programme(user, intake, began, timezone.now())
    return user, programme


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def key() -> str:
    return str(uuid.uuid4())


def ago(days: int) -> str:
    return (today() - timedelta(days=days)).isoformat()


def hidden_value(page: str, name: str) -> str:
    found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', page)
    assert found, f"no hidden {name} on the page"
    return found.group(1)


def plan_as_recorded(programme: Programme) -> Any:
    return programmes.plan_for(programme, list(Event.objects.filter(programme=programme)), today())


# --- The form carries its key and its day -------------------------------------------------


def test_each_time_today_is_shown_its_log_form_has_a_new_key_and_todays_date(
    runner_client: Client,
) -> None:
    first = text(runner_client.get("/today/"))
    second = text(runner_client.get("/today/"))
    keys = {hidden_value(first, "client_key"), hidden_value(second, "client_key")}
    assert len(keys) == 2
    assert all(uuid.UUID(k).version == 4 for k in keys)
    assert hidden_value(first, "day") == today().isoformat()
    assert "data-offline-log" in first


def test_a_log_form_shown_again_after_a_mistake_keeps_its_key_and_day(
    runner_client: Client,
) -> None:
    sent = key()
    response = runner_client.post("/today/log/", {"rpe": "4", "client_key": sent, "day": ago(0)})
    assert response.status_code == 400
    page = text(response)
    assert hidden_value(page, "client_key") == sent
    assert hidden_value(page, "day") == today().isoformat()


# --- The same form twice: one entry -------------------------------------------------------


def test_the_same_log_sent_twice_is_saved_once_and_both_times_show_the_same_result(
    runner: User, runner_client: Client
) -> None:
    form = {**LEAKING, "client_key": key(), "day": ago(0)}
    first = runner_client.post("/today/log/", form)
    second = runner_client.post("/today/log/", form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    event = Event.objects.get(programme__owner=runner)
    assert first["Location"] == f"/today/?logged={event.public_id}"
    page = text(runner_client.get(second["Location"]))
    assert "Session logged" in page
    assert decisions(page) == ["pause_and_refer"]
    assert Event.objects.count() == 1


def test_the_same_log_sent_twice_with_htmx_shows_the_same_result_both_times(
    runner: User, runner_client: Client
) -> None:
    form = {**GREEN, "client_key": key()}
    answers_ = [
        runner_client.post("/today/log/", form, headers={"HX-Request": "true"}) for _ in "12"
    ]
    assert [a.status_code for a in answers_] == [200, 200]
    event = Event.objects.get(programme__owner=runner)
    assert {a["HX-Push-Url"] for a in answers_} == {f"/today/?logged={event.public_id}"}
    assert [decisions(text(a)) for a in answers_] == [["progress"], ["progress"]]
    assert all("Session logged" in text(a) for a in answers_)


def test_a_second_send_of_a_saved_log_wins_over_a_changed_answer_and_saves_nothing(
    runner: User, runner_client: Client
) -> None:
    sent = key()
    runner_client.post("/today/log/", {**GREEN, "client_key": sent})
    # The same form again, changed in between (e.g. kept on the phone and edited): the first
    # one counts; a change goes through the history's edit, which keeps both versions.
    response = runner_client.post("/today/log/", {**LEAKING, "client_key": sent}, follow=True)
    assert decisions(text(response)) == ["progress"]
    event = Event.objects.get()
    assert event.data["pelvic_floor_symptoms"] == []


def test_two_different_forms_make_two_entries(db: None) -> None:
    # Yesterday's walk-run, sent today from the phone's queue, and today's strength session.
    user, programme = started("two@example.com", days_ago=1)
    client = signed_in(user)
    late = client.post("/today/log/", {**GREEN, "client_key": key(), "day": ago(1)})
    now = client.post("/today/log/", {**GREEN, "client_key": key(), "day": ago(0)})
    assert late.status_code == now.status_code == 302
    assert late["Location"] != now["Location"]
    entries = Event.objects.filter(programme=programme).order_by("day")
    assert [(e.day, e.data["kind"]) for e in entries] == [
        (today() - timedelta(days=1), "walk_run"),
        (today(), "strength"),
    ]
    history = text(client.get("/history/"))
    assert history.count('data-testid="entry"') == 2


def test_a_log_without_a_key_is_still_saved_as_before(runner: User, runner_client: Client) -> None:
    assert runner_client.post("/today/log/", GREEN).status_code == 302
    assert Event.objects.get(programme__owner=runner).client_key is None


def test_the_other_runner_sending_the_same_key_gets_her_own_entry_and_sees_nothing_of_hers(
    runner: User, other_runner: User, runner_client: Client
) -> None:
    sent = key()
    runner_client.post("/today/log/", {**GREEN, "client_key": sent, "note": "Hers only"})
    theirs = signed_in(other_runner).post("/today/log/", {**GREEN, "client_key": sent})
    assert theirs.status_code == 302
    mine = Event.objects.get(programme__owner=runner)
    other = Event.objects.get(programme__owner=other_runner)
    assert mine != other
    assert theirs["Location"] == f"/today/?logged={other.public_id}"
    assert "Hers only" not in text(signed_in(other_runner).get(theirs["Location"]))


# --- Two requests at the same moment ----------------------------------------------------------


def test_the_database_refuses_a_second_entry_with_the_same_key(runner: User) -> None:
    first = log(runner, runner.programmes.get())

    def save_with_the_same_key() -> Event:
        return Event.objects.create(
            programme=first.programme,
            type="session",
            day=first.day,
            data=first.data,
            recorded_by=runner,
            client_key=uuid.UUID(int=1),
        )

    save_with_the_same_key()
    with pytest.raises(IntegrityError), transaction.atomic():
        save_with_the_same_key()
    assert Event.objects.count() == 2  # the first entry, and the one with the key


def test_when_another_request_saved_the_same_form_a_moment_before_its_entry_is_returned(
    runner: User,
) -> None:
    """The race: both requests looked, found nothing, and the other one saved first. Saving
    then hits the unique key, and the entry the other request saved is the answer."""
    programme = runner.programmes.get()
    sent = uuid.uuid4()
    data = {"type": "session", "kind": "walk_run", "date": today().isoformat(), "completed": "all"}
    saved_first = services.save_once(runner, programme, data, timezone.now(), sent)
    saved_second = services.save_once(runner, programme, data, timezone.now(), sent)
    assert saved_second == saved_first
    assert Event.objects.count() == 1
    # Without a key there is nothing to be the same as: a second entry is saved.
    services.save_once(runner, programme, data, timezone.now(), None)
    assert Event.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_requests_sending_the_same_form_at_once_save_one_entry() -> None:
    """Two threads, each with its own database connection, log the same form at once."""
    user, programme = started("race@example.com", days_ago=0)
    sent = uuid.uuid4()
    entry = {"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": []}
    barrier = threading.Barrier(2)
    results: list[Event] = []
    failures: list[BaseException] = []

    def send() -> None:
        try:
            barrier.wait(timeout=10)
            event = services.log_session(
                user, programme, "walk_run", entry, today(), timezone.now(), client_key=sent
            )
            results.append(event)
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not failures, failures
    assert len(results) == 2
    assert results[0].pk == results[1].pk
    assert Event.objects.filter(programme=programme).count() == 1


# --- A log for an earlier day ------------------------------------------------------------------


@pytest.mark.parametrize("days_back", [1, 2])
def test_a_log_kept_on_the_phone_counts_for_the_day_it_was_made_up_to_two_days_back(
    days_back: int, db: None
) -> None:
    # Her programme began with a walk-run ``days_back`` days ago; the log was made that day.
    user, programme = started(f"back{days_back}@example.com", days_ago=days_back)
    client = signed_in(user)
    response = client.post("/today/log/", {**GREEN, "client_key": key(), "day": ago(days_back)})
    assert response.status_code == 302
    event = Event.objects.get(programme=programme)
    assert event.day == today() - timedelta(days=days_back)
    assert event.data["kind"] == "walk_run"
    page = text(client.get(response["Location"]))
    assert "Session logged" in page
    assert decisions(page) == ["progress"]
    assert "Next run: stage 2" in page


@pytest.mark.parametrize(
    ("days_back", "message"),
    [
        (15, "A session can be logged up to 14 days after its day, and this one is older."),
        (-1, "which has not come yet"),
    ],
    ids=["fifteen days back", "tomorrow"],
)
def test_a_log_fifteen_days_old_or_for_tomorrow_is_refused_and_nothing_is_saved(
    days_back: int, message: str, db: None
) -> None:
    user, _ = started(f"refused{days_back}@example.com", days_ago=21)  # today: a run day
    day = today() - timedelta(days=days_back)
    response = signed_in(user).post(
        "/today/log/",
        {**GREEN, "note": "by the canal", "client_key": key(), "day": day.isoformat()},
    )
    assert response.status_code == 400
    page = visible(response)
    assert message in page
    assert spoken(day).rsplit(" ", 1)[0] in page  # the day she logged, in words
    assert "by the canal" in text(response)  # what she typed is still there
    assert not Event.objects.exists()


def test_a_log_for_a_day_before_her_programme_began_is_refused_and_nothing_is_saved(
    runner: User, runner_client: Client
) -> None:
    # Her programme began today; a log kept on the phone from yesterday (an earlier programme).
    response = runner_client.post("/today/log/", {**GREEN, "client_key": key(), "day": ago(1)})
    assert response.status_code == 400
    assert "before your programme began" in visible(response)
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "form",
    [{"day": "21/11/2026"}, {"day": "2026-13-40"}, {"client_key": "not-a-key"}],
    ids=["day in another format", "no such day", "bad key"],
)
def test_a_form_whose_hidden_fields_cannot_be_read_says_so_and_saves_nothing(
    form: dict[str, str], runner_client: Client
) -> None:
    response = runner_client.post("/today/log/", {**GREEN, **form})
    assert response.status_code == 400
    assert "This form could not be read. Reload the page and log again." in visible(response)
    assert not Event.objects.exists()


def test_a_late_log_for_a_day_already_logged_is_refused(db: None) -> None:
    user, _ = started("twice@example.com", days_ago=1)
    client = signed_in(user)
    client.post("/today/log/", {**GREEN, "client_key": key(), "day": ago(1)})
    response = client.post("/today/log/", {**GREEN, "client_key": key(), "day": ago(1)})
    assert response.status_code == 400
    yesterday = spoken(today() - timedelta(days=1)).rsplit(" ", 1)[0]
    assert f"There is no session left to log for {yesterday}" in visible(response)
    assert Event.objects.count() == 1


def test_the_service_refuses_a_log_more_than_fourteen_days_back(db: None) -> None:
    user, programme = started("service@example.com", days_ago=20)
    entry = {"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": []}
    with pytest.raises(InputError, match="more than 14 days ago"):
        services.log_session(
            user, programme, "walk_run", entry, today(), timezone.now(), day=today() - timedelta(15)
        )
    assert not Event.objects.exists()


def test_a_log_arriving_late_gives_the_plan_it_would_have_given_on_time(db: None) -> None:
    """Yesterday's walk-run with leaking was kept on the phone; today's strength session was
    logged from another device first. When yesterday's log arrives, the replay puts it in
    its place: the referral is dated yesterday and no walk-run follows."""
    user, programme = started("late@example.com", days_ago=1)
    client = signed_in(user)
    strength = client.post("/today/log/", {**GREEN, "client_key": key(), "day": ago(0)})
    assert strength.status_code == 302
    late = client.post("/today/log/", {**LEAKING, "client_key": key(), "day": ago(1)})
    assert late.status_code == 302

    late_event = Event.objects.get(programme=programme, day=today() - timedelta(days=1))
    plan = plan_as_recorded(programme)
    # The same events in the order of their days, as if the log had been sent on time.
    on_time = programmes.plan_for(
        programme, list(Event.objects.filter(programme=programme).order_by("day")), today()
    )
    assert plan == on_time
    assert [d.decision for d in plan.decisions] == ["pause_and_refer"]
    assert plan.decisions[0].date == today() - timedelta(days=1)
    assert plan.decisions[0].event == late_event.public_id
    logged = [(s.date, s.kind) for s in plan.sessions if s.log is not None]
    assert logged == [(today() - timedelta(days=1), "walk_run"), (today(), "strength")]
    assert plan.referral is not None
    assert plan.referral.since == today() - timedelta(days=1)
    assert not [s for s in plan.sessions if s.kind == "walk_run" and s.date > today()]

    page = text(client.get(late["Location"]))
    assert decisions(page) == ["pause_and_refer"]
    assert "leaking" in page


# --- The service worker -------------------------------------------------------------------------


def test_the_service_worker_is_served_from_the_root_as_javascript_and_never_stale(
    client: Client, db: None, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(0):
        response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    script = response.content.decode()
    first_line = script.split("\n", 1)[0]
    assert first_line.startswith("const STRIDEBACK = {")
    # The app shell by its hashed (collected) names, and the offline page written in.
    for name in ("app", "htmx.min", "offline"):
        assert re.search(
            rf"/static/strideback/{re.escape(name)}\.[0-9a-f]{{12}}\.(css|js)", first_line
        )
    assert "You're offline" in first_line
    assert '"today": "/today/"' in first_line
    assert 'addEventListener("fetch"' in script


def test_the_service_worker_changes_version_when_the_shell_does() -> None:
    from strideback.web import offline

    version = re.search(r'"version": "([0-9a-f]{12})"', offline.script())
    assert version
    assert offline.script() == offline.script()  # made once per process


def test_every_signed_in_page_registers_the_worker_for_the_whole_site(
    runner_client: Client, client: Client
) -> None:
    for path in ("/today/", "/history/", "/programme/"):
        page = text(runner_client.get(path))
        tag = re.search(r'<script src="(/static/strideback/offline\.[0-9a-f]{12}\.js)"[^>]*>', page)
        assert tag, path
        assert 'data-sw="/sw.js"' in tag.group(0)
    script = runner_client.get(tag.group(1))
    body = b"".join(script.streaming_content).decode()  # type: ignore[attr-defined]
    assert 'register(script.getAttribute("data-sw"), { scope: "/" })' in body
    # A visitor's pages do not load it: nothing of hers is kept for a visitor.
    assert "offline." not in text(client.get("/"))


def test_the_queries_of_a_log_with_a_key_do_not_grow_with_her_history(db: None) -> None:
    counts = []
    for sessions in (1, 20):
        user, programme = started(f"queries{sessions}@example.com", days_ago=40)
        entry = {"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": []}
        for n in range(sessions):
            on = programme.start + timedelta(days=n)
            services.log_session(user, programme, "walk_run", entry, on, timezone.now())
        client = signed_in(user)
        form = {**GREEN, "early": "1", "client_key": key()}
        with CaptureQueriesContext(connection) as queries:
            assert client.post("/today/log/", form).status_code == 302
        with CaptureQueriesContext(connection) as again:
            assert client.post("/today/log/", form).status_code == 302
        counts.append((len(queries), len(again)))
    assert counts[0] == counts[1]
    first, repeat = counts[0]
    # Session, user, programme; the key looked up (by the view, then again by the service,
    # which is idempotent on its own); her events replayed; the insert in a savepoint; her
    # programme locked, her events read again and the caseload's summary stored with it.
    assert first <= 12
    assert repeat <= 4  # sent again: found by its key, nothing replayed or saved
