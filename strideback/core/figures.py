"""Pictures of exercises, drawn as SVG from joint angles written in the catalog.

A professional describes an exercise's key position as a :class:`Pose`: a base posture, the
lean of the trunk and a few joint angles per limb, in whole degrees. :func:`render_pose` draws
a simple figure of it: a round head, thick rounded limbs, the far-side limbs lighter than the
near side, a ground line, props in a muted colour and an optional arrow for the movement.

The figure is posed in three dimensions and then seen from the side, the front, the back or at
three quarters, so a knee lifted out to the side or a leg lifted while lying on your side shows
as it would in a photograph. The same pose always gives the same bytes.

In side view the figure faces right. "Near" limbs are the ones nearer to you in side view
(drawn darker and in front); in front view they are on the left of the picture, in back view
on the right. A pose only needs the angles that differ from its base posture.

Angles (0 everywhere is standing tall with the arms by the sides):

- ``torso``: lean of the trunk from upright, forward positive: 90 is level and face down (as on
  all fours), -90 is lying on your back, -110 lifts the hips above the shoulders (a bridge).
- ``hip``: flexion, the thigh forward of the trunk (90 is a right angle, as when sitting);
  negative takes the thigh behind the trunk. ``hip_out``: the thigh lifted out to the side.
- ``knee``: bend (0 straight, 90 a right angle).
- ``ankle``: toes pointed (positive, 40 is up on tiptoe) or pulled up (negative) from a right
  angle to the shin; leave it out for a foot flat on the floor.
- ``shoulder``: the arm raised forward (90 level, 180 overhead), negative behind the body.
  ``shoulder_out``: the arm raised out to the side. ``elbow``: bend (0 straight).
- ``head``: nod, chin towards the chest (positive) or head tipped back (negative).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from strideback.core.catalog import Exercise
from strideback.core.catalog.pose import Arm, Arrow, Base, Leg, Point, Pose, Props

__all__ = [
    "BASES",
    "default_pose",
    "exercise_figure",
    "pose_reference_markdown",
    "render_pose",
]


# ---------------------------------------------------------------------------------------
# Base postures: every angle a pose may leave out.


@dataclass(frozen=True)
class _Limbs:
    torso: int
    roll: int  # the whole body turned onto its side: 90 lies on the far side, near side up
    head: int
    near_leg: tuple[int, int, int, int | None]  # hip, hip_out, knee, ankle
    far_leg: tuple[int, int, int, int | None]
    near_arm: tuple[int, int, int]  # shoulder, shoulder_out, elbow
    far_arm: tuple[int, int, int]


BASES: dict[str, _Limbs] = {
    "standing": _Limbs(0, 0, 0, (0, 0, 0, None), (0, 0, 0, None), (5, 0, 10), (5, 0, 10)),
    "split_stance": _Limbs(0, 0, 0, (28, 0, 8, None), (-22, 0, 8, 25), (5, 0, 10), (5, 0, 10)),
    "single_leg_stance": _Limbs(0, 0, 0, (70, 0, 80, 10), (0, 0, 5, None), (5, 0, 10), (5, 0, 10)),
    "wall_lean": _Limbs(25, 0, 0, (0, 0, 0, 35), (0, 0, 0, 35), (65, 0, 10), (65, 0, 10)),
    "kneeling": _Limbs(0, 0, 0, (0, 0, 90, 70), (0, 0, 90, 70), (5, 0, 10), (5, 0, 10)),
    "half_kneeling": _Limbs(0, 0, 0, (85, 0, 85, None), (-10, 0, 90, 70), (5, 0, 10), (5, 0, 10)),
    "quadruped": _Limbs(80, 0, -5, (80, 0, 90, 80), (80, 0, 90, 80), (80, 0, 0), (80, 0, 0)),
    "supine": _Limbs(-90, 0, 0, (50, 0, 100, None), (50, 0, 100, None), (0, 0, 0), (0, 0, 0)),
    "side_lying": _Limbs(0, 90, 0, (0, 0, 0, 10), (30, 0, 70, 10), (20, 0, 20), (180, 0, 0)),
    "seated": _Limbs(0, 0, 0, (90, 0, 90, None), (90, 0, 90, None), (5, 0, 60), (5, 0, 60)),
    "reverse_plank": _Limbs(-70, 0, 0, (0, 0, 0, 50), (0, 0, 0, 50), (-60, 0, 0), (-60, 0, 0)),
}


def default_pose(position: str) -> Pose:
    """A plain figure in a catalog position, for an exercise whose file gives no pose."""
    return Pose.model_validate({"base": position if position in BASES else "standing"})


# ---------------------------------------------------------------------------------------
# Geometry: 3-D vectors as tuples, rotations about the body's axes.

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]


def _rot_x(degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def _rot_y(degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def _rot_z(degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def _mul(a: Mat, b: Mat) -> Mat:
    columns = (
        (b[0][0], b[1][0], b[2][0]),
        (b[0][1], b[1][1], b[2][1]),
        (b[0][2], b[1][2], b[2][2]),
    )
    return (_apply(columns, a[0]), _apply(columns, a[1]), _apply(columns, a[2]))


def _apply(m: Mat, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def _add(a: Vec, b: Vec, scale: float = 1.0) -> Vec:
    return (a[0] + b[0] * scale, a[1] + b[1] * scale, a[2] + b[2] * scale)


def _unit(v: Vec) -> Vec:
    length = math.sqrt(v[0] ** 2 + v[1] ** 2 + v[2] ** 2)
    return (v[0] / length, v[1] / length, v[2] / length)


DOWN: Vec = (0.0, -1.0, 0.0)
UP: Vec = (0.0, 1.0, 0.0)
FORWARD: Vec = (1.0, 0.0, 0.0)

# Body proportions in metres (a woman of about 1.65 m).
PELVIS_HALF = 0.085
SHOULDER_HALF = 0.15
TRUNK = 0.50
NECK = 0.06
HEAD = 0.105  # radius
THIGH = 0.43
SHIN = 0.41
FOOT = 0.15
UPPER_ARM = 0.28
FOREARM = 0.25

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
ARROW_INK = "#c2410c"
HALO_INK = "#ffffff"
HALO = 0.03

# The picture: a 4:3 view box; the figure is scaled to fill it, 1 m being at most SCALE units.
WIDTH = 200.0
HEIGHT = 150.0
SCALE = 95.0
MARGIN = 6.0


@dataclass(frozen=True)
class _Resolved:
    torso: int
    roll: int
    head: int
    legs: dict[str, tuple[int, int, int, int | None]]
    arms: dict[str, tuple[int, int, int]]


def _resolve(pose: Pose) -> _Resolved:
    base = BASES[pose.base]
    legs: dict[str, tuple[int, int, int, int | None]] = {}
    for side, default, own in (
        ("near", base.near_leg, pose.near_leg),
        ("far", base.far_leg, pose.far_leg),
    ):
        values = list(default)
        for index, name in enumerate(("hip", "hip_out", "knee", "ankle")):
            for source in (pose.legs, own):
                value = getattr(source, name)
                if value is not None:
                    values[index] = value
        legs[side] = (int(values[0] or 0), int(values[1] or 0), int(values[2] or 0), values[3])
    arms: dict[str, tuple[int, int, int]] = {}
    for side, arm_default, arm_own in (
        ("near", base.near_arm, pose.near_arm),
        ("far", base.far_arm, pose.far_arm),
    ):
        arm_values = list(arm_default)
        for index, name in enumerate(("shoulder", "shoulder_out", "elbow")):
            for arm_source in (pose.arms, arm_own):
                value = getattr(arm_source, name)
                if value is not None:
                    arm_values[index] = value
        arms[side] = (arm_values[0], arm_values[1], arm_values[2])
    return _Resolved(
        torso=base.torso if pose.torso is None else pose.torso,
        roll=base.roll,
        head=base.head if pose.head is None else pose.head,
        legs=legs,
        arms=arms,
    )


@dataclass(frozen=True)
class _Skeleton:
    """Joint positions in the world (metres, y up), before the view turns them."""

    pelvis: Vec
    neck: Vec
    head: Vec
    hips: dict[str, Vec]
    shoulders: dict[str, Vec]
    knees: dict[str, Vec]
    ankles: dict[str, Vec]
    toes: dict[str, Vec]
    elbows: dict[str, Vec]
    hands: dict[str, Vec]


def _pose_skeleton(r: _Resolved) -> _Skeleton:
    trunk = _mul(_rot_x(-r.roll), _rot_z(-r.torso))
    pelvis: Vec = (0.0, 0.0, 0.0)
    neck = _apply(trunk, (0.0, TRUNK, 0.0))
    head_dir = _apply(trunk, _apply(_rot_z(-r.head), UP))
    head = _add(neck, head_dir, NECK + HEAD)
    hips: dict[str, Vec] = {}
    knees: dict[str, Vec] = {}
    ankles: dict[str, Vec] = {}
    toes: dict[str, Vec] = {}
    shoulders: dict[str, Vec] = {}
    elbows: dict[str, Vec] = {}
    hands: dict[str, Vec] = {}
    for side, sign in (("near", 1.0), ("far", -1.0)):
        hip_angle, hip_out, knee_angle, ankle = r.legs[side]
        leg = _mul(trunk, _mul(_rot_z(hip_angle), _rot_x(-sign * hip_out)))
        hips[side] = _apply(trunk, (0.0, 0.0, sign * PELVIS_HALF))
        knees[side] = _add(hips[side], _apply(leg, DOWN), THIGH)
        shin = _mul(leg, _rot_z(-knee_angle))
        ankles[side] = _add(knees[side], _apply(shin, DOWN), SHIN)
        if ankle is None:
            neutral = _apply(shin, FORWARD)
            flat = (neutral[0], 0.0, neutral[2])
            if math.hypot(flat[0], flat[2]) < 0.3:
                # Toes pointing at the floor or the ceiling: lay the foot in line with the
                # shin instead (the shin is then near level, as when kneeling).
                along = _apply(shin, DOWN)
                flat = (along[0], 0.0, along[2])
            foot = _unit(flat)
        else:
            foot = _apply(_mul(shin, _rot_z(-ankle)), FORWARD)
        toes[side] = _add(ankles[side], foot, FOOT)

        shoulder_angle, shoulder_out, elbow_angle = r.arms[side]
        arm = _mul(trunk, _mul(_rot_z(shoulder_angle), _rot_x(-sign * shoulder_out)))
        shoulders[side] = _add(neck, _apply(trunk, (0.0, -0.03, sign * SHOULDER_HALF)))
        elbows[side] = _add(shoulders[side], _apply(arm, DOWN), UPPER_ARM)
        forearm = _mul(arm, _rot_z(elbow_angle))
        hands[side] = _add(elbows[side], _apply(forearm, DOWN), FOREARM)
    return _Skeleton(pelvis, neck, head, hips, shoulders, knees, ankles, toes, elbows, hands)


_YAW = {
    "side": 0.0,
    "front": -90.0,
    "back": 90.0,
    "three_quarter": -35.0,
    "three_quarter_back": 115.0,
}


@dataclass(frozen=True)
class _Projected:
    """Screen points (metres, y up; the lowest point of the body on the floor) and depths."""

    xy: dict[str, tuple[float, float]]
    depth: dict[str, float]


def _world_points(s: _Skeleton) -> dict[str, Vec]:
    points: dict[str, Vec] = {"pelvis": s.pelvis, "neck": s.neck, "head": s.head}
    for side in ("near", "far"):
        points[f"{side}_hip"] = s.hips[side]
        points[f"{side}_knee"] = s.knees[side]
        points[f"{side}_ankle"] = s.ankles[side]
        points[f"{side}_toe"] = s.toes[side]
        points[f"{side}_shoulder"] = s.shoulders[side]
        points[f"{side}_elbow"] = s.elbows[side]
        points[f"{side}_hand"] = s.hands[side]
    return points


_RADIUS = {"head": HEAD, "neck": TRUNK_WIDTH / 2, "pelvis": TRUNK_WIDTH / 2}


def _project(pose: Pose, skeleton: _Skeleton) -> _Projected:
    turn = _rot_y(_YAW[pose.seen_from])
    world = _world_points(skeleton)
    turned = {name: _apply(turn, point) for name, point in world.items()}
    lowest = min(p[1] - _RADIUS.get(name, LIMB / 2) for name, p in turned.items())
    lift = pose.lift / 100 - lowest
    xy = {name: (p[0], p[1] + lift) for name, p in turned.items()}
    depth = {name: p[2] for name, p in turned.items()}
    return _Projected(xy=xy, depth=depth)


def _view_dir(pose: Pose, world: Vec) -> tuple[float, float]:
    turned = _apply(_rot_y(_YAW[pose.seen_from]), world)
    return turned[0], turned[1]


# ---------------------------------------------------------------------------------------
# Drawing: shapes in metres, fitted into the view box at the end.


@dataclass(frozen=True)
class _Shape:
    """One SVG element: its tag, its points (metres), extra attributes and its reach."""

    kind: Literal["line", "polyline", "circle", "ellipse", "rect", "path"]
    points: tuple[tuple[float, float], ...]
    attrs: tuple[tuple[str, str], ...] = ()
    pad: float = 0.0  # how far the drawing reaches beyond its points (half a stroke, a radius)
    radius: tuple[float, float] = (0.0, 0.0)
    path: tuple[tuple[str, tuple[float, ...]], ...] = ()


def _limb(points: Iterable[tuple[float, float]], colour: str, width: float = LIMB) -> _Shape:
    return _Shape(
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


def _num(value: float) -> str:
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


_ALIASES: dict[str, list[str]] = {
    "head": ["head"],
    "shoulders": ["near_shoulder", "far_shoulder"],
    "hips": ["near_hip", "far_hip"],
    "knees": ["near_knee", "far_knee"],
    "feet": ["near_ankle", "far_ankle", "near_toe", "far_toe"],
    "near_foot": ["near_ankle", "near_toe"],
    "far_foot": ["far_ankle", "far_toe"],
}
_ALONG_TRUNK = {"chest": 0.72, "belly": 0.3}


def _body_point(p: _Projected, name: str) -> tuple[float, float]:
    if name in _ALONG_TRUNK:
        share = _ALONG_TRUNK[name]
        (x0, y0), (x1, y1) = p.xy["pelvis"], p.xy["neck"]
        return x0 + (x1 - x0) * share, y0 + (y1 - y0) * share
    names = _ALIASES.get(name, [name])
    xs = [p.xy[n][0] for n in names]
    ys = [p.xy[n][1] for n in names]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def _body_bottom(p: _Projected, name: str) -> float:
    """The underside of a body point: where a seat, step or cushion meets it."""
    if name in _ALONG_TRUNK:
        return _body_point(p, name)[1] - TRUNK_WIDTH / 2
    names = _ALIASES.get(name, [name])
    return min(p.xy[n][1] - _RADIUS.get(n, LIMB / 2) for n in names)


def _figure_shapes(pose: Pose, p: _Projected) -> list[tuple[float, _Shape]]:
    """The body's shapes with their depths (far first once sorted)."""
    shapes: list[tuple[float, _Shape]] = []
    trunk_depth = (p.depth["pelvis"] + p.depth["neck"]) / 2
    xy = p.xy
    # The trunk: shoulders and hips joined into one rounded shape. Seen from the side it is
    # a thick line; from the front it widens at the shoulders.
    corners = [xy["near_shoulder"], xy["far_shoulder"], xy["far_hip"], xy["near_hip"]]
    outline: list[tuple[str, tuple[float, ...]]] = [("M", corners[0])]
    outline += [("L", corner) for corner in corners[1:]]
    outline.append(("Z", ()))
    trunk_ink = (
        ("fill", INK),
        ("stroke", INK),
        ("stroke-width", repr(TRUNK_WIDTH)),
        ("stroke-linecap", "round"),
        ("stroke-linejoin", "round"),
    )
    shapes.append(
        (
            trunk_depth,
            _Shape("path", tuple(corners), trunk_ink, TRUNK_WIDTH / 2, path=tuple(outline)),
        )
    )
    neck_to_head = (xy["neck"], xy["head"])
    shapes.append((trunk_depth, _limb(neck_to_head, INK, LIMB)))
    shapes.append(
        (
            p.depth["head"],
            _Shape(
                "circle",
                (xy["head"],),
                (("fill", INK),),
                pad=HEAD,
                radius=(HEAD, HEAD),
            ),
        )
    )
    for side in ("near", "far"):
        leg_depth = p.depth[f"{side}_hip"]
        arm_depth = p.depth[f"{side}_shoulder"]
        # The far side is lighter whenever it can be told apart from the near side.
        faded = side == "far" and pose.seen_from in ("side", "three_quarter", "three_quarter_back")
        leg_colour = arm_colour = FAR_INK if faded else INK
        leg = [xy[f"{side}_{part}"] for part in ("hip", "knee", "ankle", "toe")]
        arm = [xy[f"{side}_{part}"] for part in ("shoulder", "elbow", "hand")]
        # A thin white edge under each limb keeps it readable where it crosses the body.
        shapes.append((leg_depth, _limb(leg, HALO_INK, LIMB + HALO)))
        shapes.append((leg_depth, _limb(leg, leg_colour)))
        shapes.append((arm_depth + 0.001, _limb(arm, HALO_INK, ARM + HALO)))
        shapes.append((arm_depth + 0.001, _limb(arm, arm_colour, ARM)))
    return shapes


def _prop_stroke(fill: str = PROP_FILL) -> tuple[tuple[str, str], ...]:
    return (
        ("fill", fill),
        ("stroke", PROP_INK),
        ("stroke-width", "0.02"),
        ("stroke-linejoin", "round"),
    )


def _rect(x0: float, y0: float, x1: float, y1: float, fill: str = PROP_FILL) -> _Shape:
    low_x, high_x = min(x0, x1), max(x0, x1)
    low_y, high_y = min(y0, y1), max(y0, y1)
    return _Shape("rect", ((low_x, low_y), (high_x, high_y)), _prop_stroke(fill), pad=0.01)


_WALL_AXIS: dict[str, Vec] = {
    "in_front": (1.0, 0.0, 0.0),
    "behind": (-1.0, 0.0, 0.0),
    "near_side": (0.0, 0.0, 1.0),
    "far_side": (0.0, 0.0, -1.0),
}


def _side_sign(pose: Pose, axis: Vec) -> float:
    x, _ = _view_dir(pose, axis)
    return 1.0 if x >= 0 else -1.0


def _prop_shapes(
    pose: Pose, p: _Projected, body: list[tuple[float, float]]
) -> tuple[list[_Shape], list[_Shape]]:
    """Props behind the figure and props in front of it."""
    behind: list[_Shape] = []
    front: list[_Shape] = []
    props = pose.props
    xs = [x for x, _ in body]
    centre_x = p.xy["pelvis"][0]
    ball_radius = 0.27
    ball_centre: tuple[float, float] | None = None
    wall_sign = _side_sign(pose, _WALL_AXIS[props.wall]) if props.wall else None
    if props.ball:
        px, py = _body_point(p, props.ball)
        sign = wall_sign if wall_sign is not None else (1.0 if px >= centre_x else -1.0)
        ball_centre = (px + sign * (ball_radius + LIMB / 2), max(py, ball_radius))
        behind.append(
            _Shape(
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
        px, _ = _body_point(p, props.chair)
        seat = _body_bottom(p, props.chair)
        back = -_side_sign(pose, (1.0, 0.0, 0.0)) if pose.seen_from != "front" else 1.0
        half = 0.22
        legs_ink = (
            ("fill", "none"),
            ("stroke", PROP_INK),
            ("stroke-width", "0.04"),
            ("stroke-linecap", "round"),
        )
        behind.append(
            _Shape(
                "line", ((px + back * half, seat), (px + back * half, seat + 0.45)), legs_ink, 0.02
            )
        )
        behind.append(_Shape("line", ((px - half, 0.0), (px - half, seat)), legs_ink, 0.02))
        behind.append(_Shape("line", ((px + half, 0.0), (px + half, seat)), legs_ink, 0.02))
        behind.append(_rect(px - half - 0.03, seat - 0.05, px + half + 0.03, seat))
    if props.step:
        px, _ = _body_point(p, props.step)
        top = _body_bottom(p, props.step)
        behind.append(_rect(px - 0.24, 0.0, px + 0.24, top))
    if props.cushion:
        px, _ = _body_point(p, props.cushion)
        behind.append(
            _Shape("ellipse", ((px, 0.03),), _prop_stroke(), pad=0.02, radius=(0.16, 0.045))
        )
    if props.mat:
        low, high = min(xs) - 0.1, max(xs) + 0.1
        behind.insert(0, _rect(low, 0.0, high, 0.02))
    if props.squeeze_ball:
        kx, ky = _body_point(p, "knees")
        front.append(_Shape("circle", ((kx, ky),), _prop_stroke(), pad=0.09, radius=(0.08, 0.08)))
    if props.band:
        joint = "knee" if props.band == "knees" else "ankle"
        a = p.xy[f"near_{joint}"]
        b = p.xy[f"far_{joint}"]
        lift = 0.09 if props.band == "knees" else 0.05
        front.append(
            _Shape(
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


def _arrow_shapes(pose: Pose, p: _Projected, body: list[_Shape]) -> list[_Shape]:
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


def _segments(body: list[_Shape]) -> list[Segment]:
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
    pose: Pose, p: _Projected, body: list[_Shape], at: str, direction: str, both_ways: bool
) -> list[_Shape]:
    px, py = _body_point(p, at)
    cx, cy = _body_point(p, "belly")
    if direction in ("circle", "rock"):
        return [_curved_arrow(px, py, rock=direction == "rock")]
    if direction in ("out", "in"):
        side = -1.0 if at.startswith("far") else 1.0
        axis: Vec = (0.0, 0.0, side if direction == "out" else -side)
    else:
        axis = _ARROW_AXIS[direction]
    dx, dy = _view_dir(pose, axis)
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
    return [_Shape("path", (start, end), _ARROW_INK, 0.08, path=tuple(commands))]


def _curved_arrow(px: float, py: float, *, rock: bool) -> _Shape:
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
        return _Shape("path", (start, end, *reach), _ARROW_INK, 0.08, path=tuple(commands))
    r = 0.14
    start = (px + r, py)
    end = (px, py - r)
    commands = [("M", start), ("A", (r, r, 0, 1, 0, *end)), *_head(end, (1.0, 0.0))]
    reach = (px - r, py - r), (px + r, py + r)
    return _Shape("path", (start, end, *reach), _ARROW_INK, 0.08, path=tuple(commands))


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


def render_pose(pose: Pose, *, title: str) -> str:
    """A complete SVG of the pose, titled for screen readers; it scales to any size."""
    skeleton = _pose_skeleton(_resolve(pose))
    projected = _project(pose, skeleton)
    body = _figure_shapes(pose, projected)
    body_points = [pt for _, shape in body for pt in shape.points]
    behind, front = _prop_shapes(pose, projected, body_points)
    arrows = _arrow_shapes(pose, projected, [shape for _, shape in body])
    ordered = [shape for _, shape in sorted(body, key=lambda item: item[0])]
    shapes = [*behind, *ordered, *front, *arrows]
    return _svg(shapes, title)


def _extent(shapes: list[_Shape]) -> tuple[float, float, float, float]:
    xs: list[float] = [-0.3, 0.3]
    ys: list[float] = [0.0]
    for shape in shapes:
        for x, y in shape.points:
            xs += [x - shape.pad, x + shape.pad]
            ys += [y - shape.pad, y + shape.pad]
    return min(xs), min(ys), max(xs), max(ys)


def _svg(shapes: list[_Shape], title: str) -> str:
    low_x, low_y, high_x, high_y = _extent(shapes)
    room_w = WIDTH - 2 * MARGIN
    room_h = HEIGHT - 2 * MARGIN
    scale = min(SCALE, room_w / (high_x - low_x), room_h / (high_y - low_y))
    origin_x = WIDTH / 2 - scale * (low_x + high_x) / 2
    origin_y = HEIGHT - MARGIN + scale * low_y  # the lowest drawing sits on the bottom margin

    def x_of(x: float) -> str:
        return _num(origin_x + scale * x)

    def y_of(y: float) -> str:
        return _num(origin_y - scale * y)

    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(WIDTH)} {_num(HEIGHT)}" '
        'role="img">',
        f"<title>{_escape(title)}</title>",
        f'<line x1="{_num(MARGIN / 2)}" y1="{y_of(0)}" x2="{_num(WIDTH - MARGIN / 2)}" '
        f'y2="{y_of(0)}" stroke="{GROUND_INK}" stroke-width="2" stroke-linecap="round"/>',
    ]
    for shape in shapes:
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


# ---------------------------------------------------------------------------------------
# The schema in words, for professionals writing their own files (docs/exercise-pictures.md).

_EXAMPLE = """\
pose:
  base: single_leg_stance
  near_leg: {hip: -20, knee: 105, ankle: 20}
  far_leg: {knee: 12}
  arms: {shoulder: 10, elbow: 80}
  props: {wall: behind, ball: near_foot}
  arrow: {at: near_foot, direction: back}
"""


def _allowed(annotation: Any) -> str:
    """What a field takes, in words: its choices, or the kind of value."""
    choices = [arg for arg in get_args(annotation) if arg is not type(None)]
    flat: list[Any] = []
    for choice in choices:
        flat += list(get_args(choice)) if get_origin(choice) is Literal else [choice]
    words = [c for c in flat if isinstance(c, str)]
    if words and set(words) == set(get_args(Point)):
        return "a body point (below)"
    if words:
        return ", ".join(f"`{c}`" for c in words)
    if bool in flat or annotation is bool:
        return "`true` or `false`"
    names = {getattr(c, "__name__", "") for c in flat} | {getattr(annotation, "__name__", "")}
    for model, what in ((Leg, "a leg"), (Arm, "an arm"), (Props, "props"), (Arrow, "an arrow")):
        if model.__name__ in names:
            return f"{what} (below)"
    return "whole number"


def pose_reference_markdown() -> str:
    """Every field a ``pose:`` may hold, with what it takes and what it means."""
    intro = (__doc__ or "").split("\n\n", 1)[1].strip().replace("``", "`")
    parts = [
        "# Exercise pictures: describing a position",
        "",
        "<!-- Generated by `strideback catalog poses` (`make docs`); do not edit by hand. -->",
        "",
        "Every exercise file may carry a `pose:` block. Strideback draws the exercise's key "
        "position from it, on the exercise page, in the session player and in the handout. "
        "An exercise without one gets a plain figure of its `position`. To see the picture "
        "your file draws:",
        "",
        "```sh",
        "strideback catalog check my_exercise.yaml",
        "strideback exercises MY_ID --catalog my_exercise.yaml --format svg -o picture.svg",
        "```",
        "",
        "Open `picture.svg` in a browser, change an angle, and draw it again.",
        "",
        intro,
        "",
        "## An example: the running-man wall push",
        "",
        "```yaml",
        _EXAMPLE.rstrip(),
        "```",
    ]
    for title, model in (
        ("pose", Pose),
        ("a leg (`legs`, `near_leg`, `far_leg`)", Leg),
        ("an arm (`arms`, `near_arm`, `far_arm`)", Arm),
        ("props", Props),
        ("an arrow", Arrow),
    ):
        parts += ["", f"## Fields of {title}", "", "| field | takes | meaning |", "|---|---|---|"]
        for name, info in model.model_fields.items():
            meaning = (info.description or "").replace("|", "\\|")
            parts.append(f"| `{name}` | {_allowed(info.annotation)} | {meaning} |")
    parts += [
        "",
        f"Body points (for props and arrows): {', '.join(f'`{p}`' for p in get_args(Point))}.",
        "",
        f"Base postures: {', '.join(f'`{b}`' for b in get_args(Base))}.",
        "",
    ]
    return "\n".join(parts)
