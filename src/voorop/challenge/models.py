"""Right to challenge (uitdaagrecht): a catalogue of municipal tasks and the procedure for
residents who offer to carry one out with the budget that goes with it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from voorop.challenge.phases import (
    AGREEMENT,
    ASSESSMENT,
    CHALLENGE,
    DECISION,
    EXPLORATORY_TALK,
    RUNNING,
    SUBMITTED,
)
from voorop.core import files
from voorop.core.base import Located, TimelineEntry
from voorop.core.money import EuroField, format_euros
from voorop.core.phases import CurrentPhase


class Task(Located):
    """A municipal task that residents may challenge, e.g. green maintenance of an area."""

    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("what the task involves"))
    budget = EuroField(_("current budget per year (euro)"))
    quality_standard = models.TextField(_("quality standard"))
    department = models.CharField(_("responsible department"), max_length=200)
    is_open = models.BooleanField(
        _("open to challenge"),
        default=True,
        help_text=_("Closed tasks stay visible with their challenges but take no new ones."),
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("task catalogue")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenge:task_detail", kwargs={"pk": self.pk})


class ProcedureSettings(models.Model):
    """The deadlines of the municipality's participatieverordening (one row)."""

    acknowledge_weeks = models.PositiveSmallIntegerField(
        _("acknowledgement of receipt within (weeks after submission)"), default=2
    )
    talk_weeks = models.PositiveSmallIntegerField(
        _("exploratory talk within (weeks after acknowledgement)"), default=3
    )
    assessment_weeks = models.PositiveSmallIntegerField(
        _("assessment within (weeks after a complete submission)"), default=6
    )
    decision_weeks = models.PositiveSmallIntegerField(
        _("decision by the college within (weeks after a complete submission)"), default=8
    )
    agreement_weeks = models.PositiveSmallIntegerField(
        _("agreement within (weeks after the decision)"), default=6
    )
    criteria_intro = models.TextField(
        _("introduction to the criteria"),
        blank=True,
        help_text=_("Shown above the published criteria, e.g. a link to the regulation."),
    )

    class Meta:
        verbose_name = _("procedure settings")
        verbose_name_plural = _("procedure settings")

    def __str__(self) -> str:
        return str(_("Procedure settings"))

    @classmethod
    def current(cls) -> ProcedureSettings:
        settings_row = cls.objects.order_by("pk").first()
        return settings_row or cls.objects.create()


# The most a group may type (issue 12.11): the plan, and each other answer or message.
PLAN_LENGTH = 10_000
ANSWER_LENGTH = 3_000

# The stages and what each enables are declared in phases.py; Stage names them in code.
Stage = CHALLENGE.text_choices("Stage")


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    GRANTED_WITH_CONDITIONS = "granted_with_conditions", _("Granted with conditions")
    REFUSED = "refused", _("Refused")


class Criterion(models.TextChoices):
    SUPPORT = "support", _("Support")
    QUALITY = "quality", _("Quality")
    COST = "cost", _("Cost")
    CONTINUITY = "continuity", _("Continuity")
    RISK = "risk", _("Risk")


CRITERION_QUESTIONS = {
    Criterion.SUPPORT: _("Do enough residents back the plan, on the platform or on paper?"),
    Criterion.QUALITY: _("Does the plan reach at least the quality standard of the task?"),
    Criterion.COST: _("Can the group do the task for the budget, or for less?"),
    Criterion.CONTINUITY: _("Can the group keep it up, also when people leave?"),
    Criterion.RISK: _("Are the risks known, and is it clear who carries them?"),
}


class Challenge(models.Model):
    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="challenges"
    )
    title = models.CharField(_("title of your plan"), max_length=200)
    group_name = models.CharField(
        _("name of your group"),
        max_length=200,
        help_text=_("For example your village association or neighbourhood group."),
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ChallengeMember", related_name="challenges"
    )
    dossier = models.ForeignKey(
        "council.Dossier",
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges",
    )
    # Submitted on behalf of an initiative: its members belong to the group too.
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("on behalf of initiative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges",
    )
    plan = models.TextField(
        _("your plan"),
        max_length=PLAN_LENGTH,
        help_text=_("What will you do, where and how often?"),
    )
    cost = EuroField(_("budget you ask for per year (euro)"))
    cost_explanation = models.TextField(
        _("how you arrive at this amount"), max_length=ANSWER_LENGTH
    )
    quality = models.TextField(
        _("quality"),
        max_length=ANSWER_LENGTH,
        help_text=_("How do you make sure the work is at least as good as now?"),
    )
    continuity = models.TextField(
        _("continuity"),
        max_length=ANSWER_LENGTH,
        help_text=_("How do you keep it going for years, also when people leave?"),
    )
    support_evidence = models.TextField(
        _("support"),
        max_length=ANSWER_LENGTH,
        help_text=_("Who backs your plan? You can also upload signature lists later."),
    )
    risks = models.TextField(
        _("risks"),
        max_length=ANSWER_LENGTH,
        help_text=_("What could go wrong, and what do you do then?"),
    )

    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.SUBMITTED
    )
    paused = models.BooleanField(_("paused with a Ho-stop card"), default=False)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("process facilitator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    # The decision deadline counts from here; empty while the municipality waits for information.
    complete_at = models.DateTimeField(null=True, blank=True)
    missing_information = models.TextField(_("what is missing"), blank=True)
    talk_held_on = models.DateField(null=True, blank=True)
    assessed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    decision_reasons = models.TextField(blank=True)
    conditions = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    agreement_budget = EuroField(null=True, blank=True)
    agreement_starts_on = models.DateField(null=True, blank=True)
    agreement_ends_on = models.DateField(null=True, blank=True)
    agreement_reporting = models.TextField(blank=True)
    evaluation = models.TextField(blank=True)
    withdrawal_reason = models.TextField(blank=True, max_length=ANSWER_LENGTH)
    closed_at = models.DateTimeField(null=True, blank=True)

    # Set on list rows by selectors.with_deadlines (not stored).
    current_deadline: date | None
    overdue: bool

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenge:detail", kwargs={"pk": self.pk})

    # -- state -----------------------------------------------------------------------------

    phase = CurrentPhase(CHALLENGE)

    @property
    def is_final(self) -> bool:
        return self.phase.final

    def is_member(self, user: object) -> bool:
        """A member of the group: invited to the challenge, or a member of its initiative."""
        if not getattr(user, "is_authenticated", False):
            return False
        if self.memberships.filter(user_id=user.pk).exists():  # type: ignore[attr-defined]
            return True
        return bool(
            self.initiative_id and self.initiative.memberships.filter(user_id=user.pk).exists()  # type: ignore[union-attr,attr-defined]
        )

    def group_users(self) -> list:
        """Everyone in the group, each once: challenge members, then initiative members."""
        users = [m.user for m in self.memberships.select_related("user")]
        if self.initiative_id:
            users += [m.user for m in self.initiative.memberships.select_related("user")]
        seen, unique = set(), []
        for user in users:
            if user.pk not in seen and user.is_active:
                seen.add(user.pk)
                unique.append(user)
        return unique

    @property
    def stage_owner(self) -> str:
        """Whose move it is now (shown on screen, so people know whom to ask)."""
        return str(self.phase.whose_move)

    def deadline(self, procedure: ProcedureSettings | None = None) -> date | None:
        """The date by which the current stage's owner must act (None: no deadline)."""
        if self.is_final or self.paused:
            return None
        p = procedure or ProcedureSettings.current()

        def weeks_after(moment, weeks: int) -> date | None:
            if moment is None:
                return None
            return timezone.localtime(moment).date() + timedelta(weeks=weeks)

        phase = self.phase
        if phase is SUBMITTED:
            return weeks_after(self.submitted_at, p.acknowledge_weeks)
        if phase is EXPLORATORY_TALK:
            return weeks_after(self.acknowledged_at, p.talk_weeks)
        if phase is ASSESSMENT:
            return weeks_after(self.complete_at, p.assessment_weeks)
        if phase is DECISION:
            return weeks_after(self.complete_at, p.decision_weeks)
        if phase is AGREEMENT:
            return weeks_after(self.decided_at, p.agreement_weeks)
        if phase is RUNNING:
            return self.agreement_ends_on
        return None

    def decision_deadline(self, procedure: ProcedureSettings | None = None) -> date | None:
        if self.complete_at is None or not self.phase <= DECISION:
            return None
        p = procedure or ProcedureSettings.current()
        return timezone.localtime(self.complete_at).date() + timedelta(weeks=p.decision_weeks)

    def is_overdue(self, procedure: ProcedureSettings | None = None) -> bool:
        deadline = self.deadline(procedure)
        return deadline is not None and deadline < timezone.localdate()

    # -- anchor points (voorop.council.anchors) ---------------------------------------------

    def anchor_points_may_respond(self, user) -> bool:
        return self.is_member(user) and not self.is_final


class ChallengeMember(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="challenge_memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["challenge", "user"], name="challenge_member_once")
        ]
        ordering = ["joined_at", "id"]

    def __str__(self) -> str:
        return f"{self.user} ({self.challenge})"


class ChallengeSupport(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="challenge_supports"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["challenge", "user"], name="challenge_support_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.challenge}"


class SignatureList(models.Model):
    """A scanned list of signatures on paper: personal data, seen by the group and staff only."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="signature_lists"
    )
    file = files.CheckedFileField(kinds=files.PHOTOS_AND_PDF, folder="challenge/signatures")
    signatures = models.PositiveIntegerField(_("number of signatures"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.challenge}: {self.signatures}"


class CriterionScore(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(max_length=20, choices=Criterion.choices)
    score = models.PositiveSmallIntegerField()
    reasons = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["challenge", "criterion"], name="challenge_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.challenge}: {self.criterion} {self.score}"


class ChallengeTimelineEntry(TimelineEntry):
    """One step on the challenge's public timeline (titles translated when shown). It names
    the role that acted (the group, a process facilitator, the college), not the person."""

    TITLES = {
        "submitted": _("Challenge submitted"),
        "member_added": _("A member joined the group"),
        "acknowledged": _("Receipt acknowledged"),
        "incomplete": _("The municipality asks for more information"),
        "completed": _("The group added the missing information"),
        "talk_held": _("Exploratory talk held"),
        "assessed": _("Assessment against the criteria done"),
        "decided": _("The college decided"),
        "agreement": _("Agreement made"),
        "evaluation_started": _("Evaluation started"),
        "evaluated": _("Evaluation finished"),
        "withdrawn": _("Withdrawn by the group"),
        "signatures": _("Signature list added"),
        "paused": _("Paused with a Ho-stop card"),
        "resumed": _("Resumed after everyone consented"),
    }

    # What the system says, put into words when shown (in the reader's language).
    MESSAGES = {
        "signatures": _("%(count)s signatures on paper."),
        "assessed": "%(lines)s",
        "decided": _("%(outcome_label)s."),
        "decided_with_conditions": _("%(outcome_label)s. Conditions: %(conditions)s"),
        "agreement": _(
            "Budget transferred: %(budget_label)s per year, from %(start_label)s to "
            "%(end_label)s. Reporting: %(rep)s"
        ),
    }

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="timeline")
    # "uitdager" (the group) or a role code; shown translated.
    actor_role = models.CharField(max_length=30, blank=True)
    actor = None

    class Meta(TimelineEntry.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.challenge}: {self.kind}"

    def message_values(self) -> dict[str, Any]:
        params = (self.message or {}).get("params") or {}
        values: dict[str, Any] = {}
        if "outcome" in params and params["outcome"] in Outcome.values:
            values["outcome_label"] = Outcome(params["outcome"]).label
        values["lines"] = "\n".join(
            f"{Criterion(c).label}: {score}/5. {reasons}"
            for c, score, reasons in params.get("scores") or []
            if c in Criterion.values
        )
        if "budget" in params:
            values["budget_label"] = format_euros(params["budget"])
        for name in ("start", "end"):
            if params.get(name):
                values[f"{name}_label"] = date_format(date.fromisoformat(params[name]))
        return values

    @property
    def actor_label(self) -> str:
        from voorop.accounts.roles import Role

        if self.actor_role == "uitdager":
            return self.challenge.group_name
        if self.actor_role in Role.values:
            return str(Role(self.actor_role).label)
        return ""
