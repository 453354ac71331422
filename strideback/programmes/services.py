"""Programme use cases: drafts, starting a programme, and the plan replayed from its events.

Views call these and nothing else to change or derive a runner's programme; the rules
themselves live in the core."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from strideback.core import (
    Catalog,
    Decision,
    Intake,
    Plan,
    PlanInputs,
    Readiness,
    Session,
    assess,
    load_catalog,
    parse_events,
    parse_intake,
    plan_as_of,
)
from strideback.core.catalog import Exercise
from strideback.core.documents import validate
from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS
from strideback.core.programme import Event as CoreEvent
from strideback.core.programme.looking_back import replay_looking_back
from strideback.core.programme.schedule import week_words
from strideback.core.programme.summary import ENGINE_VERSION, LOOK_BACK_DAYS, Summary, summarise
from strideback.core.programme.today import today_window
from strideback.programmes.lookups import current_programme_for, events_for
from strideback.programmes.models import Event, IntakeVersion, Programme, ProgrammeSummary
from strideback.programmes.signals import event_recorded

if TYPE_CHECKING:  # the user model sits above this layer; only its type is used
    from django.contrib.auth.models import AnonymousUser

    from strideback.accounts.models import User

ANSWERS_SOURCE = "your answers"


@cache
def catalog() -> Catalog:
    """The packaged catalog, loaded once per process (it never changes while running)."""
    return load_catalog([])


def readiness_tests() -> dict[str, list[Exercise]]:
    """The readiness tests from the catalog by battery, in the intake's order."""
    exercises = catalog().exercises
    by_key = {e.test.result_key: e for e in exercises.values() if e.test is not None}
    return {
        "load_impact": [by_key[name] for name in LOAD_IMPACT_TESTS if name in by_key],
        "strength": [by_key[name] for name in STRENGTH_TESTS if name in by_key],
    }


def intake_from(answers: dict[str, Any], today: date) -> Intake:
    """The answers as a validated intake; raises the core's InputError with what is wrong."""
    return parse_intake(answers, ANSWERS_SOURCE, today)


def verdict_for(answers: dict[str, Any], today: date) -> Readiness:
    return assess(intake_from(answers, today))


def _one_at_a_time(user: User) -> None:
    """Hold her account row until the transaction ends, so that two of her requests that
    change her answers (a double tap, two tabs) take turns instead of racing."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()


def save_draft(user: User, answers: dict[str, Any], now: datetime) -> IntakeVersion:
    """Keep her answers so far; the draft is the newest unfinished intake version. The same
    step sent twice at once keeps one draft."""
    with transaction.atomic():
        _one_at_a_time(user)
        draft = (
            IntakeVersion.objects.select_for_update()
            .filter(owner=user, completed_at__isnull=True)
            .order_by("-version")
            .first()
        )
        if draft is None:
            return IntakeVersion.objects.create(
                owner=user,
                version=_next_version(user),
                answers=answers,
                created_at=now,
                updated_at=now,
            )
        draft.answers = answers
        draft.updated_at = now
        draft.save(update_fields=["answers", "updated_at"])
        return draft


def _next_version(user: User) -> int:
    newest = IntakeVersion.objects.filter(owner=user).aggregate(newest=Max("version"))["newest"]
    return (newest or 0) + 1


def _without_day(answers: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in answers.items() if key != "assessed_on"}


def start_programme(user: User, answers: dict[str, Any], today: date, now: datetime) -> Programme:
    """Finish the intake. Her first answers start her programme today; answers given again
    are a new version of the same intake on the same programme, recorded as an event the
    replay reads from today on, so everything logged before carries on.

    Bad answers raise InputError, and nothing is saved. The last step sent twice (at once or
    one after the other) finishes the answers once."""
    intake = intake_from(answers, today)
    finished = intake.model_dump(mode="json")
    protocol = catalog().default_protocol
    with transaction.atomic():
        _one_at_a_time(user)
        programme = current_programme_for(user)
        if programme is not None:
            newest = newest_answers(user)
            if newest is not None and _without_day(newest.answers) == _without_day(finished):
                # Nothing has changed (the last step sent twice, or the same answers again):
                # no new version, and the draft that repeated them is done with.
                IntakeVersion.objects.filter(owner=user, completed_at__isnull=True).delete()
                return programme
        version = save_draft(user, finished, now)
        version.completed_at = now
        version.save(update_fields=["completed_at"])
        if programme is None:
            programme = Programme.objects.create(
                owner=user,
                intake=version,
                protocol_id=protocol.id,
                protocol_version=protocol.version,
                start=today,
                created_at=now,
            )
            refresh_summary(programme, today)
            return programme
        record_event(
            programme,
            type="answers",
            day=today,
            data={"intake": finished},
            recorded_at=now,
            recorded_by=user,
            slot=f"answers:{version.version}",
        )
        return programme


def answers_to_change(user: User, today: date) -> dict[str, Any]:
    """Where answering again starts: her answers as they stand in her programme (the newest,
    with any re-test results since), without the day they were assessed (new answers are
    assessed on the day they are finished). Empty when she has no programme."""
    programme = current_programme_for(user)
    if programme is None:
        return {}
    plan = programme_as_of(programme, today, until=today)
    return plan.intake.model_dump(mode="json", exclude={"assessed_on"})


def answer_again(user: User, answers: dict[str, Any], today: date, now: datetime) -> IntakeVersion:
    """Her answers given (again): ``start_programme``, then the version now in force. The
    same answers twice make one version; a referral is never lifted by new answers (the
    replay keeps every red flag until a clearance)."""
    start_programme(user, answers, today, now)
    newest = newest_answers(user)
    assert newest is not None  # start_programme has just finished a version
    return newest


def answer_versions(user: User) -> list[IntakeVersion]:
    """Every version of her finished answers, newest first."""
    return list(
        IntakeVersion.objects.filter(owner=user, completed_at__isnull=False).order_by("-version")
    )


def newest_answers(user: User) -> IntakeVersion | None:
    """Her newest finished answers."""
    return (
        IntakeVersion.objects.filter(owner=user, completed_at__isnull=False)
        .order_by("-version")
        .first()
    )


def plan_inputs(programme: Programme, today: date, events: Iterable[Event] = ()) -> PlanInputs:
    # Answers kept are checked as they were given: a day that is still tomorrow in her time
    # zone (assessed where the day had begun) is not "in the future" for them.
    assessed = programme.intake.answers.get("assessed_on")
    kept_on = max(today, date.fromisoformat(assessed)) if assessed else today
    return PlanInputs(
        intake=intake_from(programme.intake.answers, kept_on),
        catalog=catalog_for(events),
        start=programme.start,
        protocol=programme.protocol_id,
    )


# A practice's own exercise reaches her plan only through a professional's action that
# names one of its versions (a swap's ``with``, an add's or a dose's ``exercise``): the
# catalog gets exactly those versions, in one query, and none when no event names one.
PRESCRIBING = {"swap": ("with",), "add": ("exercise",), "dose": ("exercise",)}


def catalog_for(events: Iterable[Event]) -> Catalog:
    """The packaged catalog, with the practice exercise versions her events name."""
    named = {
        event.data.get(field)
        for event in events
        if event.type in PRESCRIBING
        for field in PRESCRIBING[event.type]
    }
    packaged = catalog()
    wanted = sorted(i for i in named if isinstance(i, str) and i not in packaged.exercises)
    if not wanted:
        return packaged
    # The practice app sits above this one in the layers: its model is named, not imported.
    versions = apps.get_model("practice", "PracticeExercise").objects.filter(catalog_id__in=wanted)
    found = [validate(Exercise, v.document, v.catalog_id) for v in versions]
    return packaged.with_exercises(found)


def exercise_in_her_plan(user: User | AnonymousUser, exercise_id: str) -> Exercise | None:
    """A practice's exercise her plan prescribes (her events name it), else None: no one
    else sees a practice's exercise."""
    programme = current_programme_for(user)
    if programme is None:
        return None
    return catalog_for(events_for(programme)).exercises.get(exercise_id)


def core_events(events: Iterable[Event], inputs: PlanInputs) -> list[CoreEvent]:
    """Her stored events as the core's, checked against her intake and programme."""
    return parse_events([event.as_core() for event in events], "event log", inputs)


def plan_for(
    programme: Programme,
    events: Iterable[Event],
    today: date,
    until: date | None = None,
) -> Plan:
    """Her programme as of today, through the core's one entry point (``plan_as_of``):
    every recorded event replayed in the order it was recorded, the days from today
    projected. Every page, the handout, the feed and the export derive it here."""
    events = list(events)
    inputs = plan_inputs(programme, today, events)
    return plan_as_of(inputs, core_events(events, inputs), today, until)


def programme_as_of(programme: Programme, today: date, until: date | None = None) -> Plan:
    """``plan_for`` over all her recorded events."""
    return plan_for(programme, events_for(programme), today, until)


# ---------------------------------------------------------------------------------------
# Recording an event, and the summary the caseload reads, kept in step with it.


def record_event(programme: Programme, **fields: Any) -> Event:
    """Append an event to her programme and bring its summary up to date, in one
    transaction; once it commits, ``event_recorded`` tells whoever listens (the practice).
    Every event is recorded here."""
    with transaction.atomic(savepoint=False):  # the caller's savepoint, if any, is enough
        # One writer at a time per programme, so each summary sees every event before it.
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        event = Event.objects.create(programme=programme, **fields)
        today = max(timezone.localdate(event.recorded_at), event.day)
        refresh_summary(programme, today)
        transaction.on_commit(
            lambda: event_recorded.send(sender=Programme, programme=programme, event=event)
        )
    return event


def summary_as_of(programme: Programme, today: date) -> Summary:
    """The caseload's summary of her programme, from a fresh replay of every event."""
    return _projection_as_of(programme, today)[0]


def _projection_as_of(programme: Programme, today: date) -> tuple[Summary, Plan]:
    """The summary, and the plan as of ``today`` it was read from."""
    stored = list(events_for(programme))
    inputs = plan_inputs(programme, today, stored)
    events = core_events(stored, inputs)
    back = max(programme.start, today - timedelta(days=LOOK_BACK_DAYS - 1))
    # One fold: the plan as of today and, on its way, the plan as it stood on ``back``.
    plan, (earlier,) = replay_looking_back(inputs, events, [(back, today)], as_of=today)
    return summarise(inputs, events, plan, earlier, today), plan


# Today tells her of her professionals' changes this far back, so its window keeps the
# decisions of these days.
TODAY_LOOKS_BACK_DAYS = 14


@cache
def made_with() -> str:
    """What a stored plan was made with: this engine and these catalog files. A plan stored
    by another engine or catalog (a new release) is not read; it is replayed."""
    digest = hashlib.sha256(str(ENGINE_VERSION).encode())
    data = resources.files("strideback.core") / "data"
    for path in sorted(_files(data), key=str):
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _made_with(programme: Programme) -> str:
    """What a stored plan of this programme was made with: the engine and catalog, and
    what the programme itself gives the replay besides its events."""
    given = (
        programme.start,
        programme.intake_id,
        programme.protocol_id,
        programme.protocol_version,
    )
    return f"{made_with()}:{':'.join(map(str, given))}"


def _files(folder: Traversable) -> list[Traversable]:
    found: list[Traversable] = []
    for item in folder.iterdir():
        found.extend(_files(item) if item.is_dir() else [item])
    return found


def today_plan(programme: Programme, events: list[Event], today: date) -> Plan:
    """Today's share of her plan (``today_window``): read from her stored projection when it
    was made for today by this engine and catalog (each event recorded makes it afresh, in
    the same transaction); otherwise replayed from ``events``, and the projection made
    afresh for today so that her next look at Today reads it. The replay stays the truth:
    a property test holds the stored window to it."""
    row = (
        ProgrammeSummary.objects.filter(programme=programme)
        .values_list("computed_on", "today")
        .first()
    )
    computed_on, stored = row if row else (None, None)
    fresh = isinstance(stored, dict) and stored.get("made_with") == _made_with(programme)
    if fresh and computed_on == today:
        assert isinstance(stored, dict)
        return Plan.model_validate(stored["plan"])
    plan = plan_for(programme, events, today)
    if not fresh or computed_on is None or computed_on < today:
        # Made another day or by another release: made afresh. (One made for a later day,
        # by an entry dated ahead, is left as it is: the caseload reads that day's.)
        with transaction.atomic():
            Programme.objects.select_for_update().filter(pk=programme.pk).first()
            refresh_summary(programme, today)
    return today_window(plan, today, today - timedelta(days=TODAY_LOOKS_BACK_DAYS))


def summary_fields(summary: Summary) -> dict[str, Any]:
    """The summary as the stored row's fields."""
    row = asdict(summary)
    row["upcoming"] = [[day.isoformat(), kind] for day, kind in summary.upcoming]
    row["pelvic_floor"] = list(summary.pelvic_floor)
    return row


SUMMARY_FIELDS = tuple(f.name for f in fields(Summary))


def summary_of(row: ProgrammeSummary) -> Summary:
    """The stored summary, as the core's ``Summary``."""
    return summary_from({name: getattr(row, name) for name in SUMMARY_FIELDS})


def summary_from(values: dict[str, Any]) -> Summary:
    """The core's ``Summary`` from a stored row's values (``SUMMARY_FIELDS``)."""
    stored = {name: values[name] for name in SUMMARY_FIELDS}
    stored["upcoming"] = tuple((date.fromisoformat(d), k) for d, k in values["upcoming"])
    stored["pelvic_floor"] = tuple(values["pelvic_floor"])
    return Summary(**stored)


def refresh_summary(programme: Programme, today: date) -> ProgrammeSummary:
    """Recompute and store her programme's summary, and Today's share of her plan, as of
    ``today`` (the caller holds the programme's row)."""
    summary, plan = _projection_as_of(programme, today)
    window = today_window(plan, today, today - timedelta(days=TODAY_LOOKS_BACK_DAYS))
    row = ProgrammeSummary(
        programme=programme,
        **summary_fields(summary),
        today={"made_with": _made_with(programme), "plan": window.model_dump(mode="json")},
    )
    row.save()
    return row


def rebuild_summaries(today: date, every: bool = False) -> int:
    """Rebuild the summaries of another engine version, or missing (every one, if asked);
    how many were rebuilt."""
    stale = Programme.objects.select_related("intake")
    if not every:
        current = ProgrammeSummary.objects.filter(engine_version=ENGINE_VERSION)
        stale = stale.exclude(pk__in=current.values("programme_id"))
    count = 0
    for programme in stale.iterator():
        with transaction.atomic():
            refresh_summary(programme, today)
        count += 1
    return count


# ---------------------------------------------------------------------------------------
# The pages: one call each, from the same replayed programme.

CHANGES_SHOWN_ON_VERDICT = (
    "start_running",
    "more_strength",
    "pause_and_refer",
    "pause",
    "resume",
    "clearance",
    "new_answers",
)


@dataclass(frozen=True)
class VerdictPage:
    plan: Plan
    changes: list[Decision]  # the changes to her standing, newest first
    changed: list[Decision]  # what the entry she has just made changed


def verdict_page(programme: Programme, today: date, changed: str | None = None) -> VerdictPage:
    """Can she run now, and why: the verdict read off her replayed programme, with the
    changes that led to it."""
    plan = programme_as_of(programme, today)
    just = [d for d in plan.decisions if changed and d.event == changed]
    return VerdictPage(plan=plan, changes=standing_changes(plan), changed=just)


def standing_changes(plan: Plan) -> list[Decision]:
    """The changes to her standing (start running, refer, pause, ...), newest first."""
    return [d for d in reversed(plan.decisions) if d.decision in CHANGES_SHOWN_ON_VERDICT]


@dataclass(frozen=True)
class Week:
    number: int  # the programme week: week 1 starts on her first day
    first: date
    last: date
    sessions: list[Session]


@dataclass(frozen=True)
class PlanPage:
    plan: Plan
    weeks: list[Week]  # this programme week on
    this_week: int
    her_week: str  # which of her days hold what, in words
    moves: list[Event]  # her moves still to come, newest first: each can be undone


def plan_page(programme: Programme, today: date) -> PlanPage:
    """The weeks ahead in programme weeks, this week first, each with its dates; her week
    in words, and the moves she made that can still be undone."""
    events = list(events_for(programme))
    plan = plan_for(programme, events, today)
    replaced = {e.replaces_id for e in events if e.replaces_id}
    moves = [
        e
        for e in reversed(events)
        if e.type == "move"
        and e.pk not in replaced
        and not e.data.get("undone")
        and e.data["to"] >= today.isoformat()
    ]
    running = plan.phase == "walk_run"
    first = plan.start.weekday()
    her_week = week_words(plan.intake.weekdays(first), running, first)
    this_week = plan.week_of(max(today, plan.start))
    by_week: dict[int, list[Session]] = defaultdict(list)
    for session in plan.sessions:
        number = plan.week_of(session.date)
        if number >= this_week:
            by_week[number].append(session)
    weeks = [
        Week(number, *plan.week_days(number), sessions=sessions)
        for number, sessions in sorted(by_week.items())
    ]
    return PlanPage(plan=plan, weeks=weeks, this_week=this_week, her_week=her_week, moves=moves)
