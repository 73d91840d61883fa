"""Pages of budget dialogues: the list, a dialogue with its tables and frames, the plan
simulator (no JavaScript needed: the server recalculates; htmx makes it instant), letter
codes, results with the council's report (PDF) and the college's answer. Staff pages
(setting up, table plans, making letters) are in `staff_views.py`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voorop.core import throttle
from voorop.core.forms import posted
from voorop.core.pagination import page_of
from voorop.core.permissions import require
from voorop.savings import forms, selectors, services
from voorop.savings.models import AgeBand, Dialogue, DialogueCode


def _dialogue(pk: int) -> Dialogue:
    return get_object_or_404(Dialogue.objects.select_related("area"), pk=pk)


def _session_key(dialogue: Dialogue) -> str:
    return f"savings_code_{dialogue.pk}"


def _session_code(request: HttpRequest, dialogue: Dialogue) -> DialogueCode | None:
    code_id = request.session.get(_session_key(dialogue))
    if not code_id:
        return None
    return DialogueCode.objects.filter(pk=code_id, dialogue=dialogue).first()


def index(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.dialogues())
    return render(request, "savings/index.html", {"page": page, "dialogues": page.object_list})


def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = _dialogue(pk)
    from voorop.budgeting.selectors import eligibility, eligibility_text

    found = eligibility(request.user, dialogue)
    return render(
        request,
        "savings/dialogue.html",
        {
            "dialogue": dialogue,
            "phase": dialogue.phase,
            "tables": selectors.tables_with_options(dialogue),
            "plan": selectors.plan_of(request.user, dialogue),
            "has_code": _session_code(request, dialogue) is not None,
            "eligibility": found,
            "eligibility_text": eligibility_text(found, dialogue),
        },
    )


def _figures_context(dialogue: Dialogue, form: forms.PlanForm) -> dict[str, Any]:
    return {"figures": selectors.plan_figures(dialogue, form.raw_levels()), "dialogue": dialogue}


def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The simulator: choose a step per option, see the total against the target and every
    broken frame; send when it fits. Nothing typed is lost on an error."""
    dialogue = _dialogue(pk)
    code = _session_code(request, dialogue)
    if code is not None and not request.user.has_perm("savings.make_plan_with_code", dialogue):
        code = None
    if code is None and not request.user.has_perm("savings.make_plan", dialogue):
        from voorop.budgeting.selectors import eligibility, eligibility_text

        return render(
            request,
            "savings/cannot.html",
            {
                "dialogue": dialogue,
                "phase": dialogue.phase,
                "reason": eligibility_text(eligibility(request.user, dialogue), dialogue),
            },
            status=403 if request.method == "POST" else 200,
        )
    existing = (
        selectors.plan_for_code(code)
        if code is not None
        else selectors.plan_of(request.user, dialogue)
    )
    initial = None
    if existing is not None:
        initial = forms.plan_initial(existing.levels(), selectors.plan_reasons(existing))
        if code is not None:
            initial.update(
                {"area": existing.area_id, "age_band": existing.age_band, "email": existing.email}
            )
    form = forms.PlanForm(
        posted(request),
        options=selectors.options_of(dialogue),
        by_code=code is not None,
        areas=selectors.plan_areas(dialogue),
        initial=initial,
    )
    sending = request.method == "POST" and "send" in request.POST
    if sending and form.is_valid():
        try:
            services.plan_send(
                actor=request.user,
                dialogue=dialogue,
                levels=form.levels(),
                reasons=form.reasons(),
                code=code,
                age_band=form.cleaned_data.get("age_band", ""),
                area=form.cleaned_data.get("area"),
                email=form.cleaned_data.get("email", ""),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect("savings:sent", pk=pk)
    return render(
        request,
        "savings/plan.html",
        {
            "form": form,
            "existing": existing,
            "by_code": code is not None,
            "sending": sending,
            **_figures_context(dialogue, form),
        },
    )


def plan_total(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the running total and the broken frames for the choices in the form."""
    dialogue = _dialogue(pk)
    form = forms.PlanForm(request.POST or None, options=selectors.options_of(dialogue))
    return render(request, "savings/partials/total.html", _figures_context(dialogue, form))


def sent(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = _dialogue(pk)
    code = _session_code(request, dialogue)
    found = selectors.plan_for_code(code) if code else selectors.plan_of(request.user, dialogue)
    if found is None:
        raise Http404(_("There is no plan to show."))
    return render(
        request,
        "savings/sent.html",
        {
            "dialogue": dialogue,
            "plan": found,
            "figures": selectors.plan_figures(dialogue, found.levels()),
        },
    )


def code_entry(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = _dialogue(pk)
    if not request.user.has_perm("savings.make_plan_with_code", dialogue):
        return render(
            request, "savings/cannot.html", {"dialogue": dialogue, "phase": dialogue.phase}
        )
    form = forms.CodeForm(posted(request), initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        try:
            code = services.dialogue_code_check(
                dialogue=dialogue,
                code=form.cleaned_data["code"],
                client=throttle.client_key(request),
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            request.session.cycle_key()
            request.session[_session_key(dialogue)] = code.pk
            return redirect("savings:plan", pk=pk)
    return render(request, "savings/code.html", {"dialogue": dialogue, "form": form})


@require_POST
def code_forget(request: HttpRequest, pk: int) -> HttpResponse:
    request.session.pop(f"savings_code_{pk}", None)
    messages.success(request, _("The code has been removed from this browser."))
    return redirect("savings:dialogue", pk=pk)


def _results_context(dialogue: Dialogue) -> dict[str, Any]:
    figures = selectors.results(dialogue)
    reasons = selectors.reasons_per_option(dialogue)
    tables = selectors.tables_with_options(dialogue)
    rows = []
    for table in tables:
        for option in table.options.all():
            summary = figures["summaries"].get(str(option.pk))
            if summary is None:
                continue
            total = sum(summary["counts"].values()) or 1
            bars = [
                {
                    "level": level,
                    "label": forms.level_label(option, level),
                    "count": count,
                    "percent": round(count * 100 / total),
                }
                for level, count in sorted(summary["counts"].items())
            ]
            rows.append(
                {
                    "table": table,
                    "option": option,
                    "summary": summary,
                    "bars": bars,
                    "consensus": forms.level_label(
                        option, figures["consensus"].get(str(option.pk), 0)
                    ),
                    "reasons": [
                        (forms.level_label(option, level), text)
                        for level, text in reasons.get(option.pk, [])
                    ],
                }
            )
    options = [row["option"] for row in rows]
    area_names = selectors.area_names([g["group"] for g in figures["area_medians"]])
    group_tables = [
        _group_table(
            _("Per area"),
            figures["area_medians"],
            lambda key: area_names.get(key) or _("area not known"),
            options,
        ),
        _group_table(
            _("Per age group"),
            figures["band_medians"],
            lambda key: AgeBand(key).label if key else _("age not known"),
            options,
        ),
    ]
    return {
        "dialogue": dialogue,
        "phase": dialogue.phase,
        "figures": figures,
        "group_tables": group_tables,
        "rows": rows,
        "consensus_total": selectors.euros_of_cents(abs(figures["consensus_total"])),
        "age_rows": [
            (AgeBand(band).label if band else _("unknown"), count)
            for band, count in figures["by_band"]
        ],
    }


def _group_table(
    title: str, groups: list[dict[str, Any]], label: Any, options: list[Any]
) -> dict[str, Any]:
    """A table of medians: a row per option, a column per group (an area, an age band)."""
    return {
        "title": title,
        "columns": [str(label(g["group"])) for g in groups],
        "rows": [
            {
                "option": option,
                "cells": [g["cells"].get(str(option.pk)) for g in groups],
            }
            for option in options
        ]
        if groups
        else [],
    }


def results(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = _dialogue(pk)
    if not request.user.has_perm("savings.view_results", dialogue):
        raise PermissionDenied("savings.view_results")
    return render(request, "savings/results.html", _results_context(dialogue))


def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The report for the council (PDF, weasyprint through voorop.core.letters)."""
    dialogue = _dialogue(pk)
    if not request.user.has_perm("savings.view_results", dialogue):
        raise PermissionDenied("savings.view_results")
    from voorop.core.letters import render_pdf

    pdf = render_pdf("savings/report.html", _results_context(dialogue))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="begrotingsgesprek-{dialogue.pk}.pdf"'
    return response


def answer(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = _dialogue(pk)
    require(request.user, "savings.publish_answer", dialogue)
    form = forms.AnswerForm(posted(request), initial={"answer": dialogue.answer})
    if request.method == "POST" and form.is_valid():
        try:
            count = services.answer_publish(
                actor=request.user, dialogue=dialogue, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            form.add_error("answer", error)
        else:
            messages.success(
                request,
                _("The answer is published and goes to %(count)d participants by e-mail.")
                % {"count": count},
            )
            return redirect("savings:dialogue", pk=pk)
    return render(request, "savings/answer.html", {"dialogue": dialogue, "form": form})
