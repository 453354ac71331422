"""Exports of one Plan: plain text, Markdown, printable HTML, iCalendar and JSON.

Every format carries the disclaimer, and every one is made from the same Plan.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from strideback.core.export.calendar import plan_ics
from strideback.core.export.html import plan_html
from strideback.core.export.markdown import plan_markdown
from strideback.core.export.structured import plan_json, readiness_json
from strideback.core.export.text import exercise_text, plan_text, readiness_text
from strideback.core.planning import Plan

__all__ = [
    "PLAN_FORMATS",
    "PlanFormat",
    "exercise_text",
    "plan_html",
    "plan_ics",
    "plan_json",
    "plan_markdown",
    "plan_text",
    "readiness_json",
    "readiness_text",
    "render_plan",
]

PlanFormat = Literal["text", "md", "html", "ics", "json"]

PLAN_FORMATS: dict[str, Callable[[Plan], str]] = {
    "text": plan_text,
    "md": plan_markdown,
    "html": plan_html,
    "ics": plan_ics,
    "json": plan_json,
}


def render_plan(plan: Plan, fmt: PlanFormat) -> str:
    return PLAN_FORMATS[fmt](plan)
