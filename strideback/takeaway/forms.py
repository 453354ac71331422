"""The settings page's forms: the calendar feed switch and the account deletion check."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

from strideback.accounts.zones import zone_names

if TYPE_CHECKING:
    from strideback.accounts.models import User


class PreferencesForm(forms.Form):
    """Her settings: the time zone her days follow, kilometres or miles, and when her
    calendar reminds her of a session."""

    time_zone = forms.ChoiceField(
        label="Your time zone",
        help_text="Your day starts at midnight here: what is due today, and what you log for it.",
        required=False,
        error_messages={
            "invalid_choice": "%(value)s is not a time zone we know; choose one from the list, "
            "such as Europe/London."
        },
    )
    units = forms.ChoiceField(
        label="Distances in",
        choices=[("km", "Kilometres"), ("mi", "Miles")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose kilometres or miles.",
            "invalid_choice": "%(value)s is not a unit here; choose kilometres or miles.",
        },
    )
    reminder_at = forms.TimeField(
        label="Remind me of a session at (optional)",
        help_text="Your calendar feed reminds you at this time on each day with a session. "
        "Leave it empty for no reminder.",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Enter a time of day as hours and minutes, such as 07:30."},
    )

    remind_by_email = forms.BooleanField(
        label="Email me too at that time, on a day with a session or a pain check waiting",
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [
            ("", "The server's time zone"),
            *((name, name.replace("_", " ")) for name in zone_names()),
        ]


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
