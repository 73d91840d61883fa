"""The savings dialogue (begrotingsgesprek): the budget split into tables with their options
(posten) and the council's frames; residents' plans (one each, by account or by letter code)
and table plans from meetings; the college's answer. The arithmetic is the engine's
(voorop.engines.savings); see docs/decisions/0019-savings-and-battles.md."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.core import codes
from voorop.core.address_lists import address_key
from voorop.core.base import Located
from voorop.core.jobs import TrackedJob
from voorop.core.letters import letters_path as _letters_path
from voorop.core.money import WholeEuroField
from voorop.core.phases import CurrentPhase
from voorop.engines import savings as engine
from voorop.savings import phases

CODE_LENGTH = 12
CODE_PURPOSE = "voorop-savings-code"  # part of every stored hash: never change it
ADDRESS_PURPOSE = "voorop-savings-address"  # idem


def hash_code(dialogue_id: int, code: str) -> str:
    return codes.code_hash(CODE_PURPOSE, dialogue_id, code)


def hash_address(dialogue_id: int, address: dict[str, str]) -> str:
    """A keyed hash of a letter's address: a new letter replaces a lost one, and an address
    whose code made a plan gets no second code; the address itself is not kept."""
    return codes.keyed_hash(ADDRESS_PURPOSE, dialogue_id, address_key(address))


def holder_hash(dialogue_id: int, user_id: int) -> str:
    return codes.keyed_hash("voorop-savings-holder", dialogue_id, str(user_id))


class TargetKind(models.TextChoices):
    SAVE = "save", _("save at least")
    SPEND = "spend", _("spend at most extra")


class AgeBand(models.TextChoices):
    UNDER_25 = "-24", _("younger than 25")
    FROM_25 = "25-44", _("25 to 44")
    FROM_45 = "45-64", _("45 to 64")
    FROM_65 = "65+", _("65 or older")

    @classmethod
    def for_age(cls, age: int) -> AgeBand:
        if age < 25:
            return cls.UNDER_25
        if age < 45:
            return cls.FROM_25
        if age < 65:
            return cls.FROM_45
        return cls.FROM_65


class Dialogue(Located):
    """One savings dialogue (or "where should extra money go"). `area` limits who may take
    part with an account, as in budget rounds (the same check of where residents live)."""

    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    target_kind = models.CharField(
        _("the plans must"), max_length=5, choices=TargetKind.choices, default=TargetKind.SAVE
    )
    target_amount = WholeEuroField(_("amount"), default=0)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=16)
    accepts_accounts = models.BooleanField(
        _("residents can take part with an account"), default=True
    )
    accepts_codes = models.BooleanField(
        _("residents can take part with a letter code"), default=True
    )
    open_from = models.DateTimeField(_("open from"))
    open_until = models.DateTimeField(_("open until"))
    answered_at = models.DateTimeField(_("answer published at"), null=True, blank=True)
    answer = models.TextField(_("answer of the college"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    phase = CurrentPhase(phases.SAVINGS_DIALOGUE)

    class Meta:
        verbose_name = _("budget dialogue")
        verbose_name_plural = _("budget dialogues")
        ordering = ["-open_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(open_until__gt=models.F("open_from")), name="savings_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("savings:dialogue", args=[self.pk])

    @property
    def voting_from(self) -> datetime:
        """When taking part starts: the age of a resident is counted at this moment."""
        return self.open_from

    @property
    def target_change(self) -> int:
        """The engine's target in cents: negative to save, positive to spend."""
        sign = -1 if self.target_kind == TargetKind.SAVE else 1
        return sign * self.target_amount * 100

    def frames(self) -> engine.Dialogue:
        """The tables, options and frames as the engine's data (amounts in cents)."""
        tables = list(self.tables.all())
        options = SavingsOption.objects.filter(table__dialogue=self)
        return engine.Dialogue(
            tables=tuple(
                engine.Table(
                    str(t.pk),
                    t.current * 100,
                    minimum=None if t.minimum is None else t.minimum * 100,
                    maximum=None if t.maximum is None else t.maximum * 100,
                )
                for t in tables
            ),
            options=tuple(
                engine.Option(
                    str(o.pk),
                    str(o.table_id),
                    o.step_amount * 100,
                    lowest=-o.steps_down,
                    highest=o.steps_up,
                    untouchable=o.untouchable,
                )
                for o in options
            ),
            target_change=self.target_change,
        )


class BudgetTable(models.Model):
    """One theme's part of the budget (begrotingstafel), with the council's bounds."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="tables")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("what this table pays for"), blank=True)
    current = WholeEuroField(_("current amount"))
    minimum = WholeEuroField(_("at least"), null=True, blank=True)
    maximum = WholeEuroField(_("at most"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("budget table")
        verbose_name_plural = _("budget tables")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class SavingsOption(models.Model):
    """An item of a table that can go down or up in steps, each step with a plain text of
    what it means for residents."""

    table = models.ForeignKey(BudgetTable, on_delete=models.CASCADE, related_name="options")
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("what it is"), blank=True)
    step_amount = WholeEuroField(_("amount per step"))
    steps_down = models.PositiveSmallIntegerField(_("steps down"), default=0)
    steps_up = models.PositiveSmallIntegerField(_("steps up"), default=0)
    step_down_means = models.CharField(
        _("one step down means"), max_length=240, blank=True,
        help_text=_('For example: "library Oud-Veen closed 1 day a week".'),
    )  # fmt: skip
    step_up_means = models.CharField(_("one step up means"), max_length=240, blank=True)
    untouchable = models.BooleanField(_("may not be changed (council frame)"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["table__order", "table_id", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    def levels(self) -> range:
        if self.untouchable:
            return range(0, 1)
        return range(-self.steps_down, self.steps_up + 1)


def letters_path(instance: LetterBatch, filename: str) -> str:
    return _letters_path("savings")


class LetterBatch(TrackedJob):
    """One request for letters with codes: ``count`` letters without an address, or one
    letter per address of an uploaded list. A background job (voorop.core.jobs) makes the
    codes (stored hashed) and the PDF, the only place the codes exist in clear; the
    addresses are dropped as soon as the letters are made, and staff delete the PDF once
    it is printed."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="letter_batches")
    by_address = models.BooleanField(default=False)
    count = models.PositiveIntegerField(_("number of letters"))
    addresses = models.JSONField(default=list, blank=True)
    letters = models.FileField(upload_to=letters_path, blank=True)
    base_url = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    letters_deleted_at = models.DateTimeField(null=True, blank=True)
    # Letters for addresses: earlier codes of the same address that stopped working (a lost
    # letter), and addresses left out because their code already made a plan.
    replaced_count = models.PositiveIntegerField(default=0)
    already_sent_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("letters with codes")
        verbose_name_plural = _("letters with codes")

    def __str__(self) -> str:
        return f"{self.dialogue} ({self.count})"

    def work(self) -> None:
        from voorop.savings.services.letters import letters_make

        letters_make(batch=self)


class DialogueCode(models.Model):
    """A letter code (stored only as its keyed hash, voorop.core.codes)."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)
    # Only for a letter sent to an address of an uploaded list (hash_address): empty for a
    # letter without an address.
    address_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "code_hash"], name="savings_code_once")
        ]

    def __str__(self) -> str:
        return f"{self.dialogue_id}: code {self.pk}"


class PlanKind(models.TextChoices):
    RESIDENT = "resident", _("plan of a resident")
    TABLE = "table", _("plan of a table meeting")


class Plan(models.Model):
    """A balanced plan. One per account and one per letter code; table plans are entered by
    staff after a meeting (as many as there were tables)."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="plans")
    kind = models.CharField(max_length=10, choices=PlanKind.choices, default=PlanKind.RESIDENT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="savings_plans",
    )  # fmt: skip
    code = models.OneToOneField(
        DialogueCode, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan"
    )
    meeting = models.CharField(_("meeting"), max_length=160, blank=True)
    area = models.ForeignKey(
        "areas.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    age_band = models.CharField(_("age"), max_length=8, choices=AgeBand.choices, blank=True)
    email = models.EmailField(
        _("e-mail for the answer"), blank=True,
        help_text=_("Only used to send you the college's answer; then deleted."),
    )  # fmt: skip
    # A keyed hash of the signed-in person who sent a code plan: one person, one plan, also
    # across an account and letter codes (as budget rounds, decision 0014). Not reversible.
    code_holder = models.CharField(max_length=64, blank=True, db_index=True)
    total_change = models.BigIntegerField(default=0)  # cents, from the engine's check
    sent_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "author"],
                condition=Q(author__isnull=False, kind="resident"),
                name="savings_one_plan_per_account",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dialogue} #{self.pk}"

    def levels(self) -> dict[str, int]:
        return {str(c.option_id): c.level for c in self.choices.all()}


class PlanChoice(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="choices")
    option = models.ForeignKey(SavingsOption, on_delete=models.CASCADE, related_name="choices")
    level = models.SmallIntegerField(default=0)
    reason = models.TextField(_("why"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "option"], name="savings_one_choice_per_option")
        ]

    def __str__(self) -> str:
        return f"{self.option_id}: {self.level}"
