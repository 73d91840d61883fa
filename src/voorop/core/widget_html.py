"""Django's own widget templates, rendered in Python (issue 13: the CPU of a page).

A form's widgets render through Django's templates: a drop-down list of twenty options is
some forty template includes (``select.html`` → ``select_option.html`` → ``attrs.html`` per
option), and a form of a dozen fields took 5–7 ms of a page's CPU. ``VooropFormRenderer``
(voorop.core.forms) asks ``render`` here first: for the templates below it returns exactly
what Django's template gives, character for character (``tests/core/test_widget_html.py``
renders every kind of widget both ways and compares), built with plain string operations.
Anything unusual (a widget with a template of its own, another option template, a value the
template would call) returns None and the template renders it, as before.

The functions follow the templates of Django 6 (django/forms/templates/django/forms/widgets/)
line by line, with their whitespace; a template's trailing newline is kept where an
``{% include %}`` keeps it, and the renderer strips the outer result as Django does.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape as html_escape
from typing import Any

from django.template.defaultfilters import stringformat
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]

WIDGETS = "django/forms/widgets/"
INPUT_OPTIONS = {f"{WIDGETS}radio_option.html", f"{WIDGETS}checkbox_option.html"}


class Unusual(Exception):
    """Something the template would treat in a way not copied here: render the template."""


def _plain(value: Any) -> Any:
    # A template calls what it can call; leave that to the template.
    if callable(value) and not isinstance(value, type):
        raise Unusual
    return value


def _out(value: Any) -> str:
    """``{{ value }}``: localised, escaped (``render_value_in_context``)."""
    if type(value) is str:  # most are: nothing to localise; Django's escape() is html.escape
        return html_escape(value)
    value = localize(template_localtime(_plain(value)))
    if not issubclass(type(value), str):
        value = str(value)
    return conditional_escape(value)


def _out_s(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``."""
    value = _plain(value)
    formatted = stringformat(value, "s")
    if isinstance(value, SafeData):
        formatted = mark_safe(formatted)  # noqa: S308 - safe in, safe out (is_safe filter)
    return _out(formatted)


def _attrs(attrs: dict[str, Any]) -> str:
    """attrs.html."""
    parts = []
    for name, value in attrs.items():
        value = _plain(value)
        if value is False:
            continue
        parts.append(" " + _out(name))
        if value is not True:
            parts.append('="' + _out_s(value) + '"')
    return "".join(parts)


def _input(widget: dict[str, Any]) -> str:
    """input.html, with its trailing newline."""
    value = _plain(widget["value"])
    html = '<input type="' + _out(widget["type"]) + '" name="' + _out(widget["name"]) + '"'
    if value != None:  # noqa: E711 - the template's `!= None`, which may call __eq__
        html += ' value="' + _out_s(value) + '"'
    return html + _attrs(widget["attrs"]) + ">\n"


def _input_option(option: dict[str, Any]) -> str:
    """radio_option.html / checkbox_option.html (input_option.html), trailing newlines."""
    if option.get("template_name") not in INPUT_OPTIONS:
        raise Unusual
    wrap = _plain(option.get("wrap_label"))
    html = ""
    if wrap:
        html += "<label"
        if option["attrs"].get("id"):
            html += ' for="' + _out(option["attrs"]["id"]) + '"'
        html += ">"
    html += _input(option)
    if wrap:
        html += " " + _out(option["label"]) + "</label>"
    return html + "\n\n"


def _select_option(option: dict[str, Any]) -> str:
    """select_option.html, with its trailing newline."""
    if option.get("template_name") != f"{WIDGETS}select_option.html":
        raise Unusual
    return (
        '<option value="'
        + _out_s(option["value"])
        + '"'
        + _attrs(option["attrs"])
        + ">"
        + _out(option["label"])
        + "</option>\n"
    )


def select(widget: dict[str, Any]) -> str:
    html = ['<select name="', _out(widget["name"]), '"', _attrs(widget["attrs"]), ">"]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            html.append('\n  <optgroup label="' + _out(group_name) + '">')
        for option in group_choices:
            html.append("\n  " + _select_option(option))
        if group_name:
            html.append("\n  </optgroup>")
    html.append("\n</select>\n")
    return "".join(html)


def multiple_input(widget: dict[str, Any]) -> str:
    """multiple_input.html (radio.html, checkbox_select.html)."""
    widget_id = _plain(widget["attrs"].get("id"))
    css = _plain(widget["attrs"].get("class"))
    html = ["<div"]
    if widget_id:
        html.append(' id="' + _out(widget_id) + '"')
    if css:
        html.append(' class="' + _out(css) + '"')
    html.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            html.append("\n  <div><label>" + _out(group) + "</label>")
        for option in options:
            html.append("<div>\n    " + _input_option(option) + "</div>")
        if group:
            html.append("\n  </div>")
    html.append("\n</div>\n")
    return "".join(html)


def textarea(widget: dict[str, Any]) -> str:
    value = _plain(widget["value"])
    return (
        '<textarea name="'
        + _out(widget["name"])
        + '"'
        + _attrs(widget["attrs"])
        + ">\n"
        + (_out(value) if value else "")
        + "</textarea>\n"
    )


def _included_input(widget: dict[str, Any]) -> str:
    # text.html and its kin: {% include "django/forms/widgets/input.html" %} and a newline.
    return _input(widget) + "\n"


RENDERERS: dict[str, Callable[[dict[str, Any]], str]] = {
    f"{WIDGETS}select.html": select,
    f"{WIDGETS}radio.html": multiple_input,
    f"{WIDGETS}checkbox_select.html": multiple_input,
    f"{WIDGETS}multiple_input.html": multiple_input,
    f"{WIDGETS}textarea.html": textarea,
    f"{WIDGETS}input.html": _input,
    **{
        f"{WIDGETS}{name}.html": _included_input
        for name in (
            "text",
            "email",
            "number",
            "url",
            "password",
            "hidden",
            "checkbox",
            "date",
            "datetime",
            "time",
            "tel",
            "search",
            "color",
            "file",
        )
    },
}


def render(template_name: str, context: dict[str, Any]) -> str | None:
    """What Django's template ``template_name`` renders for ``context`` (stripped, as the
    renderer does), or None when it is not one of these or anything about it is unusual."""
    function = RENDERERS.get(template_name)
    if function is None or set(context) != {"widget"}:
        return None
    try:
        return function(context["widget"]).strip()
    except (Unusual, KeyError, AttributeError, TypeError):
        return None
