"""Euros: shown exact to the cent, read as Dutch people type them, ambiguity refused in plain
words; the form field, the model fields and the template filter."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tests.core.kit_models import temporary_model
from voorop.core.money import (
    EuroField,
    EuroFormField,
    WholeEuroField,
    format_euros,
    parse_euros,
    to_decimal,
)

NBSP = "\u00a0"


# --- showing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("1500.50"), "€ 1.500,50"),  # never "€ 1.501"
        (Decimal("1500.00"), "€ 1.500"),
        (1500, "€ 1.500"),
        (Decimal("0.05"), "€ 0,05"),
        (0, "€ 0"),
        (Decimal("1234567.8"), "€ 1.234.567,80"),
        (Fraction(10, 3), "€ 3,33"),  # the engines compute with fractions
        (0.1, "€ 0,10"),
        (Decimal("2.005"), "€ 2,01"),  # half up, as on a bill
        (-250, "€ -250"),
        (Decimal("-0.001"), "€ 0"),
        ("34500.00", "€ 34.500"),
    ],
)
def test_amounts_are_shown_exact_to_the_cent_and_whole_without_cents(amount, shown):
    assert format_euros(amount) == shown.replace(" ", NBSP)


def test_showing_options_and_english():
    assert format_euros(Decimal("1500.5"), symbol=False, grouping=False) == "1500,50"
    assert format_euros(1500, cents="always") == f"€{NBSP}1.500,00"
    assert format_euros(Decimal("1500.5"), cents="never") == f"€{NBSP}1.501"
    assert format_euros(None) == format_euros("") == ""
    with translation.override("en"):
        assert format_euros(Decimal("1500.5")) == f"€{NBSP}1,500.50"


def test_what_is_not_an_amount_is_refused_when_shown():
    with pytest.raises(ValueError):
        format_euros("twaalf")
    with pytest.raises(ValueError):
        to_decimal(float("nan"))
    with pytest.raises(TypeError):
        to_decimal(True)
    with pytest.raises(TypeError):
        to_decimal([1])  # type: ignore[arg-type]


# --- reading ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("€ 8.000,-", "8000"),
        ("8.000,--", "8000"),
        ("8000,—", "8000"),
        ("1.500,50", "1500.50"),
        ("1500,5", "1500.50"),
        ("1 500", "1500"),
        ("1\u00a0500,25", "1500.25"),
        ("1.500", "1500"),
        ("€1500", "1500"),
        ("EUR 250", "250"),
        ("250 euro", "250"),
        ("250 euro's", "250"),
        ("1500.50", "1500.50"),  # an English decimal point: two digits cannot be thousands
        ("1.5", "1.50"),
        (",50", "0.50"),
        ("1,500.50", "1500.50"),  # both separators: the last one holds the cents
        ("1.234.567,89", "1234567.89"),
        ("1,234,567", "1234567"),
        ("  12  ", "12"),
        ("+12", "12"),
        ("0,5", "0.50"),
    ],
)
def test_what_dutch_people_type_is_read(typed, amount):
    assert parse_euros(typed) == Decimal(amount)


@pytest.mark.parametrize(
    ("typed", "code", "message"),
    [
        (
            "1,500",
            "ambiguous",
            "“1,500” kan op twee manieren gelezen worden. Bedoelt u € 1.500? Schrijf dan 1500. "
            "Bedoelt u € 1,50? Schrijf dan 1,50.",
        ),
        ("1,505", "ambiguous", "“1,505” is niet duidelijk. Bedoelt u € 1.505? Schrijf dan 1505."),
        (
            "12,3456",
            "cents",
            "Gebruik hoogstens twee cijfers voor de centen, bijvoorbeeld 12,35.",
        ),
        ("0,500", "cents", "Gebruik hoogstens twee cijfers voor de centen, bijvoorbeeld 0,50."),
        ("twaalf", "invalid", "Vul een bedrag in euro in, bijvoorbeeld 1.500 of 1.500,50."),
        ("", "invalid", None),
        ("€", "invalid", None),
        ("1.50.000", "invalid", None),
        ("15 00", "invalid", None),
        ("12,34,56", "invalid", None),
        ("1.500,50.3", "invalid", None),
        ("--5", "invalid", None),
        ("8.000,50,-", "invalid", None),
        ("1e5", "invalid", None),
        ("-250", "negative", "Het bedrag kan niet minder dan nul zijn."),
    ],
)
def test_unclear_input_is_refused_in_plain_dutch(typed, code, message):
    with pytest.raises(ValidationError) as raised:
        parse_euros(typed)
    assert raised.value.code == code
    if message is not None:
        assert raised.value.messages == [message.replace("€ ", f"€{NBSP}")]


def test_an_amount_keeps_the_precision_it_was_written_with():
    assert str(parse_euros("12.500")) == "12500"
    assert str(parse_euros("€ 1.250,50")) == "1250.50"
    assert str(parse_euros("1500,5")) == "1500.5"


def test_signs_and_whole_euros():
    assert parse_euros("-€ 100", allow_negative=True) == Decimal(-100)
    assert parse_euros("€ -100", allow_negative=True) == Decimal(-100)
    assert parse_euros("\u2212 100 euro", allow_negative=True) == Decimal(-100)
    assert parse_euros("-0", allow_negative=False) == Decimal(0)
    assert parse_euros("8.000,00", whole=True) == Decimal(8000)
    with pytest.raises(ValidationError) as raised:
        parse_euros("8.000,50", whole=True)
    assert raised.value.code == "whole"
    assert raised.value.messages == ["Vul hele euro’s in, zonder centen."]


def test_the_thousands_separator_follows_the_language_in_use():
    with translation.override("en"):
        assert parse_euros("1,500") == Decimal(1500)
        assert parse_euros("€ 8.000,-") == Decimal(8000)  # ",-" marks whole euros
        with pytest.raises(ValidationError) as raised:
            parse_euros("1.500")
        assert raised.value.code == "ambiguous"
        assert raised.value.messages == [
            f"“1.500” can be read in two ways. Do you mean €{NBSP}1,500? Then write 1500. "
            f"Do you mean €{NBSP}1.50? Then write 1.50."
        ]


AMOUNTS = st.decimals(
    min_value=Decimal("-999999999.99"),
    max_value=Decimal("999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@given(AMOUNTS, st.sampled_from(["nl", "en"]), st.sampled_from(["auto", "always"]))
def test_every_amount_shown_reads_back_as_the_same_amount(amount, language, cents):
    with translation.override(language):
        for grouping in (True, False):
            for symbol in (True, False):
                text = format_euros(amount, symbol=symbol, grouping=grouping, cents=cents)
                assert parse_euros(text, allow_negative=True) == amount, text


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_every_dutch_way_of_writing_an_amount_reads_as_that_amount(euros, cents):
    grouped = f"{euros:,}".replace(",", ".")
    spaced = f"{euros:,}".replace(",", " ")
    amount = Decimal(euros) + Decimal(cents) / 100
    written = [f"{grouped},{cents:02d}", f"€ {spaced},{cents:02d}", f"{euros},{cents:02d} euro"]
    if cents % 10 == 0:
        written.append(f"{euros},{cents // 10}")  # "1500,5"
    if cents == 0:
        written += [f"€ {grouped},-", grouped, f"{euros}", f"EUR {spaced}"]
    for text in written:
        assert parse_euros(text) == amount, text


# --- the form field -----------------------------------------------------------------------------


class AmountForm(forms.Form):
    amount = EuroFormField(label="Bedrag")
    budget = EuroFormField(label="Budget", whole=True, required=False, min_value=1)
    change = EuroFormField(
        label="Verschil", allow_negative=True, required=False, min_value=-1000, max_value=1000
    )


def test_the_form_field_reads_typed_amounts_and_keeps_what_was_typed_on_errors():
    form = AmountForm({"amount": "€ 1.500,50", "budget": "8.000,-", "change": "-250"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "amount": Decimal("1500.50"),
        "budget": 8000,
        "change": Decimal(-250),
    }
    assert isinstance(form.cleaned_data["budget"], int)
    form = AmountForm({"amount": "1,500", "budget": "12,50", "change": "-2000"})
    assert not form.is_valid()
    assert form.errors["amount"][0].startswith("“1,500” kan op twee manieren")
    assert form.errors["budget"] == ["Vul hele euro’s in, zonder centen."]
    assert form.errors["change"] == [f"Het bedrag moet minstens €{NBSP}-1.000 zijn."]
    assert 'value="1,500"' in str(form["amount"])  # nothing the user typed is lost


def test_the_form_field_checks_sign_range_and_size_in_euros():
    form = AmountForm({"amount": "-5", "budget": "0", "change": "1.000,01"})
    assert not form.is_valid()
    assert form.errors["amount"] == ["Het bedrag kan niet minder dan nul zijn."]
    assert form.errors["budget"] == [f"Het bedrag moet minstens €{NBSP}1 zijn."]
    assert form.errors["change"] == [f"Het bedrag mag hoogstens €{NBSP}1.000 zijn."]
    form = AmountForm({"amount": "1.000.000.000.000"})
    assert not form.is_valid()
    assert form.errors["amount"] == ["Dit bedrag is te groot."]
    assert not AmountForm({"amount": ""}).is_valid()


def test_the_form_field_shows_a_stored_amount_so_that_it_reads_back_in_any_language():
    form = AmountForm(initial={"amount": Decimal("1500.50"), "budget": 8000})
    assert 'value="1500,50"' in str(form["amount"])
    assert 'inputmode="decimal"' in str(form["amount"])
    assert 'value="8000"' in str(form["budget"])
    assert 'inputmode="numeric"' in str(form["budget"])
    with translation.override("en"):
        form = AmountForm({"amount": AmountForm().fields["amount"].prepare_value(Decimal("1.5"))})
        assert form.is_valid() and form.cleaned_data["amount"] == Decimal("1.50")
    field = EuroFormField()
    assert field.clean(Decimal("12.5")) == Decimal("12.50")
    assert field.prepare_value("zelf getypt") == "zelf getypt"


# --- the model fields ---------------------------------------------------------------------------


def test_the_model_fields_make_the_euro_form_field():
    amount = EuroField("bedrag", blank=True, null=True)
    field = amount.formfield()
    assert isinstance(field, EuroFormField) and not field.whole and field.decimal_places == 2
    _name, path, _args, kwargs = amount.deconstruct()
    assert path == "voorop.core.money.EuroField"
    assert "max_digits" not in kwargs and kwargs["null"] is True
    budget = WholeEuroField("budget")
    field = budget.formfield()
    assert isinstance(field, EuroFormField) and field.whole
    assert field.clean("€ 12.500,-") == 12500
    assert budget.deconstruct()[1] == "voorop.core.money.WholeEuroField"


@pytest.mark.django_db(transaction=True)
def test_amounts_are_stored_to_the_cent_on_every_database():
    fields = {"amount": EuroField(), "budget": WholeEuroField()}
    with temporary_model("Money", fields) as model:
        model.objects.create(amount=parse_euros("1.500,50"), budget=parse_euros("8.000,-"))
        stored = model.objects.get()
        assert stored.amount == Decimal("1500.50")
        assert format_euros(stored.amount) == f"€{NBSP}1.500,50"
        assert stored.budget == 8000


# --- the template filter ------------------------------------------------------------------------


def test_the_euros_filter():
    template = Template(
        "{% load kit %}{{ a|euros }}|{{ b|euros }}|{{ c|euros }}|{{ d|euros:'always' }}"
    )
    shown = template.render(Context({"a": Decimal("1500.5"), "b": 8000, "c": "x", "d": 3}))
    assert shown == f"€{NBSP}1.500,50|€{NBSP}8.000||€{NBSP}3,00"
    with pytest.raises(TemplateSyntaxError):
        Template("{% load kit %}{{ 3|euros:'sometimes' }}").render(Context())
