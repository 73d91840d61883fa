"""Consultations: the questionnaire, the personal invitations and the anonymous answers."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from voorop.core.phases import CurrentPhase
from voorop.panel.models.panels import Member, Panel, new_salt
from voorop.panel.phases import CONSULTATION


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
