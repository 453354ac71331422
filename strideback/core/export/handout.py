"""The handout's contents, shared by the printable HTML and the PDF so both say the same.

A cover (the verdict and why, what to know, what changed) and then one part per programme
week. Within a week, sessions with the same contents (Strength A on Monday and Thursday) are
shown once with both days, so a week fits on a sheet of paper. What she logged is shown only
as "done" or "skipped": effort, pain, symptoms and notes stay out of a page that may be left
on the fridge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from strideback.core.catalog import Catalog
from strideback.core.drawing.figures import Drawing, exercise_drawing, exercise_figure
from strideback.core.export.contents import cite, when_she_can_run
from strideback.core.export.text import STATUS_WORDS, weeks
from strideback.core.programme import Item, Plan, Session
from strideback.core.rules import Reason
from strideback.core.sources import LINKS, SOURCES
from strideback.core.vocabulary import KIND_WORDS
from strideback.core.words import list_words, spoken_date

__all__ = [
    "Handout",
    "HandoutItem",
    "HandoutSession",
    "HandoutWeek",
    "build_handout",
    "short_date",
]

RECENT_CHANGES = 5  # the cover lists this many of the newest changes; her history has all
DONE_WORDS = {"all": "done", "part": "partly done", "skipped": "skipped"}
HOW_TO_USE = (
    "Each week starts on a new page. Tick a box when a session is done. Each exercise has a "
    "picture of its key position, how much to do and, in quotes, the one thing to think "
    "about while you do it."
)


def short_date(day: date) -> str:
    """'Sat 7 Nov'."""
    return f"{day:%a} {day.day} {day:%b}"


def _span(first: date, last: date) -> str:
    """'7 to 13 November 2026', '28 November to 4 December 2026', across a year in full."""
    if first.year != last.year:
        return f"{first.day} {first:%B %Y} to {last.day} {last:%B %Y}"
    if first.month != last.month:
        return f"{first.day} {first:%B} to {last.day} {last:%B %Y}"
    return f"{first.day} to {last.day} {last:%B %Y}"


@dataclass(frozen=True)
class HandoutItem:
    exercise_id: str
    name: str
    dose: str
    level: str
    cue: str
    swaps: tuple[str, ...]
    cautions: tuple[str, ...]


@dataclass(frozen=True)
class HandoutSession:
    days: tuple[date, ...]
    kind: str
    kind_words: str
    title: str
    summary: str
    items: tuple[HandoutItem, ...]
    provisional: bool
    logged: str | None  # "done", "partly done", "skipped" or None when not logged
    notes: tuple[str, ...]

    @property
    def when(self) -> str:
        """'Sun 8 Nov and Thu 12 Nov'."""
        return list_words([short_date(day) for day in self.days])


@dataclass(frozen=True)
class HandoutWeek:
    number: int
    first: date
    last: date
    sessions: tuple[HandoutSession, ...]

    @property
    def heading(self) -> str:
        return f"Week {self.number}"

    @property
    def span(self) -> str:
        return _span(self.first, self.last)


@dataclass(frozen=True)
class Handout:
    title: str
    subtitle: str
    headline: str
    status: str
    verdict: str  # the verdict's code: refer, not_yet, ready, paused or complete
    earliest: str
    why: tuple[str, ...]
    good_to_know: tuple[str, ...]
    changes: tuple[str, ...]
    earlier_changes: int
    left_out: str | None
    weeks: tuple[HandoutWeek, ...]
    figures: dict[str, str]  # exercise id -> SVG, for every exercise in the weeks shown
    disclaimer: str
    made_on: date
    how_to_use: str = HOW_TO_USE
    # Every source the cover cites: its full reference, and where to read it ("" if unknown).
    sources: tuple[tuple[str, str], ...] = ()
    # exercise id -> the shapes its SVG is drawn from, for the PDF to draw them itself
    drawings: dict[str, Drawing] = field(default_factory=dict)


def _item(item: Item) -> HandoutItem:
    return HandoutItem(
        exercise_id=item.exercise_id,
        name=item.name,
        dose=item.dose,
        level=item.level,
        cue=item.cue,
        swaps=tuple(item.swaps),
        cautions=tuple(item.cautions),
    )


def _same_contents(session: Session) -> tuple[object, ...]:
    return (
        session.kind,
        session.title,
        session.summary,
        tuple(session.items),
        session.provisional,
        tuple(session.notes),
    )


def _sessions(sessions: Sequence[Session]) -> tuple[HandoutSession, ...]:
    """The week's sessions, those with the same contents and nothing logged shown once."""
    grouped: list[tuple[list[date], Session]] = []
    for session in sessions:
        match = next(
            (
                days
                for days, first in grouped
                if session.log is None
                and first.log is None
                and _same_contents(first) == _same_contents(session)
            ),
            None,
        )
        if match is not None:
            match.append(session.date)
        else:
            grouped.append(([session.date], session))
    return tuple(
        HandoutSession(
            days=tuple(days),
            kind=session.kind,
            kind_words=KIND_WORDS[session.kind],
            title=session.title,
            summary=session.summary,
            items=tuple(_item(item) for item in session.items),
            provisional=session.provisional,
            logged=DONE_WORDS[session.log.completed] if session.log else None,
            notes=tuple(note.message for note in session.notes),
        )
        for days, session in grouped
    )


def build_handout(
    plan: Plan, catalog: Catalog | None = None, *, since: date | None = None
) -> Handout:
    """The handout of ``plan``; weeks that ended before ``since`` are left out. Pictures come
    from ``catalog`` (none without one, or for an exercise it does not have)."""
    shown: list[HandoutWeek] = []
    left_out: list[int] = []
    for number, sessions in weeks(plan):
        first = plan.start + timedelta(weeks=number - 1)
        last = first + timedelta(days=6)
        if since is not None and last < since:
            left_out.append(number)
            continue
        shown.append(HandoutWeek(number, first, last, _sessions(sessions)))
    figures: dict[str, str] = {}
    drawings: dict[str, Drawing] = {}
    if catalog is not None:
        for week in shown:
            for session in week.sessions:
                for item in session.items:
                    exercise = catalog.exercises.get(item.exercise_id)
                    if exercise is not None and item.exercise_id not in figures:
                        figures[item.exercise_id] = exercise_figure(exercise)
                        drawings[item.exercise_id] = exercise_drawing(exercise)
    readiness, verdict = plan.readiness, plan.verdict
    earliest = when_she_can_run(plan)
    newest = plan.decisions[-RECENT_CHANGES:]
    made_on = since or readiness.assessed_on
    return Handout(
        title="Your Strideback programme",
        subtitle=(
            f"As of {spoken_date(since)}; the programme started {spoken_date(plan.start)}."
            if since is not None and since > plan.start
            else f"From {spoken_date(plan.start)}."
        ),
        headline=verdict.headline,
        status=STATUS_WORDS[verdict.status],
        verdict=verdict.status,
        earliest=earliest,
        why=tuple(cite(reason) for reason in verdict.reasons),
        good_to_know=tuple(cite(reason) for reason in plan.notes),
        changes=tuple(
            f"{spoken_date(d.date)}: {d.headline} Because: "
            + " ".join(cite(reason) for reason in d.reasons)
            for d in reversed(newest)
        ),
        earlier_changes=len(plan.decisions) - len(newest),
        left_out=(
            f"Weeks {left_out[0]} to {left_out[-1]} are over and left out; your history has them."
            if len(left_out) > 1
            else f"Week {left_out[0]} is over and left out; your history has it."
            if left_out
            else None
        ),
        weeks=tuple(shown),
        figures=figures,
        drawings=drawings,
        disclaimer=plan.disclaimer,
        made_on=made_on,
        sources=_sources([*verdict.reasons, *plan.notes, *(r for d in newest for r in d.reasons)]),
    )


def _sources(reasons: Sequence[Reason]) -> tuple[tuple[str, str], ...]:
    """The sources ``reasons`` cite, once each in the order first cited."""
    cited = dict.fromkeys(reason.source for reason in reasons)
    return tuple((SOURCES.get(s, s), LINKS.get(s, "")) for s in cited)
