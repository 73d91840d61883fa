from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.core import throttle
from voorop.core.forms import posted, uploaded_files
from voorop.core.permissions import permission_required
from voorop.sortition import csvfiles, forms, selectors, services, texts
from voorop.sortition.letters import letters_pdf
from voorop.sortition.models import (
    Algorithm,
    Assembly,
    Replacement,
    Respondent,
    RespondentStatus,
    Selection,
)


def _with_values(assembly: Assembly, rows) -> list[Respondent]:
    """Each respondent's feature values in the order of the assembly's features."""
    rows = list(rows)
    for respondent in rows:
        respondent.values = [respondent.features.get(n, "") for n in assembly.feature_names]
    return rows


def _assembly(request: HttpRequest, pk: int, permission: str) -> Assembly:
    assembly = get_object_or_404(Assembly, pk=pk)
    if not request.user.has_perm(permission, assembly):
        raise PermissionDenied(permission)
    return assembly


def _login_or_403(view):
    """Visitors are sent to log in; signed-in users without the right get a 403."""
    from functools import wraps

    from django.contrib.auth.views import redirect_to_login

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


# --- public ------------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "sortition/index.html", {"assemblies": selectors.assemblies_public()})


def assembly_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_object_or_404(Assembly, pk=pk)
    return render(
        request,
        "sortition/assembly.html",
        {
            "assembly": assembly,
            "report": getattr(assembly, "report", None),
            "meetings": [m for m in assembly.meetings.splitlines() if m.strip()],
        },
    )


def _registration_closed(request: HttpRequest, assembly: Assembly) -> HttpResponse:
    """The page for a registration that cannot be taken: since when it is closed, and that
    nothing was recorded (the code is not used, no wrong attempt is counted)."""
    return render(request, "sortition/register_closed.html", {"assembly": assembly})


def register(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_object_or_404(Assembly, pk=pk)
    if not request.user.has_perm("sortition.register", assembly):
        return _registration_closed(request, assembly)
    form = forms.RegistrationForm(
        posted(request), assembly=assembly, initial={"code": request.GET.get("code", "")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.registration_code_check(
                assembly=assembly,
                code=data["code"],
                client=throttle.client_key(request),
            )
            services.respondent_register(
                actor=request.user,
                assembly=assembly,
                code=data["code"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                features=form.features(),
                consent=data["consent"],
            )
        except ValidationError as error:
            if getattr(error, "code", "") == "closed":  # closed while the form was filled in
                return _registration_closed(request, assembly)
            field = "code" if getattr(error, "code", "") in ("wrong", "used") else None
            form.add_error(field, error)
        else:
            return redirect("sortition:registered", pk=assembly.pk)
    return render(request, "sortition/register.html", {"assembly": assembly, "form": form})


def registered(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = get_object_or_404(Assembly, pk=pk)
    return render(request, "sortition/registered.html", {"assembly": assembly})


def _published(request: HttpRequest, pk: int) -> Assembly:
    """The assembly with its report, or 404 while the report is not published."""
    assembly = get_object_or_404(Assembly.objects.select_related("report"), pk=pk)
    if not request.user.has_perm("sortition.view_report", assembly):
        raise Http404(_("This report has not been published yet."))
    return assembly


def report(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = _published(request, pk)
    the_report = assembly.report
    data = the_report.data
    probabilities = data.get("probabilities", [])
    file_digest = selectors.report_file_digest(the_report)
    return render(
        request,
        "sortition/report.html",
        {
            "assembly": assembly,
            "report": the_report,
            "changes": [texts.change_text(r) for r in assembly.replacements.all()],
            "panel_ids": data.get("panel", []),
            "reserve_ids": data.get("reserves", []),
            "file_digest": file_digest,
            "digest_ok": bool(file_digest) and file_digest == the_report.pool_digest,
            "command": selectors.recompute_command(the_report) if the_report.pool_file else "",
            "pool_filename": selectors.pool_filename(assembly),
            "categories_filename": selectors.categories_filename(assembly),
            "features": _report_features(data.get("features", []), assembly.panel_size),
            "summary": data.get("summary", {}),
            "probabilities": probabilities,
            "curve": _curve(probabilities),
            "buckets": _buckets(probabilities),
            **_registration_history(data.get("registration") or {}),
        },
    )


def _registration_history(data: dict) -> dict:
    """When registration closed and every reopening, as dates for the report."""

    def when(text: str | None):
        return datetime.fromisoformat(text) if text else None

    return {
        "registration_closed_at": when(data.get("closed_at")),
        "reopenings": [
            {
                "closed_at": when(r["closed_at"]),
                "reopened_at": when(r["reopened_at"]),
                "discarded": r.get("discarded", 0),
            }
            for r in data.get("reopenings", [])
        ],
    }


def _csv_download(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def report_pool_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The anonymised pool of the draw (pseudonyms and features), while it is published."""
    assembly = _published(request, pk)
    if not assembly.report.pool_file:
        raise Http404(_("The file with the registrations is not published."))
    return _csv_download(assembly.report.pool_file, selectors.pool_filename(assembly))


def report_categories_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The quotas of the draw, in the engine's categories format."""
    assembly = _published(request, pk)
    if not assembly.report.categories_file:
        raise Http404(_("The file with the quotas is not published."))
    return _csv_download(assembly.report.categories_file, selectors.categories_filename(assembly))


def _bar(value: float | None, total: float) -> int:
    if not value or not total:
        return 0
    return min(100, round(value / total * 20) * 5)


def _report_features(features: list[dict], panel_size: int) -> list[dict]:
    out = []
    for feature in features:
        rows = []
        for row in feature["rows"]:
            expected = row["share"] * panel_size if row.get("share") is not None else None
            rows.append(
                {
                    **row,
                    "expected": expected,
                    "bar": _bar(row["panel"], panel_size),
                    "expected_bar": _bar(expected, panel_size),
                    "within": row["min"] is None or row["min"] <= row["panel"] <= row["max"],
                }
            )
        out.append({"name": feature["name"], "rows": rows})
    return out


def _curve(probabilities: list[float]) -> str:
    """SVG polyline points (viewBox 0 0 400 200) of the sorted probabilities."""
    if not probabilities:
        return ""
    top = max(probabilities) or 1.0
    n = len(probabilities)
    points = []
    for i, p in enumerate(probabilities):
        x = 400 * (i / (n - 1) if n > 1 else 0.5)
        y = 200 - 190 * p / top
        points.append(f"{x:.1f},{y:.1f}")
    return " ".join(points)


def _buckets(probabilities: list[float]) -> list[dict]:
    """How many respondents had a chance in each band of 10 percentage points."""
    bands = [0] * 10
    for p in probabilities:
        bands[min(9, int(p * 10))] += 1
    most = max(bands) or 1
    return [
        {"low": i * 10, "high": (i + 1) * 10, "count": c, "bar": _bar(c, most)}
        for i, c in enumerate(bands)
        if c or i == 0
    ]


# --- staff -------------------------------------------------------------------------------


@permission_required("sortition.view_work_list")
def work(request: HttpRequest) -> HttpResponse:
    assemblies = list(selectors.assemblies_for_work(request.user))
    return render(
        request,
        "sortition/work.html",
        {
            "assemblies": assemblies,
            "mine": {a.pk for a in assemblies if a.mine},
            "can_add": request.user.has_perm("sortition.add_assembly"),
        },
    )


@permission_required("sortition.add_assembly")
def assembly_create(request: HttpRequest) -> HttpResponse:
    form = forms.AssemblyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            assembly = services.assembly_create(
                actor=request.user,
                organisers=form.cleaned_data["organisers"],
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The assembly has been created."))
            return redirect("sortition:manage", pk=assembly.pk)
    return render(request, "sortition/assembly_form.html", {"form": form})


@_login_or_403
def assembly_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = _assembly(request, pk, "sortition.change_assembly")
    form = forms.AssemblyForm(posted(request), instance=assembly)
    if request.method == "POST" and form.is_valid():
        try:
            services.assembly_update(
                actor=request.user,
                assembly=Assembly.objects.get(pk=assembly.pk),
                organisers=form.cleaned_data["organisers"],
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("sortition:manage", pk=assembly.pk)
    return render(request, "sortition/assembly_form.html", {"form": form, "assembly": assembly})


@_login_or_403
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = _assembly(request, pk, "sortition.manage_assembly")
    selection = selectors.latest_selection(assembly)
    return render(
        request,
        "sortition/manage.html",
        {
            "assembly": assembly,
            "address_count": assembly.addresses.count(),
            "invitation_count": assembly.invitations.count(),
            "respondent_count": assembly.respondents.count(),
            "quotas_complete": selectors.quotas_complete(assembly),
            "selection": selection,
            "report": getattr(assembly, "report", None),
        },
    )


@_login_or_403
def addresses(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = _assembly(request, pk, "sortition.import_addresses")
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
            return redirect("sortition:invitations", pk=assembly.pk)
    return render(
        request,
        "sortition/addresses.html",
        {"assembly": assembly, "form": form, "address_count": assembly.addresses.count()},
    )


@_login_or_403
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = _assembly(request, pk, "sortition.manage_assembly")
    address_count = assembly.addresses.count()
    form = forms.InvitationDrawForm(posted(request), address_count=address_count)
    if request.method == "POST":
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
            "address_count": address_count,
            "areas": areas,
            "can_draw": request.user.has_perm("sortition.draw_invitations", assembly),
        },
    )


@require_POST
@_login_or_403
def letters(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = _assembly(request, pk, "sortition.download_letters")
    letters = services.letters_generate(actor=request.user, assembly=assembly)
    if not letters:
        messages.warning(request, _("Everyone invited has already registered."))
        return redirect("sortition:invitations", pk=assembly.pk)
    pdf = letters_pdf(assembly, letters, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="uitnodigingen-{assembly.pk}.pdf"'
    return response


@_login_or_403
def paper(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff type in a reply that came on paper or by phone. Their wrong codes count against
    their own account (`throttle.user_key`), not against the town hall's address. Once
    registration has closed the page says so; a posted form is shown again as it was typed,
    with the reason nothing was recorded."""
    assembly = _assembly(request, pk, "sortition.manage_assembly")
    is_open = request.user.has_perm("sortition.enter_paper_reply", assembly)
    if not is_open and assembly.registration_closed_on is None:
        raise PermissionDenied("sortition.enter_paper_reply")
    form = forms.RegistrationForm(posted(request), assembly=assembly, on_paper=True)
    if request.method == "POST" and not is_open:
        form.is_valid()  # the typed values are shown again, with the reason on top
        form.add_error(None, texts.registration_closed_text(assembly))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.registration_code_check(
                assembly=assembly,
                code=data["code"],
                client=throttle.user_key(request.user),
            )
            services.respondent_register(
                actor=request.user,
                assembly=assembly,
                code=data["code"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                features=form.features(),
                consent=data["consent"],
                on_paper=True,
            )
        except ValidationError as error:
            field = "code" if getattr(error, "code", "") in ("wrong", "used") else None
            form.add_error(field, error)
        else:
            messages.success(request, _("The reply has been registered."))
            return redirect("sortition:paper", pk=assembly.pk)
    return render(
        request,
        "sortition/paper.html",
        {
            "assembly": assembly,
            "form": form,
            "is_open": is_open,
            "closed_text": "" if is_open else texts.registration_closed_text(assembly),
            "can_reopen": request.user.has_perm("sortition.reopen_registration", assembly),
        },
    )


@_login_or_403
def registration_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close registration, after a page that says what that means."""
    assembly = _assembly(request, pk, "sortition.manage_assembly")
    if not request.user.has_perm("sortition.close_registration", assembly):
        messages.info(request, _("Registration is not open."))
        return redirect("sortition:selection", pk=assembly.pk)
    if request.method == "POST":
        services.registration_close(actor=request.user, assembly=assembly)
        messages.success(
            request,
            _("Registration is closed. You can now compute everyone's chance."),
        )
        return redirect("sortition:selection", pk=assembly.pk)
    return render(
        request,
        "sortition/registration_close.html",
        {
            "assembly": assembly,
            "respondent_count": assembly.respondents.count(),
            "letters_used": assembly.invitations.filter(respondent__isnull=False)
            .distinct()
            .count(),
            "invitation_count": assembly.invitations.count(),
            "today": timezone.localdate(),
        },
    )


@_login_or_403
def registration_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen registration before the group is drawn, after a page that says that the
    computed chances are discarded and that the reopening is published."""
    assembly = _assembly(request, pk, "sortition.manage_assembly")
    latest = selectors.latest_selection(assembly)
    if not request.user.has_perm("sortition.reopen_registration", assembly):
        if latest is not None and latest.is_active:
            messages.error(
                request, _("The chances are being computed. Stop the computation first.")
            )
        else:
            messages.info(request, _("Registration cannot be reopened now."))
        return redirect("sortition:selection", pk=assembly.pk)
    if request.method == "POST":
        services.registration_reopen(actor=request.user, assembly=assembly)
        messages.success(
            request,
            _("Registration is open again. Residents can register until you close it."),
        )
        return redirect("sortition:selection", pk=assembly.pk)
    return render(
        request,
        "sortition/registration_reopen.html",
        {
            "assembly": assembly,
            "selection_count": assembly.selections.count(),
        },
    )


@_login_or_403
def pool(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = _assembly(request, pk, "sortition.view_pool")
    services.pool_view_log(actor=request.user, assembly=assembly, what="respondents")
    return render(
        request,
        "sortition/pool.html",
        {
            "assembly": assembly,
            "respondents": _with_values(assembly, selectors.respondents(assembly).order_by("name")),
        },
    )


@_login_or_403
def quotas(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = _assembly(request, pk, "sortition.manage_assembly")
    action = request.POST.get("action") if request.method == "POST" else None
    if action and not request.user.has_perm("sortition.set_quotas", assembly):
        raise PermissionDenied("sortition.set_quotas")
    page = forms.QuotaForms(assembly, action=action, data=request.POST, files=request.FILES)
    done = page.submit(actor=request.user)
    if done:
        messages.success(request, done)
        return redirect("sortition:quotas", pk=assembly.pk)
    report = selectors.feasibility(assembly)
    return render(
        request,
        "sortition/quotas.html",
        {
            "assembly": assembly,
            **page.context(),
            "composition": selectors.composition(assembly),
            "feasibility": report,
            "conflicts": [texts.conflict_text(c) for c in report.conflicts] if report else [],
            "relaxations": [texts.relaxation_text(r) for r in report.relaxations] if report else [],
            "can_edit": request.user.has_perm("sortition.set_quotas", assembly),
        },
    )


@_login_or_403
def selection(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = _assembly(request, pk, "sortition.manage_assembly")
    action = request.POST.get("action") if request.method == "POST" else None
    seed_form = forms.SeedForm(request.POST if action == "seed" else None, prefix="seed")
    selection_form = forms.SelectionForm(
        request.POST if action == "compute" else None, prefix="selection"
    )
    if action == "seed" and seed_form.is_valid():
        try:
            services.seed_fix(
                actor=request.user,
                assembly=assembly,
                seed=seed_form.cleaned_data["seed"],
                source=seed_form.cleaned_data["source"],
            )
        except ValidationError as error:
            seed_form.add_error("seed", error)
        else:
            messages.success(request, _("The seed has been fixed."))
            return redirect("sortition:selection", pk=assembly.pk)
    elif action == "compute" and selection_form.is_valid():
        try:
            services.selection_start(
                actor=request.user,
                assembly=assembly,
                algorithm=selection_form.cleaned_data["algorithm"],
            )
        except ValidationError as error:
            selection_form.add_error(None, error)
        else:
            return redirect("sortition:selection", pk=assembly.pk)
    elif action == "draw":
        try:
            services.panel_draw(actor=request.user, assembly=assembly)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The group has been drawn. The people drawn get an e-mail.")
            )
            return redirect("sortition:panel", pk=assembly.pk)
        return redirect("sortition:selection", pk=assembly.pk)
    latest = selectors.latest_selection(assembly)
    return render(
        request,
        "sortition/selection.html",
        {
            "assembly": assembly,
            "seed_form": seed_form,
            "selection_form": selection_form,
            "selection": latest,
            "respondent_count": assembly.respondents.count(),
            "algorithms": Algorithm,
            "has_errors": bool(seed_form.errors or selection_form.errors),
        },
    )


@_login_or_403
def selection_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress block alone, polled by htmx while the computation runs."""
    assembly = _assembly(request, pk, "sortition.manage_assembly")
    return render(
        request,
        "sortition/partials/selection_status.html",
        {"assembly": assembly, "selection": selectors.latest_selection(assembly), "polled": True},
    )


@require_POST
@_login_or_403
def selection_cancel(request: HttpRequest, pk: int, selection_pk: int) -> HttpResponse:
    the_selection = get_object_or_404(Selection, pk=selection_pk, assembly_id=pk)
    services.selection_cancel(actor=request.user, selection=the_selection)
    messages.success(request, _("The computation is being stopped."))
    return redirect("sortition:selection", pk=pk)


@_login_or_403
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = _assembly(request, pk, "sortition.manage_assembly")
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
        context["members"] = _with_values(assembly, selectors.panel_members(assembly))
        context["reserves"] = _with_values(assembly, selectors.reserves(assembly))
        context["replacements"] = assembly.replacements.select_related("dropped_out", "replaced_by")
    return render(request, "sortition/panel.html", context)


@_login_or_403
def panel_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The group, reserves and drop-outs with names and contacts, as CSV; the download is
    recorded like every look at the pool."""
    assembly = _assembly(request, pk, "sortition.export_panel")
    services.pool_view_log(actor=request.user, assembly=assembly, what="panel_export")
    text = csvfiles.panel_export_csv(assembly, selectors.panel_export_rows(assembly))
    response = _csv_download(text, f"gelote-groep-{assembly.pk}.csv")
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@_login_or_403
def dropout(request: HttpRequest, pk: int, respondent_pk: int) -> HttpResponse:
    assembly = _assembly(request, pk, "sortition.record_dropout")
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


@_login_or_403
def open_seat(request: HttpRequest, pk: int, replacement_pk: int) -> HttpResponse:
    """A seat no reserve could take: why, and the ways to fill it (a reserve who fits now, a
    draw from the other respondents, or an accepted deviation)."""
    assembly = _assembly(request, pk, "sortition.record_dropout")
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


@require_POST
@_login_or_403
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = _assembly(request, pk, "sortition.publish_report")
    form = forms.PublishForm(posted(request))
    form.is_valid()  # a checkbox: always valid
    services.report_publish(
        actor=request.user,
        assembly=assembly,
        publish_pool_file=form.cleaned_data.get("publish_pool_file", False),
    )
    messages.success(request, _("The report has been published."))
    return redirect("sortition:report", pk=assembly.pk)


@_login_or_403
def delete_pool(request: HttpRequest, pk: int) -> HttpResponse:
    assembly = _assembly(request, pk, "sortition.delete_pool")
    if request.method == "POST":
        services.pool_delete(actor=request.user, assembly=assembly)
        messages.success(request, _("The personal data of this assembly has been deleted."))
        return redirect("sortition:manage", pk=assembly.pk)
    return render(
        request, "sortition/delete_pool.html", {"assembly": assembly, "today": timezone.localdate()}
    )
