"""What a session holds, in lines of plain words, shared by the text formats."""

from __future__ import annotations

from strideback.core.programme import Decision, Plan, Session
from strideback.core.rules import Reason
from strideback.core.sources import SHORT_NAMES
from strideback.core.vocabulary import EVIDENCE_WORDS
from strideback.core.words import spoken_date

__all__ = ["cite", "decision_lines", "session_lines", "when_she_can_run"]


def cite(reason: Reason) -> str:
    """'message (Source: Goom, Donnelly & Brockwell 2019, expert opinion)': words only,
    never the rule's or the source's id."""
    source = SHORT_NAMES.get(reason.source, reason.source)
    evidence = EVIDENCE_WORDS.get(reason.evidence, reason.evidence)
    return f"{reason.message} (Source: {source}, {evidence})"


def session_lines(session: Session) -> list[str]:
    """The contents of a session, one line each, without the heading."""
    lines = [session.summary]
    if session.provisional:
        lines.append("Provisional: only once every re-test passes.")
    for item in session.items:
        lines.append(f"{item.name}: {item.dose} ({item.level}). {item.cue}")
        lines += [f"  Swap: {swap}" for swap in item.swaps]
        lines += [f"  Care: {caution}" for caution in item.cautions]
    if session.log:
        log = session.log
        done = {"all": "done", "part": "partly done", "skipped": "skipped"}[log.completed]
        symptoms = ", ".join(log.pelvic_floor_symptoms) or "none"
        effort = f"effort {log.rpe}/10, " if log.rpe is not None else ""
        lines.append(
            f"Logged: {done}, {effort}pain {log.pain}/10, pelvic-floor symptoms: {symptoms} "
            f"({log.outcome})."
        )
        if log.note:
            lines.append(f"Note: {log.note}")
    lines += [f"Note: {cite(note)}" for note in session.notes]
    return lines


def decision_lines(decision: Decision) -> list[str]:
    lines = [f"{decision.after}: {decision.headline}"]
    lines += [f"  Because: {cite(reason)}" for reason in decision.reasons]
    return lines


def when_she_can_run(plan: Plan) -> str:
    """One line on when running can start (or goes on), from the verdict."""
    verdict, readiness = plan.verdict, plan.readiness
    if verdict.status == "refer":
        return "Earliest day to run: once a pelvic health physiotherapist has cleared you."
    if verdict.status == "paused" and plan.pause is not None:
        return f"Your plan is paused since {spoken_date(plan.pause.since)}."
    if verdict.status == "not_yet" and readiness.earliest_run_date:
        return f"Earliest day to run: {spoken_date(readiness.earliest_run_date)}."
    return "You are running: keep checking in with your body."
