"""Issue 12.11, the one helper every form uses: a maximum on every visible text field, a clear
Dutch message, and no ``maxlength`` attribute (the browser would cut a pasted text silently)."""

import importlib

import pytest
from django import forms

from voorop.core.forms import TEXT_LIMIT, forms_in, limit_texts

FORM_MODULES = [
    "voorop.accounts.forms",
    "voorop.budgeting.forms",
    "voorop.challenge.forms",
    "voorop.council.forms",
    "voorop.hostop.forms",
    "voorop.initiatives.forms",
    "voorop.loket.forms",
    "voorop.sortition.forms.assemblies",
    "voorop.sortition.forms.draw",
    "voorop.sortition.forms.invitations",
    "voorop.sortition.forms.quotas",
    "voorop.sortition.forms.registration",
]


class NoteForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea)
    title = forms.CharField(max_length=20)
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["extra"] = forms.CharField(required=False)
        limit_texts(self)


limit_texts(NoteForm, default=50)


def test_a_field_without_a_maximum_gets_the_default_and_a_set_one_stays():
    form = NoteForm()
    assert form.fields["note"].max_length == 50
    assert form.fields["title"].max_length == 20
    assert form.fields["extra"].max_length == TEXT_LIMIT  # added in __init__
    assert form.fields["token"].max_length is None  # hidden: nobody types it


def test_no_maxlength_attribute_and_the_text_comes_back_with_the_message():
    note = "x" * 51
    form = NoteForm({"note": note, "title": "t" * 21, "token": "a"})
    assert "maxlength" not in str(form)
    assert not form.is_valid()
    assert form.errors["note"] == [
        "Deze tekst is te lang: hoogstens 50 tekens, en het zijn er nu 51. "
        "Maak hem korter; wat u typte, staat er nog."
    ]
    assert "hoogstens 20 tekens, en het zijn er nu 21" in form.errors["title"][0]
    assert note in str(form["note"])


@pytest.mark.parametrize("module", FORM_MODULES)
def test_every_text_field_of_every_app_form_is_limited(module):
    for form_class in forms_in(importlib.import_module(module).__name__):
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.CharField) and not field.widget.is_hidden:
                where = f"{form_class.__name__}.{name}"
                assert field.max_length, f"{where} has no maximum"
                assert "maxlength" not in field.widget.attrs, where
                assert "te lang" in str(field.error_messages["max_length"]), where
