"""A client's page for her practice, and what a professional records on it: private clinical
notes and outcome scores. The page reads her programme once (one replay, through the same
entry point as every surface of hers) and shows what she sees, with the practice's own
records beside it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from strideback.core import Decision, InputError, Plan, Problem, Session, plan_as_of
from strideback.core.programme import RetestEvent, SymptomEvent
from strideback.core.progress import ProgressPage, progress_page
from strideback.core.vocabulary import ENTRY_WORDS
from strideback.practice.access import record_access
from strideback.practice.models import (
    ClinicalNote,
    Membership,
    Message,
    OutcomeScore,
    Questionnaire,
    QuestionnaireLicence,
    Share,
)
from strideback.practice.outcomes import OutcomePanel, outcome_panel
from strideback.practice.team import require_owner
from strideback.programmes import services as programmes
from strideback.programmes.lookups import current_programme_for, events_for
from strideback.programmes.models import Event, IntakeVersion
from strideback.takeaway import services as takeaway
from strideback.tracking.services import HistoryEntry, history_entries

UPCOMING_DAYS = 14


@dataclass(frozen=True)
class Change:
    what: str
    before: str
    after: str


@dataclass(frozen=True)
class IntakeShown:
    version: IntakeVersion
    changes: list[Change]  # from the version before (none for the first)


@dataclass(frozen=True)
class TimelineItem:
    at: datetime
    kind: str  # event, note, message, share
    words: str


@dataclass(frozen=True)
class Programme:
    plan: Plan
    changes: list[Decision]  # the changes to her standing, newest first
    decisions: list[Decision]  # every decision, newest first
    upcoming: list[Session]
    entries: list[HistoryEntry]  # every log as it stands, newest first
    retests: list[HistoryEntry]
    progress: ProgressPage


@dataclass(frozen=True)
class ClientPage:
    share: Share
    intakes: list[IntakeShown]  # newest first
    programme: Programme | None  # None until she finishes her answers
    notes: list[ClinicalNote]
    messages: list[Message]
    outcomes: OutcomePanel
    timeline: list[TimelineItem]


def _flat(answers: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in answers.items():
        name = f"{prefix}{key}".replace("_", " ")
        if isinstance(value, dict):
            flat |= _flat(value, f"{name}: ")
        elif key != "assessed_on":
            flat[name] = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return flat


def intake_changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """What changed between two versions of her answers, field by field."""
    old, new = _flat(before), _flat(after)
    return [
        Change(name, old.get(name, "–"), new.get(name, "–"))
        for name in sorted(old.keys() | new.keys())
        if old.get(name) != new.get(name)
    ]


def _intakes(share: Share) -> list[IntakeShown]:
    versions = list(
        IntakeVersion.objects.filter(owner=share.runner, completed_at__isnull=False).order_by(
            "version"
        )
    )
    shown = [
        IntakeShown(v, intake_changes(versions[n - 1].answers, v.answers) if n else [])
        for n, v in enumerate(versions)
    ]
    return list(reversed(shown))


def symptom_days(plan: Plan, events: list[Any]) -> list[date]:
    """The days she reported a pelvic-floor symptom: in a session's log, a re-test or on its
    own."""
    days = {s.date for s in plan.sessions if s.log is not None and s.log.pelvic_floor_symptoms}
    days |= {e.date for e in events if isinstance(e, SymptomEvent | RetestEvent) and e.symptoms}
    return sorted(days)


def _programme(share: Share, today: date) -> tuple[Programme | None, list[Event], list[date]]:
    programme = current_programme_for(share.runner)
    if programme is None:
        return None, [], []
    events = list(events_for(programme).select_related("original"))
    inputs = programmes.plan_inputs(programme, today, events)
    parsed = programmes.core_events(events, inputs)
    plan = plan_as_of(inputs, parsed, today)  # the one entry point, as plan_for
    entries = history_entries(events, plan, None)
    shown = Programme(
        plan=plan,
        changes=programmes.standing_changes(plan),
        decisions=list(reversed(plan.decisions)),
        upcoming=[
            s
            for s in plan.sessions
            if s.log is None and today <= s.date <= today + timedelta(days=UPCOMING_DAYS)
        ],
        entries=entries,
        retests=[e for e in entries if e.event.type == "retest"],
        progress=progress_page(inputs, parsed, today),
    )
    return shown, events, symptom_days(plan, parsed)


def _entry_words(event: Event) -> str:
    """'Exercise added (5 Dec), by Anna Lee'."""
    words = f"{ENTRY_WORDS.get(event.type, event.type)} ({event.day:%-d %b})"
    author = event.data.get("author")
    return f"{words}, by {author['name']}" if isinstance(author, dict) else words


def _timeline(
    share: Share, events: list[Event], notes: list[ClinicalNote], messages: list[Message]
) -> list[TimelineItem]:
    items = [TimelineItem(share.granted_at, "share", "Shared her programme with the practice")]
    items += [TimelineItem(e.recorded_at, "event", _entry_words(e)) for e in events]
    items += [TimelineItem(n.written_at, "note", f"Note by {n.author_name}") for n in notes]
    items += [TimelineItem(m.sent_at, "message", f"Message from {m.sender_name}") for m in messages]
    return sorted(items, key=lambda item: item.at, reverse=True)


def client_page(membership: Membership, share: Share, today: date, now: datetime) -> ClientPage:
    """Everything about her the practice may see, read once; the read is logged, and her
    messages to the practice count as read."""
    record_access(membership.user, share.practice, share.runner, "client_page")
    programme, events, symptoms = _programme(share, today)
    notes = list(share.notes.all())
    messages = list(share.messages.all())
    Message.objects.filter(share=share, from_practice=False, read_at__isnull=True).update(
        read_at=now
    )
    return ClientPage(
        share=share,
        intakes=_intakes(share),
        programme=programme,
        notes=notes,
        messages=messages,
        outcomes=outcome_panel(share, today, symptoms),
        timeline=_timeline(share, events, notes, messages),
    )


# ---------------------------------------------------------------------------------------
# What the professional records.

NOTE_LENGTH = 5000


def write_note(membership: Membership, share: Share, text: str, now: datetime) -> ClinicalNote:
    """A private clinical note: the practice's, never shown in her app (it is in her data
    export)."""
    text = text.strip()
    if not text or len(text) > NOTE_LENGTH:
        raise InputError(
            "note", [Problem("text", f"write a note of 1 to {NOTE_LENGTH} characters")]
        )
    record_access(membership.user, share.practice, share.runner, "note_written")
    return ClinicalNote.objects.create(
        share=share,
        author=membership.user,
        author_name=membership.user.display_name,
        text=text,
        written_at=now,
    )


RANGES: dict[str, tuple[str, int]] = {
    "total:iciq_ui_sf": ("ICIQ-UI SF total", 21),
    "total:pfdi_20": ("PFDI-20 total", 300),
    "popdi_6": ("POPDI-6", 100),
    "cradi_8": ("CRADI-8", 100),
    "udi_6": ("UDI-6", 100),
}
SUBSCALES = ("popdi_6", "cradi_8", "udi_6")


def _range_problems(questionnaire: str, scores: dict[str, Decimal | None]) -> list[Problem]:
    wanted = [("total", f"total:{questionnaire}")]
    if questionnaire == Questionnaire.PFDI_20:
        wanted += [(name, name) for name in SUBSCALES]
    problems = []
    for field, key in wanted:
        label, top = RANGES[key]
        value = scores.get(field)
        if value is None or not 0 <= value <= top:
            problems.append(Problem(field, f"{label} must be a number from 0 to {top}"))
    if not problems and questionnaire == Questionnaire.PFDI_20:
        parts = sum(scores[name] or 0 for name in SUBSCALES)
        if abs(parts - (scores["total"] or 0)) > 1:
            problems.append(
                Problem("total", f"PFDI-20 total must be POPDI-6 + CRADI-8 + UDI-6 ({parts})")
            )
    return problems


def record_score(
    membership: Membership,
    share: Share,
    questionnaire: str,
    taken_on: date,
    scores: dict[str, Decimal | None],
    today: date,
    now: datetime,
) -> OutcomeScore:
    """A questionnaire's totals (never its items) for a questionnaire the practice is
    licensed for, taken on a day from her sharing to today."""
    problems = []
    licensed = QuestionnaireLicence.objects.filter(
        practice=share.practice, questionnaire=questionnaire
    ).exists()
    if not licensed:
        problems.append(
            Problem("questionnaire", "your practice is not licensed for this questionnaire")
        )
    if taken_on > today:
        problems.append(Problem("taken_on", f"the day taken must be today ({today}) or earlier"))
    problems += _range_problems(questionnaire, scores) if licensed else []
    if problems:
        raise InputError("outcome score", problems)
    record_access(membership.user, share.practice, share.runner, "score_recorded", questionnaire)
    subscales = scores if questionnaire == Questionnaire.PFDI_20 else {}
    return OutcomeScore.objects.create(
        share=share,
        questionnaire=questionnaire,
        taken_on=taken_on,
        total=scores["total"],
        **{name: subscales.get(name) for name in SUBSCALES},
        recorded_by=membership.user,
        recorded_at=now,
    )


def licences(membership: Membership) -> list[str]:
    return list(
        QuestionnaireLicence.objects.filter(practice=membership.practice).values_list(
            "questionnaire", flat=True
        )
    )


def set_licences(membership: Membership, questionnaires: list[str]) -> list[str]:
    """The owner says which questionnaires the practice is licensed for."""
    require_owner(membership)
    wanted = [q for q in questionnaires if q in Questionnaire.values]
    practice = membership.practice
    QuestionnaireLicence.objects.filter(practice=practice).exclude(
        questionnaire__in=wanted
    ).delete()
    for questionnaire in wanted:
        QuestionnaireLicence.objects.get_or_create(practice=practice, questionnaire=questionnaire)
    record_access(membership.user, practice, None, "licences_set", ", ".join(wanted))
    return wanted


def client_handout(
    membership: Membership, share: Share, today: date, links: Sequence[tuple[str, str]]
) -> str | None:
    """Her printable handout, prepared by the practice; None before she has a plan."""
    record_access(membership.user, share.practice, share.runner, "handout")
    programme = current_programme_for(share.runner)
    if programme is None:
        return None
    return takeaway.handout_html(programme, today, links, prepared_by=share.practice.name)
