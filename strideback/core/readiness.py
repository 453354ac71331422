"""Readiness: can she run yet, and why not? ``assess(intake)`` answers with reasons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from strideback.core.intake import PELVIC_FLOOR_SIGNS, Intake
from strideback.core.rules import (
    BACKGROUND_START_STAGE,
    BLEEDING_COUNTS_FROM_DAYS,
    BUGGY_FROM_DAYS,
    EARLIEST_RUN_DAYS,
    LOW_ENERGY_WEEKLY_RISE,
    SHORT_SLEEP_HOURS,
    SLOW_GREENS_PER_STEP,
    STRENGTH_TARGET_REPS,
    Reason,
    reason,
)
from strideback.core.vocabulary import SIGN_WORDS, TEST_WORDS
from strideback.core.words import list_words, spoken_date

__all__ = [
    "Readiness",
    "Status",
    "assess",
    "earliest_run_date",
    "pelvic_floor_signs",
    "slowed_by",
]

Status = Literal["refer", "not_yet", "ready"]


_AFTER_CLEARANCE = "They come once a pelvic health physiotherapist has seen you."


class Readiness(BaseModel):
    """The verdict: a status, the earliest day running may start, and why."""

    model_config = ConfigDict(frozen=True)

    status: Status
    assessed_on: date
    days_since_birth: int
    earliest_run_date: date | None
    headline: str
    reasons: list[Reason]
    advice: list[Reason]


def earliest_run_date(intake: Intake) -> date:
    return intake.birth_date + timedelta(days=EARLIEST_RUN_DAYS)


def pelvic_floor_signs(symptoms: Sequence[str], days_since_birth: int) -> list[str]:
    """The symptoms that count as signs; bleeding counts only from 8 weeks after birth."""
    return [
        symptom
        for symptom in symptoms
        if symptom in PELVIC_FLOOR_SIGNS
        and (symptom != "bleeding" or days_since_birth >= BLEEDING_COUNTS_FROM_DAYS)
    ]


def _blocking_reasons(intake: Intake, on: date) -> tuple[list[Reason], list[Reason]]:
    """(refer reasons, not-yet reasons)."""
    days = intake.days_since_birth(on)
    signs = pelvic_floor_signs(intake.symptoms, days)
    refer: list[Reason] = []
    other_signs = [sign for sign in signs if sign != "bleeding"]
    if other_signs:
        words = list_words([SIGN_WORDS[sign] for sign in other_signs])
        refer.append(
            reason(
                "pelvic_floor_sign",
                f"You told us about {words}. These are signs the pelvic floor needs help first, "
                "and a pelvic health physiotherapist can check and treat them. Running can wait "
                "until they have seen you.",
            )
        )
    if "bleeding" in signs:
        refer.append(
            reason(
                "bleeding_after_8_weeks",
                "Bleeding that is not a period, more than 8 weeks after birth, should be checked "
                "by your doctor or a pelvic health physiotherapist before you run.",
            )
        )
    not_yet: list[Reason] = []
    if days < EARLIEST_RUN_DAYS:
        ready_on = earliest_run_date(intake)
        not_yet.append(
            reason(
                "twelve_weeks",
                f"It is {days // 7} weeks since the birth. Running is for {EARLIEST_RUN_DAYS // 7} weeks and later, "
                f"so {spoken_date(ready_on)} at the earliest. This rule comes from expert agreement "
                "rather than trials; it gives the body time to heal.",
            )
        )
    failed = intake.tests.load_impact.failed()
    if failed:
        not_yet.append(
            reason(
                "load_impact_failed",
                f"{list_words([TEST_WORDS[t] for t in failed]).capitalize()} did not pass yet. "
                "Each test should feel fine: no pain, heaviness, dragging or leaking. Strength "
                "work first, then try again.",
            )
        )
    missing = intake.tests.load_impact.not_done()
    if missing:
        not_yet.append(
            reason(
                "load_impact_not_done",
                f"{list_words([TEST_WORDS[t] for t in missing]).capitalize()} "
                f"{'is' if len(missing) == 1 else 'are'} not done yet. "
                + (_AFTER_CLEARANCE if refer else "Your plan has a re-test day for them."),
            )
        )
    return refer, not_yet


def _advice(intake: Intake, on: date, referred: bool) -> list[Reason]:
    days = intake.days_since_birth(on)
    notes = [
        reason(
            "pelvic_floor_training",
            "Daily pelvic-floor exercises help every mother, and a check with a pelvic health "
            "physiotherapist is worth having even without symptoms.",
        )
    ]
    if "bleeding" in intake.symptoms and days < BLEEDING_COUNTS_FROM_DAYS:
        notes.append(
            reason(
                "early_bleeding",
                "Some bleeding in the first weeks after birth is normal. If it gets heavier, "
                "smells, or starts again after stopping, call your midwife or doctor.",
            )
        )
    if days < BLEEDING_COUNTS_FROM_DAYS:
        notes.append(
            reason(
                "postnatal_check",
                "Have your routine 6 to 8 week postnatal check, and mention that you want to run again.",
            )
        )
    short = intake.tests.strength.short()
    if short:
        weakest = list_words([f"{TEST_WORDS[name]} ({reps})" for name, reps in short.items()])
        notes.append(
            reason(
                "strength_shortfall",
                f"You reached fewer than {STRENGTH_TARGET_REPS} reps on {weakest}. Your strength "
                "sessions work on these; on their own they do not stop you running.",
            )
        )
    if intake.tests.strength.not_done():
        later = _AFTER_CLEARANCE if referred else "The re-test day asks for them."
        notes.append(reason("strength_not_done", f"Some strength tests are not done yet. {later}"))
    if intake.delivery == "caesarean":
        notes.append(
            reason(
                "caesarean_healing",
                "After a caesarean your tummy wall keeps getting stronger for months. Lift nothing "
                "heavier than your baby for the first 6 weeks; some exercises start a little later "
                "for you.",
            )
        )
    if intake.perineal_tear in ("third", "fourth"):
        notes.append(
            reason(
                "severe_tear",
                "After a third- or fourth-degree tear, please see a pelvic health physiotherapist "
                "before you start running, even if all feels well.",
            )
        )
    if intake.breastfeeding:
        notes.append(
            reason(
                "breastfeeding",
                "Feed or express before you exercise or run, and wear a supportive bra. Moderate "
                "exercise does not reduce your milk.",
            )
        )
    if intake.sleep_hours is not None and intake.sleep_hours < SHORT_SLEEP_HOURS:
        notes.append(
            reason(
                "short_sleep",
                f"You sleep about {intake.sleep_hours:g} hours a night. Short sleep was linked "
                "with more running pain after birth: on very tired days, take the easier option.",
            )
        )
    if intake.running_background == "new_to_running":
        notes.append(
            reason(
                "new_runner",
                "New runners had more aches in the first months back; go steady and repeat a "
                "stage whenever you want to.",
            )
        )
    notes += _pace_notes(intake)
    if days < BUGGY_FROM_DAYS:
        notes.append(
            reason(
                "buggy_running",
                "When you run, leave the buggy at home for now: pushing one changes how you run, "
                "and advice is to wait until about 6 months after birth.",
            )
        )
    return notes


def slowed_by(intake: Intake) -> list[str]:
    """What about her slows each step up (in her words), most often none: a runner new to
    running, short sleep, low energy, fear of movement. Nothing here ever speeds it up."""
    found = []
    if intake.running_background == "new_to_running":
        found.append("you are new to running")
    if intake.sleep_hours is not None and intake.sleep_hours < SHORT_SLEEP_HOURS:
        found.append(f"you sleep under {SHORT_SLEEP_HOURS:g} hours a night")
    if intake.low_energy:
        found.append("your energy is low")
    if intake.fear_of_movement:
        found.append("you feel wary of running or jumping")
    return found


_HISTORY_WORDS = {"regular": "You ran regularly before", "competitive": "You raced before"}


def _pace_notes(intake: Intake) -> list[Reason]:
    """How her history and her days shape the pace of the runs."""
    notes = []
    slowed = slowed_by(intake)
    if slowed:
        energy = (
            f" Your weekly running also rises more slowly, by up to "
            f"{round(LOW_ENERGY_WEEKLY_RISE * 100)}% a week."
            if intake.low_energy
            else ""
        )
        rule = "running_background" if slowed == ["you are new to running"] else "slower_steps"
        notes.append(
            reason(
                rule,
                f"Because {list_words(slowed)}, each step that adds running waits for "
                f"{SLOW_GREENS_PER_STEP} good runs rather than one.{energy} Going slower now "
                "makes setbacks less likely.",
            )
        )
    start = BACKGROUND_START_STAGE.get(intake.running_background or "", 0)
    if start:
        notes.append(
            reason(
                "running_background",
                f"{_HISTORY_WORDS.get(intake.running_background or '', 'You ran before')}, so "
                f"once every test has passed your first run starts at stage {start + 1} rather "
                "than 1. The weekly limit and the tests apply just the same.",
            )
        )
    if intake.leaked_running_before:
        notes.append(
            reason(
                "leaked_before",
                "You leaked when running before or during pregnancy, which makes it more likely "
                "now. Watch for it on every run, and think about a check with a pelvic health "
                "physiotherapist before you start.",
            )
        )
    return notes


def _headline(status: Status, ready_on: date | None) -> str:
    if status == "refer":
        return (
            "Not yet. Please see a pelvic health physiotherapist first; until then, "
            "your plan is gentle strength work with no running."
        )
    if status == "not_yet":
        when = f" {spoken_date(ready_on)} at the earliest" if ready_on else ""
        return f"Not yet:{when}. Your plan builds strength until the re-test."
    return "Yes. You can start the walk-run programme, gently."


def assess(intake: Intake, on: date | None = None) -> Readiness:
    """The readiness verdict for ``intake`` on ``on`` (its assessment day by default)."""
    day = on or intake.assessed_on
    refer, not_yet = _blocking_reasons(intake, day)
    status: Status
    if refer:
        status, reasons, ready_on = "refer", refer + not_yet, None
    elif not_yet:
        status, reasons = "not_yet", not_yet
        ready_on = max(earliest_run_date(intake), day)
    else:
        status, ready_on = "ready", day
        reasons = [
            reason(
                "ready_to_run",
                "It is 12 weeks or more since the birth, you passed every load-and-impact test "
                "and you have no pelvic-floor symptoms. Build up gently and keep checking in "
                "with your body.",
            )
        ]
    return Readiness(
        status=status,
        assessed_on=day,
        days_since_birth=intake.days_since_birth(day),
        earliest_run_date=ready_on,
        headline=_headline(status, ready_on),
        reasons=reasons,
        advice=_advice(intake, day, referred=bool(refer)),
    )
