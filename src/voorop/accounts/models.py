from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class VooropUserManager(UserManager):
    def create_user(self, email=None, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("username", email)
        return super().create_user(email=email, password=password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("username", email)
        return super().create_superuser(email=email, password=password, **extra_fields)


class User(AbstractUser):
    """A person with an account. Every user is an inwoner; roles add staff rights."""

    # The e-mail address is the login; `username` only mirrors it for Django's admin.
    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    display_name = models.CharField(
        _("name"),
        max_length=150,
        blank=True,
        help_text=_("How your name is shown to others, for example on initiatives."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )
    home_area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("where you live"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
        help_text=_("Your village or neighbourhood. Some votes are only open to its residents."),
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        help_text=_("Only needed where a vote has a minimum age."),
    )
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    objects = VooropUserManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.public_name

    def role_labels(self) -> list[str]:
        from voorop.accounts.roles import Role

        codes = self.groups.filter(name__in=Role.values).values_list("name", flat=True)
        return [str(Role(code).label) for code in sorted(codes)]

    # What public_name reads: a list of names needs no more of an account (.only()).
    PUBLIC_NAME_FIELDS = ("display_name", "first_name", "last_name", "deleted_at")

    @property
    def public_name(self) -> str:
        if self.deleted_at:
            return str(_("Former resident"))
        return self.display_name or self.get_full_name() or str(_("Resident"))


class Follow(models.Model):
    """A resident follows something (an initiative, a challenge, a budget round, an
    assembly) and gets an e-mail when it changes. Generic, so every app can offer it:
    the kinds that may be followed are listed in ``voorop.accounts.follows.FOLLOWABLE``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="accounts_follow_once"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.content_type_id}:{self.object_id}"
