"""The progress page's use case: her logged events read through the core's progress series
and charts. Nothing is stored; like the plan, it is worked out from the events on each read."""

from __future__ import annotations

from datetime import date

from strideback.core.progress import ProgressPage, progress_page
from strideback.programmes import services as programmes
from strideback.programmes.lookups import events_for
from strideback.programmes.models import Programme


def progress_for(programme: Programme, today: date) -> ProgressPage:
    """Her progress up to today: weekly running and sessions, effort and pain, the walk-run
    stage and her strength tests, each with its one-line summary and chart. The caller holds
    the programme through a checked lookup."""
    events = list(events_for(programme))
    inputs = programmes.plan_inputs(programme, today, events)
    return progress_page(inputs, programmes.core_events(events, inputs), today)
