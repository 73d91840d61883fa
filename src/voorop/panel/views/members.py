"""Organisers' pages added to the panel: editing its texts and settings, the member list
(filters by feature value and status, 25 a page) and removing a member."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from voorop.core.forms import posted
from voorop.core.pagination import page_of
from voorop.panel import forms, selectors, services
from voorop.panel.views._common import get_panel, login_or_403

# Which form field shows a service's refusal (nothing typed is lost: the form comes back).
ERROR_FIELDS = {
    "area_feature": "area_feature",
    "weighting": "weighting",
    "term_years": "term_years",
}


@login_or_403
def panel_edit(request: HttpRequest, pk: int) -> HttpResponse:
    panel = get_panel(request, pk, "panel.change_panel")
    form = forms.PanelEditForm(posted(request), panel=panel)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The weighting is only on the form when the panel has features.
        fields = {name: data[name] for name in services.PANEL_FIELDS if name in data}
        try:
            services.panel_update(actor=request.user, panel=panel, **fields)
        except ValidationError as error:
            field = ERROR_FIELDS.get(getattr(error, "code", "") or "")
            form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("The panel has been saved."))
            return redirect("panel:manage", pk=panel.pk)
    return render(request, "panel/panel_edit.html", {"panel": panel, "form": form})


@login_or_403
def members(request: HttpRequest, pk: int) -> HttpResponse:
    panel = get_panel(request, pk, "panel.view_members")
    form = forms.MemberFilterForm(request.GET, panel=panel)
    features, status = form.filters()
    page = page_of(request, selectors.members_list(panel, features=features, status=status))
    return render(
        request,
        "panel/members.html",
        {
            "panel": panel,
            "form": form,
            "page": page,
            "rows": selectors.member_rows(panel, list(page.object_list)),
            "feature_names": panel.feature_names,
            "filtered": bool(features or status),
            "can_remove": request.user.has_perm("panel.remove_member", panel),
        },
    )


@login_or_403
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """A confirmation page; the POST deletes the member's profile (as leaving does)."""
    panel = get_panel(request, pk, "panel.remove_member")
    member = get_object_or_404(panel.members, pk=member_pk)
    if request.method == "POST":
        services.member_remove(actor=request.user, member=member)
        messages.success(
            request, _("%(name)s is no longer a member of the panel.") % {"name": member.name}
        )
        return redirect("panel:members", pk=panel.pk)
    return render(request, "panel/member_remove.html", {"panel": panel, "member": member})
