"""How a figure is drawn: stroke widths in metres, the colours, and one SVG element as a shape."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ARM",
    "ARROW_INK",
    "FAR_INK",
    "GROUND_INK",
    "GROUND_WIDTH",
    "HALO",
    "HALO_INK",
    "INK",
    "LIMB",
    "PROP_FILL",
    "PROP_INK",
    "TRUNK_WIDTH",
    "WALL_FILL",
    "Shape",
    "limb",
]

# Stroke widths in metres, and the look.
LIMB = 0.075
ARM = 0.062
TRUNK_WIDTH = 0.13
INK = "#1f2933"  # body, near side
FAR_INK = "#8a96a3"  # body, far side
PROP_INK = "#6f8797"  # props: muted blue-grey
PROP_FILL = "#dce6ec"
WALL_FILL = "#c9d6df"
GROUND_INK = "#9aa5b1"
GROUND_WIDTH = 2.0  # the floor line, in picture units (not metres)
ARROW_INK = "#c2410c"
HALO_INK = "#ffffff"
HALO = 0.03


@dataclass(frozen=True)
class Shape:
    """One SVG element: its tag, its points (metres), extra attributes and its reach."""

    kind: Literal["line", "polyline", "circle", "ellipse", "rect", "path"]
    points: tuple[tuple[float, float], ...]
    attrs: tuple[tuple[str, str], ...] = ()
    pad: float = 0.0  # how far the drawing reaches beyond its points (half a stroke, a radius)
    radius: tuple[float, float] = (0.0, 0.0)
    path: tuple[tuple[str, tuple[float, ...]], ...] = ()


def limb(points: Iterable[tuple[float, float]], colour: str, width: float = LIMB) -> Shape:
    """A thick line with rounded ends and joints through the points: a limb, or the neck."""
    return Shape(
        "polyline",
        tuple(points),
        (
            ("fill", "none"),
            ("stroke", colour),
            ("stroke-width", repr(width)),
            ("stroke-linecap", "round"),
            ("stroke-linejoin", "round"),
        ),
        pad=width / 2,
    )
