"""A walk-run session as two strips: the run and walk intervals planned above, the bouts her
watch recorded below, on one time scale, so a glance shows where she ran longer or shorter.
Runs are solid, walks pale with a border: the two differ by more than colour."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from strideback.core.drawing.charts.frame import FONT, INK, MUTED
from strideback.core.programme.model import Interval
from strideback.core.words import clock

__all__ = ["bouts_strips"]

RUN = "#0b5d57"
WALK = "#e3f2ef"
LABEL_WIDTH = 70
STRIP_WIDTH = 240
STRIP_HEIGHT = 18
GAP = 10


def _strip(intervals: Sequence[Interval], y: int, scale: float) -> list[str]:
    x = float(LABEL_WIDTH)
    shapes = []
    for interval in intervals:
        width = max(interval.seconds * scale, 0.5)
        fill = RUN if interval.activity == "run" else WALK
        shapes.append(
            f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{STRIP_HEIGHT}" '
            f'fill="{fill}" stroke="{RUN}" stroke-width="0.5"/>'
        )
        x += width
    return shapes


def _said(intervals: Sequence[Interval]) -> str:
    runs = [i.seconds for i in intervals if i.activity == "run"]
    if not runs:
        return "no running"
    return f"{len(runs)} runs, {clock(sum(runs))} running in all, the longest {clock(max(runs))}"


def bouts_strips(planned: Sequence[Interval], recorded: Sequence[Interval], key: str) -> str:
    """Planned intervals (if any) above the recorded bouts, as an SVG string."""
    rows = [("Planned", planned)] if planned else []
    rows.append(("Your watch", recorded))
    longest = max(sum(i.seconds for i in intervals) for _, intervals in rows) or 1
    scale = STRIP_WIDTH / longest
    height = len(rows) * (STRIP_HEIGHT + GAP)
    desc = "; ".join(f"{label}: {_said(intervals)}" for label, intervals in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LABEL_WIDTH + STRIP_WIDTH + 4} '
        f'{height}" role="img" aria-labelledby="{key}-title {key}-desc" class="bouts">',
        f'<title id="{key}-title">Run and walk bouts</title>',
        f'<desc id="{key}-desc">{escape(desc)}.</desc>',
    ]
    for row, (label, intervals) in enumerate(rows):
        y = row * (STRIP_HEIGHT + GAP) + GAP // 2
        parts.append(
            f'<text x="0" y="{y + STRIP_HEIGHT - 5}" font-size="{FONT}" '
            f'fill="{INK if row == len(rows) - 1 else MUTED}">{label}</text>'
        )
        parts += _strip(intervals, y, scale)
    parts.append("</svg>")
    return "".join(parts)
