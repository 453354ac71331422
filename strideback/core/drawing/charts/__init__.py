"""Small SVG charts for the progress page, as strings.

Each chart is an ``<svg>`` with a ``viewBox`` only (the page's CSS sizes it), ``role="img"``
and a ``<title>`` and ``<desc>`` that carry its name and plain-words summary. Axis labels
are ``<text>``; there are no styles or scripts, only presentation attributes, so the page's
Content-Security-Policy holds. Every id starts with the chart's key, so several charts can
share a page. Series differ by shape or pattern as well as colour (a hatched bar beside a
solid one, a dashed line with squares beside a solid one with dots), and each chart has a
legend. The same input always gives the same string.

The frame every chart shares is in ``frame``; the charts are in ``bars`` (grouped and
stacked bars) and ``dated`` (lines and steps over days).
"""

from strideback.core.drawing.charts.bars import Bars, grouped_bars, stacked_bars
from strideback.core.drawing.charts.dated import Line, Step, dated_lines, short_date, step_chart
from strideback.core.drawing.charts.frame import (
    DONE,
    FAINT,
    INK,
    LOOKS,
    PART,
    PLANNED,
    SKIPPED,
    Look,
)

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
