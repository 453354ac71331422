"""Programme templates: the packaged ones and a practice's own, written in YAML and checked
against the catalog and the safety rules, and applied to one client in one go."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from strideback.accounts.models import User
from strideback.practice.exercises import template_example
from strideback.practice.models import AccessEntry, PracticeTemplate
from strideback.programmes.models import Event
from tests.web.conftest import make_professional, share_with, today

pytestmark = pytest.mark.django_db


def _own_id(physio: Any) -> str:
    return f"p{physio.practice.pk}_caesarean_slow_return"


def _write(client: Client, text: str) -> Any:
    return client.post("/practice/templates/new/", {"text": text})


def _apply(client: Client, runner: User, template: str = "caesarean_slow_return") -> Any:
    return client.post(f"/practice/clients/{runner.pk}/apply-template/", {"template": template})


def test_the_templates_page_lists_the_packaged_templates_and_the_practices_own(
    physio: Any, physio_client: Client
) -> None:
    _write(physio_client, template_example(physio.practice).replace("Caesarean, slow", "Our slow"))
    page = physio_client.get("/practice/templates/")
    assert "Caesarean, slow return" in page.text
    assert "Our slow return" in page.text


def test_a_written_template_is_stored_as_versions_and_unchanged_text_makes_none(
    physio: Any, physio_client: Client
) -> None:
    text = template_example(physio.practice)
    assert _write(physio_client, text).url == f"/practice/templates/{_own_id(physio)}/"
    _write(physio_client, text)
    assert PracticeTemplate.objects.count() == 1
    _write(physio_client, text.replace("in_days: 42", "in_days: 56"))
    assert list(PracticeTemplate.objects.values_list("version", flat=True)) == [1, 2]


def test_template_errors_name_the_field_and_the_rule_and_keep_her_text(
    physio: Any, physio_client: Client
) -> None:
    text = template_example(physio.practice).replace(
        "  - type: retest_due\n    in_days: 42",
        "  - type: stage\n    direction: forward\n    reason: She is doing well.",
    )
    response = _write(physio_client, text)
    assert response.status_code == 400
    assert "<code>actions[4].direction</code>" in response.text
    assert "no_lifting_safety" in response.text
    assert "direction: forward" in response.text
    assert not PracticeTemplate.objects.exists()


def test_applying_a_template_records_its_actions_dated_today_and_signed(
    physio: Any, physio_client: Client, runner: User
) -> None:
    share_with(runner, physio.practice)
    response = _apply(physio_client, runner)
    assert response.status_code == 200
    assert "Pelvic tilts in place of" in response.text
    events = list(Event.objects.filter(programme__owner=runner).order_by("id"))
    assert [e.type for e in events] == ["hold", "dose", "swap", "add", "retest_due"]
    assert {e.day for e in events} == {today()}
    author = {"name": "Anna Lee", "profession": "pelvic_health_physio"}
    assert all(e.data["author"] == {**author, "practice": physio.practice.name} for e in events)
    assert all(e.recorded_by == physio.user for e in events)
    assert events[2].data["with"] == "pelvic_tilts"
    assert AccessEntry.objects.filter(runner=runner, action="apply_template").count() == 1


def test_applying_the_same_template_twice_in_a_day_records_it_once(
    physio: Any, physio_client: Client, runner: User
) -> None:
    share_with(runner, physio.practice)
    _apply(physio_client, runner)
    again = _apply(physio_client, runner)
    assert "already applied" in again.text
    assert Event.objects.filter(programme__owner=runner, type="hold").count() == 1


def test_a_practices_own_template_applies_its_newest_version(
    physio: Any, physio_client: Client, runner: User
) -> None:
    share_with(runner, physio.practice)
    _write(physio_client, template_example(physio.practice))
    _apply(physio_client, runner, _own_id(physio))
    assert Event.objects.filter(programme__owner=runner, type="retest_due").exists()


def test_applying_to_someone_not_a_client_is_not_found_and_records_nothing(
    physio: Any, physio_client: Client, runner: User
) -> None:
    assert _apply(physio_client, runner).status_code == 404
    assert not Event.objects.filter(programme__owner=runner).exclude(type="answers").exists()


def test_another_practices_professional_gets_404_for_this_practices_template(
    physio: Any, physio_client: Client, runner: User
) -> None:
    _write(physio_client, template_example(physio.practice))
    other = make_professional("sam@elsewhere.example", name=("Sam", "Hart"))
    client = Client()
    client.force_login(other.user)
    assert client.get(f"/practice/templates/{_own_id(physio)}/").status_code == 404
    share_with(runner, other.practice)  # her client, but not this practice's template
    assert _apply(client, runner, _own_id(physio)).status_code == 404
    assert not Event.objects.filter(programme__owner=runner, type="hold").exists()
