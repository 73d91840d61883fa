"""Rendered pieces of a page kept in each server process's memory under what they show
(issue 13).

A list of fifty rows costs a few milliseconds of template rendering on every view, while
the rows rarely change between two views. ``rendered`` keeps the HTML of such a piece under
a digest of **everything its rows hold**: every field of each model instance given, of the
instances fetched with it (``select_related``) and of the dataclasses and tuples around them,
plus the language, the time zone, the script prefix and the release. Nothing has to be
forgotten when data changes: changed rows give another digest, so the piece is rendered
anew; an unchanged page is served from the cache. The rows themselves are still read (one
query); only their rendering is saved::

    html = fragments.rendered(
        "loket.queue_table", rows, render=lambda: render_to_string("...", {"rows": rows})
    )

The template of the piece must show only what the rows hold (no time of day, no user, no
CSRF token, no setting other than these).

``form_html`` does the same for a form (a queue's filters, a public form): it is kept under
its class, its fields, the choices it offers (the labels and values shown), its data and
its initial values. Only for forms whose HTML depends on nothing else.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import io
import pickle
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.cache import caches
from django.db import models
from django.urls import get_script_prefix
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

import voorop
from voorop.core.cache import key as cache_key

TIMEOUT = 300  # seconds: a piece nobody looks at again leaves the cache
# Kept in each server process's own memory (settings.CACHES["fragments"]), not in the shared
# cache: the pieces hold staff names and item titles, which must not outlive their rows in a
# database table or in Redis (review); a key names the content, so no process can serve an
# out-of-date piece, and a new release starts with an empty cache.
CACHE_ALIAS = "fragments"


# Values that pickle as what they are: a tuple of only these (a row read with values_list)
# is taken whole, not value by value (issue 13: fifty rows of twenty values).
PLAIN_TYPES = frozenset(
    {str, int, float, bool, type(None), bytes, datetime.date, datetime.datetime, Decimal}
)


def _state_of(value: Any, out: list[Any]) -> None:
    """Append what ``value`` holds, recursively, in a form pickle can digest."""
    if type(value) is tuple and all(type(item) in PLAIN_TYPES for item in value):
        out.append(value)
    elif isinstance(value, models.Model):
        out.append(value._meta.label)
        # Its fields (not _state, nor caches made from the fields).
        fields = value.__dict__.copy()
        for name in [name for name in fields if name[0] == "_"]:
            del fields[name]
        out.append(fields)
        # Related instances fetched with it (select_related) live in the state's cache.
        related = value._state.fields_cache
        for name in sorted(related):
            out.append(name)
            _state_of(related[name], out)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        out.append(type(value).__qualname__)
        for field in dataclasses.fields(value):
            _state_of(getattr(value, field.name), out)
    elif isinstance(value, list | tuple):
        out.append(len(value))
        for item in value:
            _state_of(item, out)
    else:
        out.append(value)


def digest(*values: Any) -> str:
    """A digest of everything the values hold (model instances, dataclasses, sequences)."""
    state: list[Any] = []
    for value in values:
        _state_of(value, state)
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: the same content gives the same bytes, however shared
    pickler.dump(state)
    return hashlib.sha256(out.getvalue()).hexdigest()


def rendered(namespace: str, *rows: Any, render: Callable[[], str]) -> SafeString:
    """The HTML ``render()`` gives for these rows: from the cache when it was made for the
    same content, language and release; else rendered now and kept."""
    try:
        key = digest(*rows)
    except (pickle.PicklingError, TypeError, AttributeError):
        return mark_safe(str(render()))  # noqa: S308 - the output of a template, escaped by it
    name = cache_key(
        namespace,
        voorop.__version__,
        translation.get_language(),
        timezone.get_current_timezone_name(),  # dates are shown in it
        get_script_prefix(),  # addresses start with it
        key,
    )
    local = caches[CACHE_ALIAS]
    html = local.get(name)
    if html is None:
        html = str(render())
        local.set(name, html, TIMEOUT)
    return mark_safe(html)  # noqa: S308 - the output of a template, escaped by it


def _shown(choices: Any) -> list[Any]:
    """The values and labels of choices as shown (groups too)."""
    return [
        (str(value), _shown(label) if isinstance(label, list | tuple) else str(label))
        for value, label in choices
    ]


def _form_state(form: Any) -> tuple[Any, ...]:
    fields = []
    for name in form.fields:
        # The field as it will be shown (some fields make their choices here).
        field = form[name].field
        choices = getattr(field.widget, "choices", None)
        if choices is not None and not isinstance(choices, list):
            # Read once (a queryset's), for the digest and for the page alike; not list(),
            # which would count the rows first.
            choices = field.widget.choices = [choice for choice in choices]  # noqa: C416
        # What a form's __init__ may set per request shows too (review).
        fields.append(
            (
                name,
                field.initial,
                _shown(choices) if choices else None,
                type(field).__qualname__,
                type(field.widget).__qualname__,
                str(field.label),
                str(field.help_text),
                field.required,
                field.disabled,
                field.localize,
                sorted((k, str(v)) for k, v in field.widget.attrs.items()),
            )
        )
    data = None
    if form.is_bound:
        getlist = getattr(form.data, "getlist", None)
        data = sorted((key, getlist(key) if getlist else form.data[key]) for key in form.data)
    return (
        type(form).__module__,
        type(form).__qualname__,
        form.prefix,
        form.auto_id,
        form.is_bound,
        data,
        sorted(form.initial.items()),
        fields,
    )


def form_html(
    namespace: str,
    form: Any,
    *,
    render: Callable[[], str] | None = None,
) -> SafeString:
    """``str(form)`` (or what ``render()`` makes of the form), kept under everything the
    form shows (see above). A form with an initial value that is called when shown (a date
    of today) is rendered every time."""
    render = render or (lambda: str(form))
    initials = [*form.initial.values(), *(field.initial for field in form.fields.values())]
    if any(callable(value) for value in initials):
        return mark_safe(str(render()))  # noqa: S308 - the output of the form's templates
    return rendered(namespace, _form_state(form), render=render)
