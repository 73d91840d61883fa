"""`{% load council %}{% anchor_points_panel obj %}`: the anchor points of the dossier an
object belongs to, how the object meets each one, and the reviewers' judgements."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

from voorop.council import selectors
from voorop.council.anchors import is_contribution, url_kwargs

register = template.Library()


@register.simple_tag(takes_context=True)
def anchor_points_panel(context, obj) -> str:
    if not is_contribution(obj) or obj.dossier_id is None:
        return ""
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = selectors.anchor_points_for(obj)
    return render_to_string(
        "council/partials/anchor_points_panel.html",
        {
            "obj": obj,
            "dossier": obj.dossier,
            "rows": rows,
            "kwargs": url_kwargs(obj),
            "can_respond": bool(user and user.has_perm("council.respond_anchor_points", obj)),
            "can_judge": bool(user and rows and user.has_perm("council.judge_anchor_points", obj)),
        },
        request=request,
    )
