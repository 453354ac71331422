"""The settings page's form for a new API token."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms

from strideback.api.tokens import MAX_DAYS, NAME_LENGTH


class TokenForm(forms.Form):
    """A name, a scope and an optional life; the key made when the form is shown makes one
    token however often it is sent."""

    client_key = forms.UUIDField(required=False, widget=forms.HiddenInput)
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client_key"].initial = uuid.uuid4()

    @property
    def sent_key(self) -> uuid.UUID | None:
        key = self.cleaned_data.get("client_key")
        return key if isinstance(key, uuid.UUID) else None
