"""Staff pages of budget dialogues: setting one up (tables, options and frames before it
opens), table plans from meetings, and letters with codes (a number of letters, or one for
every address of an uploaded list). The pages residents use are in `views.py`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from voorop.core import codes as code_kit
from voorop.core.address_lists import AddressListForm, repeated_lines_text
from voorop.core.forms import posted
from voorop.core.permissions import require
from voorop.savings import forms, selectors, services
from voorop.savings.models import Dialogue
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
    """Staff make letter codes: a number of letters without an address, or a letter for every
    address of an uploaded list (voorop.core.address_lists). The PDF of letters is made now
    and not kept."""
    dialogue = _dialogue(pk)
    require(request.user, "savings.prepare_codes", dialogue)
    by_address = request.method == "POST" and "by_address" in request.POST
    form = forms.CodesForm(None if by_address else posted(request))
    address_form = AddressListForm(
        request.POST if by_address else None, request.FILES if by_address else None
    )
    letters = None
    if by_address and address_form.is_valid():
        try:
            made = services.dialogue_codes_for_addresses(
                actor=request.user, dialogue=dialogue, addresses=address_form.address_rows
            )
        except ValidationError as error:
            address_form.add_error(None, error)
        else:
            letters = made.letters
            _tell_about_addresses(request, made, address_form.repeated_lines)
    elif not by_address and request.method == "POST" and form.is_valid():
        clear = services.dialogue_codes_generate(
            actor=request.user, dialogue=dialogue, count=form.cleaned_data["count"]
        )
        letters = [{"code": code_kit.display(code)} for code in clear]
    if letters is not None:
        response = HttpResponse(
            _letters_pdf(request, dialogue, letters), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="codes-{dialogue.pk}.pdf"'
        response["Cache-Control"] = "no-store"
        return response
    return render(
        request,
        "savings/codes.html",
        {"dialogue": dialogue, "form": form, "address_form": address_form},
    )


def _tell_about_addresses(
    request: HttpRequest, made: services.AddressLetters, repeated: list[int]
) -> None:
    """What the organiser should know about the list, shown on the next page they open (the
    answer itself is the PDF)."""
    if repeated:
        messages.info(
            request,
            _("These lines repeat an earlier address and got no letter of their own: %(lines)s.")
            % {"lines": repeated_lines_text(repeated)},
        )
    if made.replaced:
        messages.info(
            request,
            _("%(count)s addresses already had a letter: their old code no longer works.")
            % {"count": made.replaced},
        )
    if made.already_sent:
        messages.info(
            request,
            _("%(count)s addresses already sent a plan with their code and got no new letter.")
            % {"count": made.already_sent},
        )


def _letters_pdf(request: HttpRequest, dialogue: Dialogue, letters: list[dict[str, str]]) -> bytes:
    from voorop.core.letters import letters_pdf

    return letters_pdf(
        "savings/letters.html",
        letters=letters,
        entry_path=reverse("savings:code", args=[dialogue.pk]),
        context={"dialogue": dialogue},
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )


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
