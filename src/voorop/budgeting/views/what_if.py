"""What if: greedy and Equal Shares side by side, on an uploaded pabulib file or on a round's
own. Nothing is stored."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from voorop.budgeting import forms, selectors
from voorop.budgeting.views.common import (
    check_perm,
    get_round,
    visitors_log_in,
)
from voorop.core.forms import posted, uploaded_files
from voorop.engines.budgeting import compute, read_pb


@visitors_log_in
def what_if(request: HttpRequest) -> HttpResponse:
    """Compare greedy with Equal Shares on an uploaded .pb file, or on a round's own file
    (``?ronde=<id>``). Nothing is stored."""
    form = forms.WhatIfForm(posted(request), uploaded_files(request))
    comparison, election, seed, source_round = None, None, "0", None
    if request.method == "POST" and form.is_valid():
        election = form.election
    elif request.method == "GET" and request.GET.get("ronde", "").isdigit():
        source_round = get_round(int(request.GET["ronde"]))
        check_perm(request, "budgeting.view_result", source_round)
        result = selectors.latest_result(source_round)
        if result is None or not result.is_done:
            raise Http404(_("There is no result yet."))
        election, seed = read_pb(result.pb_text), result.seed
    if election is not None:
        try:
            greedy = compute(election, "greedy", tie_breaking="cost-votes", seed=seed)
            mes = compute(election, "mes", completion="add1", tie_breaking="cost-votes", seed=seed)
        except ValueError as error:  # RuleError included: the file was read, not computed
            form.add_error(
                "file",
                _(
                    "The file was read, but the outcome could not be computed. Technical "
                    "detail: %(error)s"
                )
                % {"error": error},
            )
        else:
            comparison = _compare(election, greedy, mes)
    return render(
        request,
        "budgeting/what_if.html",
        {"form": form, "comparison": comparison, "source_round": source_round},
    )


def _compare(election, greedy, mes) -> dict:
    rows = []
    for project in election.projects:
        rows.append(
            {
                "id": project.id,
                "name": project.name or project.id,
                "cost": int(project.cost),
                "votes": greedy.votes.get(project.id, 0),
                "greedy": project.id in greedy.selected,
                "mes": project.id in mes.selected,
            }
        )
    rows.sort(key=lambda r: -float(r["votes"]))
    return {
        "rows": rows,
        "budget": int(election.budget),
        "ballots": len(election.ballots),
        "greedy_total": int(greedy.total_cost),
        "mes_total": int(mes.total_cost),
        "greedy_count": len(greedy.selected),
        "mes_count": len(mes.selected),
        "differ": sum(1 for r in rows if r["greedy"] != r["mes"]),
        "digest": mes.ballots_digest,
    }
