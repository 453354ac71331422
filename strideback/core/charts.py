"""Small SVG charts for the progress page, as strings.

Each chart is an ``<svg>`` with a ``viewBox`` only (the page's CSS sizes it), ``role="img"``
and a ``<title>`` and ``<desc>`` that carry its name and plain-words summary. Axis labels
are ``<text>``; there are no styles or scripts, only presentation attributes, so the page's
Content-Security-Policy holds. Every id starts with the chart's key, so several charts can
share a page. Series differ by shape or pattern as well as colour (a hatched bar beside a
solid one, a dashed line with squares beside a solid one with dots), and each chart has a
legend. The same input always gives the same string.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from typing import Literal

__all__ = [
    "DONE",
    "FAINT",
    "INK",
    "LOOKS",
    "PART",
    "PLANNED",
    "SKIPPED",
    "Bars",
    "Line",
    "Look",
    "Step",
    "dated_lines",
    "grouped_bars",
    "short_date",
    "stacked_bars",
    "step_chart",
]

WIDTH = 320  # viewBox units; at a 360 px phone the chart is drawn about 1:1
FONT = 12
SMALL = 11
CHAR = 0.56  # average character width, in ems, for laying out labels
LEFT = 30  # room for the y axis numbers
RIGHT = 10
PLOT_HEIGHT = 140
LEGEND_ROW = 20

INK = "#1d1b26"
MUTED = "#4a4658"
GRID = "#e6dfd8"
FAINT = "#fde8e8"
MARK = "#9b1c1c"

Pattern = Literal["solid", "hatch", "dots", "cross", "outline"]


@dataclass(frozen=True)
class Look:
    """How a series is drawn: a fill pattern in a colour over a background."""

    pattern: Pattern
    colour: str
    background: str = "#ffffff"


DONE = Look("solid", "#0b5d57")
PLANNED = Look("hatch", "#0b5d57", "#e3f2ef")
PART = Look("dots", "#7a3e00", "#fff1dd")
SKIPPED = Look("outline", "#5f5a6b")
# For several series of the same kind (a test at the start and at each re-test).
LOOKS = (
    Look("hatch", "#4a4658", "#f1eeea"),
    Look("dots", "#7a3e00", "#fff1dd"),
    Look("cross", "#3b4ba8", "#eef2ff"),
    Look("solid", "#0b5d57"),
)


@dataclass(frozen=True)
class Bars:
    """One series of bars: a value (or None: nothing to draw) for each group."""

    name: str
    values: Sequence[float | None]
    look: Look


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


# ---------------------------------------------------------------------------------------
# Numbers and text.


def _num(value: float) -> str:
    """A coordinate with at most one decimal, the same every time."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text_width(text: str, size: int = FONT) -> float:
    return len(text) * size * CHAR


def _nice_top(highest: float, ticks: int = 4) -> tuple[float, float]:
    """A round top for the y axis and the step between its lines."""
    if highest <= 0:
        return 1.0, 1.0
    raw = highest / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if step < 1:
        step = 1.0
    return step * math.ceil(highest / step - 1e-9), step


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _key(key: str) -> str:
    """Keys become id prefixes: letters, digits and dashes only."""
    cleaned = re.sub(r"[^a-z0-9-]+", "-", key.lower()).strip("-")
    return cleaned or "chart"


# ---------------------------------------------------------------------------------------
# The frame every chart shares: legend, plot area, axes.

LegendShape = Literal["box", "line", "dashed-line", "mark", "band", "tick"]


@dataclass(frozen=True)
class _LegendItem:
    label: str
    shape: LegendShape
    look: Look | None = None
    colour: str = INK
    marker: Literal["circle", "square", "diamond", "hollow-circle", "none"] = "none"


class _Canvas:
    def __init__(self, key: str, title: str, summary: str, legend: Sequence[_LegendItem]) -> None:
        self.key = _key(key)
        self.title = title
        self.summary = summary
        self.defs: list[str] = []
        self.body: list[str] = []
        self.patterns: set[str] = set()
        rows = self._legend_rows(legend)
        self.legend = rows
        self.top = 8 + LEGEND_ROW * len(rows) + 22  # legend, then the unit caption
        self.bottom = self.top + PLOT_HEIGHT
        self.left = LEFT
        self.right = WIDTH - RIGHT
        self.height = self.bottom + 52

    @property
    def plot_width(self) -> float:
        return self.right - self.left

    # --- legend

    @staticmethod
    def _legend_rows(items: Sequence[_LegendItem]) -> list[list[tuple[float, _LegendItem]]]:
        rows: list[list[tuple[float, _LegendItem]]] = [[]]
        x = 0.0
        for item in items:
            width = 24 + _text_width(item.label, SMALL) + 14
            if rows[-1] and x + width > WIDTH - 4:
                rows.append([])
                x = 0.0
            rows[-1].append((x + 4, item))
            x += width
        return [row for row in rows if row]

    def _draw_legend(self) -> None:
        for index, row in enumerate(self.legend):
            y = 8 + LEGEND_ROW * index
            for x, item in row:
                self._swatch(x, y, item)
                self.text(x + 24, y + 11, item.label, size=SMALL, fill=INK)

    def _swatch(self, x: float, y: float, item: _LegendItem) -> None:
        middle = y + 7
        if item.shape == "box" and item.look is not None:
            self.bar(x + 2, y + 1, 14, 12, item.look)
        elif item.shape in ("line", "dashed-line"):
            dash = ' stroke-dasharray="5 3"' if item.shape == "dashed-line" else ""
            self.body.append(
                f'<line x1="{_num(x)}" y1="{_num(middle)}" x2="{_num(x + 18)}" '
                f'y2="{_num(middle)}" stroke="{item.colour}" stroke-width="2"{dash}/>'
            )
        elif item.shape == "tick":
            self.body.append(
                f'<line x1="{_num(x + 1)}" y1="{_num(middle)}" x2="{_num(x + 17)}" '
                f'y2="{_num(middle)}" stroke="{item.colour}" stroke-width="3"/>'
            )
        elif item.shape == "band":
            self.body.append(
                f'<rect x="{_num(x + 3)}" y="{_num(y)}" width="12" height="14" fill="{FAINT}"/>'
            )
            self.triangle(x + 9, y + 1)
        if item.marker != "none":
            self.marker(x + 9, middle, item.marker, item.colour)

    # --- drawing

    def text(
        self,
        x: float,
        y: float,
        words: str,
        *,
        size: int = FONT,
        anchor: Literal["start", "middle", "end"] = "start",
        fill: str = MUTED,
        bold: bool = False,
    ) -> None:
        weight = ' font-weight="700"' if bold else ""
        middle = "" if anchor == "start" else f' text-anchor="{anchor}"'
        self.body.append(
            f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size}" fill="{fill}"{middle}{weight}>'
            f"{escape(words)}</text>"
        )

    def pattern(self, look: Look) -> str:
        """The fill for a look: a colour, or a pattern defined once per chart."""
        if look.pattern == "solid":
            return look.colour
        if look.pattern == "outline":
            return look.background
        name = f"{self.key}-{look.pattern}-{look.colour.lstrip('#')}"
        if name not in self.patterns:
            self.patterns.add(name)
            inside = {
                "hatch": f'<line x1="0" y1="0" x2="0" y2="6" stroke="{look.colour}" stroke-width="2.5"/>',
                "dots": f'<circle cx="3" cy="3" r="1.4" fill="{look.colour}"/>',
                "cross": (
                    f'<line x1="0" y1="3" x2="6" y2="3" stroke="{look.colour}" stroke-width="1.2"/>'
                    f'<line x1="3" y1="0" x2="3" y2="6" stroke="{look.colour}" stroke-width="1.2"/>'
                ),
            }[look.pattern]
            turn = ' patternTransform="rotate(45)"' if look.pattern == "hatch" else ""
            self.defs.append(
                f'<pattern id="{name}" width="6" height="6" patternUnits="userSpaceOnUse"{turn}>'
                f'<rect width="6" height="6" fill="{look.background}"/>{inside}</pattern>'
            )
        return f"url(#{name})"

    def bar(self, x: float, y: float, width: float, height: float, look: Look) -> None:
        dash = ' stroke-dasharray="3 2"' if look.pattern == "outline" else ""
        stroke_width = "1.5" if look.pattern == "outline" else "1"
        self.body.append(
            f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(width)}" height="{_num(height)}" '
            f'fill="{self.pattern(look)}" stroke="{look.colour}" stroke-width="{stroke_width}"{dash}/>'
        )

    def marker(
        self,
        x: float,
        y: float,
        shape: Literal["circle", "square", "diamond", "hollow-circle"],
        colour: str,
    ) -> None:
        if shape == "circle":
            self.body.append(
                f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4" fill="{colour}" '
                'stroke="#ffffff" stroke-width="1.5"/>'
            )
        elif shape == "hollow-circle":
            self.body.append(
                f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4" fill="#ffffff" '
                f'stroke="{colour}" stroke-width="2"/>'
            )
        elif shape == "square":
            self.body.append(
                f'<rect x="{_num(x - 4)}" y="{_num(y - 4)}" width="8" height="8" '
                f'fill="{colour}" stroke="#ffffff" stroke-width="1.5"/>'
            )
        else:
            points = [(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)]
            self.body.append(
                f'<polygon points="{_points(points)}" fill="#ffffff" '
                f'stroke="{colour}" stroke-width="2"/>'
            )

    def triangle(self, x: float, y: float) -> None:
        """A small mark pointing down at a marked day."""
        self.body.append(
            f'<polygon points="{_points([(x - 5, y), (x + 5, y), (x, y + 7)])}" fill="{MARK}"/>'
        )

    def y_axis(self, top: float, step: float, unit: str) -> None:
        value = 0.0
        while value <= top + 1e-9:
            y = self.y_of(value, top)
            self.body.append(
                f'<line x1="{_num(self.left)}" y1="{_num(y)}" x2="{_num(self.right)}" '
                f'y2="{_num(y)}" stroke="{GRID}" stroke-width="1"/>'
            )
            self.text(self.left - 5, y + 4, _plain(value), size=SMALL, anchor="end")
            value += step
        self.text(4, self.top - 11, unit, size=SMALL, fill=MUTED)

    def y_of(self, value: float, top: float) -> float:
        share = min(max(value / top, 0.0), 1.0) if top else 0.0
        return self.bottom - share * PLOT_HEIGHT

    def baseline(self) -> None:
        self.body.append(
            f'<line x1="{_num(self.left)}" y1="{_num(self.bottom)}" x2="{_num(self.right)}" '
            f'y2="{_num(self.bottom)}" stroke="{MUTED}" stroke-width="1.5"/>'
        )

    def x_caption(self, words: str) -> None:
        self.text(
            self.left + self.plot_width / 2, self.height - 6, words, size=SMALL, anchor="middle"
        )

    def render(self) -> str:
        self._draw_legend()
        title_id = f"{self.key}-title"
        desc_id = f"{self.key}-desc"
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_num(self.height)}" '
            f'role="img" aria-labelledby="{title_id}" aria-describedby="{desc_id}" '
            f'class="chart-svg" font-family="inherit">'
            f'<title id="{title_id}">{escape(self.title)}</title>'
            f'<desc id="{desc_id}">{escape(self.summary)}</desc>'
            f"{defs}{''.join(self.body)}</svg>"
        )


def _points(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_num(x)},{_num(y)}" for x, y in points)


# ---------------------------------------------------------------------------------------
# Bars.


def _wrapped(label: str, width: float) -> list[str]:
    """The label on one line, or on two when one is too wide for ``width``."""
    words = label.split()
    if _text_width(label, SMALL) <= width - 4 or len(words) < 2:
        return [label]
    splits: list[tuple[str, str]] = [
        (" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))
    ]
    first, second = min(splits, key=lambda pair: max(len(pair[0]), len(pair[1])))
    return [first, second]


def _group_labels(canvas: _Canvas, labels: Sequence[str], width: float) -> None:
    """A label under each group (on two lines if need be), or under every second or third
    when they would still crowd (the last is always shown)."""
    lines = [_wrapped(label, width) for label in labels]
    widest = max((_text_width(line, SMALL) for group in lines for line in group), default=0.0)
    if widest > width - 4:  # still too wide: one line each, and thin them out
        lines = [[label] for label in labels]
        widest = max(_text_width(label, SMALL) for label in labels)
    every = max(1, math.ceil((widest + 4) / width))
    last = len(labels) - 1
    for index, group in enumerate(lines):
        crowded = index % every != 0 or last - index < every
        if index != last and crowded:
            continue
        x = canvas.left + width * (index + 0.5)
        for row, line in enumerate(group):
            canvas.text(x, canvas.bottom + 15 + 13 * row, line, size=SMALL, anchor="middle")


def _bar_legend(series: Sequence[Bars]) -> list[_LegendItem]:
    return [_LegendItem(s.name, "box", s.look) for s in series]


def grouped_bars(
    key: str,
    title: str,
    summary: str,
    labels: Sequence[str],
    series: Sequence[Bars],
    *,
    unit: str,
    caption: str,
    target: float | None = None,
    target_label: str = "",
    value_labels: bool = False,
) -> str:
    """Bars side by side for each label (a week, a test), one per series."""
    legend = _bar_legend(series)
    if target is not None:
        legend.append(_LegendItem(target_label, "dashed-line", colour=INK))
    canvas = _Canvas(key, title, summary, legend)
    values = [v for s in series for v in s.values if v is not None]
    top, step = _nice_top(max([*values, target or 0, 1]))
    canvas.y_axis(top, step, unit)
    count = max(len(labels), 1)
    group = canvas.plot_width / count
    gap = min(group * 0.2, 12)
    bar = min((group - gap) / max(len(series), 1), 28.0)
    gap = group - bar * len(series)  # a few wide groups: slim bars, centred
    for index in range(len(labels)):
        for number, one in enumerate(series):
            value = one.values[index] if index < len(one.values) else None
            if value is None:
                continue
            x = canvas.left + group * index + gap / 2 + bar * number
            y = canvas.y_of(value, top)
            canvas.bar(x + 0.5, y, max(bar - 1, 1), canvas.bottom - y, one.look)
            if value_labels:
                canvas.text(
                    x + bar / 2,
                    max(y - 5, canvas.top - 2),
                    _plain(value),
                    size=SMALL if bar >= 14 else 9,
                    anchor="middle",
                    fill=INK,
                )
    if target is not None:
        y = canvas.y_of(target, top)
        canvas.body.append(
            f'<line x1="{_num(canvas.left)}" y1="{_num(y)}" x2="{_num(canvas.right)}" '
            f'y2="{_num(y)}" stroke="{INK}" stroke-width="1.5" stroke-dasharray="5 3"/>'
        )
    canvas.baseline()
    _group_labels(canvas, labels, group)
    canvas.x_caption(caption)
    return canvas.render()


def stacked_bars(
    key: str,
    title: str,
    summary: str,
    labels: Sequence[str],
    layers: Sequence[Bars],
    *,
    unit: str,
    caption: str,
    marks: Sequence[float | None] = (),
    marks_label: str = "",
) -> str:
    """One bar per label, its layers stacked from the bottom; ``marks`` draws a short line
    across each bar (e.g. what was planned)."""
    legend = _bar_legend(layers)
    if marks:
        legend.append(_LegendItem(marks_label, "tick", colour=INK))
    canvas = _Canvas(key, title, summary, legend)
    totals = [
        sum(layer.values[i] or 0 for layer in layers if i < len(layer.values))
        for i in range(len(labels))
    ]
    top, step = _nice_top(max([*totals, *(m or 0 for m in marks), 1]))
    canvas.y_axis(top, step, unit)
    group = canvas.plot_width / max(len(labels), 1)
    width = min(group * 0.64, 36)
    for index in range(len(labels)):
        x = canvas.left + group * index + (group - width) / 2
        below = 0.0
        for layer in layers:
            value = layer.values[index] if index < len(layer.values) else None
            if not value:
                continue
            y_top = canvas.y_of(below + value, top)
            canvas.bar(x, y_top, width, canvas.y_of(below, top) - y_top, layer.look)
            below += value
        mark = marks[index] if index < len(marks) else None
        if mark is not None:
            y = canvas.y_of(mark, top)
            canvas.body.append(
                f'<line x1="{_num(max(x - 3, canvas.left))}" y1="{_num(y)}" '
                f'x2="{_num(min(x + width + 3, canvas.right))}" y2="{_num(y)}" '
                f'stroke="{INK}" stroke-width="3"/>'
            )
    canvas.baseline()
    _group_labels(canvas, labels, group)
    canvas.x_caption(caption)
    return canvas.render()


# ---------------------------------------------------------------------------------------
# Dated charts.


class _Days:
    """The x axis of a dated chart: one slot per day from ``start`` to ``end``."""

    def __init__(self, canvas: _Canvas, start: date, end: date) -> None:
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
                f'<line x1="{_num(self.x(day))}" y1="{_num(canvas.bottom)}" '
                f'x2="{_num(self.x(day))}" y2="{_num(canvas.bottom + 4)}" '
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
        _LegendItem(
            line.name,
            "dashed-line" if line.dashed else "line",
            colour=line.colour,
            marker=line.marker,
        )
        for line in lines
    ]
    if marked_label:
        legend.append(_LegendItem(marked_label, "band"))
    canvas = _Canvas(key, title, summary, legend)
    days = _Days(canvas, start, end)
    band = min(max(days.slot, 6.0), 14.0)
    for day in sorted(set(marked)):
        if not start <= day <= days.end:
            continue
        x = min(max(days.x(day) - band / 2, canvas.left), canvas.right - band)
        canvas.body.append(
            f'<rect x="{_num(x)}" y="{_num(canvas.top)}" width="{_num(band)}" '
            f'height="{PLOT_HEIGHT}" fill="{FAINT}"/>'
        )
    _, step = _nice_top(top, ticks=5)
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
                f'<polyline points="{_points(spots)}" fill="none" stroke="{line.colour}" '
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
    legend = [_LegendItem(full, "line", colour=colour, marker="circle")] if steps else []
    if any(not s.filled for s in steps):
        legend.append(_LegendItem(part, "line", colour=colour, marker="hollow-circle"))
    if ahead is not None:
        legend.append(_LegendItem(next_one, "dashed-line", colour=colour, marker="diamond"))
    canvas = _Canvas(key, title, summary, legend)
    days = _Days(canvas, start, end)
    top = max(top, 1)
    _, step = _nice_top(top, ticks=min(top, 5))
    step = max(1.0, float(round(step)))

    def level(value: int) -> float:
        return canvas.bottom - (value / top) * PLOT_HEIGHT

    value = 0.0
    while value <= top + 1e-9:
        y = level(int(value))
        canvas.body.append(
            f'<line x1="{_num(canvas.left)}" y1="{_num(y)}" x2="{_num(canvas.right)}" '
            f'y2="{_num(y)}" stroke="{GRID}" stroke-width="1"/>'
        )
        if value:
            canvas.text(canvas.left - 5, y + 4, _plain(value), size=SMALL, anchor="end")
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
            f'<polyline points="{_points(path)}" fill="none" stroke="{colour}" '
            'stroke-width="2.5" stroke-linejoin="round"/>'
        )
    if ahead is not None and start <= ahead.day <= days.end:
        x, y = days.x(ahead.day), level(ahead.value)
        if path:
            canvas.body.append(
                f'<polyline points="{_points([path[-1], (x, path[-1][1]), (x, y)])}" '
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
