"""A professional's page for one client: what she sees, who else may not, and that the page
costs the same however much the client has logged."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from strideback.practice.models import AccessEntry, ClinicalNote
from strideback.programmes import services
from strideback.tracking import services as tracking
from tests.web.conftest import answers, log, make_professional, today
from tests.web.practice.clients import client_of

NOTE = "Diastasis 2 fingers at umbilicus; reassess in 4 weeks"


def page_of(client: Client, runner: Any) -> Any:
    return client.get(f"/practice/clients/{runner.pk}/")


def test_the_physio_sees_her_clients_verdict_logs_and_timeline(
    physio: Any, physio_client: Client
) -> None:
    runner = client_of(physio)
    log(runner, runner.programmes.get(), note="Legs heavy but fine", pain=2)
    response = page_of(physio_client, runner)
    assert response.status_code == 200
    text = response.text
    assert "Maya Ross" in text
    assert 'data-testid="verdict"' in text
    assert "Legs heavy but fine" in text
    assert "Shared her programme with the practice" in text
    assert "Source:" in text  # the decisions' reasons cite their sources
    assert AccessEntry.objects.filter(runner=runner, action="client_page").count() == 1


def test_her_new_answers_show_what_changed(physio: Any, physio_client: Client) -> None:
    runner = client_of(physio)
    services.start_programme(runner, answers(15, goal="10k"), today(), timezone.now())
    text = page_of(physio_client, runner).text
    assert "Version 2" in text
    assert "Goal: " in text
    assert "→ 10k" in text


def test_a_professional_of_another_practice_gets_404(physio: Any) -> None:
    runner = client_of(physio)
    other = make_professional("ben@elsewhere.example", name=("Ben", "Cole"))
    client = Client()
    client.force_login(other.user)
    assert page_of(client, runner).status_code == 404
    assert client.post(f"/practice/clients/{runner.pk}/notes/", {"text": NOTE}).status_code == 404
    assert not ClinicalNote.objects.exists()


def test_after_she_revokes_her_share_the_page_is_404(physio: Any, physio_client: Client) -> None:
    runner = client_of(physio)
    runner.shares.update(revoked_at=timezone.now())
    assert page_of(physio_client, runner).status_code == 404


def test_a_note_is_on_her_page_but_never_in_the_runners_app(
    physio: Any, physio_client: Client
) -> None:
    runner = client_of(physio)
    response = physio_client.post(f"/practice/clients/{runner.pk}/notes/", {"text": NOTE})
    assert response.status_code == 302
    assert NOTE in page_of(physio_client, runner).text
    hers = Client()
    hers.force_login(runner)
    for page in ["/today/", "/history/", "/programme/", "/verdict/", "/messages/", "/settings/"]:
        assert NOTE not in hers.get(page).text, page


def test_her_data_export_holds_the_notes_about_her(physio: Any, physio_client: Client) -> None:
    runner = client_of(physio)
    physio_client.post(f"/practice/clients/{runner.pk}/notes/", {"text": NOTE})
    hers = Client()
    hers.force_login(runner)
    exported = json.loads(hers.get("/settings/my-data.json").content)
    assert exported["clinical_notes"][0]["note"] == NOTE
    assert exported["clinical_notes"][0]["recorded_by"] == "Anna Lee"
    assert NOTE in hers.get("/settings/my-data.csv").text


def test_her_data_export_holds_her_messages_both_ways(physio: Any, physio_client: Client) -> None:
    runner = client_of(physio)
    physio_client.post(f"/practice/clients/{runner.pk}/messages/", {"text": "How was the hill?"})
    hers = Client()
    hers.force_login(runner)
    exported = json.loads(hers.get("/settings/my-data.json").content)
    assert [m["note"] for m in exported["messages"]] == ["How was the hill?"]
    assert exported["messages"][0]["recorded_by"] == "Anna Lee"
    assert "How was the hill?" in hers.get("/settings/my-data.csv").text


def test_an_empty_note_is_refused_and_nothing_is_saved(physio: Any, physio_client: Client) -> None:
    runner = client_of(physio)
    response = physio_client.post(f"/practice/clients/{runner.pk}/notes/", {"text": "  "})
    assert response.status_code == 400
    assert not ClinicalNote.objects.exists()


def test_the_handout_is_hers_prepared_by_the_practice(physio: Any, physio_client: Client) -> None:
    runner = client_of(physio)
    response = physio_client.get(f"/practice/clients/{runner.pk}/handout/")
    assert response.status_code == 200
    assert f"Prepared by {physio.practice.name}" in response.text
    assert "Content-Security-Policy" in response


def queries_for(physio: Any, logs: int) -> int:
    runner = client_of(physio, f"logs{logs}@example.com")
    programme = runner.programmes.get()
    start = today() - timedelta(days=logs)
    programme.start = start
    programme.save()
    for day in range(logs):
        entry = {"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": []}
        on = start + timedelta(days=day)
        tracking.log_session(runner, programme, "walk_run", entry, on, timezone.now())
    client = Client()
    client.force_login(physio.user)
    with CaptureQueriesContext(connection) as queries:
        assert page_of(client, runner).status_code == 200
    return len(queries.captured_queries)


def test_the_page_makes_as_many_queries_at_40_logs_as_at_5(physio: Any) -> None:
    assert queries_for(physio, 40) == queries_for(physio, 5)
