"""Matching a watch file to a planned run: the nearest open run session within two days, or
why none, or the choice she is asked to make; never a logged session, never one further."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strideback.core.activities import (
    KEEP_UNMATCHED_AFTER_DAYS,
    MATCH_WINDOW_DAYS,
    is_walk,
    match,
)
from strideback.core.errors import InputError
from strideback.core.programme.events import WatchRun
from strideback.core.programme.model import Interval, Session, SessionKind, SessionLog

TODAY = date(2026, 3, 20)
START = date(2026, 2, 1)
SOME = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))


def session(day: date, kind: SessionKind = "walk_run", logged: bool = False) -> Session:
    return Session(
        date=day,
        kind=kind,
        title="",
        summary="",
        log=SessionLog(completed="all") if logged else None,
    )


def days(number: int) -> date:
    return TODAY - timedelta(days=number)


def test_the_session_on_the_day() -> None:
    planned = [session(days(4)), session(days(2)), session(days(0))]
    assert match(days(2), planned, today=TODAY, start=START).session == planned[1]


def test_a_day_off_the_plan() -> None:
    planned = [session(days(5)), session(days(1), kind="run")]
    found = match(days(2), planned, today=TODAY, start=START)
    assert found.session == planned[1]
    assert not found.ambiguous


def test_strength_sessions_are_not_candidates() -> None:
    planned = [session(days(2), kind="strength"), session(days(2), kind="mobility")]
    assert match(days(2), planned, today=TODAY, start=START).why == "no_session"


def test_two_equally_near_she_is_asked() -> None:
    planned = [session(days(3)), session(days(1))]
    found = match(days(2), planned, today=TODAY, start=START)
    assert found.ambiguous
    assert found.session is None
    assert found.candidates == (days(3), days(1))
    chosen = match(days(2), planned, today=TODAY, start=START, choice=days(1))
    assert chosen.session == planned[1]


def test_a_choice_that_is_not_a_candidate() -> None:
    planned = [session(days(3)), session(days(1))]
    with pytest.raises(InputError) as caught:
        match(days(2), planned, today=TODAY, start=START, choice=days(6))
    message = str(caught.value)
    assert f"choose {days(3)} or {days(1)}." in message
    with pytest.raises(InputError, match="there is none to choose"):
        match(days(2), [], today=TODAY, start=START, choice=days(2))


def test_a_choice_among_three() -> None:
    planned = [session(days(4)), session(days(3)), session(days(2))]
    with pytest.raises(InputError, match=f"choose {days(4)}, {days(3)} or {days(2)}"):
        match(days(3), planned, today=TODAY, start=START, choice=days(9))


def test_already_logged() -> None:
    planned = [session(days(2), logged=True)]
    assert match(days(2), planned, today=TODAY, start=START).why == "already_logged"


def test_no_session_near() -> None:
    planned = [session(days(6)), session(days(0))]
    assert match(days(3), planned, today=TODAY, start=START).why == "no_session"


def test_before_the_programme() -> None:
    planned = [session(START)]
    found = match(START - timedelta(days=1), planned, today=TODAY, start=START)
    assert found.why == "before_programme"


def test_too_old() -> None:
    old = days(KEEP_UNMATCHED_AFTER_DAYS + 1)
    found = match(old, [session(old)], today=TODAY, start=START)
    assert found.why == "too_old"
    assert match(days(14), [session(days(14))], today=TODAY, start=START).session is not None


def test_a_walk() -> None:
    found = match(days(1), [session(days(1))], today=TODAY, start=START, walk=True)
    assert found.why == "walk"


def test_a_day_after_today() -> None:
    with pytest.raises(InputError, match=r"is after today \(2026-03-20\); check the watch.s clock"):
        match(TODAY + timedelta(days=1), [], today=TODAY, start=START)


def watch(sport: str, *bouts: tuple[str, int]) -> WatchRun:
    return WatchRun(
        file_name="w.fit",
        sport=sport,  # type: ignore[arg-type]
        started_at=datetime(2026, 3, 14, 7, 30, tzinfo=UTC),
        duration_seconds=600,
        fingerprint="0" * 64,
        bouts=[Interval(activity=a, seconds=s) for a, s in bouts],  # type: ignore[arg-type]
    )


def test_what_is_a_walk() -> None:
    assert is_walk(watch("walking", ("run", 60)))
    assert is_walk(watch("running", ("walk", 600)))
    assert not is_walk(watch("running", ("walk", 540), ("run", 60)))


plans = st.lists(
    st.tuples(
        st.integers(0, 30),
        st.sampled_from(["walk_run", "run", "strength", "mobility", "retest"]),
        st.booleans(),
    ),
    max_size=12,
)


@SOME
@given(plan=plans, ago=st.integers(0, 20))
def test_never_a_logged_session_nor_one_too_far(plan, ago) -> None:  # type: ignore[no-untyped-def]
    sessions = [session(days(n), kind, logged) for n, kind, logged in plan]
    day = days(ago)
    found = match(day, sessions, today=TODAY, start=days(30))
    chosen = [found.session] if found.session else []
    if found.ambiguous:
        chosen = [
            match(day, sessions, today=TODAY, start=days(30), choice=d).session  # type: ignore[misc]
            for d in found.candidates
        ]
        assert len({abs((d - day).days) for d in found.candidates}) == 1
    for picked in chosen:
        assert picked is not None
        assert picked.log is None
        assert picked.kind in ("walk_run", "run")
        assert abs((picked.date - day).days) <= MATCH_WINDOW_DAYS
    if not chosen:
        assert found.why is not None
