"""The programme: its model, prescription, schedule, events and their replay.

- ``model``: sessions, logs, decisions, the plan, and the course events move;
- ``prescription``: exercises at a level and dose, and each kind of session on a day;
- ``schedule``: weekly patterns, projection, and where a programme starts;
- ``events``: what is recorded, validated;
- ``replay``: the fold of the events over the protocol, and the plan it gives.
"""

from strideback.core.programme.events import (
    ClearanceEvent,
    Event,
    EventLog,
    PauseEvent,
    PlanInputs,
    ResumeEvent,
    RetestEvent,
    SessionEvent,
    SymptomEvent,
    event_from,
    events_in_force,
    load_events,
    parse_events,
)
from strideback.core.programme.model import (
    DISCLAIMER,
    EQUIPMENT_WORDS,
    Course,
    Decision,
    DecisionKind,
    Interval,
    Item,
    Plan,
    Session,
    SessionKind,
    SessionLog,
)
from strideback.core.programme.replay import classify, replay
from strideback.core.programme.schedule import build_plan, initial_course, plan_for, project

__all__ = [
    "DISCLAIMER",
    "EQUIPMENT_WORDS",
    "ClearanceEvent",
    "Course",
    "Decision",
    "DecisionKind",
    "Event",
    "EventLog",
    "Interval",
    "Item",
    "PauseEvent",
    "Plan",
    "PlanInputs",
    "ResumeEvent",
    "RetestEvent",
    "Session",
    "SessionEvent",
    "SessionKind",
    "SessionLog",
    "SymptomEvent",
    "build_plan",
    "classify",
    "event_from",
    "events_in_force",
    "initial_course",
    "load_events",
    "parse_events",
    "plan_for",
    "project",
    "replay",
]
