"""Plain-words formatting shared by the core's messages and exports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

__all__ = ["clock", "list_words", "short_date", "spoken_date"]


# The names strftime's %A and %B give (in English whatever the machine's locale): spelled
# out, as the engine says a date for every logged session and strftime is slow.
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def spoken_date(day: date) -> str:
    """'Saturday 21 November 2026'."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_date(day: date, today: date) -> str:
    """'3 March', with the year when it is not this year's ('3 March 2025')."""
    return f"{day.day} {_MONTHS[day.month - 1]}" + (
        "" if day.year == today.year else f" {day.year}"
    )


def list_words(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def clock(seconds: int) -> str:
    """'1 min', '1:15 min', '45 s'."""
    minutes, rest = divmod(seconds, 60)
    if rest == 0:
        return f"{minutes} min"
    return f"{minutes}:{rest:02d} min" if minutes else f"{rest} s"
