"""The citizens' panel (burgerpanel): a standing group of residents, consulted several times
a year, kept representative, and told what was done with its answers.

Recruitment uses the one mechanism of every instrument that writes to residents: the address
file of voorop.core.addresses, the stratified draw of the sortition engine, letters with a
QR code (voorop.core.letters) and one-time codes stored as keyed hashes (voorop.core.codes),
wrong codes limited per client (voorop.core.throttle). See docs/decisions/0018-citizens-panel.md.

Answers are anonymous: a response never holds the member's id, only the features it is
weighted on; the invitation's link to the member is dropped when the consultation closes.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from voorop.core import codes
from voorop.core.jobs import TrackedJob
from voorop.core.phases import CurrentPhase
from voorop.panel.phases import CONSULTATION

CODE_LENGTH = 12  # of voorop.core.codes.ALPHABET: about 59 bits (decision record 0008)
CODE_PURPOSE = "voorop-panel-code"  # part of every stored hash: never change it
LINK_PURPOSE = "voorop-panel-link"  # the personal link of an invitation: never change it
MIN_CELL = 5  # no figure is shown for fewer people than this (issue 15)

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

    def __str__(self) -> str:
        return self.name


class Consultation(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="consultations")
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), max_length=5000)
    closing_text = models.TextField(_("text after the last question"), max_length=2000, blank=True)
    opens_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes on"))
    feedback_due = models.DateField(
        _("feedback due"), help_text=_("By when the panel hears what was done with its answers.")
    )
    sample_size = models.PositiveIntegerField(null=True, blank=True)
    sample_seed = models.CharField(max_length=100, blank=True)
    weighting = models.JSONField(
        default=list, blank=True, help_text="the features the results are weighted on"
    )
    feedback = models.TextField(_("what we did with your answers"), max_length=10000, blank=True)
    feedback_published_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    phase = CurrentPhase(CONSULTATION)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-closes_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("panel:consultation", args=[self.pk])


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    SCALE = "scale", _("Scale")
    RANKING = "ranking", _("Ranking")
    OPEN = "open", _("Open answer")
    POINTS = "points", _("Divide points")


class Question(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind of question"), max_length=20, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("explanation"), max_length=500, blank=True)
    options = models.JSONField(_("options"), default=list, blank=True)
    scale_size = models.PositiveSmallIntegerField(
        _("points on the scale"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(11)],
    )
    points = models.PositiveIntegerField(_("points to divide"), default=100)
    required = models.BooleanField(_("an answer is needed"), default=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def scale_options(self) -> list[str]:
        return [str(i) for i in range(1, self.scale_size + 1)]


class Invite(models.Model):
    """A member's personal link to one consultation (no log-in needed). The token is derived
    at send time from the salt and the SECRET_KEY and stored only as a keyed hash; the link to
    the member is dropped when the consultation closes."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="invites")
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="invites"
    )
    salt = models.CharField(max_length=32, default=new_salt, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    answered = models.BooleanField(default=False)
    reminded = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"invite {self.pk}"


class Response(models.Model):
    """One person's answers: the features it is weighted on, never who gave it. Only the day
    is kept, so that the order of answering cannot be matched with the invitations."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="responses"
    )
    features = models.JSONField(default=dict)
    submitted_on = models.DateField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"response {self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # single: "x"; multiple: ["x", "y"]; scale: "3"; ranking: ["b", "a", "c"];
    # points: {"a": 60, "b": 40}; open: the text (also in `text`, for search)
    value = models.JSONField(default=None, null=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="panel_answer_unique")
        ]

    def __str__(self) -> str:
        return f"answer {self.pk}"


# --- the opinion map (stellingenkaart) --------------------------------------------------------


class Moderation(models.TextChoices):
    BEFORE = "before", _("Check new statements before they are shown")
    AFTER = "after", _("Show new statements at once and check them afterwards")


class OpinionMap(models.Model):
    """A conversation of statements voted agree / disagree / pass, participants grouped by
    their votes (engines.opinions). Anyone with the link takes part, without an account; the
    computed map is kept here (`result`) and recomputed by a tracked job after votes."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="opinion_maps")
    consultation = models.ForeignKey(
        Consultation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinion_maps",
        verbose_name=_("consultation"),
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), max_length=5000)
    moderation = models.CharField(
        _("new statements"), max_length=10, choices=Moderation.choices, default=Moderation.BEFORE
    )
    is_open = models.BooleanField(_("open for votes"), default=True)
    result = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    votes_computed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opinion map")
        verbose_name_plural = _("opinion maps")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("panel:map", args=[self.pk])


class StatementStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a check")
    ACCEPTED = "accepted", _("Shown")
    REJECTED = "rejected", _("Not shown")


class Statement(models.Model):
    opinion_map = models.ForeignKey(OpinionMap, on_delete=models.CASCADE, related_name="statements")
    text = models.CharField(_("statement"), max_length=300)
    author = models.ForeignKey(
        "Participant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=StatementStatus.choices, default=StatementStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text


class Participant(models.Model):
    """Someone taking part, known only by a random key in their session."""

    opinion_map = models.ForeignKey(
        OpinionMap, on_delete=models.CASCADE, related_name="participants"
    )
    key = models.CharField(max_length=32, default=new_salt, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"participant {self.pk}"


class OpinionVote(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    vote = models.SmallIntegerField()  # 1 agree, -1 disagree, 0 pass (Pol.is)
    voted_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "statement"], name="panel_opinion_vote_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(vote__in=[-1, 0, 1]), name="panel_opinion_vote_value"
            ),
        ]

    def __str__(self) -> str:
        return f"vote {self.pk}"


class MapRun(TrackedJob):
    """One computation of an opinion map (a tracked job: survives a dead worker)."""

    opinion_map = models.ForeignKey(OpinionMap, on_delete=models.CASCADE, related_name="runs")
    lease = timedelta(minutes=1)

    class Meta:
        ordering = ["-queued_at", "-pk"]

    def __str__(self) -> str:
        return f"map run {self.pk}"

    def work(self) -> None:
        from voorop.panel.services.opinions import map_compute

        map_compute(opinion_map=self.opinion_map)
