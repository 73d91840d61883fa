"""``{% load follow %}{% follow_button obj %}``: the follow button for an initiative, a
challenge, a budget round or an assembly (the kinds in voorop.accounts.follows)."""

from __future__ import annotations

from typing import Any

from django import template

from voorop.accounts import selectors

register = template.Library()


@register.inclusion_tag("accounts/partials/follow_button.html", takes_context=True)
def follow_button(context: template.Context, obj: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "obj": obj,
        "what": obj._meta.label_lower,
        "signed_in": bool(user and user.is_authenticated),
        "following": selectors.is_following(user, obj),
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }
