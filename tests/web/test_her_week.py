"""Her week on the web: choosing her days, moving a session, skipping one with a reason,
undoing either, and logging a session done on an earlier day (up to 14 days back)."""

from __future__ import annotations

from datetime import date, timedelta

from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core.intake import WEEKDAYS
from strideback.programmes import services as programmes
from strideback.programmes.models import Event, Programme
from tests.web.conftest import answers, make_user, today
from tests.web.pages import text

GREEN = {"completed": "all", "rpe": "4", "pain": "0"}


def her_days_from(offsets: tuple[int, ...]) -> list[str]:
    """Her training days as weekday codes, ``offsets`` days from today."""
    return [WEEKDAYS[(today() + timedelta(days=o)).weekday()] for o in offsets]


def started(email: str, days_ago: int = 0, **fields: object) -> tuple[User, Programme, Client]:
    user = make_user(email)
    began = today() - timedelta(days=days_ago)
    intake = answers(14 + days_ago / 7, assessed_on=began.isoformat(), **fields)
    programme = programmes.start_programme(user, intake, began, timezone.now())
    client = Client()
    client.force_login(user)
    return user, programme, client


def test_the_plan_page_says_her_week_and_every_session_is_on_her_days(db: None) -> None:
    days = her_days_from((0, 2, 4))
    _, _, client = started("days@example.com", training_days=days)
    page = client.get("/programme/")
    assert page.status_code == 200
    body = text(page)
    assert "Runs on" in body
    dated = page.content.decode().split('data-date="')[1:]
    assert dated
    weekdays = {date.fromisoformat(d[:10]).weekday() for d in dated}
    assert weekdays <= {WEEKDAYS.index(d) for d in days}


def test_moving_a_session_shows_the_days_allowed_and_the_plan_follows(db: None) -> None:
    _, programme, client = started("move@example.com", training_days=her_days_from((0, 2, 4)))
    page = client.get(f"/plan/move/?day={today().isoformat()}&kind=walk_run")
    assert page.status_code == 200
    body = page.content.decode()
    tomorrow = (today() + timedelta(days=1)).isoformat()
    assert f'value="{tomorrow}"' in body  # tomorrow is free
    form_key = body.split('name="client_key" value="')[1].split('"')[0]
    sent = {"day": today().isoformat(), "kind": "walk_run", "to": tomorrow, "client_key": form_key}
    moved = client.post("/plan/move/", sent)
    assert moved.status_code == 302
    again = client.post("/plan/move/", sent)  # the same form twice moves it once
    assert again.status_code == 302
    assert Event.objects.filter(programme=programme, type="move").count() == 1
    plan_page = text(client.get("/programme/"))
    assert "moved from" in plan_page
    assert "Undo this move" in plan_page
    assert "Rest day" in text(client.get("/today/"))  # today's run went to tomorrow


def test_a_move_next_to_another_run_is_refused_in_words_and_nothing_is_saved(db: None) -> None:
    _, programme, client = started("near@example.com", training_days=her_days_from((0, 2, 4)))
    plan = programmes.programme_as_of(programme, today())
    second = [s for s in plan.sessions if s.kind == "walk_run"][1]
    to = (second.date - timedelta(days=1)).isoformat()
    page = client.get(f"/plan/move/?day={today().isoformat()}&kind=walk_run")
    assert "runs need a day without running between them" in text(page)
    refused = client.post("/plan/move/", {"day": today().isoformat(), "kind": "walk_run", "to": to})
    assert refused.status_code == 400
    assert "runs need a day without running between them" in text(refused)
    assert not Event.objects.filter(programme=programme, type="move").exists()


def test_undoing_a_move_puts_the_session_back(db: None) -> None:
    _, programme, client = started("undo@example.com", training_days=her_days_from((0, 2, 4)))
    tomorrow = (today() + timedelta(days=1)).isoformat()
    client.post("/plan/move/", {"day": today().isoformat(), "kind": "walk_run", "to": tomorrow})
    move = Event.objects.get(programme=programme, type="move")
    response = client.post(f"/history/{move.public_id}/undo/")
    assert response.status_code == 302
    assert "Rest day" not in text(client.get("/today/"))
    assert "Undo this move" not in text(client.get("/programme/"))
    twice = client.post(f"/history/{move.public_id}/undo/")
    assert twice.status_code == 409


def test_skipping_with_a_reason_then_undoing_it_makes_the_session_due_again(db: None) -> None:
    _, programme, client = started("skip@example.com")
    form = client.get(f"/plan/skip/?day={today().isoformat()}&kind=walk_run")
    assert "The baby needed me" in text(form)
    skipped = client.post(
        "/plan/skip/",
        {"day": today().isoformat(), "kind": "walk_run", "reason": "baby"},
        follow=True,
    )
    assert "Session skipped" in text(skipped)
    assert "Undo the skip" in text(skipped)
    skip = Event.objects.get(programme=programme, type="skip")
    history = text(client.get("/history/"))
    assert "The baby needed me" in history
    client.post(f"/history/{skip.public_id}/undo/")
    assert "Log this session" in text(client.get("/today/"))


def test_a_skip_without_a_reason_is_refused_and_nothing_is_saved(db: None) -> None:
    _, programme, client = started("noreason@example.com")
    response = client.post("/plan/skip/", {"day": today().isoformat(), "kind": "walk_run"})
    assert response.status_code == 400
    assert "Choose why you are skipping it." in text(response)
    assert not Event.objects.filter(programme=programme).exists()


def test_a_session_done_ten_days_ago_can_be_logged_for_that_day(db: None) -> None:
    _, programme, client = started("late@example.com", days_ago=12)
    page = client.get("/today/earlier/")
    assert page.status_code == 200
    ten_days_ago = (today() - timedelta(days=10)).isoformat()
    log_page = client.get(f"/today/earlier/?day={ten_days_ago}")
    assert "Log this session" in text(log_page)
    body = log_page.content.decode()
    key = body.split('name="client_key" value="')[1].split('"')[0]
    day = body.split('name="day" value="')[1].split('"')[0]
    assert day == ten_days_ago
    response = client.post("/today/log/", {**GREEN, "client_key": key, "day": day, "early": "1"})
    assert response.status_code == 302
    assert Event.objects.get(programme=programme).day.isoformat() == ten_days_ago


def test_a_log_fifteen_days_back_is_refused_in_words(db: None) -> None:
    _, programme, client = started("old@example.com", days_ago=20)
    day = (today() - timedelta(days=15)).isoformat()
    response = client.post("/today/log/", {**GREEN, "day": day, "early": "1"})
    assert response.status_code == 400
    assert "up to 14 days after its day" in text(response)
    assert not Event.objects.filter(programme=programme).exists()


def test_a_move_for_a_session_that_does_not_exist_is_a_404_in_words(db: None) -> None:
    _, _, client = started("none@example.com")
    response = client.get("/plan/move/?day=2001-01-01&kind=walk_run")
    assert response.status_code == 404
    assert "no session left to do" in text(response)
    assert client.get("/plan/move/?day=soon&kind=walk_run").status_code == 404


def test_running_more_than_planned_is_logged_and_warned_not_rewarded(db: None) -> None:
    _, programme, client = started("more@example.com")
    today_page = text(client.get("/today/"))
    assert "Minutes you ran, if not as planned" in today_page
    refused = client.post("/today/log/", {**GREEN, "ran_minutes": "lots"})
    assert refused.status_code == 400
    assert "Minutes you ran: a whole number of minutes" in text(refused)
    assert not Event.objects.filter(programme=programme).exists()
    response = client.post("/today/log/", {**GREEN, "ran_minutes": "25"}, follow=True)
    assert response.status_code == 200
    assert Event.objects.get(programme=programme).data["ran_minutes"] == 25
    assert "more than the" in text(response)
