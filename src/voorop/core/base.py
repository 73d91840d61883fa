"""Building blocks for the models of every instrument (as adhocracy4's ``models/base.py``).

- ``LadderStep``: the steps of the participation ladder (seed 003 §8), one set of values and
  labels for initiatives, council reflections and every later instrument.
- ``Located``: an area and a theme, both optional (a proposal, a task, a dossier, a desk item).
  ``area_field()`` and ``theme_field()`` give the same fields one at a time.
- ``TimelineEntry``: one line on an object's public timeline (desk items, initiatives,
  challenges; later consultations, battles and agreements), rendered by
  ``core/partials/timeline.html``. What the system writes on a line is stored as a key and
  parameters (``message``) and put into words when shown, in the reader's language;
  ``text`` holds only what a person wrote (decision 0017).
- ``EngineRun``: what a published outcome stores so that anyone can recompute it — the engine
  and its version, the seed, and digests of the input and of the output. It holds no status:
  whether the run is waiting, running or done is for the background-job model.
  ``field_alias`` keeps a domain name for one of its fields (``ballots_digest``).

All are abstract: an app's model inherits them and adds its own foreign key and fields. A
subclass that declares its own ``Meta`` inherits the ordering with ``class Meta(Base.Meta)``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class LadderStep(models.TextChoices):
    """The participation ladder, lowest step first (seed 003 §8). The values are the Dutch
    names the seeds and the glossary use; both apps stored them already."""

    INFORM = "informeren", _("Inform")
    CONSULT = "raadplegen", _("Consult")
    ADVISE = "adviseren", _("Advise")
    COPRODUCE = "coproduceren", _("Co-produce")
    CODECIDE = "meebeslissen", _("Co-decide")

    @property
    def description(self) -> Promise:
        """What the step means for residents and for the municipality, in plain words."""
        return _LADDER_DESCRIPTIONS[self]

    @property
    def rank(self) -> int:
        """1 (informeren) to 5 (meebeslissen): for sorting and for charts."""
        return list(LadderStep).index(self) + 1

    @property
    def deepens(self) -> bool:
        """Coproduceren and meebeslissen: what seed 003 calls *schaalverdieping*."""
        return self in (LadderStep.COPRODUCE, LadderStep.CODECIDE)


_LADDER_DESCRIPTIONS = {
    LadderStep.INFORM: _("The municipality decides and tells residents what it decided."),
    LadderStep.CONSULT: _(
        "The municipality decides and asks residents what they think, but need not follow it."
    ),
    LadderStep.ADVISE: _(
        "Residents give advice. The municipality decides, and is open to their ideas."
    ),
    LadderStep.COPRODUCE: _(
        "Residents and the municipality work together as equals, within limits agreed beforehand."
    ),
    LadderStep.CODECIDE: _(
        "Residents take the lead and decide. The municipality helps and connects, and does "
        "not take over."
    ),
}


def area_field(**overrides: Any) -> models.ForeignKey:
    """The optional area of an object (empty: the whole municipality)."""
    options: dict[str, Any] = {
        "verbose_name": _("area"),
        "null": True,
        "blank": True,
        "on_delete": models.SET_NULL,
        "related_name": "+",
        **overrides,
    }
    return models.ForeignKey("areas.Area", **options)


def theme_field(**overrides: Any) -> models.ForeignKey:
    """The optional theme of an object."""
    options: dict[str, Any] = {
        "verbose_name": _("theme"),
        "null": True,
        "blank": True,
        "on_delete": models.SET_NULL,
        "related_name": "+",
        **overrides,
    }
    return models.ForeignKey("areas.Theme", **options)


class Located(models.Model):
    """Lies in an area (or the whole municipality) and is about a theme (or none)."""

    area = area_field()
    theme = theme_field()

    class Meta:
        abstract = True

    @property
    def area_label(self) -> str:
        """The area's name, or "whole municipality"."""
        return self.area.name if self.area_id else str(_("whole municipality"))  # type: ignore[attr-defined]


class TimelineQuerySet(models.QuerySet):
    def public(self) -> TimelineQuerySet:
        """What the resident (and anyone) may see; staff see internal notes too."""
        return self.filter(public=True)

    def for_timeline(self) -> TimelineQuerySet:
        """In reading order, with the actors fetched in the same query."""
        names = {field.name for field in self.model._meta.get_fields()}
        queryset = self.select_related("actor") if "actor" in names else self
        return queryset.order_by("created_at", "pk")


class TimelineEntry(models.Model):
    """One step on an object's timeline: when, what kind of step, who, and a text.

    A subclass adds the foreign key to its object (``related_name="timeline"``), and names
    the title of each kind in ``TITLES`` (or gives ``kind`` choices, whose labels are used).
    A subclass that does not record actors sets ``actor = None``."""

    created_at = models.DateTimeField(_("time"), default=timezone.now)
    kind = models.CharField(_("kind of step"), max_length=30)
    text = models.TextField(_("text"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    public = models.BooleanField(_("public"), default=True)
    # What the system says on this line, as {"key": ..., "params": {...}}: words are chosen
    # from MESSAGES when shown, so a reader in English never meets a Dutch sentence stored
    # when a Dutch-speaking officer acted (and the other way round).
    message = models.JSONField(_("system message"), default=dict, blank=True)

    TITLES: ClassVar[Mapping[str, str | Promise]] = {}
    MESSAGES: ClassVar[Mapping[str, str | Promise]] = {}

    objects = TimelineQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind}"

    @property
    def title(self) -> str:
        """The heading on the timeline: from ``TITLES``, else the label of the kind."""
        if self.kind in self.TITLES:
            return str(self.TITLES[self.kind])
        display = getattr(self, "get_kind_display", None)
        return str(display()) if display is not None else self.kind

    @property
    def system_text(self) -> str:
        """The system's sentence for this line in the active language ("" when none)."""
        key = (self.message or {}).get("key", "")
        if key not in self.MESSAGES:
            return ""
        params = (self.message or {}).get("params") or {}
        return render_message(self.MESSAGES[key], params, self.message_values())

    def message_values(self) -> dict[str, Any]:
        """Parameters worked out when shown (e.g. a label in the reader's language);
        a subclass overrides it."""
        return {}

    @property
    def display_text(self) -> str:
        """The system's sentence, then what a person wrote."""
        return "\n\n".join(part for part in (self.system_text, self.text) if part)

    @property
    def actor_label(self) -> str:
        """Who did it, as others may see them ("" when nobody is named)."""
        actor = getattr(self, "actor", None)
        if actor is None:
            return ""
        return str(getattr(actor, "public_name", "") or actor)


def timeline_message(key: str, **params: Any) -> dict[str, Any]:
    """The value of ``TimelineEntry.message``: a key of the subclass's ``MESSAGES`` and the
    parameters as plain JSON (names, numbers, ISO dates, amounts as text)."""
    return {"key": key, "params": {k: _jsonable_param(v) for k, v in params.items()}}


def _jsonable_param(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def render_message(
    template: str | Promise, params: Mapping[str, Any], values: Mapping[str, Any]
) -> str:
    """``template % params``; a parameter missing from an old row shows as empty."""
    merged: dict[str, Any] = {**params, **values}

    class _Lenient(dict):  # type: ignore[type-arg]
        def __missing__(self, key: str) -> str:
            return ""

    return str(template) % _Lenient(merged)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Fraction):
        return str(value) if value.denominator != 1 else value.numerator
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot put {type(value).__name__} in a digest")


def canonical_digest(data: Any) -> str:
    """SHA-256 (hex) of ``data`` as canonical JSON: keys sorted, no spaces, UTF-8. Numbers
    the engines use (Decimal, Fraction) become text, sets become sorted lists, so the same
    outcome always gives the same digest, on any machine."""
    text = json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_jsonable
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def field_alias(name: str, doc: str = "") -> property:
    """Another name for a field, read and written through: a domain word that pages, files
    and tests use (``ballots_digest`` for a budget round's ``input_digest``). Django accepts
    it in ``Model(...)`` and ``objects.create(...)`` too; queries use the field's own name."""

    def get(self: Any) -> Any:
        return getattr(self, name)

    def set_(self: Any, value: Any) -> None:
        setattr(self, name, value)

    return property(get, set_, doc=doc or f"The same as ``{name}``.")


class EngineRun(models.Model):
    """Everything needed to recompute a published outcome and to check that it is the same.

    ``engine`` names the engine and its method ("budgeting:mes", "sortition:leximin"), as
    the command line (``voorop pb``, ``voorop sortition``) calls them; ``input_digest`` is the
    engine's own digest of what it was given (the ballots, the pool and quotas);
    ``output_digest`` is ``canonical_digest`` of the outcome the app stores."""

    engine = models.CharField(_("engine"), max_length=60, blank=True)
    engine_version = models.CharField(_("engine version"), max_length=20, blank=True)
    seed = models.CharField(_("seed"), max_length=200, blank=True)
    input_digest = models.CharField(_("digest of the input"), max_length=64, blank=True)
    output_digest = models.CharField(_("digest of the outcome"), max_length=64, blank=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)

    class Meta:
        abstract = True

    def record_run(
        self,
        *,
        engine: str,
        version: str,
        seed: str,
        input_digest: str,
        output: Any,
        at: datetime | None = None,
    ) -> None:
        """Fill in the run after the engine returned (the caller saves)."""
        self.engine = engine
        self.engine_version = version
        self.seed = seed
        self.input_digest = input_digest
        self.output_digest = canonical_digest(output)
        self.computed_at = at or timezone.now()

    @property
    def is_computed(self) -> bool:
        return self.computed_at is not None

    def output_matches(self, output: Any) -> bool:
        """Whether a recomputed ``output`` is the outcome that was stored."""
        return bool(self.output_digest) and canonical_digest(output) == self.output_digest

    @property
    def reproducibility(self) -> dict[str, str]:
        """The facts to publish with the outcome and to write to the audit log."""
        return {
            "engine": self.engine,
            "engine_version": self.engine_version,
            "seed": self.seed,
            "input_digest": self.input_digest,
            "output_digest": self.output_digest,
        }
