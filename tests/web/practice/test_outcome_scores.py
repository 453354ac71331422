"""Outcome scores: the totals of the questionnaires the practice is licensed for, checked
against their ranges, charted over time with her symptom days, and due every 6 weeks."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.test import Client

from strideback.practice.models import OutcomeScore, QuestionnaireLicence
from tests.web.conftest import log, make_professional, today
from tests.web.practice.clients import client_of


def licensed(physio: Any, *questionnaires: str) -> None:
    for questionnaire in questionnaires:
        QuestionnaireLicence.objects.create(practice=physio.practice, questionnaire=questionnaire)


def score(client: Client, runner: Any, **fields: Any) -> Any:
    data = {"questionnaire": "iciq_ui_sf", "taken_on": today().isoformat(), **fields}
    return client.post(f"/practice/clients/{runner.pk}/scores/", data)


def test_a_score_is_charted_with_the_days_she_reported_symptoms(
    physio: Any, physio_client: Client
) -> None:
    runner = client_of(physio)
    licensed(physio, "iciq_ui_sf")
    log(runner, runner.programmes.get(), pelvic_floor_symptoms=["leaking"])
    assert score(physio_client, runner, total="9").status_code == 302
    page = physio_client.get(f"/practice/clients/{runner.pk}/").text
    assert "chart-iciq-title" in page
    assert "Pelvic-floor symptom reported" in page
    assert "Latest ICIQ-UI SF: 9.00" in page
    assert 'data-testid="due"' not in page  # taken today


def test_a_questionnaire_is_due_at_the_start_and_6_weeks_after_the_last(
    physio: Any, physio_client: Client
) -> None:
    runner = client_of(physio)
    licensed(physio, "iciq_ui_sf", "pfdi_20")
    page = physio_client.get(f"/practice/clients/{runner.pk}/").text
    assert page.count('data-testid="due"') == 2
    old = (today() - timedelta(weeks=6)).isoformat()
    score(physio_client, runner, total="4", taken_on=old)
    page = physio_client.get(f"/practice/clients/{runner.pk}/").text
    assert page.count('data-testid="due"') == 2  # 6 weeks have passed


def test_a_pfdi_20_with_its_subscales_is_saved(physio: Any, physio_client: Client) -> None:
    runner = client_of(physio)
    licensed(physio, "pfdi_20")
    response = score(
        physio_client,
        runner,
        questionnaire="pfdi_20",
        total="62.5",
        popdi_6="20.83",
        cradi_8="25",
        udi_6="16.67",
    )
    assert response.status_code == 302
    saved = OutcomeScore.objects.get()
    assert (saved.total, saved.popdi_6, saved.udi_6) == (
        Decimal("62.5"),
        Decimal("20.83"),
        Decimal("16.67"),
    )


def test_a_score_out_of_range_names_the_field_and_range_and_keeps_what_was_typed(
    physio: Any, physio_client: Client
) -> None:
    runner = client_of(physio)
    licensed(physio, "iciq_ui_sf", "pfdi_20")
    response = score(physio_client, runner, total="22")
    assert response.status_code == 400
    assert "ICIQ-UI SF total must be a number from 0 to 21." in response.text
    assert 'value="22"' in response.text
    response = score(
        physio_client, runner, questionnaire="pfdi_20", total="90", popdi_6="101", cradi_8="0"
    )
    assert response.status_code == 400
    assert "POPDI-6 must be a number from 0 to 100." in response.text
    assert "UDI-6 must be a number from 0 to 100." in response.text
    assert not OutcomeScore.objects.exists()


def test_a_questionnaire_the_practice_is_not_licensed_for_is_refused(
    physio: Any, physio_client: Client
) -> None:
    runner = client_of(physio)
    response = score(physio_client, runner, total="5")
    assert response.status_code == 400
    assert "not licensed" in response.text
    assert not OutcomeScore.objects.exists()


def test_the_owner_says_which_questionnaires_and_a_clinician_cannot(
    physio: Any, physio_client: Client
) -> None:
    response = physio_client.post("/practice/licences/", {"questionnaires": ["pfdi_20"]})
    assert response.status_code == 302
    assert list(QuestionnaireLicence.objects.values_list("questionnaire", flat=True)) == ["pfdi_20"]
    colleague = make_professional("cara@clinic.example", physio.practice, role="clinician")
    client = Client()
    client.force_login(colleague.user)
    response = client.post("/practice/licences/", {"questionnaires": []})
    assert response.status_code == 403
    assert QuestionnaireLicence.objects.count() == 1


def test_another_practice_cannot_record_her_scores(physio: Any) -> None:
    runner = client_of(physio)
    other = make_professional("ben@elsewhere.example")
    licensed(other, "iciq_ui_sf")
    client = Client()
    client.force_login(other.user)
    assert score(client, runner, total="5").status_code == 404
