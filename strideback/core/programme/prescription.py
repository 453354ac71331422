"""Prescription: which exercises at which level and dose, and each kind of session on a day."""

from __future__ import annotations

import itertools
import operator
from datetime import date
from functools import cache, lru_cache
from typing import Literal, NamedTuple

from strideback.core.catalog import (
    HOUSEHOLD,
    IMPACT_ORDER,
    MEMO_SIZE,
    Exercise,
    Range,
    Stage,
    split_ref,
)
from strideback.core.intake import Intake
from strideback.core.programme.model import (
    LEVEL_ORDER,
    Adjustment,
    Course,
    Interval,
    Item,
    Run,
    Session,
    SessionKind,
)
from strideback.core.readiness import earliest_run_date
from strideback.core.rules import (
    BACKGROUND_START_STAGE,
    BEST_WEEK_DAYS,
    CHECK_IN_EVERY,
    LOW_ENERGY_WEEKLY_RISE,
    SPIKE_LIMIT,
    SPIKE_WINDOW_DAYS,
    WEEKLY_RISE,
    WEEKLY_RISE_FLOOR_SECONDS,
    Reason,
    reason,
)
from strideback.core.vocabulary import EQUIPMENT_WORDS
from strideback.core.words import clock, list_words

__all__ = [
    "earliest_week_for",
    "exercise_refusal",
    "fitting_stage",
    "foundation_session",
    "longest_recent_run",
    "on_feet",
    "prescribe",
    "retest_session",
    "run_session",
    "running_strength_session",
    "safe_stage",
    "session_on",
    "start_stage",
    "weekly_room",
]

# ---------------------------------------------------------------------------------------
# Exercises: eligibility, level and equipment.


def _conditions(intake: Intake) -> frozenset[str]:
    found: set[str] = {
        symptom
        for symptom in intake.symptoms
        if symptom in ("abdominal_separation", "pelvic_pain", "low_back_pain")
    }
    if intake.delivery == "caesarean":
        found.add("caesarean")
    if intake.perineal_tear in ("third", "fourth"):
        found.add("severe_perineal_tear")
    return frozenset(found)


def earliest_week_for(exercise: Exercise, intake: Intake) -> int:
    """The first week after birth an exercise may appear, later where a caution says so."""
    return _earliest_week(exercise, _conditions(intake))


def _earliest_week(exercise: Exercise, conditions: frozenset[str]) -> int:
    later = [
        c.earliest_week for c in exercise.cautions if c.condition in conditions and c.earliest_week
    ]
    return max([exercise.earliest_week, *later])


def _allowed(exercise: Exercise, conditions: frozenset[str], week: int, max_impact: str) -> bool:
    return _refusal(exercise, conditions, week, max_impact) is None


def _refusal(
    exercise: Exercise, conditions: frozenset[str], week: int, max_impact: str
) -> str | None:
    """Why ``exercise`` may not be in her session in ``week`` after birth (with her
    ``conditions``), or None."""
    avoided = [c for c in exercise.cautions if c.avoid and c.condition in conditions]
    if avoided:
        return f"{exercise.name} is left out for you: {avoided[0].advice}"
    if IMPACT_ORDER[exercise.impact] > IMPACT_ORDER[max_impact]:
        return (
            f"{exercise.name} is {exercise.impact}-impact: not until you are 12 weeks after birth, "
            "have passed the load-and-impact tests and no referral or limit stands."
        )
    earliest = _earliest_week(exercise, conditions)
    if earliest > week:
        return f"{exercise.name} starts from week {earliest} after birth; this is week {week}."
    return None


def exercise_refusal(course: Course, exercise: Exercise, day: date) -> str | None:
    """Why a professional may not add ``exercise`` to her sessions from ``day``, or None
    (rule professional_exercise_change): her cautions, the week after birth, and impact
    only once she runs (no impact before 12 weeks, the tests, or with a referral)."""
    running = (
        course.track == "walk_run"
        and not course.referred
        and day >= earliest_run_date(course.intake)
        and "no_jumping" not in course.limits
    )
    week = course.intake.days_since_birth(day) // 7
    impact = "moderate" if running else "low"
    return _refusal(exercise, _conditions(course.intake), week, impact)


def prescribe(exercise: Exercise, wanted: str, intake: Intake) -> Item:
    """The exercise at the wanted level if her equipment allows (with substitutes), else lower."""
    names = [level.name for level in exercise.levels]
    conditions = _conditions(intake)
    caps = [c.max_level for c in exercise.cautions if c.condition in conditions and c.max_level]
    top = min([LEVEL_ORDER.index(wanted), len(names) - 1, *(LEVEL_ORDER.index(c) for c in caps)])
    available = set(intake.equipment) | HOUSEHOLD
    substitutes = {str(item): text for item, text in exercise.substitutes.items()}
    for name in reversed(names[: top + 1]):
        missing = [item for item in exercise.equipment_at(name) if item not in available]
        if missing and not all(item in substitutes for item in missing):
            continue
        swaps = [f"No {EQUIPMENT_WORDS.get(item, item)}: {substitutes[item]}" for item in missing]
        if name != names[top]:
            lacking = sorted(set(exercise.equipment_at(names[top])) - available - set(substitutes))
            swaps.insert(
                0,
                f"No {list_words([EQUIPMENT_WORDS.get(i, i) for i in lacking])}: "
                f"the {name} version instead of the {names[top]} one.",
            )
        return _item(exercise, name, swaps, conditions)
    raise AssertionError(f"{exercise.id}: the catalog check guarantees a possible level")


def _item(exercise: Exercise, level: str, swaps: list[str], conditions: frozenset[str]) -> Item:
    dosage = exercise.dosage_at(level)
    return Item(
        exercise_id=exercise.id,
        name=exercise.name,
        level=level,
        dose=dosage.describe(),
        dosage=dosage,
        cue=exercise.cues[0],
        swaps=swaps,
        cautions=[c.advice for c in exercise.cautions if c.condition in conditions],
    )


def _items(
    course: Course, refs: list[str], level: str, day: date, max_impact: str, kind: str
) -> list[Item]:
    """The session's items, worked out once per catalog: the same exercises, level, week
    after birth, impact, conditions, equipment and professional's changes in force always
    give the same items (``Catalog.memo`` keeps them)."""
    week = course.intake.days_since_birth(day) // 7
    changes = [a for a in course.adjustments if a.since <= day]
    conditions = _conditions(course.intake)
    equipment = tuple(course.intake.equipment)
    memo = course.catalog.memo
    key = ("items", tuple(refs), level, week, max_impact, kind, conditions, equipment, *changes)
    items: tuple[Item, ...] | None = memo.get(key)
    if items is None:
        made = []
        for ref in _adjusted_refs(refs, changes, kind):
            exercise_id, ref_level = split_ref(ref)
            exercise = course.catalog.exercise(exercise_id)
            if _allowed(exercise, conditions, week, max_impact):
                item = _prescribed(course, exercise, ref_level or level, conditions)
                made.append(_dosed(item, exercise, changes, course.intake))
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        items = memo[key] = tuple(made)
    return list(items)


def _prescribed(
    course: Course, exercise: Exercise, wanted: str, conditions: frozenset[str]
) -> Item:
    """``prescribe`` once per catalog: the same exercise, level, equipment and conditions
    always give the same item (``Catalog.memo`` keeps them)."""
    memo = course.catalog.memo
    key = ("prescribed", exercise.id, wanted, tuple(course.intake.equipment), conditions)
    item: Item | None = memo.get(key)
    if item is None:
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        item = memo[key] = prescribe(exercise, wanted, course.intake)
    return item


def _adjusted_refs(refs: list[str], changes: list[Adjustment], kind: str) -> list[str]:
    """The session's exercises after a professional's swaps and additions."""
    for change in changes:
        if change.change == "swap" and change.replacement is not None:
            refs = [
                change.replacement if split_ref(ref)[0] == change.exercise else ref for ref in refs
            ]
        elif (
            change.change == "add"
            and change.session == kind
            and change.exercise not in (split_ref(ref)[0] for ref in refs)
        ):
            refs = [*refs, change.exercise]
    return refs


def _dosed(item: Item, exercise: Exercise, changes: list[Adjustment], intake: Intake) -> Item:
    """The item at the level and dose a professional set; a caution keeps the safer level."""
    for change in changes:
        if change.change != "dose" or change.exercise != item.exercise_id:
            continue
        if change.level is not None:
            wanted = change.level
            item = prescribe(exercise, wanted, intake)
            if item.level != wanted:
                kept = f"Your professional asked for the {wanted} level; {item.level} is as far as "
                item = item.model_copy(
                    update={
                        "cautions": [
                            *item.cautions,
                            kept + "your cautions and equipment allow for now.",
                        ]
                    }
                )
        amounts = {
            name: Range.model_construct(min=value, max=value)
            for name, value in (
                ("sets", change.sets),
                ("reps", change.reps),
                ("hold_seconds", change.hold_seconds),
            )
            if value is not None
        }
        if amounts:
            dosage = item.dosage.model_copy(update=amounts)
            item = item.model_copy(update={"dosage": dosage, "dose": dosage.describe()})
    return item


# ---------------------------------------------------------------------------------------
# Sessions of each kind.


def foundation_session(course: Course, day: date, kind: SessionKind) -> Session:
    week = course.intake.days_since_birth(day) // 7
    block = course.protocol.foundation_block(week)
    refs = block.strength if kind == "strength" and block.strength else block.mobility
    kind = "strength" if refs is block.strength else "mobility"
    items = _items(course, refs, block.level, day, max_impact="low", kind=kind)
    label = "Strength" if kind == "strength" else "Mobility"
    return Session(
        date=day,
        kind=kind,
        title=f"{label}: {block.title}",
        summary=block.aim,
        items=items,
        notes=[
            reason("foundation_by_week", f"Week {week} after birth: {block.title.lower()} work.")
        ],
    )


def running_strength_session(course: Course, day: date) -> Session:
    run_week = max(0, (day - course.anchor).days // 7)
    block = course.protocol.running_strength_block(run_week)
    refs = block.sessions[course.strength_turn % len(block.sessions)]
    letter = "AB"[course.strength_turn % 2] if len(block.sessions) == 2 else ""
    no_jumping = "no_jumping" in course.limits
    impact = "low" if no_jumping else "moderate"
    items = _items(course, refs, block.level, day, max_impact=impact, kind="strength")
    notes = (
        [reason("clearance_limits", "No skipping or jumping drills for now: your physio's limit.")]
        if no_jumping
        else []
    )
    return Session(
        date=day,
        kind="strength",
        title=f"Strength for running {letter}".rstrip(),
        summary="Glutes and hips, to carry each landing. Do it on a day without a run.",
        items=items,
        provisional=course.provisional,
        notes=notes,
    )


def retest_session(course: Course, day: date) -> Session:
    conditions = _conditions(course.intake)
    items = [
        _prescribed(course, course.catalog.exercise(test_id), "beginner", conditions)
        for test_id in course.protocol.retest
    ]
    return Session(
        date=day,
        kind="retest",
        title="Re-test day",
        summary=(
            "Try each load-and-impact test and count your strength reps. A test passes only "
            "with no pain, heaviness, dragging or leaking. Record the results in Strideback."
        ),
        items=items,
        notes=[
            reason(
                "retest_before_running", "These tests decide when the walk-run programme can start."
            ),
            *(
                [
                    reason(
                        "clearance_limits",
                        "Your physio asked for no jumping or hopping for now: leave out the "
                        "jogging, bounds and hops and record them as not tried. Running waits "
                        "until they pass, so ask her when to try them.",
                    )
                ]
                if "no_jumping" in course.limits
                else []
            ),
        ],
    )


# The weeks of the last BEST_WEEK_DAYS that may set the best week, each the 7 days from
# ``back`` days before (the week before the run's own, and the two weeks before that).
_WEEKS_BACK = range(7, BEST_WEEK_DAYS - 6 + 1)


def runs_before(course: Course, day: date, days: int) -> list[Run]:
    """Her runs in the ``days`` days before ``day`` (not on it), newest first."""
    return [run for _, run in _runs_ago(course, day, days)]


def _runs_ago(course: Course, day: date, days: int) -> list[tuple[int, Run]]:
    """Her runs in the ``days`` days before ``day`` (not on it), newest first, each with
    how many days before ``day`` it was. Runs are kept in day order, so only the newest
    are looked at."""
    today = day.toordinal()
    recent: list[tuple[int, Run]] = []
    for run in reversed(course.runs):
        ago = today - run.day.toordinal()
        if ago > days:
            break
        if ago > 0:
            recent.append((ago, run))
    return recent


# The runs a run's limits look at: those in the longer of the two windows.
_LOOK_BACK_DAYS = max(SPIKE_WINDOW_DAYS, BEST_WEEK_DAYS)


def longest_recent_run(course: Course, day: date) -> int | None:
    """The longest run (seconds) in the SPIKE_WINDOW_DAYS before ``day``, or None."""
    return _longest(_runs_ago(course, day, SPIKE_WINDOW_DAYS))


def _longest(recent: list[tuple[int, Run]]) -> int | None:
    return max((run.seconds for ago, run in recent if ago <= SPIKE_WINDOW_DAYS), default=None)


def on_feet(stage: Stage) -> int:
    """Time on feet in a stage: its run and walk bouts (the warm-up and cool-down walks,
    the same every time, are left out)."""
    return stage.running_seconds + stage.walk_seconds * (stage.repeats - 1)


def weekly_rise(course: Course) -> float:
    return LOW_ENERGY_WEEKLY_RISE if course.intake.low_energy else WEEKLY_RISE


def weekly_room(course: Course, day: date) -> tuple[int, int] | None:
    """How much running and time on feet a run on ``day`` may add within the weekly limit,
    or None while the first fortnight of running sets the baseline (no run in one of the
    two weeks before)."""
    recent = _runs_ago(course, day, BEST_WEEK_DAYS)
    return None if _weeks(recent) is None else _room(course, day, recent)


class _Weeks(NamedTuple):
    """Running and time on feet in the 6 days before a run, and in the week before those."""

    this_week: tuple[int, int]
    last_week: tuple[int, int]


def _weeks(recent: list[tuple[int, Run]]) -> _Weeks | None:
    """The two weeks before a run, from ``_runs_ago`` (runs further back are left out);
    None while the first fortnight of running sets the baseline (no run in the week before,
    or in the one before that)."""
    seconds = on_feet = last_seconds = last_on_feet = 0
    ran_last_week = ran_week_before = False
    for ago, run in recent:
        if ago <= 6:
            seconds += run.seconds
            on_feet += run.on_feet
        elif ago <= 13:
            last_seconds += run.seconds
            last_on_feet += run.on_feet
            ran_last_week = True
        elif ago <= 20:
            ran_week_before = True
    if not ran_last_week or not ran_week_before:
        return None
    return _Weeks((seconds, on_feet), (last_seconds, last_on_feet))


def _floor_room(course: Course, weeks: _Weeks) -> tuple[int, int]:
    """The least room the weekly limit leaves, her best recent week left aside: the room
    (``_room``) is never less, as her best week can only raise the limit."""
    rise = weekly_rise(course)
    return (
        int(max(weeks.last_week[0] * (1 + rise), weeks.last_week[0] + WEEKLY_RISE_FLOOR_SECONDS))
        - weeks.this_week[0],
        int(max(weeks.last_week[1] * (1 + rise), weeks.last_week[1] + WEEKLY_RISE_FLOOR_SECONDS))
        - weeks.this_week[1],
    )


def _room(course: Course, day: date, recent: list[tuple[int, Run]]) -> tuple[int, int]:
    """The room the weekly limit leaves a run on ``day`` (``recent`` from ``_runs_ago``;
    runs more than BEST_WEEK_DAYS back are left out), past the baseline fortnight: up to
    the more of last week plus the weekly rise and her best week of the last
    BEST_WEEK_DAYS (a week with a red session in it does not count as her best)."""
    days = BEST_WEEK_DAYS + 1
    daily_seconds, daily_on_feet = [0] * days, [0] * days
    for ago, run in recent:
        if ago <= BEST_WEEK_DAYS:
            daily_seconds[ago] += run.seconds
            daily_on_feet[ago] += run.on_feet
    red_days = [(day - d).days for d, _ in course.reds if (day - d).days <= BEST_WEEK_DAYS]
    red_weeks = {back for ago in red_days for back in range(ago - 6, ago + 1)}
    rise = weekly_rise(course)
    room = []
    for daily in (daily_seconds, daily_on_feet):
        # Running totals (index n: the n days before), so each week is a difference.
        totals = list(itertools.accumulate(daily))

        def week(first: int, last: int, totals: list[int] = totals) -> int:
            """From ``first`` to ``last`` days before."""
            return totals[first] - totals[last - 1]

        last_week = week(13, 7)
        # Each week back: the running total at its first day less that before its last.
        weeks = list(map(operator.sub, totals[13:], totals[6 : BEST_WEEK_DAYS - 6]))
        if red_weeks:
            weeks = [w for b, w in zip(_WEEKS_BACK, weeks, strict=True) if b not in red_weeks]
        best = max(weeks, default=0)
        cap = max(last_week * (1 + rise), last_week + WEEKLY_RISE_FLOOR_SECONDS, best)
        room.append(int(cap) - week(6, 1))
    return room[0], room[1]


def _fits_week(stage: Stage, room: tuple[int, int] | None) -> bool:
    return room is None or (stage.running_seconds <= room[0] and on_feet(stage) <= room[1])


def start_stage(course: Course) -> int:
    """Where she starts (and restarts after 30 days without a run): her running history
    may start her a few stages up, never once a session has gone red or she was referred
    (a clearance lifts the referral, not the caution)."""
    if course.had_red:
        return 0
    return BACKGROUND_START_STAGE.get(course.intake.running_background or "", 0)


def _wanted(course: Course, day: date) -> int:
    """The stage she is at, capped by any limit in force; in the goal phase, an easy run
    unless no long run is in the week before."""
    wanted = min(course.stage, course.stage_cap)
    walk_run = course.walk_run_stages
    if course.in_goal_phase and any(
        r.stage > walk_run and 0 < (day - r.day).days < 7 for r in course.runs[-7:]
    ):
        return min(wanted, walk_run - 1)
    return wanted


def _spike_stage(course: Course, day: date, wanted: int) -> int:
    return _spike_stage_after(course, wanted, longest_recent_run(course, day))


def _spike_stage_after(course: Course, wanted: int, longest: int | None) -> int:
    """The highest stage up to ``wanted`` within the single-run limit of ``longest`` (the
    longest recent run, or None: none in the window)."""
    if longest is None:
        return min(wanted, start_stage(course))
    stages = course.stages
    highest = range(wanted, -1, -1)
    return next((i for i in highest if stages[i].running_seconds <= longest * SPIKE_LIMIT), 0)


class _Fit(NamedTuple):
    """A run's stage on a day (None: none fits the weekly limit), and what decided it: the
    stage she is at (capped), the longest recent run, and the single-run limit's stage."""

    stage: int | None
    wanted: int
    longest: int | None
    spike: int


def _fit(course: Course, day: date) -> _Fit:
    wanted = _wanted(course, day)
    recent = _runs_ago(course, day, _LOOK_BACK_DAYS)
    longest = _longest(recent)
    spike = _spike_stage_after(course, wanted, longest)
    allowed = wanted if "single_run_spike" in course.overridden else spike
    stages = course.stages
    if "weekly_rise" in course.overridden:
        return _Fit(allowed, wanted, longest, spike)
    weeks = _weeks(recent)
    if weeks is None or _fits_week(stages[allowed], _floor_room(course, weeks)):
        return _Fit(allowed, wanted, longest, spike)
    room = _room(course, day, recent)
    index = next((i for i in range(allowed, -1, -1) if _fits_week(stages[i], room)), None)
    return _Fit(index, wanted, longest, spike)


def fitting_stage(course: Course, day: date) -> int | None:
    """The highest stage up to the one she is at that keeps a run on ``day`` within the
    single-run limit (SPIKE_LIMIT of the longest of the last SPIKE_WINDOW_DAYS) and the
    weekly limit; None when even the gentlest would break the weekly limit."""
    return _fit(course, day).stage


def safe_stage(course: Course, day: date) -> int:
    """The stage of a run on ``day`` (0-based): the highest that fits every limit, else the
    gentlest (a run she logged anyway is recorded at it)."""
    stage = fitting_stage(course, day)
    return 0 if stage is None else stage


def _eased_notes(course: Course, fit: _Fit, index: int) -> list[Reason]:
    if index >= fit.wanted:
        return []
    if index < fit.spike:
        return [
            reason(
                "weekly_rise",
                f"A shorter run than your stage today: your running this week stays within "
                f"{round(weekly_rise(course) * 100)}% more than last week.",
            )
        ]
    if fit.longest is None:
        words = "You have not run in the last few weeks, so this run starts gently."
        return [reason("break_restart", words)]
    return [
        reason(
            "single_run_spike",
            f"A shorter run than your stage today: no run may be more than "
            f"{round((SPIKE_LIMIT - 1) * 100)}% longer than your longest run of the last "
            f"{SPIKE_WINDOW_DAYS} days.",
        )
    ]


def run_session(course: Course, day: date, *, logged: bool = False) -> Session:
    """The run on ``day``: at the highest stage every limit allows. When even the gentlest
    run would break the weekly limit, a planned run day becomes mobility and a walk."""
    fit = _fit(course, day)
    index = fit.stage
    if index is None:
        if not logged:
            return _rest_from_running(course, day)
        index = 0
    walk_run = course.protocol.walk_run
    run = _run_of_stage(
        course.stages[index],
        index,
        course.walk_run_stages,
        course.in_goal_phase,
        walk_run.warm_up_walk_seconds,
        walk_run.cool_down_walk_seconds,
    )
    notes = _eased_notes(course, fit, index)
    if course.held_at_limit:
        notes.append(
            reason(
                "clearance_limits",
                "Walk-run only for now: your physio's limit. The stages of continuous running "
                "wait until she lifts it.",
            )
        )
    return Session(
        date=day,
        kind=run.kind,
        title=run.title,
        summary=run.summary,
        intervals=list(run.intervals),
        stage=index + 1,
        running_seconds=run.running_seconds,
        provisional=course.provisional,
        notes=notes + list(run.check_in),
    )


class _Run(NamedTuple):
    """What a run at a stage always is, whatever the day."""

    kind: SessionKind
    title: str
    summary: str
    intervals: tuple[Interval, ...]
    running_seconds: int
    check_in: tuple[Reason, ...]


@lru_cache(maxsize=1024)
def _run_of_stage(
    stage: Stage,
    index: int,
    walk_run_stages: int,
    in_goal_phase: bool,
    warm_up: int,
    cool_down: int,
) -> _Run:
    """A run at ``stage`` (``index`` on the ladder), made once: it depends on nothing else."""
    intervals = [_bout("walk", warm_up)]
    for bout in range(stage.repeats):
        intervals.append(_bout("run", stage.run_seconds))
        if bout < stage.repeats - 1:
            intervals.append(_bout("walk", stage.walk_seconds))
    if cool_down:
        intervals.append(_bout("walk", cool_down))
    return _Run(
        kind="run" if stage.continuous else "walk_run",
        title=_run_title(stage, index, walk_run_stages, in_goal_phase),
        summary=_run_summary(warm_up, stage, cool_down),
        intervals=tuple(intervals),
        running_seconds=stage.running_seconds,
        check_in=tuple(_check_in(index, walk_run_stages)),
    )


@cache
def _bout(activity: Literal["walk", "run"], seconds: int) -> Interval:
    """A walk or run bout, made once: the same few recur in every run, and never change."""
    return Interval(activity=activity, seconds=seconds)


def _run_title(stage: Stage, index: int, walk_run_stages: int, in_goal_phase: bool) -> str:
    if in_goal_phase:
        long_run = index >= walk_run_stages
        return f"{'Long' if long_run else 'Easy'} run {stage.run_seconds // 60} min"
    title = f"Run {clock(stage.run_seconds)}" if stage.continuous else "Walk-run"
    return f"{title} (stage {index + 1} of {walk_run_stages})"


def _check_in(index: int, walk_run_stages: int) -> list[Reason]:
    step = index - walk_run_stages + 1
    if step <= 0 or step % CHECK_IN_EVERY:
        return []
    return [
        reason(
            "goal_checkin",
            "Check-in: since your last one, any leaking, heaviness, dragging, or pain that "
            "lingers? If so, log it with this run and your plan will adapt. If not, well done.",
        )
    ]


def _rest_from_running(course: Course, day: date) -> Session:
    session = foundation_session(course, day, "mobility")
    return session.model_copy(
        update={
            "title": "No run today: mobility and a walk",
            "provisional": course.provisional,
            "notes": [
                reason(
                    "weekly_rise",
                    f"Your running this week has reached {round(weekly_rise(course) * 100)}% more "
                    "than last week, so today is a gentle day instead of a run. The next run "
                    "comes when there is room.",
                )
            ],
        }
    )


@cache
def _run_summary(warm_up: int, stage: Stage, cool_down: int) -> str:
    text = f"Brisk walk {clock(warm_up)}, then {stage.describe()}"
    return text + (f", then walk {clock(cool_down)} to cool down." if cool_down else ".")


def session_on(course: Course, day: date, kind: SessionKind) -> Session:
    """The session of ``kind`` the course prescribes on ``day`` (used for logged sessions too)."""
    if kind in ("walk_run", "run"):
        return run_session(course, day, logged=True)
    if kind == "retest":
        return retest_session(course, day)
    if course.phase == "walk_run" and kind == "strength":
        return running_strength_session(course, day)
    return foundation_session(course, day, kind)
