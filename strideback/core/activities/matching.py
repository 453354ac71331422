"""Which planned run a watch file belongs to: the open run session nearest the day it was
done, within a couple of days; if two are equally near, she is asked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from strideback.core.errors import InputError, Problem
from strideback.core.programme.events import WatchRun
from strideback.core.programme.model import Session

__all__ = [
    "KEEP_UNMATCHED_AFTER_DAYS",
    "MATCH_WINDOW_DAYS",
    "RUN_KINDS",
    "Match",
    "Unmatched",
    "is_walk",
    "match",
]

MATCH_WINDOW_DAYS = 2  # a run done a day or two off the plan is still that session
KEEP_UNMATCHED_AFTER_DAYS = 14  # older than this, a file moves nothing on: history only
RUN_KINDS = ("walk_run", "run")

Unmatched = Literal["no_session", "already_logged", "before_programme", "too_old", "walk"]


@dataclass(frozen=True)
class Match:
    """The session matched; or why none was (``why``); or the equally near candidates she
    is asked to choose between (``candidates``)."""

    session: Session | None = None
    why: Unmatched | None = None
    candidates: tuple[date, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.session is None and bool(self.candidates)


def is_walk(watch: WatchRun) -> bool:
    """A walk: recorded as one, or no running found in it."""
    return watch.sport == "walking" or watch.run_seconds == 0


def match(
    day: date,
    sessions: Sequence[Session],
    *,
    today: date,
    start: date,
    walk: bool = False,
    choice: date | None = None,
) -> Match:
    """Match an activity done on ``day`` (her local date) to a planned run session.
    ``walk`` (see ``is_walk``) keeps a walk from being taken for a run; ``choice`` is her
    answer when she was asked between candidates."""
    if day > today:
        raise InputError(
            "watch file",
            [
                Problem(
                    "date",
                    f"the file's start ({day}) is after today ({today}); check the watch's "
                    "clock and export the activity again.",
                )
            ],
        )
    open_runs = [
        s
        for s in sessions
        if s.kind in RUN_KINDS and s.log is None and abs((s.date - day).days) <= MATCH_WINDOW_DAYS
    ]
    early = _unmatched_early(day, today=today, start=start, walk=walk)
    candidates = [] if early else open_runs
    if choice is not None:
        chosen = [s for s in candidates if s.date == choice]
        if not chosen:
            allowed = sorted({s.date.isoformat() for s in candidates})
            raise InputError(
                "watch file",
                [
                    Problem(
                        "choice",
                        f"{choice} is not an open run session within {MATCH_WINDOW_DAYS} "
                        f"days of {day}; "
                        + (
                            f"choose {_either(allowed)}." if allowed else "there is none to choose."
                        ),
                    )
                ],
            )
        return Match(session=chosen[0])
    if early:
        return Match(why=early)
    if not candidates:
        # A run session near the day was logged by hand already (none is left open).
        logged = any(
            s.kind in RUN_KINDS
            and s.log is not None
            and abs((s.date - day).days) <= MATCH_WINDOW_DAYS
            for s in sessions
        )
        return Match(why="already_logged" if logged else "no_session")
    nearest = min(abs((s.date - day).days) for s in candidates)
    closest = [s for s in candidates if abs((s.date - day).days) == nearest]
    if len({s.date for s in closest}) > 1:
        return Match(candidates=tuple(sorted({s.date for s in closest})))
    return Match(session=closest[0])


def _unmatched_early(day: date, *, today: date, start: date, walk: bool) -> Unmatched | None:
    """Why no session can be matched, whatever is planned."""
    if day < start:
        return "before_programme"
    if day < today - timedelta(days=KEEP_UNMATCHED_AFTER_DAYS):
        return "too_old"
    if walk:
        return "walk"
    return None


def _either(options: list[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    return options[0] if len(options) == 1 else ", ".join(options[:-1]) + " or " + options[-1]
