"""The plain words the pages use for the intake's choices, with a short explanation each."""

from __future__ import annotations

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

DAYS_PER_WEEK = [
    ("2", "2 days a week"),
    ("3", "3 days a week"),
]

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

YES_NO = [("yes", "Yes"), ("no", "No")]

TEST_RESULT = [("pass", "Passed"), ("fail", "Not yet"), ("", "Not tried")]
