"""What if: greedy and Equal Shares side by side, on an uploaded pabulib file or on a round's
own. Nothing is stored."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from voorop.budgeting import forms, selectors, services
from voorop.budgeting.views.common import (
    get_round,
    visitors_log_in,
)
from voorop.core.forms import posted, uploaded_files
from voorop.core.permissions import require


@visitors_log_in
def what_if(request: HttpRequest) -> HttpResponse:
    """Compare greedy with Equal Shares on an uploaded .pb file, or on a round's own file
    (``?ronde=<id>``). Nothing is stored."""
    form = forms.WhatIfForm(posted(request), uploaded_files(request))
    comparison, election, seed, source_round = None, None, "0", None
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        election, warnings = form.election, form.warnings
    elif request.method == "GET" and request.GET.get("ronde", "").isdigit():
        source_round = get_round(int(request.GET["ronde"]))
        require(request.user, "budgeting.view_result", source_round)
        result = selectors.latest_result(source_round)
        if result is None or not result.is_done:
            raise Http404(_("There is no result yet."))
        election, seed = selectors.result_election(result), result.seed
    if election is not None:
        try:
            comparison = services.what_if_compare(election=election, seed=seed)
        except ValidationError as error:
            form.add_error("file", error)
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
