"""The movement's arrow by a body point: straight, both ways, a circle or a rocking arc,
placed where it keeps off the body."""

from __future__ import annotations

import itertools
import math

from strideback.core.catalog.pose import Pose
from strideback.core.drawing.figures.geometry import Vec
from strideback.core.drawing.figures.shapes import ARROW_INK, LIMB, Shape
from strideback.core.drawing.figures.skeleton import Projected, body_point, view_dir

__all__ = ["ARROW_SPAN", "Segment", "arrow_shapes"]


_ARROW_AXIS: dict[str, Vec] = {
    "up": (0.0, 1.0, 0.0),
    "down": (0.0, -1.0, 0.0),
    "forward": (1.0, 0.0, 0.0),
    "back": (-1.0, 0.0, 0.0),
}


_ARROW_INK = (
    ("fill", "none"),
    ("stroke", ARROW_INK),
    ("stroke-width", "0.035"),
    ("stroke-linecap", "round"),
    ("stroke-linejoin", "round"),
)
_PAIRS = {"knees": ("near_knee", "far_knee"), "feet": ("near_foot", "far_foot")}
ARROW_SPAN = 0.26


def arrow_shapes(pose: Pose, p: Projected, body: list[Shape]) -> list[Shape]:
    arrow = pose.arrow
    if arrow is None:
        return []
    if arrow.direction in ("out", "in") and arrow.at in _PAIRS:
        return [
            shape
            for point in _PAIRS[arrow.at]
            for shape in _arrow_at(pose, p, body, point, arrow.direction, arrow.both_ways)
        ]
    return _arrow_at(pose, p, body, arrow.at, arrow.direction, arrow.both_ways)


Segment = tuple[tuple[float, float], tuple[float, float], float]


def _segments(body: list[Shape]) -> list[Segment]:
    """The body as line segments, each with the half width it is drawn at."""
    found: list[Segment] = []
    for shape in body:
        points = list(shape.points)
        if shape.kind == "circle":
            found.append((points[0], points[0], shape.pad))
            continue
        if shape.kind == "path":
            points.append(points[0])  # the trunk's outline is closed
        found += [(a, b, shape.pad) for a, b in itertools.pairwise(points)]
    return found


def _distance(point: tuple[float, float], segment: Segment) -> float:
    (ax, ay), (bx, by), _ = segment
    px, py = point
    length = (bx - ax) ** 2 + (by - ay) ** 2
    share = 0.0 if length == 0 else ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length
    share = min(1.0, max(0.0, share))
    return math.hypot(px - (ax + share * (bx - ax)), py - (ay + share * (by - ay)))


def _clear(start: tuple[float, float], end: tuple[float, float], body: list[Segment]) -> bool:
    """Whether an arrow from start to end keeps off the body (its first tenth may touch)
    and above the floor."""
    if min(start[1], end[1]) < 0.06:
        return False
    for step in range(1, 11):
        share = step / 10
        point = (start[0] + (end[0] - start[0]) * share, start[1] + (end[1] - start[1]) * share)
        if any(_distance(point, segment) < segment[2] + 0.045 for segment in body):
            return False
    return True


def _arrow_at(
    pose: Pose, p: Projected, body: list[Shape], at: str, direction: str, both_ways: bool
) -> list[Shape]:
    px, py = body_point(p, at)
    cx, cy = body_point(p, "belly")
    if direction in ("circle", "rock"):
        return [_curved_arrow(px, py, rock=direction == "rock")]
    if direction in ("out", "in"):
        side = -1.0 if at.startswith("far") else 1.0
        axis: Vec = (0.0, 0.0, side if direction == "out" else -side)
    else:
        axis = _ARROW_AXIS[direction]
    dx, dy = view_dir(pose, axis)
    length = math.hypot(dx, dy)
    dx, dy = dx / length, dy / length
    # Beside the point, first on the side away from the middle of the body.
    nx, ny = -dy, dx
    if (px - cx) * nx + (py - cy) * ny < 0:
        nx, ny = -nx, -ny
    candidates: list[tuple[float, float]] = []  # where the arrow starts
    if both_ways:
        for offset in (0.17, -0.17, 0.3, -0.3):
            middle = (px + nx * offset, py + ny * offset)
            candidates.append((middle[0] - dx * ARROW_SPAN / 2, middle[1] - dy * ARROW_SPAN / 2))
        for along in (1.0, -1.0):  # beyond the point, the way it moves
            reach = along * (LIMB + 0.08 + ARROW_SPAN / 2)
            middle = (px + dx * reach, py + dy * reach)
            candidates.append((middle[0] - dx * ARROW_SPAN / 2, middle[1] - dy * ARROW_SPAN / 2))
    else:
        # Leaving the point, or for "in" arriving at it from outside; else beside it.
        gap = LIMB + 0.05
        first = ARROW_SPAN + gap if direction == "in" else -gap
        candidates.append((px - dx * first, py - dy * first))
        for offset in (0.2, -0.2, 0.32, -0.32):
            candidates.append((px + nx * offset - dx * 0.05, py + ny * offset - dy * 0.05))
    segments = _segments(body)
    start = candidates[0]
    for candidate in candidates:
        end = (candidate[0] + dx * ARROW_SPAN, candidate[1] + dy * ARROW_SPAN)
        if _clear(candidate, end, segments):
            start = candidate
            break
    end = (start[0] + dx * ARROW_SPAN, start[1] + dy * ARROW_SPAN)
    commands = [("M", start), ("L", end), *_head(end, (dx, dy))]
    if both_ways:
        commands += _head(start, (-dx, -dy))
    return [Shape("path", (start, end), _ARROW_INK, 0.08, path=tuple(commands))]


def _curved_arrow(px: float, py: float, *, rock: bool) -> Shape:
    """A circle nearly closed around the point, or an arc over it rocking to and fro."""
    if rock:
        r = 0.24
        a0, a1 = math.radians(50), math.radians(130)
        start = (px + r * math.cos(a0), py + r * math.sin(a0))
        end = (px + r * math.cos(a1), py + r * math.sin(a1))
        commands: list[tuple[str, tuple[float, ...]]] = [
            ("M", start),
            ("A", (r, r, 0, 0, 0, *end)),
            *_head(end, (-math.sin(a1), math.cos(a1))),
            *_head(start, (math.sin(a0), -math.cos(a0))),
        ]
        reach = (px - r, py), (px + r, py + r)
        return Shape("path", (start, end, *reach), _ARROW_INK, 0.08, path=tuple(commands))
    r = 0.14
    start = (px + r, py)
    end = (px, py - r)
    commands = [("M", start), ("A", (r, r, 0, 1, 0, *end)), *_head(end, (1.0, 0.0))]
    reach = (px - r, py - r), (px + r, py + r)
    return Shape("path", (start, end, *reach), _ARROW_INK, 0.08, path=tuple(commands))


def _head(tip: tuple[float, float], d: tuple[float, float]) -> list[tuple[str, tuple[float, ...]]]:
    """The two strokes of an arrowhead at ``tip`` pointing along ``d``."""
    size = 0.08
    back = (tip[0] - d[0] * size, tip[1] - d[1] * size)
    nx, ny = -d[1] * size * 0.7, d[0] * size * 0.7
    return [
        ("M", (back[0] + nx, back[1] + ny)),
        ("L", tip),
        ("L", (back[0] - nx, back[1] - ny)),
    ]
