"""Form rendering for every form on the site: error summary on top, accessible fields."""

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest


class VooropFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


def posted(request: HttpRequest):
    """Form data on POST, else None: a GET shows an unbound form (never `POST or None`,
    which leaves an empty POST unbound and skips validation)."""
    return request.POST if request.method == "POST" else None


def uploaded_files(request: HttpRequest):
    """Uploaded files on POST, else None (the companion of `posted`)."""
    return request.FILES if request.method == "POST" else None
