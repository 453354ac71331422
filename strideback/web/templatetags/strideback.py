"""Template filters that put the core's values into plain words."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from strideback.core.drawing.charts.bouts import bouts_strips
from strideback.core.drawing.figures import exercise_figure
from strideback.core.programme import Decision
from strideback.core.programme.professional import decision_byline
from strideback.core.sources import SHORT_NAMES, SOURCES
from strideback.core.vocabulary import (
    ENTRY_WORDS,
    EQUIPMENT_WORDS,
    EVIDENCE_WORDS,
    KIND_WORDS,
    LIMIT_WORDS,
    OUTCOME_WORDS,
    SKIP_WORDS,
    UNMATCHED_WORDS,
)
from strideback.core.words import clock, list_words, spoken_date
from strideback.programmes.services import catalog

register = template.Library()


@register.filter
def source_name(source_id: str) -> str:
    return SHORT_NAMES.get(source_id, source_id)


@register.filter
def source_reference(source_id: str) -> str:
    return SOURCES.get(source_id, source_id)


@register.filter
def evidence_words(evidence: str) -> str:
    return EVIDENCE_WORDS.get(evidence, evidence)


@register.filter
def spoken(day: date | str | None) -> str:
    """A day in words; a stored day (YYYY-MM-DD) too."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return spoken_date(day) if day else ""


@register.filter
def duration(seconds: int) -> str:
    """600 → "10 min", 75 → "1:15 min", 45 → "45 s"."""
    return clock(seconds)


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key)


@register.filter
def chosen_values(bound_field: Any) -> set[str]:
    """The values ticked in a radio or checkbox field, as the strings the page compares."""
    value = bound_field.value()
    if value is None:
        return set()
    if isinstance(value, list | tuple):
        return {str(item) for item in value}
    return {str(value)}


@register.filter
def choice_inputs(bound_field: Any) -> SafeString:
    """A radio or checkbox field's options, each a label around its input: written here
    rather than in a template loop, which cost more than the rest of the Today page (its
    log form has 40 options). Every value and text is escaped."""
    chosen = chosen_values(bound_field)
    kind = bound_field.field.widget.input_type
    required = " required" if kind == "radio" and bound_field.field.required else ""
    base, name = bound_field.auto_id, bound_field.html_name
    return format_html_join(
        "\n",
        '<label class="choice" for="{}_{}"><input type="{}" name="{}" value="{}" id="{}_{}"'
        "{}{}><span>{}</span></label>",
        (
            (
                base,
                number,
                kind,
                name,
                value,
                base,
                number,
                required,
                " checked" if str(value) in chosen else "",
                text,
            )
            for number, (value, text) in enumerate(getattr(bound_field.field, "choices", ()))
        ),
    )


@register.filter
def field(form: object, name: str) -> object:
    """A form's bound field by name (``form|field:name``)."""
    return form[name]  # type: ignore[index]


@register.filter
def skip_words(reason: str) -> str:
    return SKIP_WORDS.get(reason, reason)


@register.filter
def outcome_words(outcome: str) -> str:
    return OUTCOME_WORDS.get(outcome, outcome)


@register.filter
def limit_words(limits: list[str]) -> str:
    """'No jumping or hopping and walk-run only for now'."""
    return list_words([LIMIT_WORDS[x][0] if x in LIMIT_WORDS else x for x in limits])


@register.filter
def headline_parts(headline: str) -> tuple[str, str]:
    """'Not yet. Please see …' → ('Not yet.', 'Please see …'): the answer, then the rest."""
    for mark in (". ", ": "):
        first, found, rest = headline.partition(mark)
        if found and len(first) <= 12:
            return f"{first}.", rest
    return headline, ""


@register.filter
def equipment_words(items: list[str]) -> str:
    return list_words([EQUIPMENT_WORDS.get(item, item.replace("_", " ")) for item in items])


@register.filter
def kind_words(kind: str) -> str:
    return KIND_WORDS.get(kind, kind)


@register.filter
def figure(exercise_id: str) -> SafeString | str:
    """The SVG picture of a catalog exercise's key position; '' for an unknown id.

    The SVG is built by our own code from catalog numbers; its one text, the title, is escaped.
    """
    exercise = catalog().exercises.get(str(exercise_id))
    return mark_safe(exercise_figure(exercise)) if exercise else ""


@register.filter
def byline(decision: Decision) -> str:
    """Who made a decision for her, and why: "Your physio, Anna Lee, cleared you on ..."."""
    return decision_byline(decision) or ""


@register.filter
def entry_words(entry_type: str) -> str:
    """A kind of entry on her record, as a heading: 'Progression held'."""
    return ENTRY_WORDS.get(entry_type, entry_type.replace("_", " ").capitalize())


@register.filter
def unmatched_words(why: str) -> str:
    return UNMATCHED_WORDS.get(why, "")


@register.simple_tag
def bouts(planned: Any, recorded: Any, key: str) -> SafeString:
    """The planned intervals above the bouts her watch recorded (an SVG drawn by the core
    from numbers only, so it is safe to show as it is)."""
    return mark_safe(bouts_strips(planned or [], recorded or [], key))


@register.filter
def table_body(rows: Any) -> SafeString:
    """A table's rows, the first cell of each its header: written here rather than as three
    nested template loops, which cost more than the rest of the Progress page (a table
    holds a row for every week and every session logged). Every cell is escaped."""
    return format_html_join(
        "\n",
        '<tr><th scope="row">{}</th>{}</tr>',
        (
            (first, format_html_join("", "<td>{}</td>", ((cell,) for cell in rest)))
            for first, *rest in rows
        ),
    )


@register.filter
def table_head(cells: Any) -> SafeString:
    """A table's column headers, each escaped."""
    return format_html_join("", '<th scope="col">{}</th>', ((cell,) for cell in cells))


METRES_PER_MILE = 1609.344


@register.filter
def distance(metres: float | None, units: str = "km") -> str:
    """A distance in her units: kilometres (metres under one) or miles, to a tenth."""
    if metres is None:
        return ""
    if units == "mi":
        return f"{metres / METRES_PER_MILE:.1f} mi"
    if metres < 1000:
        return f"{metres:.0f} m"
    return f"{metres / 1000:.1f} km"
