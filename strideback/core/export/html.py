"""Printable HTML: the handout as one self-contained page.

On screen it reads like the app; printed (A4), the cover comes first and each week starts
on a new sheet, every exercise with its picture, dose and key cue, and the disclaimer and
page number at the foot of every sheet. Black-and-white printers lose nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from html import escape

from strideback.core.catalog import Catalog
from strideback.core.export.handout import (
    Handout,
    HandoutItem,
    HandoutSession,
    HandoutWeek,
    build_handout,
    short_date,
)
from strideback.core.programme import Plan

__all__ = ["handout_html", "handout_style", "plan_html"]

_SCREEN = """
:root{--ink:#1d1b26;--muted:#4a4658;--line:#d9d2ca;--brand:#0b5d57;--soft:#e3f2ef}
*{box-sizing:border-box}
body{font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);
background:#fffaf6;max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.7rem;line-height:1.2;margin:.2rem 0 .3rem}
h2{font-size:1.2rem;margin:1.4rem 0 .5rem}
h3{font-size:1.05rem;margin:0}
p{margin:0 0 .6rem}
ul{margin:0 0 .8rem;padding-left:1.2rem}
li{margin-bottom:.3rem}
a{color:var(--brand)}
.links{display:flex;flex-wrap:wrap;gap:.5rem 1.2rem;margin-bottom:.8rem}
.links a{display:inline-block;padding:.6rem 0;font-weight:600}
.hint{background:var(--soft);border-radius:10px;padding:.7rem .9rem}
.brand{font-weight:700;color:var(--brand);letter-spacing:.02em;margin:0}
.sub{color:var(--muted)}
.verdict{border:2px solid var(--ink);border-radius:12px;padding:.8rem 1rem;margin:1rem 0}
.verdict .q{font-weight:700;margin:0}
.verdict .headline{font-size:1.25rem;font-weight:700;line-height:1.3;margin:.2rem 0 .4rem}
.verdict p:last-child{margin:0}
.disclaimer{border-left:4px solid var(--ink);padding:.3rem .8rem;font-size:.95rem}
.small{font-size:.9rem;color:var(--muted)}
.week{margin-top:2.2rem;border-top:3px solid var(--ink);padding-top:.6rem}
.week>h2{margin:0 0 .6rem;font-size:1.45rem}
.week>h2 .span{display:block;font-size:1rem;font-weight:400;color:var(--muted)}
.session{border:1px solid var(--line);border-radius:12px;background:#fff;padding:.7rem .9rem;
margin:0 0 .9rem}
.session .days{display:flex;flex-wrap:wrap;gap:.2rem 1rem;margin:0 0 .2rem;font-weight:700}
.head{margin:0}
.tick{display:inline-block;width:.95em;height:.95em;border:2px solid var(--ink);border-radius:3px;
vertical-align:-.12em;margin-right:.35em}
.kind{display:inline-block;font-size:.72rem;font-weight:700;text-transform:uppercase;
letter-spacing:.05em;border:1.5px solid currentColor;border-radius:999px;padding:0 .45rem;
margin-left:.4rem;vertical-align:.15em;color:var(--brand)}
.summary{margin:.3rem 0 .5rem}
.state{display:block;font-weight:600;font-size:.95rem;margin-top:.15rem}
.items{list-style:none;padding:0;margin:.2rem 0 0;display:grid;gap:.6rem}
.item{display:grid;grid-template-columns:6.5rem 1fr;gap:.7rem;align-items:start;margin:0;
border-top:1px solid var(--line);padding-top:.6rem}
.fig{width:100%;height:auto;aspect-ratio:4/3;display:block}
.item p{margin:0}
.name{font-weight:700}
.dose{font-weight:600}
.cue::before{content:"\\201C"}
.cue::after{content:"\\201D"}
.extra{font-size:.88rem;color:var(--muted)}
.notes{font-size:.88rem;color:var(--muted);margin:.5rem 0 0}
.week-foot{font-size:.85rem;color:var(--muted);margin-top:.4rem}
.sprite{position:absolute;width:0;height:0;overflow:hidden}
"""

_PRINT = """
@page{size:A4;margin:12mm 12mm 20mm 12mm;
@bottom-left{content:"__DISCLAIMER__";font:7.5pt/1.35 Arial,Helvetica,sans-serif;color:#000;
vertical-align:top;padding-top:3mm;width:150mm}
@bottom-right{content:"Page " counter(page) " of " counter(pages);font:8pt Arial,Helvetica,sans-serif;
vertical-align:top;padding-top:3mm}}
@media print{
:root{--ink:#000;--muted:#222;--line:#aaa;--brand:#000;--soft:#fff}
body{font:9.5pt/1.3 Arial,Helvetica,sans-serif;max-width:none;margin:0;padding:0;background:#fff}
.screen-only,.week-foot{display:none}
h1{font-size:20pt}
h2{font-size:12.5pt;margin:9pt 0 3pt}
li{margin-bottom:2pt}
.cover{break-after:page}
.verdict{border-radius:6pt;padding:6pt 9pt}
.verdict .headline{font-size:13pt}
.week{break-before:page;margin:0;border-top:2pt solid #000;padding-top:3pt}
.week>h2{font-size:16pt;margin:0 0 5pt}
.week>h2 .span{display:inline;font-size:10.5pt;margin-left:6pt}
.session{border:.75pt solid #777;border-radius:5pt;padding:4pt 7pt;margin:0 0 5pt;break-inside:avoid}
.session .days{display:inline-flex;gap:0 8pt;margin:0 8pt 0 0;font-size:10pt}
.session h3{display:inline;font-size:10.5pt}
.state{display:inline;font-size:9pt;margin-left:6pt}
.summary{margin:1pt 0 2pt}
.simple .head{display:inline}
.simple .summary{display:inline;margin:0 0 0 6pt}
.items{grid-template-columns:1fr 1fr;gap:3pt 12pt;margin:0}
.item{grid-template-columns:22mm 1fr;gap:5pt;padding-top:3pt;break-inside:avoid;font-size:9pt;
line-height:1.25}
.item .small{font-size:8pt;color:#000}
.extra,.notes{font-size:8pt}
.notes{margin:2pt 0 0;padding-left:10pt}
.kind{color:#000;font-size:6.5pt}
a{color:#000;text-decoration:none}
}
"""


def handout_style(disclaimer: str) -> str:
    """The handout's stylesheet; the disclaimer is printed at the foot of every sheet."""
    quoted = disclaimer.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return _SCREEN + _PRINT.replace("__DISCLAIMER__", quoted)


_SVG = re.compile(r"^\s*<svg\b[^>]*\bviewBox=\"([^\"]+)\"[^>]*>(.*)</svg>\s*$", re.DOTALL)
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)


def _sprite(figures: dict[str, str]) -> tuple[str, dict[str, str]]:
    """Each picture once, as a <symbol>; returns the sprite and each exercise's viewBox.
    A picture that is not a plain <svg> with a viewBox is inlined where used instead."""
    symbols: list[str] = []
    boxes: dict[str, str] = {}
    for exercise_id, svg in figures.items():
        found = _SVG.match(svg)
        if found is None:
            continue
        boxes[exercise_id] = found.group(1)
        inner = _TITLE.sub("", found.group(2))
        symbols.append(
            f'<symbol id="fig-{exercise_id}" viewBox="{found.group(1)}">{inner}</symbol>'
        )
    if not symbols:
        return "", boxes
    return (
        '<svg class="sprite" aria-hidden="true" focusable="false" '
        'xmlns="http://www.w3.org/2000/svg">' + "".join(symbols) + "</svg>",
        boxes,
    )


def _figure(item: HandoutItem, handout: Handout, boxes: dict[str, str]) -> str:
    label = escape(f"{item.name}: the key position")
    if item.exercise_id in boxes:
        return (
            f'<svg class="fig" viewBox="{boxes[item.exercise_id]}" role="img" '
            f'aria-label="{label}"><use href="#fig-{item.exercise_id}"/></svg>'
        )
    svg = handout.figures.get(item.exercise_id)
    if svg is None:
        return '<span class="fig" aria-hidden="true"></span>'
    return svg.replace("<svg ", '<svg class="fig" ', 1)


def _item(item: HandoutItem, handout: Handout, boxes: dict[str, str]) -> str:
    extra = [f'<p class="extra">Swap: {escape(swap)}</p>' for swap in item.swaps]
    extra += [f'<p class="extra">Care: {escape(care)}</p>' for care in item.cautions]
    return (
        f'<li class="item">{_figure(item, handout, boxes)}<div>'
        f'<p class="name">{escape(item.name)}</p>'
        f'<p class="dose">{escape(item.dose)} <span class="small">({escape(item.level)})</span></p>'
        f'<p class="cue">{escape(item.cue)}</p>{"".join(extra)}</div></li>'
    )


def _days(days: tuple[date, ...]) -> str:
    return "".join(
        f'<span><span class="tick" aria-hidden="true"></span>{escape(short_date(day))}</span>'
        for day in days
    )


def _session(session: HandoutSession, handout: Handout, boxes: dict[str, str]) -> str:
    states = []
    if session.provisional:
        states.append("Only once every re-test passes.")
    if session.logged:
        states.append(f"Logged as {session.logged}.")
    state = "".join(f'<span class="state">{escape(words)}</span>' for words in states)
    simple = "" if session.items else " simple"
    parts = [
        f'<article class="session {escape(session.kind)}{simple}">',
        f'<div class="head"><p class="days">{_days(session.days)}</p>',
        f'<h3>{escape(session.title)}<span class="kind">{escape(session.kind_words)}</span>'
        f"{state}</h3></div>",
        f'<p class="summary">{escape(session.summary)}</p>',
    ]
    if session.items:
        items = "".join(_item(item, handout, boxes) for item in session.items)
        parts.append(f'<ul class="items">{items}</ul>')
    if session.notes:
        parts.append('<ul class="notes">' + _lis(session.notes) + "</ul>")
    parts.append("</article>")
    return "".join(parts)


def _week(week: HandoutWeek, handout: Handout, boxes: dict[str, str]) -> str:
    sessions = "\n".join(_session(session, handout, boxes) for session in week.sessions)
    return (
        f'<section class="week" aria-labelledby="week-{week.number}">'
        f'<h2 id="week-{week.number}">{escape(week.heading)} '
        f'<span class="span">{escape(week.span)}</span></h2>\n{sessions}\n'
        f'<footer class="week-foot"><p>{escape(handout.disclaimer)}</p></footer></section>'
    )


def _lis(lines: Sequence[str]) -> str:
    return "".join(f"<li>{escape(line)}</li>" for line in lines)


def _source_lis(sources: Sequence[tuple[str, str]]) -> str:
    """Each source's full reference, with a link where it can be read."""
    return "".join(
        f"<li>{escape(reference)}"
        + (f' <a href="{escape(link)}">{escape(link)}</a>' if link else "")
        + "</li>"
        for reference, link in sources
    )


def _cover(handout: Handout) -> str:
    parts = [
        '<header class="cover">',
        '<p class="brand">Strideback</p>',
        f"<h1>{escape(handout.title)}</h1>",
        f'<p class="sub">{escape(handout.subtitle)}</p>',
        f'<div class="verdict" data-status="{escape(handout.verdict)}"><p class="q">Can I run yet?</p>',
        f'<p class="headline">{escape(handout.headline)}</p>',
        f"<p>{escape(handout.earliest)}</p></div>",
        f'<p class="disclaimer">{escape(handout.disclaimer)}</p>',
        f"<h2>Why</h2><ul>{_lis(handout.why)}</ul>",
    ]
    if handout.good_to_know:
        parts.append(f"<h2>Good to know</h2><ul>{_lis(handout.good_to_know)}</ul>")
    if handout.changes:
        parts.append(f"<h2>What changed and why</h2><ul>{_lis(handout.changes)}</ul>")
        if handout.earlier_changes:
            parts.append(
                f'<p class="small">And {handout.earlier_changes} earlier '
                f"change{'s' if handout.earlier_changes > 1 else ''}; your history has "
                f"{'them' if handout.earlier_changes > 1 else 'it'}.</p>"
            )
    if handout.sources:
        parts.append(f"<h2>Sources</h2><ul>{_source_lis(handout.sources)}</ul>")
    parts.append(f"<h2>How to use this handout</h2><p>{escape(handout.how_to_use)}</p>")
    if handout.left_out:
        parts.append(f'<p class="small">{escape(handout.left_out)}</p>')
    if not handout.weeks:
        parts.append("<p>No sessions are planned: see the notes above.</p>")
    parts.append("</header>")
    return "\n".join(parts)


def plan_html(
    plan: Plan,
    catalog: Catalog | None = None,
    *,
    since: date | None = None,
    links: Sequence[tuple[str, str]] = (),
    prepared_by: str = "",
) -> str:
    """The handout as HTML. With ``catalog`` each exercise has its picture; weeks that
    ended before ``since`` are left out; ``links`` (words, address) show on screen only;
    ``prepared_by`` names the practice that gave it to her."""
    return handout_html(build_handout(plan, catalog, since=since), links, prepared_by)


def handout_html(
    handout: Handout, links: Sequence[tuple[str, str]] = (), prepared_by: str = ""
) -> str:
    sprite, boxes = _sprite(handout.figures)
    nav = "".join(f'<a href="{escape(href)}">{escape(words)}</a>' for words, href in links)
    parts = [
        "<!doctype html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(handout.title)}</title>",
        f"<style>{handout_style(handout.disclaimer)}</style></head><body>",
    ]
    if nav:
        parts.append(f'<nav class="links screen-only" aria-label="Handout">{nav}</nav>')
    parts.append(
        '<p class="hint screen-only">To print it, use your browser\'s Print (on a phone: '
        "Share, then Print). Each week starts on a new sheet of A4; black and white is fine."
        "</p>"
    )
    if sprite:
        parts.append(sprite)
    parts.append("<main>")
    if prepared_by:
        parts.append(f'<p class="prepared-by">Prepared by {escape(prepared_by)}</p>')
    parts.append(_cover(handout))
    parts += [_week(week, handout, boxes) for week in handout.weeks]
    parts += ["</main>", "</body></html>"]
    return "\n".join(parts) + "\n"
