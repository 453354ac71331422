"""The caseload: what a professional notices first, in words and dates, and what she can
narrow it to."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core.words import short_date
from strideback.practice.models import AccessEntry, FlagSeen
from strideback.programmes import services
from strideback.programmes.models import Programme, ProgrammeSummary
from strideback.tracking import services as tracking
from tests.web.conftest import answers, make_professional, make_user, share_with, today

pytestmark = pytest.mark.django_db

ENTRY = {"completed": "all", "rpe": 4, "pain": 0, "pelvic_floor_symptoms": []}


def client_of(practice: Any, name: str, started_days_ago: int = 3) -> tuple[User, Programme]:
    first, last = name.split()
    user = make_user(f"{first.lower()}.{last.lower()}@example.com")
    user.first_name, user.last_name = first, last
    user.save()
    begun = today() - timedelta(days=started_days_ago)
    programme = services.start_programme(user, answers(weeks=20), begun, timezone.now())
    share_with(user, practice)
    return user, programme


def log_on(user: User, programme: Programme, day: date, **fields: Any) -> None:
    entry = {**ENTRY, **fields}
    tracking.log_session(user, programme, "strength", entry, today(), timezone.now(), day=day)


def signed_in(membership: Any) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def names(response: Any) -> list[str]:
    return [row.name for row in response.context["page"].rows]


@pytest.fixture
def physio() -> Any:
    return make_professional("anna@clinic.example")


def test_a_pelvic_floor_symptom_comes_first_then_pain_then_silence(physio: Any) -> None:
    practice = physio.practice
    client_of(practice, "Quinn Quiet", started_days_ago=10)
    sore, sore_programme = client_of(practice, "Sam Sore")
    log_on(sore, sore_programme, today(), pain=5, pain_settled=True)
    leaky, leaky_programme = client_of(practice, "Lena Leak")
    log_on(leaky, leaky_programme, today() - timedelta(days=1), pelvic_floor_symptoms=["leaking"])
    well, well_programme = client_of(practice, "Wendy Well", started_days_ago=0)
    log_on(well, well_programme, today())

    response = signed_in(physio).get("/practice/")

    assert names(response) == ["Lena Leak", "Sam Sore", "Quinn Quiet", "Wendy Well"]
    text = response.content.decode()
    yesterday = short_date(today() - timedelta(days=1), today())
    assert f"Leaking reported on {yesterday}" in text
    assert f"Pain of 4/10 or more on {short_date(today(), today())}" in text
    assert f"No log since {short_date(today() - timedelta(days=10), today())}" in text
    assert "Nothing to note" in text


def test_a_symptom_in_her_answers_shows_as_reported(physio: Any) -> None:
    user = make_user("ida@example.com")
    services.start_programme(
        user, answers(weeks=20, symptoms=["urinary_leakage"]), today(), timezone.now()
    )
    share_with(user, physio.practice)
    text = signed_in(physio).get("/practice/").content.decode()
    assert f"Leaking urine reported on {short_date(today(), today())}" in text
    assert "Referred to a pelvic health physiotherapist" in text


def test_the_row_has_her_next_session_week_and_clinician(physio: Any) -> None:
    user, _ = client_of(physio.practice, "Nell Next", started_days_ago=8)
    share = user.shares.get()
    share.clinician = physio
    share.save()
    response = signed_in(physio).get("/practice/")
    row = response.context["page"].rows[0]
    assert row.week == 2
    assert row.clinician == "Anna Lee"
    assert row.next_session  # e.g. "Walk-run, 3 March"
    assert row.next_session in response.content.decode()


def test_only_her_practices_open_shares_are_listed(physio: Any) -> None:
    client_of(physio.practice, "Mine Client")
    other = make_professional("bea@elsewhere.example", name=("Bea", "Other"))
    client_of(other.practice, "Theirs Client")
    gone, _ = client_of(physio.practice, "Gone Client")
    gone.shares.update(revoked_at=timezone.now())
    assert names(signed_in(physio).get("/practice/")) == ["Mine Client"]


def test_the_flag_filter_and_the_search_narrow_the_list(physio: Any) -> None:
    practice = physio.practice
    sore, programme = client_of(practice, "Sam Sore")
    log_on(sore, programme, today(), pain=5, pain_settled=True)
    client_of(practice, "Quinn Quiet", started_days_ago=9)
    client = signed_in(physio)
    assert names(client.get("/practice/?flag=pain")) == ["Sam Sore"]
    assert names(client.get("/practice/?flag=no_log")) == ["Quinn Quiet"]
    assert names(client.get("/practice/?q=quinn")) == ["Quinn Quiet"]
    assert names(client.get("/practice/?q=sam.sore@EXAMPLE")) == ["Sam Sore"]
    assert "No client matches" in client.get("/practice/?q=nobody").content.decode()


def test_a_made_up_flag_is_refused_in_words(physio: Any) -> None:
    response = signed_in(physio).get("/practice/?flag=grumpy")
    assert response.status_code == 400
    assert "&#x27;grumpy&#x27; is not a flag; use pelvic_floor" in response.content.decode()


def test_a_flag_marked_seen_drops_below_unseen_ones_and_a_later_one_shows_again(
    physio: Any,
) -> None:
    practice = physio.practice
    sore, sore_programme = client_of(practice, "Sam Sore", started_days_ago=2)
    log_on(sore, sore_programme, today() - timedelta(days=2), pain=5, pain_settled=True)
    client_of(practice, "Quinn Quiet", started_days_ago=9)
    client = signed_in(physio)
    assert names(client.get("/practice/")) == ["Sam Sore", "Quinn Quiet"]

    day = (today() - timedelta(days=2)).isoformat()
    response = client.post(f"/practice/clients/{sore.pk}/seen/", {"code": "pain", "day": day})
    assert response.status_code == 302
    seen = FlagSeen.objects.get()
    assert (seen.code, seen.seen_by, seen.share.runner) == ("pain", physio.user, sore)
    page = client.get("/practice/")
    assert names(page) == ["Quinn Quiet", "Sam Sore"]
    assert "(seen by Anna Lee)" in page.content.decode()

    log_on(sore, sore_programme, today(), pain=6, pain_settled=True)
    assert names(client.get("/practice/")) == ["Sam Sore", "Quinn Quiet"]
    assert FlagSeen.objects.count() == 1  # the history keeps the one she saw


def test_marking_a_flag_of_someone_elses_client_is_not_found(physio: Any) -> None:
    other = make_professional("bea@elsewhere.example", name=("Bea", "Other"))
    theirs, _ = client_of(other.practice, "Theirs Client")
    day = today().isoformat()
    response = signed_in(physio).post(
        f"/practice/clients/{theirs.pk}/seen/", {"code": "no_log", "day": day}
    )
    assert response.status_code == 404
    assert not FlagSeen.objects.exists()


def test_every_view_of_the_caseload_is_in_the_access_log(physio: Any) -> None:
    client_of(physio.practice, "Mine Client")
    client = signed_in(physio)
    client.get("/practice/")
    client.get("/practice/?flag=pain")
    entries = AccessEntry.objects.filter(action="viewed_caseload")
    assert entries.count() == 2
    assert {(e.actor, e.runner) for e in entries} == {(physio.user, None)}


def test_an_outdated_summary_is_rebuilt_when_read(physio: Any) -> None:
    _, programme = client_of(physio.practice, "Olga Old")
    ProgrammeSummary.objects.filter(programme=programme).update(engine_version=0)
    signed_in(physio).get("/practice/")
    assert ProgrammeSummary.objects.get(programme=programme).engine_version > 0


def queries_for(clients: int) -> int:
    membership = make_professional(f"pro{clients}@clinic.example")
    for number in range(clients):
        user, programme = client_of(membership.practice, f"Client{clients} N{number}")
        log_on(user, programme, today(), pain=number % 6, pain_settled=True)
    client = signed_in(membership)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/practice/").status_code == 200
    return len(captured.captured_queries)


def test_the_page_costs_the_same_queries_for_3_clients_as_for_30() -> None:
    for_three = queries_for(3)
    assert 0 < for_three == queries_for(30)


def test_a_long_caseload_is_in_pages_most_urgent_first(physio: Any, monkeypatch: Any) -> None:
    from strideback.practice import caseload

    monkeypatch.setattr(caseload, "PAGE_SIZE", 2)
    practice = physio.practice
    sore, programme = client_of(practice, "Sam Sore", started_days_ago=0)
    log_on(sore, programme, today(), pain=5, pain_settled=True)
    for name in ("Ann One", "Bea Two"):
        client_of(practice, name, started_days_ago=0)
    client = signed_in(physio)
    first = client.get("/practice/")
    assert names(first) == ["Sam Sore", "Ann One"]
    assert 'href="?page=2"' in first.content.decode()
    assert names(client.get("/practice/?page=2")) == ["Bea Two"]
    assert client.get("/practice/?page=two").status_code == 400
