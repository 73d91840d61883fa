from __future__ import annotations

import factory
from django.utils import timezone

from voorop.core.indicators import Unit
from voorop.core.jobs import JobStatus
from voorop.monitoring.models import ManualIndicator, Programme, Snapshot, SnapshotKind


class ManualIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManualIndicator

    slug = factory.Sequence(lambda n: f"handmatig-{n}")
    name = factory.Sequence(lambda n: f"Handmatige indicator {n}")
    description = "Wat de samenleving merkte van onze andere rol."
    formula = "Gesprekken met tien initiatiefnemers."
    unit = Unit.TEXT


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programma {n}")
    question = "Is de schaalverdieping gelukt?"
    indicator_keys = factory.LazyFunction(
        lambda: ["initiatives.from_society", "loket.closed_with_feedback"]
    )


class SnapshotFactory(factory.django.DjangoModelFactory):
    """A finished snapshot without values (add SnapshotValue rows as needed)."""

    class Meta:
        model = Snapshot

    programme = factory.SubFactory(ProgrammeFactory)
    period_key = "2025-H1"
    kind = SnapshotKind.SCHEDULED
    status = JobStatus.DONE
    finished_at = factory.LazyFunction(timezone.now)
