"""The services' answers as JSON: the core's models dumped as they are, the stored records
by the fields a caller needs."""

from __future__ import annotations

from typing import Any

from strideback.core import Session
from strideback.core.progress import ProgressPage
from strideback.programmes.models import Event, IntakeVersion
from strideback.tracking.services import HistoryEntry


def session(s: Session) -> dict[str, Any]:
    return s.model_dump(mode="json")


def intake_version(version: IntakeVersion) -> dict[str, Any]:
    return {
        "version": version.version,
        "finished_at": version.completed_at,
        "answers": version.answers,
    }


def entry(event: Event) -> dict[str, Any]:
    """An entry as stored: its fields, and the entry it replaces (for an edit)."""
    data = {k: v for k, v in event.data.items() if k != "replaces"}
    return {
        "id": event.public_id,
        "type": event.type,
        "date": event.day,
        "recorded_at": event.recorded_at,
        "replaces": event.data.get("replaces"),
        "data": data,
    }


def history_item(item: HistoryEntry) -> dict[str, Any]:
    return {
        **entry(item.event),
        "decisions": [d.model_dump(mode="json") for d in item.decisions],
        "editable": item.editable,
    }


def progress(page: ProgressPage) -> dict[str, Any]:
    """The numbers under each chart (the charts themselves are the site's pictures)."""
    return {
        "lead": page.lead,
        "empty": page.empty,
        "charts": [
            {
                "key": f.key,
                "title": f.title,
                "summary": f.summary,
                "note": f.note,
                "head": list(f.table.head) if f.table else [],
                "rows": [list(row) for row in f.table.rows] if f.table else [],
            }
            for f in page.figures
        ],
    }
