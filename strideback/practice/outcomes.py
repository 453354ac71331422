"""Outcome scores on a client's page: which questionnaires are due (at the start, then every
6 weeks after the last), and the charts of their totals over time beside the days she
reported a pelvic-floor symptom (drawn by the core's chart helpers)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from strideback.core.drawing import charts
from strideback.core.progress import Figure, Table
from strideback.practice.models import OutcomeScore, Questionnaire, QuestionnaireLicence, Share

EVERY = timedelta(weeks=6)
COLOURS = ("#0b5d57", "#7a3e00", "#3b4cc0")


@dataclass(frozen=True)
class Due:
    questionnaire: str
    label: str
    last: date | None
    due: bool


@dataclass(frozen=True)
class OutcomePanel:
    scores: list[OutcomeScore]  # oldest first
    licensed: list[Due]
    figures: list[Figure]


def _due(questionnaire: str, scores: list[OutcomeScore], today: date) -> Due:
    taken = [s.taken_on for s in scores if s.questionnaire == questionnaire]
    last = max(taken, default=None)
    label = Questionnaire(questionnaire).label
    return Due(questionnaire, label, last, last is None or today - last >= EVERY)


Value = Callable[[OutcomeScore], object]


def _figure(
    key: str,
    title: str,
    scores: list[OutcomeScore],
    lines: Sequence[tuple[str, Value]],
    top: int,
    symptoms: list[date],
    today: date,
) -> Figure:
    first = min([s.taken_on for s in scores] + symptoms[:1])
    latest = scores[-1]
    summary = f"Latest {title}: {latest.total} on {charts.short_date(latest.taken_on)}."
    svg = charts.dated_lines(
        f"chart-{key}",
        title,
        summary,
        first,
        today,
        [
            charts.Line(name, [(s.taken_on, float(str(value(s)))) for s in scores], colour)
            for (name, value), colour in zip(lines, COLOURS, strict=False)
        ],
        top=top,
        unit="score",
        caption="Day taken",
        marked=symptoms,
        marked_label="Pelvic-floor symptom reported",
    )
    table = Table(
        ("Day taken", *(name for name, _ in lines)),
        tuple((charts.short_date(s.taken_on), *(str(v(s)) for _, v in lines)) for s in scores),
    )
    return Figure(key, title, summary, svg, table, "Higher scores mean more bother.")


def _figures(scores: list[OutcomeScore], symptoms: list[date], today: date) -> list[Figure]:
    iciq = [s for s in scores if s.questionnaire == Questionnaire.ICIQ_UI_SF]
    pfdi = [s for s in scores if s.questionnaire == Questionnaire.PFDI_20]
    shown = []
    if iciq:
        lines = [("ICIQ-UI SF total", lambda s: s.total)]
        shown.append(_figure("iciq", "ICIQ-UI SF", iciq, lines, 21, symptoms, today))
    if pfdi:
        lines = [
            ("POPDI-6", lambda s: s.popdi_6),
            ("CRADI-8", lambda s: s.cradi_8),
            ("UDI-6", lambda s: s.udi_6),
        ]
        shown.append(_figure("pfdi", "PFDI-20", pfdi, lines, 100, symptoms, today))
    return shown


def outcome_panel(share: Share, today: date, symptoms: list[date]) -> OutcomePanel:
    scores = list(share.scores.all())
    licensed = QuestionnaireLicence.objects.filter(practice_id=share.practice_id)
    return OutcomePanel(
        scores=scores,
        licensed=[_due(q, scores, today) for q in licensed.values_list("questionnaire", flat=True)],
        figures=_figures(scores, symptoms, today),
    )
