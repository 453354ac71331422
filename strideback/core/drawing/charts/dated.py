"""Dated charts: values over days joined by lines, with marked days shaded (``dated_lines``),
and a level held from day to day with the next one planned (``step_chart``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from strideback.core.drawing.charts.frame import (
    FAINT,
    GRID,
    MUTED,
    PLOT_HEIGHT,
    SMALL,
    Canvas,
    LegendItem,
    nice_top,
    num,
    plain,
    svg_points,
)

__all__ = [
    "Line",
    "Step",
    "dated_lines",
    "short_date",
    "step_chart",
]


@dataclass(frozen=True)
class Line:
    """One series of dated values, joined by a line, each point marked."""

    name: str
    points: Sequence[tuple[date, float]]
    colour: str
    marker: Literal["circle", "square"] = "circle"
    dashed: bool = False


@dataclass(frozen=True)
class Step:
    """A level reached on a day; ``filled`` False draws the marker hollow."""

    day: date
    value: int
    filled: bool = True


def short_date(day: date) -> str:
    """'3 Mar'."""
    return f"{day.day} {day:%b}"


class _Days:
    """The x axis of a dated chart: one slot per day from ``start`` to ``end``."""

    def __init__(self, canvas: Canvas, start: date, end: date) -> None:
        self.canvas = canvas
        self.start = start
        self.end = max(end, start)
        self.count = (self.end - self.start).days + 1
        self.slot = canvas.plot_width / self.count

    def x(self, day: date) -> float:
        index = min(max((day - self.start).days, 0), self.count - 1)
        return self.canvas.left + self.slot * (index + 0.5)

    def labels(self) -> None:
        wanted = 4 if self.count >= 4 else self.count
        if wanted <= 1:
            days = [self.start]
        else:
            days = sorted(
                {
                    self.start + timedelta(days=round(i * (self.count - 1) / (wanted - 1)))
                    for i in range(wanted)
                }
            )
        canvas = self.canvas
        for index, day in enumerate(days):
            x = self.x(day)
            anchor: Literal["start", "middle", "end"] = "middle"
            if index == 0 and len(days) > 1:
                anchor, x = "start", canvas.left
            elif index == len(days) - 1 and len(days) > 1:
                anchor, x = "end", canvas.right
            canvas.body.append(
                f'<line x1="{num(self.x(day))}" y1="{num(canvas.bottom)}" '
                f'x2="{num(self.x(day))}" y2="{num(canvas.bottom + 4)}" '
                f'stroke="{MUTED}" stroke-width="1"/>'
            )
            canvas.text(x, canvas.bottom + 16, short_date(day), size=SMALL, anchor=anchor)


def dated_lines(
    key: str,
    title: str,
    summary: str,
    start: date,
    end: date,
    lines: Sequence[Line],
    *,
    top: float,
    unit: str,
    caption: str,
    marked: Sequence[date] = (),
    marked_label: str = "",
) -> str:
    """Values over days (0 to ``top``), with marked days shaded and flagged at the top."""
    legend = [
        LegendItem(
            line.name,
            "dashed-line" if line.dashed else "line",
            colour=line.colour,
            marker=line.marker,
        )
        for line in lines
    ]
    if marked_label:
        legend.append(LegendItem(marked_label, "band"))
    canvas = Canvas(key, title, summary, legend)
    days = _Days(canvas, start, end)
    band = min(max(days.slot, 6.0), 14.0)
    for day in sorted(set(marked)):
        if not start <= day <= days.end:
            continue
        x = min(max(days.x(day) - band / 2, canvas.left), canvas.right - band)
        canvas.body.append(
            f'<rect x="{num(x)}" y="{num(canvas.top)}" width="{num(band)}" '
            f'height="{PLOT_HEIGHT}" fill="{FAINT}"/>'
        )
    _, step = nice_top(top, ticks=5)
    canvas.y_axis(top, step, unit)
    for day in sorted(set(marked)):
        if start <= day <= days.end:
            canvas.triangle(
                min(max(days.x(day), canvas.left + 5), canvas.right - 5), canvas.top + 1
            )
    for line in lines:
        shown = [(d, v) for d, v in line.points if start <= d <= days.end]
        spots = [(days.x(d), canvas.y_of(v, top)) for d, v in shown]
        if len(spots) > 1:
            dash = ' stroke-dasharray="6 4"' if line.dashed else ""
            canvas.body.append(
                f'<polyline points="{svg_points(spots)}" fill="none" stroke="{line.colour}" '
                f'stroke-width="2" stroke-linejoin="round"{dash}/>'
            )
        for x, y in spots:
            canvas.marker(x, y, line.marker, line.colour)
    canvas.baseline()
    days.labels()
    canvas.x_caption(caption)
    return canvas.render()


def step_chart(
    key: str,
    title: str,
    summary: str,
    start: date,
    end: date,
    steps: Sequence[Step],
    *,
    top: int,
    unit: str,
    caption: str,
    colour: str,
    names: tuple[str, str, str],
    ahead: Step | None = None,
) -> str:
    """A level over days, held until the next change: filled markers for ``steps`` done in
    full, hollow for part; ``ahead`` (dashed, a hollow diamond) is the next one planned.
    ``names`` label the three markers in the legend."""
    full, part, next_one = names
    legend = [LegendItem(full, "line", colour=colour, marker="circle")] if steps else []
    if any(not s.filled for s in steps):
        legend.append(LegendItem(part, "line", colour=colour, marker="hollow-circle"))
    if ahead is not None:
        legend.append(LegendItem(next_one, "dashed-line", colour=colour, marker="diamond"))
    canvas = Canvas(key, title, summary, legend)
    days = _Days(canvas, start, end)
    top = max(top, 1)
    _, step = nice_top(top, ticks=min(top, 5))
    step = max(1.0, float(round(step)))

    def level(value: int) -> float:
        return canvas.bottom - (value / top) * PLOT_HEIGHT

    value = 0.0
    while value <= top + 1e-9:
        y = level(int(value))
        canvas.body.append(
            f'<line x1="{num(canvas.left)}" y1="{num(y)}" x2="{num(canvas.right)}" '
            f'y2="{num(y)}" stroke="{GRID}" stroke-width="1"/>'
        )
        if value:
            canvas.text(canvas.left - 5, y + 4, plain(value), size=SMALL, anchor="end")
        value += step
    canvas.text(4, canvas.top - 11, unit, size=SMALL)
    shown = sorted((s for s in steps if start <= s.day <= days.end), key=lambda s: s.day)
    path: list[tuple[float, float]] = []
    for one in shown:
        x, y = days.x(one.day), level(one.value)
        if path:
            path.append((x, path[-1][1]))
        path.append((x, y))
    if len(path) > 1:
        canvas.body.append(
            f'<polyline points="{svg_points(path)}" fill="none" stroke="{colour}" '
            'stroke-width="2.5" stroke-linejoin="round"/>'
        )
    if ahead is not None and start <= ahead.day <= days.end:
        x, y = days.x(ahead.day), level(ahead.value)
        if path:
            canvas.body.append(
                f'<polyline points="{svg_points([path[-1], (x, path[-1][1]), (x, y)])}" '
                f'fill="none" stroke="{colour}" stroke-width="2" stroke-dasharray="5 4"/>'
            )
        canvas.marker(x, y, "diamond", colour)
    for one in shown:
        canvas.marker(
            days.x(one.day), level(one.value), "circle" if one.filled else "hollow-circle", colour
        )
    canvas.baseline()
    days.labels()
    canvas.x_caption(caption)
    return canvas.render()
