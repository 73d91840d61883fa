"""Pages of the initiatives app: the public gallery, one's own initiatives, the staff's
attention list, an initiative's page and its forms (edit, status, members, support,
scenarios, updates, facilitators), and update photos served with a permission check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from voorop.core import cache, files, page_cache
from voorop.core.forms import posted, uploaded_files
from voorop.core.pagination import PAGE_PARAMETER, page_of
from voorop.core.permissions import require
from voorop.hostop import selectors as hostop_selectors
from voorop.initiatives import selectors, services
from voorop.initiatives.forms import (
    FacilitatorForm,
    GalleryFilterForm,
    InitiativeForm,
    InitiativeStartForm,
    MemberAddForm,
    ScenarioForm,
    SupportForm,
    TransitionForm,
    UpdateForm,
)
from voorop.initiatives.models import Initiative, Membership, Status, UpdatePhoto

PAGE_SIZE = 12
SUPPORTERS_PER_PAGE = 50
UPDATES_PER_PAGE = 10
UPDATES_PAGE = "pagina_berichten"
TIMELINE_PER_PAGE = 25
TIMELINE_PAGE = "pagina_tijdlijn"


def _initiative(request: HttpRequest, pk: int) -> Initiative:
    """The initiative if this user may see it; otherwise 404 (drafts are not revealed)."""
    initiative = get_object_or_404(selectors.initiatives_visible_to(request.user), pk=pk)
    return initiative


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@page_cache.for_visitors(
    "initiatives.gallery",
    parts=lambda request: (cache.version(selectors.PUBLIC_PAGES),),
    params=(*GalleryFilterForm.base_fields, "order"),
)
def gallery(request: HttpRequest) -> HttpResponse:
    filters = GalleryFilterForm(request.GET)
    initiatives = selectors.initiatives_for_gallery(**filters.filters())
    page = page_of(request, initiatives, per_page=PAGE_SIZE)
    return render(
        request,
        "initiatives/gallery.html",
        {
            "filters": filters,
            "page": page,
            "filtered": any(v for k, v in request.GET.items() if k not in {"pagina", "order"}),
        },
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "initiatives/mine.html",
        {"initiatives": selectors.initiatives_of(request.user)},
    )


@login_required
def attention(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("initiatives.view_attention_list"):
        # Issue 14.12: a councillor (or anyone) who follows a link here gets a page that
        # says what this list is and where to go, not a bare 403.
        return render(request, "initiatives/attention_not_for_you.html", status=403)
    return render(request, "initiatives/attention.html", selectors.initiatives_needing_attention())


@permission_required("initiatives.add_initiative")
def new(request: HttpRequest) -> HttpResponse:
    form = InitiativeStartForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_start(
                actor=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                areas=form.cleaned_data["areas"],
                themes=form.cleaned_data["themes"],
                **form.details(),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your initiative has been saved as a draft. Only you can see it. "
                    "Submit it when you are ready."
                ),
            )
            return redirect(initiative)
    return render(request, "initiatives/form.html", {"form": form, "initiative": None})


@page_cache.for_visitors(
    "initiatives.detail",
    parts=lambda request, pk: cache.versions(
        selectors.PUBLIC_PAGES,
        hostop_selectors.CARDS,  # the Ho-stop panel
    ),
    page_params=(PAGE_PARAMETER, UPDATES_PAGE, TIMELINE_PAGE),
)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        initiative = selectors.initiative_for_page(pk, user=request.user)
    except Initiative.DoesNotExist:
        raise Http404 from None
    user = request.user
    perms = {
        name: user.has_perm(f"initiatives.{name}", initiative)
        for name in (
            "change_initiative",
            "manage_members",
            "add_scenario",
            "post_update",
            "support_initiative",
            "assign_facilitator",
        )
    }
    memberships = list(initiative.memberships.all())
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "perms_": perms,
            "transitions": services.transitions_allowed(initiative=initiative, user=user),
            "owners": [m.user for m in memberships if m.role == Membership.Role.OWNER],
            "members": [m.user for m in memberships if m.role == Membership.Role.MEMBER],
            "supporters": page_of(
                request, selectors.supporters_shown(initiative), per_page=SUPPORTERS_PER_PAGE
            ),
            "support": selectors.support_of(initiative=initiative, user=user),
            "support_form": SupportForm(),
            # Each list pages on its own (review): an initiative can run for years.
            "updates": page_of(
                request,
                selectors.updates_of(initiative),
                per_page=UPDATES_PER_PAGE,
                parameter=UPDATES_PAGE,
            ),
            "timeline": page_of(
                request,
                selectors.timeline_of(initiative),
                per_page=TIMELINE_PER_PAGE,
                parameter=TIMELINE_PAGE,
            ),
            "similar": selectors.similar_initiatives(initiative),
            "Status": Status,
        },
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    require(request.user, "initiatives.change_initiative", initiative)
    # The form works on a copy, so a failed validation never changes the original.
    form = InitiativeForm(posted(request), instance=Initiative.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(
                initiative=initiative,
                actor=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                areas=form.cleaned_data["areas"],
                themes=form.cleaned_data["themes"],
                **form.details(),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(initiative)
    return render(request, "initiatives/form.html", {"form": form, "initiative": initiative})


@login_required
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    transitions = services.transitions_allowed(initiative=initiative, user=request.user)
    if not transitions:
        raise PermissionDenied("initiatives.change_status")
    initial = {"action": request.GET.get("actie")} if request.method == "GET" else None
    form = TransitionForm(posted(request), transitions=transitions, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_transition(
                initiative=initiative,
                actor=request.user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The status has been changed."))
            return redirect(initiative)
    return render(request, "initiatives/status.html", {"form": form, "initiative": initiative})


@require_POST
@login_required
def support(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    if request.POST.get("withdraw"):
        services.support_withdraw(initiative=initiative, user=request.user)
        message = _("Your support has been withdrawn.")
    else:
        require(request.user, "initiatives.support_initiative", initiative)
        form = SupportForm(request.POST)
        form.is_valid()
        try:
            services.support_add(
                initiative=initiative,
                user=request.user,
                show_name=form.cleaned_data.get("show_name", False),
            )
        except IntegrityError:  # a double click: the first one counted
            initiative.refresh_from_db()
        message = _("Thank you for your support.")
    if request.headers.get("HX-Request"):
        return render(
            request,
            "initiatives/partials/support.html",
            {
                "initiative": initiative,
                "support": selectors.support_of(initiative=initiative, user=request.user),
                "supporters": page_of(
                    request, selectors.supporters_shown(initiative), per_page=SUPPORTERS_PER_PAGE
                ),
                "support_form": SupportForm(),
                "can_support": request.user.has_perm("initiatives.support_initiative", initiative),
                "announcement": message,
            },
        )
    messages.success(request, message)
    return redirect(f"{initiative.get_absolute_url()}#steun")


@login_required
def members(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    require(request.user, "initiatives.manage_members", initiative)
    form = MemberAddForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_add(
                initiative=initiative,
                actor=request.user,
                user=form.user,
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been added.") % {"name": form.user.public_name},
            )
            return redirect("initiatives:members", pk=pk)
    return render(
        request,
        "initiatives/members.html",
        {
            "initiative": initiative,
            "form": form,
            "memberships": initiative.memberships.select_related("user"),
        },
    )


@require_POST
@login_required
def member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    require(request.user, "initiatives.manage_members", initiative)
    membership = get_object_or_404(initiative.memberships, pk=membership_pk)
    try:
        services.membership_remove(initiative=initiative, actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(name)s has been removed.") % {"name": membership.user.public_name}
        )
    return redirect("initiatives:members", pk=pk)


@login_required
def scenario_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    require(request.user, "initiatives.add_scenario", initiative)
    form = ScenarioForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.scenario_add(initiative=initiative, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The scenario has been added."))
        return redirect(f"{initiative.get_absolute_url()}#scenarios")
    return render(
        request, "initiatives/scenario_form.html", {"form": form, "initiative": initiative}
    )


@login_required
def update_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    require(request.user, "initiatives.post_update", initiative)
    form = UpdateForm(posted(request), uploaded_files(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_publish(
                initiative=initiative,
                actor=request.user,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                figures=form.cleaned_data["figures"],
                lessons_learned=form.cleaned_data["lessons_learned"],
                photos=list(form.photos()),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your update has been published."))
            return redirect(f"{initiative.get_absolute_url()}#berichten")
    return render(request, "initiatives/update_form.html", {"form": form, "initiative": initiative})


@login_required
def facilitators(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    require(request.user, "initiatives.assign_facilitator", initiative)
    form = FacilitatorForm(posted(request))
    if request.method == "POST" and request.POST.get("remove"):
        person = get_object_or_404(initiative.facilitators, pk=request.POST["remove"])
        services.facilitator_remove(initiative=initiative, actor=request.user, facilitator=person)
        messages.success(request, _("%(name)s has been removed.") % {"name": person.public_name})
        return redirect("initiatives:facilitators", pk=pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.facilitator_assign(
                initiative=initiative,
                actor=request.user,
                facilitator=form.cleaned_data["facilitator"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The process facilitator has been added."))
            return redirect(initiative)
    return render(
        request,
        "initiatives/facilitators.html",
        {"form": form, "initiative": initiative, "current": initiative.facilitators.all()},
    )


def photo(request: HttpRequest, pk: int) -> HttpResponse:
    """Photos are served only to people who may see the initiative."""
    item = get_object_or_404(UpdatePhoto.objects.select_related("update"), pk=pk)
    if not request.user.has_perm(
        "initiatives.view_initiative",
        Initiative.objects.get(pk=item.update.initiative_id),
    ):
        raise Http404
    return files.serve_file(request, item.image, filename=f"foto-{item.pk}", inline=True)
