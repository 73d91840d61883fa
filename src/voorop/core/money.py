"""Amounts in euros: one way to show them, one way to read what people type, one field.

Shown: ``format_euros`` writes "€ 1.500" for whole euros and "€ 1.500,50" when there are
cents — exact to the cent, never rounded to whole euros — in the separators of the active
language (Dutch by default; "€ 1,500.50" in English).

Typed: ``parse_euros`` reads what Dutch people type: "€ 8.000,-", "8.000", "1.500,50",
"1500,5", "1 500", "EUR 250", "250 euro", "1500.50". A single separator followed by exactly
three digits is read as the thousands separator of the active language ("1.500" is fifteen
hundred in Dutch); the other one ("1,500" in Dutch) could mean € 1,50 or € 1.500, so it is
refused with a message that names both readings. Errors are ``ValidationError`` with a
plain-language message and a code: ``invalid``, ``ambiguous``, ``cents`` (more than two
digits for the cents), ``whole`` (cents where only whole euros are allowed), ``negative``.

Stored: ``EuroField`` (decimal, to the cent) and ``WholeEuroField`` (whole euros, for budgets
the allocation engine counts in integers); both come with ``EuroFormField``.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
Amount = int | Decimal | Fraction | float | str
Cents = Literal["auto", "always", "never"]

INVALID = _("Fill in an amount in euros, for example 1,500 or 1,500.50.")
# Spaces people (and spreadsheets) put in numbers: normal, no-break, narrow no-break, thin.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " "})
_CURRENCY_BEFORE = re.compile(r"^(?:€|euro's|euros|euro|eur)\.?\s*", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"\s*(?:€|euro's|euros|euro|eur)\.?$", re.IGNORECASE)
# ",-" (or ",--", ",—", ".-") after whole euros, as on price tags and in letters.
_WHOLE_MARK = re.compile(r"[.,]\s*[-–—]{1,2}$")
_SIGNS = ("-", "\u2212", "\u2013")  # hyphen, minus sign, en dash (typed as a minus)


def to_decimal(amount: Amount) -> Decimal:
    """``amount`` as a Decimal rounded to the cent (half up). Floats go through their
    shortest text (0.1 stays 0.1), fractions from the engines are divided exactly first."""
    if isinstance(amount, Decimal):
        value = amount
    elif isinstance(amount, Fraction):
        value = Decimal(amount.numerator) / Decimal(amount.denominator)
    elif isinstance(amount, bool):
        raise TypeError("a truth value is not an amount")
    elif isinstance(amount, int | float | str):
        try:
            value = Decimal(str(amount).strip())
        except InvalidOperation:
            raise ValueError(f"not an amount: {amount!r}") from None
    else:
        raise TypeError(f"not an amount: {amount!r}")
    if not value.is_finite():
        raise ValueError(f"not an amount: {amount!r}")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def format_euros(
    amount: Amount | None, *, symbol: bool = True, grouping: bool = True, cents: Cents = "auto"
) -> str:
    """ "€ 1.500" or "€ 1.500,50" (Dutch), "€ 1,500.50" (English); "" for None.

    ``cents``: "auto" shows them only when there are any, "always" shows ",00" too, "never"
    rounds to whole euros (half up). ``symbol=False`` leaves out "€ "; ``grouping=False``
    leaves out the thousands separators (what a form field shows, so it reads back safely
    in every language)."""
    if amount is None or amount == "":
        return ""
    value = to_decimal(amount)
    if cents == "never":
        value = value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    show_cents = cents == "always" or (cents == "auto" and value != value.to_integral_value())
    text = number_format(
        value, decimal_pos=2 if show_cents else 0, use_l10n=True, force_grouping=grouping
    )
    if text.startswith("-") and value.is_zero():
        text = text[1:]
    return f"€\u00a0{text}" if symbol else text


def _error(message: Any, code: str, **params: Any) -> ValidationError:
    return ValidationError(message % params if params else message, code=code)


def _groups_ok(groups: list[str]) -> bool:
    """Thousands groups: the first of one to three digits (no lone leading zero), every
    next one exactly three."""
    first, *rest = groups
    return (
        all(group.isdigit() for group in groups)
        and 1 <= len(first) <= 3
        and all(len(group) == 3 for group in rest)
        and not (rest and first == "0")
    )


def _ambiguous(text: str, before: str, after: str) -> ValidationError:
    large = Decimal(before.replace(" ", "") + after)
    params = {
        "text": text,
        "large": format_euros(large),
        "large_plain": format_euros(large, symbol=False, grouping=False),
    }
    if not after.endswith("0"):
        # "1,505" cannot be cents (three digits): only the thousands reading is left.
        message = gettext(
            "“%(text)s” is not clear. Do you mean %(large)s? Then write %(large_plain)s."
        )
        return _error(message, "ambiguous", **params)
    small = Decimal(f"{before.replace(' ', '')}.{after}")
    message = gettext(
        "“%(text)s” can be read in two ways. Do you mean %(large)s? Then write "
        "%(large_plain)s. Do you mean %(small)s? Then write %(small_plain)s."
    )
    return _error(
        message,
        "ambiguous",
        **params,
        small=format_euros(small, cents="always"),
        small_plain=format_euros(small, symbol=False, grouping=False, cents="always"),
    )


def _strip_sign_and_currency(text: str) -> tuple[str, bool]:
    """ "-€ 100", "€ -100", "- 100 euro" → ("100", True). A second sign is left in place
    (and refused as not a number)."""
    rest, negative = text, False
    for _pass in range(2):
        rest = _CURRENCY_AFTER.sub("", _CURRENCY_BEFORE.sub("", rest)).strip()
        if not negative and rest[:1] in _SIGNS:
            negative, rest = True, rest[1:].strip()
    if not negative and rest[:1] == "+":
        rest = rest[1:].strip()
    return rest, negative


def _decimal_mark(rest: str, *, whole_marked: bool, original: str) -> str | None:
    """Which of "." and "," separates the cents in ``rest`` (None: no cents)."""
    dots, commas = rest.count("."), rest.count(",")
    if dots and commas:
        mark = "," if rest.rfind(",") > rest.rfind(".") else "."
        if rest.count(mark) != 1:
            raise _error(INVALID, "invalid")
        return mark
    if dots + commas != 1:
        return None  # no separator, or the same one several times: thousands
    mark = "." if dots else ","
    before, after = rest.split(mark)
    looks_grouped = len(after) == 3 and _groups_ok([*before.split(" "), after])
    if not looks_grouped:
        return mark
    # "1.500" or "1,500": thousands in the language in use (and after ",-"); the other
    # separator could as well mean cents written with three digits, so we ask.
    if whole_marked or mark == get_format("THOUSAND_SEPARATOR"):
        return None
    raise _ambiguous(original, before, after)


def parse_euros(text: str, *, whole: bool = False, allow_negative: bool = False) -> Decimal:
    """The amount in ``text`` as a Decimal (at most two decimals, as written), read as Dutch
    people write it.

    Raises ``ValidationError`` with a plain-language message (see the module docstring).
    ``whole=True`` refuses cents ("8.000,00" and "8.000,-" are fine)."""
    original = " ".join(str(text).translate(_SPACES).split())
    rest, negative = _strip_sign_and_currency(original)
    whole_marked = bool(_WHOLE_MARK.search(rest))
    rest = _WHOLE_MARK.sub("", rest).strip()
    if not re.fullmatch(r"[0-9., ]*[0-9][0-9., ]*", rest):
        raise _error(INVALID, "invalid")
    mark = _decimal_mark(rest, whole_marked=whole_marked, original=original)
    whole_part, _sep, cents = rest.partition(mark) if mark else (rest, "", "")
    groups = re.split(r"[ .,]", whole_part)
    if len(groups) > 1 and not _groups_ok(groups):
        raise _error(INVALID, "invalid")
    digits = "".join(groups)
    if (cents and not cents.isdigit()) or not (digits + cents).isdigit():
        raise _error(INVALID, "invalid")
    if len(cents) > 2:
        example = format_euros(Decimal(f"{digits or 0}.{cents}"), symbol=False, cents="always")
        raise _error(
            gettext("Use at most two digits for the cents, for example %(example)s."),
            "cents",
            example=example,
        )
    # As written: "12500" stays 12500, "1500,5" is 1500.5 (equal to 1500.50 in value).
    value = Decimal(f"{digits or 0}.{cents}" if cents else digits or "0")
    if whole_marked and value != value.to_integral_value():
        raise _error(INVALID, "invalid")
    if whole and value != value.to_integral_value():
        raise _error(_("Fill in whole euros, without cents."), "whole")
    if negative and not value.is_zero():
        if not allow_negative:
            raise _error(_("The amount cannot be less than zero."), "negative")
        value = -value
    return value


class EuroFormField(forms.DecimalField):
    """A text box for an amount in euros that accepts what people type (``parse_euros``)
    and shows a stored amount so that it reads back in any language ("1500,50")."""

    default_error_messages = {
        "invalid": INVALID,
        "max_digits": _("This amount is too large."),
        "max_whole_digits": _("This amount is too large."),
        "max_decimal_places": _("Use at most two digits for the cents."),
    }

    def __init__(
        self,
        *,
        whole: bool = False,
        allow_negative: bool = False,
        min_value: Amount | None = None,
        max_value: Amount | None = None,
        max_digits: int | None = 12,
        decimal_places: int | None = 2,
        **kwargs: Any,
    ) -> None:
        self.whole = whole
        self.allow_negative = allow_negative
        self.min_amount = None if min_value is None else to_decimal(min_value)
        self.max_amount = None if max_value is None else to_decimal(max_value)
        if whole:
            decimal_places = 0
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "numeric" if whole else "decimal", "autocomplete": "off"}
            ),
        )
        # The range is checked here with amounts in euros in the message, not by Django's
        # validators (which would print "1500.5").
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int | Fraction) and not isinstance(value, bool):
            amount = to_decimal(value)
        else:
            amount = parse_euros(
                str(value), whole=self.whole, allow_negative=True
            )  # the sign is judged in validate(), with the range
        return amount.quantize(Decimal(1)) if self.whole else amount

    def validate(self, value: Decimal | None) -> None:  # type: ignore[override]
        super().validate(value)  # type: ignore[arg-type]
        if value is None:
            return
        if value < 0 and not self.allow_negative:
            raise _error(_("The amount cannot be less than zero."), "negative")
        if self.min_amount is not None and value < self.min_amount:
            raise _error(
                gettext("The amount must be at least %(amount)s."),
                "min_value",
                amount=format_euros(self.min_amount),
            )
        if self.max_amount is not None and value > self.max_amount:
            raise _error(
                gettext("The amount can be at most %(amount)s."),
                "max_value",
                amount=format_euros(self.max_amount),
            )

    def clean(self, value: Any) -> Decimal | int | None:  # type: ignore[override]
        amount = super().clean(value)
        return int(amount) if self.whole and amount is not None else amount

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int | Fraction) and not isinstance(value, bool):
            return format_euros(value, symbol=False, grouping=False)
        return value

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # DecimalField adds "step" for number inputs; a text box needs none of that.
        return forms.Field.widget_attrs(self, widget)


class EuroField(models.DecimalField):
    """An amount in euros to the cent (``max_digits=12``: up to ten billion)."""

    description = _("Amount in euros")

    def __init__(
        self,
        verbose_name: Any = None,
        name: str | None = None,
        max_digits: int = 12,
        decimal_places: int = 2,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            verbose_name, name, max_digits=max_digits, decimal_places=decimal_places, **kwargs
        )

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_digits") == 12:
            del kwargs["max_digits"]
        if kwargs.get("decimal_places") == 2:
            del kwargs["decimal_places"]
        return name, path, args, kwargs

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": EuroFormField, **kwargs})


class WholeEuroField(models.PositiveIntegerField):
    """An amount in whole euros (budgets and costs of budget rounds: the allocation engine
    counts in whole euros). Typed amounts with cents are refused with a plain message."""

    description = _("Amount in whole euros")

    def formfield(self, **kwargs: Any) -> Any:
        # Nine digits stay within the database's integer range with a plain message.
        defaults = {"form_class": EuroFormField, "whole": True, "max_digits": 9, **kwargs}
        return models.Field.formfield(self, **defaults)
