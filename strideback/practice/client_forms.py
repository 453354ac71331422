"""The forms on a client's page. They read the input; the services check what is allowed
(the ranges of each score), so the same rules hold for any other way in."""

from __future__ import annotations

from django import forms

from strideback.practice.models import Questionnaire


class TextForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class ScoreForm(forms.Form):
    questionnaire = forms.ChoiceField(choices=Questionnaire.choices)
    taken_on = forms.DateField(label="Day taken", widget=forms.DateInput(attrs={"type": "date"}))
    total = forms.DecimalField(label="Total", max_digits=5, decimal_places=2)
    popdi_6 = forms.DecimalField(label="POPDI-6", required=False, max_digits=5, decimal_places=2)
    cradi_8 = forms.DecimalField(label="CRADI-8", required=False, max_digits=5, decimal_places=2)
    udi_6 = forms.DecimalField(label="UDI-6", required=False, max_digits=5, decimal_places=2)


class LicenceForm(forms.Form):
    questionnaires = forms.MultipleChoiceField(
        choices=Questionnaire.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
