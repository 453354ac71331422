"""Markup a validator accepts and a search result can show: htmx's attributes written as
``data-hx-*`` (valid HTML; htmx reads both), a description, an icon, and every error summary
ready to take focus."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from django.test import Client

from tests.web.pages import text

TEMPLATES = Path(__file__).parents[2] / "strideback"


class Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Attributes()
    parser.feed(html)
    return parser.found


def test_today_uses_only_valid_htmx_attributes_and_has_a_description(
    runner_client: Client,
) -> None:
    tags = tags_of(text(runner_client.get("/today/")))
    names = {name for _, attrs in tags for name in attrs}
    assert not [name for name in names if name.startswith("hx-")]
    form = next(a for t, a in tags if t == "form" and a.get("data-hx-post"))
    assert form["data-hx-post"] == "/today/log/"
    meta = next(a for t, a in tags if t == "meta" and a.get("name") == "description")
    assert "return to running after having a baby" in (meta["content"] or "")
    assert any(t == "link" and a.get("rel") == "icon" for t, a in tags)


def test_no_template_writes_an_htmx_attribute_without_data() -> None:
    written = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in re.finditer(r"(?<![\w-])hx-[a-z-]+=", path.read_text(encoding="utf-8"))
    ]
    assert written == []


def test_every_error_summary_takes_focus_when_the_page_comes_back() -> None:
    boxes = [
        (path.relative_to(TEMPLATES), match.group(0))
        for path in TEMPLATES.rglob("*.html")
        for match in re.finditer(r'<div class="errors-box"[^>]*>', path.read_text(encoding="utf-8"))
    ]
    assert len(boxes) > 10
    assert [b for b in boxes if 'tabindex="-1"' not in b[1] or "autofocus" not in b[1]] == []
