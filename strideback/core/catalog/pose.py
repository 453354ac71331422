"""The pose schema a professional writes: an exercise's key position as a base posture, the lean
of the trunk and a few joint angles per limb, in whole degrees, with props and an arrow for the
movement. Each angle is checked against its range, and a pose against what its view can show.
What the angles mean is explained in docs/exercise-pictures.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_validator,
)

__all__ = [
    "Arm",
    "Arrow",
    "Base",
    "Direction",
    "Leg",
    "Point",
    "Pose",
    "Props",
    "View",
]


def _in_range(low: int, high: int, unit: str) -> Callable[[Any, ValidatorFunctionWrapHandler], Any]:
    """Check a whole number and word a miss so it names the whole allowed range."""

    def check(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        if isinstance(value, bool):
            raise ValueError(f"should be a whole number of {unit} from {low} to {high}")
        try:
            return handler(value)
        except ValidationError as error:
            if error.errors()[0]["type"] in {"greater_than_equal", "less_than_equal"}:
                raise ValueError(f"is out of range; allowed: {low} to {high} {unit}") from None
            raise ValueError(f"should be a whole number of {unit} from {low} to {high}") from None

    return check


TorsoAngle = Annotated[int, Field(ge=-120, le=120), WrapValidator(_in_range(-120, 120, "degrees"))]
HeadAngle = Annotated[int, Field(ge=-45, le=60), WrapValidator(_in_range(-45, 60, "degrees"))]
HipAngle = Annotated[int, Field(ge=-45, le=150), WrapValidator(_in_range(-45, 150, "degrees"))]
HipOutAngle = Annotated[int, Field(ge=-20, le=90), WrapValidator(_in_range(-20, 90, "degrees"))]
KneeAngle = Annotated[int, Field(ge=0, le=160), WrapValidator(_in_range(0, 160, "degrees"))]
AnkleAngle = Annotated[int, Field(ge=-40, le=90), WrapValidator(_in_range(-40, 90, "degrees"))]
ShoulderAngle = Annotated[int, Field(ge=-60, le=180), WrapValidator(_in_range(-60, 180, "degrees"))]
ShoulderOutAngle = Annotated[
    int, Field(ge=-20, le=180), WrapValidator(_in_range(-20, 180, "degrees"))
]
ElbowAngle = Annotated[int, Field(ge=0, le=160), WrapValidator(_in_range(0, 160, "degrees"))]
LiftCm = Annotated[int, Field(ge=0, le=60), WrapValidator(_in_range(0, 60, "cm"))]

View = Literal["side", "front", "back", "three_quarter", "three_quarter_back"]
Base = Literal[
    "standing",
    "split_stance",
    "single_leg_stance",
    "wall_lean",
    "kneeling",
    "half_kneeling",
    "quadruped",
    "supine",
    "side_lying",
    "seated",
    "reverse_plank",
]
Point = Literal[
    "head",
    "chest",
    "belly",
    "shoulders",
    "hips",
    "knees",
    "feet",
    "near_hand",
    "far_hand",
    "near_elbow",
    "far_elbow",
    "near_knee",
    "far_knee",
    "near_foot",
    "far_foot",
]
Direction = Literal["up", "down", "forward", "back", "out", "in", "circle", "rock"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Leg(_Strict):
    """One leg's joint angles, in degrees; a missing angle keeps the base posture's value."""

    hip: HipAngle | None = Field(
        default=None,
        description="Hip flexion: thigh forward of the trunk, negative behind it (-45 to 150).",
    )
    hip_out: HipOutAngle | None = Field(
        default=None, description="Thigh lifted out to the side (-20 to 90)."
    )
    knee: KneeAngle | None = Field(
        default=None, description="Knee bend: 0 straight, 90 a right angle (0 to 160)."
    )
    ankle: AnkleAngle | None = Field(
        default=None,
        description=(
            "Toes pointed (positive) or pulled up (negative) from a right angle to the shin "
            "(-40 to 90); leave it out for a foot flat on the floor."
        ),
    )


class Arm(_Strict):
    """One arm's joint angles, in degrees; a missing angle keeps the base posture's value."""

    shoulder: ShoulderAngle | None = Field(
        default=None,
        description="Arm raised forward: 90 level, 180 overhead, negative behind (-60 to 180).",
    )
    shoulder_out: ShoulderOutAngle | None = Field(
        default=None, description="Arm raised out to the side (-20 to 180)."
    )
    elbow: ElbowAngle | None = Field(default=None, description="Elbow bend: 0 straight (0 to 160).")


class Props(_Strict):
    """Things drawn with the figure, in a muted colour, placed where the body touches them."""

    wall: Literal["in_front", "behind", "near_side", "far_side"] | None = Field(
        default=None,
        description=(
            "A wall touching the figure on this side (in_front and behind need a side or "
            "three-quarter view; near_side and far_side a front or back view)."
        ),
    )
    chair: Point | None = Field(
        default=None, description="A chair whose seat carries this point (hips, or a foot)."
    )
    step: Point | None = Field(default=None, description="A low step under this point.")
    ball: Point | None = Field(
        default=None,
        description="A physio ball touching this point, on the wall's side if there is a wall.",
    )
    squeeze_ball: bool = Field(default=False, description="A small ball between the knees.")
    band: Literal["knees", "ankles"] | None = Field(
        default=None, description="A mini band looped around both legs, above the knees or ankles."
    )
    cushion: Point | None = Field(default=None, description="A cushion under this point.")
    mat: bool = Field(default=False, description="An exercise mat on the floor.")


class Arrow(_Strict):
    """The movement, as an arrow by a body point: which way it moves, or a circle."""

    at: Point = Field(description="The body point that moves.")
    direction: Direction = Field(
        description=(
            "up or down; forward or back (the way the figure faces; side or three-quarter "
            "view); out or in (sideways, away from or towards the body's middle; front, back "
            "or three-quarter view; at knees or feet, one arrow for each leg); circle; or "
            "rock, a curved to-and-fro arrow."
        )
    )
    both_ways: bool = Field(
        default=False, description="A double-headed arrow: to and fro, up and down."
    )


_NEEDS_DEPTH = {"forward": ("front", "back"), "back": ("front", "back")}
_NEEDS_WIDTH = {"out": ("side",), "in": ("side",)}


class Pose(_Strict):
    """The key position of an exercise in joint angles (see docs/exercise-pictures.md)."""

    view: View | None = Field(
        default=None,
        description="Where the picture is seen from; side unless told (front for side_lying).",
    )
    base: Base = Field(
        description="The starting posture; it gives every angle the pose leaves out."
    )
    torso: TorsoAngle | None = Field(
        default=None,
        description="Lean of the trunk from upright, forward positive (-120 to 120).",
    )
    head: HeadAngle | None = Field(
        default=None, description="Nod, chin towards the chest positive (-45 to 60)."
    )
    legs: Leg = Field(default_factory=Leg, description="Angles for both legs.")
    near_leg: Leg = Field(default_factory=Leg, description="Angles for the near leg only.")
    far_leg: Leg = Field(default_factory=Leg, description="Angles for the far leg only.")
    arms: Arm = Field(default_factory=Arm, description="Angles for both arms.")
    near_arm: Arm = Field(default_factory=Arm, description="Angles for the near arm only.")
    far_arm: Arm = Field(default_factory=Arm, description="Angles for the far arm only.")
    lift: LiftCm = Field(
        default=0, description="Height of the lowest point above the floor, in cm (hops)."
    )
    props: Props = Field(default_factory=Props, description="Things drawn with the figure.")
    arrow: Arrow | None = Field(default=None, description="The movement, shown as an arrow.")

    @property
    def seen_from(self) -> View:
        """The view the picture is drawn in."""
        if self.view is not None:
            return self.view
        return "front" if self.base == "side_lying" else "side"

    @model_validator(mode="after")
    def _seen(self) -> Pose:
        wall = self.props.wall
        if wall in ("in_front", "behind") and self.seen_from in ("front", "back"):
            raise ValueError(
                f"a wall {wall.replace('_', ' ')} can't be seen in {self.seen_from} view; "
                "use view: side or three_quarter, or wall: near_side or far_side"
            )
        if wall in ("near_side", "far_side") and self.seen_from == "side":
            raise ValueError(
                f"a wall on the {wall.replace('_', ' ')} can't be seen in side view; "
                "use view: front, back or three_quarter, or wall: in_front or behind"
            )
        if self.arrow is not None:
            hidden = {**_NEEDS_DEPTH, **_NEEDS_WIDTH}.get(self.arrow.direction, ())
            if self.seen_from in hidden:
                raise ValueError(
                    f"an arrow pointing {self.arrow.direction} can't be seen in "
                    f"{self.seen_from} view; choose another view or direction"
                )
        return self
