"""Printable HTML: one self-contained page, a section per week, readable on paper."""

from __future__ import annotations

from html import escape

from strideback.core.export.contents import KIND_WORDS, cite, decision_lines, session_lines
from strideback.core.export.text import weeks
from strideback.core.planning import Plan, Session
from strideback.core.words import spoken_date

__all__ = ["plan_html"]

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;color:#1d1d1f;max-width:46rem;margin:1rem auto;padding:0 1rem}
h1{font-size:1.6rem}h2{border-bottom:2px solid #2f6f5e;padding-bottom:.2rem;margin-top:2rem}
.disclaimer{background:#fff6e5;border-left:4px solid #b76e00;padding:.5rem .8rem}
.session{border:1px solid #ccd;border-radius:8px;padding:.6rem .9rem;margin:.8rem 0;break-inside:avoid}
.kind{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:#2f6f5e}
.provisional{color:#8a4b00}
@media print{body{margin:0;max-width:none}.week{break-before:page}.week:first-of-type{break-before:auto}}
"""


def _session(session: Session) -> str:
    css = "session provisional" if session.provisional else "session"
    lines = "".join(f"<li>{escape(line.strip())}</li>" for line in session_lines(session))
    return (
        f'<section class="{css}"><div class="kind">{escape(KIND_WORDS[session.kind])}</div>'
        f"<h3>{escape(spoken_date(session.date))}: {escape(session.title)}</h3><ul>{lines}</ul></section>"
    )


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def plan_html(plan: Plan) -> str:
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Strideback programme from {escape(spoken_date(plan.start))}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>Your Strideback programme from {escape(spoken_date(plan.start))}</h1>",
        f'<p class="disclaimer">{escape(plan.disclaimer)}</p>',
        f"<p><strong>Can I run yet?</strong> {escape(plan.readiness.headline)}</p>",
        "<h2>Why</h2>",
        _list([cite(r) for r in plan.readiness.reasons]),
    ]
    if plan.notes:
        parts += ["<h2>Good to know</h2>", _list([cite(r) for r in plan.notes])]
    if plan.decisions:
        lines = [" ".join(line.strip() for line in decision_lines(d)) for d in plan.decisions]
        parts += ["<h2>What changed and why</h2>", _list(lines)]
    for week, sessions in weeks(plan):
        parts.append(f'<div class="week"><h2>Week {week}</h2>')
        parts += [_session(session) for session in sessions]
        parts.append("</div>")
    parts += [f'<p class="disclaimer">{escape(plan.disclaimer)}</p>', "</body></html>"]
    return "\n".join(parts) + "\n"
