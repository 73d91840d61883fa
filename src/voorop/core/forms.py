"""Form rendering for every form on the site: error summary on top, accessible fields."""

from django.forms.renderers import DjangoTemplates


class VooropFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
