"""Props drawn with a figure, in a muted colour: a wall, a chair, a step, balls, a band,
a cushion and a mat, placed where the body touches them."""

from __future__ import annotations

from strideback.core.catalog.pose import Pose
from strideback.core.drawing.figures.geometry import Vec
from strideback.core.drawing.figures.shapes import LIMB, PROP_FILL, PROP_INK, WALL_FILL, Shape
from strideback.core.drawing.figures.skeleton import Projected, body_bottom, body_point, view_dir

__all__ = ["prop_shapes"]


def _prop_stroke(fill: str = PROP_FILL) -> tuple[tuple[str, str], ...]:
    return (
        ("fill", fill),
        ("stroke", PROP_INK),
        ("stroke-width", "0.02"),
        ("stroke-linejoin", "round"),
    )


def _rect(x0: float, y0: float, x1: float, y1: float, fill: str = PROP_FILL) -> Shape:
    low_x, high_x = min(x0, x1), max(x0, x1)
    low_y, high_y = min(y0, y1), max(y0, y1)
    return Shape("rect", ((low_x, low_y), (high_x, high_y)), _prop_stroke(fill), pad=0.01)


_WALL_AXIS: dict[str, Vec] = {
    "in_front": (1.0, 0.0, 0.0),
    "behind": (-1.0, 0.0, 0.0),
    "near_side": (0.0, 0.0, 1.0),
    "far_side": (0.0, 0.0, -1.0),
}


def _side_sign(pose: Pose, axis: Vec) -> float:
    x, _ = view_dir(pose, axis)
    return 1.0 if x >= 0 else -1.0


def prop_shapes(
    pose: Pose, p: Projected, body: list[tuple[float, float]]
) -> tuple[list[Shape], list[Shape]]:
    """Props behind the figure and props in front of it."""
    behind: list[Shape] = []
    front: list[Shape] = []
    props = pose.props
    xs = [x for x, _ in body]
    centre_x = p.xy["pelvis"][0]
    ball_radius = 0.27
    ball_centre: tuple[float, float] | None = None
    wall_sign = _side_sign(pose, _WALL_AXIS[props.wall]) if props.wall else None
    if props.ball:
        px, py = body_point(p, props.ball)
        sign = wall_sign if wall_sign is not None else (1.0 if px >= centre_x else -1.0)
        ball_centre = (px + sign * (ball_radius + LIMB / 2), max(py, ball_radius))
        behind.append(
            Shape(
                "circle",
                (ball_centre,),
                _prop_stroke(),
                pad=ball_radius + 0.01,
                radius=(ball_radius, ball_radius),
            )
        )
    if props.wall and wall_sign is not None:
        reach = [*xs]
        if ball_centre is not None:
            reach += [ball_centre[0] - ball_radius, ball_centre[0] + ball_radius]
        edge = max(reach) if wall_sign > 0 else min(reach)
        top = max(2.0, max(y for _, y in body) + 0.2)
        behind.insert(0, _rect(edge, 0.0, edge + wall_sign * 0.08, top, WALL_FILL))
    if props.chair:
        px, _ = body_point(p, props.chair)
        seat = body_bottom(p, props.chair)
        back = -_side_sign(pose, (1.0, 0.0, 0.0)) if pose.seen_from != "front" else 1.0
        half = 0.22
        legs_ink = (
            ("fill", "none"),
            ("stroke", PROP_INK),
            ("stroke-width", "0.04"),
            ("stroke-linecap", "round"),
        )
        behind.append(
            Shape(
                "line", ((px + back * half, seat), (px + back * half, seat + 0.45)), legs_ink, 0.02
            )
        )
        behind.append(Shape("line", ((px - half, 0.0), (px - half, seat)), legs_ink, 0.02))
        behind.append(Shape("line", ((px + half, 0.0), (px + half, seat)), legs_ink, 0.02))
        behind.append(_rect(px - half - 0.03, seat - 0.05, px + half + 0.03, seat))
    if props.step:
        px, _ = body_point(p, props.step)
        top = body_bottom(p, props.step)
        behind.append(_rect(px - 0.24, 0.0, px + 0.24, top))
    if props.cushion:
        px, _ = body_point(p, props.cushion)
        behind.append(
            Shape("ellipse", ((px, 0.03),), _prop_stroke(), pad=0.02, radius=(0.16, 0.045))
        )
    if props.mat:
        low, high = min(xs) - 0.1, max(xs) + 0.1
        behind.insert(0, _rect(low, 0.0, high, 0.02))
    if props.squeeze_ball:
        kx, ky = body_point(p, "knees")
        front.append(Shape("circle", ((kx, ky),), _prop_stroke(), pad=0.09, radius=(0.08, 0.08)))
    if props.band:
        joint = "knee" if props.band == "knees" else "ankle"
        a = p.xy[f"near_{joint}"]
        b = p.xy[f"far_{joint}"]
        lift = 0.09 if props.band == "knees" else 0.05
        front.append(
            Shape(
                "line",
                ((a[0], a[1] + lift), (b[0], b[1] + lift)),
                (
                    ("fill", "none"),
                    ("stroke", PROP_INK),
                    ("stroke-width", "0.045"),
                    ("stroke-linecap", "round"),
                ),
                pad=0.06,
            )
        )
    return behind, front
