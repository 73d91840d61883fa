"""Anchor points on any contribution that belongs to a dossier.

A model takes part by offering:

- a ``dossier`` attribute (a ForeignKey to ``council.Dossier``, may be empty),
- ``anchor_points_may_respond(user) -> bool``: who may write the responses (the owners),
- ``get_absolute_url()``: where to return after a response or judgement.

Then ``{% load council %}{% anchor_points_panel obj %}`` on its page shows the anchor points,
the responses and the judgements, with links to the two generic forms
(``council:anchor_respond`` and ``council:anchor_judge``, kwargs app_label, model, pk).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.http import Http404


def is_contribution(obj: Any) -> bool:
    return (
        hasattr(obj, "dossier_id")
        and callable(getattr(obj, "anchor_points_may_respond", None))
        and callable(getattr(obj, "get_absolute_url", None))
    )


def contribution_or_404(app_label: str, model: str, pk: int) -> Any:
    try:
        model_class = apps.get_model(app_label, model)
    except LookupError as error:
        raise Http404 from error
    obj = model_class._default_manager.filter(pk=pk).first()
    if obj is None or not is_contribution(obj) or obj.dossier_id is None:
        raise Http404
    return obj


def url_kwargs(obj: Any) -> dict[str, Any]:
    return {"app_label": obj._meta.app_label, "model": obj._meta.model_name, "pk": obj.pk}


def content_type_of(obj: Any) -> ContentType:
    return ContentType.objects.get_for_model(obj)
