"""URL converters that match only well-formed ids, so that a malformed one is a plain "not
found" before any database query (a NUL byte in an id once reached PostgreSQL, which cannot
compare text holding one).

They are registered by name when the app starts (``WebConfig.ready``), so the apps' urlconfs
use them without importing this package (it sits above them)."""

from __future__ import annotations

from django.urls import register_converter


class _IdConverter:
    """An id kept as text; ``regex`` says what a well-formed one looks like."""

    regex: str

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class EntryIdConverter(_IdConverter):
    """A logged entry's public id: 16 lowercase hex characters (``new_event_id``)."""

    regex = "[0-9a-f]{16}"


class FeedTokenConverter(_IdConverter):
    """A calendar feed's secret: 43 URL-safe characters (``new_token``)."""

    regex = "[A-Za-z0-9_-]{43}"


class InviteCodeConverter(_IdConverter):
    """An invitation's code (8 characters) or a practice's (6), from ``CODE_ALPHABET``:
    no 0/O, 1/I/L."""

    regex = "[A-HJKMNP-Z2-9]{8}|[A-HJKMNP-Z2-9]{6}"


class RowIdConverter(_IdConverter):
    """A row's number, within what the database can hold (a longer one is not found);
    kept as text like the other ids, the view makes it a number."""

    regex = "[1-9][0-9]{0,17}"


CONVERTERS = {
    "entry_id": EntryIdConverter,
    "feed_token": FeedTokenConverter,
    "invite_code": InviteCodeConverter,
    "row_id": RowIdConverter,
}


def register() -> None:
    for name, converter in CONVERTERS.items():
        register_converter(converter, name)
