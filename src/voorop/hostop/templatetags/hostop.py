"""`{% hostop_panel target %}`: the Ho-stop card of a process on its own page."""

from __future__ import annotations

from django import template
from django.contrib.contenttypes.models import ContentType

from voorop.hostop import selectors

register = template.Library()


@register.inclusion_tag("hostop/partials/panel.html", takes_context=True)
def hostop_panel(context, target) -> dict:
    user = context["request"].user
    content_type = ContentType.objects.get_for_model(target)
    return {
        "target": target,
        "card": selectors.open_card_for(target),
        "past_cards": selectors.cards_for(target).filter(status="resumed")[:5],
        "can_raise": user.has_perm("hostop.raise_card", target),
        "raise_url_kwargs": {
            "app_label": content_type.app_label,
            "model": content_type.model,
            "pk": target.pk,
        },
        "request": context["request"],
    }
