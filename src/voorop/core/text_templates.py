"""Django's template backend, with autoescaping off for plain-text templates (``*.txt``).

E-mails are plain text: HTML escaping there turns "foto's" into "foto&#x27;s" (issue 14.10).
Every ``.txt`` template (our mails and allauth's) renders with autoescape off, as if it were
wrapped in ``{% autoescape off %}``; HTML templates keep autoescaping. Set as the BACKEND
of the one template engine in the settings.
"""

from __future__ import annotations

from typing import Any

from django.template import TemplateDoesNotExist
from django.template.backends.django import DjangoTemplates, Template, reraise
from django.template.context import make_context


class PlainTextTemplate(Template):
    def render(self, context: Any = None, request: Any = None) -> str:
        context = make_context(context, request, autoescape=False)
        try:
            return self.template.render(context)
        except TemplateDoesNotExist as exc:
            reraise(exc, self.backend)


class TextAwareTemplates(DjangoTemplates):
    def get_template(self, template_name: str) -> Template:
        template = super().get_template(template_name)
        if template_name.endswith(".txt"):
            return PlainTextTemplate(template.template, self)
        return template
