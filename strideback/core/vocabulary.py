"""Every code's words, in one place: what the engine, the exports and the pages call each
value of the intake, a log, a session, a limit or a decision.

A code is written in a file or stored; its words are what she reads. Pages and exports
take their labels from here, so one thing is never called two names.
"""

from __future__ import annotations

from collections.abc import Sequence

from strideback.core.rules import BLEEDING_COUNTS_FROM_DAYS

__all__ = [
    "COMPLETED_WORDS",
    "DECISION_WORDS",
    "EQUIPMENT_WORDS",
    "KIND_WORDS",
    "LIMIT_WORDS",
    "OUTCOME_WORDS",
    "PELVIC_FLOOR_WORDS",
    "SIGN_WORDS",
    "TEST_WORDS",
    "VERDICT_WORDS",
    "words_for",
]

# The symptoms of the intake, as they read inside a sentence ("You told us about ...").
SIGN_WORDS: dict[str, str] = {
    "urinary_leakage": "leaking urine",
    "faecal_leakage": "leaking from the bowel or wind you cannot hold",
    "urgency": "a sudden need to go that is hard to hold",
    "pelvic_heaviness": "heaviness, bulging or dragging in the pelvis",
    "pain_with_intercourse": "pain with sex",
    "constipation": "constipation or trouble emptying",
    "abdominal_separation": "a gap or doming along the middle of the tummy",
    "pelvic_pain": "pelvic pain",
    "low_back_pain": "low back pain",
    "bleeding": f"bleeding more than {BLEEDING_COUNTS_FROM_DAYS // 7} weeks after birth that is not a period",
}

# The pelvic-floor symptoms a logged session asks about.
PELVIC_FLOOR_WORDS: dict[str, str] = {
    "leaking": "leaking",
    "heaviness": "heaviness",
    "dragging": "dragging",
}

# The readiness tests, inside a sentence.
TEST_WORDS: dict[str, str] = {
    "walk": "the 30-minute walk",
    "single_leg_balance": "the single-leg balance",
    "single_leg_squat": "the single-leg squats",
    "jog_on_spot": "jogging on the spot",
    "forward_bounds": "the forward bounds",
    "hop_in_place": "the hops",
    "running_man": "the running-man drill",
    "single_leg_calf_raise": "single-leg calf raises",
    "single_leg_bridge": "single-leg bridges",
    "single_leg_sit_to_stand": "single-leg sit-to-stands",
    "side_lying_abduction": "side-lying leg lifts",
}

EQUIPMENT_WORDS: dict[str, str] = {
    "physio_ball": "physio ball",
    "resistance_band": "resistance band",
    "mini_band": "mini band",
    "dumbbells": "dumbbells",
    "yoga_blocks": "yoga blocks",
}

KIND_WORDS: dict[str, str] = {
    "strength": "Strength",
    "mobility": "Mobility",
    "retest": "Re-test",
    "walk_run": "Walk-run",
    "run": "Run",
}

COMPLETED_WORDS: dict[str, str] = {"all": "in full", "part": "in part", "skipped": "skipped"}

# How a logged session went, as a label.
OUTCOME_WORDS: dict[str, str] = {
    "green": "Went well",
    "amber": "Take it steady",
    "red": "Warning sign",
}

# What a clearance may limit: a short label, and what it means for her plan.
LIMIT_WORDS: dict[str, tuple[str, str]] = {
    "no_running_until_retest": (
        "No running until a re-test",
        "Strength work goes on, then the readiness tests again; running starts only once "
        "they pass.",
    ),
    "walk_run_only": (
        "Walk-run only for now",
        "Walk-run sessions go on, but not the stages of continuous running.",
    ),
    "no_jumping": (
        "No jumping or hopping",
        "No skipping, bounding or hopping drills in your strength work.",
    ),
}

DECISION_WORDS: dict[str, str] = {
    "progress": "Moving on",
    "repeat": "Same again",
    "step_back": "A step back",
    "pause_and_refer": "Running paused: see a pelvic health physiotherapist",
    "start_running": "Running starts",
    "more_strength": "More strength work first",
    "pause": "Plan paused",
    "resume": "Plan back on",
    "complete": "Programme complete",
    "clearance": "Assessment recorded",
    "new_answers": "New answers",
}

# The short answer to "can I run?" for each verdict.
VERDICT_WORDS: dict[str, str] = {
    "refer": "Not now",
    "not_yet": "Not yet",
    "ready": "Yes",
    "paused": "Paused",
    "complete": "Yes",
}


def words_for(table: dict[str, str], codes: Sequence[str]) -> list[str]:
    """The words for each code, falling back to the code with spaces."""
    return [table.get(code, code.replace("_", " ")) for code in codes]
