"""The today page carries the session player: its script, a picture of each exercise, the
start button where a session can be played, and a page weight a phone can load quickly."""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from strideback.accounts.models import User
from tests.web.conftest import make_user, start, today
from tests.web.pages import decisions, text

BUDGET = 100 * 1024  # the limit: today page and player, compressed, on first load


def player_data(page: str) -> dict[str, Any]:
    found = re.search(r'<script id="player-data" type="application/json">(.*?)</script>', page)
    assert found, "the page carries no player script"
    return dict(json.loads(found.group(1)))


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def strength_runner(email: str = "strength@example.com") -> User:
    """Eight weeks after the birth: not ready to run, a strength session on her first day."""
    user = make_user(email)
    start(user, weeks=8)
    return user


@pytest.mark.django_db
def test_a_walk_run_day_carries_the_script_and_a_start_button(runner_client: Client) -> None:
    page = text(runner_client.get("/today/"))
    data = player_data(page)
    script = data["script"]
    assert script["kind"] == "walk_run"
    assert data["today"] == today().isoformat()
    assert data["key"].endswith(f":{today().isoformat()}:walk_run")
    assert script["steps"][0]["title"] == "Warm-up walk"
    assert script["steps"][0]["seconds"] == 300
    assert script["steps"][-1]["kind"] == "done"
    assert "data-player-start" in page
    assert 'id="player"' in page
    assert re.search(r'src="/static/strideback/player\.[0-9a-f]+\.js"', page)
    assert re.search(r'href="/static/strideback/player\.[0-9a-f]+\.css"', page)
    # Big buttons for pause, back, skip and end early; a voice switch; a live region.
    for label in (
        "Pause",
        "Back",
        "Next",
        "End early",
        "Skip exercise",
        "Read aloud",
        "Tap to turn sound on",
    ):
        assert f">{label}<" in re.sub(r"<span[^>]*>[^<]*</span>", "", page), label
    assert 'aria-live="polite"' in page


@pytest.mark.django_db
def test_a_strength_day_carries_a_picture_of_each_exercise() -> None:
    page = text(client_for(strength_runner()).get("/today/"))
    script = player_data(page)["script"]
    assert script["kind"] == "strength"
    ids = [exercise["id"] for exercise in script["exercises"]]
    assert len(ids) >= 3
    for exercise_id in ids:
        picture = re.search(rf'<template id="figure-{exercise_id}">(.*?)</template>', page, re.S)
        assert picture, f"no picture of {exercise_id}"
        assert picture.group(1).lstrip().startswith("<svg")
    kinds = {step["kind"] for step in script["steps"]}
    assert {"intro", "reps", "hold", "rest", "switch", "done"} <= kinds
    # The words the player shows come from the script, not from the browser.
    assert any(step["where"].startswith("Exercise 1 of ") for step in script["steps"])


@pytest.mark.django_db
def test_a_retest_day_has_no_player() -> None:
    user = make_user("retest@example.com")
    start(user, weeks=14, tests={})  # past 12 weeks, tests not yet done: a re-test first
    page = text(client_for(user).get("/today/"))
    assert "Re-test day" in page
    assert "data-player-start" not in page
    assert "player-data" not in page
    assert "player.js" not in page


@pytest.mark.django_db
def test_a_day_already_logged_has_no_player(
    runner: User,
) -> None:
    client = client_for(runner)
    client.post(
        "/today/log/",
        {"completed": "all", "rpe": "4", "pain": "0"},
    )
    done = text(client.get("/today/"))
    assert "Logged today" in done
    assert "player-data" not in done
    # One session a day: "?early=1" brings nothing forward once today's is logged.
    early = text(client.get("/today/?early=1"))
    assert "Logged today" in early
    assert "player-data" not in early


@pytest.mark.django_db
def test_the_page_and_what_it_loads_weigh_under_the_budget_compressed(
    runner_client: Client,
) -> None:
    weights = page_weight(text(client_for(strength_runner("weight@example.com")).get("/today/")))
    assert any(re.search(r"/player\.\w+\.js$", url) for url in weights), weights
    total = sum(weights.values())
    assert total < BUDGET, weights
    walk_run = page_weight(text(runner_client.get("/today/")))
    assert sum(walk_run.values()) < BUDGET, walk_run


def page_weight(page: str) -> dict[str, int]:
    """Compressed bytes of the page and each stylesheet, script and font it references."""
    weights = {"today.html": len(gzip.compress(page.encode(), 9))}
    root = Path(settings.STATIC_ROOT)
    for url in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js|woff2?|ttf))"', page):
        file = root / url.removeprefix(settings.STATIC_URL)
        weights[url] = len(gzip.compress(file.read_bytes(), 9))
    return weights


@pytest.mark.django_db
def test_the_player_asks_what_she_noticed_with_four_big_answers_and_says_why(
    runner_client: Client,
) -> None:
    page = text(runner_client.get("/today/"))
    ask = page.split('id="player-ask"')[1].split("</section>")[0]
    answers = re.findall(r'data-symptom="(\w+)">(\w+)</button>', ask)
    assert answers == [
        ("leaking", "Leaking"),
        ("heaviness", "Heaviness"),
        ("dragging", "Dragging"),
        ("pain", "Pain"),
    ]
    assert "What did you notice?" in ask
    assert "stop and walk (Deering et al. 2024)" in ask
    assert ">Stop for a symptom<" in page


@pytest.mark.django_db
def test_after_a_caesarean_the_player_carries_each_exercises_cautions() -> None:
    user = make_user("caesarean@example.com")
    start(user, weeks=8, delivery="caesarean")
    page = text(client_for(user).get("/today/"))
    exercises = player_data(page)["script"]["exercises"]
    cautions = [c for exercise in exercises for c in exercise.get("cautions", [])]
    assert cautions, "a caesarean brings cautions to her exercises"
    for caution in cautions:
        assert html.escape(caution, quote=False) in page  # Today shows them too


@pytest.mark.django_db
def test_a_log_sent_from_the_player_with_leaking_pauses_running_and_refers(
    runner_client: Client,
) -> None:
    sent = {
        "completed": "part",
        "pelvic_floor_symptoms": ["leaking"],
        "rpe": "5",
        "pain": "0",
        "note": "Stopped for leaking in minute 6 of the session (run 1 of 7). "
        "Ran 30 s of the 7 min planned.",
    }
    page = text(runner_client.post("/today/log/", sent, follow=True))
    assert decisions(page) == ["pause_and_refer"]
    assert "pelvic health physiotherapist" in page
    assert 'data-status="refer"' in text(runner_client.get("/verdict/"))
