"""Forms for sharing, starting a runner in clinic and the team, in plain words."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import QueryDict

from strideback.practice.models import Role, Share
from strideback.programmes.forms import STEPS, StepForm, name_required


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name_required(self.fields)


class CodeForm(_Form):
    code = forms.CharField(
        label="Your code",
        max_length=20,
        help_text="The code your physio or coach gave you, or their practice's code.",
    )


class InviteClientForm(_Form):
    email = forms.EmailField(
        label="Her email address",
        required=False,
        help_text="We email her the link. Leave it empty for a code to read out or write down.",
    )


class ClaimForm(_Form):
    password = forms.CharField(
        label="Choose a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters; a few words you will remember work well.",
    )


class RunnerForm(_Form):
    email = forms.EmailField(
        label="Her email address", help_text="We email her the link to her account."
    )
    first_name = forms.CharField(label="Her first name", max_length=60)
    last_name = forms.CharField(label="Her last name", max_length=80, required=False)


def intake_forms(data: QueryDict | None, today: date) -> list[StepForm]:
    """The intake's own steps on one page, each with its own prefix."""
    return [step.form(data, prefix=step.slug, today=today) for step in STEPS]


def answers_from(steps: list[StepForm]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for form in steps:
        answers = form.merge(answers)
    return answers


class InviteMemberForm(_Form):
    email = forms.EmailField(
        label="Your colleague's email address",
        required=False,
        help_text="We email her the code. Leave it empty to give her the code yourself.",
    )
    role = forms.ChoiceField(
        label="Her role",
        choices=Role.choices,
        initial=Role.CLINICIAN,
        widget=forms.RadioSelect,
        help_text="Every member sees the practice's clients. Only an owner runs the team.",
    )


class AssignForm(_Form):
    clinician = forms.IntegerField(
        label="Looked after by", required=False, min_value=1, max_value=2**63 - 1
    )


class StatusForm(_Form):
    status = forms.ChoiceField(label="Status", choices=Share.Status.choices)
