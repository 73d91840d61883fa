"""Stage: who may vote. Voting codes on letters: uploading the address list, downloading and
deleting the letters."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.budgeting import services
from voorop.budgeting.models import (
    VotingCodeBatch,
)
from voorop.budgeting.views.common import (
    get_round,
    visitors_log_in,
)
from voorop.core import letters as letter_kit
from voorop.core.address_lists import AddressListForm, repeated_lines_text
from voorop.core.forms import posted, uploaded_files
from voorop.core.pagination import page_of
from voorop.core.permissions import require


@visitors_log_in
def voting_codes(request: HttpRequest, pk: int) -> HttpResponse:
    budget_round = get_round(pk)
    require(request.user, "budgeting.manage_round", budget_round)
    form = AddressListForm(posted(request), uploaded_files(request))
    if request.method == "POST":
        require(request.user, "budgeting.prepare_voting_codes", budget_round)
        if form.is_valid():
            try:
                services.voting_codes_request(
                    actor=request.user,
                    budget_round=budget_round,
                    addresses=form.address_rows,
                    base_url=request.build_absolute_uri("/"),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "%(count)s addresses read. The codes and letters are being made. "
                        "Refresh this page in a moment."
                    )
                    % {"count": len(form.address_rows)},
                )
                if form.repeated_lines:
                    messages.info(
                        request,
                        _(
                            "These lines repeat an earlier address and get no letter of their "
                            "own: %(lines)s."
                        )
                        % {"lines": repeated_lines_text(form.repeated_lines)},
                    )
                return redirect("budgeting:codes", pk=pk)
    return render(
        request,
        "budgeting/codes.html",
        {
            "round": budget_round,
            "form": form,
            "batches": page_of(request, budget_round.code_batches.order_by("-created_at", "-pk")),
            "may_make": request.user.has_perm("budgeting.prepare_voting_codes", budget_round),
        },
    )


def _batch(request: HttpRequest, pk: int, batch_pk: int):
    budget_round = get_round(pk)
    require(request.user, "budgeting.manage_round", budget_round)
    return get_object_or_404(VotingCodeBatch, pk=batch_pk, round=budget_round)


@visitors_log_in
def letters_download(request: HttpRequest, pk: int, batch_pk: int) -> HttpResponse:
    batch = _batch(request, pk, batch_pk)
    return letter_kit.letters_download(batch.letters, f"stemcodes-ronde-{pk}-{batch.pk}.pdf")


@require_POST
@visitors_log_in
def letters_delete(request: HttpRequest, pk: int, batch_pk: int) -> HttpResponse:
    batch = _batch(request, pk, batch_pk)
    services.voting_letters_delete(actor=request.user, batch=batch)
    messages.success(request, _("The letters have been deleted. The codes keep working."))
    return redirect("budgeting:codes", pk=pk)


@require_POST
@visitors_log_in
def letters_retry(request: HttpRequest, pk: int, batch_pk: int) -> HttpResponse:
    """The "try again" button of a failed batch of letters."""
    batch = _batch(request, pk, batch_pk)
    require(request.user, "budgeting.prepare_voting_codes", batch.round)
    if services.voting_letters_retry(actor=request.user, batch=batch):
        messages.success(
            request, _("The letters are being made again. Refresh this page in a moment.")
        )
    return redirect("budgeting:codes", pk=pk)
