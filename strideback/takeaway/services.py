"""Take-away use cases: the handout (HTML and PDF), the private calendar feed, the export of
everything we hold about her, and the deletion of her account.

Views call these and nothing else; the formats themselves are made by the core."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from icalendar import Calendar

from strideback import __version__
from strideback.accounts import services as accounts
from strideback.accounts.zones import zone_of
from strideback.core import DISCLAIMER, InputError, Problem
from strideback.core.export import plan_html, plan_ics, plan_pdf
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS
from strideback.core.programme.summary import ENGINE_VERSION
from strideback.programmes import services as programmes
from strideback.programmes.lookups import current_programme_for, events_for
from strideback.programmes.models import Event, IntakeVersion, Programme
from strideback.takeaway.models import CalendarFeed, new_token

if TYPE_CHECKING:  # the user model sits beside this layer; only its type is used
    from strideback.accounts.models import User

FEED_REFRESH = timedelta(hours=6)
FeedAction = Literal["on", "reset", "off"]

# ---------------------------------------------------------------------------------------
# The handout.


def handout_html(
    programme: Programme,
    today: date,
    links: Sequence[tuple[str, str]] = (),
    prepared_by: str = "",
) -> str:
    """The printable handout, from this week on (earlier weeks are in her history), with
    ``links`` (words, address) shown on screen only, and the practice that prepared it."""
    plan = programmes.plan_for(programme, events_for(programme), today)
    return plan_html(plan, programmes.catalog(), since=today, links=links, prepared_by=prepared_by)


def handout_pdf(programme: Programme, today: date) -> bytes:
    plan = programmes.plan_for(programme, events_for(programme), today)
    return plan_pdf(plan, programmes.catalog(), since=today)


# ---------------------------------------------------------------------------------------
# The calendar feed.


def feed_for(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(owner=user).first()


def change_feed(user: User, action: FeedAction, now: datetime) -> CalendarFeed | None:
    """Turn her feed on (a new secret address), reset it (a new address; the old one stops
    working at once) or off (no address works)."""
    with transaction.atomic():
        if action == "off":
            CalendarFeed.objects.filter(owner=user).delete()
            return None
        feed, created = CalendarFeed.objects.select_for_update().get_or_create(
            owner=user, defaults={"created_at": now}
        )
        if action == "reset" and not created:
            feed.token = new_token()
            feed.created_at = now
            feed.save(update_fields=["token", "created_at"])
        return feed


def _her_today(owner: User, now: datetime) -> date:
    """Her today: in her own time zone, if she chose one (a calendar app asks without her)."""
    return timezone.localdate(now, zone_of(owner.time_zone))


def feed_version(token: str, now: datetime) -> str | None:
    """What the calendar behind this address is made from, as a short tag that changes
    whenever the calendar may (a new entry in her programme, a new day, a new programme
    or engine): a calendar app that already holds this version is told "not modified"
    without the plan being replayed. None when no feed has this address."""
    feed = CalendarFeed.objects.filter(token=token).select_related("owner").first()
    if feed is None:
        return None
    programme = current_programme_for(feed.owner)
    newest = None if programme is None else programme.events.aggregate(newest=Max("pk"))["newest"]
    reminder = feed.owner.reminder_at
    made_of = [
        feed.token,
        programme.pk if programme else None,
        newest,
        _her_today(feed.owner, now).isoformat(),
        reminder.isoformat() if reminder else None,
        ENGINE_VERSION,
        __version__,
    ]
    return hashlib.sha256(json.dumps(made_of).encode()).hexdigest()[:32]


def feed_calendar(token: str, now: datetime) -> str | None:
    """The calendar behind this secret address, or None when no feed has it (never made,
    reset or turned off). It holds her plan's sessions and nothing she logged."""
    feed = CalendarFeed.objects.filter(token=token).select_related("owner").first()
    if feed is None:
        return None
    programme = current_programme_for(feed.owner)
    if programme is None:
        return _empty_calendar()
    plan = programmes.plan_for(programme, events_for(programme), _her_today(feed.owner, now))
    # UIDs stay the same while the feed and programme do, so a moved session updates in
    # place; they name neither her nor the birth date.
    prefix = hashlib.sha256(f"{feed.token}:{programme.pk}".encode()).hexdigest()[:16]
    return plan_ics(
        plan,
        now,
        uid_prefix=prefix,
        private=True,
        refresh=FEED_REFRESH,
        reminder=feed.owner.reminder_at,
    )


def _empty_calendar() -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//Strideback//Return to running//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Strideback")
    calendar.add("x-wr-caldesc", DISCLAIMER)
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")


# ---------------------------------------------------------------------------------------
# Her data: everything we hold, as JSON and as a spreadsheet.

# Records about her that apps above this one keep (the practices' clinical notes): each adds
# a section by name, a function giving its rows, when it starts (``PracticeConfig.ready``).
# A row's keys are CSV_COLUMNS where they fit; the JSON keeps every key.
ExportSection = Callable[["User"], list[dict[str, Any]]]
EXPORT_SECTIONS: dict[str, ExportSection] = {}


def add_export_section(name: str, rows: ExportSection) -> None:
    EXPORT_SECTIONS[name] = rows


def _sections(user: User) -> dict[str, list[dict[str, Any]]]:
    return {name: rows(user) for name, rows in EXPORT_SECTIONS.items()}


def _stamp(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _her_events(user: User) -> list[Event]:
    return list(
        Event.objects.filter(programme__owner=user)
        .select_related("programme", "replaces", "original", "recorded_by")
        .order_by("programme_id", "id")
    )


def _recorder(event: Event, user: User) -> str:
    return "you" if event.recorded_by_id == user.pk else event.recorded_by.email


def _entry(event: Event, user: User, replaced: set[int]) -> dict[str, Any]:
    return {
        "id": event.public_id,
        "type": event.type,
        "date": event.day.isoformat(),
        "recorded_at": _stamp(event.recorded_at),
        "recorded_by": _recorder(event, user),
        "replaces": event.replaces.public_id if event.replaces_id else None,
        "first_version": event.original.public_id if event.original_id else None,
        "in_force": event.pk not in replaced,
        "data": event.data,
    }


def export_data(user: User, now: datetime) -> dict[str, Any]:
    """Everything we hold about her: her account, every intake version, every programme
    and every entry in every version (edits included), and whether her calendar feed is on
    (not its secret address). The plan itself is not stored: it is worked out from these."""
    feed = feed_for(user)
    intakes = IntakeVersion.objects.filter(owner=user).order_by("version")
    programmes_held = Programme.objects.filter(owner=user).select_related("intake").order_by("id")
    events = _her_events(user)
    replaced = {event.replaces_id for event in events if event.replaces_id}
    by_programme: dict[int, list[dict[str, Any]]] = {}
    for event in events:
        by_programme.setdefault(event.programme_id, []).append(_entry(event, user, replaced))
    return {
        "about": (
            "Everything Strideback holds about you, as of exported_at. Your plan is not "
            "stored: it is worked out each time from your answers and your entries."
        ),
        "exported_at": _stamp(now),
        "account": {
            "email": user.email,
            "role": user.role,
            "joined": _stamp(user.date_joined),
            "last_signed_in": _stamp(user.last_login),
        },
        "calendar_feed": {
            "on": feed is not None,
            "since": _stamp(feed.created_at if feed else None),
        },
        "intakes": [
            {
                "version": intake.version,
                "started": _stamp(intake.created_at),
                "last_changed": _stamp(intake.updated_at),
                "finished": _stamp(intake.completed_at),
                "answers": intake.answers,
            }
            for intake in intakes
        ],
        **_her_sharing(user),
        "programmes": [
            {
                "start": programme.start.isoformat(),
                "created_at": _stamp(programme.created_at),
                "intake_version": programme.intake.version,
                "protocol": programme.protocol_id,
                "protocol_version": programme.protocol_version,
                "entries": by_programme.get(programme.pk, []),
            }
            for programme in programmes_held
        ],
        **_sections(user),
    }


def _her_sharing(user: User) -> dict[str, Any]:
    """The practices she shared with (open and ended), and every line of the access log
    about her. Read through her account's relations: the practice app sits above this one."""
    shares = user.shares.select_related("practice").order_by("granted_at", "id")  # type: ignore[attr-defined]
    entries = user.access_entries.select_related("practice").order_by("at", "id")  # type: ignore[attr-defined]
    return {
        "shared_with": [
            {
                "practice": share.practice.name,
                "granted": _stamp(share.granted_at),
                "revoked": _stamp(share.revoked_at),
            }
            for share in shares
        ],
        "access_log": [
            {
                "at": _stamp(entry.at),
                "who": entry.actor_name,
                "practice": entry.practice.name,
                "action": entry.action,
                "detail": entry.detail,
            }
            for entry in entries
        ],
    }


def export_json(user: User, now: datetime) -> str:
    return json.dumps(export_data(user, now), indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = [
    "date",
    "type",
    "session",
    "completed",
    "effort_0_10",
    "pain_0_10",
    "pain_where",
    "pelvic_floor_symptoms",
    "pain_settled_next_day",
    "symptoms",
    "tests",
    "reason",
    "cleared_by",
    "note",
    "entry_id",
    "replaces_entry",
    "in_force",
    "recorded_at",
    "recorded_by",
    "programme_start",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """One spreadsheet cell: lists joined with '; ', yes/no for true/false, and text that a
    spreadsheet would run as a formula made plain with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}={item}" for key, item in _flat(value))
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return str(value)


def _flat(tests: dict[str, Any]) -> list[tuple[str, Any]]:
    """{'load_impact': {'walk': 'pass'}, 'strength': {...}} → [('walk', 'pass'), ...], in the
    order the intake asks the tests (the database may keep a JSON object's keys in any order)."""
    order = {name: n for n, name in enumerate((*LOAD_IMPACT_TESTS, *STRENGTH_TESTS))}
    pairs: list[tuple[str, Any]] = []
    for key, value in tests.items():
        if isinstance(value, dict):
            pairs += _flat(value)
        else:
            pairs.append((key, value))
    return sorted(pairs, key=lambda pair: (order.get(pair[0], len(order)), pair[0]))


def export_csv(user: User) -> str:
    """One row per entry she logged, every version of an edited one, oldest first; ISO dates,
    a header row, one column per thing she told us."""
    events = _her_events(user)
    replaced = {event.replaces_id for event in events if event.replaces_id}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in sorted(events, key=lambda e: (e.day, e.pk)):
        data = event.data
        row = {
            "date": event.day.isoformat(),
            "type": event.type,
            "session": data.get("kind"),
            "completed": data.get("completed"),
            "effort_0_10": data.get("rpe"),
            "pain_0_10": data.get("pain"),
            "pain_where": data.get("pain_where"),
            "pelvic_floor_symptoms": data.get("pelvic_floor_symptoms"),
            "pain_settled_next_day": data.get("pain_settled"),
            "symptoms": data.get("symptoms"),
            "tests": data.get("tests"),
            "reason": data.get("reason"),
            "cleared_by": data.get("by"),
            "note": data.get("note"),
            "entry_id": event.public_id,
            "replaces_entry": event.replaces.public_id if event.replaces_id else None,
            "in_force": event.pk not in replaced,
            "recorded_at": _stamp(event.recorded_at),
            "recorded_by": _recorder(event, user),
            "programme_start": event.programme.start.isoformat(),
        }
        writer.writerow([_cell(row[column]) for column in CSV_COLUMNS])
    for rows in _sections(user).values():
        for extra in rows:
            writer.writerow([_cell(extra.get(column)) for column in CSV_COLUMNS])
    for row in _sharing_rows(user):
        writer.writerow([_cell(row.get(column)) for column in CSV_COLUMNS])
    return out.getvalue()


def _sharing_rows(user: User) -> list[dict[str, Any]]:
    """Her shares and the access log, one row each, after her entries: ``type`` says which
    (shared, share_ended, access), ``note`` names the practice and what was done."""
    sharing = _her_sharing(user)
    rows: list[dict[str, Any]] = []
    for share in sharing["shared_with"]:
        rows.append({"date": share["granted"][:10], "type": "shared", "note": share["practice"]})
        if share["revoked"]:
            rows.append(
                {"date": share["revoked"][:10], "type": "share_ended", "note": share["practice"]}
            )
    for line in sharing["access_log"]:
        words = f"{line['who']} ({line['practice']}): {line['action']} {line['detail']}"
        rows.append({"date": line["at"][:10], "type": "access", "note": words.strip()})
    return rows


# ---------------------------------------------------------------------------------------
# Deleting her account.


def delete_account(user: User) -> None:
    """Delete her and every row that is hers: entries, programmes, intakes, her calendar
    feed, and every session she is signed in to, on any device. Entries are append-only and
    link to earlier ones, so they go first, as a set."""
    with transaction.atomic():
        others = Event.objects.filter(recorded_by=user).exclude(programme__owner=user)
        if others.exists():
            raise InputError(
                "your account",
                [
                    Problem(
                        "",
                        "It holds entries you recorded in other runners' programmes; they "
                        "belong to those runners' histories. Ask for your access to be ended "
                        "instead.",
                    )
                ],
            )
        entries = Event.objects.filter(programme__owner=user)
        # The links between versions run inside the set being deleted.
        entries.update(replaces=None, original=None)
        entries.delete()
        Programme.objects.filter(owner=user).delete()
        IntakeVersion.objects.filter(owner=user).delete()
        accounts.end_every_session(user)
        user.delete()  # the rest (her calendar feed, her drafts' links) goes with her
