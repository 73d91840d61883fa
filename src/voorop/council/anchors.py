"""Anchor points on any contribution that belongs to a dossier.

A model takes part by offering:

- a ``dossier`` attribute (a ForeignKey to ``council.Dossier``, may be empty),
- ``anchor_points_may_respond(user) -> bool``: who may write the responses (the owners),
- ``get_absolute_url()``: where to return after a response or judgement.

Then ``{% load council %}{% anchor_points_panel obj %}`` on its page shows the anchor points,
the responses and the judgements, with links to the two generic forms
(``council:anchor_respond`` and ``council:anchor_judge``, kwargs app_label, model, pk).

To be listed on the dossier page, the app also registers where its contributions are:
``anchors.register_source(label=_("Challenges"), items=lambda dossier: ...)`` in its
AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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


_sources: list[tuple[Any, Callable[[Any], Iterable[Any]]]] = []


def register_source(*, label: Any, items: Callable[[Any], Iterable[Any]]) -> None:
    """An app's contributions in a dossier, e.g. the challenges that belong to it."""
    if all(existing is not items for _label, existing in _sources):
        _sources.append((label, items))


def contributions_in(dossier: Any) -> list[tuple[Any, list[Any]]]:
    """(label, contributions) per registered app, leaving out apps with none."""
    groups = [(label, list(items(dossier))) for label, items in _sources]
    return [(label, found) for label, found in groups if found]
