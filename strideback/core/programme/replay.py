"""The replay: the programme's state is never stored; it is the fold of the logged events
over the protocol.

``replay(inputs, events)`` folds the events, in date order, over the protocol: each logged
session is classified green, amber or red and moves the running stage (progress, repeat,
step back, or pause and refer); re-tests unlock running; pauses, resumptions and a
professional's clearance change the phase. Then the days after the last event are projected
as if every session goes well. Every change carries its reasons and sources.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Literal

from strideback.core.programme.events import (
    ClearanceEvent,
    Event,
    PauseEvent,
    PlanInputs,
    ResumeEvent,
    RetestEvent,
    SessionEvent,
    SymptomEvent,
    events_in_force,
)
from strideback.core.programme.model import (
    Course,
    Decision,
    DecisionKind,
    Plan,
    Session,
    SessionLog,
)
from strideback.core.programme.prescription import safe_stage, session_on
from strideback.core.programme.schedule import (
    first_retest_day,
    initial_course,
    plan_notes,
    project,
    start_walk_run,
)
from strideback.core.readiness import assess, pelvic_floor_signs
from strideback.core.rules import Reason, reason
from strideback.core.words import list_words, spoken_date

__all__ = [
    "RED_WINDOW_DAYS",
    "Outcome",
    "classify",
    "replay",
]

RED_WINDOW_DAYS = 14

# ---------------------------------------------------------------------------------------
# Classifying a logged session.

Outcome = Literal["green", "amber", "red"]


def classify(log: SessionEvent) -> tuple[Outcome, list[Reason]]:
    """Green, amber or red for a logged session, with the reasons."""
    red: list[Reason] = []
    if log.pelvic_floor_symptoms:
        words = list_words(log.pelvic_floor_symptoms)
        red.append(
            reason(
                "red_pelvic_floor",
                f"You noticed {words} during or after the session. That is the pelvic floor "
                "asking for less: ease off, and please book a review with a pelvic health "
                "physiotherapist.",
            )
        )
    if log.pain >= 6:
        red.append(reason("red_pain", f"Pain of {log.pain}/10 is too much to train through."))
    elif log.pain > 0 and log.pain_settled is False:
        red.append(reason("red_pain", f"Pain of {log.pain}/10 had not settled by the next day."))
    if red:
        return "red", red
    amber: list[Reason] = []
    if log.pain >= 4:
        amber.append(
            reason(
                "amber_repeat",
                f"Pain of {log.pain}/10 settled, but it is on the edge: same stage again.",
            )
        )
    if log.rpe is not None and log.rpe >= 8:
        amber.append(
            reason("amber_repeat", f"Effort of {log.rpe}/10 was hard work: same stage again.")
        )
    if log.completed == "part":
        amber.append(reason("amber_repeat", "You did part of the session: same stage again."))
    if log.completed == "skipped":
        amber.append(reason("amber_repeat", "The session was skipped: same stage next time."))
    if amber:
        return "amber", amber
    settled = "" if log.pain == 0 else f" Pain of {log.pain}/10 that settled is fine."
    return "green", [reason("green_progress", f"It went well: no pelvic-floor symptoms.{settled}")]


# ---------------------------------------------------------------------------------------
# Folding events over the course.


@dataclass
class _Replay:
    course: Course
    sessions: list[Session]
    decisions: list[Decision]
    event_id: str | None = None  # the event being folded in

    def decide(
        self,
        day: date,
        kind: DecisionKind,
        after: str,
        headline: str,
        reasons: list[Reason],
        stage_before: int | None = None,
    ) -> None:
        stage_after = self.course.stage + 1 if self.course.phase == "walk_run" else None
        self.decisions.append(
            Decision(
                date=day,
                decision=kind,
                after=after,
                headline=headline,
                stage_before=stage_before,
                stage_after=stage_after,
                reasons=reasons,
                event=self.event_id,
            )
        )


def _refer(state: _Replay, day: date, after: str, reasons: list[Reason]) -> None:
    running = state.course.phase == "walk_run"
    state.course = replace(
        state.course,
        phase="gentle",
        status="refer",
        anchor=day + timedelta(days=1),
        referred_while_running=running,
    )
    state.decide(
        day,
        "pause_and_refer",
        after,
        "Running is paused. Please see a pelvic health physiotherapist; gentle work goes on.",
        reasons,
    )


def _red(state: _Replay, day: date, after: str, reasons: list[Reason], before: int | None) -> None:
    course = state.course
    if course.phase != "walk_run":
        if course.phase == "foundation" and any(r.rule == "red_pelvic_floor" for r in reasons):
            _refer(
                state,
                day,
                after,
                [
                    *reasons,
                    reason(
                        "symptom_before_running",
                        "A pelvic-floor symptom before running has started is a reason to be seen first.",
                    ),
                ],
            )
        return
    recent = [d for d in course.reds if day - d <= timedelta(days=RED_WINDOW_DAYS)]
    # One stage back from the stage of this session (or of the next run, for other sessions).
    stage = before if before is not None else _next_run_stage(course, day)
    state.course = replace(course, reds=(*course.reds, day), stage=max(0, stage - 2))
    if recent:
        _refer(
            state,
            day,
            after,
            [
                *reasons,
                reason(
                    "two_reds_refer",
                    f"This is the second hard session within two weeks (the other on "
                    f"{spoken_date(recent[-1])}). Running pauses until a pelvic health physiotherapist "
                    "has seen you.",
                ),
            ],
        )
        return
    back_to = state.course.stage + 1
    state.decide(
        day,
        "step_back",
        after,
        f"Next run: one stage back, to stage {back_to}."
        if stage > 1
        else "Next run: stage 1 again, the gentlest there is.",
        reasons,
        stage_before=stage,
    )


def _on_session(state: _Replay, event: SessionEvent) -> None:
    course = state.course
    outcome, reasons = classify(event)
    planned = session_on(course, event.date, event.kind)
    logged = planned.model_copy(
        update={
            "provisional": False,
            "log": SessionLog(
                completed=event.completed,
                rpe=event.rpe,
                pain=event.pain,
                pain_where=event.pain_where,
                pelvic_floor_symptoms=list(event.pelvic_floor_symptoms),
                pain_settled=event.pain_settled,
                note=event.note,
                outcome=outcome,
            ),
        }
    )
    state.sessions.append(logged)
    after = f"{planned.title} on {spoken_date(event.date)}"
    is_run = event.kind in ("walk_run", "run")
    if is_run and outcome == "green" and course.last_run_on == event.date:
        outcome, reasons = (
            "amber",
            [
                reason(
                    "same_day_run",
                    "This is your second run today. It is logged, but the next run stays at this "
                    "stage: runs need a day between them.",
                )
            ],
        )
    if is_run and event.completed != "skipped":
        course = replace(course, last_run_on=event.date)
        state.course = course
    if is_run and course.phase == "walk_run" and event.completed == "all":
        state.course = replace(course, runs=(*course.runs, (event.date, planned.running_seconds)))
    elif event.kind == "strength" and course.phase == "walk_run" and event.completed != "skipped":
        state.course = replace(course, strength_turn=course.strength_turn + 1)
    if outcome == "red":
        _red(state, event.date, after, reasons, planned.stage)
    elif is_run and state.course.phase == "walk_run":
        _progress_or_repeat(state, event.date, after, outcome, reasons, planned)


def _progress_or_repeat(
    state: _Replay, day: date, after: str, outcome: Outcome, reasons: list[Reason], planned: Session
) -> None:
    assert planned.stage is not None
    stages = state.course.stages
    if outcome == "amber":
        state.course = replace(state.course, stage=planned.stage - 1)
        state.decide(
            day,
            "repeat",
            after,
            f"Next run: stage {planned.stage} again.",
            reasons,
            stage_before=planned.stage,
        )
        return
    state.course = replace(state.course, stage=planned.stage)
    if planned.stage >= len(stages):
        state.decide(
            day,
            "complete",
            after,
            "You have finished the last stage.",
            [
                *reasons,
                reason(
                    "programme_complete",
                    "From here, keep running two or three times a week and add no more than 10% to "
                    "your longest run at a time.",
                ),
            ],
            stage_before=planned.stage,
        )
        return
    nxt = stages[planned.stage]
    state.decide(
        day,
        "progress",
        after,
        f"Next run: stage {planned.stage + 1}, {nxt.describe()}.",
        reasons,
        stage_before=planned.stage,
    )


# What a re-test result means while the plan is not open to change.
_ON_HOLD: dict[str, str] = {
    "gentle": "Recorded. Running waits until a pelvic health physiotherapist has cleared you.",
    "paused": "Recorded while the plan is paused; it counts once you resume and re-test.",
    "complete": "Recorded. The programme is already complete.",
}


def _on_retest(state: _Replay, event: RetestEvent) -> None:
    course = state.course
    verdict = assess(course.intake.with_tests(event.tests, list(event.symptoms), event.date))
    outcomes: dict[str, Outcome] = {"ready": "green", "not_yet": "amber", "refer": "red"}
    active = course.phase in ("foundation", "walk_run")
    note = verdict.headline if active else _ON_HOLD[course.phase]
    log = SessionLog(completed="all", outcome=outcomes[verdict.status], note=note)
    session = session_on(course, event.date, "retest")
    state.sessions.append(session.model_copy(update={"provisional": False, "log": log}))
    after = f"Re-test on {spoken_date(event.date)}"
    if not active:
        return
    if verdict.status == "refer":
        _refer(state, event.date, after, verdict.reasons)
    elif verdict.status == "ready":
        if course.phase == "foundation":
            state.course = replace(
                start_walk_run(course, event.date, provisional=False), status="ready"
            )
            state.decide(
                event.date,
                "start_running",
                after,
                f"Every test passed: the walk-run programme starts {spoken_date(state.course.anchor)}.",
                [
                    reason(
                        "retest_result", "You passed every load-and-impact test with no symptoms."
                    )
                ],
            )
    else:
        retest_on = first_retest_day(
            replace(course, intake=course.intake.with_tests(event.tests, [], event.date)),
            verdict,
            event.date + timedelta(days=1),
        )
        state.course = replace(
            course,
            phase="foundation",
            anchor=event.date + timedelta(days=1),
            retest_on=retest_on,
            status="not_yet",
        )
        state.decide(
            event.date,
            "more_strength",
            after,
            f"More strength work first; the next re-test is {spoken_date(retest_on)}.",
            [reason("retest_result", r.message) for r in verdict.reasons],
        )


def _on_symptom(state: _Replay, event: SymptomEvent) -> None:
    days = state.course.intake.days_since_birth(event.date)
    signs = pelvic_floor_signs(list(event.symptoms), days)
    if not signs or state.course.phase in ("gentle", "complete"):
        return
    after = f"Symptoms reported on {spoken_date(event.date)}"
    reasons = [
        reason(
            "red_pelvic_floor",
            f"You reported {list_words([s.replace('_', ' ') for s in signs])}. That needs a pelvic "
            "health physiotherapist's review.",
        )
    ]
    if state.course.phase == "walk_run":
        _red(state, event.date, after, reasons, _next_run_stage(state.course, event.date))
    else:
        _refer(state, event.date, after, reasons)


def _next_run_stage(course: Course, day: date) -> int:
    """The 1-based stage the next run would be at on ``day``."""
    return safe_stage(course, day) + 1


def _on_pause(state: _Replay, event: PauseEvent) -> None:
    if state.course.phase == "paused":
        return
    state.course = replace(state.course, resume_phase=state.course.phase, phase="paused")
    why = f" ({event.reason})" if event.reason else ""
    state.decide(
        event.date,
        "pause",
        f"Pause on {spoken_date(event.date)}",
        "Sessions are paused.",
        [reason("paused", f"You paused the programme{why}. Rest well.")],
    )


def _on_resume(state: _Replay, event: ResumeEvent) -> None:
    course = state.course
    if course.phase != "paused" or course.resume_phase is None:
        return
    state.course = replace(course, phase=course.resume_phase, resume_phase=None, anchor=event.date)
    state.decide(
        event.date,
        "resume",
        f"Back on {spoken_date(event.date)}",
        "Sessions start again.",
        [reason("paused", "Welcome back. Runs restart gently if there was a long gap.")],
    )


def _on_clearance(state: _Replay, event: ClearanceEvent) -> None:
    course = state.course
    if course.status != "refer":
        return
    after = f"Clearance by {event.by} on {spoken_date(event.date)}"
    cleared = reason("professional_clearance", f"{event.by} has assessed you and cleared you.")
    if course.referred_while_running:
        state.course = replace(
            course,
            phase="walk_run",
            status="ready",
            anchor=event.date,
            referred_while_running=False,
        )
        state.decide(event.date, "resume", after, "Running starts again, gently.", [cleared])
        return
    earliest = course.intake.birth_date + timedelta(days=84)
    state.course = replace(
        course,
        phase="foundation",
        status="not_yet",
        anchor=event.date,
        retest_on=max(event.date, earliest),
    )
    state.decide(
        event.date,
        "resume",
        after,
        f"Next: the re-test on {spoken_date(state.course.retest_on or event.date)}.",
        [cleared],
    )


_HANDLERS: dict[str, Callable[[_Replay, Any], None]] = {
    "session": _on_session,
    "retest": _on_retest,
    "symptom": _on_symptom,
    "pause": _on_pause,
    "resume": _on_resume,
    "clearance": _on_clearance,
}


def replay(
    inputs: PlanInputs,
    events: Sequence[Event],
    as_of: date | None = None,
    until: date | None = None,
) -> Plan:
    """The plan after ``events``; the future is projected from the day after the last event
    (or ``as_of``, if later), up to ``until`` if given (a caller that needs only the next
    days need not project the whole programme)."""
    readiness = assess(inputs.intake)
    course = initial_course(inputs.intake, readiness, inputs.catalog, inputs.start, inputs.protocol)
    state = _Replay(course=course, sessions=[], decisions=[])
    ordered = events_in_force(events)
    for event in ordered:
        state.event_id = event.id
        _HANDLERS[event.type](state, event)
    resume_from = ordered[-1].date + timedelta(days=1) if ordered else inputs.start
    if as_of is not None:
        resume_from = max(resume_from, as_of)
    future = project(state.course, resume_from, until)
    return Plan(
        protocol=course.protocol.id,
        protocol_version=course.protocol.version,
        start=inputs.start,
        birth_date=inputs.intake.birth_date,
        readiness=readiness,
        status=state.course.status,
        phase=state.course.phase,
        sessions=state.sessions + future,
        decisions=state.decisions,
        notes=plan_notes(state.course, readiness),
    )
