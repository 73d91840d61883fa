"""Monitoring and learning (seed 003 §17, seed 000): manual indicators, programmes with their
ten indicators, half-yearly snapshots that keep values and definitions as they were, and per
experiment its own indicators and a learning log.

Computed indicators are not stored here: each instrument declares them in its own
``indicators.py`` (voorop.core.indicators). A programme names indicators by key: a computed
one ("loket.within_target") or a manual one ("manual.<slug>").
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from voorop.core.base import area_field
from voorop.core.indicators import Period, Unit
from voorop.core.jobs import TrackedJob

MANUAL_PREFIX = "manual."
PROGRAMME_SIZE = 10
TEXT_LENGTH = 5000


def period_key_validator(value: str) -> None:
    try:
        Period.from_key(value)
    except ValueError as error:
        raise ValidationError(_("Choose a half-year, such as 2026-H1.")) from error


class ManualIndicator(models.Model):
    """An indicator a beheerder defines and people fill in by hand, e.g. "what did society
    notice of our changed role" or "cost savings"."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what it tells"), max_length=TEXT_LENGTH)
    formula = models.TextField(_("how it is measured"), max_length=TEXT_LENGTH)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("manual indicator")
        verbose_name_plural = _("manual indicators")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        return f"{MANUAL_PREFIX}{self.slug}"

    def definition(self) -> dict[str, str]:
        return {
            "key": self.key,
            "name": self.name,
            "description": self.description,
            "formula": self.formula,
            "unit": self.unit,
        }


class ManualValue(models.Model):
    """One value (or text) of a manual indicator for a half-year and an area."""

    indicator = models.ForeignKey(ManualIndicator, on_delete=models.CASCADE, related_name="values")
    period_key = models.CharField(_("half-year"), max_length=7, validators=[period_key_validator])
    area = area_field()
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    text = models.TextField(_("text"), blank=True, max_length=TEXT_LENGTH)
    source = models.CharField(_("source"), max_length=300)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        verbose_name = _("value of a manual indicator")
        verbose_name_plural = _("values of manual indicators")
        ordering = ["-period_key", "indicator", "pk"]
        constraints = [
            # Two partial constraints rather than nulls_distinct=False, which SQLite ignores:
            # one value per period for an area, and one for the whole municipality (no area).
            models.UniqueConstraint(
                fields=["indicator", "period_key", "area"],
                condition=models.Q(area__isnull=False),
                name="monitoring_one_value_per_period_area",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_key"],
                condition=models.Q(area__isnull=True),
                name="monitoring_one_value_per_period_municipality",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_key}"


class Programme(models.Model):
    """A programme (e.g. "Samenleving Voorop") and the ten indicators it follows."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=TEXT_LENGTH)
    question = models.CharField(
        _("central question"),
        max_length=300,
        blank=True,
        help_text=_("For example: has schaalverdieping succeeded?"),
    )
    indicator_keys = models.JSONField(_("indicators"), default=list, blank=True)
    is_public = models.BooleanField(_("shown on the public dashboard"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("monitoring:programme", args=[self.pk])


class SnapshotKind(models.TextChoices):
    SCHEDULED = "scheduled", _("half-yearly")
    ON_DEMAND = "on_demand", _("on request")


class Snapshot(TrackedJob):
    """A peilmoment: every indicator of a programme for one half-year, for the whole
    municipality and each area below it, recorded once with the definitions as they were."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="snapshots")
    period_key = models.CharField(_("half-year"), max_length=7, validators=[period_key_validator])
    kind = models.CharField(_("kind"), max_length=10, choices=SnapshotKind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["-period_key", "-created_at", "-pk"]
        indexes = [models.Index(fields=["programme", "status", "period_key"])]

    def __str__(self) -> str:
        return f"{self.programme} {self.period_key}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:snapshot", args=[self.pk])

    @property
    def period(self) -> Period:
        return Period.from_key(self.period_key)

    @property
    def is_archived(self) -> bool:
        """Archived: taken after its half-year ended (an earlier one is a progress check)."""
        return self.finished_at is not None and self.finished_at.date() >= self.period.end

    def work(self) -> None:
        from voorop.monitoring.services.snapshots import snapshot_record

        snapshot_record(snapshot=self)


class SnapshotValue(models.Model):
    """One recorded value, with the definition as it was when it was recorded. Never
    changed afterwards (``save`` refuses an update)."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="values")
    position = models.PositiveSmallIntegerField(default=0)
    indicator_key = models.CharField(max_length=80)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    formula = models.TextField(blank=True)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    area = area_field(on_delete=models.SET_NULL)
    area_name = models.CharField(max_length=100)
    value = models.FloatField(null=True, blank=True)
    text = models.TextField(blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    breakdown = models.JSONField(default=dict, blank=True)
    source = models.CharField(max_length=300, blank=True)
    # A computed indicator's name, description and formula in every language of the site
    # ({"en": {"name": ...}}), frozen with the value; name, description and formula above
    # hold them in the language the snapshot was taken in (manual indicators: as typed).
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["position", "area_name", "pk"]
        indexes = [models.Index(fields=["indicator_key", "snapshot"])]

    def __str__(self) -> str:
        return f"{self.indicator_key} {self.area_name}: {self.value}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("a recorded snapshot value is never changed")
        super().save(*args, **kwargs)

    def _shown(self, field: str) -> str:
        language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
        return self.translations.get(language, {}).get(field) or getattr(self, field)

    @property
    def shown_name(self) -> str:
        """The name as recorded, in the reader's language where it was recorded in it."""
        return self._shown("name")

    @property
    def shown_description(self) -> str:
        return self._shown("description")

    @property
    def shown_formula(self) -> str:
        return self._shown("formula")


class ExperimentIndicator(models.Model):
    """An experiment's own indicator (an initiative in experiment mode)."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    how_measured = models.TextField(_("how it is measured"), max_length=TEXT_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ExperimentValue(models.Model):
    indicator = models.ForeignKey(
        ExperimentIndicator, on_delete=models.CASCADE, related_name="values"
    )
    period_key = models.CharField(_("half-year"), max_length=7, validators=[period_key_validator])
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    text = models.TextField(_("text"), blank=True, max_length=TEXT_LENGTH)
    source = models.CharField(_("source"), max_length=300)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["period_key", "pk"]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_key}"


class Lesson(models.Model):
    """One entry of an experiment's learning log: what worked, what didn't, what we would do
    differently. Public, so that other kernen and municipalities learn from it."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    period_key = models.CharField(_("half-year"), max_length=7, validators=[period_key_validator])
    worked = models.TextField(_("What worked?"), blank=True, max_length=TEXT_LENGTH)
    did_not_work = models.TextField(_("What did not work?"), blank=True, max_length=TEXT_LENGTH)
    differently = models.TextField(
        _("What would we do differently?"), blank=True, max_length=TEXT_LENGTH
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.period_key}"
