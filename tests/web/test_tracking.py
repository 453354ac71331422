"""Today's session, logging it, re-tests, the history and edits within 48 hours."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import dateformat, timezone

from strideback.accounts.models import User
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS
from strideback.core.rules import RETEST_TO_RUN_DAYS
from strideback.programmes import services
from strideback.programmes.models import AppendOnlyError, Event, Programme
from tests.web.conftest import answers, log, make_user, today
from tests.web.pages import decisions, field_block, is_checked, spoken, text

# --- Helpers ----------------------------------------------------------------------------


def planned_runs(page: str) -> list[str]:
    """The day labels of the walk-run sessions on the plan page, in order."""
    return re.findall(
        r'data-kind="walk_run"[^>]*>\s*<summary><span class="day">([^<]+)</span>', page
    )


def programme_of(user: User) -> Programme:
    programme = Programme.objects.filter(owner=user).order_by("-created_at", "-id").first()
    assert programme is not None
    return programme


def passed_retest(**overrides: str) -> dict[str, str]:
    data = dict.fromkeys(LOAD_IMPACT_TESTS, "pass")
    data.update(dict.fromkeys(STRENGTH_TESTS, "20"))
    data.update(overrides)
    return data


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


GREEN = {"completed": "all", "rpe": "4", "pain": "0"}


# --- Today --------------------------------------------------------------------------------


def test_today_shows_the_session_to_do_now_with_a_form_to_log_it(
    runner_client: Client,
) -> None:
    response = runner_client.get("/today/")
    assert response.status_code == 200
    page = text(response)
    assert "Walk-run (stage 1 of" in page
    assert "Run 1 min" in page
    assert "When you have finished" in page
    assert "Log this session" in page
    assert "Rest day" not in page


def test_on_a_rest_day_today_says_so_and_names_the_next_session(runner: User) -> None:
    # Her programme began three days ago: on any three days spread out, runs fall on the
    # first and fifth days and strength on the third, so the fourth day is a rest day.
    Programme.objects.filter(owner=runner).update(start=today() - timedelta(days=3))
    page = text(client_for(runner).get("/today/"))
    assert "Rest day" in page
    assert "Log this session" not in page
    tomorrow = today() + timedelta(days=1)
    assert re.search(
        rf"Next: <strong>Walk-run \(stage 1 of \d+\)</strong>, {spoken(tomorrow)}", page
    )
    assert "Do it today instead" in page


def test_on_a_rest_day_she_can_do_the_next_session_early_and_log_it(runner: User) -> None:
    Programme.objects.filter(owner=runner).update(start=today() - timedelta(days=3))
    client = client_for(runner)
    page = text(client.get("/today/?early=1"))
    assert "you are doing it today instead" in page
    assert "Log this session" in page

    response = client.post("/today/log/", {**GREEN, "early": "1"})
    assert response.status_code == 302
    event = Event.objects.get(programme__owner=runner)
    assert event.day == today()
    assert event.data["kind"] == "walk_run"


def test_logging_on_a_rest_day_without_choosing_early_is_refused(runner: User) -> None:
    Programme.objects.filter(owner=runner).update(start=today() - timedelta(days=3))
    response = client_for(runner).post("/today/log/", GREEN)
    assert response.status_code == 400
    assert "Rest day" in text(response)
    assert not Event.objects.exists()


def test_logging_when_there_is_no_session_today_says_why_it_was_not_saved(
    runner: User, runner_client: Client
) -> None:
    log(runner, programme_of(runner))
    response = runner_client.post("/today/log/", GREEN)
    assert response.status_code == 400
    assert "There is no session to log today." in text(response)


def test_after_logging_today_says_done_for_today_and_names_the_next_session(
    runner: User, runner_client: Client
) -> None:
    log(runner, programme_of(runner))
    page = text(runner_client.get("/today/"))
    assert "Logged today" in page
    assert "Went well" in page
    assert "Walk-run (stage 1 of" in page
    assert "Next: <strong>" in page
    assert "Log this session" not in page


def test_a_visitor_is_sent_to_sign_in_from_today(client: Client, db: None) -> None:
    response = client.get("/today/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/today/")


# --- Logging ----------------------------------------------------------------------------


def test_logging_a_walk_run_with_leaking_stops_running_and_says_why_and_on_what_source(
    runner: User, runner_client: Client
) -> None:
    response = runner_client.post("/today/log/", {**GREEN, "pelvic_floor_symptoms": ["leaking"]})
    assert response.status_code == 302
    event = Event.objects.get(programme__owner=runner)
    assert response["Location"] == f"/today/?logged={event.public_id}"
    assert event.data["pelvic_floor_symptoms"] == ["leaking"]
    assert event.recorded_by == runner

    page = text(runner_client.get(response["Location"]))
    assert "Session logged" in page
    assert decisions(page) == ["pause_and_refer"]
    assert '<p class="headline">Running is paused.' in page
    assert "You noticed leaking during or after the session." in page
    assert "pelvic health physiotherapist" in page
    assert re.search(r'Source: <a href="/sources/#goom2019">[^<]+</a>', page)
    assert "Warning sign" in page
    assert "Went well" not in page

    # Every page says the same, and keeps saying it.
    today = text(runner_client.get("/today/"))
    assert 'data-testid="standing" data-status="refer"' in today
    assert "No running for now." in today
    verdict = text(runner_client.get("/verdict/"))
    assert 'data-status="refer"' in verdict
    assert "Not now." in verdict
    assert "You noticed leaking" in verdict
    plan = text(runner_client.get("/programme/"))
    assert "Warning sign" in plan
    assert "Walk-run (stage" not in plan.split("Week 1")[1].split("Warning sign")[1]


def test_logging_a_green_walk_run_progresses_to_the_next_stage(
    runner_client: Client,
) -> None:
    response = runner_client.post("/today/log/", GREEN, follow=True)
    page = text(response)
    assert decisions(page) == ["progress"]
    assert "Next run: stage 2" in page
    assert "It went well: no pelvic-floor symptoms." in page


@pytest.mark.parametrize(
    ("entry", "because"),
    [
        ({"completed": "all", "rpe": "8", "pain": "0"}, "Effort of 8/10 was hard work"),
        ({"completed": "part", "rpe": "4", "pain": "0"}, "You did part of the session"),
        (
            # Whether it settled is asked the next day: until then, the stage holds.
            {"completed": "all", "rpe": "4", "pain": "4"},
            "have not yet said whether it settled",
        ),
    ],
    ids=["hard effort", "part done", "pain not yet known to have settled"],
)
def test_an_amber_walk_run_repeats_the_same_stage(
    runner_client: Client, entry: dict[str, str], because: str
) -> None:
    page = text(runner_client.post("/today/log/", entry, follow=True))
    assert decisions(page) == ["repeat"]
    assert "Next run: stage 1 again." in page
    assert because in page


def test_a_bad_log_is_shown_again_with_errors_beside_the_fields_and_nothing_saved(
    runner_client: Client,
) -> None:
    response = runner_client.post(
        "/today/log/",
        {
            "rpe": "11",
            "pain": "3",
            "pain_where": "left knee",
            "pelvic_floor_symptoms": ["heaviness"],
            "note": "windy by the sea",
        },
    )
    assert response.status_code == 400
    page = text(response)
    completed = field_block(page, "completed")
    assert "has-error" in completed.split(">")[0]
    assert "How much did you do? Please answer this." in completed
    rpe = field_block(page, "rpe")
    assert "11 is not one of the available choices" in rpe
    assert "Please answer this." not in rpe
    assert "Everything you typed is still here." in page
    # What she typed is kept.
    assert is_checked(page, "pain", "3")
    assert is_checked(page, "pelvic_floor_symptoms", "heaviness")
    assert 'name="pain_where" value="left knee"' in page
    assert "windy by the sea</textarea>" in page
    assert not Event.objects.exists()


def test_logging_is_post_only(runner_client: Client) -> None:
    assert runner_client.get("/today/log/").status_code == 405
    assert not Event.objects.exists()


# --- Re-tests -----------------------------------------------------------------------------


@pytest.fixture
def failed_hop_runner(db: None) -> User:
    """13 weeks after birth, but the hop test did not pass: not yet, strength first."""
    user = make_user("hops@example.com")
    intake = answers(13)
    intake["tests"]["load_impact"]["hop_in_place"] = "fail"
    services.start_programme(user, intake, today(), timezone.now())
    return user


def test_a_passing_retest_after_twelve_weeks_starts_the_walk_run_programme(
    failed_hop_runner: User,
) -> None:
    client = client_for(failed_hop_runner)
    assert 'data-status="not_yet"' in text(client.get("/verdict/"))
    # Her first run: the first of her run days from two days after the re-test (any three
    # days spread out from today: runs on the first and fifth).
    first_run = today() + timedelta(days=4)
    assert RETEST_TO_RUN_DAYS <= 4
    first_run_label = dateformat.format(first_run, "D j M")
    runs_before = planned_runs(text(client.get("/programme/")))
    assert runs_before, "provisional runs follow the planned re-test"
    assert runs_before[0] != first_run_label

    response = client.post("/retest/", passed_retest())
    assert response.status_code == 302
    event = Event.objects.get(programme__owner=failed_hop_runner)
    assert event.type == "retest"
    assert response["Location"] == f"/today/?logged={event.public_id}"

    page = text(client.get(response["Location"]))
    assert "Re-test recorded" in page
    assert decisions(page) == ["start_running"]
    assert f"the walk-run programme starts {spoken(first_run)}" in page
    assert "You passed every load-and-impact test with no symptoms." in page

    runs_after = planned_runs(text(client.get("/programme/")))
    assert runs_after
    assert runs_after[0] == first_run_label
    verdict = text(client.get("/verdict/"))
    assert "What has changed" in verdict
    assert "Every test passed" in verdict


def test_a_passing_retest_before_twelve_weeks_means_more_strength_until_then(
    db: None,
) -> None:
    user = make_user("early@example.com")
    services.start_programme(user, answers(8), today(), timezone.now())
    client = client_for(user)
    page = text(client.post("/retest/", passed_retest(), follow=True))
    assert decisions(page) == ["more_strength"]
    twelve_weeks = today() - timedelta(weeks=8) + timedelta(weeks=12)
    assert f"the next re-test is {spoken(twelve_weeks)}" in page
    # No run is planned before the re-test at twelve weeks.
    runs = planned_runs(text(client.get("/programme/")))
    assert runs, "runs follow once the re-test at twelve weeks passes"
    too_early = {
        dateformat.format(today() + timedelta(days=n), "D j M")
        for n in range((twelve_weeks - today()).days + 1)
    }
    assert not too_early & set(runs)


def test_a_retest_with_heaviness_refers_her_to_a_physiotherapist(
    failed_hop_runner: User,
) -> None:
    client = client_for(failed_hop_runner)
    data = {**passed_retest(), "symptoms": ["pelvic_heaviness"]}
    page = text(client.post("/retest/", data, follow=True))
    assert decisions(page) == ["pause_and_refer"]
    assert "No running for now." in page
    kinds = set(re.findall(r'data-kind="([a-z_]+)"', text(client.get("/programme/"))))
    assert not kinds & {"walk_run", "run"}


def test_a_bad_retest_is_shown_again_with_the_error_and_nothing_saved(
    failed_hop_runner: User,
) -> None:
    client = client_for(failed_hop_runner)
    response = client.post("/retest/", passed_retest(single_leg_bridge="lots"))
    assert response.status_code == 400
    page = text(response)
    assert "Enter a whole number of repetitions, e.g. 12." in field_block(page, "single_leg_bridge")
    assert is_checked(page, "hop_in_place", "pass")
    assert not Event.objects.exists()


# --- History ------------------------------------------------------------------------------


def test_history_lists_entries_newest_first_with_their_decisions(
    runner: User, runner_client: Client
) -> None:
    programme = programme_of(runner)
    log(runner, programme, "strength", note="the first entry")
    log(runner, programme, "walk_run", note="the second entry")

    page = text(runner_client.get("/history/"))
    entries = page.split('data-testid="entry"')[1:]
    assert len(entries) == 2
    assert "the second entry" in entries[0]
    assert "the first entry" in entries[1]
    assert decisions(entries[0]) == ["progress"]
    assert "Walk-run (stage 1 of" in entries[0]
    assert decisions(entries[1]) == []
    assert "Strength for running" in entries[1]
    assert all("Change this entry" in entry for entry in entries)


def test_history_with_nothing_logged_says_so(runner_client: Client) -> None:
    assert "Nothing logged yet." in text(runner_client.get("/history/"))


# --- Editing ------------------------------------------------------------------------------


def test_an_edit_within_48_hours_adds_a_new_event_and_the_plan_follows_it(
    runner: User, runner_client: Client
) -> None:
    original = log(runner, programme_of(runner), pain=7)
    before = Event.objects.values().get(pk=original.pk)
    assert decisions(text(runner_client.get("/history/"))) == ["step_back"]

    form = text(runner_client.get(f"/history/{original.public_id}/edit/"))
    assert is_checked(form, "pain", "7")
    response = runner_client.post(f"/history/{original.public_id}/edit/", GREEN)
    assert response.status_code == 302

    edited = Event.objects.exclude(pk=original.pk).get()
    assert response["Location"] == f"/history/?edited={edited.public_id}"
    assert edited.replaces == original
    assert edited.original == original
    assert edited.data["pain"] == 0
    assert Event.objects.values().get(pk=original.pk) == before  # the first version is kept

    page = text(runner_client.get(response["Location"]))
    assert "Your change to the entry of" in page
    entries = page.split('data-testid="entry"')[1:]
    assert len(entries) == 1
    assert "· edited" in entries[0]
    assert "pain 7/10" not in entries[0]
    assert decisions(page) == ["progress"]
    assert "step_back" not in page
    today_page = text(runner_client.get(f"/today/?logged={edited.public_id}"))
    assert decisions(today_page) == ["progress"]


def test_an_entry_older_than_48_hours_cannot_be_edited(runner: User, runner_client: Client) -> None:
    event = log(runner, programme_of(runner), pain=7)
    Event.objects.filter(pk=event.pk).update(recorded_at=timezone.now() - timedelta(hours=49))
    refusal = "Entries can be changed for 48 hours after they are logged; this one is older."

    response = runner_client.get(f"/history/{event.public_id}/edit/")
    assert response.status_code == 403
    assert refusal in text(response)
    assert "Save the change" not in text(response)
    assert "Change this entry" not in text(runner_client.get("/history/"))

    response = runner_client.post(f"/history/{event.public_id}/edit/", GREEN)
    assert response.status_code == 400
    assert refusal in text(response)
    assert Event.objects.count() == 1
    assert decisions(text(runner_client.get("/history/"))) == ["step_back"]


def test_the_48_hours_count_from_the_first_version_of_an_entry(
    runner: User, runner_client: Client
) -> None:
    original = log(runner, programme_of(runner), pain=7)
    runner_client.post(f"/history/{original.public_id}/edit/", {**GREEN, "rpe": "5"})
    edited = Event.objects.get(replaces=original)
    Event.objects.filter(pk=original.pk).update(recorded_at=timezone.now() - timedelta(hours=49))

    assert runner_client.get(f"/history/{edited.public_id}/edit/").status_code == 403
    assert runner_client.post(f"/history/{edited.public_id}/edit/", GREEN).status_code == 400
    assert Event.objects.count() == 2


def test_an_entry_already_edited_cannot_be_edited_again_from_its_old_version(
    runner: User, runner_client: Client
) -> None:
    original = log(runner, programme_of(runner))
    runner_client.post(f"/history/{original.public_id}/edit/", {**GREEN, "rpe": "5"})
    assert runner_client.get(f"/history/{original.public_id}/edit/").status_code == 403
    response = runner_client.post(f"/history/{original.public_id}/edit/", {**GREEN, "rpe": "6"})
    assert response.status_code == 400
    assert "This entry has already been changed" in text(response)
    assert Event.objects.count() == 2


def test_two_edits_of_one_entry_at_the_same_moment_cannot_both_be_saved(runner: User) -> None:
    original = log(runner, programme_of(runner))

    def replace_it() -> Event:
        return Event.objects.create(
            programme=original.programme,
            type="session",
            day=original.day,
            data={**original.data, "replaces": original.public_id},
            replaces=original,
            recorded_by=runner,
        )

    replace_it()
    with pytest.raises(IntegrityError), transaction.atomic():
        replace_it()


def test_editing_a_retest_within_48_hours_replays_the_new_result(
    failed_hop_runner: User,
) -> None:
    client = client_for(failed_hop_runner)
    client.post("/retest/", passed_retest())
    retest = Event.objects.get(type="retest")
    form = text(client.get(f"/history/{retest.public_id}/edit/"))
    assert "Change your re-test" in form
    assert is_checked(form, "hop_in_place", "pass")

    response = client.post(f"/history/{retest.public_id}/edit/", passed_retest(hop_in_place="fail"))
    assert response.status_code == 302
    edited = Event.objects.get(replaces=retest)
    assert edited.data["tests"]["load_impact"]["hop_in_place"] == "fail"
    page = text(client.get("/history/"))
    assert "· edited" in page
    assert decisions(page) == ["more_strength"]


def test_a_bad_edit_is_shown_again_and_saves_nothing(runner: User, runner_client: Client) -> None:
    event = log(runner, programme_of(runner))
    response = runner_client.post(
        f"/history/{event.public_id}/edit/", {"completed": "all", "pain": "12"}
    )
    assert response.status_code == 400
    assert "12 is not one of the available choices" in field_block(text(response), "pain")
    assert Event.objects.count() == 1


def test_she_cannot_see_or_edit_another_runners_entry(
    runner: User, other_runner: User, runner_client: Client
) -> None:
    theirs = log(other_runner, programme_of(other_runner), note="private")
    assert runner_client.get(f"/history/{theirs.public_id}/edit/").status_code == 404
    assert runner_client.post(f"/history/{theirs.public_id}/edit/", GREEN).status_code == 404
    assert "private" not in text(runner_client.get("/history/"))
    assert Event.objects.count() == 1


# --- The event log is append-only -----------------------------------------------------------


def test_an_event_cannot_be_changed(runner: User) -> None:
    event = log(runner, programme_of(runner), note="as it was")
    event.data = {**event.data, "note": "rewritten"}
    with pytest.raises(AppendOnlyError, match="cannot be changed"):
        event.save()
    assert Event.objects.get(pk=event.pk).data["note"] == "as it was"


def test_an_event_cannot_be_deleted(runner: User) -> None:
    event = log(runner, programme_of(runner))
    with pytest.raises(AppendOnlyError, match="cannot be deleted"):
        event.delete()
    assert Event.objects.filter(pk=event.pk).exists()


def test_editing_a_leak_away_records_the_correction_but_the_referral_stands(
    runner: User, runner_client: Client
) -> None:
    original = log(runner, programme_of(runner), pelvic_floor_symptoms=["leaking"])
    response = runner_client.post(f"/history/{original.public_id}/edit/", GREEN)
    assert response.status_code == 302
    page = text(runner_client.get(response["Location"]))
    assert "first said leaking" in page
    verdict = text(runner_client.get("/verdict/"))
    assert 'data-status="refer"' in verdict
    assert "Answering the questions again or changing a log does not lift it." in verdict
