"""A practice's own exercises: written as YAML or JSON, kept as versions that never change,
drawn from their pose, seen by the practice alone, and by a runner whose plan has one."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from strideback.accounts.models import User
from strideback.practice.exercises import exercise_example, practice_catalog
from strideback.practice.models import PracticeExercise
from strideback.programmes.models import Event
from strideback.programmes.services import catalog_for
from tests.web.conftest import make_professional, share_with

pytestmark = pytest.mark.django_db


def _bridge(physio: Any) -> str:
    return exercise_example(physio.practice)


def _base_id(physio: Any) -> str:
    return f"p{physio.practice.pk}_double_leg_bridge"


def _write(client: Client, text: str) -> Any:
    return client.post("/practice/exercises/new/", {"text": text})


def test_the_new_exercise_page_starts_from_a_packaged_exercise_with_her_prefix(
    physio: Any, physio_client: Client
) -> None:
    response = physio_client.get("/practice/exercises/new/")
    assert response.status_code == 200
    assert f"id: {_base_id(physio)}" in response.text


def test_a_written_exercise_is_stored_and_its_picture_shows_with_its_versions(
    physio: Any, physio_client: Client
) -> None:
    response = _write(physio_client, _bridge(physio))
    assert response.url == f"/practice/exercises/{_base_id(physio)}/"
    page = physio_client.get(response.url)
    assert page.status_code == 200
    assert "<svg" in page.text
    assert "Version 1" in page.text
    assert "Bridge" in physio_client.get("/practice/exercises/").text


def test_authoring_errors_name_each_field_and_what_is_allowed_and_keep_her_text(
    physio: Any, physio_client: Client
) -> None:
    text = (
        _bridge(physio)
        .replace(f"id: {_base_id(physio)}", "id: wall_sit")
        .replace("impact: none", "impact: huge")
    )
    response = _write(physio_client, text)
    assert response.status_code == 400
    assert "<code>id</code>" in response.text
    assert f"p{physio.practice.pk}_" in response.text
    assert "<code>impact</code>" in response.text
    assert "Allowed" in response.text or "allowed" in response.text
    assert "impact: huge" in response.text  # her text, still there
    assert not PracticeExercise.objects.exists()


def test_text_that_is_not_yaml_says_where(physio_client: Client) -> None:
    response = _write(physio_client, "id: [unclosed")
    assert response.status_code == 400
    assert "line 1" in response.text


def test_an_edit_is_a_new_version_with_its_own_catalog_id_and_the_same_text_makes_none(
    physio: Any, physio_client: Client
) -> None:
    _write(physio_client, _bridge(physio))
    _write(physio_client, _bridge(physio))
    assert PracticeExercise.objects.count() == 1
    edited = _bridge(physio).replace("arms by your sides", "arms crossed on your chest")
    _write(physio_client, edited)
    first, second = PracticeExercise.objects.order_by("version")
    assert (first.catalog_id, second.catalog_id) == (_base_id(physio), f"{_base_id(physio)}_v2")
    assert "arms by your sides" in first.document["steps"][0]  # the first is kept as it was
    assert second.document["id"] == second.catalog_id
    assert set(practice_catalog(physio.practice).exercises) >= {first.catalog_id, second.catalog_id}
    assert "Version 2" in physio_client.get(f"/practice/exercises/{_base_id(physio)}/").text


def test_a_stored_version_is_never_changed_or_deleted(physio: Any, physio_client: Client) -> None:
    _write(physio_client, _bridge(physio))
    version = PracticeExercise.objects.get()
    with pytest.raises(RuntimeError):
        version.save()
    with pytest.raises(RuntimeError):
        version.delete()


def test_another_practices_professional_gets_404_for_this_practices_exercise(
    physio: Any, physio_client: Client
) -> None:
    _write(physio_client, _bridge(physio))
    other = make_professional("sam@elsewhere.example", name=("Sam", "Hart"))
    client = Client()
    client.force_login(other.user)
    assert client.get(f"/practice/exercises/{_base_id(physio)}/").status_code == 404
    assert "Bridge" not in client.get("/practice/exercises/").text


def _prescribe(runner: User, physio: Any, catalog_id: str) -> None:
    """An add naming the practice's exercise, as a professional's action records it."""
    Event.objects.create(
        programme=runner.programmes.get(),
        type="add",
        day=runner.programmes.get().start,
        data={"exercise": catalog_id, "session": "strength", "reason": "For her hips."},
        recorded_by=physio.user,
    )


def test_her_plan_can_prescribe_the_version_her_events_name_and_she_sees_it(
    physio: Any, physio_client: Client, runner: User, other_runner: User
) -> None:
    share_with(runner, physio.practice)
    _write(physio_client, _bridge(physio))
    _write(physio_client, _bridge(physio).replace("arms by your sides", "arms crossed"))
    _prescribe(runner, physio, _base_id(physio))
    named = catalog_for(Event.objects.filter(programme__owner=runner))
    assert _base_id(physio) in named.exercises
    assert f"{_base_id(physio)}_v2" not in named.exercises  # only what her events name
    her = Client()
    her.force_login(runner)
    page = her.get(f"/exercises/{_base_id(physio)}/")
    assert page.status_code == 200
    assert "<svg" in page.text
    assert "arms by your sides" in page.text  # the version she was given
    someone_else = Client()
    someone_else.force_login(other_runner)
    assert someone_else.get(f"/exercises/{_base_id(physio)}/").status_code == 404
    assert Client().get(f"/exercises/{_base_id(physio)}/").status_code == 404


def test_a_runner_whose_events_name_no_practice_exercise_costs_no_query(
    runner: User, django_assert_num_queries: Any
) -> None:
    events = list(Event.objects.filter(programme__owner=runner))
    with django_assert_num_queries(0):
        catalog_for(events)
