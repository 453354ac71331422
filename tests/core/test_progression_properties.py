"""Progression properties, checked over many generated intakes and event histories.

Whatever she tells us and whatever she logs (step-backs, pauses and resumes, clearances,
re-tests, runs longer or shorter than planned), every plan the engine produces, logged and
projected sessions alike, keeps to the progression rules:

- one change at a time: a run is never more than one step above the highest she has had;
- within 10% a week: once a run in each of the two weeks before has set the baseline, the
  running time and the time on feet of any 7 days are at most 10% (or a minute) over the 7
  days before, or her best week of the last 28 days, counting the lesser of what was
  planned and what she ran;
- no single run over 110% of the longest of the last 30 days;
- no run before 12 weeks after birth;
- what slows her (history, sleep, energy, fear of movement) never makes her plan faster;
- a longer goal never means shorter runs.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strideback.core.catalog import stage_changes
from strideback.core.intake import Intake
from strideback.core.programme import Event, Plan, Session, event_from, plan_for
from strideback.core.rules import (
    BACKGROUND_START_STAGE,
    BEST_WEEK_DAYS,
    EARLIEST_RUN_DAYS,
    SPIKE_LIMIT,
    SPIKE_WINDOW_DAYS,
    WEEKLY_RISE,
    WEEKLY_RISE_FLOOR_SECONDS,
)
from tests.conftest import all_passed, make_intake
from tests.core.test_safety_properties import (
    CATALOG,
    RUN_KINDS,
    TODAY,
    first_run_seconds,
    histories,
    intakes,
    plan_of,
    session_event,
)

MANY = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
SOME = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
STAGES = CATALOG.default_protocol.walk_run.stages
MODIFIERS = ("low_energy", "fear_of_movement")


@dataclass(frozen=True)
class Counted:
    """A run as the limits count it."""

    day: date
    seconds: int
    on_feet: int
    red: bool


def _on_feet(session: Session) -> int:
    """The run and walk bouts: every interval but the warm-up and cool-down walks."""
    return sum(i.seconds for i in session.intervals[1:-1])


def counted_runs(plan: Plan) -> list[Counted]:
    """Runs done in full (the lesser of planned and run) and runs still to do."""
    counted = []
    for s in plan.sessions:
        if s.kind not in RUN_KINDS or (s.log is not None and s.log.completed != "all"):
            continue
        seconds, on_feet = s.running_seconds, _on_feet(s)
        ran = s.log.ran_minutes if s.log is not None else None
        if ran is not None and ran * 60 < seconds:
            on_feet = int(on_feet * ran * 60 / seconds)
            seconds = ran * 60
        red = s.log is not None and s.log.outcome == "red"
        counted.append(Counted(s.date, seconds, on_feet, red))
    return counted


def _week(runs: list[Counted], day: date, first: int, last: int) -> list[Counted]:
    return [r for r in runs if first >= (day - r.day).days >= last]


def _within_weekly_limit(runs: list[Counted], day: date) -> bool:
    last_week, week_before = _week(runs, day, 13, 7), _week(runs, day, 20, 14)
    if not last_week or not week_before:
        return True  # the first fortnight of a spell of running sets the baseline
    this_week = _week(runs, day, 6, 0)
    for part in ("seconds", "on_feet"):
        before = sum(getattr(r, part) for r in last_week)
        best = max(
            sum(getattr(r, part) for r in _week(runs, day, back + 6, back))
            for back in range(7, BEST_WEEK_DAYS - 6 + 1)
        )
        cap = max(before * (1 + WEEKLY_RISE), before + WEEKLY_RISE_FLOOR_SECONDS, best)
        if sum(getattr(r, part) for r in this_week) > cap:
            return False
    return True


def _run_logs(draw: st.DrawFn) -> list[Event]:
    """A spell of runs every two or three days, some longer or shorter than planned."""
    offset, events = draw(st.integers(0, 30)), []
    for _ in range(draw(st.integers(0, 14))):
        data = session_event(offset, draw)
        data["kind"] = draw(st.sampled_from(RUN_KINDS))
        data["ran_minutes"] = draw(st.none() | st.none() | st.integers(0, 40))
        events.append(event_from(data, "generated"))
        offset += draw(st.integers(2, 3))
    return events


@st.composite
def journeys(draw: st.DrawFn) -> tuple[Intake, list[Event]]:
    intake = draw(intakes())
    extra = {
        "goal": draw(st.sampled_from([None, "run_again", "5k", "10k", "half_marathon"])),
        "running_background": draw(
            st.sampled_from([None, "new_to_running", "occasional", "regular", "competitive"])
        ),
        **{name: draw(st.none() | st.booleans()) for name in MODIFIERS},
    }
    intake = intake.model_copy(update=extra)
    logs = _run_logs(draw) + draw(histories())
    return intake, sorted(logs, key=lambda e: e.date)


@MANY
@given(journeys())
def test_every_plan_keeps_to_the_progression_limits(
    journey: tuple[Intake, list[Event]],
) -> None:
    intake, events = journey
    plan = plan_of(intake, events)
    runs = [s for s in plan.sessions if s.kind in RUN_KINDS]
    counted = counted_runs(plan)
    highest = 0
    for session in runs:
        assert session.stage is not None
        if session.log is None:
            # One step at a time: never past the step after the highest she has had.
            assert session.stage <= max(highest + 1, _start(intake))
            # No run before 12 weeks, none over 110% of the longest of the last 30 days.
            assert intake.days_since_birth(session.date) >= EARLIEST_RUN_DAYS
            recent = [
                r.seconds
                for r in counted
                if session.date - timedelta(days=SPIKE_WINDOW_DAYS) <= r.day < session.date
            ]
            limit = max(max(recent) * SPIKE_LIMIT, STAGES[0].running_seconds) if recent else 0
            assert session.running_seconds <= max(limit, first_run_seconds(intake))
            assert _within_weekly_limit(counted, session.date)
        highest = max(highest, session.stage)


def _start(intake: Intake) -> int:
    """The stage her first run may be at: 1, or a few up for a regular runner."""
    return BACKGROUND_START_STAGE.get(intake.running_background or "", 0) + 1


def test_each_step_of_the_ladder_and_the_long_runs_changes_one_thing() -> None:
    assert all(len(stage_changes(a, b)) == 1 for a, b in itertools.pairwise(STAGES))
    for goal in ("run_again", "5k", "10k", "half_marathon", "marathon"):
        plan = plan_for(make_intake(14, tests=all_passed(), goal=goal), CATALOG)
        numbers = sorted({s.stage for s in plan.sessions if s.stage is not None})
        assert numbers == list(range(1, numbers[-1] + 1))  # no step left out
        long_runs = [s.running_seconds for s in plan.sessions if s.title.startswith("Long")]
        assert all(b <= a * SPIKE_LIMIT for a, b in itertools.pairwise(long_runs))


def _never(day: date | None) -> date:
    return day or date.max


@SOME
@given(
    intakes(),
    st.lists(st.sampled_from(MODIFIERS), min_size=1, unique=True),
    st.sampled_from(["new_to_running", "occasional", None]),
)
def test_what_slows_her_never_makes_her_plan_faster(
    intake: Intake, modifiers: list[str], background: str | None
) -> None:
    plain = intake.model_copy(update={"running_background": "occasional", "sleep_hours": None})
    slowed = plain.model_copy(
        update={"running_background": background, **dict.fromkeys(modifiers, True)}
    )
    faster = plan_for(plain, CATALOG, TODAY).expected_30_min
    slower = plan_for(slowed, CATALOG, TODAY).expected_30_min
    assert _never(slower) >= _never(faster)


@SOME
@given(intakes())
def test_a_half_marathon_goal_runs_at_least_as_long_as_a_5k_goal(intake: Intake) -> None:
    def longest(goal: str) -> int:
        plan = plan_for(intake.model_copy(update={"goal": goal}), CATALOG, TODAY)
        return max((s.running_seconds for s in plan.sessions), default=0)

    assert longest("half_marathon") >= longest("5k") >= longest("run_again")
