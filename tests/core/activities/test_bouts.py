"""Walk and run bouts: exact on files with a known pattern, whatever the sampling; never
across a pause; together as long as the recording without its pauses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strideback.core.activities import (
    Activity,
    Pause,
    Sample,
    find_bouts,
    read_activity,
    timed_bouts,
    to_watch_run,
)
from strideback.core.activities.bouts import MIN_BOUT_SECONDS
from tests.support.watchfiles import walk_run_fit, walk_run_gpx, walk_run_tcx

START = datetime(2026, 3, 14, 7, 30, tzinfo=UTC)
SOME = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
STAGE = [("walk", 120), ("run", 60)] * 4 + [("walk", 120)]


def pattern_of(data: bytes) -> list[tuple[str, int]]:
    return [(b.activity, b.seconds) for b in find_bouts(read_activity("made", data))]


def close(found: list[tuple[str, int]], expected: list[tuple[str, int]], slack: int) -> bool:
    return [a for a, _ in found] == [a for a, _ in expected] and all(
        abs(f - e) <= slack for (_, f), (_, e) in zip(found, expected, strict=True)
    )


def test_a_walk_run_session_is_found_exactly() -> None:
    assert pattern_of(walk_run_fit(START, STAGE)) == STAGE


def test_smart_recording_every_few_seconds() -> None:
    for make in (walk_run_fit, walk_run_gpx, walk_run_tcx):
        assert close(pattern_of(make(START, STAGE, every=4)), STAGE, slack=4)


def test_without_cadence_speed_decides() -> None:
    assert pattern_of(walk_run_fit(START, STAGE, cadence=False)) == STAGE


def test_a_stumble_joins_its_neighbours() -> None:
    flicker = [("run", 60), ("walk", 5), ("run", 60), ("walk", 3), ("walk", 60)]
    assert pattern_of(walk_run_fit(START, flicker)) == [("run", 125), ("walk", 63)]


def test_a_short_bout_alone_between_pauses_stays() -> None:
    bouts = pattern_of(walk_run_fit(START, [("run", 6)]))
    assert bouts == [("run", 6)]


def test_a_pause_ends_a_bout() -> None:
    data = walk_run_fit(START, [("run", 120)], pause_after=60, pause_seconds=30)
    assert pattern_of(data) == [("run", 60), ("run", 60)]


def test_running_cadence_without_the_speed_is_marking_time() -> None:
    samples = tuple(Sample(float(s), s * 0.5, 0.5, 170.0) for s in range(61))
    activity = Activity("on-the-spot", "running", START, None, "0" * 64, samples, (), 60.0)
    assert [(b.activity, b.seconds) for b in find_bouts(activity)] == [("walk", 60)]


def test_a_slow_jog_with_a_running_cadence_is_a_run() -> None:
    samples = tuple(Sample(float(s), s * 1.9, None, 160.0) for s in range(61))
    activity = Activity("slow", "running", START, None, "0" * 64, samples, (), 60.0)
    assert [(b.activity, b.seconds) for b in find_bouts(activity)] == [("run", 60)]


def test_speed_alone_when_the_cadence_drops_out() -> None:
    samples = tuple(Sample(float(s), s * 2.8, None, 164.0 if s < 30 else None) for s in range(91))
    activity = Activity("dropout", "running", START, None, "0" * 64, samples, (), 90.0)
    assert [(b.activity, b.seconds) for b in find_bouts(activity)] == [("run", 90)]


def test_measured_speed_when_there_is_no_distance() -> None:
    samples = tuple(Sample(float(s), None, 2.8 if s > 30 else 1.2, None) for s in range(61))
    activity = Activity("speeds", "running", START, None, "0" * 64, samples, (), 60.0)
    found = [(b.activity, b.seconds) for b in find_bouts(activity)]
    assert close(found, [("walk", 30), ("run", 30)], slack=1)


def test_the_watch_run_kept() -> None:
    activity = read_activity("stage.fit", walk_run_fit(START, STAGE))
    watch = to_watch_run(activity, find_bouts(activity))
    assert watch.sport == "running"
    assert watch.started_at == START
    assert watch.duration_seconds == 14 * 60
    assert watch.distance_m == pytest.approx(5 * 120 * 1.4 + 4 * 60 * 2.8)
    assert watch.device == "Garmin fenix5"
    assert watch.run_seconds == 240
    assert watch.longest_run_seconds == 60
    assert len(watch.fingerprint) == 64


def test_a_watch_run_without_distance_or_device() -> None:
    samples = (Sample(0.0), Sample(30.0))
    activity = Activity("bare", "walking", START, None, "0" * 64, samples, (), 30.0)
    watch = to_watch_run(activity, find_bouts(activity))
    assert (watch.distance_m, watch.device, watch.bouts[0].activity) == (None, None, "walk")


patterns = st.lists(
    st.tuples(st.sampled_from(["walk", "run"]), st.integers(1, 200)), min_size=1, max_size=8
)


@SOME
@given(
    pattern=patterns,
    every=st.integers(1, 6),
    pause_at=st.one_of(st.none(), st.integers(1, 600)),
    pause_for=st.integers(31, 300),
    make=st.sampled_from([walk_run_fit, walk_run_gpx, walk_run_tcx]),
)
def test_bouts_fill_the_recording_and_never_cross_a_pause(
    pattern, every, pause_at, pause_for, make
) -> None:  # type: ignore[no-untyped-def]
    moving = sum(seconds for _, seconds in pattern)
    if moving < 2:
        return
    activity = read_activity(
        "made", make(START, pattern, every=every, pause_after=pause_at, pause_seconds=pause_for)
    )
    bouts = timed_bouts(activity)
    assert sum(b.seconds for b in bouts) == activity.duration_seconds == moving
    for bout in bouts:
        for pause in activity.pauses:
            assert bout.end <= round(pause.start) or bout.start >= round(pause.end)
    # Only a bout alone between pauses (or the ends) is ever shorter than the minimum.
    for before, bout, after in zip([None, *bouts], bouts, [*bouts[1:], None], strict=False):
        if bout.seconds < MIN_BOUT_SECONDS:
            for other in (before, after):
                touching = other is not None and (
                    other.end == bout.start or other.start == bout.end
                )
                assert not touching


@SOME
@given(
    seconds=st.lists(st.floats(0, 5000, allow_nan=False), min_size=2, max_size=40),
    pauses=st.lists(st.tuples(st.floats(0, 5000), st.floats(1, 600)), max_size=4),
)
def test_bouts_of_any_samples_add_up(
    seconds: list[float], pauses: list[tuple[float, float]]
) -> None:
    ordered = sorted(seconds)
    samples = tuple(Sample(s - ordered[0], s * 1.7, None, None) for s in ordered)
    elapsed = ordered[-1] - ordered[0]
    activity = Activity(
        "any",
        "running",
        START,
        None,
        "0" * 64,
        samples,
        tuple(Pause(start, min(start + length, elapsed)) for start, length in pauses),
        elapsed,
    )
    assert sum(b.seconds for b in find_bouts(activity)) == activity.duration_seconds
