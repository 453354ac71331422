"""Finding the walk and run bouts in a recording, and what is kept of it with her entry.

The recording is laid out second by second (samples may come every second or, with a
watch's "smart recording", every few seconds): each second's speed is the distance covered
between the samples around it, smoothed over a few seconds of time; each second is a run or
a walk by its speed (and its cadence, when the watch measured one); bouts shorter than a few
seconds join their neighbours. A pause of the recording is neither: a bout ends at it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

from strideback.core.activities.model import Activity, Sample, moving_seconds
from strideback.core.programme.events import WatchRun
from strideback.core.programme.model import Interval

__all__ = [
    "JOG_FLOOR_SPEED",
    "MIN_BOUT_SECONDS",
    "RUN_CADENCE",
    "RUN_SPEED",
    "SMOOTHING_SECONDS",
    "Bout",
    "find_bouts",
    "timed_bouts",
    "to_watch_run",
]

SMOOTHING_SECONDS = 5  # long enough to even out GPS jitter, short enough to keep a 30 s run
RUN_SPEED = 2.2  # m/s (8 km/h): brisk walking tops out near 7 km/h, a slow jog starts here
RUN_CADENCE = 140.0  # steps a minute: walking is 100 to 130, even a slow jog is 150 or more
JOG_FLOOR_SPEED = 1.5  # m/s: with a running cadence but slower than this, she is marking time
MIN_BOUT_SECONDS = 12  # shorter than this is a stumble, a kerb or a glitch, not a change

Activity_ = Literal["walk", "run"]


@dataclass(frozen=True)
class Bout:
    """A stretch of walking or running, in whole seconds from the start of the recording."""

    activity: Activity_
    start: int
    end: int

    @property
    def seconds(self) -> int:
        return self.end - self.start


def find_bouts(activity: Activity) -> list[Interval]:
    """The walk and run bouts, in order; together they last as long as the recording
    without its pauses."""
    return [Interval(activity=b.activity, seconds=b.seconds) for b in timed_bouts(activity)]


def timed_bouts(activity: Activity) -> list[Bout]:
    """The bouts with their place in the recording (a bout never spans a pause)."""
    moving = moving_seconds(activity)
    speeds, cadences = _per_second(activity.samples, len(moving))
    bouts: list[Bout] = []
    for first, last in _stretches(moving):
        labels = _classify(speeds[first:last], cadences[first:last])
        bouts += _merged(_runs_of(labels, first))
    return bouts


def _per_second(samples: tuple[Sample, ...], length: int) -> tuple[list[float], list[float | None]]:
    """Each second's speed and cadence, from the samples on either side of it: the
    distance between them over their time when both have one, else the speed measured."""
    times = [sample.seconds for sample in samples]
    speeds: list[float] = [0.0] * length
    cadences: list[float | None] = [None] * length
    for second in range(length):
        middle = second + 0.5
        after = min(bisect_right(times, middle), len(samples) - 1)
        before = max(after - 1, 0)
        late, early = samples[after], samples[before]
        gap = late.seconds - early.seconds
        if late.distance_m is not None and early.distance_m is not None and gap > 0:
            speeds[second] = max(0.0, (late.distance_m - early.distance_m) / gap)
        else:
            speeds[second] = late.speed or 0.0
        cadences[second] = late.cadence
    return speeds, cadences


def _stretches(moving: list[bool]) -> list[tuple[int, int]]:
    """The stretches of recording between pauses, as [first, last) seconds."""
    stretches = []
    first: int | None = None
    for second, recording in enumerate([*moving, False]):
        if recording and first is None:
            first = second
        elif not recording and first is not None:
            stretches.append((first, second))
            first = None
    return stretches


def _smoothed(values: list[float]) -> list[float]:
    """A rolling mean over SMOOTHING_SECONDS, centred, shorter at the ends of a stretch."""
    sums = [0.0]
    for value in values:
        sums.append(sums[-1] + value)
    half = SMOOTHING_SECONDS // 2
    result = []
    for index in range(len(values)):
        low, high = max(0, index - half), min(len(values), index + half + 1)
        result.append((sums[high] - sums[low]) / (high - low))
    return result


def _classify(speeds: list[float], cadences: list[float | None]) -> list[Activity_]:
    smooth = _smoothed(speeds)
    known = [cadence is not None and cadence > 0 for cadence in cadences]
    if not any(known):
        return ["run" if speed >= RUN_SPEED else "walk" for speed in smooth]
    cadence_smooth = _smoothed([cadence or 0.0 for cadence in cadences])
    counted = _smoothed([1.0 if present else 0.0 for present in known])
    labels: list[Activity_] = []
    for speed, total, share in zip(smooth, cadence_smooth, counted, strict=True):
        cadence = total / share if share else None
        if cadence is None:
            labels.append("run" if speed >= RUN_SPEED else "walk")
        else:
            running = cadence >= RUN_CADENCE and speed >= JOG_FLOOR_SPEED
            labels.append("run" if running else "walk")
    return labels


def _runs_of(labels: list[Activity_], offset: int) -> list[Bout]:
    bouts: list[Bout] = []
    for index, label in enumerate(labels):
        if bouts and bouts[-1].activity == label:
            bouts[-1] = Bout(label, bouts[-1].start, offset + index + 1)
        else:
            bouts.append(Bout(label, offset + index, offset + index + 1))
    return bouts


def _merged(bouts: list[Bout]) -> list[Bout]:
    """Flickers joined to their neighbours: the shortest bout under MIN_BOUT_SECONDS takes
    the activity of its longer neighbour, until none is left (or only one bout is)."""
    bouts = list(bouts)
    while len(bouts) > 1:
        short = [i for i, bout in enumerate(bouts) if bout.seconds < MIN_BOUT_SECONDS]
        if not short:
            break
        index = min(short, key=lambda i: bouts[i].seconds)
        neighbours = [i for i in (index - 1, index + 1) if 0 <= i < len(bouts)]
        into = max(neighbours, key=lambda i: bouts[i].seconds)
        first, last = min(index, into), max(index, into)
        bouts[first : last + 1] = [Bout(bouts[into].activity, bouts[first].start, bouts[last].end)]
        # The neighbour on the other side may now be the same activity: join it too.
        joined: list[Bout] = []
        for bout in bouts:
            if joined and joined[-1].activity == bout.activity:
                joined[-1] = Bout(bout.activity, joined[-1].start, bout.end)
            else:
                joined.append(bout)
        bouts = joined
    return bouts


def to_watch_run(activity: Activity, bouts: list[Interval]) -> WatchRun:
    """What is kept of the file with her entry (the samples are not kept)."""
    distance = activity.distance_m
    return WatchRun(
        file_name=activity.file_name[:200],
        sport=activity.sport,
        started_at=activity.started_at,
        duration_seconds=min(activity.duration_seconds, 24 * 3600),
        distance_m=None if distance is None else round(min(distance, 1_000_000), 1),
        device=activity.device[:120] if activity.device else None,
        fingerprint=activity.fingerprint,
        bouts=bouts,
    )
