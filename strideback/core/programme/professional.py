"""A professional's actions for her client, folded into the replay: a hold on her
progression and its release, the stage moved by one, an exercise's level or dose changed,
swapped or added, the re-test day set, a pelvic-floor baseline assessed in clinic; and the
words that say who made a decision ("Your physio, Anna Lee, cleared you on ...").

Safety rules of these actions:

- no advance passes 12 weeks after birth, a red flag or referral, a hold, a pause or a
  clearance limit: it is recorded, refused, and the decision says why;
- an advance keeps to the progression rules unless it names the one it overrides, and then
  only for her next run;
- her cautions and the week after birth still bind every exercise change;
- a baseline with a symptom refers like a symptom logged after a session.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from strideback.core.programme.events import (
    Action,
    AddEvent,
    BaselineEvent,
    ClearanceEvent,
    DoseEvent,
    Event,
    HoldEvent,
    ReleaseEvent,
    RetestDueEvent,
    StageEvent,
    SwapEvent,
    catalog_problems,
)
from strideback.core.programme.fold import ReplayState, refer_now
from strideback.core.programme.model import Adjustment, Author, Course, Decision, Hold
from strideback.core.programme.prescription import exercise_refusal
from strideback.core.readiness import earliest_run_date
from strideback.core.rules import SPIKE_WINDOW_DAYS, Reason, reason
from strideback.core.vocabulary import (
    BYLINE_WORDS,
    OVERRIDE_WORDS,
    PELVIC_FLOOR_WORDS,
    PROFESSION_WORDS,
    words_for,
)
from strideback.core.words import list_words, spoken_date

__all__ = ["decision_byline", "fold_action", "held_by", "reason_of", "who_is"]

# ---------------------------------------------------------------------------------------
# Words.


def who_is(author: Author) -> str:
    """'your physio, Anna Lee'."""
    return f"{PROFESSION_WORDS[author.profession]}, {author.name}"


def _who(author: Author | None) -> str:
    """'Your physio, Anna Lee' at the start of a sentence; 'You' for the runner."""
    if author is None:
        return "You"
    words = who_is(author)
    return words[:1].upper() + words[1:]


def held_by(hold: Hold) -> str:
    """'Your physio, Anna Lee, is holding your progression'."""
    return f"{_who(hold.by)}, is holding your progression"


def reason_of(event: Event) -> str | None:
    """A professional's reason for an action (a clearance's note), in her words."""
    if isinstance(event, ClearanceEvent):
        return event.note
    if isinstance(event, Action):
        return event.reason
    return None


def decision_byline(decision: Decision) -> str | None:
    """Who made a decision, what she did and why, for a surface to show with it: "Your
    physio, Anna Lee, cleared you on Tuesday 3 March 2026: pelvic floor fine." None when
    the runner's own entry made it."""
    if decision.author is None:
        return None
    did = BYLINE_WORDS.get(decision.decision, "changed your plan")
    text = f"{_who(decision.author)}, {did} on {spoken_date(decision.date)}"
    return text + (f": {decision.reason}" if decision.reason else ".")


def _after(event: Action) -> str:
    return f"{_who(event.author)} on {spoken_date(event.date)}"


def _refuse(state: ReplayState, event: Action, what: str, why: Reason) -> None:
    """An action recorded but not applied: the decision says why, for her and her
    professional to see."""
    state.decide(event.date, "refused", _after(event), f"Not changed: {what}.", [why])


# ---------------------------------------------------------------------------------------
# The fold of each action.


def fold_action(state: ReplayState, seq: int, event: Action) -> None:
    match event:
        case HoldEvent():
            _on_hold(state, event)
        case ReleaseEvent():
            _on_release(state, event)
        case StageEvent(direction="back"):
            _on_stage_back(state, event)
        case StageEvent():
            _on_advance(state, event)
        case DoseEvent() | SwapEvent() | AddEvent():
            _on_exercise_change(state, event)
        case RetestDueEvent():
            _on_retest_due(state, event)
        case BaselineEvent():
            _on_baseline(state, seq, event)


def _on_hold(state: ReplayState, event: HoldEvent) -> None:
    course = state.course
    since = course.hold.since if course.hold is not None else event.date
    hold = Hold(since=since, by=event.author, reason=event.reason)
    state.course = course.changed(hold=hold)
    state.decide(
        event.date,
        "hold",
        _after(event),
        "Your progression is on hold: your runs stay at their stage until it is released.",
        [
            reason(
                "professional_hold",
                f"{held_by(hold)}. Your sessions go on; a run that does not go well still "
                "steps back. Pausing and resuming your plan does not lift the hold.",
            )
        ],
    )


def _on_release(state: ReplayState, event: ReleaseEvent) -> None:
    if state.course.hold is None:
        return
    state.course = state.course.changed(hold=None)
    words = (
        "You lifted the hold after withdrawing your professional's access."
        if event.author is None
        else f"{_who(event.author)} lifted the hold on your progression."
    )
    state.decide(
        event.date,
        "release",
        _after(event),
        "Your progression is back on: good runs move you up again.",
        [reason("professional_hold", words)],
    )


def _on_stage_back(state: ReplayState, event: StageEvent) -> None:
    course = state.course
    before = course.stage + 1
    state.course = course.changed(stage=max(0, course.stage - 1), greens=0, overridden=())
    running = course.track == "walk_run"
    state.decide(
        event.date,
        "step_back",
        _after(event),
        f"Next run: one stage back, to stage {state.course.stage + 1}."
        if running
        else f"When running starts again, it starts at stage {state.course.stage + 1}.",
        [reason("professional_stage", f"{_who(event.author)} moved you back a stage.")],
        stage_before=before if running else None,
    )


def _advance_refusal(course: Course, event: StageEvent) -> Reason | None:
    """Why an advance may not be applied, or None: the rules no one can override first."""
    earliest = earliest_run_date(course.intake)
    if event.date < earliest:
        return reason(
            "twelve_weeks",
            f"No running before 12 weeks after birth ({spoken_date(earliest)}); no one can "
            "override that.",
        )
    if course.referred:
        return reason(
            "referral_stands",
            "A red flag stands: running waits until a pelvic health physiotherapist has "
            "cleared you.",
        )
    if course.paused is not None:
        return reason("paused", "Your plan is paused: nothing moves until you resume it.")
    if course.hold is not None:
        return reason("professional_hold", f"{held_by(course.hold)}: release it first.")
    if course.track != "walk_run":
        return reason(
            "retest_before_running",
            "Running has not started: the load-and-impact re-test comes first.",
        )
    if course.stage + 1 > course.stage_cap:
        return reason("clearance_limits", "Walk-run only for now: a clearance's limit.")
    if course.stage + 1 >= len(course.stages):
        return reason("professional_stage", "You are at the last stage already.")
    if "one_change_at_a_time" not in event.overrides and course.stage + 1 > _last_stage(
        course, event.date
    ):
        return reason(
            "one_change_at_a_time",
            "One change at a time: your next run would be more than one stage above your "
            "last run. To do it anyway, name the rule overridden and why.",
        )
    return None


def _last_stage(course: Course, day: date) -> int:
    """The highest stage (1-based) of her runs in the last SPIKE_WINDOW_DAYS (0: none)."""
    window = day - timedelta(days=SPIKE_WINDOW_DAYS)
    return max((run.stage for run in course.runs if window <= run.day <= day), default=0)


def _on_advance(state: ReplayState, event: StageEvent) -> None:
    course = state.course
    refusal = _advance_refusal(course, event)
    if refusal is not None:
        _refuse(state, event, "your stage stays where it is", refusal)
        return
    state.course = course.changed(
        stage=course.stage + 1, greens=0, overridden=tuple(event.overrides)
    )
    who = _who(event.author)
    reasons = [reason("professional_stage", f"{who} moved you up a stage.")]
    reasons += [
        reason(
            "professional_stage",
            f"{who} overrode {OVERRIDE_WORDS[rule]} (rule {rule}) for your next run"
            + (f": “{event.reason}”." if event.reason else "."),
        )
        for rule in event.overrides
    ]
    state.decide(
        event.date,
        "progress",
        _after(event),
        f"Next run: stage {course.stage + 2}, as far as the limits allow."
        if not event.overrides
        else f"Next run: stage {course.stage + 2}.",
        reasons,
        stage_before=course.stage + 1,
        overrides=tuple(event.overrides),
    )


def _on_exercise_change(state: ReplayState, event: DoseEvent | SwapEvent | AddEvent) -> None:
    course = state.course
    unknown = catalog_problems(event, course.catalog)
    if unknown:
        why = reason("professional_exercise_change", unknown[0][1].capitalize() + ".")
        _refuse(state, event, "your exercises stay as they were", why)
        return
    new = event.exercise if isinstance(event, AddEvent) else getattr(event, "replacement", None)
    if new is not None:
        refusal = exercise_refusal(course, course.catalog.exercise(new), event.date)
        if refusal is not None:
            why = reason("professional_exercise_change", refusal)
            _refuse(state, event, "your exercises stay as they were", why)
            return
    state.course = course.changed(adjustments=(*course.adjustments, _adjustment(event)))
    name = course.catalog.exercise(event.exercise).name
    state.decide(
        event.date,
        "exercise_change",
        _after(event),
        _change_headline(event, name, course),
        [
            reason(
                "professional_exercise_change",
                f"{_who(event.author)} changed your exercises from {spoken_date(event.date)}. "
                "Your cautions still apply.",
            )
        ],
    )


def _adjustment(event: DoseEvent | SwapEvent | AddEvent) -> Adjustment:
    made = Adjustment(since=event.date, change=event.type, exercise=event.exercise, by=event.author)
    match event:
        case DoseEvent():
            amounts = (event.level, event.sets, event.reps, event.hold_seconds)
            level, sets, reps, hold_seconds = amounts
            return replace(made, level=level, sets=sets, reps=reps, hold_seconds=hold_seconds)
        case SwapEvent():
            return replace(made, replacement=event.replacement)
        case AddEvent():
            return replace(made, session=event.session)


def _change_headline(event: DoseEvent | SwapEvent | AddEvent, name: str, course: Course) -> str:
    match event:
        case SwapEvent():
            return f"{course.catalog.exercise(event.replacement).name} in place of {name}."
        case AddEvent():
            return f"{name} added to your {event.session} sessions."
        case DoseEvent():
            parts = [f"the {event.level} level"] if event.level else []
            parts += [
                f"{value} {label}"
                for value, label in (
                    (event.sets, "sets"),
                    (event.reps, "reps"),
                    (event.hold_seconds, "second holds"),
                )
                if value is not None
            ]
            return f"{name}: {list_words(parts)}."


def _on_retest_due(state: ReplayState, event: RetestDueEvent) -> None:
    course = state.course
    earliest = earliest_run_date(course.intake)
    day = max(event.on, earliest)
    state.course = course.changed(retest_on=day)
    words = f"{_who(event.author)} set your re-test for {spoken_date(event.on)}"
    if day > event.on:
        words += f"; it waits until 12 weeks after birth, {spoken_date(day)}"
    state.decide(
        event.date,
        "retest_due",
        _after(event),
        f"Your re-test: on your first training day from {spoken_date(day)}.",
        [reason("professional_retest_date", words + ".")],
    )


def _on_baseline(state: ReplayState, seq: int, event: BaselineEvent) -> None:
    who = _who(event.author)
    if not event.symptoms:
        state.decide(
            event.date,
            "baseline",
            _after(event),
            "Pelvic-floor baseline recorded: no leaking, heaviness or dragging.",
            [reason("clinic_baseline", f"{who} assessed your pelvic floor in clinic.")],
        )
        return
    words = list_words(words_for(PELVIC_FLOOR_WORDS, list(dict.fromkeys(event.symptoms))))
    flag = reason(
        "clinic_baseline",
        f"{who} found {words} when assessing your pelvic floor. Running and impact stop "
        "until a physiotherapist clears you; walking, strength and pelvic-floor work go on.",
    )
    refer_now(state, event.date, _after(event), [flag], seq)
