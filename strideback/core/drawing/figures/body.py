"""The body's shapes: the trunk, the head and the limbs, each with its depth, the far side
lighter where it can be told apart."""

from __future__ import annotations

from strideback.core.catalog.pose import Pose
from strideback.core.drawing.figures.shapes import (
    ARM,
    FAR_INK,
    HALO,
    HALO_INK,
    INK,
    LIMB,
    TRUNK_WIDTH,
    Shape,
    limb,
)
from strideback.core.drawing.figures.skeleton import HEAD, Projected

__all__ = ["figure_shapes"]


def figure_shapes(pose: Pose, p: Projected) -> list[tuple[float, Shape]]:
    """The body's shapes with their depths (far first once sorted)."""
    shapes: list[tuple[float, Shape]] = []
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
            Shape("path", tuple(corners), trunk_ink, TRUNK_WIDTH / 2, path=tuple(outline)),
        )
    )
    neck_to_head = (xy["neck"], xy["head"])
    shapes.append((trunk_depth, limb(neck_to_head, INK, LIMB)))
    shapes.append(
        (
            p.depth["head"],
            Shape(
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
        shapes.append((leg_depth, limb(leg, HALO_INK, LIMB + HALO)))
        shapes.append((leg_depth, limb(leg, leg_colour)))
        shapes.append((arm_depth + 0.001, limb(arm, HALO_INK, ARM + HALO)))
        shapes.append((arm_depth + 0.001, limb(arm, arm_colour, ARM)))
    return shapes
