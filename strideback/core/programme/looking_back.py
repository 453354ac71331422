"""Her plan, and what it held for each of several days as it stood on each morning: one pass.

Progress compares, week by week, what she logged with what the plan held for that week on its
first day: the replay of the events dated before that day, projected from it. Replaying from
scratch for every week costs a replay per week (14 for a programme in its fourteenth week).
Events are folded in the order of their day, so the events dated before a day are, as a rule,
the first events of the whole replay: one fold, read at each week's first day, gives the same
plans. Where they are not (an edit dated after the entry it replaces, which keeps the earlier
version out of the whole replay but not out of the shorter one), that day is replayed on its
own, so the answer is always the one a separate replay gives. The caseload's summary reads
the plan of four weeks ago the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from strideback.core.programme.events import Event, PlanInputs, in_record_order
from strideback.core.programme.model import Plan, Session
from strideback.core.programme.replay import _fold as fold
from strideback.core.programme.replay import plan_after, replay, starting_state
from strideback.core.programme.schedule import project

__all__ = ["firm_to_do", "replay_looking_back"]

Look = tuple[date, date]  # a morning, and the last day to see from it


def replay_looking_back(
    inputs: PlanInputs,
    events: Sequence[Event],
    looks: Sequence[Look],
    as_of: date | None = None,
    until: date | None = None,
) -> tuple[Plan, list[list[Session]]]:
    """``replay(inputs, events, as_of, until)``, and for each look ``(day, last)`` (in order
    of day) the sessions the plan held up to ``last`` as it stood on the morning of ``day``:
    exactly ``replay(inputs, [e for e in events if e.date < day], as_of=day,
    until=last).sessions``, read from the same fold on its way."""
    ordered = in_record_order(events)
    state = starting_state(inputs)
    folded = 0
    held: list[list[Session]] = []
    for day, last in looks:
        earlier = [event for event in events if event.date < day]
        before = in_record_order(earlier)
        count = len(before)
        same = count >= folded and all(
            mine.event is theirs.event for mine, theirs in zip(before, ordered, strict=False)
        )
        if same:
            for record in ordered[folded:count]:
                fold(state, record)
            folded = count
            held.append(state.sessions + project(state.course, day, last))
        else:
            held.append(replay(inputs, earlier, as_of=day, until=last).sessions)
    for record in ordered[folded:]:
        fold(state, record)
    return plan_after(inputs, state, ordered, as_of, until), held


def firm_to_do(sessions: Sequence[Session], day: date, last: date) -> list[Session]:
    """The firm sessions still to do from ``day`` to ``last``."""
    return [s for s in sessions if s.log is None and not s.provisional and day <= s.date <= last]
