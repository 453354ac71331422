"""The intake wizard: five steps, answers kept between them, and the verdict at the end."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from strideback.accounts.models import User
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS
from strideback.programmes.forms import STEP_BY_SLUG, STEPS, BirthForm
from strideback.programmes.models import Event, IntakeVersion, Programme
from strideback.programmes.services import readiness_tests
from tests.web.conftest import log, make_user, sign_up, today
from tests.web.pages import field_block, is_checked, spoken, text, visible

STEP_SLUGS = tuple(step.slug for step in STEPS)


# --- Helpers ----------------------------------------------------------------------------


def born(weeks: float) -> date:
    return today() - timedelta(days=round(weeks * 7))


def passed_tests(**overrides: str) -> dict[str, str]:
    tests = dict.fromkeys(LOAD_IMPACT_TESTS, "pass")
    tests.update(dict.fromkeys(STRENGTH_TESTS, "20"))
    tests.update(overrides)
    return tests


def answer_every_step(
    client: Client,
    *,
    weeks: float = 14,
    symptoms: Sequence[str] = (),
    tests: dict[str, str] | None = None,
    training_days: Sequence[str] = ("mon", "thu"),
) -> Any:
    """Answer the five steps in order; return the page after the last one (redirects followed)."""
    steps: list[tuple[str, dict[str, Any]]] = [
        ("birth", {"birth_date": born(weeks).isoformat(), "delivery": "vaginal"}),
        ("symptoms", {"symptoms": list(symptoms)} if symptoms else {"none": "on"}),
        ("tests", tests if tests is not None else passed_tests()),
        ("week", {"training_days": list(training_days)}),
    ]
    for slug, data in steps:
        response = client.post(f"/intake/{slug}/", data)
        assert response.status_code == 302, (slug, text(response))
    return client.post("/intake/background/", {}, follow=True)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def newcomer(db: None) -> User:
    """A signed-in runner who has not answered the questions yet."""
    return make_user("newcomer@example.com")


# --- Each step shows its questions ------------------------------------------------------


@pytest.mark.parametrize("slug", [slug for slug in STEP_SLUGS if slug != "tests"])
def test_each_step_shows_its_questions_with_their_labels(
    client: Client, db: None, slug: str
) -> None:
    response = client.get(f"/intake/{slug}/")
    assert response.status_code == 200
    page = text(response)
    assert f"Step {STEP_SLUGS.index(slug) + 1} of 5" in page
    assert STEP_BY_SLUG[slug].title in page
    form = STEP_BY_SLUG[slug].form(today=today())
    assert form.fields
    for name, field in form.fields.items():
        assert f'name="{name}"' in page, name
        assert str(field.label) in page, name


@pytest.mark.parametrize(
    ("slug", "words"),
    [
        ("birth", ["Your baby's birth date", "Caesarean birth", "No tear"]),
        ("symptoms", ["Leaking urine", "Heaviness or dragging", "Low back pain"]),
        ("week", ["What do you have at home?", "resistance band"]),
        ("background", ["Are you breastfeeding?", "Run 5 km"]),
    ],
)
def test_each_step_says_its_questions_and_choices_in_plain_words(
    client: Client, db: None, slug: str, words: list[str]
) -> None:
    page = text(client.get(f"/intake/{slug}/"))
    for phrase in words:
        assert phrase in page


def test_the_tests_step_names_every_readiness_test_with_its_pass_criteria(
    client: Client, db: None
) -> None:
    response = client.get("/intake/tests/")
    assert response.status_code == 200
    page = text(response)
    assert "Load and impact" in page
    assert "Strength" in page
    tests = readiness_tests()
    assert len(tests["load_impact"]) == len(LOAD_IMPACT_TESTS)
    assert len(tests["strength"]) == len(STRENGTH_TESTS)
    for test in [*tests["load_impact"], *tests["strength"]]:
        assert test.name in page
        assert test.test is not None
        assert test.test.pass_criteria in page
        assert f'name="{test.test.result_key}"' in page


def test_a_step_after_the_first_has_a_back_link_to_the_one_before(client: Client, db: None) -> None:
    assert 'href="/intake/birth/"' in text(client.get("/intake/symptoms/"))
    assert 'href="/intake/symptoms/"' in text(client.get("/intake/tests/"))
    assert 'href="/intake/birth/"' not in text(client.get("/intake/birth/"))


def test_an_unknown_step_is_not_found(client: Client, db: None) -> None:
    assert client.get("/intake/shoes/").status_code == 404


def test_the_last_step_offers_to_see_the_answer(client: Client, db: None) -> None:
    page = text(client.get("/intake/background/"))
    assert "See my answer" in page
    assert "Save and continue" not in page


# --- A bad birth date -------------------------------------------------------------------


BIRTH_ERRORS = BirthForm.base_fields["birth_date"].error_messages


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("future", "That date is in the future."),
        ("last Tuesday", str(BIRTH_ERRORS["invalid"])),
        ("", str(BIRTH_ERRORS["required"])),
    ],
    ids=["in the future", "not a date", "missing"],
)
def test_a_bad_birth_date_shows_the_step_again_with_the_error_beside_the_field(
    client: Client, db: None, typed: str, message: str
) -> None:
    value = (today() + timedelta(days=1)).isoformat() if typed == "future" else typed
    response = client.post(
        "/intake/birth/",
        {"birth_date": value, "delivery": "caesarean", "perineal_tear": "second"},
    )
    assert response.status_code == 400
    page = text(response)
    assert "Your baby's birth" in page  # still on the same step
    birth_field = field_block(page, "birth_date")
    assert "has-error" in birth_field.split(">")[0]
    assert message in birth_field
    assert message not in field_block(page, "delivery")
    # What she typed is still there: the other answers, and the date as she wrote it.
    assert is_checked(page, "delivery", "caesarean")
    assert is_checked(page, "perineal_tear", "second")
    if value:
        assert f'name="birth_date" value="{value}"' in page
    assert "Everything you typed is still here." in page


def test_a_future_birth_date_names_today_in_the_error(client: Client, db: None) -> None:
    tomorrow = today() + timedelta(days=1)
    page = text(client.post("/intake/birth/", {"birth_date": tomorrow.isoformat()}))
    assert f"on or before today ({today().day} {today():%B %Y})" in page


def test_a_birth_date_more_than_five_years_ago_is_refused(client: Client, db: None) -> None:
    long_ago = today() - timedelta(days=365 * 6)
    response = client.post("/intake/birth/", {"birth_date": long_ago.isoformat()})
    assert response.status_code == 400
    assert "more than five years ago" in text(response)


def test_a_bad_birth_date_stores_nothing(newcomer: User) -> None:
    client = signed_in(newcomer)
    response = client.post("/intake/birth/", {"birth_date": "not a date", "delivery": "vaginal"})
    assert response.status_code == 400
    assert not IntakeVersion.objects.filter(owner=newcomer).exists()


def test_the_birth_date_input_points_screen_readers_at_its_error(client: Client, db: None) -> None:
    response = client.post("/intake/birth/", {"birth_date": "not a date"})
    page = response.content.decode()
    described = re.search(r'<input type="date"[^>]*aria-describedby="([^"]+)"', page)
    assert described is not None
    for element_id in described.group(1).split():
        assert f'id="{element_id}"' in page, element_id


def test_an_untouched_symptoms_step_is_not_taken_as_no_symptoms(newcomer: User) -> None:
    client = signed_in(newcomer)
    client.post("/intake/birth/", {"birth_date": born(14).isoformat()})
    response = client.post("/intake/symptoms/", {})
    assert response.status_code == 400
    assert "has-error" in field_block(text(response), "symptoms").split(">")[0]
    assert "symptoms" not in IntakeVersion.objects.get(owner=newcomer).answers


# --- Answers kept between steps ---------------------------------------------------------


def test_a_signed_in_runner_going_back_finds_her_answers_kept_in_a_draft(
    newcomer: User,
) -> None:
    client = signed_in(newcomer)
    birth = born(10).isoformat()
    client.post("/intake/birth/", {"birth_date": birth, "delivery": "caesarean"})
    client.post("/intake/symptoms/", {"symptoms": ["low_back_pain", "constipation"]})

    draft = IntakeVersion.objects.get(owner=newcomer)
    assert draft.completed_at is None
    assert draft.version == 1
    assert draft.answers["birth_date"] == birth
    assert draft.answers["delivery"] == "caesarean"
    assert sorted(draft.answers["symptoms"]) == ["constipation", "low_back_pain"]

    page = text(client.get("/intake/birth/"))
    assert f'value="{birth}"' in page
    assert is_checked(page, "delivery", "caesarean")
    page = text(client.get("/intake/symptoms/"))
    assert is_checked(page, "symptoms", "low_back_pain")
    assert is_checked(page, "symptoms", "constipation")
    assert not is_checked(page, "symptoms", "pelvic_heaviness")


def test_changing_an_earlier_step_updates_the_same_draft(newcomer: User) -> None:
    client = signed_in(newcomer)
    client.post("/intake/birth/", {"birth_date": born(10).isoformat()})
    client.post("/intake/symptoms/", {"symptoms": ["constipation"]})
    client.post("/intake/birth/", {"birth_date": born(11).isoformat()})

    drafts = IntakeVersion.objects.filter(owner=newcomer)
    assert drafts.count() == 1
    assert drafts.get().answers["birth_date"] == born(11).isoformat()
    assert drafts.get().answers["symptoms"] == ["constipation"]


def test_a_visitor_going_back_finds_her_answers_kept_in_the_session(
    client: Client, db: None
) -> None:
    birth = born(10).isoformat()
    client.post("/intake/birth/", {"birth_date": birth, "perineal_tear": "first"})
    client.post("/intake/symptoms/", {"symptoms": ["urgency"]})
    client.post("/intake/tests/", passed_tests(hop_in_place="fail", single_leg_bridge="12"))

    kept = client.session["visitor_answers"]
    assert kept["birth_date"] == birth
    assert kept["symptoms"] == ["urgency"]
    assert not IntakeVersion.objects.exists()

    page = text(client.get("/intake/birth/"))
    assert f'value="{birth}"' in page
    assert is_checked(page, "perineal_tear", "first")
    assert is_checked(text(client.get("/intake/symptoms/")), "symptoms", "urgency")
    page = text(client.get("/intake/tests/"))
    assert is_checked(page, "hop_in_place", "fail")
    assert is_checked(page, "walk", "pass")
    assert re.search(r'name="single_leg_bridge" value="12"', page)


# --- Finishing ---------------------------------------------------------------------------


def test_finishing_as_a_signed_in_runner_stores_the_intake_and_starts_a_programme_today(
    newcomer: User,
) -> None:
    client = signed_in(newcomer)
    response = answer_every_step(client)
    assert response.redirect_chain[-1][0] == "/verdict/"
    assert 'data-status="ready"' in text(response)

    intake = IntakeVersion.objects.get(owner=newcomer)
    assert intake.version == 1
    assert intake.completed_at is not None
    assert intake.answers["birth_date"] == born(14).isoformat()
    assert intake.answers["assessed_on"] == today().isoformat()
    programme = Programme.objects.get(owner=newcomer)
    assert programme.intake == intake
    assert programme.start == today()


def test_her_goal_date_and_what_slows_her_are_asked_and_shape_her_plan(newcomer: User) -> None:
    client = signed_in(newcomer)
    answer_every_step(client)
    page = text(client.get("/intake/background/"))
    for question in (
        "Is there a date you would like to reach it by?",
        "Did you leak when running before or during pregnancy?",
        "Do you feel wary of running or jumping?",
    ):
        assert question in page
    soon = (today() + timedelta(weeks=6)).isoformat()
    answers = {"goal": "10k", "goal_date": soon, "leaked_running_before": "yes"}
    client.post("/intake/background/", {**answers, "fear_of_movement": "yes"})
    saved = IntakeVersion.objects.filter(owner=newcomer).latest("version").answers
    assert (saved["goal_date"], saved["fear_of_movement"], saved["low_energy"]) == (
        soon,
        True,
        None,
    )
    plan = text(client.get("/programme/"))
    assert "you feel wary of running or jumping" in plan
    assert "Getting there safely takes until" in plan
    assert "You leaked when running before or during pregnancy" in plan


def test_finishing_again_later_makes_version_two_on_the_same_programme_and_keeps_version_one(
    newcomer: User,
) -> None:
    client = signed_in(newcomer)
    answer_every_step(client, training_days=("mon", "thu"))
    first = IntakeVersion.objects.get(owner=newcomer)
    first_answers, first_completed = dict(first.answers), first.completed_at
    programme = Programme.objects.get(owner=newcomer)
    logged = log(newcomer, programme)

    # She starts again: the questions come back filled in with her last answers.
    page = text(client.get("/intake/birth/"))
    assert f'value="{born(14).isoformat()}"' in page
    response = answer_every_step(client, training_days=("mon", "wed", "fri"))
    assert response.status_code == 200

    versions = list(IntakeVersion.objects.filter(owner=newcomer).order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert all(v.completed_at is not None for v in versions)
    first.refresh_from_db()
    assert first.answers == first_answers
    assert first.answers["training_days"] == ["mon", "thu"]
    assert first.completed_at == first_completed
    assert versions[1].answers["training_days"] == ["mon", "wed", "fri"]

    # One programme, one story: the new answers are an entry on it, and what she logged
    # before is still hers.
    assert list(Programme.objects.filter(owner=newcomer)) == [programme]
    answers = Event.objects.get(programme=programme, type="answers")
    assert answers.data["intake"]["training_days"] == ["mon", "wed", "fri"]
    history = text(client.get("/history/"))
    assert "You answered the questions again" in history
    assert logged.public_id in history

    # The last step sent again changes nothing more.
    client.post("/intake/background/", {})
    assert Event.objects.filter(programme=programme, type="answers").count() == 1
    assert IntakeVersion.objects.filter(owner=newcomer).count() == 2


def test_a_visitor_who_finishes_sees_the_verdict_and_a_sign_up_button(
    client: Client, db: None
) -> None:
    response = answer_every_step(client)
    assert response.redirect_chain[-1][0] == "/verdict/"
    page = text(response)
    assert 'data-status="ready"' in page
    assert re.search(r'<a class="button" href="/accounts/signup/">[^<]*create an account</a>', page)
    assert not Programme.objects.exists()


def test_a_visitor_who_signs_up_after_finishing_has_her_programme_and_sees_her_verdict(
    client: Client, db: None
) -> None:
    answer_every_step(client, weeks=8)
    response = sign_up(client, "visitor@example.com")
    assert response.redirect_chain[-1][0] == "/verdict/"
    assert 'data-status="not_yet"' in text(response)

    user = User.objects.get(email="visitor@example.com")
    programme = Programme.objects.get(owner=user)
    assert programme.start == today()
    assert programme.intake.completed_at is not None
    assert programme.intake.answers["birth_date"] == born(8).isoformat()
    assert "visitor_answers" not in client.session


def test_a_visitor_who_signs_up_half_way_keeps_her_draft(client: Client, db: None) -> None:
    birth = born(10).isoformat()
    client.post("/intake/birth/", {"birth_date": birth, "delivery": "assisted_vaginal"})
    client.post("/intake/symptoms/", {"symptoms": ["constipation"]})

    response = sign_up(client, "halfway@example.com")
    assert response.redirect_chain[-1][0] == "/intake/birth/"

    user = User.objects.get(email="halfway@example.com")
    draft = IntakeVersion.objects.get(owner=user)
    assert draft.completed_at is None
    assert draft.answers["birth_date"] == birth
    assert draft.answers["symptoms"] == ["constipation"]
    assert not Programme.objects.filter(owner=user).exists()
    page = text(response)
    assert f'value="{birth}"' in page
    assert is_checked(page, "delivery", "assisted_vaginal")


# --- Verdicts ---------------------------------------------------------------------------


def test_fourteen_weeks_with_no_symptoms_and_every_test_passed_is_ready(
    newcomer: User,
) -> None:
    response = answer_every_step(signed_in(newcomer), weeks=14)
    assert 'data-status="ready"' in text(response)
    assert "Yes." in visible(response)
    assert "You are on the walk-run programme." in visible(response)


def test_eight_weeks_is_not_yet_and_shows_the_day_twelve_weeks_after_the_birth(
    client: Client, db: None
) -> None:
    response = answer_every_step(client, weeks=8)
    assert 'data-status="not_yet"' in text(response)
    earliest = born(8) + timedelta(weeks=12)
    assert f"Earliest day to run: {spoken(earliest)} ." in visible(response)
    assert "12 weeks" in visible(response)


def test_heaviness_is_a_referral_that_explains_the_physiotherapist_and_plans_no_running(
    newcomer: User,
) -> None:
    client = signed_in(newcomer)
    page = text(answer_every_step(client, symptoms=["pelvic_heaviness"]))
    assert 'data-status="refer"' in page
    assert "Who is a pelvic health physiotherapist?" in page
    assert "A physiotherapist trained in the muscles, nerves and organs of the pelvis." in page
    assert "Earliest day to run" not in page

    plan = text(client.get("/programme/"))
    kinds = re.findall(r'data-kind="([a-z_]+)"', plan)
    assert kinds, "the referred runner still has gentle sessions"
    assert set(kinds) <= {"strength", "mobility"}
    assert "walk_run" not in kinds
    assert "run" not in kinds


def test_a_signed_in_runner_without_a_programme_is_sent_to_the_questions(
    newcomer: User,
) -> None:
    client = signed_in(newcomer)
    for page in ("/verdict/", "/programme/", "/today/"):
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"] == "/intake/"


def test_a_visitor_who_has_not_finished_is_sent_to_the_questions_from_the_verdict(
    client: Client, db: None
) -> None:
    client.post("/intake/birth/", {"birth_date": born(14).isoformat()})
    response = client.get("/verdict/")
    assert response.status_code == 302
    assert response["Location"] == "/intake/"
