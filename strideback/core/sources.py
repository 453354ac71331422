"""The sources every rule and exercise cites, and how sure we are of a fact."""

from __future__ import annotations

from typing import Literal

__all__ = [
    "LINKS",
    "PRACTICE_SOURCE",
    "SHORT_NAMES",
    "SOURCES",
    "Evidence",
    "ExerciseSource",
    "SourceId",
]

SourceId = Literal[
    "goom2019",
    "selman2022",
    "nhs_c25k",
    "frandsen2025",
    "nielsen2014",
    "silbernagel",
    "christopher2021",
    "moore2021",
    "deering2024",
    "sperstad2016",
    "seed_glutes",
    "seed_hips",
]

# A practice's own exercise cites its practice: the professionals who wrote it stand behind it.
# Only exercises may cite it (never a rule or a protocol), and the packaged catalog never does.
PRACTICE_SOURCE = "practice"
ExerciseSource = Literal[SourceId, "practice"]

# primary: read in the primary source; secondary: summaries that agree with each other;
# expert-opinion: the source itself rests on expert consensus (said so to the user).
Evidence = Literal["primary", "secondary", "expert-opinion"]

SOURCES: dict[str, str] = {
    "goom2019": (
        "Goom T, Donnelly G, Brockwell E. Returning to running postnatal: guidelines for medical, "
        "health and fitness professionals managing this population. 2019."
    ),
    "selman2022": (
        "Selman R, Early K, Battles B, et al. Maximizing recovery in the postpartum period: "
        "a timeline for rehabilitation from pregnancy through return to sport. IJSPT 2022;17(6)."
    ),
    "nhs_c25k": "NHS Couch to 5K running plan.",
    "frandsen2025": (
        "Frandsen et al. Single-session running distance spikes and injury. Br J Sports Med 2025."
    ),
    "nielsen2014": "Nielsen RO, et al. Excessive progression in weekly running distance and injury. 2014.",
    "silbernagel": (
        "Silbernagel KG, Crossley KM. A proposed return-to-sport program for patients with "
        "midportion Achilles tendinopathy (pain-monitoring model). JOSPT 2015."
    ),
    "christopher2021": (
        "Christopher SM, et al. Risk factors for running-related pain in postpartum runners. "
        "PLOS One 2021."
    ),
    "moore2021": (
        "Moore IS, et al. Return to running postpartum: timing and symptoms in 881 women. "
        "Br J Sports Med 2021."
    ),
    "deering2024": (
        "Deering RE, Donnelly GM, Brockwell E, et al. Clinical and exercise professional opinion "
        "on designing a postpartum return-to-running training programme: an international "
        "Delphi study and consensus statement. Br J Sports Med 2024."
    ),
    "sperstad2016": (
        "Sperstad JB, et al. Diastasis recti abdominis during pregnancy and 12 months after "
        "childbirth. Br J Sports Med 2016."
    ),
    "seed_glutes": "Practitioner article: retraining the glutes postpartum for running.",
    "seed_hips": "Practitioner article: five tips to fix the hips for postpartum running.",
}

# How a page names a source in a line of text; SOURCES has the full reference.
SHORT_NAMES: dict[str, str] = {
    "goom2019": "Goom, Donnelly & Brockwell 2019",
    "selman2022": "Selman et al. 2022",
    "nhs_c25k": "NHS Couch to 5K",
    "frandsen2025": "Frandsen et al. 2025",
    "nielsen2014": "Nielsen et al. 2014",
    "silbernagel": "Silbernagel & Crossley 2015",
    "christopher2021": "Christopher et al. 2021",
    "moore2021": "Moore et al. 2021",
    "deering2024": "Deering et al. 2024",
    "sperstad2016": "Sperstad et al. 2016",
    "seed_glutes": "Practitioner article on the glutes",
    "seed_hips": "Practitioner article on the hips",
    PRACTICE_SOURCE: "Your practice's own exercise",
}

# Where a source can be read, for the sources known to have an address (a DOI or a page).
# A source without one is shown with its full reference instead; an address is never guessed.
LINKS: dict[str, str] = {
    "selman2022": "https://doi.org/10.26603/001c.37863",
    # The Chartered Society of Physiotherapy's page on the guideline, which links to it.
    "goom2019": "https://www.csp.org.uk/innovations/return-running-postnatal-guideline-medical-health-and-fitness-professionals-managing",
    # The study's record in Cardiff Metropolitan University's research portal, with its abstract.
    "deering2024": "https://pure.cardiffmet.ac.uk/cy/publications/clinical-and-exercise-professional-opinion-on-designing-a-postpar",
}
