"""The logging and re-test forms."""

from __future__ import annotations

from typing import Any

from django import forms

from strideback.programmes.forms import TestsForm
from strideback.programmes.words import SYMPTOMS

SCALE = [(str(n), str(n)) for n in range(11)]

COMPLETED = [
    ("all", "All of it"),
    ("part", "Part of it"),
    ("skipped", "I skipped it"),
]
PELVIC_FLOOR = [
    ("leaking", "Leaking"),
    ("heaviness", "Heaviness"),
    ("dragging", "Dragging"),
]
SETTLED = [
    ("yes", "Yes, all settled"),
    ("no", "No, something is still there"),
    ("", "I'll say tomorrow"),
]


class SessionLogForm(forms.Form):
    completed = forms.ChoiceField(
        label="How much did you do?", choices=COMPLETED, widget=forms.RadioSelect
    )
    rpe = forms.TypedChoiceField(
        label="How hard did it feel?",
        help_text="0 is resting, 5 is hard but steady, 10 is the hardest you can imagine.",
        choices=SCALE,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    pain = forms.TypedChoiceField(
        label="Any pain?",
        help_text="0 is none, 10 is the worst you can imagine.",
        choices=SCALE,
        coerce=int,
        initial="0",
        widget=forms.RadioSelect,
    )
    pain_where = forms.CharField(
        label="Where was the pain?",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "e.g. left knee, lower back"}),
    )
    pelvic_floor_symptoms = forms.MultipleChoiceField(
        label="Did you notice any of these, during or after?",
        help_text="In the vagina or pelvis. Tick all that apply.",
        choices=PELVIC_FLOOR,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    pain_settled = forms.ChoiceField(
        label="Next-day check: by the next morning, had any pain or symptoms settled?",
        choices=SETTLED,
        widget=forms.RadioSelect,
        required=False,
    )
    note = forms.CharField(
        label="Anything else? (optional)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def log(self) -> dict[str, Any]:
        data = self.cleaned_data
        settled = data["pain_settled"]
        return {
            "completed": data["completed"],
            "rpe": data["rpe"],
            "pain": data["pain"],
            "pain_where": data["pain_where"].strip() or None,
            "pelvic_floor_symptoms": list(data["pelvic_floor_symptoms"]),
            "pain_settled": None if settled == "" else settled == "yes",
            "note": data["note"].strip() or None,
        }

    @staticmethod
    def initial_from(data: dict[str, Any]) -> dict[str, Any]:
        settled = data.get("pain_settled")
        return {
            "completed": data.get("completed"),
            "rpe": "" if data.get("rpe") is None else str(data["rpe"]),
            "pain": str(data.get("pain", 0)),
            "pain_where": data.get("pain_where") or "",
            "pelvic_floor_symptoms": data.get("pelvic_floor_symptoms", []),
            "pain_settled": "" if settled is None else ("yes" if settled else "no"),
            "note": data.get("note") or "",
        }


class RetestForm(TestsForm):
    """The tests again, and any symptoms she has now."""

    symptoms = forms.MultipleChoiceField(
        label="Do you have any of these now?",
        choices=[(key, label) for key, (label, _) in SYMPTOMS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def result(self) -> dict[str, Any]:
        """The re-test as the core's event records it: the tests and the symptoms."""
        return {"tests": self.tests(), "symptoms": list(self.cleaned_data["symptoms"])}

    @staticmethod
    def initial_from_event(data: dict[str, Any]) -> dict[str, Any]:
        initial = TestsForm.initial_from(data)
        initial["symptoms"] = data.get("symptoms", [])
        return initial
