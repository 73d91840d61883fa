"""Reads of society agreements: the list per theme and the public register of parties and
what came of each commitment."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from voorop.community.models import Agreement, Commitment, CommitmentUpdate, Party


def agreements_list() -> QuerySet[Agreement]:
    return (
        Agreement.objects.select_related("theme")
        .annotate(party_count=Count("parties", distinct=True))
        .order_by("title")
    )


def commitments_of(agreement: Agreement) -> QuerySet[Commitment]:
    return agreement.commitments.select_related("party__user").prefetch_related(
        Prefetch("updates", queryset=CommitmentUpdate.objects.select_related("author"))
    )


def agreement_register() -> QuerySet[Party]:
    """Every signatory with its agreement and commitments: the public register."""
    return (
        Party.objects.select_related("agreement", "agreement__theme", "user")
        .prefetch_related("commitments")
        .order_by("agreement__title", "signed_at", "pk")
    )
