"""Exports of one Plan: plain text, Markdown, printable HTML, PDF, iCalendar and JSON.

Every format carries the disclaimer, and every one is made from the same Plan. The handout
formats (HTML and PDF) show each exercise's picture when given the catalog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from strideback.core.catalog import Catalog
from strideback.core.export.calendar import plan_ics
from strideback.core.export.html import plan_html
from strideback.core.export.markdown import plan_markdown
from strideback.core.export.pdf import plan_pdf
from strideback.core.export.structured import plan_json, readiness_json
from strideback.core.export.text import exercise_text, plan_text, readiness_text
from strideback.core.programme import Plan

__all__ = [
    "PLAN_FORMATS",
    "PlanFormat",
    "TextFormat",
    "exercise_text",
    "plan_html",
    "plan_ics",
    "plan_json",
    "plan_markdown",
    "plan_pdf",
    "plan_text",
    "readiness_json",
    "readiness_text",
    "render_plan",
]

TextFormat = Literal["text", "md", "html", "ics", "json"]
PlanFormat = Literal["text", "md", "html", "ics", "json", "pdf"]

PLAN_FORMATS: dict[str, Callable[[Plan], str]] = {
    "text": plan_text,
    "md": plan_markdown,
    "html": plan_html,
    "ics": plan_ics,
    "json": plan_json,
}


def render_plan(plan: Plan, fmt: TextFormat, catalog: Catalog | None = None) -> str:
    """The plan in a text format; the HTML handout has pictures when given the catalog."""
    if fmt == "html":
        return plan_html(plan, catalog)
    return PLAN_FORMATS[fmt](plan)
