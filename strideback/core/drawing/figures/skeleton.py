"""The figure's skeleton: joint positions in three dimensions from a pose's angles, turned to
its view and set on the floor, and the named body points props and arrows are placed at."""

from __future__ import annotations

import math
from dataclasses import dataclass

from strideback.core.catalog.pose import Pose
from strideback.core.drawing.figures.geometry import (
    DOWN,
    FORWARD,
    UP,
    Vec,
    add,
    apply,
    mul,
    rot_x,
    rot_y,
    rot_z,
    unit,
)
from strideback.core.drawing.figures.postures import Resolved
from strideback.core.drawing.figures.shapes import LIMB, TRUNK_WIDTH

__all__ = [
    "FOOT",
    "FOREARM",
    "HEAD",
    "NECK",
    "PELVIS_HALF",
    "SHIN",
    "SHOULDER_HALF",
    "THIGH",
    "TRUNK",
    "UPPER_ARM",
    "Projected",
    "Skeleton",
    "body_bottom",
    "body_point",
    "pose_skeleton",
    "project",
    "view_dir",
]

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


@dataclass(frozen=True)
class Skeleton:
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


def pose_skeleton(r: Resolved) -> Skeleton:
    trunk = mul(rot_x(-r.roll), rot_z(-r.torso))
    pelvis: Vec = (0.0, 0.0, 0.0)
    neck = apply(trunk, (0.0, TRUNK, 0.0))
    head_dir = apply(trunk, apply(rot_z(-r.head), UP))
    head = add(neck, head_dir, NECK + HEAD)
    hips: dict[str, Vec] = {}
    knees: dict[str, Vec] = {}
    ankles: dict[str, Vec] = {}
    toes: dict[str, Vec] = {}
    shoulders: dict[str, Vec] = {}
    elbows: dict[str, Vec] = {}
    hands: dict[str, Vec] = {}
    for side, sign in (("near", 1.0), ("far", -1.0)):
        hip_angle, hip_out, knee_angle, ankle = r.legs[side]
        leg = mul(trunk, mul(rot_z(hip_angle), rot_x(-sign * hip_out)))
        hips[side] = apply(trunk, (0.0, 0.0, sign * PELVIS_HALF))
        knees[side] = add(hips[side], apply(leg, DOWN), THIGH)
        shin = mul(leg, rot_z(-knee_angle))
        ankles[side] = add(knees[side], apply(shin, DOWN), SHIN)
        if ankle is None:
            neutral = apply(shin, FORWARD)
            flat = (neutral[0], 0.0, neutral[2])
            if math.hypot(flat[0], flat[2]) < 0.3:
                # Toes pointing at the floor or the ceiling: lay the foot in line with the
                # shin instead (the shin is then near level, as when kneeling).
                along = apply(shin, DOWN)
                flat = (along[0], 0.0, along[2])
            foot = unit(flat)
        else:
            foot = apply(mul(shin, rot_z(-ankle)), FORWARD)
        toes[side] = add(ankles[side], foot, FOOT)

        shoulder_angle, shoulder_out, elbow_angle = r.arms[side]
        arm = mul(trunk, mul(rot_z(shoulder_angle), rot_x(-sign * shoulder_out)))
        shoulders[side] = add(neck, apply(trunk, (0.0, -0.03, sign * SHOULDER_HALF)))
        elbows[side] = add(shoulders[side], apply(arm, DOWN), UPPER_ARM)
        forearm = mul(arm, rot_z(elbow_angle))
        hands[side] = add(elbows[side], apply(forearm, DOWN), FOREARM)
    return Skeleton(pelvis, neck, head, hips, shoulders, knees, ankles, toes, elbows, hands)


_YAW = {
    "side": 0.0,
    "front": -90.0,
    "back": 90.0,
    "three_quarter": -35.0,
    "three_quarter_back": 115.0,
}


@dataclass(frozen=True)
class Projected:
    """Screen points (metres, y up; the lowest point of the body on the floor) and depths."""

    xy: dict[str, tuple[float, float]]
    depth: dict[str, float]


def _world_points(s: Skeleton) -> dict[str, Vec]:
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


def project(pose: Pose, skeleton: Skeleton) -> Projected:
    turn = rot_y(_YAW[pose.seen_from])
    world = _world_points(skeleton)
    turned = {name: apply(turn, point) for name, point in world.items()}
    lowest = min(p[1] - _RADIUS.get(name, LIMB / 2) for name, p in turned.items())
    lift = pose.lift / 100 - lowest
    xy = {name: (p[0], p[1] + lift) for name, p in turned.items()}
    depth = {name: p[2] for name, p in turned.items()}
    return Projected(xy=xy, depth=depth)


def view_dir(pose: Pose, world: Vec) -> tuple[float, float]:
    turned = apply(rot_y(_YAW[pose.seen_from]), world)
    return turned[0], turned[1]


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


def body_point(p: Projected, name: str) -> tuple[float, float]:
    if name in _ALONG_TRUNK:
        share = _ALONG_TRUNK[name]
        (x0, y0), (x1, y1) = p.xy["pelvis"], p.xy["neck"]
        return x0 + (x1 - x0) * share, y0 + (y1 - y0) * share
    names = _ALIASES.get(name, [name])
    xs = [p.xy[n][0] for n in names]
    ys = [p.xy[n][1] for n in names]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def body_bottom(p: Projected, name: str) -> float:
    """The underside of a body point: where a seat, step or cushion meets it."""
    if name in _ALONG_TRUNK:
        return body_point(p, name)[1] - TRUNK_WIDTH / 2
    names = _ALIASES.get(name, [name])
    return min(p.xy[n][1] - _RADIUS.get(n, LIMB / 2) for n in names)
