"""Stage: who may vote. The desk checks where a resident lives (and can withdraw it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.budgeting import forms, selectors, services
from voorop.core.forms import posted
from voorop.core.pagination import page_of
from voorop.core.permissions import permission_required


@permission_required("budgeting.verify_residents")
def verify(request: HttpRequest) -> HttpResponse:
    form = forms.VerifyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.resident_verify(
            actor=request.user,
            user=form.user,
            area=form.cleaned_data["area"],
            birth_year=form.cleaned_data["birth_year"],
        )
        messages.success(
            request,
            _("%(name)s may now vote in rounds for %(area)s.")
            % {"name": form.user.public_name, "area": form.cleaned_data["area"].name},
        )
        return redirect("budgeting:verify")
    page = page_of(request, selectors.verifications(), per_page=50)
    return render(request, "budgeting/verify.html", {"form": form, "page": page})


@require_POST
@permission_required("budgeting.verify_residents")
def unverify(request: HttpRequest, user_pk: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=user_pk)
    services.resident_unverify(actor=request.user, user=user)
    messages.success(
        request, _("The check of %(name)s has been withdrawn.") % {"name": user.public_name}
    )
    return redirect("budgeting:verify")
