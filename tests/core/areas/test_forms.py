import pytest
from django import forms

from tests.core.areas.factories import AreaFactory
from voorop.core.areas.forms import AreaChoiceField

pytestmark = pytest.mark.django_db


class PickArea(forms.Form):
    area = AreaChoiceField(required=False, empty_label="Heel de gemeente")


def test_choices_show_the_hierarchy_read_when_the_form_is_shown():
    form = PickArea()  # built before the areas exist: the choices are read when shown
    town = AreaFactory(name="Stad")
    north = AreaFactory(name="Noord", parent=town, kind="wijk")
    choices = [(str(value), label) for value, label in form["area"].field.choices]
    assert choices == [
        ("", "Heel de gemeente"),
        (str(town.pk), "Stad"),
        (str(north.pk), "\u2003Noord"),
    ]


def test_a_chosen_area_is_cleaned_to_the_area():
    town = AreaFactory(name="Stad")
    form = PickArea(data={"area": str(town.pk)})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["area"] == town


def test_an_unknown_area_is_refused():
    form = PickArea(data={"area": "999999"})
    assert not form.is_valid()
    assert "area" in form.errors
