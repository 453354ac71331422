"""The frame every chart shares: its sizes and colours, the looks a series is drawn in, numbers
and text laid out the same every time, and the canvas (legend, plot area, axes, markers) that
renders to an ``<svg>``."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Literal

__all__ = [
    "CHAR",
    "DONE",
    "FAINT",
    "FONT",
    "GRID",
    "INK",
    "LEFT",
    "LEGEND_ROW",
    "LOOKS",
    "MARK",
    "MUTED",
    "PART",
    "PLANNED",
    "PLOT_HEIGHT",
    "RIGHT",
    "SKIPPED",
    "SMALL",
    "WIDTH",
    "Canvas",
    "LegendItem",
    "LegendShape",
    "Look",
    "Pattern",
    "nice_top",
    "num",
    "plain",
    "svg_points",
    "text_width",
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


# ---------------------------------------------------------------------------------------
# Numbers and text.


def num(value: float) -> str:
    """A coordinate with at most one decimal, the same every time."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text_width(text: str, size: int = FONT) -> float:
    return len(text) * size * CHAR


def nice_top(highest: float, ticks: int = 4) -> tuple[float, float]:
    """A round top for the y axis and the step between its lines."""
    if highest <= 0:
        return 1.0, 1.0
    raw = highest / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if step < 1:
        step = 1.0
    return step * math.ceil(highest / step - 1e-9), step


def plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _key(key: str) -> str:
    """Keys become id prefixes: letters, digits and dashes only."""
    cleaned = re.sub(r"[^a-z0-9-]+", "-", key.lower()).strip("-")
    return cleaned or "chart"


# ---------------------------------------------------------------------------------------
# The frame every chart shares: legend, plot area, axes.

LegendShape = Literal["box", "line", "dashed-line", "mark", "band", "tick"]


@dataclass(frozen=True)
class LegendItem:
    label: str
    shape: LegendShape
    look: Look | None = None
    colour: str = INK
    marker: Literal["circle", "square", "diamond", "hollow-circle", "none"] = "none"


class Canvas:
    def __init__(self, key: str, title: str, summary: str, legend: Sequence[LegendItem]) -> None:
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
    def _legend_rows(items: Sequence[LegendItem]) -> list[list[tuple[float, LegendItem]]]:
        rows: list[list[tuple[float, LegendItem]]] = [[]]
        x = 0.0
        for item in items:
            width = 24 + text_width(item.label, SMALL) + 14
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

    def _swatch(self, x: float, y: float, item: LegendItem) -> None:
        middle = y + 7
        if item.shape == "box" and item.look is not None:
            self.bar(x + 2, y + 1, 14, 12, item.look)
        elif item.shape in ("line", "dashed-line"):
            dash = ' stroke-dasharray="5 3"' if item.shape == "dashed-line" else ""
            self.body.append(
                f'<line x1="{num(x)}" y1="{num(middle)}" x2="{num(x + 18)}" '
                f'y2="{num(middle)}" stroke="{item.colour}" stroke-width="2"{dash}/>'
            )
        elif item.shape == "tick":
            self.body.append(
                f'<line x1="{num(x + 1)}" y1="{num(middle)}" x2="{num(x + 17)}" '
                f'y2="{num(middle)}" stroke="{item.colour}" stroke-width="3"/>'
            )
        elif item.shape == "band":
            self.body.append(
                f'<rect x="{num(x + 3)}" y="{num(y)}" width="12" height="14" fill="{FAINT}"/>'
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
            f'<text x="{num(x)}" y="{num(y)}" font-size="{size}" fill="{fill}"{middle}{weight}>'
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
            f'<rect x="{num(x)}" y="{num(y)}" width="{num(width)}" height="{num(height)}" '
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
                f'<circle cx="{num(x)}" cy="{num(y)}" r="4" fill="{colour}" '
                'stroke="#ffffff" stroke-width="1.5"/>'
            )
        elif shape == "hollow-circle":
            self.body.append(
                f'<circle cx="{num(x)}" cy="{num(y)}" r="4" fill="#ffffff" '
                f'stroke="{colour}" stroke-width="2"/>'
            )
        elif shape == "square":
            self.body.append(
                f'<rect x="{num(x - 4)}" y="{num(y - 4)}" width="8" height="8" '
                f'fill="{colour}" stroke="#ffffff" stroke-width="1.5"/>'
            )
        else:
            points = [(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y)]
            self.body.append(
                f'<polygon points="{svg_points(points)}" fill="#ffffff" '
                f'stroke="{colour}" stroke-width="2"/>'
            )

    def triangle(self, x: float, y: float) -> None:
        """A small mark pointing down at a marked day."""
        self.body.append(
            f'<polygon points="{svg_points([(x - 5, y), (x + 5, y), (x, y + 7)])}" fill="{MARK}"/>'
        )

    def y_axis(self, top: float, step: float, unit: str) -> None:
        value = 0.0
        while value <= top + 1e-9:
            y = self.y_of(value, top)
            self.body.append(
                f'<line x1="{num(self.left)}" y1="{num(y)}" x2="{num(self.right)}" '
                f'y2="{num(y)}" stroke="{GRID}" stroke-width="1"/>'
            )
            self.text(self.left - 5, y + 4, plain(value), size=SMALL, anchor="end")
            value += step
        self.text(4, self.top - 11, unit, size=SMALL, fill=MUTED)

    def y_of(self, value: float, top: float) -> float:
        share = min(max(value / top, 0.0), 1.0) if top else 0.0
        return self.bottom - share * PLOT_HEIGHT

    def baseline(self) -> None:
        self.body.append(
            f'<line x1="{num(self.left)}" y1="{num(self.bottom)}" x2="{num(self.right)}" '
            f'y2="{num(self.bottom)}" stroke="{MUTED}" stroke-width="1.5"/>'
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
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {num(self.height)}" '
            f'role="img" aria-labelledby="{title_id}" aria-describedby="{desc_id}" '
            f'class="chart-svg" font-family="inherit">'
            f'<title id="{title_id}">{escape(self.title)}</title>'
            f'<desc id="{desc_id}">{escape(self.summary)}</desc>'
            f"{defs}{''.join(self.body)}</svg>"
        )


def svg_points(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)
