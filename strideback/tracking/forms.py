"""The logging and re-test forms."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from strideback.core.intake import LOAD_IMPACT_TESTS, STRENGTH_TESTS
from strideback.core.vocabulary import COMPLETED, LIMIT_WORDS, PELVIC_FLOOR
from strideback.programmes.forms import TestsForm, name_required
from strideback.programmes.words import SYMPTOMS

SCALE = [(str(n), str(n)) for n in range(11)]

# The next-day check, asked on Today the day after a session with pain.
SETTLED = [("yes", "Yes, it has settled"), ("no", "No, it is still there")]


UNREADABLE = "This form could not be read. Reload the page and log again."


class SessionLogForm(forms.Form):
    """How a session went. On Today the form also carries ``client_key`` (made when the form
    is shown, so the same form sent twice is logged once) and the ``day`` it was shown for (a
    log saved on her phone while offline and sent later still counts for that day)."""

    client_key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    day = forms.CharField(required=False, max_length=10, widget=forms.HiddenInput)
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
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Any pain? Please pick a number: 0 if there was none, up to 10."
        },
    )
    pain_where = forms.CharField(
        label="Where was the pain?",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "e.g. left knee, lower back"}),
    )
    ran_minutes = forms.IntegerField(
        label="Minutes you ran, if not as planned (optional)",
        help_text="Only the running, not the walks. Running more than planned does not move "
        "your plan on faster; it is there to keep you safe.",
        min_value=0,
        max_value=600,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Minutes you ran: a whole number of minutes, such as 12.",
            "min_value": "Minutes you ran: 0 or more.",
            "max_value": "Minutes you ran: at most 600.",
        },
    )
    pelvic_floor_symptoms = forms.MultipleChoiceField(
        label="Did you notice any of these, during or after?",
        help_text="In the vagina or pelvis. Tick all that apply.",
        choices=PELVIC_FLOOR,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(
        label="Anything else? (optional)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        # A fresh key each time the form is shown; a bound form keeps the one it was sent with.
        self.fields["client_key"].initial = uuid.uuid4()
        self.fields["day"].initial = self.today.isoformat()
        name_required(self.fields)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Hidden fields: their problems are said above the form, where she will see them.
        unreadable = [self.errors.pop(name, None) for name in ("client_key", "day")]
        if any(unreadable):
            self.add_error(None, UNREADABLE)
        elif "day" in data:
            data["day"] = self._day(data["day"])
        return data

    def _day(self, text: str) -> date | None:
        """The day the form was shown for (today if it says none). Whether a log may count
        for that day is the service's rule (`check_log_day`)."""
        if not text:
            return self.today
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.add_error(None, UNREADABLE)
            return None

    @property
    def log_day(self) -> date:
        """The day the log is for: today unless the form was shown on an earlier day."""
        day = self.cleaned_data.get("day")
        return day if isinstance(day, date) else self.today

    @property
    def sent_key(self) -> uuid.UUID | None:
        """The key the form was shown with, when it was sent with one."""
        key = self.cleaned_data.get("client_key")
        return key if isinstance(key, uuid.UUID) else None

    def log(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "completed": data["completed"],
            "rpe": data["rpe"],
            "pain": data["pain"],
            "pain_where": data["pain_where"].strip() or None,
            "pelvic_floor_symptoms": list(data["pelvic_floor_symptoms"]),
            "note": data["note"].strip() or None,
            **({"ran_minutes": data["ran_minutes"]} if data.get("ran_minutes") is not None else {}),
        }

    @staticmethod
    def initial_from(data: dict[str, Any]) -> dict[str, Any]:
        return {
            "completed": data.get("completed"),
            "rpe": "" if data.get("rpe") is None else str(data["rpe"]),
            "pain": "" if data.get("pain") is None else str(data["pain"]),
            "pain_where": data.get("pain_where") or "",
            "pelvic_floor_symptoms": data.get("pelvic_floor_symptoms", []),
            "note": data.get("note") or "",
            "ran_minutes": data.get("ran_minutes"),
        }


class NextDayCheckForm(forms.Form):
    """Has the pain from her last session settled? Asked on Today the next day."""

    settled = forms.ChoiceField(
        label="Has the pain settled?",
        choices=SETTLED,
        error_messages={"required": "Has the pain settled? Please tap yes or no."},
    )

    @property
    def answer(self) -> bool:
        return bool(self.cleaned_data["settled"] == "yes")


class RetestForm(TestsForm):
    """The tests again, and any symptoms she has now. The key made when the form is shown
    records it once, however often it is sent."""

    client_key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    symptoms = forms.MultipleChoiceField(
        label="Do you have any of these now?",
        choices=[(key, label) for key, (label, _) in SYMPTOMS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client_key"].initial = uuid.uuid4()

    @property
    def sent_key(self) -> uuid.UUID | None:
        key = self.cleaned_data.get("client_key")
        return key if isinstance(key, uuid.UUID) else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        names = (*LOAD_IMPACT_TESTS, *STRENGTH_TESTS)
        if not self.errors and all(data.get(name) in (None, "") for name in names):
            self.add_error(
                None,
                "Record at least one test: mark each one you tried as passed or not yet, "
                "and count your strength reps.",
            )
        return data

    def result(self) -> dict[str, Any]:
        """The re-test as the core's event records it: the tests and the symptoms."""
        return {"tests": self.tests(), "symptoms": list(self.cleaned_data["symptoms"])}

    @staticmethod
    def initial_from_event(data: dict[str, Any]) -> dict[str, Any]:
        initial = TestsForm.initial_from(data)
        initial["symptoms"] = data.get("symptoms", [])
        return initial


class _KeyedForm(forms.Form):
    """A form with a key made when it is shown, so the same form sent twice acts once."""

    client_key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client_key"].initial = uuid.uuid4()
        name_required(self.fields)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors.pop("client_key", None):
            self.add_error(None, "This form could not be read. Reload the page and try again.")
        return data

    @property
    def sent_key(self) -> uuid.UUID | None:
        key = self.cleaned_data.get("client_key")
        return key if isinstance(key, uuid.UUID) else None


PAUSE_REASONS = [
    ("illness", "I am unwell (or the baby is)"),
    ("bad_week", "A hard week: sleep, feeding, life"),
    ("holiday", "A holiday or time away"),
    ("injury", "An ache or injury to rest"),
    ("other", "Something else"),
]


class PauseForm(_KeyedForm):
    why = forms.ChoiceField(
        label="Why are you pausing? (optional)",
        choices=PAUSE_REASONS,
        widget=forms.RadioSelect,
        required=False,
    )
    detail = forms.CharField(
        label="Anything to add? (optional)",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "e.g. back on the 20th"}),
    )

    def reason(self) -> str | None:
        words = dict(PAUSE_REASONS).get(self.cleaned_data.get("why") or "", "")
        detail = (self.cleaned_data.get("detail") or "").strip()
        text = ": ".join(part for part in (words, detail) if part)
        return text[:300] or None


class ResumeForm(_KeyedForm):
    pass


class ClearanceForm(_KeyedForm):
    """Her own report that a pelvic health physiotherapist has assessed her."""

    by = forms.CharField(
        label="Who assessed you?",
        help_text="Their name, and where they work if you like.",
        min_length=2,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": "Enter who assessed you, e.g. “Sam Lee, pelvic health physio”.",
            "min_length": "Enter at least 2 letters of their name.",
        },
    )
    date = forms.DateField(
        label="When?",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"],
        error_messages={"invalid": "Enter the date as day/month/year, e.g. 15/11/2026."},
    )
    note = forms.CharField(
        label="What did they say? (optional)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    limits = forms.MultipleChoiceField(
        label="Did they set any limits for now?",
        help_text="Tick what they asked for. Your plan keeps to the strictest.",
        choices=[(code, words[0]) for code, words in LIMIT_WORDS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    confirm = forms.BooleanField(
        label="A pelvic health physiotherapist has assessed me and said I can carry on.",
        error_messages={
            "required": "Tick this to confirm; if you have not been seen yet, keep your plan as "
            "it is."
        },
    )

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = today or timezone.localdate()

    def assessment(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "by": data["by"].strip(),
            "date": data["date"],
            "note": data["note"].strip() or None,
            "limits": list(data["limits"]),
        }


class WatchAnswersForm(forms.Form):
    """The questions a watch cannot answer, for a run it brought in."""

    pelvic_floor_symptoms = SessionLogForm.base_fields["pelvic_floor_symptoms"]
    rpe = SessionLogForm.base_fields["rpe"]
    pain = SessionLogForm.base_fields["pain"]
    pain_where = SessionLogForm.base_fields["pain_where"]
    note = SessionLogForm.base_fields["note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name_required(self.fields)

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "rpe": data["rpe"],
            "pain": data["pain"],
            "pain_where": data["pain_where"].strip() or None,
            "pelvic_floor_symptoms": list(data["pelvic_floor_symptoms"]),
            "note": data["note"].strip() or None,
        }
