"""The pure core of Strideback: catalog, intake, readiness, the programme (its schedule,
events and their replay), progress, export and drawing.

Standard library, pydantic, PyYAML and icalendar only: no web framework, no database,
no clock (callers pass the day in), no network. The public surface is listed here.
"""

from strideback.core.catalog import Catalog, Exercise, Protocol, check_paths, load_catalog
from strideback.core.errors import InputError, Problem
from strideback.core.intake import Intake, load_intake, parse_intake
from strideback.core.programme import (
    DISCLAIMER,
    Decision,
    Event,
    Plan,
    PlanInputs,
    Session,
    classify,
    load_events,
    parse_events,
    plan_as_of,
    plan_for,
    replay,
)
from strideback.core.readiness import Readiness, assess
from strideback.core.rules import RULES, Reason

__all__ = [
    "DISCLAIMER",
    "RULES",
    "Catalog",
    "Decision",
    "Event",
    "Exercise",
    "InputError",
    "Intake",
    "Plan",
    "PlanInputs",
    "Problem",
    "Protocol",
    "Readiness",
    "Reason",
    "Session",
    "assess",
    "check_paths",
    "classify",
    "load_catalog",
    "load_events",
    "load_intake",
    "parse_events",
    "parse_intake",
    "plan_as_of",
    "plan_for",
    "replay",
]
