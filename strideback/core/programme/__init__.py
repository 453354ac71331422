"""The programme: its model, prescription, schedule, events and their replay.

- ``model``: sessions, logs, decisions, the plan, and the course events move;
- ``prescription``: exercises at a level and dose, and each kind of session on a day;
- ``schedule``: weekly patterns, projection, and where a programme starts;
- ``events``: what is recorded, validated;
- ``replay``: the fold of the events over the protocol, and the plan it gives;
- ``standing``: the verdict and referral read off the replayed course;
- ``today``: ``plan_as_of``, the one entry point every surface uses, and the day's session;
- ``week``: moving a session to another day, tried on the replay.
"""

from strideback.core.programme.events import (
    AnswersEvent,
    ClearanceEvent,
    Event,
    EventLog,
    MoveEvent,
    PauseEvent,
    PlanInputs,
    ResumeEvent,
    RetestEvent,
    SessionEvent,
    SkipEvent,
    SymptomEvent,
    event_from,
    events_in_force,
    load_events,
    parse_events,
)
from strideback.core.programme.model import (
    DISCLAIMER,
    Course,
    Decision,
    DecisionKind,
    Interval,
    Item,
    Plan,
    Session,
    SessionKind,
    SessionLog,
    Verdict,
)
from strideback.core.programme.replay import classify, plan_for, replay
from strideback.core.programme.schedule import initial_course, project
from strideback.core.programme.today import (
    logged_on,
    next_session,
    plan_as_of,
    session_due,
    session_to_log,
)
from strideback.core.programme.week import MoveChoice, movable, move_choices, move_refusal

__all__ = [
    "DISCLAIMER",
    "AnswersEvent",
    "ClearanceEvent",
    "Course",
    "Decision",
    "DecisionKind",
    "Event",
    "EventLog",
    "Interval",
    "Item",
    "MoveChoice",
    "MoveEvent",
    "PauseEvent",
    "Plan",
    "PlanInputs",
    "ResumeEvent",
    "RetestEvent",
    "Session",
    "SessionEvent",
    "SessionKind",
    "SessionLog",
    "SkipEvent",
    "SymptomEvent",
    "Verdict",
    "classify",
    "event_from",
    "events_in_force",
    "initial_course",
    "load_events",
    "logged_on",
    "movable",
    "move_choices",
    "move_refusal",
    "next_session",
    "parse_events",
    "plan_as_of",
    "plan_for",
    "project",
    "replay",
    "session_due",
    "session_to_log",
]
