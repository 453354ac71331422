"""Bar charts: bars side by side for each label (``grouped_bars``), or stacked in layers
(``stacked_bars``), with labels that wrap or thin out when they would crowd."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from strideback.core.drawing.charts.frame import (
    INK,
    SMALL,
    Canvas,
    LegendItem,
    Look,
    nice_top,
    num,
    plain,
    text_width,
)

__all__ = [
    "Bars",
    "grouped_bars",
    "stacked_bars",
]


@dataclass(frozen=True)
class Bars:
    """One series of bars: a value (or None: nothing to draw) for each group."""

    name: str
    values: Sequence[float | None]
    look: Look


def _wrapped(label: str, width: float) -> list[str]:
    """The label on one line, or on two when one is too wide for ``width``."""
    words = label.split()
    if text_width(label, SMALL) <= width - 4 or len(words) < 2:
        return [label]
    splits: list[tuple[str, str]] = [
        (" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))
    ]
    first, second = min(splits, key=lambda pair: max(len(pair[0]), len(pair[1])))
    return [first, second]


def _group_labels(canvas: Canvas, labels: Sequence[str], width: float) -> None:
    """A label under each group (on two lines if need be), or under every second or third
    when they would still crowd (the last is always shown)."""
    lines = [_wrapped(label, width) for label in labels]
    widest = max((text_width(line, SMALL) for group in lines for line in group), default=0.0)
    if widest > width - 4:  # still too wide: one line each, and thin them out
        lines = [[label] for label in labels]
        widest = max(text_width(label, SMALL) for label in labels)
    every = max(1, math.ceil((widest + 4) / width))
    last = len(labels) - 1
    for index, group in enumerate(lines):
        crowded = index % every != 0 or last - index < every
        if index != last and crowded:
            continue
        x = canvas.left + width * (index + 0.5)
        for row, line in enumerate(group):
            canvas.text(x, canvas.bottom + 15 + 13 * row, line, size=SMALL, anchor="middle")


def _bar_legend(series: Sequence[Bars]) -> list[LegendItem]:
    return [LegendItem(s.name, "box", s.look) for s in series]


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
        legend.append(LegendItem(target_label, "dashed-line", colour=INK))
    canvas = Canvas(key, title, summary, legend)
    values = [v for s in series for v in s.values if v is not None]
    top, step = nice_top(max([*values, target or 0, 1]))
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
                    plain(value),
                    size=SMALL if bar >= 14 else 9,
                    anchor="middle",
                    fill=INK,
                )
    if target is not None:
        y = canvas.y_of(target, top)
        canvas.body.append(
            f'<line x1="{num(canvas.left)}" y1="{num(y)}" x2="{num(canvas.right)}" '
            f'y2="{num(y)}" stroke="{INK}" stroke-width="1.5" stroke-dasharray="5 3"/>'
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
        legend.append(LegendItem(marks_label, "tick", colour=INK))
    canvas = Canvas(key, title, summary, legend)
    totals = [
        sum(layer.values[i] or 0 for layer in layers if i < len(layer.values))
        for i in range(len(labels))
    ]
    top, step = nice_top(max([*totals, *(m or 0 for m in marks), 1]))
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
                f'<line x1="{num(max(x - 3, canvas.left))}" y1="{num(y)}" '
                f'x2="{num(min(x + width + 3, canvas.right))}" y2="{num(y)}" '
                f'stroke="{INK}" stroke-width="3"/>'
            )
    canvas.baseline()
    _group_labels(canvas, labels, group)
    canvas.x_caption(caption)
    return canvas.render()
