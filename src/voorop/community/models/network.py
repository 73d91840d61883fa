"""The neighbourhood network per area: asking and offering (help, lending, klussen,
volunteering), volunteer vacancies of initiatives, groups with their contact point, and the
area's veiligheidskoffer. Replies reach the poster privately; posts expire; moderators
hide, never delete, and every decision is logged."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AreaNetwork(models.Model):
    """The network's settings for one area (kern or wijk)."""

    area = models.OneToOneField(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    premoderation = models.BooleanField(_("a moderator approves every post first"), default=False)
    intro = models.TextField(_("introduction"), max_length=3000, blank=True)

    class Meta:
        verbose_name = _("neighbourhood network")
        verbose_name_plural = _("neighbourhood networks")
        ordering = ["area__name"]

    def __str__(self) -> str:
        return str(self.area)

    def get_absolute_url(self) -> str:
        return reverse("community:network", args=[self.area.slug])


class PostKind(models.TextChoices):
    ASK = "ask", _("I am looking for")
    OFFER = "offer", _("I offer")
    VACANCY = "vacancy", _("Volunteers wanted")


class PostCategory(models.TextChoices):
    HELP = "help", _("Help")
    LENDING = "lending", _("Lending")
    JOB = "job", _("Odd job (klus)")
    VOLUNTEERING = "volunteering", _("Volunteering")


class PostStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a moderator")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden by a moderator")
    DONE = "done", _("Done")


EXPIRY_CHOICES = [(7, _("1 week")), (14, _("2 weeks")), (30, _("1 month"))]


class Post(models.Model):
    network = models.ForeignKey(AreaNetwork, on_delete=models.CASCADE, related_name="posts")
    kind = models.CharField(_("kind"), max_length=20, choices=PostKind.choices)
    category = models.CharField(_("about"), max_length=20, choices=PostCategory.choices)
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("description"), max_length=3000)
    # A vacancy for an initiative's volunteers links to the initiative.
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=PostStatus.choices)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["network", "status", "expires_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:post_detail", args=[self.network.area.slug, self.pk])

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def shows_as_expired(self) -> bool:
        """Published, but past its date: the page says "expired" rather than a status."""
        return self.status == PostStatus.PUBLISHED and self.is_expired

    @property
    def is_open(self) -> bool:
        return self.status == PostStatus.PUBLISHED and not self.is_expired

    @staticmethod
    def expiry(days: int) -> datetime:
        return timezone.now() + timedelta(days=days)


class PostReply(models.Model):
    """A private message in a two-way thread between the poster and one person who
    replied: only those two see it. ``to`` is empty for a message to the poster (a reply);
    the poster's answer names the person it goes to."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("your message"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class PostReport(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("what is wrong with it"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.reason[:60]


class ModerationAction(models.TextChoices):
    APPROVE = "approve", _("Approved")
    HIDE = "hide", _("Hidden")
    RESTORE = "restore", _("Shown again")
    DISMISS = "dismiss", _("Reports dismissed")


class ModerationEntry(models.Model):
    """The log of moderation decisions: kept, whatever happens to the post."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="moderation_log")
    action = models.CharField(max_length=20, choices=ModerationAction.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.post_id}"


class NetworkGroup(models.Model):
    """A group in the area (buurt-app, green group, neighbourhood prevention)."""

    network = models.ForeignKey(AreaNetwork, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("what the group does"), max_length=2000)
    contact_point = models.CharField(
        _("contact point"),
        max_length=150,
        help_text=_("A role or first name, for example 'the coordinator'. No phone numbers."),
    )
    how_to_join = models.TextField(_("how to join"), max_length=1000)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SafetyKind(models.TextChoices):
    CALL = "call", _("Who to call")
    BORROW = "borrow", _("What to borrow")
    REPORT = "report", _("Where to report")


class SafetyItem(models.Model):
    """One entry in the area's veiligheidskoffer, kept by staff."""

    network = models.ForeignKey(AreaNetwork, on_delete=models.CASCADE, related_name="safety")
    kind = models.CharField(_("kind"), max_length=20, choices=SafetyKind.choices)
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("explanation"), max_length=2000)
    contact = models.CharField(
        _("number or web address of the service"), max_length=200, blank=True
    )

    class Meta:
        verbose_name = _("veiligheidskoffer item")
        verbose_name_plural = _("veiligheidskoffer items")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title
