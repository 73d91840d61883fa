"""What if: greedy and Equal Shares side by side, on an uploaded pabulib file or on a round's
own. Nothing is stored."""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from voorop.budgeting import forms, selectors, services
from voorop.budgeting.views.common import (
    get_round,
    visitors_log_in,
)
from voorop.core import throttle
from voorop.core.forms import posted, uploaded_files
from voorop.core.permissions import require


@visitors_log_in
def what_if(request: HttpRequest) -> HttpResponse:
    """Compare greedy with Equal Shares on an uploaded .pb file, or on a round's own file
    (``?ronde=<id>``). Nothing is stored. An upload is counted per client before the file is
    read, and computed in a process that is stopped after a few seconds (issue 12.1)."""
    refusal = None
    if request.method == "POST":
        try:
            services.what_if_upload_allowed(client=throttle.client_key(request))
        except ValidationError as error:
            refusal = error  # the form then says so without reading the file
    form = forms.WhatIfForm(posted(request), uploaded_files(request), refusal=refusal)
    comparison, source_round = None, None
    warnings: list[str] = []
    if request.method == "POST":
        if form.is_valid():
            warnings = form.warnings
            try:
                comparison = services.what_if_compare_text(text=form.text, name=form.name)
            except ValidationError as error:
                form.add_error("file", error)
    elif request.GET.get("ronde", "").isdigit():
        source_round = get_round(int(request.GET["ronde"]))
        require(request.user, "budgeting.view_result", source_round)
        result = selectors.latest_result(source_round)
        if result is None or not result.is_done:
            raise Http404(_("There is no result yet."))
        # The round's own votes give the same comparison every time: computed once.
        key = f"budgeting:what-if:{result.pk}:{result.ballots_digest}"
        comparison = cache.get(key)
        if comparison is None:
            try:
                comparison = services.what_if_compare(
                    election=selectors.result_election(result), seed=result.seed
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                cache.set(key, comparison, timeout=24 * 3600)
    return render(
        request,
        "budgeting/what_if.html",
        {
            "form": form,
            "comparison": comparison,
            "source_round": source_round,
            "warnings": warnings,
        },
    )
