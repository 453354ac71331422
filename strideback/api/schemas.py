"""The API's bodies: what a route takes and what it answers. What a value may be is said
in words here and checked by the web's forms and the core (one rule, one place)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict


class Strict(Schema):
    """A body with unknown fields refused (400 naming the field)."""

    model_config = ConfigDict(extra="forbid")


def page_schema(item: type[Any], name: str) -> type[Schema]:
    """``{"items": [...], "next": cursor or null}``."""
    return type(
        name,
        (Schema,),
        {
            "__annotations__": {"items": list[item], "next": str | None},  # type: ignore[valid-type]
            "__doc__": "One page of a list; `next` is the cursor of the page after, or null.",
        },
    )


# --- Her side ----------------------------------------------------------------------------


class IntakeVersionOut(Schema):
    version: int
    finished_at: dt.datetime | None
    answers: dict[str, Any]


class IntakeOut(Schema):
    """Her answers in force (the newest version) and every version, newest first."""

    version: int
    finished_at: dt.datetime | None
    answers: dict[str, Any]
    versions: list[IntakeVersionOut]


class VerdictOut(Schema):
    verdict: dict[str, Any]
    readiness: dict[str, Any]
    referral: dict[str, Any] | None
    pause: dict[str, Any] | None
    hold: dict[str, Any] | None
    limits: list[str]
    changes: list[dict[str, Any]] = Field(description="Changes to her standing, newest first.")
    disclaimer: str


class SessionOut(Schema):
    date: dt.date
    kind: str
    title: str
    summary: str
    items: list[dict[str, Any]]
    intervals: list[dict[str, Any]]
    stage: int | None
    running_seconds: int
    provisional: bool
    log: dict[str, Any] | None
    notes: list[dict[str, Any]]


class TodayOut(Schema):
    today: dt.date
    session: SessionOut | None = Field(description="The session to log now, if any.")
    early: bool
    upcoming: SessionOut | None
    done: list[SessionOut]
    awaiting_pain_check: str | None = Field(
        description="The id of yesterday's log whose pain she has not said has settled."
    )
    awaiting_watch_answers: list[str] = Field(
        description="The ids of runs from her watch whose questions she has not answered."
    )
    from_professionals: list[str]
    verdict: dict[str, Any]


class EntryOut(Schema):
    """An entry in her record (a logged session, a re-test, a pause, ...): the newest
    version of it. An edit is a new entry that ``replaces`` the old one."""

    id: str
    type: str
    date: dt.date
    recorded_at: dt.datetime
    replaces: str | None
    data: dict[str, Any]
    decisions: list[dict[str, Any]] = Field(default_factory=list)
    editable: bool | None = None


class LogIn(Strict):
    """How a session went, as on Today's form."""

    date: dt.date | None = Field(
        None, description="The session's day: today (the default) or up to 14 days back."
    )
    completed: str = Field(description="all, part or skipped.")
    rpe: int | None = Field(None, description="Effort, 0 to 10.")
    pain: int = Field(description="Pain, 0 to 10.")
    pelvic_floor_symptoms: list[str] = Field([], description="Any of leaking, heaviness, dragging.")
    pain_where: str | None = Field(None, description="Where the pain was (up to 200 characters).")
    note: str | None = Field(None, description="Up to 1000 characters.")
    ran_minutes: int | None = Field(None, description="Minutes she ran, 0 to 600, if timed.")
    early: bool = Field(False, description="Log the next session, done early.")


class EditIn(Strict):
    """The fields to change (PATCH: only those given; PUT: the whole entry)."""

    completed: str | None = None
    rpe: int | None = None
    pain: int | None = None
    pelvic_floor_symptoms: list[str] | None = None
    pain_where: str | None = None
    note: str | None = None
    ran_minutes: int | None = None
    tests: dict[str, dict[str, Any]] | None = Field(
        None, description="A re-test's tests: {load_impact: {...}, strength: {...}}."
    )
    symptoms: list[str] | None = Field(None, description="A re-test's symptoms.")


class RetestIn(Strict):
    tests: dict[str, dict[str, Any]] = Field(
        description="{load_impact: {walk: pass|fail, ...}, strength: {single_leg_bridge: reps, ...}}"
    )
    symptoms: list[str] = Field([], description="Symptoms she has now (as in the intake).")


class PauseIn(Strict):
    why: str | None = Field(None, description="illness, bad_week, holiday, injury or other.")
    detail: str | None = Field(None, description="Up to 200 characters.")


class ClearanceIn(Strict):
    by: str = Field(description="Who assessed her (2 to 120 characters).")
    date: dt.date = Field(description="The day of the assessment: today or up to 90 days ago.")
    note: str | None = Field(None, description="What they said (up to 1000 characters).")
    limits: list[str] = Field([], description="no_running_until_retest, walk_run_only, no_jumping.")
    confirm: bool = Field(
        description="True: a pelvic health physiotherapist has assessed her and said she can "
        "carry on."
    )


class ChartOut(Schema):
    key: str
    title: str
    summary: str
    note: str
    head: list[str]
    rows: list[list[str]]


class ProgressOut(Schema):
    lead: str
    empty: bool
    charts: list[ChartOut]


class ShareOut(Schema):
    id: int
    practice: str
    granted_at: dt.datetime
    revoked_at: dt.datetime | None = None


class CodeIn(Strict):
    code: str = Field(description="The code from her physio or coach, or their practice's.")


# --- The practice's side -----------------------------------------------------------------


class InviteIn(Strict):
    email: str | None = Field(
        None, description="Her address, to email her the link; empty for a code to read out."
    )


class InvitationOut(Schema):
    code: str
    email: str
    expires_at: dt.datetime


class FlagOut(Schema):
    code: str
    words: str
    day: dt.date
    seen: bool


class ClientOut(Schema):
    id: int
    email: str
    name: str
    status: str
    week: int | None
    next_session: str
    clinician: str
    flags: list[FlagOut] = Field(description="What needs attention, most urgent first.")


class NoteOut(Schema):
    id: int
    author: str
    text: str
    written_at: dt.datetime


class MessageOut(Schema):
    id: int
    sender: str
    from_practice: bool
    text: str
    sent_at: dt.datetime
    read_at: dt.datetime | None


class ClientRefOut(Schema):
    id: int
    email: str
    name: str


class ClientPageOut(Schema):
    client: ClientRefOut
    intakes: list[IntakeVersionOut]
    verdict: dict[str, Any] | None
    upcoming: list[SessionOut]
    entries: list[EntryOut]
    progress: ProgressOut | None
    notes: list[NoteOut]
    messages: list[MessageOut]


class TextIn(Strict):
    text: str = Field(description="1 to 5000 characters.")


class ActionOut(Schema):
    entry: EntryOut
    said_to_her: str | None = Field(description="What she is told, with who and why.")


class BoutOut(Schema):
    activity: str = Field(description="run or walk.")
    seconds: int


class ComparisonOut(Schema):
    """The run her watch recorded against the session planned."""

    runs: int = Field(description="Run bouts the watch found.")
    runs_planned: int
    longest_run_seconds: int
    longest_planned_seconds: int
    run_seconds: int
    planned_seconds: int
    beyond_seconds: int = Field(description="Running beyond the plan (0 if none).")
    words: list[str]


class ActivityOut(Schema):
    """What a watch file held and what it made on her programme."""

    file_name: str
    sport: str = Field(description="running or walking.")
    started_at: dt.datetime
    duration_seconds: int
    distance_m: float | None
    device: str | None
    bouts: list[BoutOut]
    session: dict[str, Any] | None = Field(description="The session it was matched to, if any.")
    comparison: ComparisonOut | None
    unmatched: str | None = Field(
        description="Why no session: no_session, already_logged, before_programme, too_old or walk."
    )
    again: bool = Field(description="Brought in before: the entry made then.")
    log: EntryOut


class WatchAnswersIn(Strict):
    """Her answers to the questions a watch cannot answer."""

    pain: int = Field(description="Pain, 0 to 10.")
    rpe: int | None = Field(None, description="Effort, 0 to 10.")
    pelvic_floor_symptoms: list[str] = Field([], description="Any of leaking, heaviness, dragging.")
    pain_where: str | None = Field(None, description="Where the pain was (up to 200 characters).")
    note: str | None = Field(None, description="Up to 1000 characters.")
