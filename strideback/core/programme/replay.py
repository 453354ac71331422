"""The replay: the programme's state is never stored; it is the fold of the recorded events
over the protocol.

``replay(inputs, events, as_of)`` folds the events, ordered by the day they happened and
then by when they were recorded, over the protocol. Each logged session is classified green,
amber or red and moves the running stage (progress, repeat, step back); the first
pelvic-floor symptom, or a second red session within the red window, refers her to a pelvic
health physiotherapist; re-tests and new answers re-assess her; a pause stops sessions; a
clearance lifts the red flags recorded before it, within its limits. Then the days from
``as_of`` are projected as if every session goes well. Every change is a decision with its
reasons and sources, and the verdict ("can I run now?") is read off the same state, so no
page can say otherwise.

Safety rules of the fold:

- a referral stands until a clearance recorded after every red flag behind it: answering the
  questions again without the symptom, or correcting a log, records what she says but lifts
  nothing;
- an edited entry still counts as first logged for its red flags;
- red sessions logged during a pause or a referral count;
- a clearance does not end a pause, and never allows running before 12 weeks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

from strideback.core.catalog import Catalog
from strideback.core.intake import Intake, Tests
from strideback.core.programme.events import (
    Action,
    ActivityEvent,
    AnswersEvent,
    ClearanceEvent,
    Event,
    MoveEvent,
    PauseEvent,
    PlanInputs,
    Recorded,
    ResumeEvent,
    RetestEvent,
    SessionEvent,
    SkipEvent,
    SymptomEvent,
    in_record_order,
)
from strideback.core.programme.fold import ReplayState, refer, refer_now, step_back
from strideback.core.programme.model import (
    LIMITS,
    Course,
    Moved,
    Pause,
    Plan,
    Session,
    SessionLog,
)
from strideback.core.programme.prescription import safe_stage, session_on
from strideback.core.programme.professional import fold_action, held_by, reason_of, who_is
from strideback.core.programme.schedule import (
    counted_run,
    first_retest_day,
    first_run_day,
    initial_course,
    project,
    start_walk_run,
    step_after_green,
)
from strideback.core.programme.standing import milestones, plan_notes, referral_of, verdict_of
from strideback.core.readiness import assess, earliest_run_date, pelvic_floor_signs, slowed_by
from strideback.core.rules import (
    AMBER_PAIN,
    HARD_EFFORT,
    PELVIC_FLOOR_CLEARERS,
    RED_PAIN,
    RED_WINDOW_DAYS,
    RULES,
    Reason,
    pause_step_back,
    reason,
)
from strideback.core.vocabulary import (
    LIMIT_WORDS,
    PELVIC_FLOOR_WORDS,
    SIGN_WORDS,
    SKIP_WORDS,
    words_for,
)
from strideback.core.words import list_words, spoken_date

__all__ = ["Outcome", "classify", "merged_tests", "plan_for", "ran_minutes", "replay"]

Outcome = Literal["green", "amber", "red"]


# ---------------------------------------------------------------------------------------
# Classifying a logged session.


def classify(log: SessionEvent) -> tuple[Outcome, list[Reason]]:
    """Green, amber or red for a logged session, with the reasons."""
    red: list[Reason] = []
    if log.pelvic_floor_symptoms:
        words = list_words(words_for(PELVIC_FLOOR_WORDS, log.pelvic_floor_symptoms))
        red.append(
            reason(
                "red_pelvic_floor",
                f"You noticed {words} during or after the session. That is the pelvic floor "
                "asking for help: running stops for now, and a pelvic health physiotherapist "
                "should see you. Walking, strength and pelvic-floor exercises go on.",
            )
        )
    if log.pain >= RED_PAIN:
        red.append(reason("red_pain", f"Pain of {log.pain}/10 is too much to train through."))
    elif log.pain > 0 and log.pain_settled is False:
        red.append(reason("red_pain", f"Pain of {log.pain}/10 had not settled by the next day."))
    if red:
        return "red", red
    amber: list[Reason] = []
    if log.pain > 0 and log.pain_settled is None:
        amber.append(
            reason(
                "next_day_unanswered",
                f"You had pain of {log.pain}/10 and have not yet said whether it settled by the "
                "next day: same stage until you do. Answer the next-day check when you can.",
            )
        )
    elif log.pain >= AMBER_PAIN:
        amber.append(
            reason(
                "amber_repeat",
                f"Pain of {log.pain}/10 settled, but it is on the edge: same stage again.",
            )
        )
    if log.rpe is not None and log.rpe >= HARD_EFFORT:
        amber.append(
            reason("amber_repeat", f"Effort of {log.rpe}/10 was hard work: same stage again.")
        )
    if not log.answered:
        amber.append(
            reason(
                "watch_symptoms_unanswered",
                "Your watch brought this run in, but only you can say how your body took it. "
                "Answer the questions about leaking, heaviness and pain: until then the run "
                "counts, and your plan stays at this stage.",
            )
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
# The fold.


def _red_flags_of(event: SessionEvent) -> list[str]:
    return list(event.pelvic_floor_symptoms)


def ran_minutes(event: SessionEvent) -> int | None:
    """The minutes she ran: as she timed them, or as her watch recorded them."""
    if event.ran_minutes is not None or event.watch is None:
        return event.ran_minutes
    return round(event.watch.run_seconds / 60)


def _on_session(state: ReplayState, record: Recorded, event: SessionEvent) -> None:
    course = state.course
    outcome, reasons = classify(event)
    classified = outcome  # as logged, before the rule on a second run in a day
    planned = session_on(course, event.date, event.kind)
    ran = ran_minutes(event)
    state.sessions.append(
        planned.model_copy(
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
                    ran_minutes=ran,
                    watch=event.watch,
                    answered=event.answered,
                ),
            }
        )
    )
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
    running = course.phase == "walk_run"
    if is_run and event.completed != "skipped":
        runs = course.runs
        if event.completed == "all":
            runs = (*runs, counted_run(course, planned, ran))
            reasons = reasons + _ran_more(ran, planned)
        course = course.changed(last_run_on=event.date, overridden=(), runs=runs)
    elif event.kind == "strength" and running and event.completed != "skipped":
        course = course.changed(strength_turn=course.strength_turn + 1)
    state.course = course

    # An edit cannot hide a red flag: symptoms and red outcomes of earlier versions count,
    # each as recorded by its newest version that still said so (a clearance recorded after
    # that lifts it).
    earlier = [(seq, e) for seq, e in record.earlier if isinstance(e, SessionEvent)]
    remembered = [
        s for _, e in earlier for s in _red_flags_of(e) if s not in event.pelvic_floor_symptoms
    ]
    symptom_seqs = [seq for seq, e in earlier if e.pelvic_floor_symptoms]
    if event.pelvic_floor_symptoms:
        symptom_seqs.append(record.seq)
    symptom_seq = max(symptom_seqs, default=-1)
    red_seqs = [seq for seq, e in earlier if classify(e)[0] == "red"]
    if classified == "red":
        red_seqs.append(record.seq)
    red_seq = max(red_seqs, default=-1)
    was_red = red_seq >= 0
    if event.pelvic_floor_symptoms or remembered:
        flags = [r for r in reasons if r.rule == "red_pelvic_floor"]
        if remembered:
            words = list_words(words_for(PELVIC_FLOOR_WORDS, list(dict.fromkeys(remembered))))
            flags.append(
                reason(
                    "referral_stands",
                    f"This entry first said {words}. You have changed it since, but a symptom "
                    "once logged still needs a pelvic health physiotherapist's review.",
                )
            )
        # Every red run steps running back, a referral in force or not, on the walk-run or
        # back to strength work: the next run is never longer than the one that went red.
        if planned.stage is not None:
            state.course = step_back(state.course, planned.stage)
        state.course = state.course.changed(reds=(*state.course.reds, (event.date, red_seq)))
        refer(state, event.date, after, flags, symptom_seq)
        return
    if outcome == "red":
        _pain_red(state, event.date, after, reasons, planned.stage, red_seq)
        return
    if was_red and _remember_red(state, event.date, after, red_seq):
        return
    if is_run and state.course.phase == "walk_run":
        _progress_or_repeat(state, event.date, after, outcome, reasons, planned)


def _ran_more(ran: int | None, planned: Session) -> list[Reason]:
    """A warning when she ran longer than planned: it counts as planned, never more."""
    if ran is None or ran * 60 <= planned.running_seconds:
        return []
    return [
        reason(
            "ran_more_than_planned",
            f"You ran about {ran} minutes, more than the "
            f"{round(planned.running_seconds / 60)} planned. A run much longer than usual is "
            "when injuries are more likely, so your plan counts what was planned and does not "
            "speed up. Stick to the plan next time, even on a good day.",
        )
    ]


def _remember_red(state: ReplayState, day: date, after: str, seq: int) -> bool:
    """An entry first logged as a hard session and corrected since: the correction moves the
    plan, but the first version still counts towards two red sessions in the red window.
    True when that refers her."""
    course = state.course
    if course.track != "walk_run":
        return False
    recent = [d for d, _ in course.reds if day - d <= timedelta(days=RED_WINDOW_DAYS)]
    state.course = course.changed(reds=(*course.reds, (day, seq)))
    if not recent:
        return False
    refer(
        state,
        day,
        after,
        [
            reason(
                "two_reds_refer",
                f"This entry was first logged as a hard session, and it is the second within "
                f"{RED_WINDOW_DAYS} days (the other on {spoken_date(recent[-1])}). A corrected "
                "entry still counts as it was first logged: running pauses until a pelvic "
                "health physiotherapist has seen you.",
            )
        ],
        seq,
    )
    return True


def _pain_red(
    state: ReplayState, day: date, after: str, reasons: list[Reason], stage: int | None, seq: int
) -> None:
    """A red session without a pelvic-floor symptom: step back; a second in the window refers."""
    course = state.course
    if course.track != "walk_run":
        # Not on the walk-run now: no decision to make, but a red run still steps back the
        # stage running resumes at, and she gets no head start from her history.
        stepped = step_back(course, stage) if stage is not None else course
        state.course = stepped.changed(reds=(*course.reds, (day, seq)), had_red=True)
        return
    recent = [d for d, _ in course.reds if day - d <= timedelta(days=RED_WINDOW_DAYS)]
    stage = stage if stage is not None else safe_stage(course, day) + 1
    state.course = step_back(course, stage).changed(reds=(*course.reds, (day, seq)), had_red=True)
    red_reasons = [r for r in reasons if r.rule == "red_pain"]
    if recent:
        refer(
            state,
            day,
            after,
            [
                *red_reasons,
                reason(
                    "two_reds_refer",
                    f"This is the second hard session within {RED_WINDOW_DAYS} days (the other "
                    f"on {spoken_date(recent[-1])}). Running pauses until a pelvic health "
                    "physiotherapist has seen you.",
                ),
            ],
            seq,
        )
        return
    if course.referred or course.paused is not None:
        return
    back_to = state.course.stage + 1
    state.decide(
        day,
        "step_back",
        after,
        f"Next run: one stage back, to stage {back_to}."
        if stage > 1
        else "Next run: stage 1 again, the gentlest there is.",
        red_reasons,
        stage_before=stage,
    )


def _progress_or_repeat(
    state: ReplayState,
    day: date,
    after: str,
    outcome: Outcome,
    reasons: list[Reason],
    planned: Session,
) -> None:
    assert planned.stage is not None
    course = state.course
    if course.in_goal_phase and planned.stage <= course.walk_run_stages:
        _easy_run_done(state, day, after, outcome, reasons)
        return
    if outcome == "amber":
        state.course = course.changed(stage=planned.stage - 1, greens=0)
        state.decide(
            day,
            "repeat",
            after,
            f"Next run: {_stage_words(state.course, planned.stage)} again.",
            reasons,
            stage_before=planned.stage,
        )
        return
    state.course = step_after_green(course, planned.stage, None)
    stages = state.course.stages
    if planned.stage <= course.stage:
        eased = reason(
            "weekly_rise",
            "This run was shorter than your stage, to stay within the limits on how fast "
            "running may rise; your stage stays where it was.",
        )
        headline = (
            f"Next run: {_stage_words(course, course.stage + 1)}, as far as the limits allow."
        )
        state.decide(day, "repeat", after, headline, [*reasons, eased], stage_before=planned.stage)
        return
    if state.course.stage >= len(stages):
        state.course = state.course.changed(track="complete")
        state.decide(
            day,
            "complete",
            after,
            _finish_headline(course),
            [*reasons, _what_next(course)],
            stage_before=planned.stage,
        )
        return
    if state.course.stage < planned.stage and course.hold is not None:
        held = reason(
            "professional_hold",
            f"A good run. {held_by(course.hold)}: the same stage again until it is released.",
        )
        headline = f"Next run: {_stage_words(state.course, planned.stage)} again."
        state.decide(day, "repeat", after, headline, [*reasons, held], stage_before=planned.stage)
        return
    if state.course.stage < planned.stage:
        more = reason(
            "running_background"
            if slowed_by(course.intake) == ["you are new to running"]
            else "slower_steps",
            "A good run. One more like it at this stage, then the next step: your plan "
            "takes each step that adds running after two good runs.",
        )
        state.decide(
            day,
            "repeat",
            after,
            f"Next run: {_stage_words(state.course, planned.stage)} again.",
            [*reasons, more],
            stage_before=planned.stage,
        )
        return
    if planned.stage > state.course.stage_cap:
        state.decide(
            day,
            "repeat",
            after,
            f"Next run: stage {planned.stage} again, the last walk-run stage.",
            [
                *reasons,
                reason(
                    "clearance_limits",
                    "Walk-run only for now: your physio's limit. The runs stay at this stage "
                    "until she lifts it.",
                ),
            ],
            stage_before=planned.stage,
        )
        return
    nxt = stages[planned.stage]
    headline = (
        f"Next long run: {nxt.run_seconds // 60} minutes at an easy pace."
        if planned.stage >= course.walk_run_stages
        else f"Next run: stage {planned.stage + 1}, {nxt.describe()}."
    )
    state.decide(day, "progress", after, headline, reasons, stage_before=planned.stage)


def _stage_words(course: Course, stage: int) -> str:
    if stage > course.walk_run_stages:
        return f"a long run of {course.stages[stage - 1].run_seconds // 60} minutes"
    return f"stage {stage}"


def _easy_run_done(
    state: ReplayState, day: date, after: str, outcome: Outcome, reasons: list[Reason]
) -> None:
    """An easy run in the goal phase: the long run leads the way; an easy run that did not
    go well holds the long run where it is."""
    course = state.course
    long_run = course.stages[min(course.stage, len(course.stages) - 1)].run_seconds // 60
    if outcome == "amber":
        state.course = course.changed(greens=0)
        headline = f"Next long run stays at {long_run} minutes; keep the easy runs easy."
        state.decide(day, "repeat", after, headline, reasons)
        return
    headline = f"Easy run done. Next long run: {long_run} minutes at an easy pace."
    state.decide(day, "progress", after, headline, reasons)


_GOAL_WORDS = {
    "5k": "a 5 km run",
    "10k": "a 10 km run",
    "half_marathon": "a half marathon",
    "marathon": "a marathon",
}


def _finish_headline(course: Course) -> str:
    if course.in_goal_phase:
        return "You have reached your longest run: you are ready to train for your goal."
    return "You can run 30 minutes without a break. Well done."


def _what_next(course: Course) -> Reason:
    goal = _GOAL_WORDS.get(course.intake.goal or "")
    if goal is None or not course.in_goal_phase:
        return reason(
            "programme_complete",
            "What next: keep running two or three times a week at an easy pace, and add no more "
            "than 10% to your running time in a week. Keep your strength sessions going, and "
            "stop and log it if you leak, feel heaviness or dragging, or have pain that lingers.",
        )
    return reason(
        "programme_complete",
        f"What next: you have built the time on your feet that {goal} needs at an easy pace. "
        "Pick an event a few weeks away, keep one long run a week, and add any faster running "
        "one change at a time, with a coach or your physio if you can. Keep adding no more than "
        "10% a week, and keep checking in with your body.",
    )


# What a re-test result means while the plan is not open to change.
_ON_HOLD = {
    "gentle": "Recorded. Running waits until a pelvic health physiotherapist has cleared you.",
    "paused": "Recorded while the plan is paused; it counts once you resume and re-test.",
    "complete": "Recorded. The programme is already complete.",
}


def merged_tests(newer: Tests, known: Tests) -> Tests:
    """Test results: the newer where given, else the last known (a test not tried this
    time keeps its last result)."""
    load = {
        name: value if value is not None else getattr(known.load_impact, name)
        for name, value in newer.load_impact.model_dump().items()
    }
    strength = {
        name: value if value is not None else getattr(known.strength, name)
        for name, value in newer.strength.model_dump().items()
    }
    return Tests.model_validate({"load_impact": load, "strength": strength})


def _on_retest(state: ReplayState, record: Recorded, event: RetestEvent) -> None:
    course = state.course
    tested = course.intake.with_tests(
        merged_tests(event.tests, course.intake.tests), list(event.symptoms), event.date
    )
    verdict = assess(tested)
    state.course = course = course.changed(intake=tested)
    outcomes: dict[str, Outcome] = {"ready": "green", "not_yet": "amber", "refer": "red"}
    active = course.phase in ("foundation", "walk_run")
    note = verdict.headline if active else _ON_HOLD[course.phase]
    log = SessionLog(completed="all", outcome=outcomes[verdict.status], note=note)
    session = session_on(course, event.date, "retest")
    state.sessions.append(session.model_copy(update={"provisional": False, "log": log}))
    after = f"Re-test on {spoken_date(event.date)}"
    if verdict.status == "refer":
        refer(state, event.date, after, _referring(verdict.reasons), record.seq)
        return
    if not active:
        return
    if verdict.status == "ready":
        if course.track == "foundation":
            lifted = course.without_limit("no_running_until_retest")
            state.course = start_walk_run(lifted, event.date, provisional=False)
            state.decide(
                event.date,
                "start_running",
                after,
                f"Every test passed: the walk-run programme starts "
                f"{spoken_date(first_run_day(state.course))}.",
                [
                    reason(
                        "retest_result", "You passed every load-and-impact test with no symptoms."
                    )
                ],
            )
        else:
            state.course = course.changed(retest_on=None)  # a re-test her professional set
        return
    _back_to_strength(
        state,
        event.date,
        after,
        course,
        [reason("retest_result", r.message) for r in verdict.reasons],
    )


def _back_to_strength(
    state: ReplayState, day: date, after: str, tested: Course, reasons: list[Reason]
) -> None:
    """Not ready (yet): strength work, and the re-test again when a failed test has had time."""
    retest_on = first_retest_day(tested, day + timedelta(days=1))
    state.course = state.course.changed(
        track="foundation", anchor=day + timedelta(days=1), retest_on=retest_on
    )
    state.decide(
        day,
        "more_strength",
        after,
        f"More strength work first; the next re-test is {spoken_date(retest_on)}.",
        reasons,
    )


def _referring(reasons: list[Reason]) -> list[Reason]:
    return [r for r in reasons if RULES[r.rule].effect == "refers"]


def _on_symptom(state: ReplayState, record: Recorded, event: SymptomEvent) -> None:
    days = state.course.intake.days_since_birth(event.date)
    signs = pelvic_floor_signs(list(event.symptoms), days)
    if not signs:
        return
    after = f"Symptoms reported on {spoken_date(event.date)}"
    flag = reason(
        "red_pelvic_floor",
        f"You reported {list_words(words_for(SIGN_WORDS, signs))}. That needs a pelvic health "
        "physiotherapist's review before any more running.",
    )
    refer_now(state, event.date, after, [flag], record.seq)


def _on_answers(state: ReplayState, record: Recorded, event: AnswersEvent) -> None:
    """New answers: a new version of her intake from this day on, re-assessed. A test she
    left untried keeps its last known result (from her earlier answers or a re-test)."""
    intake = event.intake.model_copy(
        update={"tests": merged_tests(event.intake.tests, state.course.intake.tests)}
    )
    course = state.course.changed(intake=intake)
    state.course = course
    verdict = assess(intake, event.date)
    after = f"Answers given again on {spoken_date(event.date)}"
    flags = _referring(verdict.reasons)
    if flags:
        refer_now(state, event.date, after, flags, record.seq)
        return
    if course.referred:
        state.decide(
            event.date,
            "new_answers",
            after,
            "Your answers are saved. The referral stays until a pelvic health physiotherapist "
            "has seen you.",
            [
                reason(
                    "referral_stands",
                    "You told us the symptoms behind your referral are gone; that is good to hear. "
                    "Running still waits until a pelvic health physiotherapist has checked, and you "
                    "record what they said.",
                )
            ],
        )
        return
    if course.paused is not None or course.track == "complete":
        state.decide(
            event.date,
            "new_answers",
            after,
            "Your answers are saved; the plan follows them when it is back on.",
            [reason("new_answers", "Your plan uses your newest answers from today.")],
        )
        return
    waits_for_retest = "no_running_until_retest" in course.limits
    if verdict.status == "ready" and course.track == "foundation" and not waits_for_retest:
        state.course = start_walk_run(course, event.date, provisional=False)
        state.decide(
            event.date,
            "start_running",
            after,
            f"Your new answers pass every test: the walk-run programme starts "
            f"{spoken_date(first_run_day(state.course))}.",
            [reason("new_answers", r.message) for r in verdict.reasons],
        )
        return
    if verdict.status == "not_yet" and course.track == "walk_run":
        _back_to_strength(
            state,
            event.date,
            after,
            course,
            [reason("new_answers", r.message) for r in verdict.reasons],
        )
        return
    if course.track == "foundation":
        retest_on = first_retest_day(course, event.date)
        state.course = course.changed(retest_on=retest_on)
    state.decide(
        event.date,
        "new_answers",
        after,
        "Your answers are saved; the plan follows them from today.",
        [reason("new_answers", "Your plan uses your newest answers from today.")],
    )


def _on_pause(state: ReplayState, event: PauseEvent) -> None:
    if state.course.paused is not None:
        return
    state.course = state.course.changed(paused=Pause(since=event.date, reason=event.reason))
    why = f" ({event.reason})" if event.reason else ""
    state.decide(
        event.date,
        "pause",
        f"Pause on {spoken_date(event.date)}",
        "Your plan is paused.",
        [reason("paused", f"You paused your plan{why}. Rest well; resume when you are ready.")],
    )


def _on_resume(state: ReplayState, event: ResumeEvent) -> None:
    course = state.course
    if course.paused is None:
        return
    days = (event.date - course.paused.since).days
    back = pause_step_back(days)
    stage_before = course.stage + 1
    resumed = course.changed(paused=None, anchor=event.date)
    words = f"You were paused for {days} day{'s' if days != 1 else ''}"
    if course.track != "walk_run":
        why = f"{words}. Your sessions start again from today."
    elif back is None:
        resumed = resumed.changed(stage=0)
        why = f"{words}: runs start again at stage 1."
    elif back:
        resumed = resumed.changed(stage=max(0, course.stage - back))
        why = (
            f"{words}: runs start again {back} stage{'s' if back > 1 else ''} back, at stage "
            f"{resumed.stage + 1}."
        )
    else:
        why = f"{words}: you pick up where you were."
    if course.referred:
        why += " Running still waits until a pelvic health physiotherapist has seen you."
    state.course = resumed
    state.decide(
        event.date,
        "resume",
        f"Back on {spoken_date(event.date)}",
        "Your plan is back on.",
        [reason("resume_after_break", why)],
        stage_before=stage_before if course.track == "walk_run" else None,
    )


def _on_clearance(state: ReplayState, record: Recorded, event: ClearanceEvent) -> None:
    """Lift the red flags recorded before this clearance, within its limits; those recorded
    after it (even dated earlier) still stand. A running coach's or personal trainer's
    clearance lifts no referral (rule clearance_by_profession). Limits combine with those
    of every other clearance in force. A clearance never ends a pause."""
    course = state.course
    lifts = event.author is None or event.author.profession in PELVIC_FLOOR_CLEARERS
    remaining = tuple(flag for flag in course.flags if not lifts or flag.seq > record.seq)
    course = course.with_limits(
        _clearer(event), tuple(x for x in LIMITS if x in event.limits)
    ).changed(
        flags=remaining,
        reds=tuple((d, s) for d, s in course.reds if s > record.seq),
    )
    limits = course.limits
    after = f"Assessment by {event.by} on {spoken_date(event.date)}"
    said = reason(
        "professional_clearance",
        f"You told us {event.by} assessed you on {spoken_date(event.date)}"
        + (f" and said: “{event.note}”." if event.note else "."),
    )
    limit_reasons = [
        reason("clearance_limits", f"{LIMIT_WORDS[x][0]}: {LIMIT_WORDS[x][1]}") for x in limits
    ]
    if remaining:
        state.course = course
        state.decide(
            event.date,
            "clearance",
            after,
            "Recorded. Running still waits: a symptom logged after this assessment needs "
            "their review too."
            if lifts
            else "Recorded. Running still waits for a physiotherapist's clearance.",
            [said, *_not_lifted(event), *limit_reasons, *(flag.reason for flag in remaining)],
        )
        return
    if not state.course.referred:
        headline = "Recorded." + (" Your plan follows the limits they set." if limits else "")
        if "no_running_until_retest" in limits and course.track == "walk_run":
            retest_on = max(event.date, earliest_run_date(course.intake))
            course = course.changed(track="foundation", anchor=event.date, retest_on=retest_on)
            headline = f"Recorded. Running waits for the re-test on {spoken_date(retest_on)}."
        state.course = course
        state.decide(event.date, "clearance", after, headline, [said, *limit_reasons])
        return
    earliest = earliest_run_date(course.intake)
    if course.track == "walk_run" and "no_running_until_retest" not in limits:
        course = course.changed(anchor=max(event.date, earliest))
        headline = "Running starts again, gently."
    else:
        course = course.changed(
            track="foundation",
            anchor=event.date,
            retest_on=max(event.date, earliest),
        )
        headline = f"Next: the re-test on {spoken_date(course.retest_on or event.date)}."
    if course.paused is not None:
        headline += " Your plan is still paused: resume it when you are ready."
    state.course = course
    state.decide(event.date, "clearance", after, headline, [said, *limit_reasons])


def _clearer(event: ClearanceEvent) -> str:
    """Who set a clearance's limits: a newer clearance of hers replaces them."""
    if event.author is not None:
        return f"{event.author.name}|{event.author.practice}".casefold()
    return event.by.strip().casefold()


def _not_lifted(event: ClearanceEvent) -> list[Reason]:
    if event.author is None or event.author.profession in PELVIC_FLOOR_CLEARERS:
        return []
    return [
        reason(
            "clearance_by_profession",
            f"{who_is(event.author).capitalize()} cannot lift a referral to a pelvic health "
            "physiotherapist: only a physiotherapist's clearance does. Their limits still count.",
        )
    ]


def _on_move(state: ReplayState, event: MoveEvent) -> None:
    """A session moved to another day: the plan places it there (rule move_session)."""
    if event.undone:
        return
    moved = Moved(from_day=event.from_day, kind=event.kind, to=event.to)
    kept = tuple(m for m in state.course.moves if not m.takes(event.from_day, event.kind))
    state.course = state.course.changed(moves=(*kept, moved))


def _skipped(event: SkipEvent) -> SessionEvent:
    """A skip, as the log of a session not done: same stage next time."""
    return SessionEvent(
        type="session",
        id=event.id,
        date=event.date,
        kind=event.kind,
        completed="skipped",
        note=SKIP_WORDS[event.reason],
    )


def _on_activity(state: ReplayState, event: ActivityEvent) -> None:
    """A watch file matched to no session is kept; a run while running is stopped is
    flagged, and moves nothing on (rule unplanned_run)."""
    course = state.course
    if event.watch.run_seconds == 0 or event.why == "before_programme":
        return
    if course.referred:
        why = "while running is paused until a pelvic health physiotherapist has seen you"
    elif course.paused is not None:
        why = "while your plan is paused"
    elif event.date < earliest_run_date(course.intake):
        why = "before running is safe to start (12 weeks after the birth)"
    else:
        return
    minutes = max(1, round(event.watch.run_seconds / 60))
    state.decide(
        event.date,
        "unplanned_run",
        f"a run on {spoken_date(event.date)} from {event.watch.file_name}",
        f"Your watch shows about {minutes} minutes of running {why}.",
        [
            reason(
                "unplanned_run",
                "The run is kept in your history and moves nothing on in your plan. Please "
                "hold off running until your plan gives you a run; if anything felt wrong "
                "(leaking, heaviness, dragging or pain), tell your pelvic health physio.",
            )
        ],
    )


def _fold(state: ReplayState, record: Recorded) -> None:
    state.seq, state.event_id = record.seq, record.event.id
    state.author, state.why = record.event.author, reason_of(record.event)
    match record.event:
        case SessionEvent() as event:
            _on_session(state, record, event)
        case RetestEvent() as event:
            _on_retest(state, record, event)
        case SymptomEvent() as event:
            _on_symptom(state, record, event)
        case AnswersEvent() as event:
            _on_answers(state, record, event)
        case PauseEvent() as event:
            _on_pause(state, event)
        case ResumeEvent() as event:
            _on_resume(state, event)
        case ClearanceEvent() as event:
            _on_clearance(state, record, event)
        case MoveEvent() as event:
            _on_move(state, event)
        case ActivityEvent() as event:
            _on_activity(state, event)
        case SkipEvent() as event if not event.undone:
            _on_session(state, Recorded(record.seq, _skipped(event)), _skipped(event))
        case event if isinstance(event, Action):
            fold_action(state, record.seq, event)


def replay(
    inputs: PlanInputs,
    events: Sequence[Event],
    as_of: date | None = None,
    until: date | None = None,
) -> Plan:
    """The plan after ``events`` (in the order they were recorded); the future is projected
    from the day after the last event (or ``as_of``, if later), up to ``until`` if given (a
    caller that needs only the next days need not project the whole programme)."""
    state = starting_state(inputs)
    ordered = in_record_order(events)
    for record in ordered:
        _fold(state, record)
    return plan_after(inputs, state, ordered, as_of, until)


def starting_state(inputs: PlanInputs) -> ReplayState:
    """The fold's state before any event: her course from the intake alone."""
    first = assess(inputs.intake)
    course = initial_course(inputs.intake, first, inputs.catalog, inputs.start, inputs.protocol)
    return ReplayState(course=course, sessions=[], decisions=[])


def plan_after(
    inputs: PlanInputs,
    state: ReplayState,
    ordered: Sequence[Recorded],
    as_of: date | None = None,
    until: date | None = None,
) -> Plan:
    """The plan once ``ordered`` (every event in force) is folded into ``state``: the days
    from the day after the last lived one (or ``as_of``, if later) projected."""
    # A move, an undone skip or a watch file matched to no session changes no day that was
    # lived: it does not move the projection.
    lived = [
        r.event.date
        for r in ordered
        if not isinstance(r.event, MoveEvent | ActivityEvent)
        and not (isinstance(r.event, SkipEvent) and r.event.undone)
    ]
    resume_from = max(lived) + timedelta(days=1) if lived else inputs.start
    if as_of is not None:
        resume_from = max(resume_from, as_of)
    future = project(state.course, resume_from, until)
    course = state.course
    readiness = assess(course.intake, max(course.intake.assessed_on, as_of or inputs.start))
    sessions = state.sessions + future
    expected = milestones(course, sessions)
    return Plan(
        protocol=course.protocol.id,
        protocol_version=course.protocol.version,
        start=inputs.start,
        birth_date=course.intake.birth_date,
        intake=course.intake,
        readiness=readiness,
        status=course.status,
        phase=course.phase,
        sessions=sessions,
        decisions=state.decisions,
        notes=plan_notes(course, readiness, *expected),
        verdict=verdict_of(course, readiness, future, state.decisions),
        referral=referral_of(course),
        pause=course.paused,
        limits=list(course.limits),
        hold=course.hold,
        latest_override=next((d for d in reversed(state.decisions) if d.overrides), None),
        expected_30_min=expected[0],
        expected_goal=expected[1],
    )


def plan_for(intake: Intake, catalog: Catalog, start: date | None = None) -> Plan:
    """The programme from ``start`` (the intake's assessment day by default) with nothing
    logged yet: the replay of no events."""
    first = start or intake.assessed_on
    return replay(PlanInputs(intake=intake, catalog=catalog, start=first), [], as_of=first)
