"""The fold's state, and the moves every kind of event shares: a decision made, a step
back, a referral raised (used by ``replay`` and ``professional``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from strideback.core.programme.model import Author, Course, Decision, DecisionKind, Flag, Session
from strideback.core.programme.prescription import safe_stage
from strideback.core.rules import Reason

__all__ = ["ReplayState", "refer", "refer_now", "step_back"]


@dataclass
class ReplayState:
    course: Course
    sessions: list[Session]
    decisions: list[Decision]
    seq: int = -1  # the record order of the event being folded in
    event_id: str | None = None
    author: Author | None = None  # the professional who recorded it
    why: str | None = None  # her reason

    def decide(
        self,
        day: date,
        kind: DecisionKind,
        after: str,
        headline: str,
        reasons: list[Reason],
        stage_before: int | None = None,
        overrides: tuple[str, ...] = (),
    ) -> None:
        running = self.course.phase == "walk_run"
        self.decisions.append(
            Decision(
                date=day,
                decision=kind,
                after=after,
                headline=headline,
                stage_before=stage_before,
                stage_after=self.course.stage + 1 if running else None,
                reasons=reasons,
                event=self.event_id,
                author=self.author,
                reason=self.why,
                overrides=list(overrides),
            )
        )


def step_back(course: Course, stage: int) -> Course:
    """One stage back from ``stage`` (1-based): the next run is the stage before it."""
    return course.changed(stage=max(0, stage - 2), greens=0)


def refer(state: ReplayState, day: date, after: str, flags: list[Reason], seq: int) -> None:
    """Raise red flags: running stops and she is referred, or stays referred."""
    course = state.course
    was_referred = course.referred
    new = tuple(Flag(day=day, seq=seq, reason=flag) for flag in flags)
    state.course = course.changed(flags=(*course.flags, *new), had_red=True)
    if not was_referred:
        state.course = state.course.changed(anchor=day + timedelta(days=1))
    headline = (
        "Running stays paused until a pelvic health physiotherapist has seen you."
        if was_referred
        else "Running is paused. Please see a pelvic health physiotherapist; walking, "
        "strength and pelvic-floor work go on."
    )
    state.decide(day, "pause_and_refer", after, headline, flags)


def refer_now(state: ReplayState, day: date, after: str, flags: list[Reason], seq: int) -> None:
    """A red flag outside a logged run: running steps back from where it is, and she is
    referred."""
    course = state.course
    if course.phase == "walk_run":
        state.course = step_back(course, safe_stage(course, day) + 1)
    refer(state, day, after, flags, seq)
