"""The intake: what the runner tells us, validated with errors that say what is allowed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import Field, field_validator, model_validator

from strideback.core.catalog import Equipment
from strideback.core.documents import read_document, validate
from strideback.core.errors import InputError, Problem
from strideback.core.rules import STRENGTH_TARGET_REPS
from strideback.core.types import IsoDate, Record

__all__ = [
    "LOAD_IMPACT_TESTS",
    "PELVIC_FLOOR_SIGNS",
    "STRENGTH_TESTS",
    "WEEKDAYS",
    "Intake",
    "LoadImpactTests",
    "StrengthTests",
    "Tests",
    "load_intake",
    "parse_intake",
]

Delivery = Literal["vaginal", "assisted_vaginal", "caesarean"]
PerinealTear = Literal["none", "first", "second", "third", "fourth"]
Symptom = Literal[
    "urinary_leakage",
    "faecal_leakage",
    "urgency",
    "pelvic_heaviness",
    "pain_with_intercourse",
    "constipation",
    "abdominal_separation",
    "pelvic_pain",
    "low_back_pain",
    "bleeding",
]
# Every symptom is a sign of pelvic-floor dysfunction; bleeding only from 8 weeks on.
PELVIC_FLOOR_SIGNS: tuple[str, ...] = get_args(Symptom)
TestResult = Literal["pass", "fail"]
RunningBackground = Literal["new_to_running", "occasional", "regular", "competitive"]
Goal = Literal["run_again", "5k", "10k", "half_marathon", "marathon"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[str, ...] = get_args(Weekday)  # in the order of date.weekday()

# "Any N days": where N days fall in her week, counted from the day her programme started, spread
# out so that the days between sessions are as even as N allows.
SPREAD: dict[int, tuple[int, ...]] = {
    1: (0,),
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 2, 4, 5),
    5: (0, 1, 2, 4, 5),
    6: (0, 1, 2, 3, 4, 5),
    7: (0, 1, 2, 3, 4, 5, 6),
}
DEFAULT_DAYS_PER_WEEK = 3

LOAD_IMPACT_TESTS: tuple[str, ...] = (
    "walk",
    "single_leg_balance",
    "single_leg_squat",
    "jog_on_spot",
    "forward_bounds",
    "hop_in_place",
    "running_man",
)
STRENGTH_TESTS: tuple[str, ...] = (
    "single_leg_calf_raise",
    "single_leg_bridge",
    "single_leg_sit_to_stand",
    "side_lying_abduction",
)


class LoadImpactTests(Record):
    """Each test passes only when done with no pain, heaviness, dragging or leaking."""

    walk: TestResult | None = None
    single_leg_balance: TestResult | None = None
    single_leg_squat: TestResult | None = None
    jog_on_spot: TestResult | None = None
    forward_bounds: TestResult | None = None
    hop_in_place: TestResult | None = None
    running_man: TestResult | None = None

    def failed(self) -> list[str]:
        return [name for name in LOAD_IMPACT_TESTS if getattr(self, name) == "fail"]

    def not_done(self) -> list[str]:
        return [name for name in LOAD_IMPACT_TESTS if getattr(self, name) is None]


_Reps = Field(default=None, ge=0, le=200)


class StrengthTests(Record):
    """Reps reached on the weaker side; the target is 20 of each."""

    single_leg_calf_raise: int | None = _Reps
    single_leg_bridge: int | None = _Reps
    single_leg_sit_to_stand: int | None = _Reps
    side_lying_abduction: int | None = _Reps

    def short(self) -> dict[str, int]:
        reps = {name: getattr(self, name) for name in STRENGTH_TESTS}
        return {name: n for name, n in reps.items() if n is not None and n < STRENGTH_TARGET_REPS}

    def not_done(self) -> list[str]:
        return [name for name in STRENGTH_TESTS if getattr(self, name) is None]


class Tests(Record):
    load_impact: LoadImpactTests = LoadImpactTests()
    strength: StrengthTests = StrengthTests()


class Intake(Record):
    """What the runner tells us. Only the birth date is required."""

    birth_date: IsoDate
    assessed_on: IsoDate
    delivery: Delivery | None = None
    perineal_tear: PerinealTear | None = None
    symptoms: list[Symptom] = Field(default_factory=list)
    tests: Tests = Tests()
    equipment: list[Equipment] = Field(default_factory=list)
    training_days: list[Weekday] | None = Field(default=None, min_length=1)
    days_per_week: int | None = Field(default=None, ge=1, le=7)
    running_background: RunningBackground | None = None
    goal: Goal | None = None
    breastfeeding: bool | None = None
    sleep_hours: float | None = Field(default=None, ge=0, le=24)
    goal_date: IsoDate | None = None  # when she would like to reach her goal
    leaked_running_before: bool | None = None  # before or during pregnancy
    fear_of_movement: bool | None = None
    low_energy: bool | None = None

    @field_validator("symptoms", "equipment")
    @classmethod
    def _without_repeats(cls, items: list[str]) -> list[str]:
        return list(dict.fromkeys(items))

    @field_validator("training_days")
    @classmethod
    def _in_week_order(cls, days: list[str] | None) -> list[str] | None:
        return None if days is None else [d for d in WEEKDAYS if d in days]

    @model_validator(mode="after")
    def _days_agree(self) -> Intake:
        if (
            self.training_days is not None
            and self.days_per_week is not None
            and len(self.training_days) != self.days_per_week
        ):
            raise ValueError(
                f"training_days names {len(self.training_days)} day"
                f"{'s' if len(self.training_days) != 1 else ''} but days_per_week says "
                f"{self.days_per_week}; give one of them, or make them agree"
            )
        return self

    def weekdays(self, first: int) -> tuple[int, ...]:
        """The days of the week she can train (0 = Monday): the days she named, or any N
        days spread out from ``first`` (the weekday her programme started on)."""
        if self.training_days is not None:
            return tuple(WEEKDAYS.index(d) for d in self.training_days)
        count = self.days_per_week or DEFAULT_DAYS_PER_WEEK
        return tuple(sorted((first + offset) % 7 for offset in SPREAD[count]))

    def days_since_birth(self, on: date) -> int:
        return (on - self.birth_date).days

    def with_tests(self, tests: Tests, symptoms: list[str], on: date) -> Intake:
        """The same runner re-assessed on ``on`` with new test results and symptoms."""
        return self.model_copy(update={"tests": tests, "symptoms": symptoms, "assessed_on": on})


def parse_intake(data: Any, source: str, today: date) -> Intake:
    """Validate intake data; ``assessed_on`` defaults to ``today``. Dates must make sense."""
    if isinstance(data, dict) and data.get("assessed_on") is None:
        data = {**data, "assessed_on": today}
    intake = validate(Intake, data, source)
    problems: list[Problem] = []
    if intake.assessed_on > today:
        problems.append(
            Problem(
                "assessed_on",
                f"{intake.assessed_on} is in the future; use today or an earlier day.",
            )
        )
    if intake.birth_date > intake.assessed_on:
        problems.append(
            Problem(
                "birth_date",
                f"{intake.birth_date} is after the assessment day ({intake.assessed_on}); "
                "the birth date must be on or before it.",
            )
        )
    if problems:
        raise InputError(source, problems)
    return intake


def load_intake(path: Path, today: date) -> Intake:
    """Read and validate an intake file (YAML or JSON)."""
    return parse_intake(read_document(path), str(path), today)
