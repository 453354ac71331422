"""The intake wizard's steps. Each form reads its part of the answers (the core's intake
format) and writes it back, so a step can be left and picked up again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django import forms

from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS
from strideback.programmes import words

OPTIONAL = [("", "Rather not say")]
DJANGO_REQUIRED = str(forms.Field.default_error_messages["required"])


def name_required(fields: dict[str, forms.Field]) -> None:
    """A missing answer names its question ("How much did you do? Please answer this.")
    instead of Django's "This field is required."; a message of our own is kept."""
    for field in fields.values():
        if str(field.error_messages.get("required")) != DJANGO_REQUIRED:
            continue
        label = str(field.label or "This answer").strip()
        field.error_messages["required"] = (
            f"{label} Please answer this."
            if label.endswith("?")
            else f"{label}: please fill this in."
        )


class StepForm(forms.Form):
    """A step: ``initial_from`` reads answers, ``merge`` writes the step's part into them."""

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        self.today = today
        super().__init__(*args, **kwargs)
        name_required(self.fields)

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def merge(self, answers: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError


def _none_if_blank(value: Any) -> Any:
    return None if value in ("", None) else value


class BirthForm(StepForm):
    birth_date = forms.DateField(
        label="Your baby's birth date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"],
        error_messages={
            "invalid": "Enter the date as day/month/year, e.g. 15/08/2026.",
            "required": "Enter your baby's birth date: it decides when running can start.",
        },
    )
    delivery = forms.ChoiceField(
        label="How was your baby born?",
        choices=[*words.DELIVERY, *OPTIONAL],
        widget=forms.RadioSelect,
        required=False,
    )
    perineal_tear = forms.ChoiceField(
        label="Did you have a tear?",
        help_text="Your maternity notes say, if you are not sure.",
        choices=[*words.PERINEAL_TEAR, ("", "Not sure")],
        widget=forms.RadioSelect,
        required=False,
    )

    def clean_birth_date(self) -> date:
        born: date = self.cleaned_data["birth_date"]
        if born > self.today:
            raise forms.ValidationError(
                f"That date is in the future. Enter a date on or before today ({self.today:%-d %B %Y})."
            )
        if born < self.today - timedelta(days=365 * 5):
            raise forms.ValidationError(
                "That is more than five years ago. Strideback is for the first years after a birth; "
                "check the year."
            )
        return born

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        return {
            "birth_date": answers.get("birth_date"),
            "delivery": answers.get("delivery") or "",
            "perineal_tear": answers.get("perineal_tear") or "",
        }

    def merge(self, answers: dict[str, Any]) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **answers,
            "birth_date": data["birth_date"].isoformat(),
            "delivery": _none_if_blank(data["delivery"]),
            "perineal_tear": _none_if_blank(data["perineal_tear"]),
        }


class SymptomsForm(StepForm):
    symptoms = forms.MultipleChoiceField(
        label="Do you have any of these now?",
        help_text="Tick all that apply, or “None of these”.",
        choices=[(key, label) for key, (label, _) in words.SYMPTOMS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    none = forms.BooleanField(label="None of these", required=False)

    def clean(self) -> dict[str, Any]:
        # An explicit answer either way: an untouched page must not read as "no symptoms".
        cleaned = super().clean() or {}
        ticked, none = cleaned.get("symptoms"), cleaned.get("none")
        if ticked and none:
            self.add_error("none", "You ticked “None of these” and a symptom; untick one of them.")
        elif not ticked and not none:
            self.add_error("symptoms", "Tick what you have now, or “None of these”.")
        return cleaned

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        symptoms = answers.get("symptoms")
        return {"symptoms": symptoms or [], "none": symptoms == []}

    def merge(self, answers: dict[str, Any]) -> dict[str, Any]:
        return {**answers, "symptoms": list(self.cleaned_data["symptoms"])}


class TestsForm(StepForm):
    """The load-and-impact tests (passed, not yet, not tried) and the strength tests (reps)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in LOAD_IMPACT_TESTS:
            self.fields[name] = forms.ChoiceField(
                choices=words.TEST_RESULT, widget=forms.RadioSelect, required=False
            )
        for name in STRENGTH_TESTS:
            self.fields[name] = forms.IntegerField(
                min_value=0,
                max_value=200,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                error_messages={
                    "invalid": "Enter a whole number of repetitions, e.g. 12.",
                    "min_value": "Enter 0 or more.",
                    "max_value": "Enter 200 or fewer; stop counting at 20 if you like.",
                },
            )

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        tests = answers.get("tests") or {}
        load = tests.get("load_impact") or {}
        strength = tests.get("strength") or {}
        initial: dict[str, Any] = {name: load.get(name) or "" for name in LOAD_IMPACT_TESTS}
        initial.update({name: strength.get(name) for name in STRENGTH_TESTS})
        return initial

    def tests(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "load_impact": {name: _none_if_blank(data[name]) for name in LOAD_IMPACT_TESTS},
            "strength": {name: data[name] for name in STRENGTH_TESTS},
        }

    def merge(self, answers: dict[str, Any]) -> dict[str, Any]:
        return {**answers, "tests": self.tests()}


class WeekForm(StepForm):
    equipment = forms.MultipleChoiceField(
        label="What do you have at home?",
        help_text="A chair, a wall, a step, a cushion and a mat are assumed. Missing kit gets a swap.",
        choices=words.EQUIPMENT,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    training_days = forms.MultipleChoiceField(
        label="Which days of the week can you train?",
        help_text="Tick every day you could usually find 20 to 45 minutes. Sessions only go on "
        "these days. Runs never fall on two days in a row, and strength goes on a day "
        "without a run when you have one.",
        choices=words.WEEKDAY,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick at least one day you can train."},
    )

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        return {
            "equipment": answers.get("equipment", []),
            "training_days": answers.get("training_days") or [],
        }

    def merge(self, answers: dict[str, Any]) -> dict[str, Any]:
        data = self.cleaned_data
        kept = {key: value for key, value in answers.items() if key != "days_per_week"}
        return {
            **kept,
            "equipment": list(data["equipment"]),
            "training_days": list(data["training_days"]),
        }


def _yes_no(label: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=[*words.YES_NO, *OPTIONAL],
        widget=forms.RadioSelect,
        required=False,
    )


def _yes_no_initial(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _yes_no_answer(value: str) -> bool | None:
    return None if value == "" else value == "yes"


class BackgroundForm(StepForm):
    running_background = forms.ChoiceField(
        label="Before pregnancy, how much did you run?",
        choices=[*words.RUNNING_BACKGROUND, *OPTIONAL],
        widget=forms.RadioSelect,
        required=False,
    )
    goal = forms.ChoiceField(
        label="What would you like to get back to?",
        choices=[*words.GOAL, *OPTIONAL],
        widget=forms.RadioSelect,
        required=False,
    )
    breastfeeding = _yes_no("Are you breastfeeding?")
    sleep_hours = forms.DecimalField(
        label="Roughly how many hours do you sleep a night, in all?",
        help_text="Add up the pieces. A guess is fine.",
        min_value=0,
        max_value=24,
        decimal_places=1,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
        error_messages={
            "invalid": "Enter a number of hours, e.g. 6 or 6.5.",
            "min_value": "Enter 0 or more hours.",
            "max_value": "Enter 24 hours or fewer.",
            "max_decimal_places": "Use at most one decimal place, e.g. 6.5.",
        },
    )

    goal_date = forms.DateField(
        label="Is there a date you would like to reach it by?",
        help_text="Optional. Your plan says if it can be done safely by then, and when it can.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"],
        required=False,
        error_messages={"invalid": "Enter the date as day/month/year, e.g. 1/06/2027."},
    )
    leaked_running_before = _yes_no(
        "Did you leak when running before or during pregnancy?",
        "It makes leaking more likely now, so your plan asks you to watch for it.",
    )
    fear_of_movement = _yes_no(
        "Do you feel wary of running or jumping?",
        "Many mothers do. If so, your plan takes smaller steps.",
    )
    low_energy = _yes_no(
        "Do you often feel low on energy, or are you eating less than you need?",
        "If so, your plan builds up more slowly.",
    )

    @classmethod
    def initial_from(cls, answers: dict[str, Any]) -> dict[str, Any]:
        return {
            "running_background": answers.get("running_background") or "",
            "goal": answers.get("goal") or "",
            "sleep_hours": answers.get("sleep_hours"),
            "goal_date": answers.get("goal_date"),
            **{name: _yes_no_initial(answers.get(name)) for name in _YES_NO_ANSWERS},
        }

    def merge(self, answers: dict[str, Any]) -> dict[str, Any]:
        data = self.cleaned_data
        sleep = data["sleep_hours"]
        goal_date = data["goal_date"]
        return {
            **answers,
            "running_background": _none_if_blank(data["running_background"]),
            "goal": _none_if_blank(data["goal"]),
            "sleep_hours": None if sleep is None else float(sleep),
            "goal_date": None if goal_date is None else goal_date.isoformat(),
            **{name: _yes_no_answer(data[name]) for name in _YES_NO_ANSWERS},
        }


_YES_NO_ANSWERS = ("breastfeeding", "leaked_running_before", "fear_of_movement", "low_energy")


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    lead: str
    form: type[StepForm]
    fields: tuple[str, ...]  # the intake keys this step answers (to send errors home)


STEPS: tuple[Step, ...] = (
    Step(
        "birth",
        "Your baby's birth",
        "This sets the earliest day running is safe to start.",
        BirthForm,
        ("birth_date", "assessed_on", "delivery", "perineal_tear"),
    ),
    Step(
        "symptoms",
        "How your body is now",
        "These are signs the pelvic floor needs help first. They are common, and they can be treated.",
        SymptomsForm,
        ("symptoms",),
    ),
    Step(
        "tests",
        "The readiness tests",
        "Eleven short tests show whether your body is ready for the load of running. Do what you can; you can come back to this step.",
        TestsForm,
        ("tests",),
    ),
    Step(
        "week",
        "Your week and your kit",
        "So the plan fits your days and what you have at home.",
        WeekForm,
        ("equipment", "training_days"),
    ),
    Step(
        "background",
        "You and running",
        "This shapes the pace of your plan and the advice you get, not whether you may run.",
        BackgroundForm,
        (
            "running_background",
            "goal",
            "goal_date",
            "breastfeeding",
            "sleep_hours",
            "leaked_running_before",
            "fear_of_movement",
            "low_energy",
        ),
    ),
)
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def step_for_field(field: str) -> Step:
    """The step that answers an intake field (``tests.strength.single_leg_bridge`` → tests)."""
    top = field.split(".")[0].split("[")[0]
    for step in STEPS:
        if top in step.fields:
            return step
    return STEPS[0]
