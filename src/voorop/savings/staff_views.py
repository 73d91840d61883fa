"""Staff pages of budget dialogues: setting one up (tables, options and frames before it
opens), table plans from meetings, and letters with codes (a number of letters, or one for
every address of an uploaded list). The pages residents use are in `views.py`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.core import letters as letter_kit
from voorop.core.address_lists import AddressListForm, repeated_lines_text
from voorop.core.forms import posted
from voorop.core.pagination import page_of
from voorop.core.permissions import require
from voorop.savings import forms, selectors, services
from voorop.savings.models import LetterBatch
from voorop.savings.views import _dialogue, _figures_context


def table_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff enter a plan made at a table during a meeting."""
    dialogue = _dialogue(pk)
    require(request.user, "savings.enter_table_plan", dialogue)
    form = forms.PlanForm(posted(request), options=selectors.options_of(dialogue), table_plan=True)
    sending = request.method == "POST" and "send" in request.POST
    if sending and form.is_valid():
        try:
            services.table_plan_enter(
                actor=request.user,
                dialogue=dialogue,
                meeting=form.cleaned_data["meeting"],
                levels=form.levels(),
                reasons=form.reasons(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The table plan has been saved."))
            return redirect("savings:table_plan", pk=pk)
    return render(
        request,
        "savings/plan.html",
        {"form": form, "table_plan": True, "sending": sending, **_figures_context(dialogue, form)},
    )


def codes(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff ask for letters with codes: a number of letters without an address, or a letter
    for every address of an uploaded list (voorop.core.address_lists). The view only checks
    and queues; a background job makes the codes and the PDF (services.letters_make), and
    the page lists the batches with their state, download, delete and try again."""
    dialogue = _dialogue(pk)
    require(request.user, "savings.manage_dialogue", dialogue)
    by_address = request.method == "POST" and "by_address" in request.POST
    form = forms.CodesForm(None if by_address else posted(request))
    address_form = AddressListForm(
        request.POST if by_address else None, request.FILES if by_address else None
    )
    if request.method == "POST":
        require(request.user, "savings.prepare_codes", dialogue)
        sent = address_form if by_address else form
        if sent.is_valid():
            try:
                batch = services.letters_request(
                    actor=request.user,
                    dialogue=dialogue,
                    count=None if by_address else form.cleaned_data["count"],
                    addresses=address_form.address_rows if by_address else None,
                    base_url=request.build_absolute_uri("/"),
                )
            except ValidationError as error:
                sent.add_error(None, error)
            else:
                _tell_queued(
                    request, batch.count, address_form.repeated_lines if by_address else []
                )
                return redirect("savings:codes", pk=pk)
    return render(
        request,
        "savings/codes.html",
        {
            "dialogue": dialogue,
            "form": form,
            "address_form": address_form,
            "batches": page_of(request, selectors.letter_batches(dialogue)),
            "may_make": request.user.has_perm("savings.prepare_codes", dialogue),
        },
    )


def _tell_queued(request: HttpRequest, count: int, repeated: list[int]) -> None:
    messages.success(
        request,
        _("%(count)s letters asked for. The codes and letters are being made. "
          "Refresh this page in a moment.") % {"count": count},
    )  # fmt: skip
    if repeated:
        messages.info(
            request,
            _("These lines repeat an earlier address and get no letter of their own: %(lines)s.")
            % {"lines": repeated_lines_text(repeated)},
        )


def _batch(request: HttpRequest, pk: int, batch_pk: int) -> LetterBatch:
    dialogue = _dialogue(pk)
    require(request.user, "savings.manage_dialogue", dialogue)
    batch = selectors.letter_batch(dialogue, batch_pk)
    if batch is None:
        raise Http404
    return batch


def letters_download(request: HttpRequest, pk: int, batch_pk: int) -> HttpResponse:
    """The PDF of a batch, only for staff of the dialogue, never cached."""
    batch = _batch(request, pk, batch_pk)
    return letter_kit.letters_download(batch.letters, f"codes-gesprek-{pk}-{batch.pk}.pdf")


@require_POST
def letters_delete(request: HttpRequest, pk: int, batch_pk: int) -> HttpResponse:
    batch = _batch(request, pk, batch_pk)
    services.letters_delete(actor=request.user, batch=batch)
    messages.success(request, _("The letters have been deleted. The codes keep working."))
    return redirect("savings:codes", pk=pk)


@require_POST
def letters_retry(request: HttpRequest, pk: int, batch_pk: int) -> HttpResponse:
    """The "try again" button of a failed batch of letters."""
    batch = _batch(request, pk, batch_pk)
    if services.letters_retry(actor=request.user, batch=batch):
        messages.success(
            request, _("The letters are being made again. Refresh this page in a moment.")
        )
    return redirect("savings:codes", pk=pk)


# --- setting up (staff) ------------------------------------------------------------------


def dialogue_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "savings.add_dialogue")
    form = forms.DialogueForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = services.dialogue_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("savings:set_up", pk=dialogue.pk)
    return render(request, "savings/dialogue_form.html", {"form": form})


def set_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Tables and options of a dialogue that has not opened yet."""
    dialogue = _dialogue(pk)
    require(request.user, "savings.set_up_dialogue", dialogue)
    adding_table = request.method == "POST" and "add_table" in request.POST
    adding_option = request.method == "POST" and "add_option" in request.POST
    table_form = forms.TableForm(request.POST if adding_table else None, prefix="table")
    option_form = forms.OptionForm(
        request.POST if adding_option else None, prefix="option", dialogue=dialogue
    )
    try:
        if adding_table and table_form.is_valid():
            services.table_add(actor=request.user, dialogue=dialogue, **table_form.cleaned_data)
            messages.success(request, _("The table has been added."))
            return redirect("savings:set_up", pk=pk)
        if adding_option and option_form.is_valid():
            data = dict(option_form.cleaned_data)
            table = data.pop("table")
            services.option_add(actor=request.user, table=table, **data)
            messages.success(request, _("The option has been added."))
            return redirect("savings:set_up", pk=pk)
    except ValidationError as error:
        (table_form if adding_table else option_form).add_error(None, error)
    return render(
        request,
        "savings/set_up.html",
        {
            "dialogue": dialogue,
            "tables": selectors.tables_with_options(dialogue),
            "table_form": table_form,
            "option_form": option_form,
        },
    )
