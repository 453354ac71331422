"""Base postures: every angle a pose may leave out, and a pose's angles filled in from its base."""

from __future__ import annotations

from dataclasses import dataclass

from strideback.core.catalog.pose import Pose

__all__ = ["BASES", "Resolved", "default_pose", "resolve"]


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


@dataclass(frozen=True)
class Resolved:
    """Every angle of a pose: its own, or its base posture's where it leaves one out."""

    torso: int
    roll: int
    head: int
    legs: dict[str, tuple[int, int, int, int | None]]
    arms: dict[str, tuple[int, int, int]]


def resolve(pose: Pose) -> Resolved:
    """The pose's angles: a side's own first, then those for both limbs, then its base posture's."""
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
    return Resolved(
        torso=base.torso if pose.torso is None else pose.torso,
        roll=base.roll,
        head=base.head if pose.head is None else pose.head,
        legs=legs,
        arms=arms,
    )
