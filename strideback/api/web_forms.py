"""The settings page's form for a new API token."""

from __future__ import annotations

from django import forms

from strideback.api.tokens import MAX_DAYS, NAME_LENGTH
from strideback.tracking.forms import _KeyedForm


class TokenForm(_KeyedForm):
    """A name, a scope and an optional life; the key made when the form is shown makes one
    token however often it is sent."""

    name = forms.CharField(
        label="What is it for?",
        max_length=NAME_LENGTH,
        help_text="A name you will recognise, such as “Garmin sync” or “my spreadsheet”.",
        error_messages={"required": "Give the token a name, such as “my spreadsheet”."},
    )
    scope = forms.ChoiceField(
        label="What may it do?",
        choices=[
            ("read", "Read my programme and entries"),
            ("write", "Read, and log sessions and make changes"),
        ],
        initial="read",
        widget=forms.RadioSelect,
    )
    days = forms.IntegerField(
        label="Stop working after (days, optional)",
        min_value=1,
        max_value=MAX_DAYS,
        required=False,
        help_text=f"1 to {MAX_DAYS}; leave empty to keep it until you revoke it.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
