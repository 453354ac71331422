"""A figure as a complete SVG: the pose posed, its body, props and arrow drawn, and the
whole fitted into a 4:3 view box over a ground line; and the picture of a catalog exercise."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from strideback.core.catalog import Exercise
from strideback.core.catalog.pose import Pose
from strideback.core.drawing.figures.arrows import arrow_shapes
from strideback.core.drawing.figures.body import figure_shapes
from strideback.core.drawing.figures.postures import default_pose, resolve
from strideback.core.drawing.figures.props import prop_shapes
from strideback.core.drawing.figures.shapes import GROUND_INK, GROUND_WIDTH, Shape
from strideback.core.drawing.figures.skeleton import pose_skeleton, project
from strideback.core.errors import InputError, Problem

__all__ = [
    "HEIGHT",
    "MARGIN",
    "SCALE",
    "WIDTH",
    "Drawing",
    "exercise_drawing",
    "exercise_figure",
    "pose_drawing",
    "practice_exercise_figure",
    "render_pose",
]

# The picture: a 4:3 view box; the figure is scaled to fill it, 1 m being at most SCALE units.
WIDTH = 200.0
HEIGHT = 150.0
SCALE = 95.0
MARGIN = 6.0


@dataclass(frozen=True)
class Drawing:
    """A figure ready to draw: its shapes in metres, back to front, and where they sit in the
    picture (``WIDTH`` by ``HEIGHT`` units, y down): a point (x, y) in metres is at
    ``(origin_x + scale * x, origin_y - scale * y)``. The SVG and the PDF are drawn from it."""

    shapes: tuple[Shape, ...]
    scale: float
    origin_x: float
    origin_y: float

    def x(self, x: float) -> float:
        return self.origin_x + self.scale * x

    def y(self, y: float) -> float:
        return self.origin_y - self.scale * y


@lru_cache(maxsize=256)
def pose_drawing(pose: Pose) -> Drawing:
    """The pose's shapes, fitted into the picture (kept: a pose is drawn once per process)."""
    skeleton = pose_skeleton(resolve(pose))
    projected = project(pose, skeleton)
    body = figure_shapes(pose, projected)
    body_points = [pt for _, shape in body for pt in shape.points]
    behind, front = prop_shapes(pose, projected, body_points)
    arrows = arrow_shapes(pose, projected, [shape for _, shape in body])
    ordered = [shape for _, shape in sorted(body, key=lambda item: item[0])]
    shapes = (*behind, *ordered, *front, *arrows)
    low_x, low_y, high_x, high_y = _extent(shapes)
    room_w = WIDTH - 2 * MARGIN
    room_h = HEIGHT - 2 * MARGIN
    scale = min(SCALE, room_w / (high_x - low_x), room_h / (high_y - low_y))
    origin_x = WIDTH / 2 - scale * (low_x + high_x) / 2
    origin_y = HEIGHT - MARGIN + scale * low_y  # the lowest drawing sits on the bottom margin
    return Drawing(shapes, scale, origin_x, origin_y)


def exercise_drawing(exercise: Exercise) -> Drawing:
    """The drawing of a catalog exercise: its pose, or a plain figure in its position."""
    return pose_drawing(exercise.pose or default_pose(exercise.position))


def render_pose(pose: Pose, *, title: str) -> str:
    """A complete SVG of the pose, titled for screen readers; it scales to any size."""
    return _svg(pose_drawing(pose), title)


def _extent(shapes: tuple[Shape, ...]) -> tuple[float, float, float, float]:
    xs: list[float] = [-0.3, 0.3]
    ys: list[float] = [0.0]
    for shape in shapes:
        # A circle or an ellipse reaches its radius on each axis, plus half its stroke.
        stroke = float(dict(shape.attrs).get("stroke-width", "0")) / 2
        pad_x = max(shape.pad, shape.radius[0] + stroke)
        pad_y = max(shape.pad, shape.radius[1] + stroke)
        for x, y in shape.points:
            xs += [x - pad_x, x + pad_x]
            ys += [y - pad_y, y + pad_y]
    return min(xs), min(ys), max(xs), max(ys)


def _svg(drawing: Drawing, title: str) -> str:
    scale = drawing.scale

    def x_of(x: float) -> str:
        return _num(drawing.x(x))

    def y_of(y: float) -> str:
        return _num(drawing.y(y))

    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(WIDTH)} {_num(HEIGHT)}" '
        'role="img">',
        f"<title>{_escape(title)}</title>",
        f'<line x1="{_num(MARGIN / 2)}" y1="{y_of(0)}" x2="{_num(WIDTH - MARGIN / 2)}" '
        f'y2="{y_of(0)}" stroke="{GROUND_INK}" stroke-width="{_num(GROUND_WIDTH)}" '
        'stroke-linecap="round"/>',
    ]
    for shape in drawing.shapes:
        attrs = " ".join(
            f'{name}="{_num(float(value) * scale) if name == "stroke-width" else value}"'
            for name, value in shape.attrs
        )
        if shape.kind == "polyline":
            pts = " ".join(f"{x_of(x)},{y_of(y)}" for x, y in shape.points)
            if len(shape.points) == 2:
                (x1, y1), (x2, y2) = shape.points
                lines.append(
                    f'<line x1="{x_of(x1)}" y1="{y_of(y1)}" x2="{x_of(x2)}" y2="{y_of(y2)}" {attrs}/>'
                )
            else:
                lines.append(f'<polyline points="{pts}" {attrs}/>')
        elif shape.kind == "line":
            (x1, y1), (x2, y2) = shape.points
            lines.append(
                f'<line x1="{x_of(x1)}" y1="{y_of(y1)}" x2="{x_of(x2)}" y2="{y_of(y2)}" {attrs}/>'
            )
        elif shape.kind == "circle":
            (cx, cy) = shape.points[0]
            lines.append(
                f'<circle cx="{x_of(cx)}" cy="{y_of(cy)}" r="{_num(shape.radius[0] * scale)}" {attrs}/>'
            )
        elif shape.kind == "ellipse":
            (cx, cy) = shape.points[0]
            lines.append(
                f'<ellipse cx="{x_of(cx)}" cy="{y_of(cy)}" rx="{_num(shape.radius[0] * scale)}" '
                f'ry="{_num(shape.radius[1] * scale)}" {attrs}/>'
            )
        elif shape.kind == "rect":
            (x0, y0), (x1, y1) = shape.points
            lines.append(
                f'<rect x="{x_of(x0)}" y="{y_of(y1)}" width="{_num((x1 - x0) * scale)}" '
                f'height="{_num((y1 - y0) * scale)}" {attrs}/>'
            )
        else:
            parts: list[str] = []
            for command, values in shape.path:
                if command == "Z":
                    parts.append("Z")
                elif command == "A":
                    rx, ry, rot, large, sweep, ex, ey = values
                    parts.append(
                        f"A{_num(rx * scale)} {_num(ry * scale)} {int(rot)} {int(large)} "
                        f"{int(sweep)} {x_of(ex)} {y_of(ey)}"
                    )
                else:
                    parts.append(f"{command}{x_of(values[0])} {y_of(values[1])}")
            lines.append(f'<path d="{" ".join(parts)}" {attrs}/>')
    lines.append("</svg>")
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def exercise_figure(exercise: Exercise) -> str:
    """The picture of a catalog exercise: its pose, or a plain figure in its position."""
    pose = exercise.pose or default_pose(exercise.position)
    return render_pose(pose, title=f"{exercise.name}: the key position")


def practice_exercise_figure(exercise: Exercise, source: str) -> str:
    """The picture of a practice's own exercise, drawn from its own pose (never a stand-in
    figure); a pose that is missing or cannot be drawn is bad input on ``pose``."""
    if exercise.pose is None:
        raise InputError(source, [Problem("pose", "a practice exercise needs a pose to draw.")])
    try:
        return render_pose(exercise.pose, title=f"{exercise.name}: the key position")
    except (ArithmeticError, ValueError, LookupError) as error:
        # The schema checks each angle; a combination the drawing cannot place is caught here.
        raise InputError(
            source, [Problem("pose", f"could not be drawn ({error}); try other angles.")]
        ) from None


def _num(value: float) -> str:
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text
