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


def test_a_valid_post_reads_no_tree_and_a_shown_form_reads_it_once():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    town = AreaFactory(name="Stad")
    with CaptureQueriesContext(connection) as checked:
        form = PickArea(data={"area": str(town.pk)})
        assert form.is_valid()
    # One query: the chosen area itself, not the whole tree (issue 13).
    assert len(checked) == 1 and "LIMIT" in checked[0]["sql"].upper()
    with CaptureQueriesContext(connection) as shown:
        html = str(PickArea(data={"area": "999999"}))
    assert "Stad" in html
    assert len([q for q in shown if "ORDER BY" in q["sql"].upper()]) == 1  # the tree, once
