"""Small shared field types for the core's models."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

__all__ = ["IsoDate", "Record"]


def _iso_date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError("should be a date written as YYYY-MM-DD, for example 2026-03-14")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class Record(BaseModel):
    """A validated value: unknown fields are errors, and it never changes once made."""

    model_config = ConfigDict(extra="forbid", frozen=True)
