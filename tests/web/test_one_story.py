"""One story across the pages: answering again, a referral that stands until a physio's
assessment is recorded, pausing and resuming, and the same action sent twice acting once."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.programmes.models import Event, IntakeVersion, Programme
from tests.web.conftest import answers, log, make_user, start, today
from tests.web.pages import decisions, text, visible

GREEN = {"completed": "all", "rpe": "4", "pain": "0"}


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def answer_again(client: Client, *, symptoms: list[str] | None = None) -> None:
    """Go through the five steps again as she would, changing only the symptoms."""
    for slug, data in [
        ("birth", {"birth_date": (today() - timedelta(weeks=16)).isoformat()}),
        ("symptoms", {"symptoms": symptoms} if symptoms else {"none": "on"}),
    ]:
        assert client.post(f"/intake/{slug}/", data).status_code == 302
    for slug in ("tests", "week"):
        page = client.get(f"/intake/{slug}/")
        assert page.status_code == 200
    # Her earlier answers are filled in: send them back as they are.
    from strideback.programmes.forms import STEP_BY_SLUG
    from strideback.programmes.models import IntakeVersion as Version

    draft = Version.objects.filter(completed_at__isnull=True).order_by("-version").first()
    assert draft is not None
    for slug in ("tests", "week"):
        form_class = STEP_BY_SLUG[slug].form
        initial = form_class.initial_from(draft.answers)
        data = {k: v for k, v in initial.items() if v not in (None, "")}
        if slug == "week":
            data["training_days"] = draft.answers.get("training_days") or ["mon", "thu"]
        assert client.post(f"/intake/{slug}/", data).status_code == 302
    response = client.post("/intake/background/", {})
    assert response.status_code == 302


def test_answering_again_after_a_referral_keeps_her_history_and_the_referral(db: None) -> None:
    user = make_user("heavy@example.com")
    start(user, weeks=16, symptoms=["pelvic_heaviness"])
    programme = Programme.objects.get(owner=user)
    strength = log(user, programme, kind="strength")
    client = signed_in(user)
    assert 'data-status="refer"' in text(client.get("/verdict/"))

    answer_again(client, symptoms=None)  # she unticks the heaviness

    assert list(Programme.objects.filter(owner=user)) == [programme]
    assert IntakeVersion.objects.filter(owner=user, completed_at__isnull=False).count() == 2
    verdict = text(client.get("/verdict/"))
    assert 'data-status="refer"' in verdict
    assert "Not now." in verdict
    assert f"Since {today():%A} {today().day} {today():%B %Y}" in verdict
    assert "does not lift it" in verdict
    history = text(client.get("/history/"))
    assert "You answered the questions again" in history
    assert "The referral stays until a pelvic health physiotherapist has seen you." in history
    assert strength.public_id in history
    today_page = text(client.get("/today/"))
    assert "No running for now." in today_page


def test_recording_an_assessment_lifts_the_referral_with_its_limits(runner: User) -> None:
    programme = Programme.objects.get(owner=runner)
    log(runner, programme, pelvic_floor_symptoms=["leaking"])
    client = signed_in(runner)
    verdict = text(client.get("/verdict/"))
    assert "A pelvic health physio has assessed me" in verdict

    form = text(client.get("/plan/assessed/"))
    assert "Running has been paused since" in form
    assert "You noticed leaking" in form
    data = {
        "by": "Sam Lee, pelvic health physio",
        "date": today().isoformat(),
        "note": "Good strength; walk-run only for two weeks.",
        "limits": ["walk_run_only"],
        "confirm": "on",
        "client_key": str(uuid.uuid4()),
    }
    response = client.post("/plan/assessed/", data)
    assert response.status_code == 302
    again = client.post("/plan/assessed/", data)  # sent twice: recorded once
    assert again["Location"] == response["Location"]
    assert Event.objects.filter(programme=programme, type="clearance").count() == 1

    page = text(client.get(response["Location"]))
    assert decisions(page) == ["clearance"]
    assert 'data-status="ready"' in page
    assert "Walk-run only for now" in page
    assert "You told us Sam Lee, pelvic health physio assessed you" in page
    plan = text(client.get("/programme/"))
    assert "Walk-run (stage" in plan
    history = text(client.get("/history/"))
    assert "Assessed by Sam Lee, pelvic health physio" in history
    assert "Your own report" in history


def test_an_assessment_needs_her_confirmation_and_a_name(runner: User) -> None:
    client = signed_in(runner)
    response = client.post("/plan/assessed/", {"date": today().isoformat()})
    assert response.status_code == 400
    page = visible(response)
    assert "Enter who assessed you" in page
    assert "Tick this to confirm" in page
    assert not Event.objects.filter(type="clearance").exists()
    future = (today() + timedelta(days=3)).isoformat()
    response = client.post("/plan/assessed/", {"by": "Sam", "date": future, "confirm": "on"})
    assert response.status_code == 400
    assert "Enter the day of the assessment" in visible(response)


def test_pausing_and_resuming_from_the_pages(runner: User) -> None:
    programme = Programme.objects.get(owner=runner)
    client = signed_in(runner)
    page = text(client.get("/plan/pause/"))
    assert "Pause my plan" in page
    key = str(uuid.uuid4())
    response = client.post(
        "/plan/pause/", {"why": "holiday", "detail": "Cornwall", "client_key": key}
    )
    assert response.status_code == 302
    client.post("/plan/pause/", {"why": "holiday", "client_key": key})  # sent twice
    assert Event.objects.filter(programme=programme, type="pause").count() == 1

    verdict = text(client.get(response["Location"]))
    assert 'data-status="paused"' in verdict
    assert "A holiday or time away: Cornwall" in verdict
    today_page = text(client.get("/today/"))
    assert "Your plan is paused." in today_page
    assert "Log this session" not in today_page
    assert "Rest day" not in today_page
    again = client.post("/plan/pause/", {"why": "illness"})
    assert again.status_code == 400
    assert "Your plan has been paused since" in visible(again)
    assert "Resume my plan today" in text(again)

    response = client.post("/plan/resume/", {"client_key": str(uuid.uuid4())})
    assert response.status_code == 302
    verdict = text(client.get(response["Location"]))
    assert decisions(verdict) == ["resume"]
    assert "you pick up where you were" in verdict
    assert 'data-status="ready"' in verdict

    refused = client.post("/plan/resume/", {})
    assert refused.status_code == 400
    assert "Your plan is not paused." in visible(refused)


def test_a_second_log_form_for_the_same_session_makes_one_entry(runner: User) -> None:
    """Two phones showed today's session; both send a log. The first is kept; the second
    is answered with it (a change goes through her history)."""
    client = signed_in(runner)
    first = client.post("/today/log/", {**GREEN, "client_key": str(uuid.uuid4())})
    second = client.post("/today/log/", {**GREEN, "rpe": "6", "client_key": str(uuid.uuid4())})
    assert first.status_code == 302
    assert second.status_code in (302, 400)
    assert Event.objects.filter(type="session").count() == 1


def test_a_retest_sent_twice_is_recorded_once(db: None) -> None:
    user = make_user("twice@example.com")
    start(user, weeks=14, tests={})
    client = signed_in(user)
    from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS

    data = {
        **dict.fromkeys(LOAD_IMPACT_TESTS, "pass"),
        **dict.fromkeys(STRENGTH_TESTS, "20"),
        "client_key": str(uuid.uuid4()),
    }
    first = client.post("/retest/", data)
    second = client.post("/retest/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Event.objects.filter(type="retest").count() == 1


def test_earlier_programmes_become_one_story_when_migrating(db: None) -> None:
    """Before one programme per runner, answering again started a new programme. The
    migration moves their entries onto her first programme and records the later answers
    as entries on it, each when it was made."""
    from importlib import import_module

    from django.apps import apps

    user = make_user("before@example.com")
    first = start(user)
    first_log = log(user, first)
    later_answers = answers(15, days_per_week=3)
    version = IntakeVersion.objects.create(
        owner=user,
        version=2,
        answers={**later_answers, "assessed_on": today().isoformat()},
        completed_at=timezone.now(),
    )
    second = Programme.objects.create(
        owner=user,
        intake=version,
        protocol_id=first.protocol_id,
        protocol_version=first.protocol_version,
        start=today(),
        created_at=timezone.now(),
    )
    second_log = log(user, second, kind="strength")

    migration = import_module("strideback.programmes.migrations.0005_one_programme_per_runner")
    migration.merge_programmes(apps, None)

    assert list(Programme.objects.filter(owner=user)) == [first]
    kinds = list(
        Event.objects.filter(programme=first)
        .order_by("recorded_at", "id")
        .values_list("type", flat=True)
    )
    assert kinds == ["session", "answers", "session"]
    assert {e.public_id for e in Event.objects.filter(programme=first)} >= {
        first_log.public_id,
        second_log.public_id,
    }
    page = text(signed_in(user).get("/history/"))
    assert "You answered the questions again" in page
