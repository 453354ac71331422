"""Prescription: which exercises at which level and dose, and each kind of session on a day."""

from __future__ import annotations

from datetime import date, timedelta

from strideback.core.catalog import HOUSEHOLD, IMPACT_ORDER, Exercise, Stage, split_ref
from strideback.core.intake import Intake
from strideback.core.programme.model import (
    LEVEL_ORDER,
    Course,
    Interval,
    Item,
    Session,
    SessionKind,
)
from strideback.core.rules import SPIKE_LIMIT, SPIKE_WINDOW_DAYS, reason
from strideback.core.vocabulary import EQUIPMENT_WORDS
from strideback.core.words import clock, list_words

__all__ = [
    "earliest_week_for",
    "foundation_session",
    "longest_recent_run",
    "prescribe",
    "retest_session",
    "run_session",
    "running_strength_session",
    "safe_stage",
    "session_on",
]

# ---------------------------------------------------------------------------------------
# Exercises: eligibility, level and equipment.


def _conditions(intake: Intake) -> set[str]:
    found: set[str] = {
        symptom
        for symptom in intake.symptoms
        if symptom in ("abdominal_separation", "pelvic_pain", "low_back_pain")
    }
    if intake.delivery == "caesarean":
        found.add("caesarean")
    if intake.perineal_tear in ("third", "fourth"):
        found.add("severe_perineal_tear")
    return found


def earliest_week_for(exercise: Exercise, intake: Intake) -> int:
    """The first week after birth an exercise may appear, later where a caution says so."""
    conditions = _conditions(intake)
    later = [
        c.earliest_week for c in exercise.cautions if c.condition in conditions and c.earliest_week
    ]
    return max([exercise.earliest_week, *later])


def _allowed(exercise: Exercise, intake: Intake, week: int, max_impact: str) -> bool:
    conditions = _conditions(intake)
    if any(c.avoid and c.condition in conditions for c in exercise.cautions):
        return False
    if IMPACT_ORDER[exercise.impact] > IMPACT_ORDER[max_impact]:
        return False
    return earliest_week_for(exercise, intake) <= week


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
        return _item(exercise, name, swaps, intake)
    raise AssertionError(f"{exercise.id}: the catalog check guarantees a possible level")


def _item(exercise: Exercise, level: str, swaps: list[str], intake: Intake) -> Item:
    dosage = exercise.dosage_at(level)
    conditions = _conditions(intake)
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


def _items(course: Course, refs: list[str], level: str, day: date, max_impact: str) -> list[Item]:
    week = course.intake.days_since_birth(day) // 7
    items = []
    for ref in refs:
        exercise_id, ref_level = split_ref(ref)
        exercise = course.catalog.exercise(exercise_id)
        if _allowed(exercise, course.intake, week, max_impact):
            items.append(prescribe(exercise, ref_level or level, course.intake))
    return items


# ---------------------------------------------------------------------------------------
# Sessions of each kind.


def foundation_session(course: Course, day: date, kind: SessionKind) -> Session:
    week = course.intake.days_since_birth(day) // 7
    block = course.protocol.foundation_block(week)
    refs = block.strength if kind == "strength" and block.strength else block.mobility
    kind = "strength" if refs is block.strength else "mobility"
    items = _items(course, refs, block.level, day, max_impact="low")
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
    items = _items(course, refs, block.level, day, max_impact="low" if no_jumping else "moderate")
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
    items = [
        prescribe(course.catalog.exercise(test_id), "beginner", course.intake)
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


def longest_recent_run(course: Course, day: date) -> int | None:
    """The longest run (seconds) in the SPIKE_WINDOW_DAYS before ``day``, or None."""
    window = [s for d, s in course.runs if day - timedelta(days=SPIKE_WINDOW_DAYS) <= d < day]
    return max(window) if window else None


def safe_stage(course: Course, day: date) -> int:
    """The course's stage, capped by any limit in force, and lowered if needed so the run
    stays within SPIKE_LIMIT of the longest run of the last SPIKE_WINDOW_DAYS."""
    wanted = min(course.stage, course.stage_cap)
    longest = longest_recent_run(course, day)
    if longest is None:
        return 0
    allowed = [
        i for i in range(wanted + 1) if course.stages[i].running_seconds <= longest * SPIKE_LIMIT
    ]
    return allowed[-1] if allowed else 0


def run_session(course: Course, day: date) -> Session:
    index = safe_stage(course, day)
    stage = course.stages[index]
    walk_run = course.protocol.walk_run
    intervals = [Interval(activity="walk", seconds=walk_run.warm_up_walk_seconds)]
    for bout in range(stage.repeats):
        intervals.append(Interval(activity="run", seconds=stage.run_seconds))
        if bout < stage.repeats - 1:
            intervals.append(Interval(activity="walk", seconds=stage.walk_seconds))
    if walk_run.cool_down_walk_seconds:
        intervals.append(Interval(activity="walk", seconds=walk_run.cool_down_walk_seconds))
    notes = []
    if index < min(course.stage, course.stage_cap):
        rule = "break_restart" if longest_recent_run(course, day) is None else "single_run_spike"
        notes.append(
            reason(
                rule,
                f"Stage {index + 1} rather than {min(course.stage, course.stage_cap) + 1}: no run "
                f"may be more than {round((SPIKE_LIMIT - 1) * 100)}% longer than your longest run "
                f"of the last {SPIKE_WINDOW_DAYS} days.",
            )
        )
    if course.held_at_limit:
        notes.append(
            reason(
                "clearance_limits",
                "Walk-run only for now: your physio's limit. The stages of continuous running "
                "wait until she lifts it.",
            )
        )
    kind: SessionKind = "run" if stage.continuous else "walk_run"
    total = len(course.stages)
    title = f"Run {clock(stage.run_seconds)}" if stage.continuous else "Walk-run"
    return Session(
        date=day,
        kind=kind,
        title=f"{title} (stage {index + 1} of {total})",
        summary=_run_summary(walk_run.warm_up_walk_seconds, stage, walk_run.cool_down_walk_seconds),
        intervals=intervals,
        stage=index + 1,
        running_seconds=stage.running_seconds,
        provisional=course.provisional,
        notes=notes,
    )


def _run_summary(warm_up: int, stage: Stage, cool_down: int) -> str:
    text = f"Brisk walk {clock(warm_up)}, then {stage.describe()}"
    return text + (f", then walk {clock(cool_down)} to cool down." if cool_down else ".")


def session_on(course: Course, day: date, kind: SessionKind) -> Session:
    """The session of ``kind`` the course prescribes on ``day`` (used for logged sessions too)."""
    if kind in ("walk_run", "run"):
        return run_session(course, day)
    if kind == "retest":
        return retest_session(course, day)
    if course.phase == "walk_run" and kind == "strength":
        return running_strength_session(course, day)
    return foundation_session(course, day, kind)
