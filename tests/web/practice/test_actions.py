"""A professional acting for her client: each action is an event in her replay, signed,
dated today, told to her with who and why, in the access log, and refused where the
safety rules or her profession say no."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.practice.models import AccessEntry
from strideback.programmes.models import Event
from tests.web.conftest import make_professional, make_user, share_with, start, today
from tests.web.pages import visible

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _act(client: Client, runner: User, kind: str, **fields: object) -> object:
    return client.post(f"/practice/clients/{runner.pk}/act/{kind}/", fields)


@pytest.fixture
def referred() -> User:
    """A runner who reported leaking at the intake: referred, no running."""
    user = make_user("maya@example.com")
    start(user, symptoms=["urinary_leakage"])
    return user


def test_a_physios_clearance_changes_her_today_and_says_who_and_why(
    physio: object, physio_client: Client, referred: User
) -> None:
    share_with(referred, physio.practice)  # type: ignore[attr-defined]
    runner = _client(referred)
    assert "No running for now" in visible(runner.get("/today/"))
    response = _act(
        physio_client,
        referred,
        "clearance",
        note="Pelvic floor strong; start the walk-run.",
        confirm="on",
        client_key=str(uuid.uuid4()),
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    page = visible(runner.get("/today/"))
    assert "No running for now" not in page
    assert "Your pelvic health physio, Anna Lee, cleared you on" in page
    assert "Pelvic floor strong; start the walk-run." in page
    event = Event.objects.get(programme__owner=referred, type="clearance")
    assert event.data["author"]["practice"] == physio.practice.name  # type: ignore[attr-defined]
    assert event.day == today()
    assert AccessEntry.objects.filter(runner=referred, action="action:clearance").count() == 1


def test_a_coach_cannot_lift_a_referral(referred: User) -> None:
    coach = make_professional(
        "ben@clinic.example", role="coach", profession="running_coach", name=("Ben", "Okafor")
    )
    share_with(referred, coach.practice)
    response = _act(_client(coach.user), referred, "clearance", confirm="on")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Only a physiotherapist can lift a referral" in visible(response)
    assert not Event.objects.filter(programme__owner=referred, type="clearance").exists()


def test_a_hold_is_told_to_her_and_sent_twice_is_recorded_once(
    physio: object, physio_client: Client, runner: User
) -> None:
    share_with(runner, physio.practice)  # type: ignore[attr-defined]
    key = str(uuid.uuid4())
    for _ in range(2):
        _act(physio_client, runner, "hold", reason="Let's settle the hip first.", client_key=key)
    assert Event.objects.filter(programme__owner=runner, type="hold").count() == 1
    page = visible(_client(runner).get("/today/"))
    assert "Anna Lee, put your progression on hold" in page
    assert "Let's settle the hip first." in page


def test_a_hold_needs_a_reason_and_the_form_says_so(
    physio: object, physio_client: Client, runner: User
) -> None:
    share_with(runner, physio.practice)  # type: ignore[attr-defined]
    response = _act(physio_client, runner, "hold", reason="")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Why? (she sees this): please fill this in." in visible(response)
    assert not Event.objects.filter(programme__owner=runner, type="hold").exists()


def test_a_dose_outside_the_bounds_names_the_field_and_what_is_allowed(
    physio: object, physio_client: Client, runner: User
) -> None:
    share_with(runner, physio.practice)  # type: ignore[attr-defined]
    response = _act(physio_client, runner, "dose", exercise="glute_bridge", sets="40")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "less than or equal to 10" in visible(response)
    assert not Event.objects.filter(programme__owner=runner, type="dose").exists()


def test_an_override_is_deliberate_and_she_sees_which_rule(
    physio: object, physio_client: Client, runner: User
) -> None:
    share_with(runner, physio.practice)  # type: ignore[attr-defined]
    response = _act(
        physio_client,
        runner,
        "stage",
        direction="advance",
        overrides="one_change_at_a_time",
        reason="She ran 30 minutes before; she is flying.",
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    event = Event.objects.get(programme__owner=runner, type="stage")
    assert event.data["overrides"] == ["one_change_at_a_time"]
    history = visible(_client(runner).get("/history/"))
    assert "She ran 30 minutes before; she is flying." in history


def test_a_clinic_baseline_with_leaking_refers_her_at_once(
    physio: object, physio_client: Client, runner: User
) -> None:
    share_with(runner, physio.practice)  # type: ignore[attr-defined]
    assert _act(physio_client, runner, "baseline", symptoms="leaking").status_code == 302  # type: ignore[attr-defined]
    assert "No running for now" in visible(_client(runner).get("/today/"))


@pytest.mark.parametrize("kind", ["clearance", "hold", "stage", "dose", "baseline"])
def test_another_practice_and_a_revoked_share_get_404_and_record_nothing(
    kind: str, physio: object, runner: User
) -> None:
    share = share_with(runner, physio.practice)  # type: ignore[attr-defined]
    outsider = make_professional("zoe@elsewhere.example", name=("Zoe", "Hart"))
    before = Event.objects.count()
    assert _act(_client(outsider.user), runner, kind, reason="x").status_code == 404  # type: ignore[attr-defined]
    share.revoked_at = timezone.now()
    share.save()
    assert _act(_client(physio.user), runner, kind, reason="x").status_code == 404  # type: ignore[attr-defined]
    assert Event.objects.count() == before


def test_an_unknown_action_is_404(physio: object, physio_client: Client, runner: User) -> None:
    share_with(runner, physio.practice)  # type: ignore[attr-defined]
    assert physio_client.get(f"/practice/clients/{runner.pk}/act/teleport/").status_code == 404


def test_a_practices_own_exercise_added_by_its_physio_is_in_her_plan_with_its_picture(
    physio: object, physio_client: Client, runner: User
) -> None:
    from strideback.practice.exercises import author_exercise, exercise_example
    from strideback.programmes.services import programme_as_of

    practice = physio.practice  # type: ignore[attr-defined]
    share_with(runner, practice)
    text = exercise_example(practice).replace("name: Bridge\n", "name: Clinic bridge\n", 1)
    author_exercise(physio, text, timezone.now())  # type: ignore[arg-type]
    catalog_id = f"p{practice.pk}_double_leg_bridge"
    response = _act(
        physio_client, runner, "add", exercise=catalog_id, session="strength", reason="Glutes."
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    plan = programme_as_of(runner.programmes.get(), today())
    prescribed = {item.exercise_id for s in plan.sessions if s.date > today() for item in s.items}
    assert catalog_id in prescribed
    page = _client(runner).get(f"/exercises/{catalog_id}/")
    assert page.status_code == 200
    assert "Clinic bridge" in visible(page)
    assert "<svg" in page.content.decode()
    # Another runner, not her client, never sees the practice's exercise.
    assert (
        _client(make_user("else@example.com")).get(f"/exercises/{catalog_id}/").status_code == 404
    )


def test_another_practices_exercise_cannot_be_prescribed(
    physio: object, physio_client: Client, runner: User
) -> None:
    share_with(runner, physio.practice)  # type: ignore[attr-defined]
    response = _act(
        physio_client, runner, "add", exercise="p999999_bridge", session="strength", reason="x"
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert not Event.objects.filter(programme__owner=runner, type="add").exists()


def test_she_lifts_an_old_hold_herself_only_after_she_stops_sharing(
    physio: object, physio_client: Client, runner: User
) -> None:
    share = share_with(runner, physio.practice)  # type: ignore[attr-defined]
    _act(physio_client, runner, "hold", reason="Settle the hip first.")
    her = _client(runner)
    assert "is holding your progression" in visible(her.get("/today/"))
    assert "only they can lift it" in visible(her.get("/plan/lift-hold/"))
    refused = her.post("/plan/lift-hold/", {"client_key": str(uuid.uuid4())})
    assert refused.status_code == 400
    assert not Event.objects.filter(programme__owner=runner, type="release").exists()
    share.revoked_at = timezone.now()
    share.save()
    assert "They held it for a reason." in visible(her.get("/plan/lift-hold/"))
    assert her.post("/plan/lift-hold/", {"client_key": str(uuid.uuid4())}).status_code == 302
    release = Event.objects.get(programme__owner=runner, type="release")
    assert release.data["after_revocation"] is True
    assert "is holding your progression" not in visible(her.get("/today/"))


def test_the_caseload_shows_a_hold_an_override_and_a_clinic_baseline(
    physio: object, physio_client: Client, runner: User
) -> None:
    share_with(runner, physio.practice)  # type: ignore[attr-defined]
    _act(physio_client, runner, "stage", direction="advance", overrides="weekly_rise", reason="ok")
    _act(physio_client, runner, "hold", reason="Wait for the scan.")
    _act(physio_client, runner, "baseline", symptoms="heaviness")
    caseload = visible(physio_client.get("/practice/"))
    assert "Progression on hold since" in caseload
    assert "Heaviness reported on" in caseload or "heaviness reported on" in caseload
