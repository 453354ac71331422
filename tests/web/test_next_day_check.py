"""The log form leaves pain for her to answer, and asks nothing about settling; Today asks
"Has yesterday's pain settled?" from the next day on, and her answer is a new version of
that log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.programmes.models import Event
from tests.web.pages import decisions, field_block, is_checked, text

CHECK = 'data-testid="next-day-check"'


@pytest.fixture
def days_later(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """``days_later(n)``: the app's clock moved on ``n`` days from now."""
    real = timezone.now

    def move(days: int) -> None:
        moved: datetime = real() + timedelta(days=days)
        monkeypatch.setattr(timezone, "now", lambda: moved)

    return move


def logged(client: Client, pain: str) -> Event:
    client.post("/today/log/", {"completed": "all", "rpe": "4", "pain": pain})
    return Event.objects.get()


def answer(client: Client, event: Event, settled: str) -> str:
    response = client.post(f"/today/next-day-check/{event.public_id}/", {"settled": settled})
    assert response.status_code == 302
    return text(client.get(response["Location"]))


def test_the_log_form_starts_with_no_pain_chosen_and_no_question_about_settling(
    runner_client: Client,
) -> None:
    page = text(runner_client.get("/today/"))
    pain = field_block(page, "pain")
    assert "Any pain?" in pain
    assert not any(is_checked(page, "pain", str(n)) for n in range(11))
    assert 'name="pain_settled"' not in page
    assert "Next-day check" not in page


def test_a_log_without_an_answer_about_pain_is_not_saved_and_says_so(
    runner_client: Client,
) -> None:
    response = runner_client.post("/today/log/", {"completed": "all", "rpe": "4"})
    assert response.status_code == 400
    assert "Any pain? Please pick a number: 0 if there was none, up to 10." in text(response)
    assert not Event.objects.exists()


def test_no_pain_is_an_answer_she_picks(runner_client: Client) -> None:
    event = logged(runner_client, "0")
    assert event.data["pain"] == 0
    assert "pain_settled" not in event.data


def test_the_evening_of_a_session_with_pain_nothing_asks_whether_it_settled(
    runner_client: Client,
) -> None:
    logged(runner_client, "2")
    assert CHECK not in text(runner_client.get("/today/"))


def test_the_next_day_today_asks_whether_yesterdays_pain_settled(
    runner_client: Client, days_later: Callable[[int], None]
) -> None:
    logged(runner_client, "2")
    days_later(1)
    page = text(runner_client.get("/today/"))
    assert CHECK in page
    assert "Has yesterday&#x27;s pain settled?" in page or "Has yesterday's pain settled?" in page
    assert "You logged pain of 2 out of 10." in page
    assert ">Yes, it has settled</button>" in page
    assert ">No, it is still there</button>" in page


def test_pain_that_has_not_settled_by_the_next_day_steps_running_back(
    runner_client: Client, days_later: Callable[[int], None]
) -> None:
    event = logged(runner_client, "2")
    days_later(1)
    page = answer(runner_client, event, "no")
    assert "Thank you: your answer is saved" in page
    assert decisions(page) == ["step_back"]
    assert "had not settled by the next day" in page
    assert CHECK not in page
    newest = Event.objects.get(replaces=event)
    assert newest.data["pain_settled"] is False
    assert newest.data["pain"] == 2


def test_pain_that_settled_lets_the_plan_go_on(
    runner_client: Client, days_later: Callable[[int], None]
) -> None:
    event = logged(runner_client, "2")
    days_later(1)
    page = answer(runner_client, event, "yes")
    assert decisions(page) == ["progress"]
    assert Event.objects.get(replaces=event).data["pain_settled"] is True


def test_the_check_is_asked_until_she_answers_even_after_the_48_hours_for_changes(
    runner_client: Client, days_later: Callable[[int], None]
) -> None:
    event = logged(runner_client, "3")
    days_later(3)
    page = text(runner_client.get("/today/"))
    assert CHECK in page
    assert "Has the pain from" in page
    answer(runner_client, event, "yes")
    assert CHECK not in text(runner_client.get("/today/"))


def test_a_session_without_pain_asks_nothing_the_next_day(
    runner_client: Client, days_later: Callable[[int], None]
) -> None:
    logged(runner_client, "0")
    days_later(1)
    assert CHECK not in text(runner_client.get("/today/"))


def test_an_answer_sent_twice_saves_one_new_version(
    runner_client: Client, days_later: Callable[[int], None]
) -> None:
    event = logged(runner_client, "2")
    days_later(1)
    answer(runner_client, event, "no")
    answer(runner_client, event, "no")
    assert Event.objects.count() == 2


def test_an_answer_about_someone_elses_session_changes_nothing(
    runner_client: Client, other_runner: User, days_later: Callable[[int], None]
) -> None:
    other = Client()
    other.force_login(other_runner)
    event = logged(other, "2")
    days_later(1)
    response = runner_client.post(f"/today/next-day-check/{event.public_id}/", {"settled": "yes"})
    assert response.status_code == 302
    assert Event.objects.count() == 1
