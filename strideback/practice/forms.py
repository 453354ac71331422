"""The professional's forms, with labels in plain words and errors beside each field."""

from __future__ import annotations

from typing import Any

from django import forms

from strideback.core.vocabulary import PROFESSION
from strideback.programmes.forms import name_required


class StartForm(forms.Form):
    """Set up as a professional: a practice of her own, or a colleague's by its code."""

    first_name = forms.CharField(label="First name", max_length=60)
    last_name = forms.CharField(label="Last name", max_length=80)
    profession = forms.ChoiceField(
        label="You are a",
        choices=PROFESSION,
        widget=forms.RadioSelect,
        help_text="Only a physiotherapist can lift a pelvic-floor referral.",
    )
    how = forms.ChoiceField(
        label="Your practice",
        choices=[("new", "Start a practice"), ("join", "Join a colleague's practice")],
        widget=forms.RadioSelect,
        initial="new",
    )
    practice_name = forms.CharField(label="Practice name", max_length=120, required=False)
    country = forms.CharField(label="Country", max_length=60, required=False)
    code = forms.CharField(
        label="Invitation code",
        max_length=12,
        required=False,
        help_text="The 8-letter code from your colleague's invitation.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name_required(self.fields)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("how") == "join":
            if not (data.get("code") or "").strip():
                self.add_error("code", "Type the code from your colleague's invitation.")
        elif data.get("how") == "new":
            if not (data.get("practice_name") or "").strip():
                self.add_error(
                    "practice_name", "Give your practice's name (your own name will do)."
                )
            if not (data.get("country") or "").strip():
                self.add_error("country", "Say which country the practice is in.")
        return data
