"""Personal data: deleting the pool of an assembly (the report stays)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.sortition import services
from voorop.sortition.views._common import get_assembly, login_or_403


@login_or_403
def delete_pool(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_assembly(request, pk, "sortition.delete_pool")
    if request.method == "POST":
        services.pool_delete(actor=request.user, assembly=assembly)
        messages.success(request, _("The personal data of this assembly has been deleted."))
        return redirect("sortition:manage", pk=assembly.pk)
    return render(
        request, "sortition/delete_pool.html", {"assembly": assembly, "today": timezone.localdate()}
    )
