"""The settings page's forms: the calendar feed switch and the account deletion check."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

if TYPE_CHECKING:
    from strideback.accounts.models import User


class FeedForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("on", "Turn on"),
            ("reset", "Make a new address"),
            ("off", "Turn off"),
        ],
        error_messages={
            "required": "Choose what to do with your calendar feed: on, reset or off.",
            "invalid_choice": "%(value)s is not something the calendar feed can do; choose on, reset or off.",
        },
    )


class DeleteAccountForm(forms.Form):
    """Her password, to be sure it is her. What is wrong is said above the field (the
    password is never shown back to her)."""

    password = forms.CharField(
        label="Your password",
        required=False,
        strip=False,
        help_text="To be sure it is you. Nothing is deleted unless it matches.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = str(cleaned.get("password") or "")
        if not password:
            self.add_error(
                None, "Type your password to delete your account. Nothing has been deleted."
            )
        elif not self.user.check_password(password):
            self.add_error(
                None,
                "That is not your password, so nothing has been deleted. Try again, or "
                "reset your password if you have forgotten it.",
            )
        return cleaned
