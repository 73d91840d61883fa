"""Manifest pages: the latest version with its passages, comments and accepted additions;
every earlier version and a readable comparison with the one before; commenting and
proposing additions; the griffie's new versions and decisions on additions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from voorop.community import selectors, services
from voorop.community.forms import (
    AdditionDecisionForm,
    AdditionForm,
    CommentForm,
    ManifestForm,
    VersionForm,
)
from voorop.community.models import Addition, AdditionStatus, Manifest, ManifestVersion
from voorop.community.views.base import form_page
from voorop.core.forms import posted
from voorop.core.permissions import permission_required, require


def _version(manifest: Manifest, number: int | None = None) -> ManifestVersion:
    version = (
        manifest.versions.filter(number=number).first()
        if number is not None
        else selectors.latest_version(manifest)
    )
    if version is None:
        raise Http404
    return version


def manifest_detail(request: HttpRequest, slug: str, number: int | None = None) -> HttpResponse:
    manifest = get_object_or_404(Manifest, slug=slug)
    version = _version(manifest, number)
    latest = selectors.latest_version(manifest)
    user = request.user
    can_publish = user.has_perm("community.publish_manifest")
    additions = manifest.additions.select_related("author", "included_in")
    return render(
        request,
        "community/manifest.html",
        {
            "manifest": manifest,
            "version": version,
            "is_latest": latest is not None and latest.pk == version.pk,
            "rows": selectors.passage_rows(version),
            "versions": manifest.versions.all(),
            "accepted": selectors.accepted_additions(manifest),
            "proposed": additions.filter(status=AdditionStatus.PROPOSED),
            "declined": additions.filter(status=AdditionStatus.DECLINED)[:20],
            "can_comment": user.has_perm("community.comment_manifest", version),
            "can_publish": can_publish,
        },
    )


def version_compare(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    manifest = get_object_or_404(Manifest, slug=slug)
    version = _version(manifest, number)
    previous = manifest.versions.filter(number__lt=number).order_by("-number").first()
    return render(
        request,
        "community/manifest_compare.html",
        {
            "manifest": manifest,
            "version": version,
            "previous": previous,
            "rows": selectors.version_diff(previous, version),
        },
    )


@permission_required("community.publish_manifest")
def manifest_create(request: HttpRequest) -> HttpResponse:
    form = ManifestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if Manifest.objects.filter(slug=form.cleaned_data["slug"]).exists():
            form.add_error("slug", _("This short name is already in use."))
        else:
            manifest = services.manifest_create(actor=request.user, **form.cleaned_data)
            messages.success(request, _("The manifest has been published."))
            return redirect(manifest)
    return form_page(
        request,
        form,
        heading=_("New manifest"),
        back_url=reverse("community:index"),
        back_label=_("In your area"),
    )


@permission_required("community.publish_manifest")
def version_publish(request: HttpRequest, slug: str) -> HttpResponse:
    manifest = get_object_or_404(Manifest, slug=slug)
    latest = selectors.latest_version(manifest)
    waiting = manifest.additions.filter(status=AdditionStatus.ACCEPTED, included_in__isnull=True)
    form = VersionForm(
        posted(request), additions=waiting, initial={"text": latest.text if latest else ""}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.version_publish(
                actor=request.user,
                manifest=manifest,
                text=data["text"],
                note=data["note"],
                include=list(data["include"]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Version %(n)s has been published.") % {"n": version.number}
            )
            return redirect(version)
    return form_page(
        request,
        form,
        heading=_("Publish a new version of %(title)s") % {"title": manifest},
        intro=_("Every version stays readable, and is compared with the one before."),
        back_url=manifest.get_absolute_url(),
        back_label=str(manifest),
        button=_("Publish now"),
    )


@login_required
def comment_add(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    manifest = get_object_or_404(Manifest, slug=slug)
    version = _version(manifest, number)
    require(request.user, "community.comment_manifest", version)
    initial = {"passage": request.GET.get("passage", "")}
    form = CommentForm(posted(request), passages=version.passages, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_add(actor=request.user, version=version, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you for your comment."))
            return redirect(version)
    return form_page(
        request,
        form,
        heading=_("Comment on a passage"),
        back_url=version.get_absolute_url(),
        back_label=str(manifest),
        button=_("Send"),
    )


@login_required
def addition_propose(request: HttpRequest, slug: str) -> HttpResponse:
    manifest = get_object_or_404(Manifest, slug=slug)
    version = _version(manifest)
    require(request.user, "community.comment_manifest", version)
    form = AdditionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.addition_propose(actor=request.user, version=version, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you. The griffie decides on your addition and lets you know."),
            )
            return redirect(manifest)
    return form_page(
        request,
        form,
        heading=_("Propose an addition to %(title)s") % {"title": manifest},
        intro=_("Accepted additions go into the next version, shown with your name."),
        back_url=manifest.get_absolute_url(),
        back_label=str(manifest),
        button=_("Send"),
    )


@permission_required("community.publish_manifest")
def addition_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    manifest = get_object_or_404(Manifest, slug=slug)
    addition = get_object_or_404(Addition, manifest=manifest, pk=pk, status=AdditionStatus.PROPOSED)
    form = AdditionDecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.addition_decide(
                actor=request.user,
                addition=addition,
                accept=form.cleaned_data["decision"] == "accept",
                reply=form.cleaned_data["reply"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision has been saved and sent to the author."))
            return redirect(manifest)
    return form_page(
        request,
        form,
        heading=_("Decide on a proposed addition"),
        intro=f"{addition.author_label}: {addition.text}",
        back_url=manifest.get_absolute_url(),
        back_label=str(manifest),
    )
