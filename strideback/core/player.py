"""The session player's script: a planned session as an ordered list of timed steps.

The browser plays the steps one after another and does no planning of its own: every
number it counts and every word it shows or speaks is decided here.

How the doses become steps:

- An exercise opens with an ``intro`` (its name, key cue and dose) to get into position.
- Each set is one ``reps`` step (a count at a pace taken from the tempo), one ``hold`` step
  (a number of holds with a let-go between them) or one ``timed`` step (a duration).
- ``per_side`` plays the set on the left, then after a ``switch`` on the right;
  ``each_direction`` plays it one way, then the other. Sets are separated by ``rest``.
- A walk-run plays its intervals as they are planned, as ``interval`` steps: the warm-up
  walk, the run and walk bouts, the cool-down walk.
- Ranges: at the beginner level the player counts the lower end (the safe start); at the
  levels above it counts the upper end and says where she may stop, and stopping there
  still counts as done (``least_seconds``). Sets always play the lower end: an extra set
  is a step up the programme makes, not the player.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from strideback.core.catalog import Catalog, Dosage, Range
from strideback.core.programme import Interval, Item, Session, SessionKind
from strideback.core.rules import RULES
from strideback.core.sources import SHORT_NAMES
from strideback.core.vocabulary import PELVIC_FLOOR
from strideback.core.words import clock

__all__ = [
    "DIRECTION_SWITCH_SECONDS",
    "INTRO_SECONDS",
    "REST_SECONDS",
    "SIDE_SWITCH_SECONDS",
    "STOP_CHOICES",
    "STOP_WHY",
    "WORK_KINDS",
    "Script",
    "ScriptExercise",
    "Step",
    "StepKind",
    "rep_pace",
    "session_script",
]

StepKind = Literal["intro", "reps", "hold", "timed", "rest", "switch", "interval", "done"]
WORK_KINDS: tuple[StepKind, ...] = ("reps", "hold", "timed", "interval")

INTRO_SECONDS = 15  # to read the cue and get into position
SIDE_SWITCH_SECONDS = 8  # to turn round or change legs
DIRECTION_SWITCH_SECONDS = 4
REST_SECONDS = 30  # between sets when the dose names no rest
DEFAULT_PACE = 3  # seconds a rep takes when the dose gives no tempo
STEP_PACE = 2  # seconds a step takes (side walks)
DRILL_STEP_PACE = 1  # seconds a step takes in a running drill (marching, skipping)
MIN_RELEASE = 3  # seconds to let go between holds, at least
MAX_SECONDS = 3600

# "Symptoms now": what she can answer with one tap. Leaking, heaviness and dragging are the
# log's pelvic-floor symptoms; pain opens the log's pain question, with no number chosen.
STOP_CHOICES: tuple[tuple[str, str], ...] = (*PELVIC_FLOOR, ("pain", "Pain"))
# Why the player turns a run into a walk at once (rule stop_and_walk).
STOP_WHY = (
    "Walking is right: nearly 9 in 10 experts agree that when leaking, heaviness or dragging "
    f"starts during a run, you stop and walk ({SHORT_NAMES[RULES['stop_and_walk'].source]})."
)

_SECONDS = re.compile(r"(\d+)\s*seconds?")
SIDES: tuple[Literal["left", "right"], ...] = ("left", "right")
DIRECTIONS = ("one way", "the other way")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Step(_Frozen):
    """One thing to do for a number of seconds, with the words to show and to speak."""

    kind: StepKind
    seconds: int = Field(ge=0, le=MAX_SECONDS)
    title: str  # the big words, e.g. "Hold" or "Warm-up walk"
    text: str  # the line under them, e.g. the key cue
    say: str  # spoken as the step starts, when the voice is on
    where: str  # the progress line, e.g. "Exercise 2 of 6 · set 1 of 3 · left side"
    exercise: int | None = None  # index into Script.exercises
    set: int | None = None
    sets: int | None = None
    side: Literal["left", "right"] | None = None
    direction: str | None = None
    count: int | None = None  # reps, steps or holds counted in this step
    pace: int | None = None  # seconds per rep or step
    hold: int | None = None  # seconds per hold
    release: int | None = None  # seconds to let go between holds
    activity: Literal["walk", "run"] | None = None
    least_seconds: int | None = None  # stopping after this long still counts as done

    @property
    def work(self) -> bool:
        return self.kind in WORK_KINDS


@dataclass(frozen=True)
class _Amount:
    """One set's work: a count at a pace, holds with let-goes, or a duration."""

    kind: Literal["reps", "hold", "timed"]
    seconds: int
    least: int  # seconds after which stopping still counts as done
    count: int = 1
    pace: int | None = None
    hold: int = 0
    release: int | None = None


class ScriptExercise(_Frozen):
    """An exercise as the player shows it: the picture is looked up by ``id``."""

    id: str
    name: str
    level: str
    cue: str
    dose: str  # the planned dose, e.g. "2-3 sets of 8-10 reps" (as planned)
    plays: str  # what the player counts, e.g. "2 sets of 8 reps, each side"
    choice: str | None = None  # how ranges were chosen, e.g. "8 to 10 reps: we count 8 …"
    cautions: list[str] = []  # take care, e.g. after a caesarean
    swaps: list[str] = []  # a change made for her kit


class Script(_Frozen):
    date: date
    kind: SessionKind
    title: str
    exercises: list[ScriptExercise]
    steps: list[Step]
    total_seconds: int
    running_seconds: int = 0
    stop_choices: list[tuple[str, str]] = list(STOP_CHOICES)
    stop_why: str = STOP_WHY


# ---------------------------------------------------------------------------------------
# Numbers from a dose.


def rep_pace(dosage: Dosage, *, drill: bool = False) -> int:
    """Seconds one rep (or step) takes, from the tempo when there is one.

    Each comma-separated part of the tempo takes the seconds it names ("3 seconds down"),
    2 s when it is slow ("lower slowly") and 1 s otherwise ("lift", "pause").
    """
    if dosage.tempo:
        total = 0
        for part in dosage.tempo.split(","):
            found = _SECONDS.search(part)
            if found:
                total += int(found.group(1))
            elif "slow" in part:
                total += 2
            else:
                total += 1
        return max(2, min(total, 60))
    if not dosage.reps and dosage.steps:
        return DRILL_STEP_PACE if drill else STEP_PACE
    return DEFAULT_PACE


def _pick(value: Range, level: str) -> int:
    """The lower end for a beginner; the upper end above that."""
    return max(1, value.min if level == "beginner" else value.max)


def _range_words(value: Range, unit: str, level: str) -> str | None:
    if value.min == value.max:
        return None
    if level == "beginner":
        return f"{value.min} to {value.max} {unit}: we count {value.min}, a safe start."
    return f"{value.min} to {value.max} {unit}: we count {value.max}; stop at {value.min} if it feels hard."


def _seconds_words(seconds: int) -> str:
    """Words to speak: '45 seconds', '1 minute', '2 minutes 30 seconds'."""
    minutes, rest = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'' if minutes == 1 else 's'}")
    if rest or not minutes:
        parts.append(f"{rest} second{'' if rest == 1 else 's'}")
    return " ".join(parts)


def _spoken_side(side: str | None, direction: str | None) -> str:
    parts = []
    if side:
        parts.append(f"{side} side")
    if direction:
        parts.append(direction)
    return ", ".join(parts)


# ---------------------------------------------------------------------------------------
# An exercise's steps.


class _Exercise:
    """The steps of one exercise in a session."""

    def __init__(self, index: int, total: int, item: Item, drill: bool) -> None:
        self.index = index
        self.total = total
        self.item = item
        self.dosage = item.dosage
        self.level = item.level
        self.drill = drill
        self.sets = max(1, self.dosage.sets.min) if self.dosage.sets else 1

    # What one set holds --------------------------------------------------------------

    def _amount(self) -> _Amount:
        """One set's work, fitted into an hour: the player never times a step longer."""
        d = self.dosage
        if d.hold_seconds:
            hold = min(_pick(d.hold_seconds, self.level), MAX_SECONDS)
            release = max(MIN_RELEASE, hold)
            fits = (MAX_SECONDS + release) // (hold + release)
            count = min(_pick(d.reps, self.level) if d.reps else 1, fits)
            least_count = min(max(1, d.reps.min) if d.reps else 1, count)
            least_hold = min(max(1, d.hold_seconds.min), hold)
            return _Amount(
                kind="hold",
                count=count,
                hold=hold,
                release=release,
                seconds=count * hold + (count - 1) * release,
                least=least_count * least_hold + (least_count - 1) * release,
            )
        value = d.reps or d.steps
        if value:
            pace = rep_pace(d, drill=self.drill)
            count = min(_pick(value, self.level), MAX_SECONDS // pace)
            least = min(max(1, value.min), count)
            return _Amount(
                kind="reps", count=count, pace=pace, seconds=count * pace, least=least * pace
            )
        assert d.duration_seconds is not None  # the Dosage model guarantees an amount
        seconds = min(_pick(d.duration_seconds, self.level), MAX_SECONDS)
        return _Amount(
            kind="timed", seconds=seconds, least=min(max(1, d.duration_seconds.min), seconds)
        )

    def plays(self, *, spoken: bool = False) -> str:
        """What the player counts, e.g. '2 sets of 8 reps, each side'."""
        d = self.dosage
        amount = self._amount()
        if amount.kind == "hold":
            hold = _seconds_words(amount.hold) if spoken else f"{amount.hold} s"
            text = f"{amount.count} reps, hold {hold}" if d.reps else f"hold {hold}"
        elif amount.kind == "reps":
            text = f"{amount.count} {'reps' if d.reps else 'steps'}"
        else:
            text = _seconds_words(amount.seconds) if spoken else clock(amount.seconds)
        if d.sets:
            text = f"{self.sets} {'set' if self.sets == 1 else 'sets'} of {text}"
        if d.per_side:
            text += ", each side"
        if d.each_direction:
            text += ", each direction"
        return text

    def choice(self) -> str | None:
        d = self.dosage
        words: list[str | None] = []
        if d.sets and d.sets.min != d.sets.max:
            words.append(
                f"{d.sets.min} to {d.sets.max} sets: we play {self.sets}; add a set only when "
                "the plan moves you on."
            )
        if d.reps:
            words.append(_range_words(d.reps, "reps", self.level))
        if d.steps:
            words.append(_range_words(d.steps, "steps", self.level))
        if d.hold_seconds:
            words.append(_range_words(d.hold_seconds, "seconds", self.level))
        if d.duration_seconds:
            low, high = d.duration_seconds.min, d.duration_seconds.max
            if low != high:
                words.append(
                    _range_words(Range(min=low // 60, max=high // 60), "minutes", self.level)
                    if low % 60 == 0 and high % 60 == 0
                    else _range_words(d.duration_seconds, "seconds", self.level)
                )
        found = [w for w in words if w]
        return " ".join(found) or None

    def describe(self) -> ScriptExercise:
        return ScriptExercise(
            id=self.item.exercise_id,
            name=self.item.name,
            level=self.level,
            cue=self.item.cue,
            dose=self.item.dose,
            plays=self.plays(),
            choice=self.choice(),
            cautions=list(self.item.cautions),
            swaps=list(self.item.swaps),
        )

    # The steps -------------------------------------------------------------------------

    def _where(self, number: int, side: str | None, direction: str | None) -> str:
        parts = [f"Exercise {self.index + 1} of {self.total}"]
        if self.sets > 1:
            parts.append(f"set {number} of {self.sets}")
        if side:
            parts.append(f"{side} side")
        if direction:
            parts.append(direction)
        return " · ".join(parts)

    def _base(self, number: int, side: str | None, direction: str | None) -> dict[str, Any]:
        """The fields every step of this exercise carries: where she is."""
        return {
            "where": self._where(number, side, direction),
            "exercise": self.index,
            "set": number,
            "sets": self.sets,
            "side": side,
            "direction": direction,
        }

    def steps(self) -> list[Step]:
        d = self.dosage
        item = self.item
        sides: tuple[str | None, ...] = SIDES if d.per_side else (None,)
        directions: tuple[str | None, ...] = DIRECTIONS if d.each_direction else (None,)
        first_side = sides[0]
        intro_say = f"Next: {item.name}. {item.cue} {self.plays(spoken=True).capitalize()}."
        if first_side:
            intro_say += f" Start with your {first_side} side."
        steps = [
            Step(
                kind="intro",
                seconds=INTRO_SECONDS,
                title="Get ready",
                text=item.cue,
                say=intro_say,
                **self._base(1, first_side, directions[0]),
            )
        ]
        for number in range(1, self.sets + 1):
            if number > 1:
                rest = d.rest_seconds if d.rest_seconds else REST_SECONDS
                steps.append(
                    Step(
                        kind="rest",
                        seconds=max(1, rest),
                        title="Rest",
                        text=f"Next: set {number} of {self.sets}"
                        + (f", {first_side} side" if first_side else "")
                        + ".",
                        say=f"Rest {_seconds_words(max(1, rest))}.",
                        **self._base(number, first_side, directions[0]),
                    )
                )
            for s, side in enumerate(sides):
                for t, direction in enumerate(directions):
                    if s or t:
                        steps.append(self._switch(number, side, direction, changed_side=t == 0))
                    steps.append(self._work(number, side, direction))
        return steps

    def _switch(
        self, number: int, side: str | None, direction: str | None, *, changed_side: bool
    ) -> Step:
        if changed_side:
            title = "Change sides"
            text = f"Now your {side} side."
            seconds = SIDE_SWITCH_SECONDS
        else:
            title = "Change direction"
            text = f"Now {direction}."
            seconds = DIRECTION_SWITCH_SECONDS
        return Step(
            kind="switch",
            seconds=seconds,
            title=title,
            text=text,
            say=f"{title}. {text}",
            **self._base(number, side, direction),
        )

    def _work(self, number: int, side: str | None, direction: str | None) -> Step:
        amount = self._amount()
        which = _spoken_side(side, direction)
        lead = f"Set {number} of {self.sets}" if self.sets > 1 else ""
        lead = ", ".join(p for p in (lead, which) if p)
        lead = f"{lead[:1].upper()}{lead[1:]}. " if lead else ""
        if amount.kind == "hold":
            title = "Hold"
            if amount.count > 1:
                say = f"{lead}{amount.count} holds of {_seconds_words(amount.hold)}."
            else:
                say = f"{lead}Hold {_seconds_words(amount.hold)}."
        elif amount.kind == "reps":
            unit = "reps" if self.dosage.reps else "steps"
            title = unit.capitalize()
            say = f"{lead}{amount.count} {unit}, with me."
        else:
            title = "Keep going"
            say = f"{lead}{_seconds_words(amount.seconds)}. Start now."
        return Step(
            kind=amount.kind,
            seconds=amount.seconds,
            title=title,
            text=self.item.cue,
            say=say,
            count=amount.count if amount.kind != "timed" else None,
            pace=amount.pace,
            hold=amount.hold if amount.kind == "hold" else None,
            release=amount.release,
            least_seconds=amount.least,
            **self._base(number, side, direction),
        )


# ---------------------------------------------------------------------------------------
# A walk-run's intervals.


def _interval_steps(intervals: list[Interval]) -> list[Step]:
    runs = sum(1 for i in intervals if i.activity == "run")
    last_run = max((n for n, i in enumerate(intervals) if i.activity == "run"), default=-1)
    steps: list[Step] = []
    bout = 0
    for n, interval in enumerate(intervals):
        length = _seconds_words(interval.seconds)
        if interval.activity == "run":
            bout += 1
            where = f"Run {bout} of {runs}"
            title = "Run"
            text = "An easy pace: you can still speak in short sentences."
            say = f"Run now, {length}. " + (f"Run {bout} of {runs}." if runs > 1 else "Easy pace.")
        elif n == 0 and len(intervals) > 1:
            where, title = "Warm-up", "Warm-up walk"
            text = "A brisk walk: you can still talk."
            say = f"Warm-up walk, {length}. Brisk, but you can still talk."
        elif n > last_run >= 0:
            where, title = "Cool-down", "Cool-down walk"
            text = "Walk easily and let your breathing settle."
            say = f"Cool-down walk, {length}. Well done."
        else:
            where, title = f"After run {bout} of {runs}", "Walk"
            text = "Walk and get your breath back."
            say = f"Walk now, {length}."
        steps.append(
            Step(
                kind="interval",
                seconds=max(1, min(interval.seconds, MAX_SECONDS)),
                title=title,
                text=text,
                say=say,
                where=where,
                activity=interval.activity,
                least_seconds=max(1, min(interval.seconds, MAX_SECONDS)),
            )
        )
    return steps


# ---------------------------------------------------------------------------------------
# The whole session.


def session_script(session: Session, catalog: Catalog) -> Script:
    """The steps the player plays for ``session``, ending with a ``done`` step."""
    steps: list[Step] = []
    exercises: list[ScriptExercise] = []
    total = len(session.items)
    for index, item in enumerate(session.items):
        known = catalog.exercises.get(item.exercise_id)
        drill = known is not None and known.category == "drill"
        exercise = _Exercise(index, total, item, drill)
        exercises.append(exercise.describe())
        steps += exercise.steps()
    steps += _interval_steps(session.intervals)
    steps.append(
        Step(
            kind="done",
            seconds=0,
            title="Well done",
            text="That is the session done. Now tell us how it went.",
            say="That's the session done. Well done. Now tell us how it went.",
            where="Finished",
        )
    )
    return Script(
        date=session.date,
        kind=session.kind,
        title=session.title,
        exercises=exercises,
        steps=steps,
        total_seconds=sum(step.seconds for step in steps),
        running_seconds=sum(i.seconds for i in session.intervals if i.activity == "run"),
    )
