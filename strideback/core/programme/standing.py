"""Where she stands now, read off the replayed course: the verdict ("can I run now, and
why not?"), the referral in force, and the notes her plan carries. Every page takes these
from the plan, so they cannot disagree."""

from __future__ import annotations

from collections.abc import Sequence

from strideback.core.programme.model import Course, Decision, Referral, Session, Verdict
from strideback.core.readiness import Readiness
from strideback.core.rules import Reason, reason
from strideback.core.vocabulary import LIMIT_WORDS
from strideback.core.words import spoken_date

__all__ = ["LIFTED_BY", "plan_notes", "referral_of", "verdict_of"]

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
    total = len(course.stages)
    where = (
        f" Your next run is {spoken_date(next_run.date)}: stage {next_run.stage} of {total}."
        if next_run
        else ""
    )
    return Verdict(
        status="ready",
        headline=f"Yes. You are on the walk-run programme.{where}",
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


def plan_notes(course: Course, readiness: Readiness) -> list[Reason]:
    """The notes her plan carries: what a referral means, when the re-test is, the advice."""
    notes = list(readiness.advice)
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
