"""The exercise page shows a picture of the exercise's key position, as inline SVG that the
page's Content-Security-Policy allows, sized by the figures stylesheet."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.test import Client

from strideback.programmes.services import catalog
from tests.web.pages import text

SVG = "{http://www.w3.org/2000/svg}"


def figure_on(page: str) -> ET.Element:
    found = re.search(r'<figure class="exercise-figure">(<svg.*?</svg>)</figure>', page, re.S)
    assert found, "the page shows no exercise picture"
    return ET.fromstring(found.group(1))


@pytest.mark.django_db
@pytest.mark.parametrize("exercise_id", ["fire_hydrant", "running_man_wall_push", "walk_test"])
def test_the_exercise_page_shows_a_picture_of_the_position(
    client: Client, exercise_id: str, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(2):  # type: ignore[operator]
        response = client.get(f"/exercises/{exercise_id}/")
    assert response.status_code == 200
    page = text(response)
    svg = figure_on(page)
    name = catalog().exercise(exercise_id).name
    title = svg.find(f"{SVG}title")
    assert title is not None
    assert title.text == f"{name}: the key position"
    assert svg.attrib["role"] == "img"
    # The picture comes before the steps, and the stylesheet that sizes it is loaded.
    assert page.index('class="exercise-figure"') < page.index("How to do it")
    assert re.search(
        r'<link rel="stylesheet" href="/static/strideback/figures\.[0-9a-f]+\.css">', page
    )


@pytest.mark.django_db
def test_the_picture_needs_no_inline_style(client: Client) -> None:
    page = text(client.get("/exercises/bulgarian_split_squat/"))
    picture = page[page.index('<figure class="exercise-figure">') : page.index("</figure>")]
    assert "style" not in picture
    assert "<script" not in picture
    assert " id=" not in picture


def test_the_figure_filter_draws_a_known_exercise_and_nothing_for_an_unknown_one() -> None:
    template = Template("{% load strideback %}[{{ known|figure }}][{{ unknown|figure }}]")
    rendered = template.render(Context({"known": "step_up", "unknown": "moon_walk"}))
    assert rendered.startswith("[<svg ")
    assert "Step-up: the key position" in rendered
    assert rendered.endswith("</svg>][]")
