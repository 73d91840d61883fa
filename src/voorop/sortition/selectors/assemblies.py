"""The assemblies and their records: the lists for residents and staff, the latest and the
drawn selection, the respondents, and the invitation a registration code belongs to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from voorop.core import codes
from voorop.sortition.models import (
    CODE_LENGTH,
    LEGACY_CODE_LENGTH,
    Assembly,
    Invitation,
    Respondent,
    Selection,
    hash_code,
)

if TYPE_CHECKING:
    from voorop.accounts.models import User


def assemblies_public() -> QuerySet[Assembly]:
    return Assembly.objects.select_related("report").order_by("-starts_on", "title")


def assemblies_for_work(user: User) -> QuerySet[Assembly]:
    """The assemblies a staff member works on, those they organise first."""
    return Assembly.objects.annotate(
        mine=Count("organisers", filter=Q(organisers=user.pk)),
        respondent_count=Count("respondents", distinct=True),
    ).order_by("-mine", "-starts_on")


def latest_selection(assembly: Assembly) -> Selection | None:
    return assembly.selections.order_by("-created_at", "-pk").first()


def drawn_selection(assembly: Assembly) -> Selection | None:
    return assembly.selections.filter(panel_index__isnull=False).order_by("-pk").first()


def invitation_by_code(assembly: Assembly, code: str) -> Invitation | None:
    """The invitation whose letter carries `code` (typed in any case, with or without the
    dash), or None. Only the HMAC of a code is stored, so this is the one way to find it."""
    normalised = codes.normalise(code)
    if len(normalised) not in (CODE_LENGTH, LEGACY_CODE_LENGTH):
        return None
    return (
        assembly.invitations.filter(code_hash=hash_code(assembly.pk, normalised))
        .select_related("address")
        .first()
    )


def respondents(assembly: Assembly) -> QuerySet[Respondent]:
    return assembly.respondents.select_related("invitation__address")


def assemblies_with_report() -> QuerySet[Assembly]:
    """Assemblies whose draw was published (the open data API): aggregates only."""
    return assemblies_public().filter(report__isnull=False)
