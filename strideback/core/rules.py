"""The rule table: every rule the engine applies, with its source and evidence level.

Readiness, planning and adaptation cite these ids in every reason they give, and
``docs/clinical-rules.md`` is generated from this table (``strideback rules --format md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from strideback.core.sources import SOURCES, Evidence

__all__ = ["RULES", "Reason", "Rule", "reason", "rules_markdown"]

Effect = Literal["refers", "blocks", "advises", "plans", "adapts"]


@dataclass(frozen=True)
class Rule:
    id: str
    source: str
    evidence: Evidence
    effect: Effect
    summary: str


class Reason(BaseModel):
    """Why the engine decided something: the rule, its source, how sure, in plain words."""

    model_config = ConfigDict(frozen=True)

    rule: str
    source: str
    evidence: Evidence
    message: str


_TABLE: tuple[Rule, ...] = (
    # Readiness: what refers or blocks.
    Rule(
        "pelvic_floor_sign",
        "goom2019",
        "secondary",
        "refers",
        "Any sign of pelvic-floor dysfunction (leaking, urgency, heaviness, pain with sex, "
        "constipation, tummy separation, pelvic or low-back pain) means see a pelvic health "
        "physiotherapist before running.",
    ),
    Rule(
        "bleeding_after_8_weeks",
        "goom2019",
        "secondary",
        "refers",
        "Bleeding that is not a period more than 8 weeks after birth is a sign to get checked.",
    ),
    Rule(
        "twelve_weeks",
        "goom2019",
        "expert-opinion",
        "blocks",
        "No running before 12 weeks (84 days) after birth.",
    ),
    Rule(
        "load_impact_failed",
        "goom2019",
        "secondary",
        "blocks",
        "Every load-and-impact test must pass (no pain, heaviness, dragging or leaking) before running.",
    ),
    Rule(
        "load_impact_not_done",
        "goom2019",
        "secondary",
        "blocks",
        "A load-and-impact test not yet done counts as not passed.",
    ),
    Rule(
        "ready_to_run",
        "goom2019",
        "secondary",
        "plans",
        "From 12 weeks, with every load-and-impact test passed and no pelvic-floor sign, the "
        "walk-run programme may start.",
    ),
    # Readiness: advice that never blocks on its own.
    Rule(
        "early_bleeding",
        "goom2019",
        "secondary",
        "advises",
        "Bleeding in the first 8 weeks is expected; heavy or returning bleeding needs a midwife or doctor.",
    ),
    Rule(
        "strength_shortfall",
        "goom2019",
        "secondary",
        "advises",
        "Fewer than 20 reps on a strength test directs the strength work; it does not block "
        "running on its own (an interpretation of the guideline, so advice only).",
    ),
    Rule(
        "strength_not_done",
        "goom2019",
        "secondary",
        "advises",
        "Strength tests not yet done are asked for at the re-test.",
    ),
    Rule(
        "pelvic_floor_training",
        "goom2019",
        "primary",
        "advises",
        "Every mother benefits from pelvic-floor training and, ideally, an individual assessment.",
    ),
    Rule(
        "caesarean_healing",
        "goom2019",
        "secondary",
        "advises",
        "After a caesarean the tummy wall is still regaining strength for months: extra care with "
        "lifting and tummy loading; exercises with caesarean cautions start later.",
    ),
    Rule(
        "severe_tear",
        "goom2019",
        "expert-opinion",
        "advises",
        "A third- or fourth-degree tear is a risk factor: a pelvic health assessment before "
        "running is strongly advised.",
    ),
    Rule(
        "breastfeeding",
        "goom2019",
        "expert-opinion",
        "advises",
        "Feed or express before running and wear a supportive bra; moderate exercise does not "
        "change milk supply.",
    ),
    Rule(
        "short_sleep",
        "christopher2021",
        "primary",
        "advises",
        "Sleeping under about 7 hours a night was linked with more running pain after birth.",
    ),
    Rule(
        "new_runner",
        "christopher2021",
        "primary",
        "advises",
        "Runners new to running had more running pain after birth: build up even more gently.",
    ),
    Rule(
        "buggy_running",
        "goom2019",
        "expert-opinion",
        "advises",
        "No running with a buggy before about 6 months after birth (sources say 6 to 9 months).",
    ),
    Rule(
        "postnatal_check",
        "goom2019",
        "expert-opinion",
        "advises",
        "Before 8 weeks, have the routine 6 to 8 week postnatal check before adding exercise.",
    ),
    # Planning.
    Rule(
        "foundation_by_week",
        "selman2022",
        "secondary",
        "plans",
        "Before running, strength and mobility work follows the weeks since birth, gentlest first, "
        "with no impact.",
    ),
    Rule(
        "refer_gentle_only",
        "goom2019",
        "secondary",
        "plans",
        "A runner referred to a pelvic health physiotherapist gets no running and no impact, only "
        "gentle work, until cleared.",
    ),
    Rule(
        "retest_before_running",
        "goom2019",
        "secondary",
        "plans",
        "The load-and-impact and strength tests are repeated on or after the earliest run date; "
        "running after them is provisional until they pass.",
    ),
    Rule(
        "walk_run_shape",
        "nhs_c25k",
        "primary",
        "plans",
        "Two or three runs a week on days apart, each opening with a 5-minute brisk walk, starting "
        "with 1-minute run bouts.",
    ),
    Rule(
        "single_run_spike",
        "frandsen2025",
        "primary",
        "plans",
        "No session's running time exceeds 110% of the longest run of the previous 30 days.",
    ),
    Rule(
        "equipment_swap",
        "goom2019",
        "expert-opinion",
        "plans",
        "Missing equipment is swapped for a household substitute or an easier level, and the plan "
        "says so.",
    ),
    # Adaptation.
    Rule(
        "green_progress",
        "silbernagel",
        "primary",
        "adapts",
        "A session with no pelvic-floor symptom, pain 3/10 or less that settled, moves on a stage.",
    ),
    Rule(
        "amber_repeat",
        "silbernagel",
        "primary",
        "adapts",
        "Pain of 4 or 5/10 that settled, effort 8/10 or more, or a part-done or skipped session "
        "repeats the stage.",
    ),
    Rule(
        "same_day_run",
        "nhs_c25k",
        "primary",
        "adapts",
        "A second run logged on a day that already had one does not move the stage on: runs "
        "need a day between them.",
    ),
    Rule(
        "red_pelvic_floor",
        "goom2019",
        "secondary",
        "adapts",
        "Leaking, heaviness or dragging during or after a session steps running back a stage and "
        "calls for a pelvic health review.",
    ),
    Rule(
        "red_pain",
        "silbernagel",
        "primary",
        "adapts",
        "Pain of 6/10 or more, or pain not settled by the next day, steps running back a stage.",
    ),
    Rule(
        "two_reds_refer",
        "goom2019",
        "expert-opinion",
        "adapts",
        "Two red sessions within 14 days pause running until a pelvic health physiotherapist has "
        "reviewed you (a Strideback rule built on the guideline's advice).",
    ),
    Rule(
        "symptom_before_running",
        "goom2019",
        "secondary",
        "adapts",
        "A pelvic-floor symptom before running has started turns the plan to gentle work and a referral.",
    ),
    Rule(
        "retest_result",
        "goom2019",
        "secondary",
        "adapts",
        "A re-test with every load-and-impact test passed unlocks the walk-run programme; a failed "
        "test brings more strength work and another re-test.",
    ),
    Rule(
        "professional_clearance",
        "goom2019",
        "primary",
        "adapts",
        "A professional's clearance after an individual assessment lifts a referral.",
    ),
    Rule(
        "break_restart",
        "frandsen2025",
        "primary",
        "adapts",
        "After a pause or a break with no run in 30 days, running restarts at the first stage.",
    ),
    Rule(
        "paused",
        "deering2024",
        "primary",
        "adapts",
        "A pause (illness, life) stops sessions until it is lifted.",
    ),
    Rule(
        "programme_complete",
        "nhs_c25k",
        "primary",
        "adapts",
        "After the last stage: keep running, adding no more than 10% to your longest run.",
    ),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _TABLE}


def reason(rule_id: str, message: str) -> Reason:
    """A reason citing ``rule_id``; its source and evidence come from the table."""
    rule = RULES[rule_id]
    return Reason(rule=rule.id, source=rule.source, evidence=rule.evidence, message=message)


def rules_markdown() -> str:
    """The rule table as Markdown, for docs/clinical-rules.md."""
    lines = [
        "# Clinical rules",
        "",
        "Generated from `strideback/core/rules.py` by `strideback rules --format md`; do not edit by hand.",
        "",
        "Evidence: *primary* was read in the source itself; *secondary* rests on summaries that agree;",
        "*expert-opinion* is what the source's authors judged without trial data, and the app says so.",
        "",
        "| rule | effect | source | evidence | what it says |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| `{rule.id}` | {rule.effect} | `{rule.source}` | {rule.evidence} | {rule.summary} |"
        for rule in _TABLE
    ]
    lines += ["", "## Sources", "", "| id | reference |", "|---|---|"]
    lines += [f"| `{key}` | {text} |" for key, text in SOURCES.items()]
    return "\n".join(lines) + "\n"
