"""Issue 14.8: Django 6's empty choice "- Select an option -" is Dutch on a Dutch page, and
is never shown as a radio button already checked as if it were an answer."""

from __future__ import annotations

from django import forms
from django.utils import translation

from voorop.initiatives.models import ExperimentMode, Initiative


class ExampleForm(forms.Form):
    """Fields as a ModelForm makes them from optional choice fields (Django's empty choice)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = Initiative._meta.get_field("experiment_mode")
        self.fields["mode"] = field.formfield(widget=forms.RadioSelect)
        self.fields["kind"] = field.formfield()


def test_the_empty_choice_of_a_list_is_dutch():
    with translation.override("nl"):
        page = str(ExampleForm()["kind"])
    assert "- Maak een keuze -" in page
    assert "Select an option" not in page
    with translation.override("en"):
        assert "- Select an option -" in str(ExampleForm()["kind"])


def test_radio_buttons_offer_no_empty_answer_and_none_is_checked():
    with translation.override("nl"):
        page = str(ExampleForm()["mode"])
    assert "Maak een keuze" not in page and "Select an option" not in page
    assert 'value=""' not in page
    assert "checked" not in page
    assert page.count('type="radio"') == len(ExperimentMode.choices)


def test_an_optional_radio_question_left_alone_stays_unanswered():
    form = ExampleForm(data={"kind": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["mode"] == ""


def test_a_named_empty_answer_is_kept():
    class Named(ExampleForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["mode"].choices = [("", "Nog niet gekozen"), ("a", "Een keuze")]

    page = str(Named()["mode"])
    assert "Nog niet gekozen" in page
    assert "checked" in page
