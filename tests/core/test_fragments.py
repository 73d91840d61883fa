"""Issue 13: pieces of a page kept under a digest of everything their rows hold
(voorop.core.fragments): the same rows give the kept piece, any change another."""

import dataclasses

import pytest
from django.utils import translation

from tests.accounts.factories import UserFactory
from tests.core.areas.factories import AreaFactory
from voorop.accounts.models import User
from voorop.core import fragments

pytestmark = pytest.mark.django_db


@dataclasses.dataclass(frozen=True)
class Row:
    person: User
    note: str


def _fetch(pk: int) -> User:
    return User.objects.select_related("home_area").get(pk=pk)


def test_the_digest_follows_every_field_and_what_was_fetched_with_it():
    person = UserFactory(display_name="Anna", home_area=AreaFactory(name="Noord"))
    before = fragments.digest([Row(_fetch(person.pk), "x")])
    assert fragments.digest([Row(_fetch(person.pk), "x")]) == before
    assert fragments.digest([Row(_fetch(person.pk), "y")]) != before
    User.objects.filter(pk=person.pk).update(display_name="Bea")
    assert fragments.digest([Row(_fetch(person.pk), "x")]) != before
    renamed = fragments.digest([Row(_fetch(person.pk), "x")])
    person.home_area.__class__.objects.filter(pk=person.home_area_id).update(name="Zuid")
    assert fragments.digest([Row(_fetch(person.pk), "x")]) != renamed
    # Caches kept on an instance (underscore names) are not its content.
    fetched = _fetch(person.pk)
    plain = fragments.digest([fetched])
    fetched._voorop_roles = frozenset({"beheerder"})
    assert fragments.digest([fetched]) == plain


def test_a_piece_is_rendered_once_per_content_and_language():
    person = UserFactory(display_name="Anna")
    calls = []

    def piece(rows):
        return fragments.rendered(
            "test.piece", rows, render=lambda: calls.append(1) or f"<p>{rows[0].public_name}</p>"
        )

    assert piece([_fetch(person.pk)]) == "<p>Anna</p>"
    assert piece([_fetch(person.pk)]) == "<p>Anna</p>"
    assert len(calls) == 1
    with translation.override("en"):
        piece([_fetch(person.pk)])
    assert len(calls) == 2
    User.objects.filter(pk=person.pk).update(display_name="Bea")
    assert piece([_fetch(person.pk)]) == "<p>Bea</p>"
    assert len(calls) == 3


def test_what_cannot_be_digested_is_rendered_every_time():
    calls = []
    rows = [lambda: None]  # not picklable
    for _ in range(2):
        fragments.rendered("test.odd", rows, render=lambda: calls.append(1) or "<p>x</p>")
    assert len(calls) == 2


def test_a_form_is_kept_under_its_data_initial_values_and_choices():
    from django import forms
    from django.http import QueryDict
    from django.utils import timezone

    class Pick(forms.Form):
        person = forms.ModelChoiceField(queryset=User.objects.order_by("pk"), required=False)
        note = forms.CharField(required=False)

    calls = []

    def html(form):
        return fragments.form_html("test.form", form, render=lambda: calls.append(1) or str(form))

    UserFactory(display_name="Anna")
    first = html(Pick())
    assert html(Pick()) == first and len(calls) == 1
    assert html(Pick(initial={"note": "hoi"})) != first
    assert html(Pick(QueryDict("note=a"))) != html(Pick(QueryDict("note=b")))
    calls.clear()
    UserFactory(display_name="Bea")  # a new choice
    assert "Bea" in html(Pick()) and len(calls) == 1

    class Today(forms.Form):
        day = forms.DateField(initial=timezone.localdate)

    calls.clear()
    html(Today())
    html(Today())
    assert len(calls) == 2  # an initial value of the moment: rendered every time


def test_a_forms_choices_are_read_once_for_the_digest_and_the_page():
    from django import forms
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    class Pick(forms.Form):
        person = forms.ModelChoiceField(queryset=User.objects.order_by("pk"))

    UserFactory(display_name="Anna")
    with CaptureQueriesContext(connection) as missed:
        html = fragments.form_html("test.once", Pick())
    with CaptureQueriesContext(connection) as kept:
        assert fragments.form_html("test.once", Pick()) == html
    assert "Anna" in html
    assert len(missed) == len(kept) == 1  # the rows, not counted first, not read twice


def test_a_piece_is_kept_per_time_zone_and_script_prefix():
    from django.urls import set_script_prefix
    from django.utils import timezone

    calls = []

    def piece():
        return fragments.rendered("test.where", ["row"], render=lambda: calls.append(1) or "x")

    piece()
    piece()
    assert len(calls) == 1
    with timezone.override("UTC"):
        piece()
    set_script_prefix("/participatie/")
    try:
        piece()
    finally:
        set_script_prefix("/")
    assert len(calls) == 3


def test_rows_of_plain_values_are_compared_whole_and_anything_else_value_by_value():
    """Issue 13: a row read with values_list (a tuple of plain values) is digested as it is;
    every value still counts, and a tuple that holds an instance is looked into."""
    import datetime
    from decimal import Decimal

    moment = datetime.datetime(2026, 12, 7, 9, 30, tzinfo=datetime.UTC)
    row = (1, "D-2026-00001", True, None, moment, datetime.date(2026, 12, 14), Decimal("1.50"))
    before = fragments.digest([row])
    assert fragments.digest([tuple(row)]) == before
    for position, other in enumerate(
        [2, "D-2026-00002", False, "", moment.replace(minute=31), datetime.date(2026, 12, 15), 1]
    ):
        changed = (*row[:position], other, *row[position + 1 :])
        assert fragments.digest([changed]) != before, position
    # Equal in Python, not the same to show.
    assert fragments.digest([(True,)]) != fragments.digest([(1,)])
    assert fragments.digest([(1,)]) != fragments.digest([(1.0,)])
    assert fragments.digest([(moment.date(),)]) != fragments.digest([(moment,)])
    person = UserFactory(display_name="Anna")
    holding = fragments.digest([(1, _fetch(person.pk))])
    User.objects.filter(pk=person.pk).update(display_name="Bea")
    assert fragments.digest([(1, _fetch(person.pk))]) != holding
