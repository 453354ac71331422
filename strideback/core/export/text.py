"""Plain text for the terminal: the verdict, the programme and exercise pages."""

from __future__ import annotations

from itertools import groupby

from strideback.core.catalog import Exercise
from strideback.core.export.contents import cite, decision_lines, session_lines
from strideback.core.programme import DISCLAIMER, Plan, Session
from strideback.core.readiness import Readiness
from strideback.core.words import spoken_date

__all__ = ["exercise_text", "plan_text", "readiness_text", "weeks"]

STATUS_WORDS = {
    "ready": "Ready to start running",
    "not_yet": "Not yet",
    "refer": "See a pelvic health physiotherapist first",
    "paused": "Paused",
    "complete": "Programme complete",
}


def weeks(plan: Plan) -> list[tuple[int, list[Session]]]:
    """Sessions grouped by programme week (week 1 starts on the plan's start day)."""

    def week_of(session: Session) -> int:
        return (session.date - plan.start).days // 7 + 1

    return [(week, list(group)) for week, group in groupby(plan.sessions, key=week_of)]


def readiness_text(readiness: Readiness) -> str:
    lines = [
        f"Can I run yet? {readiness.headline}",
        "",
        f"Verdict: {STATUS_WORDS[readiness.status]} "
        f"({readiness.days_since_birth // 7} weeks and {readiness.days_since_birth % 7} days "
        f"after birth, assessed {spoken_date(readiness.assessed_on)}).",
    ]
    if readiness.earliest_run_date:
        lines.append(f"Earliest day to run: {spoken_date(readiness.earliest_run_date)}.")
    else:
        lines.append("Earliest day to run: once a pelvic health physiotherapist has cleared you.")
    lines += ["", "Why:"] + [f"- {cite(r)}" for r in readiness.reasons]
    if readiness.advice:
        lines += ["", "Good to know:"] + [f"- {cite(r)}" for r in readiness.advice]
    lines += ["", DISCLAIMER]
    return "\n".join(lines) + "\n"


def plan_text(plan: Plan) -> str:
    lines = [
        f"Strideback programme from {spoken_date(plan.start)}",
        f"Can I run yet? {plan.verdict.headline}",
        "",
        "Why:",
    ]
    lines += [f"- {cite(r)}" for r in plan.verdict.reasons]
    if plan.notes:
        lines += ["", "Good to know:"] + [f"- {cite(r)}" for r in plan.notes]
    if plan.decisions:
        lines += ["", "What changed and why:"]
        for decision in plan.decisions:
            lines += [
                f"- {line}" if i == 0 else line for i, line in enumerate(decision_lines(decision))
            ]
    for week, sessions in weeks(plan):
        lines += ["", f"Week {week}"]
        for session in sessions:
            lines.append(f"  {spoken_date(session.date)}: {session.title}")
            lines += [f"      {line}" for line in session_lines(session)]
    if not plan.sessions:
        lines += ["", "No sessions are planned: see the notes above."]
    lines += ["", DISCLAIMER]
    return "\n".join(lines) + "\n"


def exercise_text(exercise: Exercise) -> str:
    lines = [
        f"{exercise.name} [{exercise.id}]",
        exercise.purpose,
        "",
        f"Dose: {exercise.dosage.describe()}",
        f"Position: {exercise.position.replace('_', ' ')}; impact: {exercise.impact}; "
        f"from week {exercise.earliest_week} after birth.",
    ]
    if exercise.equipment:
        lines.append("Equipment: " + ", ".join(e.replace("_", " ") for e in exercise.equipment))
    lines += ["", "How:"] + [f"{n}. {step}" for n, step in enumerate(exercise.steps, 1)]
    lines += ["", "Cues:"] + [f"- {cue}" for cue in exercise.cues]
    if exercise.common_faults:
        lines += ["", "Watch for:"] + [f"- {fault}" for fault in exercise.common_faults]
    if exercise.modifications:
        lines += ["", "Make it work for you:"]
        lines += [f"- {m.when.rstrip('.')}: {m.change}" for m in exercise.modifications]
    lines += ["", "Levels:"] + [f"- {level.name}: {level.changes}" for level in exercise.levels]
    if exercise.cautions:
        lines += ["", "Care:"] + [
            f"- {c.condition.replace('_', ' ')}: {c.advice}" for c in exercise.cautions
        ]
    if exercise.test:
        lines += ["", f"Passes when: {exercise.test.pass_criteria}"]
    if exercise.progresses_to:
        lines += ["", "Next steps: " + ", ".join(exercise.progresses_to)]
    lines += ["", "Sources: " + ", ".join(exercise.sources), "", DISCLAIMER]
    return "\n".join(lines) + "\n"
