"""The catalog's schema: the pydantic models every exercise, test and protocol file is checked
against (ranges, dosages, levels, cautions, exercises, walk-run stages, protocols), and the
vocabularies they use (equipment, positions, categories, conditions).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from strideback.core.catalog.pose import Pose
from strideback.core.sources import ExerciseSource, SourceId
from strideback.core.words import clock

__all__ = [
    "HOUSEHOLD",
    "IMPACT_ORDER",
    "OPTIONAL_EQUIPMENT",
    "Caution",
    "Dosage",
    "Equipment",
    "Exercise",
    "Level",
    "Position",
    "Protocol",
    "Range",
    "Stage",
    "split_ref",
    "stage_changes",
]

Equipment = Literal[
    "physio_ball",
    "resistance_band",
    "mini_band",
    "dumbbells",
    "yoga_blocks",
    "chair",
    "wall",
    "step",
    "cushion",
    "mat",
]
# Things every home has; a plan never needs to swap them.
HOUSEHOLD: frozenset[str] = frozenset({"chair", "wall", "step", "cushion", "mat"})
# Things a runner may or may not own; the intake asks about these.
OPTIONAL_EQUIPMENT: tuple[str, ...] = (
    "physio_ball",
    "resistance_band",
    "mini_band",
    "dumbbells",
    "yoga_blocks",
)

Impact = Literal["none", "low", "moderate", "high"]
IMPACT_ORDER: dict[str, int] = {"none": 0, "low": 1, "moderate": 2, "high": 3}
Position = Literal[
    "standing",
    "split_stance",
    "single_leg_stance",
    "half_kneeling",
    "quadruped",
    "supine",
    "side_lying",
    "seated",
    "wall_lean",
    "reverse_plank",
]
Category = Literal["strength", "mobility", "pelvic_floor", "breathing", "walking", "drill", "test"]
LevelName = Literal["beginner", "intermediate", "advanced"]
Condition = Literal[
    "caesarean",
    "severe_perineal_tear",
    "abdominal_separation",
    "pelvic_pain",
    "low_back_pain",
]
Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Text = Annotated[str, Field(min_length=3, max_length=600)]
# An exercise named in a protocol, optionally at a level: "easy_walk" or "easy_walk@intermediate".
ExerciseRef = Annotated[
    str, Field(pattern=r"^[a-z][a-z0-9_]*(@(beginner|intermediate|advanced))?$", max_length=80)
]


def split_ref(ref: str) -> tuple[str, str | None]:
    """('easy_walk', 'intermediate') from 'easy_walk@intermediate'; level None when not given."""
    exercise_id, _, level = ref.partition("@")
    return exercise_id, level or None


_RANGE_TEXT = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")


def _range_from_input(value: Any) -> Any:
    """Accept ``8``, ``"8-10"``, ``[8, 10]`` or ``{min: 8, max: 10}``."""
    if isinstance(value, bool):
        raise ValueError("should be a number or a range such as 8-10")
    if isinstance(value, int):
        return {"min": value, "max": value}
    if isinstance(value, str):
        match = _RANGE_TEXT.match(value)
        if not match:
            raise ValueError("should be a number or a range such as 8-10")
        low, high = match.group(1), match.group(2) or match.group(1)
        return {"min": int(low), "max": int(high)}
    if isinstance(value, list) and len(value) == 2:
        return {"min": value[0], "max": value[1]}
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(_Strict):
    """A whole-number range, such as 8–10 reps; min equals max for a single number."""

    min: int = Field(ge=0, le=3600)
    max: int = Field(ge=0, le=3600)

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min > self.max:
            raise ValueError(f"the range starts above its end ({self.min} > {self.max})")
        return self

    def __str__(self) -> str:
        return str(self.min) if self.min == self.max else f"{self.min}–{self.max}"


RangeField = Annotated[Range, BeforeValidator(_range_from_input)]


class Dosage(_Strict):
    """How much of an exercise: sets of reps, holds, steps or a duration."""

    sets: RangeField | None = None
    reps: RangeField | None = None
    hold_seconds: RangeField | None = None
    steps: RangeField | None = None
    duration_seconds: RangeField | None = None
    per_side: bool = False
    each_direction: bool = False
    rest_seconds: int | None = Field(default=None, ge=0, le=600)
    tempo: Text | None = None
    breathing: Text | None = None

    @model_validator(mode="after")
    def _has_an_amount(self) -> Dosage:
        if not (self.reps or self.hold_seconds or self.steps or self.duration_seconds):
            raise ValueError("give at least one of reps, hold_seconds, steps or duration_seconds")
        return self

    def describe(self) -> str:
        """The dose in a few plain words, e.g. '3 sets of 8–10 reps, each side'."""
        amounts: list[str] = []
        if self.reps:
            amounts.append(f"{self.reps} reps")
        if self.steps:
            amounts.append(f"{self.steps} steps")
        if self.hold_seconds:
            amounts.append(f"hold {self.hold_seconds} s")
        if self.duration_seconds:
            amounts.append(_duration_words(self.duration_seconds))
        text = ", ".join(amounts)
        if self.sets:
            sets = "set" if self.sets.max == 1 else "sets"
            text = f"{self.sets} {sets} of {text}"
        if self.per_side:
            text += ", each side"
        if self.each_direction:
            text += ", each direction"
        return text


def _duration_words(seconds: Range) -> str:
    if seconds.min % 60 == 0 and seconds.max % 60 == 0 and seconds.min >= 60:
        minutes = Range(min=seconds.min // 60, max=seconds.max // 60)
        return f"{minutes} min"
    return f"{seconds} s"


class Level(_Strict):
    """One rung of an exercise (beginner → intermediate → advanced) and what changes on it."""

    name: LevelName
    changes: Text
    dosage: Dosage | None = None
    equipment: list[Equipment] = Field(default_factory=list)


class Modification(_Strict):
    when: Text
    change: Text


class Caution(_Strict):
    """Care for a condition: advice shown, a later start, a level cap, or leaving it out."""

    condition: Condition
    advice: Text
    earliest_week: int | None = Field(default=None, ge=0, le=52)
    max_level: LevelName | None = None  # never prescribe a harder level with this condition
    avoid: bool = False


class TestSpec(_Strict):
    """What makes an exercise a readiness test, and when it counts as passed."""

    battery: Literal["load_impact", "strength"]
    result_key: Slug
    pass_criteria: Text
    target_reps: int | None = Field(default=None, ge=1, le=100)


class Exercise(_Strict):
    """An exercise or test in the catalog; every field the runner's page needs."""

    id: Slug
    kind: Literal["exercise", "test"]
    name: Annotated[str, Field(min_length=3, max_length=80)]
    category: Category
    purpose: Text
    steps: list[Text] = Field(min_length=1)
    cues: list[Text] = Field(min_length=1)
    common_faults: list[Text] = Field(default_factory=list)
    modifications: list[Modification] = Field(default_factory=list)
    equipment: list[Equipment] = Field(default_factory=list)
    substitutes: dict[Equipment, Text] = Field(default_factory=dict)
    position: Position
    impact: Impact
    earliest_week: int = Field(ge=0, le=52)
    cautions: list[Caution] = Field(default_factory=list)
    dosage: Dosage
    levels: list[Level] = Field(min_length=1)
    progresses_to: list[Slug] = Field(default_factory=list)
    sources: list[ExerciseSource] = Field(min_length=1)
    test: TestSpec | None = None
    pose: Pose | None = None

    @field_validator("levels")
    @classmethod
    def _levels_in_order(cls, levels: list[Level]) -> list[Level]:
        names = [level.name for level in levels]
        order = ["beginner", "intermediate", "advanced"]
        if names != order[: len(names)]:
            raise ValueError(
                f"levels must run in order from beginner ({', '.join(order)}), got {', '.join(names)}"
            )
        return levels

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        if (self.kind == "test") != (self.test is not None):
            raise ValueError("a 'test' entry needs a 'test' section, and only a test may have one")
        missing = self.missing_without_substitute(self.equipment + self.levels[0].equipment)
        if missing:
            raise ValueError(
                "the beginner level must be possible at home: give 'substitutes' for "
                + ", ".join(sorted(missing))
            )
        return self

    def missing_without_substitute(self, needed: Iterable[str]) -> set[str]:
        return {item for item in needed if item not in HOUSEHOLD and item not in self.substitutes}

    def level(self, name: str) -> Level:
        return next(level for level in self.levels if level.name == name)

    def dosage_at(self, name: str) -> Dosage:
        return self.level(name).dosage or self.dosage

    def equipment_at(self, name: str) -> list[str]:
        return list(dict.fromkeys([*self.equipment, *self.level(name).equipment]))


class Stage(_Strict):
    """One stage of a walk-run progression: run/walk bouts after the warm-up walk."""

    run_seconds: int = Field(ge=15, le=4 * 3600)
    walk_seconds: int = Field(default=0, ge=0, le=600)
    repeats: int = Field(default=1, ge=1, le=20)

    @property
    def running_seconds(self) -> int:
        return self.run_seconds * self.repeats

    @property
    def continuous(self) -> bool:
        return self.repeats == 1

    def describe(self) -> str:
        if self.continuous:
            return f"run {clock(self.run_seconds)} without a break"
        return (
            f"run {clock(self.run_seconds)}, walk {clock(self.walk_seconds)}, {self.repeats} times"
        )


class FoundationBlock(_Strict):
    """The gentle strength and mobility work for runners from a week after birth on."""

    from_week: int = Field(ge=0, le=52)
    title: Annotated[str, Field(min_length=3, max_length=60)]
    aim: Text
    level: LevelName = "beginner"
    strength: list[ExerciseRef] = Field(default_factory=list)
    mobility: list[ExerciseRef] = Field(min_length=1)
    sources: list[SourceId] = Field(min_length=1)


class RunningStrengthBlock(_Strict):
    """Strength work alongside the walk-run programme, from a week of it on."""

    from_run_week: int = Field(ge=0, le=52)
    level: LevelName
    # Strength sessions rotate through these lists (A, B, ...), one list per session.
    sessions: list[Annotated[list[ExerciseRef], Field(min_length=1)]] = Field(min_length=1)


class WalkRun(_Strict):
    """The walk-run ladder: each stage changes one thing from the one before (deering2024)
    and runs no more than 110% of the longest stage before it (frandsen2025). It has no set
    length in weeks: she climbs it as fast as her runs go well and the weekly cap allows."""

    warm_up_walk_seconds: int = Field(ge=0, le=1800)
    cool_down_walk_seconds: int = Field(default=0, ge=0, le=1800)
    stages: list[Stage] = Field(min_length=2)
    sources: list[SourceId] = Field(min_length=1)

    @field_validator("stages")
    @classmethod
    def _gradual(cls, stages: list[Stage]) -> list[Stage]:
        if stages[0].run_seconds > 120:
            raise ValueError("the first stage's run bouts may be at most 2 minutes (120 seconds)")
        longest = stages[0].running_seconds
        for index, (before, after) in enumerate(itertools.pairwise(stages), 1):
            if after.running_seconds > longest * 1.1:
                raise ValueError(
                    f"stages[{index}] runs {after.running_seconds} s, more than 110% of the "
                    f"longest stage before it ({longest} s); see frandsen2025"
                )
            changed = stage_changes(before, after)
            if len(changed) > 1:
                raise ValueError(
                    f"stages[{index}] changes {' and '.join(changed)} from stages[{index - 1}]; "
                    "change one thing at a time (deering2024)"
                )
            longest = max(longest, after.running_seconds)
        return stages


def stage_changes(before: Stage, after: Stage) -> list[str]:
    """What changes from one walk-run stage to the next: the run bout, the walk bout, the
    repeats, or (between continuous stages) the minutes of running. Dropping the walk breaks
    of a walk-run to run the same time without a break is one change, the walk bout."""
    if before.continuous and after.continuous:
        return ["the minutes of running"] if before.run_seconds != after.run_seconds else []
    if after.continuous:
        joined = after.run_seconds == before.running_seconds
        return ["the walk bout"] if joined else ["the walk bout", "the minutes of running"]
    changed = [
        words
        for words, old, new in (
            ("the run bout", before.run_seconds, after.run_seconds),
            ("the walk bout", before.walk_seconds, after.walk_seconds),
            ("the repeats", before.repeats, after.repeats),
        )
        if old != new
    ]
    return changed


class Protocol(_Strict):
    """A whole return-to-running protocol: foundation blocks, re-test, walk-run stages."""

    id: Slug
    kind: Literal["protocol"]
    version: int = Field(ge=1)
    name: Annotated[str, Field(min_length=3, max_length=80)]
    foundation: list[FoundationBlock] = Field(min_length=1)
    running_strength: list[RunningStrengthBlock] = Field(min_length=1)
    retest: list[Slug] = Field(min_length=1)
    retest_after_failed_days: int = Field(ge=7, le=84)
    walk_run: WalkRun
    sources: list[SourceId] = Field(min_length=1)

    @model_validator(mode="after")
    def _blocks_in_order(self) -> Protocol:
        weeks = [block.from_week for block in self.foundation]
        if weeks != sorted(weeks) or weeks[0] != 0:
            raise ValueError("foundation blocks must start at from_week 0 and go up in order")
        run_weeks = [block.from_run_week for block in self.running_strength]
        if run_weeks != sorted(run_weeks) or run_weeks[0] != 0:
            raise ValueError(
                "running_strength blocks must start at from_run_week 0 and go up in order"
            )
        return self

    def foundation_block(self, week_after_birth: int) -> FoundationBlock:
        return [block for block in self.foundation if block.from_week <= week_after_birth][-1]

    def running_strength_block(self, run_week: int) -> RunningStrengthBlock:
        return [b for b in self.running_strength if b.from_run_week <= run_week][-1]

    def referenced_ids(self) -> list[tuple[str, str]]:
        """Every exercise id this protocol names, with where it names it."""
        found: list[tuple[str, str]] = []
        for index, block in enumerate(self.foundation):
            for part in ("strength", "mobility"):
                refs = getattr(block, part)
                found += [(f"foundation[{index}].{part}", split_ref(ref)[0]) for ref in refs]
        for index, run_block in enumerate(self.running_strength):
            for number, session in enumerate(run_block.sessions):
                where = f"running_strength[{index}].sessions[{number}]"
                found += [(where, split_ref(ref)[0]) for ref in session]
        found += [("retest", item) for item in self.retest]
        return found
