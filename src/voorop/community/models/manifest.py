"""The council's manifest as a living document: versions published by the griffie (every
one kept), comments on a passage, and additions proposed by residents and organisations
that the griffie accepts (shown with their author) or declines (with a reason)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Manifest(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("manifest")
        verbose_name_plural = _("manifests")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:manifest", args=[self.slug])


class ManifestVersion(models.Model):
    """One published text. Passages are its paragraphs (separated by an empty line)."""

    manifest = models.ForeignKey(Manifest, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), max_length=60000)
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("manifest version")
        verbose_name_plural = _("manifest versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["manifest", "number"], name="community_manifest_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.manifest} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("community:manifest_version", args=[self.manifest.slug, self.number])

    @property
    def passages(self) -> list[str]:
        return split_passages(self.text)


def split_passages(text: str) -> list[str]:
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


class PassageComment(models.Model):
    version = models.ForeignKey(ManifestVersion, on_delete=models.CASCADE, related_name="comments")
    passage = models.PositiveIntegerField(_("passage"))  # 1-based index in the version
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_behalf_of = models.CharField(
        _("on behalf of (organisation, optional)"), max_length=150, blank=True
    )
    text = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("comment on the manifest")
        verbose_name_plural = _("comments on the manifest")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class AdditionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Not accepted")


class Addition(models.Model):
    """A passage proposed for the manifest. Accepted, it goes into the next version and
    is shown there with its author."""

    manifest = models.ForeignKey(Manifest, on_delete=models.CASCADE, related_name="additions")
    version = models.ForeignKey(
        ManifestVersion,
        verbose_name=_("proposed on version"),
        on_delete=models.CASCADE,
        related_name="additions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_behalf_of = models.CharField(
        _("on behalf of (organisation, optional)"), max_length=150, blank=True
    )
    text = models.TextField(_("proposed addition"), max_length=3000)
    status = models.CharField(
        max_length=20, choices=AdditionStatus.choices, default=AdditionStatus.PROPOSED
    )
    reply = models.TextField(_("reply of the griffie"), max_length=3000, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    included_in = models.ForeignKey(
        ManifestVersion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="included_additions",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("proposed addition")
        verbose_name_plural = _("proposed additions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def author_label(self) -> str:
        name = getattr(self.author, "public_name", "") if self.author else ""
        if self.on_behalf_of:
            return f"{name} ({self.on_behalf_of})" if name else self.on_behalf_of
        return name or str(_("a resident"))
