"""The forms that change her week: move a session, skip one with a reason, undo either."""

from __future__ import annotations

from django import forms

from strideback.core.vocabulary import SKIP_REASONS
from strideback.tracking.forms import _KeyedForm

SESSION_KINDS = [
    ("strength", "Strength"),
    ("mobility", "Mobility"),
    ("walk_run", "Walk-run"),
    ("run", "Run"),
    ("retest", "Re-test"),
]
BAD_SESSION = "This form could not be read. Go back to your plan and try again."


class _SessionForm(_KeyedForm):
    """Which session: its day and kind, as the page showed them."""

    day = forms.DateField(widget=forms.HiddenInput, error_messages={"invalid": BAD_SESSION})
    kind = forms.ChoiceField(
        choices=SESSION_KINDS,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": BAD_SESSION},
    )


class MoveForm(_SessionForm):
    to = forms.DateField(
        label="Move it to",
        error_messages={
            "required": "Choose the day to move it to.",
            "invalid": "Choose the day to move it to from the list.",
        },
    )


class SkipForm(_SessionForm):
    kind = forms.ChoiceField(
        choices=SESSION_KINDS[:4],
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": BAD_SESSION},
    )
    reason = forms.ChoiceField(
        label="Why are you skipping it?",
        choices=SKIP_REASONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why you are skipping it."},
    )


class UndoForm(_KeyedForm):
    pass
