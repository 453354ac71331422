"""The forms for a practice's own exercises and templates: the document as typed text."""

from __future__ import annotations

from django import forms

LONGEST_DOCUMENT = 20_000  # characters: a long exercise is about 3,000


class DocumentForm(forms.Form):
    """An exercise or a template, written as YAML or JSON."""

    text = forms.CharField(
        label="Written as YAML or JSON",
        max_length=LONGEST_DOCUMENT,
        strip=False,  # YAML's indentation is its meaning
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false", "class": "document"}),
    )


class ApplyForm(forms.Form):
    template = forms.SlugField(max_length=80)
