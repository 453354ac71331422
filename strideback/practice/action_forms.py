"""The forms of a professional's actions: each gives the fields of its event."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from strideback.core.catalog import Catalog
from strideback.core.rules import DOSE_LIMITS, OVERRIDABLE_RULES
from strideback.core.vocabulary import LIMIT_WORDS, OVERRIDE_WORDS, PELVIC_FLOOR_WORDS
from strideback.tracking.forms import RetestForm, _KeyedForm

REASON_HELP = "She sees this with your name, so write it to her."


def _reason(required: bool = False, label: str = "Why? (she sees this)") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=REASON_HELP,
        max_length=500,
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ActionForm(_KeyedForm):
    """Fields → the event's fields (without type, date and author)."""

    def __init__(self, *args: Any, catalog: Catalog | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def event_fields(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "client_key"}
        if isinstance(data.get("reason"), str):
            data["reason"] = data["reason"].strip() or None
        return data


class ClearanceForm(ActionForm):
    note = forms.CharField(
        label="What you found, and what she can do (she sees this)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    limits = forms.MultipleChoiceField(
        label="Limits for now",
        help_text="Her plan keeps to the strictest limits in force; 12 weeks after birth "
        "still comes first.",
        choices=[(code, words[0]) for code, words in LIMIT_WORDS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    confirm = forms.BooleanField(
        label="I have assessed her pelvic floor and her return to running.",
        error_messages={"required": "Tick this to confirm you have assessed her."},
    )

    def event_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"note": data["note"].strip() or None, "limits": list(data["limits"])}


class HoldForm(ActionForm):
    reason = _reason(required=True)


class ReleaseForm(ActionForm):
    reason = _reason()


class StageForm(ActionForm):
    direction = forms.ChoiceField(
        label="Move her walk-run stage",
        choices=[("advance", "Up one stage"), ("back", "Back one stage")],
        widget=forms.RadioSelect,
    )
    overrides = forms.MultipleChoiceField(
        label="Override a progression rule, deliberately (optional)",
        help_text="Only for her next run. Twelve weeks, red flags, a hold, a pause and "
        "clearance limits are never overridden.",
        choices=[(rule, OVERRIDE_WORDS[rule]) for rule in OVERRIDABLE_RULES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reason = _reason(required=True)


def _exercise_choices(catalog: Catalog | None) -> list[tuple[str, str]]:
    if catalog is None:
        return []
    return sorted(
        ((e.id, e.name) for e in catalog.exercises.values() if e.kind == "exercise"),
        key=lambda pair: pair[1],
    )


class _ExerciseForm(ActionForm):
    exercise = forms.ChoiceField(label="Exercise")

    def __init__(self, *args: Any, catalog: Catalog | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["exercise"].choices = _exercise_choices(catalog)


def _amount(name: str, label: str) -> forms.IntegerField:
    low, high = DOSE_LIMITS[name]
    return forms.IntegerField(
        label=label, min_value=low, max_value=high, required=False, help_text=f"{low} to {high}."
    )


class DoseForm(_ExerciseForm):
    level = forms.ChoiceField(
        label="Level",
        choices=[
            ("", "Keep as it is"),
            ("beginner", "Beginner"),
            ("intermediate", "Intermediate"),
            ("advanced", "Advanced"),
        ],
        required=False,
    )
    sets = _amount("sets", "Sets")
    reps = _amount("reps", "Repetitions")
    hold_seconds = _amount("hold_seconds", "Hold (seconds)")
    reason = _reason()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not any(
            data.get(k) for k in ("level", "sets", "reps", "hold_seconds")
        ):
            self.add_error(None, "Change at least one of level, sets, repetitions or hold.")
        return data

    def event_fields(self) -> dict[str, Any]:
        data = super().event_fields()
        data["level"] = data.get("level") or None
        return data


class SwapForm(_ExerciseForm):
    replacement = forms.ChoiceField(label="Instead, do")
    reason = _reason()

    def __init__(self, *args: Any, catalog: Catalog | None = None, **kwargs: Any) -> None:
        super().__init__(*args, catalog=catalog, **kwargs)
        self.fields["replacement"].choices = _exercise_choices(catalog)

    def event_fields(self) -> dict[str, Any]:
        data = super().event_fields()
        data["with"] = data.pop("replacement")
        return data


class AddForm(_ExerciseForm):
    session = forms.ChoiceField(
        label="In her",
        choices=[("strength", "strength sessions"), ("mobility", "mobility sessions")],
        widget=forms.RadioSelect,
    )
    reason = _reason()


class RetestDueForm(ActionForm):
    on = forms.DateField(
        label="Re-test on or after",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "Enter the date as day/month/year, e.g. 15/11/2026."},
    )
    reason = _reason()

    def event_fields(self) -> dict[str, Any]:
        data = super().event_fields()
        data["on"] = data["on"].isoformat()
        return data


class BaselineForm(ActionForm):
    symptoms = forms.MultipleChoiceField(
        label="What did you find?",
        help_text="Any of these refers her and pauses running until a physiotherapist "
        "clears her. Tick none if her pelvic floor is fine.",
        choices=list(PELVIC_FLOOR_WORDS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(
        label="Notes (she sees this)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def event_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"symptoms": list(data["symptoms"]), "note": data["note"].strip() or None}


class ClinicTestsForm(RetestForm):
    """The guideline's load-and-impact and strength tests, done with her in clinic."""

    def __init__(self, *args: Any, catalog: Catalog | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("today", timezone.localdate())  # the tests' form asks for the day
        super().__init__(*args, **kwargs)

    def event_fields(self) -> dict[str, Any]:
        return self.result()


FORMS: dict[str, type[forms.Form]] = {
    "clearance": ClearanceForm,
    "hold": HoldForm,
    "release": ReleaseForm,
    "stage": StageForm,
    "dose": DoseForm,
    "swap": SwapForm,
    "add": AddForm,
    "retest_due": RetestDueForm,
    "retest": ClinicTestsForm,
    "baseline": BaselineForm,
}

TITLES: dict[str, str] = {
    "clearance": "Clear her after an assessment",
    "hold": "Hold her progression",
    "release": "Lift the hold",
    "stage": "Move her stage",
    "dose": "Change an exercise's level or dose",
    "swap": "Swap an exercise",
    "add": "Add an exercise",
    "retest_due": "Set her re-test day",
    "retest": "Record the tests done in clinic",
    "baseline": "Record a pelvic-floor baseline",
}
