"""Markdown: the programme as a document to read or share."""

from __future__ import annotations

from strideback.core.export.contents import cite, decision_lines, session_lines
from strideback.core.export.text import weeks
from strideback.core.programme import Plan
from strideback.core.words import spoken_date

__all__ = ["plan_markdown"]


def plan_markdown(plan: Plan) -> str:
    lines = [
        f"# Your Strideback programme from {spoken_date(plan.start)}",
        "",
        f"> {plan.disclaimer}",
        "",
        f"**Can I run yet?** {plan.verdict.headline}",
        "",
        "## Why",
        "",
    ]
    lines += [f"- {cite(r)}" for r in plan.verdict.reasons]
    if plan.notes:
        lines += ["", "## Good to know", ""] + [f"- {cite(r)}" for r in plan.notes]
    if plan.decisions:
        lines += ["", "## What changed and why", ""]
        for decision in plan.decisions:
            first, *rest = decision_lines(decision)
            lines += [f"- {first}"] + [f"  - {line.strip()}" for line in rest]
    for week, sessions in weeks(plan):
        lines += ["", f"## Week {week}"]
        for session in sessions:
            lines += ["", f"### {spoken_date(session.date)}: {session.title}", ""]
            lines += [f"- {line.strip()}" for line in session_lines(session)]
    lines += ["", "---", "", plan.disclaimer]
    return "\n".join(lines) + "\n"
