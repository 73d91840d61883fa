"""Pages of the desk: the public form, the tracking page by secret link, one's own items,
the staff's registration form and queue, an item's page with its actions, attachments
served with a permission check."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from voorop.core import cache, files, fragments, page_cache, throttle
from voorop.core.areas.selectors import AREAS_AND_THEMES
from voorop.core.forms import posted, uploaded_files
from voorop.core.pagination import page_of
from voorop.core.permissions import permission_required
from voorop.core.uploads import KeptFile, keep_uploads, kept_uploads
from voorop.loket import forms, selectors, services
from voorop.loket.models import Attachment, DeskItem, DeskTask, InformBy, ItemKind

ITEM_FIELDS = ("kind", "is_safety", "title", "description", "area", "theme", "location")


def _keep_files(request: HttpRequest, form) -> list[KeptFile]:
    """Files the resident already chose stay chosen when the form comes back with errors."""
    previously = kept_uploads(request, form.cleaned_data.get("kept") or form.data.getlist("kept"))
    accepted = form.cleaned_data.get("attachments") or getattr(
        form.fields["attachments"], "accepted_before_error", []
    )
    return [
        KeptFile(p.token, p.original_name, p.content_type, p.size) for p in previously
    ] + keep_uploads(request, accepted)


def _submit_with(request: HttpRequest, form, **extra) -> tuple[DeskItem, str] | None:
    """Run the service for a valid form; on a rule the form did not catch, add the error."""
    data = form.cleaned_data
    try:
        item, token = services.item_submit(
            actor=request.user,
            attachments=data.get("attachments") or [],
            kept_attachments=kept_uploads(request, data.get("kept") or []),
            anonymous=data.get("anonymous", False),
            contact_name=data.get("contact_name", ""),
            contact_email=data.get("contact_email", ""),
            contact_phone=data.get("contact_phone", ""),
            contact_address=data.get("contact_address", ""),
            inform_by=data.get("inform_by", ""),
            once=data.get("once", ""),
            **{name: data[name] for name in ITEM_FIELDS},
            **extra,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    return item, token


# Where the form's one-time key goes in a kept blank form (voorop.core.fragments) and in the
# page kept for visitors (voorop.core.page_cache).
ONCE_PLACEHOLDER = "voorop-once-key-of-this-form"


# The blank form is the same page for every visitor without a session but for its CSRF token
# and one-time key (issue 13); it offers the areas and themes, whose version the back office
# renews when it changes them.
@page_cache.for_visitors(
    "loket.submit",
    parts=lambda request: (cache.version(AREAS_AND_THEMES),),
    choices={"soort": ItemKind.values},
    page_params=(),
    fresh={ONCE_PLACEHOLDER: forms.new_once_key},
)
def submit(request: HttpRequest) -> HttpResponse:
    form = forms.SubmitForm(
        posted(request),
        uploaded_files(request),
        user=request.user,
        # Only a known kind: the blank form is kept per initial value (review: any other
        # ?soort= would make a new piece).
        initial={"kind": kind if (kind := request.GET.get("soort", "")) in ItemKind.values else ""},
    )
    kept: list[KeptFile] = []
    if request.method == "POST":
        visitor = not request.user.is_authenticated
        if form.is_valid() and (
            submitted := _submit_with(
                request,
                form,
                language=get_language(),
                client=throttle.client_key(request) if visitor else "",
            )
        ):
            item, token = submitted
            # Say on the page whether a confirmation e-mail really went out.
            return redirect(services.tracking_url(token) + f"?nieuw={int(item.confirmation_sent)}")
        kept = _keep_files(request, form)
    return render(
        request,
        "loket/submit.html",
        {
            "form": form,
            "kept": kept,
            "form_html": None if form.is_bound else _blank_form(request, form),
        },
    )


def _blank_form(request: HttpRequest, form: forms.SubmitForm) -> str:
    """The blank public form, the same for every visitor but for its one-time key: kept in
    each process's memory (issue 13) with a placeholder where the key goes. A page rendered
    for the page cache keeps the placeholder: each visitor's response gets a key of its own."""
    once = form.fields["once"].initial
    form.fields["once"].initial = ONCE_PLACEHOLDER
    html = fragments.form_html("loket.submit_form", form)
    form.fields["once"].initial = once
    if page_cache.rendering_for_cache(request):
        return mark_safe(html)  # noqa: S308 - the output of the form's templates
    return mark_safe(html.replace(ONCE_PLACEHOLDER, once))  # noqa: S308 - a URL-safe key


@never_cache  # the answer may show a tracking link, to read out once
@permission_required("loket.register_item")
def register(request: HttpRequest) -> HttpResponse:
    form = forms.RegisterForm(posted(request), uploaded_files(request))
    kept: list[KeptFile] = []
    if request.method == "POST":
        if form.is_valid() and (
            submitted := _submit_with(
                request,
                form,
                channel=form.cleaned_data["channel"],
                language=form.cleaned_data["language"],
            )
        ):
            item, token = submitted
            # Shown once, now: only the token's hash is stored. Not a redirect, so the
            # link is in no log, session or URL afterwards.
            return render(
                request,
                "loket/registered.html",
                {
                    "item": item,
                    "tracking_link": settings.VOOROP_SITE_URL + services.tracking_url(token),
                },
            )
        kept = _keep_files(request, form)
    return render(request, "loket/register.html", {"form": form, "kept": kept})


def track(request: HttpRequest, token: str) -> HttpResponse:
    item = selectors.item_by_token(token)
    if item is None:
        raise Http404(_("This link is not (or no longer) valid."))
    form = forms.ReplyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.item_reply(item=item, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. Your answer has been added."))
            return redirect("loket:track", token=token)
    return render(
        request,
        "loket/track.html",
        {
            "item": item,
            "events": selectors.public_events(item),
            "form": form,
            "is_new": request.GET.get("nieuw") in {"0", "1"},
            "mailed": request.GET.get("nieuw") == "1",
            "token": token,
        },
    )


@login_required
def my_items(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.items_submitted_by(request.user))
    return render(request, "loket/my_items.html", {"page": page})


TASKS_PAGE = "pagina_taken"


@permission_required("loket.view_queue")
def queue(request: HttpRequest) -> HttpResponse:
    # Without a status in the address the queue shows the open items, and the filter says
    # so; "status=" (chosen "All") lists every item (issue 14.4).
    data = request.GET.copy()
    data.setdefault("status", "open")
    filters = forms.QueueFilterForm(data)
    filters.is_valid()
    criteria = filters.cleaned_data
    items = selectors.queue(
        area=criteria.get("area"),
        theme_id=getattr(criteria.get("theme"), "pk", None),
        kind=criteria.get("kind") or "",
        status=criteria.get("status", "open"),
        assignee=criteria.get("assignee") or "",
        user=request.user,
        overdue_only=bool(criteria.get("overdue")),
    )
    page = page_of(request, items, per_page=50)
    # The filters show the same for the same choices and data: kept (issue 13).
    filter_fields = fragments.form_html(
        "loket.queue_filters",
        filters,
        render=lambda: "".join(str(field.as_field_group()) for field in filters),
    )
    default_view = (
        not any(criteria.get(name) for name in ("area", "theme", "kind", "assignee", "overdue"))
        and criteria.get("status", "open") == "open"
    )
    # The rows as plain values, and desk items made of them when the table is rendered.
    rows: selectors.QueuePage = page.object_list
    suggestions = rows.suggestions(selectors.RoutingTable())
    # Paged apart from the items: letters to write can pile up (review).
    tasks = page_of(
        request, selectors.open_tasks_for(request.user), per_page=10, parameter=TASKS_PAGE
    )
    # The same rows, the same table: kept under what the rows hold (issue 13), compared as
    # plain values; desk items are made of them only when the table is rendered anew.
    table = fragments.rendered(
        "loket.queue_table",
        rows.shown,
        [route.label if route else None for route in suggestions],
        render=lambda: render_to_string(
            "loket/partials/queue_table.html", {"rows": list(zip(rows, suggestions, strict=True))}
        ),
    )
    return render(
        request,
        "loket/queue.html",
        {
            "filter_fields": filter_fields,
            "page": page,
            "table": table,
            # Overdue implies open: unfiltered, the queue's own count is the desk's.
            "counts": {
                "overdue": items.overdue_count if default_view else selectors.overdue_count()
            },
            # Not kept: at most ten rows, with submitters' contact details (review).
            "tasks": tasks,
        },
    )


def _item_for(request: HttpRequest, reference: str, permission: str = "loket.view_item"):
    item = get_object_or_404(
        DeskItem.objects.select_related("area", "theme", "assignee", "team", "submitter"),
        reference=reference,
    )
    if not request.user.has_perm(permission, item):
        raise PermissionDenied
    return item


@login_required
def item_detail(request: HttpRequest, reference: str) -> HttpResponse:
    item = _item_for(request, reference)
    return _render_item(request, item)


def _render_item(request: HttpRequest, item: DeskItem, **forms_with_errors) -> HttpResponse:
    suggestion = selectors.suggest_route(item)
    refer_initial = {}
    if suggestion:
        refer_initial = {"assignee": suggestion.contact, "team": suggestion.team}
    context = {
        "item": item,
        "events": item.timeline.select_related("actor"),
        "attachments": item.attachments.all(),
        "tasks": item.tasks.filter(done_at__isnull=True),
        "suggestion": suggestion,
        "ladder": selectors.escalation_ladder(item.area),
        "refer_form": forms.ReferForm(initial=refer_initial, prefix="refer"),
        "message_form": forms.MessageForm(prefix="message"),
        "note_form": forms.NoteForm(prefix="note"),
        "escalate_form": forms.EscalateForm(prefix="escalate"),
        "close_form": forms.CloseForm(prefix="close"),
        "convert_form": forms.ConvertForm(prefix="convert"),
    }
    context.update(forms_with_errors)
    status = 400 if forms_with_errors else 200
    return render(request, "loket/item.html", context, status=status)


def _action(form_class, prefix: str, permission: str, run):
    """A POST action on an item: validate, run the service, or show the form with errors."""

    @login_required
    @require_POST
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        item = _item_for(request, reference, permission)
        form = form_class(request.POST, prefix=prefix)
        if form.is_valid():
            try:
                done = run(item=item, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, done)
                return redirect(item)
        return _render_item(request, item, **{f"{prefix}_form": form})

    return view


def _told(item: DeskItem, done: str) -> str:
    """The confirmation for staff, claiming only what really happens to the message."""
    route = item.inform_route
    if route == InformBy.EMAIL:
        how = _("The submitter gets it by e-mail.")
    elif route == InformBy.PHONE:
        how = _("Call the submitter to pass it on: the task is in your queue.")
    elif route == InformBy.LETTER:
        how = _("Send the submitter a letter with it: the task is in your queue.")
    else:
        how = _("It is on the tracking page only: the submitter is not sent anything.")
    return f"{done} {how}"


refer = _action(
    forms.ReferForm,
    "refer",
    "loket.refer_item",
    lambda **kw: services.item_refer(**kw) and _("The item has been referred."),
)
message = _action(
    forms.MessageForm,
    "message",
    "loket.handle_item",
    lambda **kw: _told(services.item_message(**kw), _("Your message is on the tracking page.")),
)
note = _action(
    forms.NoteForm,
    "note",
    "loket.handle_item",
    lambda **kw: services.item_note(**kw) and _("The note has been saved."),
)
escalate = _action(
    forms.EscalateForm,
    "escalate",
    "loket.handle_item",
    lambda **kw: services.item_escalate(**kw) and _("Passed up the ladder."),
)
convert = _action(
    forms.ConvertForm,
    "convert",
    "loket.convert_item",
    lambda **kw: (
        services.item_convert_to_initiative(**kw)
        and _told(kw["item"], _("The initiative has been created and the item closed."))
    ),
)
close = _action(
    forms.CloseForm,
    "close",
    "loket.close_item",
    lambda **kw: _told(services.item_close(**kw), _("Closed.")),
)


@never_cache
@login_required
@require_POST
def new_tracking_link(request: HttpRequest, reference: str) -> HttpResponse:
    """Shown once, in this response: for reading out on the phone or at the counter."""
    item = _item_for(request, reference, "loket.handle_item")
    token = services.item_new_tracking_link(item=item, actor=request.user)
    return render(
        request,
        "loket/registered.html",
        {
            "item": item,
            "tracking_link": settings.VOOROP_SITE_URL + services.tracking_url(token),
            "new_link": True,
        },
    )


@login_required
@require_POST
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(DeskTask.objects.select_related("item"), pk=pk)
    if not request.user.has_perm("loket.handle_item", task.item):
        raise PermissionDenied
    try:
        services.task_done(task=task, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done. The tracking page now says so."))
    if request.POST.get("from") == "queue":
        return redirect("loket:queue")
    return redirect(task.item)


@login_required
def attachment(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    item = _item_for(request, reference)
    file = get_object_or_404(Attachment, pk=pk, item=item)
    return files.serve_file(request, file.file, filename=file.original_name, inline=True)
