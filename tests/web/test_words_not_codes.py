"""Everything she reads says rules and sources in words: no rule id, no source id and no
snake_case code on the pages, the handout or the PDF's words, for a runner who is ready and
one who is referred."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from strideback.accounts.models import User
from strideback.core.export.handout import build_handout
from strideback.core.rules import RULES
from strideback.core.sources import SOURCES
from strideback.programmes import services as programmes
from strideback.programmes.lookups import events_for
from tests.web.conftest import log, make_user, start, today

PAGES = [
    "/today/",
    "/programme/",
    "/verdict/",
    "/progress/",
    "/history/",
    "/programme/handout/",
    "/sources/",
    "/exercises/",
]
CODE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
# Ids that are not plain words ("paused" is a rule's id and a word she may read).
IDS = re.compile(
    r"\b(?:" + "|".join(re.escape(i) for i in [*RULES, *SOURCES] if re.search(r"[_\d]", i)) + r")\b"
)


def words_on(page: str) -> str:
    """What she reads: no scripts, styles, templates, tags or attributes."""
    page = re.sub(r"<(script|style|template)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(page))


def codes_in(words: str) -> list[str]:
    return sorted(
        set(CODE.findall(words)) | set(IDS.findall(words)) | set(re.findall(r"\(rule \w+", words))
    )


def ready() -> User:
    user = make_user("ready@example.com")
    start(user)
    return user


def referred() -> User:
    """Ready, then a leak logged on her first walk-run: running paused and referred."""
    user = make_user("referred@example.com")
    start(user)
    log(user, user.programmes.get(), pelvic_floor_symptoms=["leaking"], pain=4, pain_where="knee")
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("runner", [ready, referred], ids=["ready", "referred"])
@pytest.mark.parametrize("path", PAGES)
def test_no_page_shows_a_rule_id_a_source_id_or_a_code(runner: object, path: str) -> None:
    client = Client()
    client.force_login(runner())  # type: ignore[operator]
    response = client.get(path)
    assert response.status_code == 200
    assert codes_in(words_on(response.content.decode())) == []


@pytest.mark.django_db
@pytest.mark.parametrize("runner", [ready, referred], ids=["ready", "referred"])
def test_the_pdfs_words_name_rules_and_sources_in_words(runner: object) -> None:
    user = runner()  # type: ignore[operator]
    programme = user.programmes.get()
    plan = programmes.plan_for(programme, events_for(programme), today())
    handout = build_handout(plan, programmes.catalog(), since=today())
    lines = [handout.headline, handout.earliest, *handout.why, *handout.good_to_know]
    lines += [*handout.changes, *(reference for reference, _ in handout.sources)]
    for week in handout.weeks:
        for session in week.sessions:
            lines += [session.title, session.summary, *session.notes]
            for item in session.items:
                lines += [item.name, item.dose, item.cue, *item.swaps, *item.cautions]
    assert codes_in(" ".join(lines)) == []
    assert any("(Source: " in line for line in [*handout.why, *handout.good_to_know])
    client = Client()
    client.force_login(user)
    assert client.get("/programme/handout.pdf").status_code == 200


@pytest.mark.django_db
def test_a_source_with_a_known_address_links_to_it_and_the_others_show_in_full(
    runner_client: Client,
) -> None:
    page = runner_client.get("/sources/").content.decode()
    assert '<a href="https://doi.org/10.26603/001c.37863">' in page
    assert html.escape(SOURCES["deering2024"], quote=False) in page
