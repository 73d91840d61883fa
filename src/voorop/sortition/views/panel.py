"""The drawn group: members and reserves, the export, drop-outs, and the decision on a seat no
reserve can take."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.sortition import csvfiles, forms, selectors, services, texts
from voorop.sortition.models import Replacement, Respondent, RespondentStatus
from voorop.sortition.views._common import csv_download, get_assembly, login_or_403, with_values


@login_or_403
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_assembly(request, pk, "sortition.manage_assembly")
    if not assembly.panel_drawn_at:
        return redirect("sortition:selection", pk=assembly.pk)
    can_view = request.user.has_perm("sortition.view_pool", assembly)
    context = {
        "assembly": assembly,
        "composition": selectors.composition(assembly) if can_view else [],
        "can_view": can_view,
        "selection": selectors.drawn_selection(assembly),
        "report": getattr(assembly, "report", None),
        "publish_form": forms.PublishForm(),
    }
    if can_view:
        services.pool_view_log(actor=request.user, assembly=assembly, what="panel")
        context["members"] = with_values(assembly, selectors.panel_members(assembly))
        context["reserves"] = with_values(assembly, selectors.reserves(assembly))
        context["replacements"] = assembly.replacements.select_related("dropped_out", "replaced_by")
    return render(request, "sortition/panel.html", context)


@login_or_403
def panel_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The group, reserves and drop-outs with names and contacts, as CSV; the download is
    recorded like every look at the pool."""
    assembly = get_assembly(request, pk, "sortition.export_panel")
    services.pool_view_log(actor=request.user, assembly=assembly, what="panel_export")
    text = csvfiles.panel_export_csv(assembly, selectors.panel_export_rows(assembly))
    response = csv_download(text, f"gelote-groep-{assembly.pk}.csv")
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_or_403
def dropout(request: HttpRequest, pk: int, respondent_pk: int) -> HttpResponse:
    assembly = get_assembly(request, pk, "sortition.record_dropout")
    respondent = get_object_or_404(
        Respondent, pk=respondent_pk, assembly=assembly, status=RespondentStatus.SELECTED
    )
    try:
        record = services.dropout_record(actor=request.user, respondent=respondent)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if record.replaced_by:
            messages.success(
                request,
                _("%(old)s has dropped out. Reserve %(new)s takes the seat.")
                % {"old": respondent.name, "new": record.replaced_by.name},
            )
        else:
            messages.warning(
                request,
                _("%(old)s has dropped out. No reserve can take the seat without breaking a quota.")
                % {"old": respondent.name},
            )
            return redirect("sortition:open_seat", pk=assembly.pk, replacement_pk=record.pk)
    return redirect("sortition:panel", pk=assembly.pk)


@login_or_403
def open_seat(request: HttpRequest, pk: int, replacement_pk: int) -> HttpResponse:
    """A seat no reserve could take: why, and the ways to fill it (a reserve who fits now, a
    draw from the other respondents, or an accepted deviation)."""
    assembly = get_assembly(request, pk, "sortition.record_dropout")
    record = get_object_or_404(Replacement, pk=replacement_pk, assembly=assembly)
    if not record.is_open:
        messages.info(request, _("A decision about this seat has already been made."))
        return redirect("sortition:panel", pk=assembly.pk)
    services.pool_view_log(actor=request.user, assembly=assembly, what="open_seat")
    options = selectors.seat_options(assembly, record)
    choices = []
    reserve = options.next_reserve
    if reserve is not None:
        text = _("Reserve %(rank)s, %(name)s, takes the seat.") % {
            "rank": reserve.reserve_rank,
            "name": reserve.name,
        }
        choices.append(("reserve_anyway", texts.deviation_label(text, options.reserve_deviations)))
    choices.append(
        ("empty", texts.deviation_label(_("The seat stays empty."), options.empty_deviations))
    )
    action = request.POST.get("action") if request.method == "POST" else None
    form = forms.DeviationForm(
        request.POST if action == "deviation" else None, choices=choices, prefix="deviation"
    )
    error = None
    if action in ("reserve", "pool") or (action == "deviation" and form.is_valid()):
        try:
            filled = services.open_seat_fill(
                actor=request.user,
                replacement=record,
                how=form.cleaned_data["how"] if action == "deviation" else action,
                accept_deviation=action == "deviation" and form.cleaned_data["accept"],
            )
        except ValidationError as problem:
            if action == "deviation":
                form.add_error(None, problem)
            else:
                error = " ".join(problem.messages)
        else:
            if filled.replaced_by:
                messages.success(
                    request,
                    _("%(name)s takes the seat and gets an e-mail.")
                    % {"name": filled.replaced_by.name},
                )
            else:
                messages.success(request, _("The seat stays empty. This is in the report."))
            return redirect("sortition:panel", pk=assembly.pk)
    return render(
        request,
        "sortition/open_seat.html",
        {
            "assembly": assembly,
            "record": record,
            "options": options,
            "reserve_reasons": [
                (reserve, [texts.problem_text(p) for p in problems])
                for reserve, problems in options.reserves
            ],
            "form": form,
            "error": error,
            "has_errors": bool(error or form.errors),
        },
    )
