"""What every budgeting view shares: finding the round, asking a
visitor to log in, and the voting code a code voter keeps in their session."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from voorop.budgeting import selectors
from voorop.budgeting.models import BudgetRound, VotingCode


def get_round(pk: int) -> BudgetRound:
    return get_object_or_404(BudgetRound.objects.select_related("area", "dossier"), pk=pk)


def visitors_log_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A visitor who lacks a permission is asked to log in; a signed-in user gets a 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            if request.user.is_authenticated:
                raise
            return redirect_to_login(request.get_full_path())

    return wrapped


def session_key(budget_round: BudgetRound | int) -> str:
    pk = budget_round if isinstance(budget_round, int) else budget_round.pk
    return f"budgeting_code_{pk}"


def session_code(request: HttpRequest, budget_round: BudgetRound) -> VotingCode | None:
    code_id = request.session.get(session_key(budget_round))
    if not code_id:
        return None
    return VotingCode.objects.filter(pk=code_id, round=budget_round).first()


def round_and_code(request: HttpRequest, pk: int) -> tuple[BudgetRound, VotingCode | None]:
    """The round and the voting code kept in the session, if any: one query for a code
    voter (the ballot's hot path, issue 13), the round alone for everyone else."""
    code_id = request.session.get(session_key(pk))
    if code_id:
        code = selectors.code_with_round(code_id, pk)
        if code is not None:
            return code.round, code
    return get_round(pk), None
