"""The address register and the invitation draw: uploading the address extract, drawing
the addresses, and the letters (a PDF with a code each)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from voorop.core.forms import posted, uploaded_files
from voorop.core.letters import letters_pdf
from voorop.sortition import forms, services
from voorop.sortition.views._common import get_assembly, login_or_403


@login_or_403
def addresses(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_assembly(request, pk, "sortition.import_addresses")
    form = forms.AddressUploadForm(posted(request), uploaded_files(request))
    if request.method == "POST" and form.is_valid():
        try:
            count = services.addresses_import(actor=request.user, assembly=assembly, rows=form.rows)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(count)s addresses have been imported.") % {"count": count}
            )
            if form.repeated:
                messages.info(
                    request,
                    ngettext(
                        "Line %(lines)s repeats an address that is already in the file: it "
                        "was left out, so that each address gets one letter.",
                        "Lines %(lines)s repeat an address that is already in the file: they "
                        "were left out, so that each address gets one letter.",
                        len(form.repeated),
                    )
                    % {"lines": ", ".join(str(line) for line in form.repeated[:20])},
                )
            return redirect("sortition:invitations", pk=assembly.pk)
    return render(
        request,
        "sortition/addresses.html",
        {"assembly": assembly, "form": form, "address_count": assembly.addresses.count()},
    )


@login_or_403
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_assembly(request, pk, "sortition.manage_assembly")
    address_count = assembly.addresses.count()
    action = request.POST.get("action") if request.method == "POST" else None
    deadline_form = forms.DeadlineForm(
        request.POST if action == "deadline" else None,
        initial={"deadline": assembly.registration_deadline},
        prefix="deadline",
    )
    if action == "deadline" and deadline_form.is_valid():
        try:
            services.registration_deadline_set(
                actor=request.user,
                assembly=assembly,
                deadline=deadline_form.cleaned_data["deadline"],
            )
        except ValidationError as error:
            deadline_form.add_error("deadline", error)
        else:
            messages.success(request, _("The date has been saved. The letters state it."))
            return redirect("sortition:invitations", pk=assembly.pk)
    form = forms.InvitationDrawForm(
        posted(request) if action is None else None, address_count=address_count
    )
    if request.method == "POST" and action is None:
        if not request.user.has_perm("sortition.draw_invitations", assembly):
            raise PermissionDenied("sortition.draw_invitations")
        if form.is_valid():
            try:
                services.invitations_draw(
                    actor=request.user,
                    assembly=assembly,
                    count=form.cleaned_data["count"],
                    seed=form.cleaned_data["seed"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The addresses have been drawn."))
                return redirect("sortition:invitations", pk=assembly.pk)
    areas = list(assembly.addresses.values("area").order_by("area").annotate(total=Count("pk")))
    invited = dict(
        assembly.invitations.values("address__area")
        .order_by("address__area")
        .annotate(n=Count("pk"))
        .values_list("address__area", "n")
    )
    for row in areas:
        row["invited"] = invited.get(row["area"], 0)
    return render(
        request,
        "sortition/invitations.html",
        {
            "assembly": assembly,
            "form": form,
            "deadline_form": deadline_form,
            "has_errors": bool(form.errors or deadline_form.errors),
            "address_count": address_count,
            "areas": areas,
            "can_draw": request.user.has_perm("sortition.draw_invitations", assembly),
        },
    )


@require_POST
@login_or_403
def letters(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_assembly(request, pk, "sortition.download_letters")
    try:
        letters = services.letters_generate(actor=request.user, assembly=assembly)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("sortition:invitations", pk=assembly.pk)
    if not letters:
        messages.warning(request, _("Everyone invited has already registered."))
        return redirect("sortition:invitations", pk=assembly.pk)
    pdf = letters_pdf(
        "sortition/letters.html",
        letters=letters,
        entry_path=reverse("sortition:register", args=[assembly.pk]),
        context={"assembly": assembly},
        base_url=request.build_absolute_uri("/"),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="uitnodigingen-{assembly.pk}.pdf"'
    add_never_cache_headers(response)  # the letters hold registration codes in clear
    return response
