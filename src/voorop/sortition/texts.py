"""How citizens' assemblies put things into words: the engine's findings (quota conflicts,
relaxations), why a person cannot take a seat and how a group deviates, the changes to the
group for the public report, and the closed-registration notice.

Selectors return data (engine reports, problem dicts, records); views, templates and the
error messages of services put them into plain Dutch (English second) through this module,
so each phrase has one home and one msgid in the catalogue.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from voorop.engines import sortition as engine
from voorop.sortition.models import Algorithm, Assembly, Replacement, ReplacementMethod


def conflict_text(conflict: engine.QuotaConflict) -> str:
    """One conflict of the engine in plain Dutch (the engine's own message is English)."""
    label = f"{conflict.feature}: {conflict.value}" if conflict.value else (conflict.feature or "")
    params = {
        "label": label,
        "required": conflict.required,
        "available": conflict.available,
        "difference": abs(conflict.required - conflict.available),
    }
    kind = conflict.kind
    if kind == "pool_too_small":
        return (
            _(
                "There are %(available)s respondents, fewer than the %(required)s seats in the "
                "group."
            )
            % params
        )
    if kind == "min_above_max":
        return (
            _("%(label)s: the minimum %(required)s is higher than the maximum %(available)s.")
            % params
        )
    if kind == "not_enough_people":
        return (
            _(
                "%(label)s: the minimum is %(required)s, but only %(available)s respondents have "
                "this value (%(difference)s too few)."
            )
            % params
        )
    if kind == "mins_exceed_panel":
        return (
            _(
                "%(label)s: the minimums add up to %(required)s, more than the %(available)s "
                "seats (%(difference)s too many)."
            )
            % params
        )
    if kind == "maxes_below_panel":
        return (
            _(
                "%(label)s: within the maximums only %(available)s people can be chosen for "
                "%(required)s seats (%(difference)s too few)."
            )
            % params
        )
    if kind == "too_few_households":
        return (
            _(
                "With at most one person per household there are only %(available)s households "
                "for %(required)s seats."
            )
            % params
        )
    if kind == "cross_feature":
        if conflict.required > conflict.available:
            # required = minimum, available = what can be reached with the other quotas
            return (
                _(
                    "%(label)s: together with the other quotas at most %(available)s can be "
                    "chosen, but the minimum is %(required)s. Lower the minimum by "
                    "%(difference)s, or change the quotas of other features."
                )
                % params
            )
        return (
            _(
                "%(label)s: together with the other quotas at least %(required)s must be chosen, "
                "but the maximum is %(available)s. Raise the maximum by %(difference)s, or "
                "change the quotas of other features."
            )
            % params
        )
    return _("%(label)s: the quotas cannot be met.") % params


def relaxation_text(relaxation: engine.QuotaRelaxation) -> str:
    return _("%(feature)s: %(value)s from %(min)s–%(max)s to %(new_min)s–%(new_max)s") % {
        "feature": relaxation.feature,
        "value": relaxation.value,
        "min": relaxation.min,
        "max": relaxation.max,
        "new_min": relaxation.relaxed_min,
        "new_max": relaxation.relaxed_max,
    }


def problem_text(problem: dict[str, Any]) -> str:
    """A reason why a person cannot take a seat, or a deviation of the group, in Dutch."""
    kind = problem["kind"]
    label = f"{problem.get('feature')}: {problem.get('value')}"
    if kind == "min":
        return _("%(label)s would drop to %(count)s, below the minimum of %(min)s") % (
            problem | {"label": label}
        )
    if kind == "max":
        return _("%(label)s would rise to %(count)s, above the maximum of %(max)s") % (
            problem | {"label": label}
        )
    if kind == "quota":
        return _("%(label)s: %(count)s in the group, the quota is %(min)s–%(max)s") % (
            problem | {"label": label}
        )
    if kind == "size":
        return _("the group has %(count)s people instead of %(size)s") % problem
    if kind == "household" and "count" in problem:
        return _("%(count)s addresses have more than one person in the group") % problem
    return _("someone from the same address is already in the group")


def deviation_label(text: str, deviations: list[dict[str, Any]]) -> str:
    """A way to fill an open seat (`text`), followed by how the group would then deviate
    from the quotas, or that it keeps them."""
    if not deviations:
        return _("%(text)s This keeps every quota.") % {"text": text}
    listed = "; ".join(problem_text(d) for d in deviations)
    return _("%(text)s Deviation: %(deviation)s.") % {"text": text, "deviation": listed}


def change_text(record: Replacement) -> str:
    """A change to the group after the draw, for the public report: pseudonyms only."""
    params = {
        "date": date_format(timezone.localtime(record.recorded_at), "j F Y"),
        "old": record.dropped_pseudonym,
        "new": record.replacement_pseudonym,
        "count": record.candidates,
        "purpose": record.seed_purpose,
    }
    if record.method == ReplacementMethod.OPEN:
        return (
            _(
                "%(date)s: %(old)s dropped out. No reserve could take the seat without breaking "
                "a quota; the organisers have not decided yet how to fill it."
            )
            % params
        )
    if record.method == ReplacementMethod.RESERVE:
        return _("%(date)s: %(old)s dropped out; reserve %(new)s took the seat.") % params
    if record.method == ReplacementMethod.POOL:
        return (
            _(
                "%(date)s: %(old)s dropped out and no reserve could take the seat without "
                "breaking a quota. %(new)s was drawn by lot from the %(count)s residents who "
                "registered, were not drawn and keep every quota (in order of number, with the "
                "seed of the draw and purpose “%(purpose)s”)."
            )
            % params
        )
    deviation = "; ".join(problem_text(d) for d in record.deviations)
    if record.replacement_pseudonym:
        text = _(
            "%(date)s: %(old)s dropped out and no reserve could take the seat without breaking "
            "a quota. The organisers accepted a deviation from the quotas: reserve %(new)s took "
            "the seat."
        )
    else:
        text = _(
            "%(date)s: %(old)s dropped out and no reserve could take the seat without breaking "
            "a quota. The organisers accepted a deviation from the quotas: the seat stays empty."
        )
    if deviation:
        return _("%(text)s Deviation: %(deviation)s.") % {
            "text": text % params,
            "deviation": deviation,
        }
    return text % params


def registration_closed_text(assembly: Assembly) -> str:
    """What a resident (or staff typing a paper reply) is told once registration has
    closed: since when, and that nothing was recorded."""
    return _("Registration closed on %(date)s. Nothing has been recorded.") % {
        "date": date_format(timezone.localtime(assembly.registration_closed_on), "j F Y")
    }


def method_text(algorithm: str) -> str:
    """How the chances were computed, in plain words for residents, with the name experts
    use for the method beside it (leximin, maximin, Nash)."""
    texts = {
        Algorithm.LEXIMIN.value: _(
            "The chances were made as equal as possible: first the lowest chance as high as "
            "possible, then the next lowest, and so on. Experts call this method “leximin”."
        ),
        Algorithm.MAXIMIN.value: _(
            "The lowest chance was made as high as possible. Experts call this method “maximin”."
        ),
        Algorithm.NASH.value: _(
            "The chances were balanced so that no chance is very small and together they are "
            "as large as possible. Experts call this method “Nash” (after a mathematician)."
        ),
        Algorithm.LEGACY.value: _(
            "The group was drawn step by step, one person at a time, keeping the quotas. This "
            "is the older method (“legacy”)."
        ),
    }
    text = texts.get(algorithm)
    return str(text) if text is not None else algorithm
