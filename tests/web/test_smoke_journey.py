"""The runner's journey through the pages with Django's test client."""

from __future__ import annotations

from django.test import Client

from tests.web.conftest import sign_up, today


def test_a_visitor_answers_every_step_and_gets_ready(db: None) -> None:
    client = Client()
    birth = today().toordinal() - 98
    from datetime import date

    born = date.fromordinal(birth).isoformat()
    response = client.post("/intake/birth/", {"birth_date": born, "delivery": "vaginal"})
    assert response.status_code == 302
    assert client.post("/intake/symptoms/", {"none": "on"}).status_code == 302
    tests = dict.fromkeys(
        (
            "walk",
            "single_leg_balance",
            "single_leg_squat",
            "jog_on_spot",
            "forward_bounds",
            "hop_in_place",
            "running_man",
        ),
        "pass",
    )
    tests.update(
        dict.fromkeys(
            (
                "single_leg_calf_raise",
                "single_leg_bridge",
                "single_leg_sit_to_stand",
                "side_lying_abduction",
            ),
            "20",
        )
    )
    assert client.post("/intake/tests/", tests).status_code == 302
    assert client.post("/intake/week/", {"training_days": ["mon", "wed", "fri"]}).status_code == 302
    response = client.post("/intake/background/", {}, follow=True)
    assert response.status_code == 200
    assert 'data-status="ready"' in response.text
    response = sign_up(client, "new@example.com")
    assert 'data-status="ready"' in response.text
    for page in (
        "/today/",
        "/programme/",
        "/history/",
        "/verdict/",
        "/retest/",
        "/exercises/",
        "/exercises/fire_hydrant/",
        "/sources/",
    ):
        assert client.get(page).status_code == 200, page
