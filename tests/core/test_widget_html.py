"""Issue 13: Django's widget templates rendered in Python (voorop.core.widget_html) give the
very same HTML as the templates, for every kind of widget, bound and unbound, with errors,
odd values and odd attributes; and the templates are really skipped."""

from __future__ import annotations

import datetime
import decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.http import QueryDict
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from voorop.core import widget_html
from voorop.core.forms import VooropFormRenderer


class TemplatesOnly(VooropFormRenderer):
    """The project's renderer without the Python widgets: Django's templates throughout."""

    def render(self, template_name, context, request=None):
        return DjangoTemplates.render(self, template_name, context, request=request)


CHOICES = [
    ("", "---"),
    ("a", "Plain"),
    ("b&c", 'Quotes " and <tags> & ampersands'),
    ("lazy", gettext_lazy("Theme")),
    (3, 42),
    ("safe", mark_safe("<b>safe</b>")),
]
GROUPED = [
    ("", "Pick one"),
    ("Fruit", [("apple", "Apple"), ("pear", "Pear")]),
    ("Veg", [("leek", "Leek")]),
    ("lone", "Alone"),
]


class EveryWidget(forms.Form):
    text = forms.CharField(help_text="Some help", max_length=10)
    email = forms.EmailField(required=False)
    number = forms.DecimalField(required=False)
    integer = forms.IntegerField(required=False, widget=forms.NumberInput(attrs={"step": 2}))
    url = forms.URLField(required=False)
    password = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    secret = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"data-x": None}))
    agree = forms.BooleanField(required=False)
    must = forms.BooleanField(label=mark_safe("I <em>must</em>"))
    when = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    at = forms.DateTimeField(required=False)
    time = forms.TimeField(required=False)
    phone = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "tel"}))
    search = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"autofocus": True, "disabled": False})
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    upload = forms.FileField(required=False)
    pick = forms.ChoiceField(choices=CHOICES, required=False)
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    maybe = forms.NullBooleanField(required=False)
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect, required=False)
    radio_grouped = forms.ChoiceField(choices=GROUPED, widget=forms.RadioSelect, required=False)
    boxes = forms.MultipleChoiceField(
        choices=CHOICES[1:],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "boxes"}),
        required=False,
    )
    boxes_grouped = forms.MultipleChoiceField(
        choices=GROUPED[1:], widget=forms.CheckboxSelectMultiple, required=False
    )
    kept = forms.CharField(required=False, widget=forms.MultipleHiddenInput)
    split = forms.SplitDateTimeField(required=False)


BOUND = {
    "text": 'A "quoted" <text> that is too long & more',
    "email": "not an address",
    "number": "1.5",
    "integer": "7",
    "url": "https://example.org/?a=1&b=2",
    "password": "s3cret<",
    "hidden": "h&",
    "agree": "on",
    "when": "2026-12-06",
    "at": "2026-12-06 10:30",
    "time": "10:30",
    "phone": "+31 6",
    "search": "",
    "note": 'Line 1\nLine <2> & "3"',
    "pick": "b&c",
    "grouped": "pear",
    "many": ["a", "3"],
    "maybe": "true",
    "radio": "lazy",
    "radio_grouped": "leek",
    "boxes": ["a", "safe"],
    "boxes_grouped": ["apple", "leek"],
    "kept": ["one", "two&"],
}


def _both(make_form):
    fast, slow = make_form(VooropFormRenderer()), make_form(TemplatesOnly())
    return str(fast), str(slow)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_unbound_form_is_the_same(language):
    from django.utils import translation

    with translation.override(language):
        fast, slow = _both(lambda renderer: EveryWidget(renderer=renderer))
    assert fast == slow
    assert "<select" in fast and 'type="radio"' in fast and "<textarea" in fast


def test_bound_form_with_errors_is_the_same():
    data = QueryDict(mutable=True)
    for name, value in BOUND.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    fast, slow = _both(lambda renderer: EveryWidget(data, renderer=renderer))
    assert fast == slow
    assert 'aria-invalid="true"' in fast  # the errors are there
    assert "&quot;quoted&quot; &lt;text&gt;" in fast


def test_initial_values_of_every_type_are_the_same():
    initial = {
        "text": mark_safe("<i>safe</i>"),
        "number": decimal.Decimal("1234.5"),
        "integer": 1234,
        "when": datetime.date(2026, 12, 6),
        "at": datetime.datetime(2026, 12, 6, 10, 30, tzinfo=datetime.UTC),
        "time": datetime.time(10, 30),
        "agree": True,
        "pick": 3,
        "many": [3, "a"],
        "maybe": False,
        "radio": 3,
        "note": 17,
    }
    fast, slow = _both(lambda renderer: EveryWidget(initial=initial, renderer=renderer))
    assert fast == slow


def test_prefix_and_custom_ids_are_the_same():
    fast, slow = _both(
        lambda renderer: EveryWidget(prefix="refer", auto_id="field-%s", renderer=renderer)
    )
    assert fast == slow
    fast, slow = _both(lambda renderer: EveryWidget(auto_id=False, renderer=renderer))
    assert fast == slow


@pytest.mark.django_db
def test_the_desk_forms_are_the_same():
    from voorop.core.areas.models import Area, Theme
    from voorop.loket import forms as desk_forms

    top = Area.objects.create(name="Gemeente", slug="gemeente")
    Area.objects.create(name="Wijk & <Buurt>", slug="wijk", parent=top)
    Theme.objects.create(name='groen "en" blauw')

    def queue(renderer):
        form = desk_forms.QueueFilterForm(QueryDict("status=open&kind=idee"), renderer=renderer)
        form.is_valid()
        return form

    for make in (
        lambda renderer: desk_forms.SubmitForm(user=None, renderer=renderer),
        lambda renderer: desk_forms.SubmitForm(QueryDict("kind=x"), user=None, renderer=renderer),
        lambda renderer: desk_forms.RegisterForm(renderer=renderer),
        queue,
    ):
        fast, slow = _both(make)
        # The one-time key is new for every unbound form; the rest is the same.
        assert _without_once(fast) == _without_once(slow)


def _without_once(html: str) -> str:
    import re

    return re.sub(r'name="once" value="[^"]*"', 'name="once"', html)


def test_the_templates_of_the_common_widgets_are_not_rendered(monkeypatch):
    """Selects, radio lists, check boxes, text fields and text areas: no widget template."""
    loaded = []
    renderer = VooropFormRenderer()
    engine = renderer.engine
    original = engine.get_template
    monkeypatch.setattr(engine, "get_template", lambda name: loaded.append(name) or original(name))

    class Common(forms.Form):
        text = forms.CharField()
        note = forms.CharField(widget=forms.Textarea)
        agree = forms.BooleanField()
        pick = forms.ChoiceField(choices=CHOICES)
        radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)
        boxes = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple)
        hidden = forms.CharField(widget=forms.HiddenInput)

    str(Common(renderer=renderer))
    assert loaded  # the field and form templates are still templates
    assert not [name for name in loaded if name.startswith("django/forms/widgets/")]


def test_something_unusual_is_left_to_the_template():
    class Called:
        def __call__(self):
            return "called"

    widget = {"name": "x", "attrs": {"data-x": Called()}, "optgroups": [], "value": None}
    assert widget_html.render("django/forms/widgets/select.html", {"widget": widget}) is None
    option = {"template_name": "my/option.html", "value": "a", "label": "A", "attrs": {}}
    widget = {"name": "x", "attrs": {}, "optgroups": [(None, [option], 0)]}
    assert widget_html.render("django/forms/widgets/select.html", {"widget": widget}) is None
    assert widget_html.render("my/widget.html", {"widget": widget}) is None
