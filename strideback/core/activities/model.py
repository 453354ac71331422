"""What a watch file holds once read: the samples along the way and the pauses of the
recording, whatever the file's format."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

__all__ = ["Activity", "Pause", "Sample", "Sport", "moving_seconds"]

Sport = Literal["running", "walking"]


@dataclass(frozen=True, slots=True)
class Sample:
    """One point of the recording. ``seconds`` counts from the start, pauses included;
    ``distance_m`` is the distance covered since the start; ``cadence`` is in steps a
    minute (both feet)."""

    seconds: float
    distance_m: float | None = None
    speed: float | None = None  # m/s, as the watch measured it
    cadence: float | None = None


@dataclass(frozen=True, slots=True)
class Pause:
    """The recording stopped from ``start`` to ``end`` (seconds from the start)."""

    start: float
    end: float


@dataclass(frozen=True)
class Activity:
    """A run or a walk read from a watch file. Only runs and walks are ever made: another
    sport is refused when the file is read."""

    file_name: str
    sport: Sport
    started_at: datetime  # in UTC
    device: str | None
    fingerprint: str  # sha256 of the file's bytes: the same file brought in twice is seen
    samples: tuple[Sample, ...]
    pauses: tuple[Pause, ...] = ()
    elapsed_seconds: float = 0.0  # start to end, pauses included
    total_distance_m: float | None = None  # the file's own total, when it gives one

    @property
    def duration_seconds(self) -> int:
        """The recording's length without its pauses, in whole seconds."""
        return sum(moving_seconds(self))

    @property
    def distance_m(self) -> float | None:
        """The file's total, else the distance the samples cover."""
        if self.total_distance_m is not None:
            return self.total_distance_m
        distances = [s.distance_m for s in self.samples if s.distance_m is not None]
        return max(distances) if distances else None


def moving_seconds(activity: Activity) -> list[bool]:
    """Each whole second of the recording: True when recording, False in a pause. A second
    is paused when its middle falls in a pause, so bouts and duration add up exactly."""
    seconds = round(activity.elapsed_seconds)
    moving = [True] * seconds
    for pause in activity.pauses:
        first = max(0, round(pause.start))
        last = min(seconds, round(pause.end))
        for second in range(first, last):
            moving[second] = False
    return moving
