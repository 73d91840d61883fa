"""The panel, its population figures, recruitment by letter and its members."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from voorop.core import codes

CODE_LENGTH = 12  # of voorop.core.codes.ALPHABET: about 59 bits (decision record 0008)
CODE_PURPOSE = "voorop-panel-code"  # part of every stored hash: never change it
LINK_PURPOSE = "voorop-panel-link"  # the personal link of an invitation: never change it
MIN_CELL = 5  # no figure is shown for fewer people than this (issue 15)
RENEWAL_NOTICE = timedelta(days=30)  # members are asked to renew this long before their term ends

# The features of a new panel, asked as the CBS asks them (education: highest completed).
DEFAULT_FEATURES = [
    {
        "name": "Geslacht",
        "question": "Wat is uw geslacht?",
        "values": ["vrouw", "man", "anders of zeg ik liever niet"],
    },
    {
        "name": "Leeftijd",
        "question": "Hoe oud bent u?",
        "values": ["16-34", "35-49", "50-64", "65 of ouder"],
    },
    {
        "name": "Opleiding",
        "question": "Wat is uw hoogst voltooide opleiding?",
        "values": [
            "laag (basisonderwijs, vmbo, mbo 1)",
            "middelbaar (havo, vwo, mbo 2-4)",
            "hoog (hbo, wo)",
        ],
    },
]


def new_salt() -> str:
    """128 random bits as 32 hex characters (salts of personal links, participant keys)."""
    return secrets.token_hex(16)


def code_hash(panel_id: int, code: str) -> str:
    return codes.code_hash(CODE_PURPOSE, panel_id, code)


class Panel(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    # [{"name": "Leeftijd", "question": "...", "values": [...]}, ...] (voorop.core.population)
    features = models.JSONField(_("features"), default=list)
    area_feature = models.CharField(
        _("feature with the areas"),
        max_length=100,
        blank=True,
        help_text=_(
            "The feature whose values are the areas of the address file. Extra letters go "
            "to the areas where the panel has too few members."
        ),
    )
    term_years = models.PositiveSmallIntegerField(
        _("term in years"), default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    open_signup = models.BooleanField(_("anyone can sign up"), default=True)
    privacy_text = models.TextField(
        _("privacy text"),
        max_length=5000,
        blank=True,
        help_text=_("Shown to people who join, above the general privacy statement."),
    )
    # The features new consultations weight their results on (a subset of `features`);
    # empty: all of them. Each consultation keeps its own copy (Consultation.weighting).
    weighting = models.JSONField(_("weighting features"), default=list, blank=True)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organised_panels", verbose_name=_("organisers")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("citizens' panel")
        verbose_name_plural = _("citizens' panels")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("panel:panel", args=[self.pk])

    @property
    def feature_names(self) -> list[str]:
        return [f["name"] for f in self.features]

    @property
    def weighting_features(self) -> list[str]:
        """The features results are weighted on: the chosen ones still on the panel, or all."""
        chosen = [name for name in self.feature_names if name in (self.weighting or [])]
        return chosen or self.feature_names


class PopulationFigure(models.Model):
    """The number of residents with one feature value (the same file as assemblies')."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="population")
    feature = models.CharField(max_length=100)
    value = models.CharField(max_length=100)
    population = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "feature", "value"], name="panel_population_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.feature}={self.value}"


class Address(models.Model):
    """One row of the address register extract that letters are drawn from."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="addresses")
    address_id = models.CharField(max_length=64)
    street = models.CharField(max_length=200)
    house_number = models.CharField(max_length=20)
    postcode = models.CharField(max_length=10)
    place = models.CharField(max_length=100)
    area = models.CharField(max_length=100)

    class Meta:
        ordering = ["address_id"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "address_id"], name="panel_address_unique")
        ]

    def __str__(self) -> str:
        return f"{self.street} {self.house_number}, {self.place}"


class Recruitment(models.Model):
    """One batch of invitation letters: addresses drawn by lot, stratified by area (more
    letters where the panel has too few members), with a published seed."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="recruitments")
    count = models.PositiveIntegerField()
    seed = models.CharField(max_length=100)
    allocation = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"recruitment {self.pk}"


class Invitation(models.Model):
    """A letter to a drawn address; only the keyed hash of its code is stored."""

    recruitment = models.ForeignKey(
        Recruitment, on_delete=models.CASCADE, related_name="invitations"
    )
    address = models.OneToOneField(Address, on_delete=models.CASCADE, related_name="invitation")
    code_hash = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invitation {self.pk}"


class MemberSource(models.TextChoices):
    OPEN = "open", _("Signed up")
    LETTER = "letter", _("Invitation letter")


class Member(models.Model):
    """A panel member. Leaving deletes this row; answers given stay, without any link."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="panel_memberships",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    features = models.JSONField(default=dict)
    source = models.CharField(max_length=10, choices=MemberSource.choices)
    consent_at = models.DateTimeField()
    joined_at = models.DateTimeField(auto_now_add=True)
    term_ends_on = models.DateField(_("member until"))
    renewal_asked_at = models.DateTimeField(null=True, blank=True)
    # The key of the member's own page (leave, renew): derived at send time, stored hashed.
    salt = models.CharField(max_length=32, default=new_salt, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "email"], name="panel_member_email_unique")
        ]
        # The member list: one panel's members in joining order, a page at a time.
        indexes = [models.Index(fields=["panel", "joined_at", "id"], name="panel_member_order_idx")]

    def __str__(self) -> str:
        return self.name
