"""A figure as PDF drawing operators: the same shapes as its SVG, painted the same way, for the
PDF handout to draw without parsing SVG.

The operators draw the picture ``width`` points wide with its top-left corner at the origin
and y up, as a PDF page has it (the picture lies below the origin); the page places it with a
translation. Every shape sets its own colours, stroke width, caps and joins, so the operators
belong between ``q`` and ``Q``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from strideback.core.drawing.figures.render import MARGIN, WIDTH, Drawing
from strideback.core.drawing.figures.shapes import GROUND_INK, GROUND_WIDTH, Shape

__all__ = ["figure_operators"]

_CAPS = {"butt": 0, "round": 1, "square": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}
_KAPPA = 4 / 3 * (math.sqrt(2) - 1)  # a quarter circle as one cubic Bézier curve
_BLACK = "#000000"  # SVG's fill when a shape names none

Point = tuple[float, float]
_At = Callable[[float, float], str]  # a point of the picture as it is written on the page


def figure_operators(drawing: Drawing, width: float) -> str:
    """The drawing's operators, ``width`` points wide (and three quarters of that high)."""
    unit = width / WIDTH  # points per picture unit

    def at(x: float, y: float) -> str:
        """A point of the picture (units, y down) on the page (points, y up)."""
        return f"{_num(x * unit)} {_num(-y * unit)}"

    ground = drawing.y(0)
    ops = [
        "4 M",  # SVG's miter limit
        f"{_colour(GROUND_INK)} RG {_num(GROUND_WIDTH * unit)} w 1 J 0 j "
        f"{at(MARGIN / 2, ground)} m {at(WIDTH - MARGIN / 2, ground)} l S",
    ]
    for shape in drawing.shapes:
        ops.append(_shape(drawing, shape, unit, at))
    return "\n".join(ops)


def _shape(drawing: Drawing, shape: Shape, unit: float, at: _At) -> str:
    attrs = dict(shape.attrs)
    fill = attrs.get("fill", _BLACK)
    stroke = attrs.get("stroke", "none")
    if shape.kind == "line":
        fill = "none"  # a line has no inside
    state: list[str] = []
    if fill != "none":
        state.append(f"{_colour(fill)} rg")
    if stroke != "none":
        state.append(f"{_colour(stroke)} RG")
        state.append(f"{_num(float(attrs.get('stroke-width', '1')) * drawing.scale * unit)} w")
        state.append(f"{_CAPS[attrs.get('stroke-linecap', 'butt')]} J")
        state.append(f"{_JOINS[attrs.get('stroke-linejoin', 'miter')]} j")
    paint = {(True, True): "B", (True, False): "f", (False, True): "S"}.get(
        (fill != "none", stroke != "none"), "n"
    )
    path = _path(drawing, shape, unit, at)
    return f"{' '.join(state)} {path} {paint}".strip()


def _path(drawing: Drawing, shape: Shape, unit: float, at: _At) -> str:
    x_of, y_of, scale = drawing.x, drawing.y, drawing.scale
    if shape.kind in ("line", "polyline"):
        first, *rest = shape.points
        return " ".join(
            [f"{at(x_of(first[0]), y_of(first[1]))} m"]
            + [f"{at(x_of(x), y_of(y))} l" for x, y in rest]
        )
    if shape.kind in ("circle", "ellipse"):
        (cx, cy) = shape.points[0]
        return _ellipse(x_of(cx), y_of(cy), shape.radius[0] * scale, shape.radius[1] * scale, at)
    if shape.kind == "rect":
        (x0, y0), (x1, y1) = shape.points
        low_left = at(x_of(x0), y_of(y0))
        return f"{low_left} {_num((x1 - x0) * scale * unit)} {_num((y1 - y0) * scale * unit)} re"
    parts: list[str] = []
    here: Point = (0.0, 0.0)
    for command, values in shape.path:
        if command == "Z":
            parts.append("h")
        elif command == "A":
            rx, ry, _, large, sweep, ex, ey = values
            end = (x_of(ex), y_of(ey))
            for c1, c2, to in _arc(here, end, rx * scale, ry * scale, bool(large), bool(sweep)):
                parts.append(f"{at(*c1)} {at(*c2)} {at(*to)} c")
            here = end
        else:
            here = (x_of(values[0]), y_of(values[1]))
            parts.append(f"{at(*here)} {'m' if command == 'M' else 'l'}")
    return " ".join(parts)


def _ellipse(cx: float, cy: float, rx: float, ry: float, at: _At) -> str:
    """An ellipse as four Bézier curves, as fpdf2 and PDF writers draw one."""
    lx, ly = _KAPPA * rx, _KAPPA * ry
    return " ".join(
        [
            f"{at(cx + rx, cy)} m",
            f"{at(cx + rx, cy + ly)} {at(cx + lx, cy + ry)} {at(cx, cy + ry)} c",
            f"{at(cx - lx, cy + ry)} {at(cx - rx, cy + ly)} {at(cx - rx, cy)} c",
            f"{at(cx - rx, cy - ly)} {at(cx - lx, cy - ry)} {at(cx, cy - ry)} c",
            f"{at(cx + lx, cy - ry)} {at(cx + rx, cy - ly)} {at(cx + rx, cy)} c",
            "h",
        ]
    )


def _arc(
    start: Point, end: Point, rx: float, ry: float, large: bool, sweep: bool
) -> list[tuple[Point, Point, Point]]:
    """SVG's elliptical arc (not rotated) from ``start`` to ``end`` as cubic Bézier curves
    of at most a quarter turn each, in the picture's units (y down), as SVG defines it."""
    x1, y1 = start
    x2, y2 = end
    hx, hy = (x1 - x2) / 2, (y1 - y2) / 2
    reach = hx**2 / rx**2 + hy**2 / ry**2
    if reach > 1:  # too small to join the ends: SVG scales the radii up
        rx, ry = rx * math.sqrt(reach), ry * math.sqrt(reach)
    top = rx**2 * ry**2 - rx**2 * hy**2 - ry**2 * hx**2
    bottom = rx**2 * hy**2 + ry**2 * hx**2
    root = math.sqrt(max(0.0, top / bottom)) * (-1 if large == sweep else 1)
    ccx, ccy = root * rx * hy / ry, -root * ry * hx / rx
    cx, cy = ccx + (x1 + x2) / 2, ccy + (y1 + y2) / 2
    theta = math.atan2((hy - ccy) / ry, (hx - ccx) / rx)
    turn = math.atan2((-hy - ccy) / ry, (-hx - ccx) / rx) - theta
    if sweep and turn < 0:
        turn += 2 * math.pi
    elif not sweep and turn > 0:
        turn -= 2 * math.pi
    pieces = max(1, math.ceil(abs(turn) / (math.pi / 2) - 1e-9))
    step = turn / pieces
    alpha = 4 / 3 * math.tan(step / 4)
    curves: list[tuple[Point, Point, Point]] = []
    for index in range(pieces):
        a, b = theta + index * step, theta + (index + 1) * step
        p0 = (cx + rx * math.cos(a), cy + ry * math.sin(a))
        p3 = (cx + rx * math.cos(b), cy + ry * math.sin(b))
        c1 = (p0[0] - alpha * rx * math.sin(a), p0[1] + alpha * ry * math.cos(a))
        c2 = (p3[0] + alpha * rx * math.sin(b), p3[1] - alpha * ry * math.cos(b))
        curves.append((c1, c2, p3))
    return curves


def _colour(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return f"{_num(red, 3)} {_num(green, 3)} {_num(blue, 3)}"


def _num(value: float, places: int = 2) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
