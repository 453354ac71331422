"""Every code's words, in one place: what the engine, the exports and the pages call each
value of the intake, a log, a session, a limit or a decision.

A code is written in a file or stored; its words are what she reads. Pages and exports
take their labels from here, so one thing is never called two names.
"""

from __future__ import annotations

from collections.abc import Sequence

from strideback.core.rules import BLEEDING_COUNTS_FROM_DAYS, WEEKLY_RISE

__all__ = [
    "BYLINE_WORDS",
    "COMPLETED",
    "COMPLETED_WORDS",
    "DECISION_WORDS",
    "DELIVERY",
    "ENTRY_WORDS",
    "EQUIPMENT",
    "EQUIPMENT_WORDS",
    "EVIDENCE_WORDS",
    "FLAG_WORDS",
    "GOAL",
    "KIND_WORDS",
    "LIMIT_WORDS",
    "MISSING_WORDS",
    "OUTCOME_WORDS",
    "OVERRIDE_WORDS",
    "PELVIC_FLOOR",
    "PELVIC_FLOOR_WORDS",
    "PERINEAL_TEAR",
    "PROFESSION",
    "PROFESSION_WORDS",
    "RUNNING_BACKGROUND",
    "SIGN_WORDS",
    "SKIP_REASONS",
    "SKIP_WORDS",
    "SYMPTOMS",
    "TEST_RESULT",
    "TEST_WORDS",
    "UNMATCHED_WORDS",
    "VERDICT_WORDS",
    "WEEKDAY",
    "WEEKDAY_WORDS",
    "YES_NO",
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
    "hold": "Progression on hold",
    "release": "Hold lifted",
    "refused": "Change not made",
    "exercise_change": "Exercises changed",
    "retest_due": "Re-test date set",
    "baseline": "Baseline recorded",
    "unplanned_run": "A run outside your plan",
}

# Who a professional is to her, inside a sentence ("your physio, Anna Lee, ...").
PROFESSION_WORDS: dict[str, str] = {
    "pelvic_health_physio": "your pelvic health physio",
    "physiotherapist": "your physio",
    "running_coach": "your running coach",
    "personal_trainer": "your personal trainer",
}

# What a professional did, by the decision it made ("... cleared you on 3 March").
BYLINE_WORDS: dict[str, str] = {
    "clearance": "cleared you",
    "hold": "put your progression on hold",
    "release": "lifted the hold",
    "progress": "moved you up a stage",
    "step_back": "moved you back a stage",
    "refused": "asked for a change that was not made",
    "exercise_change": "changed your exercises",
    "retest_due": "set your re-test",
    "baseline": "assessed your pelvic floor",
    "pause_and_refer": "assessed your pelvic floor",
}

# The progression rules a professional may override, inside a sentence.
OVERRIDE_WORDS: dict[str, str] = {
    "one_change_at_a_time": "one change at a time",
    "weekly_rise": f"the {round(WEEKLY_RISE * 100)}% weekly limit",
    "single_run_spike": "the single-run limit",
}

# The short answer to "can I run?" for each verdict.
VERDICT_WORDS: dict[str, str] = {
    "refer": "Not now",
    "not_yet": "Not yet",
    "ready": "Yes",
    "paused": "Paused",
    "complete": "Yes",
}


# What a professional's caseload notices, most urgent first: the filter's label, and the
# sentence for a client ({what}: the symptoms; {day}: the day; {done} of {planned}: sessions).
# Each kind of entry on her record, as a heading.
ENTRY_WORDS: dict[str, str] = {
    "session": "Session",
    "retest": "Re-test",
    "answers": "Answers given again",
    "clearance": "Clearance after an assessment",
    "pause": "Plan paused",
    "resume": "Plan resumed",
    "skip": "Session skipped",
    "move": "Session moved",
    "symptom": "Symptom reported",
    "hold": "Progression held",
    "release": "Hold lifted",
    "stage": "Stage moved",
    "dose": "Exercise dose changed",
    "swap": "Exercise swapped",
    "add": "Exercise added",
    "retest_due": "Re-test day set",
    "baseline": "Pelvic-floor baseline in clinic",
    "activity": "From your watch, outside your plan",
}

# Why a file from her watch was matched to no session (``ActivityEvent.why``).
UNMATCHED_WORDS: dict[str, str] = {
    "no_session": "No run was planned within two days of it, so it is kept in your history "
    "and moves nothing on in your plan.",
    "already_logged": "A run was already logged for that day, so this one is kept in your "
    "history and moves nothing on in your plan.",
    "before_programme": "It is from before your programme began: kept in your history, "
    "matched to no session.",
    "too_old": "It is more than 14 days old: kept in your history, matched to no session.",
    "walk": "A walk: kept in your history. Walks do you good; they are not one of your planned "
    "runs, so they move nothing on.",
}

FLAG_WORDS: dict[str, tuple[str, str]] = {
    "pelvic_floor": ("Pelvic-floor symptom", "{what} reported on {day}"),
    "referral": ("Referred", "Referred to a pelvic health physiotherapist on {day}"),
    "red_sessions": ("Warning signs", "Warning-sign session on {day}, awaiting clearance"),
    "pain": ("Pain 4/10 or more", "Pain of 4/10 or more on {day}"),
    "pain_rising": ("Pain rising", "Pain rising over three sessions, to {day}"),
    "adherence": (
        "Fewer sessions done",
        "{done} of {planned} planned sessions done in the last 14 days",
    ),
    "no_log": ("No log for 7 days", "No log since {day}"),
    "retest_due": ("Re-test due", "Re-test due on {day}"),
    "spike": ("Ran more than prescribed", "Ran more than prescribed on {day}"),
    "override": ("Rule overridden", "A progression rule overridden for her on {day}"),
    "hold": ("On hold", "Progression on hold since {day}"),
}


def words_for(table: dict[str, str], codes: Sequence[str]) -> list[str]:
    """The words for each code, falling back to the code with spaces."""
    return [table.get(code, code.replace("_", " ")) for code in codes]


# ---------------------------------------------------------------------------------------
# The questions' choices, as the pages label them: (code, label), and for the symptoms a
# short explanation in everyday words too.

DELIVERY = [
    ("vaginal", "Vaginal birth"),
    ("assisted_vaginal", "Assisted vaginal birth (forceps or ventouse)"),
    ("caesarean", "Caesarean birth"),
]

PERINEAL_TEAR = [
    ("none", "No tear"),
    ("first", "First-degree (skin only)"),
    ("second", "Second-degree (into the muscle)"),
    ("third", "Third-degree (into the anal sphincter)"),
    ("fourth", "Fourth-degree (through the sphincter to the bowel lining)"),
]

# label, then what it means in everyday words
SYMPTOMS: dict[str, tuple[str, str]] = {
    "urinary_leakage": (
        "Leaking urine",
        "Any leak, even a few drops: when you cough, sneeze, laugh, lift or jump, or on the way to the toilet.",
    ),
    "faecal_leakage": (
        "Leaking from the bowel, or wind you can't hold",
        "Any soiling, or not being able to keep wind in when you want to.",
    ),
    "urgency": (
        "Sudden urges",
        "Needing a wee or a poo suddenly and finding it hard to wait.",
    ),
    "pelvic_heaviness": (
        "Heaviness or dragging",
        "A feeling of heaviness, pressure, bulging or something coming down in the vagina, often worse late in the day or after being on your feet.",
    ),
    "pain_with_intercourse": (
        "Pain with sex",
        "Pain or soreness during or after sex, if you have had sex since the birth.",
    ),
    "constipation": (
        "Constipation or straining",
        "Straining to empty your bowels, or a feeling that you haven't fully emptied.",
    ),
    "abdominal_separation": (
        "A gap or doming in your tummy",
        "A ridge or dip down the middle of your tummy when you lift your head from lying: the tummy muscles are still apart.",
    ),
    "pelvic_pain": (
        "Pelvic pain",
        "Pain at the front of the pelvis, in the groin, around the tailbone or in a scar.",
    ),
    "low_back_pain": (
        "Low back pain",
        "Pain in the lower back, at rest or when you are active.",
    ),
    "bleeding": (
        "Bleeding that is not a period",
        "Bleeding from the vagina more than 8 weeks after the birth that is not your period, or bleeding that comes back with activity.",
    ),
}

EQUIPMENT = [
    ("physio_ball", "Physio ball (a big exercise ball)"),
    ("resistance_band", "Long resistance band"),
    ("mini_band", "Mini band (a small loop band)"),
    ("dumbbells", "Dumbbells or kettlebell"),
    ("yoga_blocks", "Yoga blocks"),
]

# The days of her week, as the intake stores them (Monday first, as date.weekday() counts).
WEEKDAY_WORDS: dict[str, str] = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
WEEKDAY = list(WEEKDAY_WORDS.items())

# Why she skipped a session: as the skip buttons ask it, and as her history tells it.
SKIP_WORDS: dict[str, str] = {
    "busy": "No time today",
    "tired": "Too tired",
    "unwell": "Unwell",
    "baby": "The baby needed me",
    "weather": "Bad weather",
    "other": "Something else came up",
}
SKIP_REASONS = list(SKIP_WORDS.items())

RUNNING_BACKGROUND = [
    ("new_to_running", "New to running"),
    ("occasional", "I ran now and then"),
    ("regular", "I ran most weeks"),
    ("competitive", "I trained for races"),
]

GOAL = [
    ("run_again", "Just run again, comfortably"),
    ("5k", "Run 5 km"),
    ("10k", "Run 10 km"),
    ("half_marathon", "Half marathon"),
    ("marathon", "Marathon"),
]

PROFESSION = [
    ("pelvic_health_physio", "Pelvic health physiotherapist"),
    ("physiotherapist", "Physiotherapist"),
    ("running_coach", "Running coach"),
    ("personal_trainer", "Personal trainer"),
]

YES_NO = [("yes", "Yes"), ("no", "No")]

TEST_RESULT = [("pass", "Passed"), ("fail", "Not yet"), ("", "Not tried")]

# How a logged session went, as the log form asks it.
COMPLETED = [
    ("all", "All of it"),
    ("part", "Part of it"),
    ("skipped", "I skipped it"),
]
PELVIC_FLOOR = [(code, words.capitalize()) for code, words in PELVIC_FLOOR_WORDS.items()]


# How sure a source is, inside a citation: "(Source: Goom, Donnelly & Brockwell 2019, from
# research reviews)".
EVIDENCE_WORDS: dict[str, str] = {
    "primary": "from the research",
    "secondary": "from research reviews",
    "expert-opinion": "expert opinion",
}


# What to say when a field is missing: its name in words, and what to give.
MISSING_WORDS: dict[str, str] = {
    "birth_date": "Birth date: please give the day your baby was born (YYYY-MM-DD).",
    "date": "Date: please give the day (YYYY-MM-DD).",
    "completed": "How much did you do? Please choose all, part or skipped.",
    "pain": "Any pain? Please give a number from 0 (none) to 10.",
    "kind": "Kind: please say what kind it is.",
    "type": "Type: please say what kind of entry this is.",
    "by": "Who assessed you? Please give their name.",
    "intake": "Your answers: please give them.",
}
