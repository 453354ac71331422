"""Where she stands now, read off the replayed course: the verdict ("can I run now, and
why not?"), the referral in force, and the notes her plan carries. Every page takes these
from the plan, so they cannot disagree."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from strideback.core.programme.model import Course, Decision, Referral, Session, Verdict
from strideback.core.readiness import Readiness
from strideback.core.rules import Reason, reason
from strideback.core.vocabulary import LIMIT_WORDS
from strideback.core.words import spoken_date

__all__ = ["LIFTED_BY", "milestones", "plan_notes", "referral_of", "verdict_of"]

LIFTED_BY = (
    "Once a pelvic health physiotherapist has assessed you, record it in Strideback "
    "(“A pelvic health physiotherapist has assessed me”). Answering the questions again or "
    "changing a log does not lift it."
)


def referral_of(course: Course) -> Referral | None:
    """The referral in force: since its first red flag, every flag behind it, what lifts it."""
    if not course.flags:
        return None
    return Referral(
        since=min(flag.day for flag in course.flags),
        reasons=[flag.reason for flag in course.flags],
        lifted_by=LIFTED_BY,
    )


def _limit_reasons(course: Course) -> list[Reason]:
    return [
        reason("clearance_limits", f"{LIMIT_WORDS[x][0]}: {LIMIT_WORDS[x][1]}")
        for x in course.limits
    ]


def verdict_of(
    course: Course, readiness: Readiness, future: Sequence[Session], decisions: Sequence[Decision]
) -> Verdict:
    """Can she run now? Paused, then referred, then where the programme stands."""
    if course.paused is not None:
        since = course.paused.since
        reasons = [
            reason(
                "paused",
                f"You paused your plan on {spoken_date(since)}"
                + (f" ({course.paused.reason})." if course.paused.reason else "."),
            )
        ]
        if course.flags:
            reasons += [flag.reason for flag in course.flags]
        return Verdict(
            status="paused",
            headline="Your plan is paused. Resume it when you are ready; the runs pick up by "
            "how long the break was.",
            reasons=reasons,
            since=since,
            changes_when="Resume your plan when you are ready.",
        )
    referral = referral_of(course)
    if referral is not None:
        return Verdict(
            status="refer",
            headline="Not now. Running is paused until a pelvic health physiotherapist has "
            "seen you; walking, strength and pelvic-floor work go on.",
            reasons=referral.reasons,
            since=referral.since,
            changes_when=referral.lifted_by,
        )
    limits = _limit_reasons(course)
    if course.track == "complete":
        finished = [d for d in decisions if d.decision == "complete"]
        return Verdict(
            status="complete",
            headline="Yes. You have finished the programme: keep running and build up gently.",
            reasons=[*(finished[-1].reasons if finished else []), *limits],
        )
    if course.track == "foundation":
        retest = course.retest_on
        if readiness.status == "not_yet":
            headline, reasons = readiness.headline, list(readiness.reasons)
        else:
            headline = (
                f"Not yet: the re-test on {spoken_date(retest)} comes first."
                if retest
                else "Not yet: a re-test comes first."
            )
            reasons = [
                reason(
                    "retest_before_running",
                    "The load-and-impact tests decide when the walk-run programme can start.",
                )
            ]
        return Verdict(
            status="not_yet",
            headline=headline,
            reasons=[*reasons, *limits],
            changes_when=(
                f"The re-test on {spoken_date(retest)}: pass every load-and-impact test and "
                "the walk-run programme starts."
                if retest
                else None
            ),
        )
    runs = [s for s in future if s.stage is not None]
    next_run = runs[0] if runs else None
    total = course.walk_run_stages
    where = ""
    if next_run is not None and next_run.stage is not None and next_run.stage <= total:
        where = (
            f" Your next run is {spoken_date(next_run.date)}: stage {next_run.stage} of {total}."
        )
    elif next_run is not None:
        where = f" Your next run is {spoken_date(next_run.date)}: {next_run.title.lower()}."
    programme = (
        "building towards your goal" if course.in_goal_phase else "on the walk-run programme"
    )
    return Verdict(
        status="ready",
        headline=f"Yes. You are {programme}.{where}",
        reasons=[
            reason(
                "ready_to_run",
                "You passed the readiness tests and no pelvic-floor symptom has been logged "
                "since. Keep checking in with your body: any leaking, heaviness or dragging "
                "means stop and log it.",
            ),
            *limits,
        ],
    )


def milestones(course: Course, sessions: Sequence[Session]) -> tuple[date | None, date | None]:
    """The day of her first 30 minutes without a break, and of her goal's longest run: done
    (logged in full) or due in the projection; None when neither shows it."""
    thirty = course.protocol.walk_run.stages[-1].running_seconds
    longest = course.stages[-1].running_seconds

    def first(seconds: int) -> date | None:
        return next(
            (
                s.date
                for s in sessions
                if s.kind == "run"
                and s.running_seconds >= seconds
                and (s.log is None or s.log.completed == "all")
            ),
            None,
        )

    return first(thirty), first(longest)


_GOAL_WORDS = {
    "5k": "5 km",
    "10k": "10 km",
    "half_marathon": "a half marathon",
    "marathon": "a marathon",
}


def _timeline_notes(course: Course, thirty: date | None, goal: date | None) -> list[Reason]:
    """When she can expect 30 minutes and her goal, and whether her goal date is safe."""
    notes = []
    if course.track == "walk_run" and not course.in_goal_phase and thirty is not None:
        notes.append(
            reason(
                "weekly_rise",
                f"If your runs keep going well, you could run 30 minutes without a break around "
                f"{spoken_date(thirty)}. The walk-run takes as long as your body needs: each step "
                "changes one thing, and your running rises by no more than about 10% a week.",
            )
        )
    words = _GOAL_WORDS.get(course.intake.goal or "")
    if words and goal is not None and course.track == "walk_run":
        notes.append(
            reason(
                "goal_phase",
                f"After 30 minutes, your plan builds towards {words} with easy runs and one "
                f"longer run a week, up to {course.stages[-1].run_seconds // 60} minutes around "
                f"{spoken_date(goal)}.",
            )
        )
    wanted = course.intake.goal_date
    if wanted is not None and course.track != "complete" and (goal is None or goal > wanted):
        when = (
            f"about {spoken_date(goal)}"
            if goal is not None
            else "later than your plan can show yet"
        )
        notes.append(
            reason(
                "goal_date",
                f"You hoped to be ready by {spoken_date(wanted)}. Getting there safely takes "
                f"until {when}, so your plan keeps to the safe pace rather than rushing. "
                "A later event, or a shorter one, may suit you better.",
            )
        )
    return notes


def plan_notes(
    course: Course, readiness: Readiness, thirty: date | None = None, goal: date | None = None
) -> list[Reason]:
    """The notes her plan carries: what a referral means, when the re-test is, when she can
    expect 30 minutes and her goal, the advice."""
    notes = _timeline_notes(course, thirty, goal) + list(readiness.advice)
    if course.referred:
        notes.insert(
            0,
            reason(
                "refer_gentle_only",
                "A pelvic health physiotherapist is a physio who specialises in the pelvic floor, "
                "bladder and bowel after birth. Ask your doctor or midwife for a referral, or book "
                "one directly. Your plan holds gentle work with no running until they clear you; "
                "then record their clearance and the plan carries on.",
            ),
        )
    elif course.track == "foundation" and course.retest_on is not None:
        notes.insert(
            0,
            reason(
                "retest_before_running",
                f"Your re-test is planned for {spoken_date(course.retest_on)}. The runs after it are "
                "provisional: they start only once every load-and-impact test passes.",
            ),
        )
    return notes
