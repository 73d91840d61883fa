"""Neighbourhood network pages: an area's asks, offers and volunteer vacancies, its groups
and veiligheidskoffer; posting, replying privately, reporting, marking done; and the
moderators' queue (one by one or in bulk) with its log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.community import selectors, services
from voorop.community.forms import (
    BulkModerateForm,
    GroupForm,
    ModerateForm,
    NetworkForm,
    PostAnswerForm,
    PostForm,
    RemoveForm,
    ReplyForm,
    ReportForm,
    SafetyItemForm,
)
from voorop.community.models import (
    AreaNetwork,
    ModerationEntry,
    NetworkGroup,
    Post,
    PostCategory,
    PostKind,
    PostReply,
    SafetyItem,
)
from voorop.community.views.base import form_page
from voorop.core.forms import posted
from voorop.core.pagination import page_of
from voorop.core.permissions import permission_required, require
from voorop.initiatives import selectors as initiatives


def _network(area_slug: str) -> AreaNetwork:
    return get_object_or_404(AreaNetwork.objects.select_related("area"), area__slug=area_slug)


def _post(network: AreaNetwork, pk: int, user) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("network__area", "initiative"), network=network, pk=pk
    )
    if not user.has_perm("community.view_post", post):
        raise Http404
    return post


def network_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "community/network_list.html",
        {"page": page_of(request, selectors.networks_list())},
    )


def network_detail(request: HttpRequest, area_slug: str) -> HttpResponse:
    network = _network(area_slug)
    kind = request.GET.get("soort", "")
    category = request.GET.get("over", "")
    kind = kind if kind in PostKind.values else ""
    category = category if category in PostCategory.values else ""
    return render(
        request,
        "community/network_detail.html",
        {
            "network": network,
            "page": page_of(request, selectors.posts_open(network, kind=kind, category=category)),
            "kinds": PostKind.choices,
            "categories": PostCategory.choices,
            "kind": kind,
            "category": category,
            "groups": network.groups.all(),
            "safety": network.safety.all(),
            "can_post": request.user.has_perm("community.post", network),
            "can_curate": request.user.has_perm("community.curate_safety"),
        },
    )


@login_required
def post_create(request: HttpRequest, area_slug: str) -> HttpResponse:
    network = _network(area_slug)
    require(request.user, "community.post", network)
    form = PostForm(posted(request), initiatives=initiatives.initiatives_of(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_create(actor=request.user, network=network, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if network.premoderation:
                messages.success(
                    request,
                    _("Thank you. A moderator looks at your message first; then it is shown."),
                )
            else:
                messages.success(request, _("Your message is online."))
            return redirect(post)
    return form_page(
        request,
        form,
        heading=_("Post a message in %(area)s") % {"area": network.area},
        intro=_(
            "People reply to you privately through Voorop. Your name and contact details "
            "are not shown."
        ),
        back_url=network.get_absolute_url(),
        back_label=str(network.area),
        button=_("Post"),
    )


THREADS_PER_PAGE = 10
THREADS_PAGE = "pagina_gesprekken"


def _answer_prefix(reply: PostReply) -> str:
    return f"antwoord-{reply.pk}"


def post_detail(request: HttpRequest, area_slug: str, pk: int) -> HttpResponse:
    network = _network(area_slug)
    post = _post(network, pk, request.user)
    user = request.user
    # A page of threads (one per person who replied), and only their messages (review).
    starts = page_of(
        request,
        selectors.thread_starts(post, user),
        per_page=THREADS_PER_PAGE,
        parameter=THREADS_PAGE,
    )
    threads = selectors.reply_threads(post, user, people=[row["person"] for row in starts])
    for thread in threads:
        last = thread.answerable
        thread.answer_form = (  # type: ignore[attr-defined]
            PostAnswerForm(prefix=_answer_prefix(last))
            if last is not None and user.has_perm("community.answer_reply", last)
            else None
        )
    return render(
        request,
        "community/post_detail.html",
        {
            "network": network,
            "post": post,
            "threads": threads,
            "thread_page": starts,
            "is_poster": user.is_authenticated and post.author_id == user.pk,
            "can_reply": user.has_perm("community.reply", post),
            "can_report": user.has_perm("community.report_post", post),
            "can_close": user.has_perm("community.close_post", post) and post.is_open,
            "can_moderate": user.has_perm("community.moderate", post),
            "reply_form": ReplyForm(),
        },
    )


@login_required
def post_reply(request: HttpRequest, area_slug: str, pk: int) -> HttpResponse:
    network = _network(area_slug)
    post = _post(network, pk, request.user)
    require(request.user, "community.reply", post)
    form = ReplyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.post_reply(actor=request.user, post=post, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your message has been sent to the poster."))
            return redirect(post)
    return form_page(
        request,
        form,
        heading=_("Reply to: %(title)s") % {"title": post.title},
        back_url=post.get_absolute_url(),
        back_label=post.title,
        button=_("Send"),
    )


@login_required
def post_answer(request: HttpRequest, area_slug: str, pk: int, reply_pk: int) -> HttpResponse:
    """The poster answers one person who replied (into that private thread)."""
    network = _network(area_slug)
    post = _post(network, pk, request.user)
    reply = get_object_or_404(post.replies.select_related("author"), pk=reply_pk)
    require(request.user, "community.answer_reply", reply)
    form = PostAnswerForm(posted(request), prefix=_answer_prefix(reply))
    if request.method == "POST" and form.is_valid():
        try:
            services.post_answer(actor=request.user, reply=reply, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your answer has been sent."))
            return redirect(post)
    return form_page(
        request,
        form,
        heading=_("Answer to: %(title)s") % {"title": post.title},
        back_url=post.get_absolute_url(),
        back_label=post.title,
        button=_("Send"),
    )


@login_required
def post_report(request: HttpRequest, area_slug: str, pk: int) -> HttpResponse:
    network = _network(area_slug)
    post = _post(network, pk, request.user)
    require(request.user, "community.report_post", post)
    form = ReportForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.post_report(actor=request.user, post=post, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. A moderator will look at it."))
            return redirect(network)
    return form_page(
        request,
        form,
        heading=_("Report: %(title)s") % {"title": post.title},
        back_url=post.get_absolute_url(),
        back_label=post.title,
        button=_("Send the report"),
    )


@require_POST
@login_required
def post_close(request: HttpRequest, area_slug: str, pk: int) -> HttpResponse:
    network = _network(area_slug)
    post = _post(network, pk, request.user)
    services.post_close(actor=request.user, post=post)
    messages.success(request, _("Your message is marked as done."))
    return redirect(post)


@permission_required("community.moderate")
def moderation(request: HttpRequest) -> HttpResponse:
    queue = selectors.moderation_queue()
    form = BulkModerateForm(posted(request), queue=queue)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entries = services.posts_moderate(
                actor=request.user,
                posts=data["posts"],
                action=data["action"],
                reason=data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(n)s messages handled.") % {"n": len(entries)})
            return redirect("community:moderation")
    return render(request, "community/moderation.html", {"form": form, "queue": queue})


@permission_required("community.moderate")
def post_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.select_related("network__area"), pk=pk)
    form = ModerateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.post_moderate(actor=request.user, post=post, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your decision has been saved in the moderation log."))
            return redirect("community:moderation")
    return render(
        request,
        "community/post_moderate.html",
        {
            "form": form,
            "post": post,
            "reports": post.reports.select_related("reporter"),
            "log": post.moderation_log.select_related("moderator"),
        },
    )


@permission_required("community.moderate")
def moderation_log(request: HttpRequest) -> HttpResponse:
    entries = ModerationEntry.objects.select_related("post__network__area", "moderator")
    return render(request, "community/moderation_log.html", {"page": page_of(request, entries)})


def _network_form(request: HttpRequest, network: AreaNetwork | None) -> HttpResponse:
    form = NetworkForm(posted(request), instance=network)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.network_save(
                actor=request.user, network=network, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The settings have been saved."))
            return redirect(saved)
    return form_page(
        request,
        form,
        heading=_("Neighbourhood network settings"),
        back_url=network.get_absolute_url() if network else reverse("community:networks"),
        back_label=str(network) if network else _("Neighbourhood networks"),
    )


@permission_required("community.moderate")
def network_create(request: HttpRequest) -> HttpResponse:
    return _network_form(request, None)


@permission_required("community.moderate")
def network_edit(request: HttpRequest, area_slug: str) -> HttpResponse:
    return _network_form(request, _network(area_slug))


def _curated(
    request: HttpRequest, area_slug: str, form_class, save, heading: str, instance=None
) -> HttpResponse:
    network = _network(area_slug)
    if not request.user.has_perm("community.curate_safety"):
        raise PermissionDenied("community.curate_safety")
    form = form_class(posted(request), instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            save(actor=request.user, network=network, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(network)
    return form_page(
        request, form, heading=heading, back_url=network.get_absolute_url(), back_label=str(network)
    )


@login_required
def group_create(request: HttpRequest, area_slug: str) -> HttpResponse:
    return _curated(
        request,
        area_slug,
        GroupForm,
        lambda **kw: services.group_save(group=None, **kw),
        _("Add a group"),
    )


@login_required
def safety_create(request: HttpRequest, area_slug: str) -> HttpResponse:
    return _curated(
        request,
        area_slug,
        SafetyItemForm,
        lambda **kw: services.safety_item_save(item=None, **kw),
        _("Add to the veiligheidskoffer"),
    )


def _entry(request: HttpRequest, model, area_slug: str, pk: int):
    network = _network(area_slug)
    if not request.user.has_perm("community.curate_safety"):
        raise PermissionDenied("community.curate_safety")
    return network, get_object_or_404(model, network=network, pk=pk)


@login_required
def group_edit(request: HttpRequest, area_slug: str, pk: int) -> HttpResponse:
    _net, group = _entry(request, NetworkGroup, area_slug, pk)
    return _curated(
        request,
        area_slug,
        GroupForm,
        lambda **kw: services.group_save(group=group, **kw),
        _("Change the group"),
        instance=group,
    )


@login_required
def safety_edit(request: HttpRequest, area_slug: str, pk: int) -> HttpResponse:
    _net, item = _entry(request, SafetyItem, area_slug, pk)
    return _curated(
        request,
        area_slug,
        SafetyItemForm,
        lambda **kw: services.safety_item_save(item=item, **kw),
        _("Change the veiligheidskoffer entry"),
        instance=item,
    )


def _remove(request: HttpRequest, network: AreaNetwork, entry, remove, heading: str):
    form = RemoveForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            remove(actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Removed. What it said is kept in the log."))
            return redirect(network)
    return form_page(
        request,
        form,
        heading=heading % {"name": entry},
        intro=_("It is no longer shown on the page of %(area)s.") % {"area": network.area},
        back_url=network.get_absolute_url(),
        back_label=str(network),
        button=_("Remove"),
    )


@login_required
def group_remove(request: HttpRequest, area_slug: str, pk: int) -> HttpResponse:
    network, group = _entry(request, NetworkGroup, area_slug, pk)
    return _remove(
        request,
        network,
        group,
        lambda **kw: services.group_remove(group=group, **kw),
        _("Remove the group “%(name)s”"),
    )


@login_required
def safety_remove(request: HttpRequest, area_slug: str, pk: int) -> HttpResponse:
    network, item = _entry(request, SafetyItem, area_slug, pk)
    return _remove(
        request,
        network,
        item,
        lambda **kw: services.safety_item_remove(item=item, **kw),
        _("Remove “%(name)s” from the veiligheidskoffer"),
    )
