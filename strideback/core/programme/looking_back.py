"""What her plan held for each of several days, as it stood on each morning, in one pass.

Progress compares, week by week, what she logged with what the plan held for that week on its
first day: the replay of the events dated before that day, projected from it. Replaying from
scratch for every week costs a replay per week (14 for a programme in its fourteenth week).
Events are folded in the order of their day, so the events dated before a day are, as a rule,
the first events of the whole replay: one fold, read at each week's first day, gives the same
plans. Where they are not (an edit dated after the entry it replaces, which keeps the earlier
version out of the whole replay but not out of the shorter one), that day is replayed on its
own, so the answer is always the one a separate replay gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from strideback.core.programme.events import Event, PlanInputs, in_record_order
from strideback.core.programme.fold import ReplayState
from strideback.core.programme.model import Session
from strideback.core.programme.replay import _fold as fold
from strideback.core.programme.replay import replay
from strideback.core.programme.schedule import initial_course, project
from strideback.core.readiness import assess

__all__ = ["planned_then"]


def planned_then(
    inputs: PlanInputs, events: Sequence[Event], days: Sequence[date], span: int = 7
) -> list[list[Session]]:
    """For each of ``days`` (in order), the firm sessions still to do that the plan held for
    the ``span`` days from it, as it stood that morning: exactly what
    ``replay(inputs, [e for e in events if e.date < day], as_of=day, until=day + span - 1)``
    holds for those days, without a replay per day."""
    ordered = in_record_order(events)
    course = initial_course(
        inputs.intake, assess(inputs.intake), inputs.catalog, inputs.start, inputs.protocol
    )
    state = ReplayState(course=course, sessions=[], decisions=[])
    folded = 0
    found: list[list[Session]] = []
    for day in days:
        last = day + timedelta(days=span - 1)
        before = in_record_order([event for event in events if event.date < day])
        count = len(before)
        same = count >= folded and all(
            mine.event is theirs.event for mine, theirs in zip(before, ordered, strict=False)
        )
        if same:
            for record in ordered[folded:count]:
                fold(state, record)
            folded = count
            held = state.sessions + project(state.course, day, last)
        else:
            earlier = [event for event in events if event.date < day]
            held = replay(inputs, earlier, as_of=day, until=last).sessions
        found.append(
            [s for s in held if s.log is None and not s.provisional and day <= s.date <= last]
        )
    return found
