"""What the watch recorded against the session planned, in plain sentences."""

from __future__ import annotations

from datetime import UTC, date, datetime

from strideback.core.activities import compare, duration_words
from strideback.core.programme.events import WatchRun
from strideback.core.programme.model import Interval, Session

DAY = date(2026, 3, 14)


def session(run: int = 120, repeats: int = 8, walk: int = 60) -> Session:
    intervals = []
    for number in range(repeats):
        intervals.append(Interval(activity="run", seconds=run))
        if number < repeats - 1:
            intervals.append(Interval(activity="walk", seconds=walk))
    return Session(
        date=DAY,
        kind="walk_run",
        title="Walk-run",
        summary="",
        intervals=intervals,
        running_seconds=run * repeats,
    )


def watch(*bouts: tuple[str, int]) -> WatchRun:
    return WatchRun(
        file_name="run.fit",
        sport="running",
        started_at=datetime(2026, 3, 14, 7, 30, tzinfo=UTC),
        duration_seconds=sum(seconds for _, seconds in bouts),
        fingerprint="0" * 64,
        bouts=[Interval(activity=activity, seconds=seconds) for activity, seconds in bouts],  # type: ignore[arg-type]
    )


def test_fewer_runs_than_planned() -> None:
    done = watch(*[("run", 130), ("walk", 60)] * 5, ("run", 150))
    comparison = compare(done, session())
    assert (comparison.runs, comparison.runs_planned) == (6, 8)
    assert comparison.longest_run_seconds == 150
    assert comparison.longest_planned_seconds == 120
    assert (comparison.run_seconds, comparison.planned_seconds) == (800, 960)
    assert comparison.beyond_seconds == 0
    assert comparison.beyond_fraction == 0
    assert comparison.longest_beyond_seconds == 30
    assert comparison.words() == [
        "You ran 6 of the 8 run intervals planned; your longest run was 2 min 30 s "
        "(planned 2 min); 13 min 20 s running in all (planned 16 min)."
    ]


def test_beyond_the_plan() -> None:
    done = watch(("run", 600))
    comparison = compare(done, session(run=240, repeats=2))
    assert comparison.beyond_seconds == 120
    assert comparison.beyond_fraction == 0.25
    assert comparison.words() == [
        "You ran 1 of the 2 run intervals planned; your longest run was 10 min "
        "(planned 4 min); 10 min running in all (planned 8 min).",
        "That is 2 min more running than planned (25% more). Keeping to the plan lets your "
        "body catch up with the running.",
    ]


def test_more_runs_than_planned() -> None:
    comparison = compare(watch(("run", 60), ("walk", 60), ("run", 60)), session(60, 1))
    assert comparison.words()[0].startswith("You ran 2 times; 1 run interval were planned")


def test_no_running_found() -> None:
    comparison = compare(watch(("walk", 1200)), session())
    assert comparison.words() == [
        "The watch found no running in this recording, only walking. 16 min of running was planned."
    ]


def test_a_session_with_no_running_planned() -> None:
    plain = Session(date=DAY, kind="run", title="Run", summary="")
    comparison = compare(watch(("run", 60)), plain)
    assert comparison.planned_seconds == 0
    assert comparison.beyond_fraction == 0


def test_durations_in_words() -> None:
    assert [duration_words(s) for s in (0, 45, 60, 130, 840, 3600, 3900)] == [
        "0 s",
        "45 s",
        "1 min",
        "2 min 10 s",
        "14 min",
        "1 h",
        "1 h 5 min",
    ]
