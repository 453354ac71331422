"""Progress: what the runner has logged, as weekly and daily series with a one-line summary
in plain words for each, and the charts of them (drawn by ``charts``).

Weeks are programme weeks, as the exports count them: week 1 starts on the programme's first
day. "Planned" for a week is what the plan held for that week on its first day: the events
logged before that day replayed, the rest projected. (The replayed plan of today keeps only
the sessions that were logged, so a missed session would otherwise vanish from "planned".)
Runs that still waited on a re-test that day are not counted as planned. "Run" minutes are
those of runs done in full; a run done in part is counted apart, since how much of it was
run is not logged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from strideback.core.drawing import charts
from strideback.core.intake import STRENGTH_TESTS, StrengthTests
from strideback.core.programme import (
    Event,
    Plan,
    PlanInputs,
    RetestEvent,
    Session,
    SymptomEvent,
    events_in_force,
)
from strideback.core.programme.looking_back import firm_to_do, replay_looking_back
from strideback.core.rules import AMBER_PAIN, STRENGTH_TARGET_REPS
from strideback.core.vocabulary import COMPLETED_WORDS, KIND_WORDS
from strideback.core.words import list_words, spoken_date

__all__ = [
    "EMPTY",
    "Figure",
    "MarkedDay",
    "NextRun",
    "Progress",
    "ProgressPage",
    "Run",
    "Strength",
    "Table",
    "Week",
    "figures",
    "progress",
    "progress_page",
    "summaries",
]

WINDOW_WEEKS = 12  # the charts show the last 12 weeks; the tables hold every week
RECENT_DAYS = 14
PAIN_MARK = AMBER_PAIN  # pain from here marks the day (the edge of what the plan lets pass)
RUNS = ("walk_run", "run")
EMPTY = "Your charts fill in as you log sessions."

TEST_LABELS = {
    "single_leg_calf_raise": "Calf raise",
    "single_leg_bridge": "Bridge",
    "single_leg_sit_to_stand": "Sit to stand",
    "side_lying_abduction": "Side leg lift",
}
EASED = {
    "break_restart": "gentler than before, as it is a while since your last run",
    "single_run_spike": "held back so it is no more than 10% longer than your longest run of the last 30 days",
}


def minutes(seconds: int) -> int:
    """Whole minutes, halves rounded up (7:30 is 8)."""
    return (seconds + 30) // 60


def on_day(day: date, today: date) -> str:
    """'today', 'yesterday', 'tomorrow' or 'on Saturday 21 November 2026'."""
    near = {0: "today", -1: "yesterday", 1: "tomorrow"}.get((day - today).days)
    return near or f"on {spoken_date(day)}"


def times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


# ---------------------------------------------------------------------------------------
# The series.


@dataclass(frozen=True)
class Week:
    """One programme week: what was planned on its first day and what was logged in it."""

    number: int
    first: date
    planned_seconds: int
    planned_sessions: int
    done_seconds: int  # runs done in full
    part_runs: int  # runs done in part: their minutes are not known
    done: int  # sessions of any kind done in full
    part: int
    skipped: int

    @property
    def last(self) -> date:
        return self.first + timedelta(days=6)

    @property
    def planned_minutes(self) -> int:
        return minutes(self.planned_seconds)

    @property
    def done_minutes(self) -> int:
        return minutes(self.done_seconds)

    @property
    def logged(self) -> int:
        return self.done + self.part + self.skipped


@dataclass(frozen=True)
class Logged:
    """A logged session, as the effort and pain chart reads it."""

    day: date
    kind: str
    title: str
    completed: Literal["all", "part", "skipped"]
    rpe: int | None
    pain: int
    symptoms: tuple[str, ...]


@dataclass(frozen=True)
class MarkedDay:
    """A day with a pelvic-floor symptom or pain of 4 or more, and what was noticed."""

    day: date
    why: tuple[str, ...]


@dataclass(frozen=True)
class Run:
    day: date
    stage: int
    completed: Literal["all", "part"]


@dataclass(frozen=True)
class NextRun:
    day: date
    stage: int
    eased: str | None = None  # why it is below her stage: "break_restart" or "single_run_spike"
    title: str = ""  # as the plan names it ("Long run 46 min" in the goal phase)


@dataclass(frozen=True)
class Strength:
    """Strength test reps on a day: at the start (the intake) or at a re-test."""

    label: str
    day: date
    reps: tuple[int | None, ...]  # in STRENGTH_TESTS order

    def of(self, test: str) -> int | None:
        return self.reps[STRENGTH_TESTS.index(test)]


@dataclass(frozen=True)
class Progress:
    today: date
    start: date
    phase: str
    weeks: tuple[Week, ...]
    sessions: tuple[Logged, ...]
    marked: tuple[MarkedDay, ...]
    runs: tuple[Run, ...]
    next_run: NextRun | None
    stages: int  # how many stages the walk-run programme has
    moved_up: int
    repeated: int
    stepped_back: int
    finished: bool
    retest_on: date | None
    strength: tuple[Strength, ...]

    @property
    def week(self) -> Week:
        return self.weeks[-1]

    @property
    def logged_anything(self) -> bool:
        return bool(self.sessions) or any(w.logged for w in self.weeks) or len(self.strength) > 1


def _week_number(start: date, day: date) -> int:
    return (day - start).days // 7 + 1


def _week_looks(inputs: PlanInputs, today: date) -> list[tuple[date, date]]:
    """Each programme week up to this one: its first and last day."""
    current = max(1, _week_number(inputs.start, today))
    firsts = [inputs.start + timedelta(weeks=number - 1) for number in range(1, current + 1)]
    return [(first, first + timedelta(days=6)) for first in firsts]


def _weeks(
    inputs: PlanInputs, plan: Plan, looks: Sequence[tuple[date, date]], held: list[list[Session]]
) -> list[Week]:
    """Each week's planned sessions (what the plan held on its first day) and logged ones."""
    logged: dict[int, list[Session]] = defaultdict(list)
    for session in plan.sessions:
        if session.log is not None:
            logged[_week_number(inputs.start, session.date)].append(session)
    weeks = []
    for number, ((first, last), then) in enumerate(zip(looks, held, strict=True), start=1):
        planned = firm_to_do(then, first, last)
        done = logged[number]
        runs = [s for s in done if s.kind in RUNS and s.log is not None]
        weeks.append(
            Week(
                number=number,
                first=first,
                planned_seconds=sum(s.running_seconds for s in planned),
                planned_sessions=len(planned),
                done_seconds=sum(
                    s.running_seconds for s in runs if s.log and s.log.completed == "all"
                ),
                part_runs=sum(1 for s in runs if s.log and s.log.completed == "part"),
                done=sum(1 for s in done if s.log and s.log.completed == "all"),
                part=sum(1 for s in done if s.log and s.log.completed == "part"),
                skipped=sum(1 for s in done if s.log and s.log.completed == "skipped"),
            )
        )
    return weeks


def _symptom_words(symptoms: Sequence[str]) -> list[str]:
    return [symptom.replace("_", " ") for symptom in symptoms]


def _marked(sessions: Sequence[Logged], kept: Sequence[Event]) -> list[MarkedDay]:
    why: dict[date, list[str]] = defaultdict(list)
    for session in sessions:
        why[session.day] += _symptom_words(session.symptoms)
        if session.pain >= PAIN_MARK:
            why[session.day].append(f"pain {session.pain}/10")
    for event in kept:
        if isinstance(event, SymptomEvent | RetestEvent) and event.symptoms:
            why[event.date] += _symptom_words(event.symptoms)
    return [
        MarkedDay(day, tuple(dict.fromkeys(words))) for day, words in sorted(why.items()) if words
    ]


def _strength(inputs: PlanInputs, kept: Sequence[Event]) -> list[Strength]:
    def reps(tests: StrengthTests) -> tuple[int | None, ...]:
        return tuple(getattr(tests, name) for name in STRENGTH_TESTS)

    found = [
        Strength("At the start", inputs.intake.assessed_on, reps(inputs.intake.tests.strength))
    ]
    for event in kept:
        if isinstance(event, RetestEvent):
            found.append(
                Strength(
                    f"Re-test {charts.short_date(event.date)}",
                    event.date,
                    reps(event.tests.strength),
                )
            )
    return [result for result in found if any(n is not None for n in result.reps)]


def progress(inputs: PlanInputs, events: Sequence[Event], today: date) -> Progress:
    """The runner's progress up to ``today`` from her intake and logged events."""
    # One fold of her events gives today's plan and, on its way, each week's as it stood.
    looks = _week_looks(inputs, today)
    plan, held = replay_looking_back(inputs, events, looks, as_of=today)
    kept = events_in_force(events)
    sessions = [
        Logged(
            day=s.date,
            kind=s.kind,
            title=s.title,
            completed=s.log.completed,
            rpe=s.log.rpe,
            pain=s.log.pain,
            symptoms=tuple(s.log.pelvic_floor_symptoms),
        )
        for s in plan.sessions
        if s.log is not None and s.kind != "retest"
    ]
    runs = [
        Run(s.date, s.stage, s.log.completed)
        for s in plan.sessions
        if s.kind in RUNS
        and s.stage is not None
        and s.log is not None
        and s.log.completed != "skipped"
    ]
    upcoming = [s for s in plan.sessions if s.log is None and s.date >= today]
    next_run = next(
        (
            NextRun(
                s.date,
                s.stage,
                next((n.rule for n in s.notes if n.rule in EASED), None),
                s.title,
            )
            for s in upcoming
            if s.kind in RUNS and s.stage is not None and not s.provisional
        ),
        None,
    )
    decisions = [d.decision for d in plan.decisions]
    return Progress(
        today=today,
        start=inputs.start,
        phase=plan.phase,
        weeks=tuple(_weeks(inputs, plan, looks, held)),
        sessions=tuple(sessions),
        marked=tuple(_marked(sessions, kept)),
        runs=tuple(runs),
        next_run=next_run,
        stages=len(inputs.catalog.protocol(inputs.protocol).walk_run.stages),
        moved_up=decisions.count("progress"),
        repeated=decisions.count("repeat"),
        stepped_back=decisions.count("step_back"),
        finished=next_run is None and "complete" in decisions,
        retest_on=next((s.date for s in upcoming if s.kind == "retest"), None),
        strength=tuple(_strength(inputs, kept)),
    )


# ---------------------------------------------------------------------------------------
# The summaries: one line each, true for the data.


def _no_running(p: Progress) -> str:
    if p.phase == "gentle":
        return "No running for now: a pelvic health physiotherapist should see you first."
    if p.phase == "paused":
        return "Your plan is paused, so no running is planned."
    if p.phase == "foundation":
        return "No running yet: your plan starts with strength work, and your re-test decides when running starts."
    return "No running planned or logged yet."


def minutes_summary(p: Progress) -> str | None:
    """None when there is no running, planned or done."""
    if not any(w.planned_seconds or w.done_seconds or w.part_runs for w in p.weeks):
        return None
    week = p.week
    if not (week.planned_seconds or week.done_seconds or week.part_runs):
        total = minutes(sum(w.done_seconds for w in p.weeks))
        text = (
            _no_running(p)
            if p.phase in ("foundation", "gentle", "paused")
            else f"No running planned this week (week {week.number})."
        )
        return text + (f" You have run {total} minutes since you started." if total else "")
    if week.planned_seconds:
        text = (
            f"This week (week {week.number}) you have run {week.done_minutes} of the "
            f"{week.planned_minutes} minutes planned"
        )
    else:
        text = f"This week (week {week.number}) you have run {plural(week.done_minutes, 'minute')}"
    if week.part_runs:
        text += f", plus {plural(week.part_runs, 'run')} done in part"
    if len(p.weeks) > 1:
        last = p.weeks[-2]
        text += f"; last week you ran {last.done_minutes}"
        text += f" of {last.planned_minutes}." if last.planned_seconds else "."
    else:
        text += "."
    return text


def _counts(week: Week) -> str:
    parts = [
        f"{n} {COMPLETED_WORDS[key]}"
        for key, n in (("all", week.done), ("part", week.part), ("skipped", week.skipped))
        if n
    ]
    return list_words(parts)


def sessions_summary(p: Progress) -> str | None:
    if not p.logged_anything:
        return None
    week = p.week
    if week.logged:
        if week.logged <= week.planned_sessions:
            text = (
                f"This week (week {week.number}) you have logged {week.logged} of "
                f"{plural(week.planned_sessions, 'planned session')}: {_counts(week)}."
            )
        else:
            text = (
                f"This week (week {week.number}) you have logged "
                f"{plural(week.logged, 'session')} ({week.planned_sessions} planned): "
                f"{_counts(week)}."
            )
    else:
        text = (
            f"Nothing logged yet this week (week {week.number}); "
            f"{plural(week.planned_sessions, 'session')} planned."
        )
    total = sum(w.done for w in p.weeks)
    if total > week.done:
        text += f" {plural(total, 'session')} done in full since you started."
    return text


def effort_summary(p: Progress) -> str | None:
    done = [s for s in p.sessions if s.completed != "skipped"]
    if not done and not p.marked:
        return None
    since = p.today - timedelta(days=RECENT_DAYS - 1)
    recent = [m for m in p.marked if since <= m.day <= p.today]
    logged_recently = any(since <= s.day <= p.today for s in p.sessions) or bool(recent)
    if recent:
        text = (
            f"{plural(len(recent), 'day')} with symptoms or pain of {PAIN_MARK} or more in the "
            f"last {RECENT_DAYS} days, the latest {on_day(recent[-1].day, p.today)}."
        )
    elif logged_recently:
        text = f"No symptoms or pain of {PAIN_MARK} or more logged in the last {RECENT_DAYS} days."
    else:
        text = f"Nothing logged in the last {RECENT_DAYS} days."
    if done:
        last = done[-1]
        effort = f"effort {last.rpe}/10, " if last.rpe is not None else ""
        text += f" Your last session: {effort}pain {last.pain}/10."
    return text


def _towards_goal(p: Progress) -> bool:
    """She has run the walk-run's last stage in full and goes on towards her goal."""
    return any(r.stage >= p.stages and r.completed == "all" for r in p.runs)


def stage_summary(p: Progress) -> str | None:
    if not p.runs and p.next_run is None:
        return None
    if p.next_run is not None and not p.runs:
        text = (
            f"Your first run is stage {p.next_run.stage} of {p.stages}, "
            f"{on_day(p.next_run.day, p.today)}."
        )
    elif p.next_run is not None and _towards_goal(p):
        text = (
            f"You have done all {p.stages} stages of the walk-run. Next, towards your goal: "
            f"{p.next_run.title[:1].lower()}{p.next_run.title[1:]}, {on_day(p.next_run.day, p.today)}."
        )
    elif p.next_run is not None:
        eased = f", {EASED[p.next_run.eased]}" if p.next_run.eased else ""
        text = f"Your next run is stage {p.next_run.stage} of {p.stages}{eased}."
    elif p.finished:
        text = f"You have finished all {p.stages} stages."
    else:
        text = f"Your last run was stage {p.runs[-1].stage} of {p.stages}."
        if p.phase in ("gentle", "paused"):
            text += " " + _no_running(p)
    moves = []
    if p.moved_up:
        moves.append(f"moved up {times(p.moved_up)}")
    if p.repeated:
        moves.append(f"repeated a stage {times(p.repeated)}")
    if p.stepped_back:
        moves.append(f"stepped back {times(p.stepped_back)}")
    if moves:
        lead = "On the way you" if p.finished else "So far you have"
        text += f" {lead} {list_words(moves)}."
    return text


def strength_summary(p: Progress) -> str | None:
    if not p.strength:
        return None
    latest = p.strength[-1]
    known = [test for test in STRENGTH_TESTS if latest.of(test) is not None]
    at_target = sum(1 for test in known if (latest.of(test) or 0) >= STRENGTH_TARGET_REPS)
    target = f"{at_target} of {len(known)} at the {STRENGTH_TARGET_REPS}-rep target"
    if len(p.strength) == 1:
        when = (
            "At the start"
            if latest.label == "At the start"
            else f"At your re-test on {spoken_date(latest.day)}"
        )
        return f"{when}: {target}. Your re-tests add bars here."
    first = p.strength[0]
    up = down = same = 0
    for test in STRENGTH_TESTS:
        before, after = first.of(test), latest.of(test)
        if before is None or after is None:
            continue
        if after > before:
            up += 1
        elif after < before:
            down += 1
        else:
            same += 1
    changes = [f"{n} {word}" for n, word in ((up, "up"), (same, "the same"), (down, "down")) if n]
    since = "the start" if first.label == "At the start" else f"{spoken_date(first.day)}"
    compared = f"{list_words(changes)} since {since}; " if changes else ""
    return f"At your re-test on {spoken_date(latest.day)}: {compared}{target}."


def summaries(p: Progress) -> dict[str, str | None]:
    return {
        "minutes": minutes_summary(p),
        "sessions": sessions_summary(p),
        "effort": effort_summary(p),
        "stage": stage_summary(p),
        "strength": strength_summary(p),
    }


# ---------------------------------------------------------------------------------------
# The page: a figure per chart, each with its summary, chart and table of numbers.


@dataclass(frozen=True)
class Table:
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    summary: str  # the one line above the chart (or, without data, what will show here)
    svg: str | None  # None: nothing to draw yet
    table: Table | None
    note: str = ""


@dataclass(frozen=True)
class ProgressPage:
    lead: str
    empty: bool
    figures: tuple[Figure, ...]


def _shown(p: Progress) -> tuple[Week, ...]:
    """The weeks the charts show: the 12 up to the last one with anything planned, logged
    or noticed (the current week, unless the programme has gone quiet)."""
    noticed = {_week_number(p.start, m.day) for m in p.marked}
    active = [
        w.number
        for w in p.weeks
        if w.planned_sessions or w.logged or w.planned_seconds or w.number in noticed
    ]
    last = max(active, default=p.week.number)
    return p.weeks[max(0, last - WINDOW_WEEKS) : last]


def _days_shown(p: Progress) -> tuple[date, date]:
    """The first and last day of the dated charts: the weeks shown, up to today."""
    weeks = _shown(p)
    start = weeks[0].first
    return start, max(min(p.today, weeks[-1].last), start + timedelta(days=6))


def _window(p: Progress) -> str:
    shown = _shown(p)
    if len(shown) == len(p.weeks):
        return ""
    if shown[-1] is p.week:
        return f" The chart shows the last {WINDOW_WEEKS} weeks; the table has every week."
    return (
        f" The chart shows weeks {shown[0].number} to {shown[-1].number}, the last with "
        "anything planned or logged; the table has every week."
    )


def _minutes_figure(p: Progress) -> Figure:
    title = "Running minutes per week"
    summary = minutes_summary(p)
    if summary is None:
        return Figure("minutes", title, _no_running(p), None, None)
    weeks = _shown(p)
    svg = charts.grouped_bars(
        "chart-minutes",
        title,
        summary,
        [str(w.number) for w in weeks],
        [
            charts.Bars("Planned", [w.planned_minutes for w in weeks], charts.PLANNED),
            charts.Bars("Run", [w.done_minutes for w in weeks], charts.DONE),
        ],
        unit="minutes",
        caption="Programme week",
    )
    table = Table(
        ("Week", "Planned", "Run", "Runs done in part"),
        tuple(
            (
                f"{w.number} (from {charts.short_date(w.first)})",
                f"{w.planned_minutes} min",
                f"{w.done_minutes} min",
                str(w.part_runs),
            )
            for w in p.weeks
        ),
    )
    note = (
        "Planned is what your plan held for the week on its first day. Run counts the runs "
        "you did in full; a run done in part is listed apart." + _window(p)
    )
    return Figure("minutes", title, summary, svg, table, note)


def _sessions_figure(p: Progress) -> Figure:
    title = "Sessions per week"
    summary = sessions_summary(p)
    if summary is None:
        return Figure("sessions", title, EMPTY, None, None)
    weeks = _shown(p)
    svg = charts.stacked_bars(
        "chart-sessions",
        title,
        summary,
        [str(w.number) for w in weeks],
        [
            charts.Bars("Done in full", [w.done for w in weeks], charts.DONE),
            charts.Bars("In part", [w.part for w in weeks], charts.PART),
            charts.Bars("Skipped", [w.skipped for w in weeks], charts.SKIPPED),
        ],
        unit="sessions",
        caption="Programme week",
        marks=[w.planned_sessions for w in weeks],
        marks_label="Planned",
    )
    table = Table(
        ("Week", "Planned", "In full", "In part", "Skipped"),
        tuple(
            (
                f"{w.number} (from {charts.short_date(w.first)})",
                str(w.planned_sessions),
                str(w.done),
                str(w.part),
                str(w.skipped),
            )
            for w in p.weeks
        ),
    )
    return Figure("sessions", title, summary, svg, table, _window(p).strip())


def _effort_figure(p: Progress) -> Figure:
    title = "Effort and pain"
    summary = effort_summary(p)
    if summary is None:
        return Figure(
            "effort", title, "Effort and pain show here once you log a session you did.", None, None
        )
    done = [s for s in p.sessions if s.completed != "skipped"]
    start, end = _days_shown(p)
    svg = charts.dated_lines(
        "chart-effort",
        title,
        summary,
        start,
        end,
        [
            charts.Line("Effort", [(s.day, s.rpe) for s in done if s.rpe is not None], "#0b5d57"),
            charts.Line(
                "Pain", [(s.day, s.pain) for s in done], "#7a3e00", marker="square", dashed=True
            ),
        ],
        top=10,
        unit="out of 10",
        caption="Day",
        marked=[m.day for m in p.marked],
        marked_label="Symptoms or pain 4+",
    )
    noticed = {m.day: m.why for m in p.marked}
    rows: list[tuple[date, tuple[str, ...]]] = []
    seen: set[date] = set()
    for s in p.sessions:
        words = list(s.symptoms) + ([f"pain {s.pain}/10"] if s.pain >= PAIN_MARK else [])
        rows.append(
            (
                s.day,
                (
                    charts.short_date(s.day),
                    f"{KIND_WORDS.get(s.kind, s.kind)} ({COMPLETED_WORDS[s.completed]})",
                    "–" if s.rpe is None or s.completed == "skipped" else f"{s.rpe}/10",
                    f"{s.pain}/10",
                    ", ".join(words) or "–",
                ),
            )
        )
        seen.add(s.day)
    for day, why in noticed.items():
        if day not in seen:
            rows.append((day, (charts.short_date(day), "Reported", "–", "–", ", ".join(why))))
    rows.sort(key=lambda row: row[0])
    table = Table(("Day", "Session", "Effort", "Pain", "Noticed"), tuple(r for _, r in rows))
    note = (
        "Effort and pain as you logged them, out of 10, for each session you did. A shaded day "
        "with a red mark had a pelvic-floor symptom or pain of 4 or more." + _window(p)
    )
    return Figure("effort", title, summary, svg, table, note)


def _stage_figure(p: Progress) -> Figure:
    title = "Walk-run stage"
    summary = stage_summary(p)
    if summary is None:
        if p.phase == "foundation" and p.retest_on is not None:
            empty = f"Running starts after your re-test on {spoken_date(p.retest_on)}."
        elif p.phase in ("foundation", "gentle", "paused"):
            empty = _no_running(p)
        else:
            empty = "Your first run shows here once you log it."
        return Figure("stage", title, empty, None, None)
    start, end = _days_shown(p)
    end = max(end, p.next_run.day if p.next_run else end)
    highest = max([r.stage for r in p.runs] + ([p.next_run.stage] if p.next_run else []))
    svg = charts.step_chart(
        "chart-stage",
        title,
        summary,
        start,
        end,
        [charts.Step(r.day, r.stage, r.completed == "all") for r in p.runs],
        ahead=charts.Step(p.next_run.day, p.next_run.stage) if p.next_run else None,
        top=max(highest, min(p.stages, max(highest + 1, 4))),
        unit="stage",
        caption="Day",
        colour="#0b5d57",
        names=("Run done in full", "Done in part", "Next run"),
    )
    rows = [
        (
            charts.short_date(r.day),
            str(r.stage),
            "Ran in full" if r.completed == "all" else "Ran in part",
        )
        for r in p.runs
    ]
    if p.next_run is not None:
        rows.append((charts.short_date(p.next_run.day), str(p.next_run.stage), "Next run"))
    table = Table(("Day", "Stage", "How it went"), tuple(rows))
    note = f"The walk-run programme has {p.stages} stages; each run you do well moves you up one."
    return Figure("stage", title, summary, svg, table, note + _window(p))


def _strength_figure(p: Progress) -> Figure:
    title = "Strength test reps"
    summary = strength_summary(p)
    if summary is None:
        return Figure(
            "strength", title, "Your strength test reps show here once you record them.", None, None
        )
    shown = [p.strength[0], *p.strength[1:][-3:]] if len(p.strength) > 4 else list(p.strength)
    # The start hatched in grey, the latest re-test solid, any between in dots and crosses.
    looks = [charts.LOOKS[0], *charts.LOOKS[1 : len(shown) - 1], charts.DONE][-len(shown) :]
    svg = charts.grouped_bars(
        "chart-strength",
        title,
        summary,
        [TEST_LABELS[t] for t in STRENGTH_TESTS],
        [
            charts.Bars(result.label, [result.of(t) for t in STRENGTH_TESTS], looks[index])
            for index, result in enumerate(shown)
        ],
        unit="reps",
        caption="Test (reps on your weaker side)",
        target=STRENGTH_TARGET_REPS,
        target_label=f"Target: {STRENGTH_TARGET_REPS}",
        value_labels=True,
    )
    table = Table(
        ("Test", *(r.label for r in p.strength)),
        tuple(
            (
                TEST_LABELS[t],
                *("–" if r.of(t) is None else str(r.of(t)) for r in p.strength),
            )
            for t in STRENGTH_TESTS
        ),
    )
    note = f"Reps on your weaker side; the target is {STRENGTH_TARGET_REPS} of each."
    if len(shown) < len(p.strength):
        note += " The chart shows the start and your last three re-tests; the table has them all."
    return Figure("strength", title, summary, svg, table, note)


def figures(p: Progress) -> tuple[Figure, ...]:
    return (
        _minutes_figure(p),
        _sessions_figure(p),
        _effort_figure(p),
        _stage_figure(p),
        _strength_figure(p),
    )


def progress_page(inputs: PlanInputs, events: Sequence[Event], today: date) -> ProgressPage:
    """Everything the progress page shows: a lead line and a figure per chart. Before
    anything is logged, only the figures that already have something to draw."""
    p = progress(inputs, events, today)
    every = figures(p)
    empty = not p.logged_anything
    shown = tuple(f for f in every if f.svg is not None) if empty else every
    lead = f"Week {p.week.number} of your programme, which started on {spoken_date(p.start)}."
    return ProgressPage(lead=lead, empty=empty, figures=shown)
