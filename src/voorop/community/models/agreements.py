"""Society agreements (samenlevingsakkoorden) per theme: the parties who sign up
(residents, organisations, companies, the municipality), what each commits to, and the
progress of each commitment. All of it is public: the register."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.core.base import theme_field


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("Open for signing")
    RUNNING = "running", _("Running")
    CLOSED = "closed", _("Completed")


class Agreement(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    theme = theme_field()
    summary = models.TextField(_("what the parties agree on"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("society agreement")
        verbose_name_plural = _("society agreements")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:agreement_detail", args=[self.slug])


class PartyKind(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    ORGANISATION = "organisation", _("Organisation")
    COMPANY = "company", _("Company")
    MUNICIPALITY = "municipality", _("The municipality")


class Party(models.Model):
    """Who signed: shown by ``name`` (a resident's public name or an organisation's name).
    ``user`` is the account that signed and keeps the commitments up to date."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    kind = models.CharField(_("who signs"), max_length=20, choices=PartyKind.choices)
    name = models.CharField(
        _("name of the organisation or company"),
        max_length=150,
        blank=True,
        help_text=_("Leave empty when you sign as a resident: your public name is shown."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["signed_at", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        if self.user is not None and self.user.is_active:
            return self.user.public_name
        return str(_("a resident"))


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDERWAY = "underway", _("Underway")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Stopped")


class Commitment(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="commitments")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField(_("what we commit to"), max_length=2000)
    due_on = models.DateField(_("done by (optional)"), null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.PLANNED
    )

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:60]


class CommitmentUpdate(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("status"), max_length=20, choices=CommitmentStatus.choices)
    text = models.TextField(_("what happened"), max_length=3000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
