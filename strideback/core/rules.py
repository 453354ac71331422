"""The rule table: every rule the engine applies, with its source and evidence level.

Readiness, planning and adaptation cite these ids in every reason they give, and
``docs/clinical-rules.md`` is generated from this table (``strideback rules --format md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from strideback.core.sources import SOURCES, Evidence

__all__ = [
    "AMBER_PAIN",
    "BACKGROUND_START_STAGE",
    "BEST_WEEK_DAYS",
    "BLEEDING_COUNTS_FROM_DAYS",
    "BUGGY_FROM_DAYS",
    "CHECK_IN_EVERY",
    "DOSE_LIMITS",
    "EARLIEST_RUN_DAYS",
    "EASY_RUN_SECONDS",
    "GENTLE_WEEKS",
    "GOAL_LONG_RUN_MINUTES",
    "GREEN_PAIN",
    "HARD_EFFORT",
    "LOG_BACK_DAYS",
    "LOW_ENERGY_WEEKLY_RISE",
    "MAX_RUNS_PER_WEEK",
    "MOVE_LATER_DAYS",
    "OVERRIDABLE_RULES",
    "PAUSE_STEP_BACK",
    "PELVIC_FLOOR_CLEARERS",
    "RED_PAIN",
    "RED_WINDOW_DAYS",
    "RETEST_TO_RUN_DAYS",
    "RULES",
    "SHORT_SLEEP_HOURS",
    "SLOW_GREENS_PER_STEP",
    "SPIKE_LIMIT",
    "SPIKE_WINDOW_DAYS",
    "STRENGTH_DAYS_PER_WEEK",
    "STRENGTH_TARGET_REPS",
    "WEEKLY_RISE",
    "WEEKLY_RISE_FLOOR_SECONDS",
    "Reason",
    "Rule",
    "pause_step_back",
    "reason",
    "rules_markdown",
]

Effect = Literal["refers", "blocks", "advises", "plans", "adapts"]

# ---------------------------------------------------------------------------------------
# Every rule's parameters, each beside the rules that use it. The engine reads these names
# and the rules' words below are written from them, so a number is changed in one place.

# twelve_weeks, retest_before_running: no running before 12 weeks (goom2019).
EARLIEST_RUN_DAYS = 84
# bleeding_after_8_weeks, early_bleeding, postnatal_check: 8 weeks (goom2019).
BLEEDING_COUNTS_FROM_DAYS = 56
# short_sleep: christopher2021 found under 6.8 h; we round up, to be careful.
SHORT_SLEEP_HOURS = 7.0
# buggy_running: about 6 months (goom2019; sources say 6 to 9).
BUGGY_FROM_DAYS = 182
# strength_shortfall: 20 reps each side on the strength tests (goom2019).
STRENGTH_TARGET_REPS = 20
# retest_before_running: a day's rest after the impact tests before the first run.
RETEST_TO_RUN_DAYS = 2
# refer_gentle_only: how far ahead a referred runner's gentle plan is shown.
GENTLE_WEEKS = 6
# green_progress, amber_repeat, red_pain: the pain-monitoring model (silbernagel), 0-10.
GREEN_PAIN = 3  # at most this, settled: progress
AMBER_PAIN = 4  # from this, settled: repeat
RED_PAIN = 6  # from this, or pain not settled by the next day: step back
HARD_EFFORT = 8  # effort (RPE) from this: repeat
# two_reds_refer: two red sessions within this many days refer.
RED_WINDOW_DAYS = 14
# single_run_spike, break_restart: no run over 110% of the longest of the last 30 days
# (frandsen2025); with no run in 30 days, stage 1.
SPIKE_LIMIT = 1.10
SPIKE_WINDOW_DAYS = 30
# weekly_rise: running time (and time on feet) in any 7 days rises by no more than this
# over the 7 days before, or by WEEKLY_RISE_FLOOR_SECONDS when that is more (deering2024),
# once a fortnight of running has set the baseline (a run in each of the two weeks before);
# after a step back she may go back to her best week of the last BEST_WEEK_DAYS days.
WEEKLY_RISE = 0.10
WEEKLY_RISE_FLOOR_SECONDS = 60
BEST_WEEK_DAYS = 28
# slower_steps: low energy halves the weekly rise (deering2024: energy availability).
LOW_ENERGY_WEEKLY_RISE = 0.05
# slower_steps, running_background: good runs needed at a stage before a step that adds
# running time: two for a runner new to running or with short sleep, low energy or fear of
# movement (deering2024, christopher2021, moore2021), else one.
SLOW_GREENS_PER_STEP = 2
# running_background: a regular or competitive runner starts this many stages up the
# ladder once every test has passed (christopher2024: her training history).
BACKGROUND_START_STAGE = {"regular": 2, "competitive": 4}
# goal_phase: after 30 minutes without a break, easy runs of this long and one long run a
# week, rising to her goal's longest run (minutes at an easy effort).
EASY_RUN_SECONDS = 30 * 60
GOAL_LONG_RUN_MINUTES = {"5k": 40, "10k": 70, "half_marathon": 110, "marathon": 150}
# goal_checkin: every this many long runs, a check-in on her symptoms.
CHECK_IN_EVERY = 3
# resume_after_break: a pause of at least this many days steps running back this many
# stages; None means back to stage 1.
PAUSE_STEP_BACK: tuple[tuple[int, int | None], ...] = ((7, 1), (14, 2), (30, None))
# her_days, runs_apart, strength_without_run: sessions only on the days she can train; at
# most this many runs a week, never on consecutive days, and strength on a day without a run
# where she has one (deering2024: the plan follows her; goom2019: strength alongside running).
MAX_RUNS_PER_WEEK = 3
STRENGTH_DAYS_PER_WEEK = 2
# move_session: a session may be moved to a day from today up to this many days after the
# day the plan gave it.
MOVE_LATER_DAYS = 6
# log_earlier_day: a session done on an earlier day may be logged up to this many days back.
LOG_BACK_DAYS = 14
# professional_stage: the progression rules a professional's advance may name as overridden
# (for the next run only); nothing else can be overridden.
OVERRIDABLE_RULES = ("one_change_at_a_time", "weekly_rise", "single_run_spike")
# professional_exercise_change: the sane bounds of a dose a professional sets.
DOSE_LIMITS = {"sets": (1, 10), "reps": (1, 50), "hold_seconds": (1, 120)}
# clearance_by_profession: the professions whose clearance lifts a pelvic-floor referral.
PELVIC_FLOOR_CLEARERS = ("pelvic_health_physio", "physiotherapist")


def pause_step_back(days: int) -> int | None:
    """How many stages a pause of ``days`` steps running back: 0, 1, 2, or None (stage 1)."""
    back: int | None = 0
    for at_least, stages in PAUSE_STEP_BACK:
        if days >= at_least:
            back = stages
    return back


def _pause_words() -> str:
    (one, n1), (two, n2), (restart, _) = PAUSE_STEP_BACK
    return (
        f"under {one} days she picks up where she was; {one}-{two - 1} days, {n1} stage back; "
        f"{two}-{restart - 1} days, {n2} stages back; {restart} days or more, stage 1"
    )


def _pct(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


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
        f"Bleeding that is not a period more than {BLEEDING_COUNTS_FROM_DAYS // 7} weeks after birth is a sign to get checked.",
    ),
    Rule(
        "twelve_weeks",
        "goom2019",
        "expert-opinion",
        "blocks",
        f"No running before {EARLIEST_RUN_DAYS // 7} weeks ({EARLIEST_RUN_DAYS} days) after birth.",
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
        f"From {EARLIEST_RUN_DAYS // 7} weeks, with every load-and-impact test passed and no pelvic-floor sign, the "
        "walk-run programme may start.",
    ),
    # Readiness: advice that never blocks on its own.
    Rule(
        "early_bleeding",
        "goom2019",
        "secondary",
        "advises",
        f"Bleeding in the first {BLEEDING_COUNTS_FROM_DAYS // 7} weeks is expected; heavy or returning bleeding needs a midwife or doctor.",
    ),
    Rule(
        "strength_shortfall",
        "goom2019",
        "secondary",
        "advises",
        f"Fewer than {STRENGTH_TARGET_REPS} reps on a strength test directs the strength work; it does not block "
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
        f"Sleeping under about {SHORT_SLEEP_HOURS:g} hours a night was linked with more running pain after birth.",
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
        f"No running with a buggy before about {round(BUGGY_FROM_DAYS / 30.4)} months after birth (sources say 6 to 9 months).",
    ),
    Rule(
        "postnatal_check",
        "goom2019",
        "expert-opinion",
        "advises",
        f"Before {BLEEDING_COUNTS_FROM_DAYS // 7} weeks, have the routine 6 to 8 week postnatal check before adding exercise.",
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
        "one_change_at_a_time",
        "deering2024",
        "primary",
        "plans",
        "Each walk-run stage changes one thing from the one before: the run bout, the walk bout, "
        "the repeats, or the minutes of running without a break; the stages end at 30 minutes "
        "without a break. How many runs a week is set by her days, not by the stages.",
    ),
    Rule(
        "weekly_rise",
        "deering2024",
        "primary",
        "plans",
        f"Running time in any 7 days rises by no more than {_pct(WEEKLY_RISE)} over the 7 days "
        f"before (or {WEEKLY_RISE_FLOOR_SECONDS} seconds, when that is more), once a run in each "
        "of the two weeks before has set the baseline; the same for time on feet (the run and "
        "walk bouts, not the warm-up and cool-down walks). What counts is the lesser of what "
        f"was planned and what she did. After a step back she may return to her best week of "
        f"the last {BEST_WEEK_DAYS} days without a red session. The walk-run takes as many "
        "weeks as this allows.",
    ),
    Rule(
        "single_run_spike",
        "frandsen2025",
        "primary",
        "plans",
        f"No session's running time exceeds {_pct(SPIKE_LIMIT)} of the longest run of the previous {SPIKE_WINDOW_DAYS} days.",
    ),
    Rule(
        "running_background",
        "christopher2024",
        "expert-opinion",
        "plans",
        "Her running history sets where she starts and how fast she climbs, within the safety "
        f"limits: a regular runner starts {BACKGROUND_START_STAGE['regular']} stages up the ladder "
        f"and a competitive one {BACKGROUND_START_STAGE['competitive']} (after every test has "
        f"passed, never before {EARLIEST_RUN_DAYS // 7} weeks); a runner new to running needs "
        f"{SLOW_GREENS_PER_STEP} good runs before each step that adds running (a Strideback rule "
        "built on the advice to weigh her training history).",
    ),
    Rule(
        "slower_steps",
        "deering2024",
        "primary",
        "plans",
        f"Short sleep (under {SHORT_SLEEP_HOURS:g} hours), low energy or fear of movement only "
        f"slow the plan: {SLOW_GREENS_PER_STEP} good runs before each step that adds running; "
        f"low energy also keeps the weekly rise to {_pct(LOW_ENERGY_WEEKLY_RISE)}. Nothing she "
        "tells us makes the plan faster than the safety limits.",
    ),
    Rule(
        "leaked_before",
        "moore2021",
        "primary",
        "advises",
        "Leaking while running before or during pregnancy makes it more likely after birth: "
        "watch for it, and consider a pelvic health physiotherapist's check before starting.",
    ),
    Rule(
        "goal_phase",
        "deering2024",
        "expert-opinion",
        "plans",
        "After 30 minutes without a break, the plan builds towards her goal by time at an easy "
        "effort: easy runs of 30 minutes and one long run a week, each long run at most "
        f"{_pct(SPIKE_LIMIT - 1)} longer, within the weekly limit. Longest runs: "
        + ", ".join(
            f"{goal.replace('_', ' ')} {m} min" for goal, m in GOAL_LONG_RUN_MINUTES.items()
        )
        + " (a Strideback rule).",
    ),
    Rule(
        "goal_checkin",
        "goom2019",
        "expert-opinion",
        "plans",
        f"Every {CHECK_IN_EVERY} long runs, a check-in: any leaking, heaviness, dragging or pain "
        "that lingers is logged and the plan adapts.",
    ),
    Rule(
        "goal_date",
        "deering2024",
        "primary",
        "plans",
        "A goal date never speeds the plan up: when her goal cannot be reached safely by it, "
        "the plan says so and gives the date it can (experts disagree with a fixed programme "
        "dictating progression).",
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
        f"A session with no pelvic-floor symptom, pain {GREEN_PAIN}/10 or less that settled, moves on a stage.",
    ),
    Rule(
        "amber_repeat",
        "silbernagel",
        "primary",
        "adapts",
        f"Pain of {AMBER_PAIN} to {RED_PAIN - 1}/10 that settled, effort {HARD_EFFORT}/10 or more, or a part-done or skipped session "
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
        "next_day_unanswered",
        "silbernagel",
        "primary",
        "adapts",
        "Pain during a session with the next-day check not yet answered holds the stage: it "
        "counts as not known to have settled until she answers.",
    ),
    Rule(
        "ran_more_than_planned",
        "frandsen2025",
        "primary",
        "adapts",
        "Running more than planned never speeds the plan up: the limits count what was planned, "
        "and the plan warns that a longer run than planned is a spike.",
    ),
    Rule(
        "watch_symptoms_unanswered",
        "goom2019",
        "secondary",
        "adapts",
        "A run brought in from a watch file counts towards her running at once (the limits and "
        "the spike warning apply), but moves nothing on until she has answered the symptom "
        "questions a watch cannot: leaking, heaviness, dragging and pain are hers to tell.",
    ),
    Rule(
        "unplanned_run",
        "goom2019",
        "secondary",
        "advises",
        "A run brought in from a watch file while running is stopped (a referral, a pause, or "
        f"before {EARLIEST_RUN_DAYS // 7} weeks) is kept and flagged for her professional, and "
        "never moves her on.",
    ),
    Rule(
        "red_pelvic_floor",
        "goom2019",
        "secondary",
        "refers",
        "The first leaking, heaviness or dragging during or after any session stops running at "
        "once and refers to a pelvic health physiotherapist (running is not advisable once such "
        "symptoms appear after a return); walking, strength and pelvic-floor work go on.",
    ),
    Rule(
        "stop_and_walk",
        "deering2024",
        "primary",
        "adapts",
        "If a pelvic-floor symptom starts during a run interval, stop running and walk; do not "
        "finish the interval (86.9% of the experts agreed). The player's Symptoms now button "
        "turns the run into a walk at once.",
    ),
    Rule(
        "red_pain",
        "silbernagel",
        "primary",
        "adapts",
        f"Pain of {RED_PAIN}/10 or more, or pain not settled by the next day, steps running back a stage.",
    ),
    Rule(
        "two_reds_refer",
        "goom2019",
        "expert-opinion",
        "adapts",
        f"Two red sessions within {RED_WINDOW_DAYS} days pause running until a pelvic health "
        "physiotherapist has reviewed you (a Strideback rule built on the guideline's advice).",
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
        "referral_stands",
        "goom2019",
        "expert-opinion",
        "adapts",
        "A referral stands until a clearance is recorded: answering the questions again without "
        "the symptom, or correcting a log, does not lift it (a Strideback safety rule built on "
        "the guideline's advice).",
    ),
    Rule(
        "professional_clearance",
        "goom2019",
        "primary",
        "adapts",
        "A professional's clearance after an individual assessment lifts the referrals recorded "
        "before it; a red flag recorded after it refers again.",
    ),
    Rule(
        "clearance_limits",
        "goom2019",
        "expert-opinion",
        "adapts",
        "A clearance may set limits (walk-run only for now, no running until a re-test, no "
        "jumping or hopping); the most restrictive limit in force wins, and no clearance allows "
        f"running before {EARLIEST_RUN_DAYS // 7} weeks after birth.",
    ),
    Rule(
        "new_answers",
        "goom2019",
        "secondary",
        "adapts",
        "Answers given again are a new version of the same intake: the plan re-assesses from the "
        "day they were given and keeps everything logged before.",
    ),
    Rule(
        "break_restart",
        "frandsen2025",
        "primary",
        "adapts",
        f"After a break with no run in {SPIKE_WINDOW_DAYS} days, running restarts at the first stage.",
    ),
    Rule(
        "paused",
        "deering2024",
        "primary",
        "adapts",
        "A pause (illness, a bad week, a holiday) stops sessions until it is lifted; a "
        "clearance does not end a pause.",
    ),
    Rule(
        "resume_after_break",
        "frandsen2025",
        "expert-opinion",
        "adapts",
        f"After a pause, running picks up by its length: {_pause_words()} (a Strideback rule "
        "built on the spike study's 30-day window).",
    ),
    Rule(
        "her_days",
        "deering2024",
        "primary",
        "plans",
        "Sessions fall only on the days of the week she says she can train; how many runs a week "
        f"follows from her days (at most {MAX_RUNS_PER_WEEK}), not from the progression.",
    ),
    Rule(
        "runs_apart",
        "goom2019",
        "expert-opinion",
        "plans",
        "Never two runs on consecutive days: a day without running between runs lets the body "
        "recover; a move that would break this is refused, saying why.",
    ),
    Rule(
        "strength_without_run",
        "goom2019",
        "secondary",
        "plans",
        f"Strength for running up to {STRENGTH_DAYS_PER_WEEK} times a week, on a day without a "
        "run where her days allow, otherwise straight after the run; mobility on her other days.",
    ),
    Rule(
        "move_session",
        "deering2024",
        "expert-opinion",
        "plans",
        "A session still to do may move to another day, from today up to "
        f"{MOVE_LATER_DAYS} days after the day it was planned, and the plan follows; a move "
        "or a skip can be undone.",
    ),
    Rule(
        "log_earlier_day",
        "deering2024",
        "expert-opinion",
        "adapts",
        f"A session done on an earlier day may be logged up to {LOG_BACK_DAYS} days back; the "
        "plan replays it on the day it was done, and a symptom logged late still refers, even "
        "after a later clearance.",
    ),
    # A professional acting for her client.
    Rule(
        "professional_hold",
        "deering2024",
        "expert-opinion",
        "adapts",
        "Her professional may hold her progression: no stage moves up until the professional "
        "releases it (running may still step back for safety). Her own pause and resume do not "
        "lift a hold; she may release it herself only after withdrawing the professional's "
        "access (a Strideback rule: the plan follows the professional who sees her).",
    ),
    Rule(
        "professional_stage",
        "deering2024",
        "expert-opinion",
        "adapts",
        "Her professional may move the walk-run stage by one. An advance keeps to one change "
        "at a time (the next run at most one stage above her last run), the weekly rise and "
        "the single-run limit, unless the professional names the rule she overrides and why "
        "("
        + ", ".join(f"`{rule}`" for rule in OVERRIDABLE_RULES)
        + "; for the next run only). No advance passes 12 weeks after birth, a red flag or "
        "referral, a hold, a pause or a clearance limit: it is recorded and refused, saying why.",
    ),
    Rule(
        "professional_exercise_change",
        "goom2019",
        "expert-opinion",
        "plans",
        "Her professional may change an exercise's level or dose (sets "
        f"{DOSE_LIMITS['sets'][0]}-{DOSE_LIMITS['sets'][1]}, reps {DOSE_LIMITS['reps'][0]}-"
        f"{DOSE_LIMITS['reps'][1]}, holds {DOSE_LIMITS['hold_seconds'][0]}-"
        f"{DOSE_LIMITS['hold_seconds'][1]} seconds), swap one exercise for another or add one "
        "to her strength or mobility sessions. Her cautions still bind: a level above a "
        "caution's limit is kept at the safer level, and an exercise her cautions or the week "
        "forbid (too early after birth, to avoid with her condition, or impact before she has "
        "passed the tests) is refused, saying why.",
    ),
    Rule(
        "professional_retest_date",
        "goom2019",
        "secondary",
        "plans",
        "Her professional may set the day of her re-test; the plan shows it on or after that "
        f"day, never before {EARLIEST_RUN_DAYS // 7} weeks after birth.",
    ),
    Rule(
        "clinic_baseline",
        "goom2019",
        "secondary",
        "refers",
        "A pelvic-floor baseline assessed in clinic with leaking, heaviness or dragging refers "
        "exactly like a symptom logged after a session: no running or impact until a "
        "physiotherapist's clearance.",
    ),
    Rule(
        "clearance_by_profession",
        "goom2019",
        "expert-opinion",
        "adapts",
        "Only a physiotherapist's clearance (pelvic health or general) lifts a pelvic-floor "
        "referral; a running coach's or personal trainer's is recorded, with its limits, but "
        "lifts no referral. Limits from every clearance in force combine, the most "
        "restrictive winning; a professional's newer clearance replaces her own earlier limits.",
    ),
    Rule(
        "programme_complete",
        "deering2024",
        "primary",
        "adapts",
        "At 30 minutes without a break (running again) or her goal's longest run, the "
        f"programme is complete: what to do next, adding no more than {_pct(WEEKLY_RISE)} a week.",
    ),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _TABLE}


def reason(rule_id: str, message: str) -> Reason:
    """A reason citing ``rule_id``; its source and evidence come from the table."""
    return _reason(rule_id, message)


# The same reasons recur in every plan (a Reason never changes): each is made once.
@lru_cache(maxsize=4096)
def _reason(rule_id: str, message: str) -> Reason:
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
