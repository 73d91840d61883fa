"""Writes of citizens' assemblies. Each checks its permission, runs in a transaction and
writes an audit entry. Personal data of respondents never goes into the audit log: entries
name the assembly and counts, and who looked at the pool.
"""

from __future__ import annotations

import math
import secrets
import statistics
import time
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from voorop.core import codes
from voorop.core.services import audit_log, email_send
from voorop.core.throttle import Throttle
from voorop.engines import sortition as engine
from voorop.sortition import csvfiles, selectors
from voorop.sortition.models import (
    CODE_LENGTH,
    LEGACY_CODE_LENGTH,
    Address,
    Assembly,
    Invitation,
    Quota,
    Replacement,
    ReplacementMethod,
    Report,
    Respondent,
    RespondentStatus,
    Selection,
    SelectionStatus,
    default_deletion_date,
    hash_code,
    new_pseudonym,
)

ASSEMBLY_FIELDS = (
    "title",
    "topic",
    "panel_size",
    "reserve_count",
    "meetings",
    "starts_on",
    "ends_on",
    "deletion_date",
    "one_per_household",
    "people_per_letter",
    "features",
)


def _require(actor, permission: str, obj=None) -> None:
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(permission)


def _check_assembly(fields: dict[str, Any]) -> None:
    starts, ends = fields.get("starts_on"), fields.get("ends_on")
    if isinstance(starts, date) and isinstance(ends, date) and ends < starts:
        raise ValidationError(_("The end date must be on or after the first meeting."))
    deletion = fields.get("deletion_date")
    if isinstance(deletion, date) and isinstance(ends, date) and deletion < ends:
        raise ValidationError(
            _("The personal data can only be deleted after the assembly has ended.")
        )
    if not fields.get("features"):
        raise ValidationError(_("Name at least one feature."))


def _sync_quota_rows(assembly: Assembly) -> None:
    """One quota row per feature value; rows of removed values go."""
    wanted = [(f["name"], v) for f in assembly.features for v in f["values"]]
    existing = {(q.feature, q.value): q for q in assembly.quotas.all()}
    for key, quota in existing.items():
        if key not in wanted:
            quota.delete()
    for position, (feature, value) in enumerate(wanted):
        quota = existing.get((feature, value))
        if quota is None:
            Quota.objects.create(assembly=assembly, feature=feature, value=value, position=position)
        elif quota.position != position:
            quota.position = position
            quota.save(update_fields=["position"])


# --- the assembly ------------------------------------------------------------------------


@transaction.atomic
def assembly_create(*, actor, organisers=(), **fields: Any) -> Assembly:
    _require(actor, "sortition.add_assembly")
    unknown = set(fields) - set(ASSEMBLY_FIELDS)
    if unknown:
        raise ValueError(f"not an assembly field: {', '.join(sorted(unknown))}")
    if not fields.get("deletion_date") and fields.get("ends_on"):
        fields["deletion_date"] = default_deletion_date(fields["ends_on"])
    _check_assembly(fields)
    assembly = Assembly.objects.create(created_by=actor, **fields)
    assembly.organisers.set({actor, *organisers})
    _sync_quota_rows(assembly)
    audit_log(actor=actor, action="sortition.assembly_created", target=assembly)
    return assembly


@transaction.atomic
def assembly_update(*, actor, assembly: Assembly, organisers=None, **fields: Any) -> Assembly:
    _require(actor, "sortition.change_assembly", assembly)
    unknown = set(fields) - set(ASSEMBLY_FIELDS)
    if unknown:
        raise ValueError(f"not an assembly field: {', '.join(sorted(unknown))}")
    changes_features = "features" in fields and fields["features"] != assembly.features
    if changes_features and assembly.respondents.exists():
        raise ValidationError(
            _("The features cannot change any more: residents have already registered.")
        )
    merged = {name: getattr(assembly, name) for name in ASSEMBLY_FIELDS} | fields
    if not merged.get("deletion_date"):
        merged["deletion_date"] = default_deletion_date(merged["ends_on"])
    _check_assembly(merged)
    for name, value in merged.items():
        setattr(assembly, name, value)
    # Only the details: the steps (invitations, seed, closing registration) are recorded by
    # their own services and must not be overwritten from an object loaded before them.
    assembly.save(update_fields=list(ASSEMBLY_FIELDS))
    if organisers is not None:
        assembly.organisers.set({actor, *organisers})
        assembly.__dict__.pop("_organiser_ids", None)
    _sync_quota_rows(assembly)
    audit_log(
        actor=actor,
        action="sortition.assembly_changed",
        target=assembly,
        data={"fields": sorted(fields)},
    )
    return assembly


# --- addresses and invitations ------------------------------------------------------------


@transaction.atomic
def addresses_import(*, actor, assembly: Assembly, rows: list[dict]) -> int:
    """Replace the address extract with `rows` (already checked by csvfiles.parse_addresses)."""
    _require(actor, "sortition.import_addresses", assembly)
    if not rows:
        raise ValidationError(_("The file has no addresses."))
    assembly.addresses.all().delete()
    Address.objects.bulk_create(
        [
            Address(
                assembly=assembly,
                address_id=row["address_id"],
                street=row["street"],
                house_number=row["house_number"],
                postcode=row["postcode"],
                place=row["place"],
                area=row["area"],
                household_size=row.get("household_size"),
            )
            for row in rows
        ],
        batch_size=2000,
    )
    audit_log(
        actor=actor,
        action="sortition.addresses_imported",
        target=assembly,
        data={"count": len(rows)},
    )
    return len(rows)


def allocate_by_area(counts: dict[str, int], total: int) -> dict[str, int]:
    """Largest-remainder allocation of `total` letters over areas in proportion to their
    number of addresses; ties go to the area first in alphabetical order."""
    addresses = sum(counts.values())
    if total >= addresses:
        return dict(counts)
    quotas = {area: total * n / addresses for area, n in counts.items()}
    out = {area: min(counts[area], math.floor(q)) for area, q in quotas.items()}
    left = total - sum(out.values())
    order = sorted(counts, key=lambda a: (-(quotas[a] - math.floor(quotas[a])), a))
    while left > 0:
        for area in order:
            if left == 0:
                break
            if out[area] < counts[area]:
                out[area] += 1
                left -= 1
    return out


def draw_addresses(addresses: list[tuple[str, str]], count: int, seed: str) -> list[str]:
    """Address ids drawn stratified by area: per area, in order of address id, a Fisher–Yates
    shuffle with the engine's SeedStream (purpose "invitations/<area>") and the first n."""
    by_area: dict[str, list[str]] = {}
    for address_id, area in addresses:
        by_area.setdefault(area, []).append(address_id)
    allocation = allocate_by_area({a: len(ids) for a, ids in by_area.items()}, count)
    chosen: list[str] = []
    for area in sorted(by_area):
        ids = sorted(by_area[area])
        engine.SeedStream(seed, f"invitations/{area}").shuffle(ids)
        chosen.extend(ids[: allocation[area]])
    return sorted(chosen)


@transaction.atomic
def invitations_draw(*, actor, assembly: Assembly, count: int, seed: str = "") -> int:
    """Draw `count` addresses, stratified by area, with a seed that is published."""
    _require(actor, "sortition.draw_invitations", assembly)
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    total = assembly.addresses.count()
    if count < 1:
        raise ValidationError(_("Draw at least one address."))
    if count > total:
        raise ValidationError(
            _("There are %(total)s addresses; you cannot draw %(count)s.")
            % {"total": total, "count": count}
        )
    seed = (seed or "").strip() or secrets.token_hex(8)
    ids = set(
        draw_addresses(list(assembly.addresses.values_list("address_id", "area")), count, seed)
    )
    invitations = [
        # A placeholder hash: the real codes are made with the letters.
        Invitation(assembly=assembly, address=address, code_hash=secrets.token_hex(32))
        for address in assembly.addresses.filter(address_id__in=ids)
    ]
    Invitation.objects.bulk_create(invitations)
    assembly.invitation_count = count
    assembly.invitation_seed = seed
    assembly.invitations_drawn_at = timezone.now()
    assembly.save(update_fields=["invitation_count", "invitation_seed", "invitations_drawn_at"])
    audit_log(
        actor=actor,
        action="sortition.invitations_drawn",
        target=assembly,
        data={"count": count, "seed": seed, "addresses": total},
    )
    return count


@transaction.atomic
def letters_generate(*, actor, assembly: Assembly) -> list[dict[str, str]]:
    """New registration codes for every invitation nobody has registered with yet. Only the
    HMAC is stored; the codes exist in clear only in the returned letters (and the PDF).
    Codes of earlier letters stop working."""
    _require(actor, "sortition.download_letters", assembly)
    letters = []
    pending = assembly.invitations.filter(respondent__isnull=True).select_related("address")
    for invitation in pending.order_by("address__postcode", "address__house_number"):
        code = codes.generate(CODE_LENGTH)
        invitation.code_hash = hash_code(assembly.pk, code)
        invitation.save(update_fields=["code_hash"])
        address = invitation.address
        letters.append(
            {
                "street": f"{address.street} {address.house_number}",
                "postcode": address.postcode,
                "city": address.place,
                "code": codes.display(code),
            }
        )
    audit_log(
        actor=actor,
        action="sortition.letters_generated",
        target=assembly,
        data={"count": len(letters)},
    )
    return letters


# Wrong registration codes per client and hour (decision record 0007).
WRONG_CODES = Throttle("sortition.registration_code", limit=10)
WRONG_CODE = gettext_lazy("This code is not right. Check the letter and type the code again.")


def invitation_by_code(assembly: Assembly, code: str) -> Invitation | None:
    normalised = codes.normalise(code)
    if len(normalised) not in (CODE_LENGTH, LEGACY_CODE_LENGTH):
        return None
    return (
        assembly.invitations.filter(code_hash=hash_code(assembly.pk, normalised))
        .select_related("address")
        .first()
    )


# --- registration -------------------------------------------------------------------------


def _check_features(assembly: Assembly, features: dict[str, str]) -> dict[str, str]:
    cleaned = {}
    for feature in assembly.features:
        value = features.get(feature["name"], "")
        if value not in feature["values"]:
            raise ValidationError(
                _("Choose a value for “%(feature)s”.") % {"feature": feature["name"]}
            )
        cleaned[feature["name"]] = value
    return cleaned


def _free_pseudonym(assembly: Assembly) -> str:
    while True:
        pseudonym = new_pseudonym()
        if not assembly.respondents.filter(pseudonym=pseudonym).exists():
            return pseudonym


def _check_letter_not_used_up(assembly: Assembly, invitation: Invitation, name: str) -> None:
    names = [n.casefold() for n in invitation.respondents.values_list("name", flat=True)]
    if assembly.people_per_letter == 1 and names:
        raise ValidationError(
            _("Someone has already registered with this code. Each letter can be used once."),
            code="used",
        )
    if " ".join(name.split()).casefold() in {" ".join(n.split()) for n in names}:
        raise ValidationError(
            _("Someone with this name has already registered with this code."), code="used"
        )
    if len(names) >= assembly.people_per_letter:
        raise ValidationError(
            _(
                "%(count)s people have already registered with this code. That is the most "
                "for one letter."
            )
            % {"count": len(names)},
            code="used",
        )


@transaction.atomic
def respondent_register(
    *,
    actor,
    assembly: Assembly,
    code: str,
    name: str,
    email: str = "",
    phone: str = "",
    features: dict[str, str],
    consent: bool,
    on_paper: bool = False,
) -> Respondent:
    """Register a resident with the code from their letter. Up to `people_per_letter`
    residents of the address may register with one letter (each on their own); the letter is
    locked while counting, so two at once cannot exceed it. Staff enter paper replies with
    `on_paper`. The assembly row is locked, so a registration and the close of
    registration cannot cross: what is registered before the close is in the pool the
    chances are computed on, and nothing is recorded after it."""
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    if assembly.registration_closed_on is not None:
        raise ValidationError(registration_closed_text(assembly), code="closed")
    _require(actor, "sortition.enter_paper_reply" if on_paper else "sortition.register", assembly)
    invitation = invitation_by_code(assembly, code)
    if invitation is None:
        raise ValidationError(WRONG_CODE, code="wrong")
    if not consent:
        raise ValidationError(_("You can only register if you agree to the privacy terms."))
    if not (email or phone):
        raise ValidationError(_("Give an e-mail address or a phone number, or both."))
    cleaned = _check_features(assembly, features)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _check_letter_not_used_up(assembly, invitation, name)
    user = actor if getattr(actor, "is_authenticated", False) and not on_paper else None
    respondent = Respondent.objects.create(
        assembly=assembly,
        invitation=invitation,
        user=user,
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        features=cleaned,
        pseudonym=_free_pseudonym(assembly),
        consent_at=timezone.now(),
        on_paper=on_paper,
    )
    audit_log(
        actor=actor,
        action="sortition.respondent_registered",
        target=assembly,
        data={"respondent": respondent.pk, "on_paper": on_paper},
    )
    if respondent.email:
        email_send(
            to=[respondent.email],
            template="sortition/mail/registered",
            context={"assembly": assembly, "respondent": respondent},
        )
    return respondent


def registration_code_check(*, assembly: Assembly, code: str, client: str) -> Invitation:
    """The code's invitation, or a ValidationError in plain words. Not atomic on purpose:
    wrong codes are counted per client, and after too many in an hour every attempt is
    refused for a while (the count must survive the refusal)."""
    attempt = WRONG_CODES.attempt(client)  # counted before the code is looked at
    if attempt.refused:
        raise ValidationError(
            _("You entered a wrong code too often. Wait an hour and try again, or ask the desk."),
            code="rate_limited",
        )
    invitation = invitation_by_code(assembly, code)
    if invitation is None:
        raise ValidationError(WRONG_CODE, code="wrong")
    attempt.forgive()  # a real code is no guess
    return invitation


def registration_closed_text(assembly: Assembly) -> str:
    """What a resident (or staff typing a paper reply) is told once registration has
    closed: since when, and that nothing was recorded."""
    return _("Registration closed on %(date)s. Nothing has been recorded.") % {
        "date": date_format(timezone.localtime(assembly.registration_closed_on), "j F Y")
    }


@transaction.atomic
def registration_close(*, actor, assembly: Assembly) -> Assembly:
    """Close registration: from now on residents cannot register and staff cannot enter
    paper replies. The chances are computed only after this, on everyone registered."""
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    _require(actor, "sortition.close_registration", assembly)
    assembly.registration_closed_at = timezone.now()
    assembly.save(update_fields=["registration_closed_at"])
    audit_log(
        actor=actor,
        action="sortition.registration_closed",
        target=assembly,
        data={
            "respondents": assembly.respondents.count(),
            "invitations": assembly.invitations.count(),
        },
    )
    return assembly


@transaction.atomic
def registration_reopen(*, actor, assembly: Assembly) -> Assembly:
    """Reopen registration, possible until the group is drawn. The pool will change, so
    the chances computed so far are discarded (deleted); the reopening is logged and listed
    in the report, because it lets the pool change after the chances were known."""
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    _require(actor, "sortition.reopen_registration", assembly)
    discarded = list(assembly.selections.values("pk", "algorithm", "status", "pool_digest"))
    assembly.selections.all().delete()
    assembly.registration_reopenings = [
        *assembly.registration_reopenings,
        {
            "closed_at": assembly.registration_closed_at.isoformat(),
            "reopened_at": timezone.now().isoformat(),
            "discarded": len(discarded),
        },
    ]
    assembly.registration_closed_at = None
    assembly.save(update_fields=["registration_closed_at", "registration_reopenings"])
    audit_log(
        actor=actor,
        action="sortition.registration_reopened",
        target=assembly,
        data={"discarded_selections": discarded},
    )
    return assembly


def pool_view_log(*, actor, assembly: Assembly, what: str) -> None:
    """Every look at personal pool data is recorded with the viewer."""
    _require(actor, "sortition.view_pool", assembly)
    audit_log(actor=actor, action="sortition.pool_viewed", target=assembly, data={"what": what})


# --- quotas -------------------------------------------------------------------------------


@transaction.atomic
def population_save(*, actor, assembly: Assembly, figures: dict[tuple[str, str], int]) -> None:
    _require(actor, "sortition.set_quotas", assembly)
    rows = {(q.feature, q.value): q for q in assembly.quotas.all()}
    for key, population in figures.items():
        if key in rows:
            rows[key].population = population
            rows[key].save(update_fields=["population"])
    audit_log(actor=actor, action="sortition.population_saved", target=assembly)


@transaction.atomic
def quotas_propose(*, actor, assembly: Assembly, tolerance: float = 0.05) -> list[Quota]:
    """Min and max per value around the proportional number of seats (the engine's
    propose_quotas), lowered to what the pool offers where the pool is short."""
    _require(actor, "sortition.set_quotas", assembly)
    rows = selectors.quota_rows(assembly)
    shares: dict[str, dict[str, float]] = {}
    for quota in rows:
        if quota.population is None:
            raise ValidationError(
                _("Fill in the number of residents for every value first (missing: %(label)s).")
                % {"label": f"{quota.feature}: {quota.value}"}
            )
        shares.setdefault(quota.feature, {})[quota.value] = quota.population
    for feature, values in shares.items():
        if sum(values.values()) <= 0:
            raise ValidationError(
                _("“%(feature)s”: the numbers of residents add up to 0.") % {"feature": feature}
            )
    available = None
    if assembly.respondents.exists():
        counts = selectors.pool_counts(assembly)
        available = {f: {v: counts.get((f, v), 0) for v in values} for f, values in shares.items()}
    try:
        proposed = engine.propose_quotas(
            shares, assembly.panel_size, tolerance=tolerance, available=available
        )
    except engine.PoolError:
        # The pool is too small somewhere: propose from the population alone and let the
        # feasibility check explain what does not fit.
        proposed = engine.propose_quotas(shares, assembly.panel_size, tolerance=tolerance)
    by_key = {(q.feature, q.value): q for q in proposed}
    for quota in rows:
        new = by_key[(quota.feature, quota.value)]
        quota.min, quota.max = new.min, new.max
        quota.save(update_fields=["min", "max"])
    audit_log(
        actor=actor,
        action="sortition.quotas_proposed",
        target=assembly,
        data={"tolerance": tolerance},
    )
    return rows


@transaction.atomic
def quotas_update(
    *, actor, assembly: Assembly, bounds: dict[tuple[str, str], tuple[int, int]]
) -> None:
    _require(actor, "sortition.set_quotas", assembly)
    problems = []
    for (feature, value), (low, high) in bounds.items():
        if low > high:
            problems.append(
                _("%(label)s: the minimum %(min)s is higher than the maximum %(max)s.")
                % {"label": f"{feature}: {value}", "min": low, "max": high}
            )
        if high > assembly.panel_size:
            problems.append(
                _("%(label)s: the maximum %(max)s is more than the %(size)s seats.")
                % {"label": f"{feature}: {value}", "max": high, "size": assembly.panel_size}
            )
    if problems:
        raise ValidationError(problems)
    rows = {(q.feature, q.value): q for q in assembly.quotas.all()}
    for key, (low, high) in bounds.items():
        if key in rows:
            rows[key].min, rows[key].max = low, high
            rows[key].save(update_fields=["min", "max"])
    audit_log(actor=actor, action="sortition.quotas_changed", target=assembly)


# --- the seed, the selection and the panel -------------------------------------------------


@transaction.atomic
def seed_fix(*, actor, assembly: Assembly, seed: str, source: str) -> Assembly:
    """Fix the seed of the panel draw before any selection is computed, and record when."""
    _require(actor, "sortition.fix_seed", assembly)
    seed = " ".join((seed or "").split())
    if len(seed) < 4:
        raise ValidationError(_("The seed must have at least 4 characters."))
    assembly.seed = seed
    assembly.seed_source = " ".join((source or "").split())
    assembly.seed_fixed_at = timezone.now()
    assembly.save(update_fields=["seed", "seed_source", "seed_fixed_at"])
    audit_log(
        actor=actor,
        action="sortition.seed_fixed",
        target=assembly,
        data={"seed": seed, "source": assembly.seed_source},
    )
    return assembly


CLOSE_FIRST = gettext_lazy(
    "Registration is still open. Close registration first: the chances are computed on "
    "everyone who registered, and nobody can register after that."
)


@transaction.atomic
def selection_start(*, actor, assembly: Assembly, algorithm: str = "leximin") -> Selection:
    """Queue the computation of the distribution (a background task runs `selection_run`).
    Registration must be closed first (`registration_close`): the chances are computed on
    everyone who registered, and nobody can register after that."""
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    if actor is not None and actor.has_perm("sortition.close_registration", assembly):
        raise ValidationError(CLOSE_FIRST, code="registration_open")
    _require(actor, "sortition.compute_selection", assembly)
    if algorithm not in engine.Algorithm._value2member_map_:
        raise ValidationError(_("Choose one of the methods."))
    active = assembly.selections.filter(
        status__in=[SelectionStatus.QUEUED, SelectionStatus.RUNNING]
    ).first()
    if active:
        return active
    if not selectors.quotas_complete(assembly):
        raise ValidationError(_("Set a minimum and maximum for every value first."))
    if assembly.respondents.count() < assembly.panel_size:
        raise ValidationError(_("There are fewer respondents than seats in the group."))
    report = selectors.feasibility(assembly)
    if report is not None and not report.feasible:
        raise ValidationError(
            [_("No group can meet these quotas:")]
            + [selectors.conflict_text(c) for c in report.conflicts]
        )
    selection = Selection.objects.create(
        assembly=assembly,
        algorithm=algorithm,
        requested_by=actor,
    )
    audit_log(
        actor=actor,
        action="sortition.selection_started",
        target=assembly,
        data={"selection": selection.pk, "algorithm": algorithm},
    )
    from voorop.sortition.tasks import run_selection

    transaction.on_commit(lambda: run_selection.enqueue(selection_id=selection.pk))
    return selection


@transaction.atomic
def selection_cancel(*, actor, selection: Selection) -> Selection:
    _require(actor, "sortition.manage_assembly", selection.assembly)
    if selection.is_active:
        selection.cancel_requested = True
        selection.save(update_fields=["cancel_requested"])
        if selection.status == SelectionStatus.QUEUED:
            selection.status = SelectionStatus.CANCELLED
            selection.finished_at = timezone.now()
            selection.save(update_fields=["status", "finished_at"])
        audit_log(
            actor=actor,
            action="sortition.selection_cancelled",
            target=selection.assembly,
            data={"selection": selection.pk},
        )
    return selection


def selection_run(*, selection_id: int) -> Selection:
    """Run the engine, storing progress on the selection as it goes. Not atomic on purpose:
    progress must be visible to the organiser while it runs."""
    with transaction.atomic():
        selection = (
            Selection.objects.select_for_update().select_related("assembly").get(pk=selection_id)
        )
        if selection.status != SelectionStatus.QUEUED:
            return selection
        if selection.cancel_requested:
            selection.status = SelectionStatus.CANCELLED
            selection.finished_at = timezone.now()
            selection.save(update_fields=["status", "finished_at"])
            return selection
        selection.status = SelectionStatus.RUNNING
        selection.save(update_fields=["status"])
    assembly = selection.assembly
    pool = selectors.engine_pool(assembly)
    quotas = selectors.engine_quotas(assembly)
    last_check = [0.0]

    def progress(fraction: float, message: str) -> None:
        Selection.objects.filter(pk=selection_id).update(
            progress=fraction, progress_message=message[:200]
        )

    def cancel() -> bool:
        now = time.monotonic()
        if now - last_check[0] < 0.5:
            return False
        last_check[0] = now
        return Selection.objects.filter(pk=selection_id, cancel_requested=True).exists()

    try:
        distribution = engine.find_distribution(
            pool,
            quotas,
            assembly.panel_size,
            algorithm=selection.algorithm,
            households=assembly.one_per_household,
            progress=progress,
            cancel=cancel,
            # The legacy draws use the public seed too, as `voorop sortition select` does.
            legacy_seed=assembly.seed,
        )
    except engine.SelectionCancelled:
        Selection.objects.filter(pk=selection_id).update(
            status=SelectionStatus.CANCELLED, finished_at=timezone.now()
        )
        audit_log(actor=None, action="sortition.selection_stopped", target=assembly)
        selection.refresh_from_db()
        return selection
    except engine.InfeasibleQuotasError as error:
        text = "\n".join(selectors.conflict_text(c) for c in error.conflicts)
        return _selection_failed(selection, text)
    except Exception as error:  # stored and shown to the organiser
        return _selection_failed(selection, f"{type(error).__name__}: {error}")
    selection.refresh_from_db()
    selection.status = SelectionStatus.DONE
    selection.progress = 1.0
    selection.panels = [list(p) for p in distribution.panels]
    selection.panel_probabilities = list(distribution.panel_probabilities)
    selection.probabilities = dict(distribution.probabilities)
    selection.min_probability = distribution.min_probability
    selection.engine_version = distribution.engine_version
    selection.pool_digest = engine.pool_digest(pool, quotas, panel_size=assembly.panel_size)
    selection.pool_size = len(pool)
    selection.quotas_used = [[q.feature, q.value, q.min, q.max] for q in quotas]
    selection.stats = dict(distribution.stats)
    selection.finished_at = timezone.now()
    selection.save()
    audit_log(
        actor=None,
        action="sortition.selection_computed",
        target=assembly,
        data={
            "selection": selection.pk,
            "algorithm": selection.algorithm,
            "engine_version": selection.engine_version,
            "pool_digest": selection.pool_digest,
        },
    )
    return selection


def _selection_failed(selection: Selection, text: str) -> Selection:
    Selection.objects.filter(pk=selection.pk).update(
        status=SelectionStatus.FAILED, error=text, finished_at=timezone.now()
    )
    audit_log(actor=None, action="sortition.selection_failed", target=selection.assembly)
    selection.refresh_from_db()
    return selection


def _distribution(selection: Selection) -> engine.Distribution:
    return engine.Distribution(
        algorithm=engine.Algorithm(selection.algorithm),
        panel_size=selection.assembly.panel_size,
        panels=tuple(tuple(p) for p in selection.panels),
        panel_probabilities=tuple(selection.panel_probabilities),
        probabilities=dict(selection.probabilities),
        min_probability=selection.min_probability or 0.0,
        engine_version=selection.engine_version,
    )


def _engine_reserves(assembly: Assembly) -> list[engine.Reserve]:
    return [
        engine.Reserve(
            rank=r.reserve_rank,
            person_id=r.engine_id,
            replaces=tuple(r.replaces),
            drawn_for="",
            same_profile=False,
        )
        for r in assembly.respondents.filter(reserve_rank__isnull=False).order_by("reserve_rank")
    ]


@transaction.atomic
def panel_draw(*, actor, assembly: Assembly) -> list[Respondent]:
    """Draw the panel from the computed distribution with the seed fixed in advance, then
    the reserves; invite the selected and tell the reserves."""
    _require(actor, "sortition.draw_panel", assembly)
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    selection = selectors.latest_selection(assembly)
    if selection is None or selection.status != SelectionStatus.DONE:
        raise ValidationError(_("Compute the selection first."))
    if assembly.seed_fixed_at is None or assembly.seed_fixed_at > selection.created_at:
        raise ValidationError(_("The seed must be fixed before the selection is computed."))
    draw = engine.draw_panel(_distribution(selection), assembly.seed)
    pool = selectors.computed_pool(assembly, selection)
    quotas = selectors.used_quotas(selection)
    reserves = engine.draw_reserves(
        pool,
        quotas,
        draw.panel,
        assembly.seed,
        count=assembly.reserve_count,
        households=assembly.one_per_household,
    )
    by_id = {r.engine_id: r for r in selectors.respondents(assembly)}
    selected = [by_id[pid] for pid in draw.panel]
    for respondent in selected:
        respondent.status = RespondentStatus.SELECTED
        respondent.save(update_fields=["status"])
    for reserve in reserves:
        respondent = by_id[reserve.person_id]
        respondent.status = RespondentStatus.RESERVE
        respondent.reserve_rank = reserve.rank
        respondent.replaces = list(reserve.replaces)
        respondent.save(update_fields=["status", "reserve_rank", "replaces"])
    selection.panel_index = draw.panel_index
    selection.random_value = draw.random_value
    selection.save(update_fields=["panel_index", "random_value"])
    assembly.panel_drawn_at = timezone.now()
    assembly.save(update_fields=["panel_drawn_at"])
    audit_log(
        actor=actor,
        action="sortition.panel_drawn",
        target=assembly,
        data={
            "selection": selection.pk,
            "seed": assembly.seed,
            "panel_index": draw.panel_index,
            "reserves": len(reserves),
        },
    )
    for respondent in selected:
        _mail(respondent, "sortition/mail/selected")
    for reserve in reserves:
        _mail(by_id[reserve.person_id], "sortition/mail/reserve")
    return selected


def _mail(respondent: Respondent, template: str) -> None:
    if respondent.email:
        email_send(
            to=[respondent.email],
            template=template,
            context={"assembly": respondent.assembly, "respondent": respondent},
            language=settings.LANGUAGE_CODE,
        )


@transaction.atomic
def dropout_record(*, actor, respondent: Respondent) -> Replacement:
    """A panel member drops out: the first reserve who keeps every quota takes the seat. If
    none can, the seat stays open until the organiser decides (`open_seat_fill`)."""
    assembly = respondent.assembly
    _require(actor, "sortition.record_dropout", assembly)
    if respondent.status != RespondentStatus.SELECTED:
        raise ValidationError(_("Only a member of the group can drop out."))
    selection = selectors.drawn_selection(assembly)
    panel = [r.engine_id for r in selectors.panel_members(assembly)]
    used = [
        r.engine_id
        for r in assembly.respondents.filter(
            reserve_rank__isnull=False, status=RespondentStatus.DROPPED_OUT
        )
    ]
    found = engine.find_replacement(
        selectors.computed_pool(assembly, selection),
        selectors.used_quotas(selection),
        panel,
        respondent.engine_id,
        _engine_reserves(assembly),
        used=used,
        households=assembly.one_per_household,
    )
    respondent.status = RespondentStatus.DROPPED_OUT
    respondent.save(update_fields=["status"])
    replacement = None
    if found is not None:
        replacement = assembly.respondents.get(pseudonym=found.person_id)
        replacement.status = RespondentStatus.SELECTED
        replacement.save(update_fields=["status"])
        _mail(replacement, "sortition/mail/replacement")
    record = Replacement.objects.create(
        assembly=assembly,
        dropped_out=respondent,
        dropped_pseudonym=respondent.pseudonym,
        replaced_by=replacement,
        replacement_pseudonym=replacement.pseudonym if replacement else "",
        method=ReplacementMethod.RESERVE if replacement else ReplacementMethod.OPEN,
        recorded_by=actor,
        decided_by=actor if replacement else None,
        decided_at=timezone.now() if replacement else None,
    )
    audit_log(
        actor=actor,
        action="sortition.dropout_recorded",
        target=assembly,
        data={
            "dropped_out": respondent.pk,
            "replaced_by": replacement.pk if replacement else None,
        },
    )
    return record


SEAT_CHOICES = ("reserve", "pool", "reserve_anyway", "empty")


@transaction.atomic
def open_seat_fill(
    *, actor, replacement: Replacement, how: str, accept_deviation: bool = False
) -> Replacement:
    """Decide on a seat no reserve could take without breaking a quota:

    - "reserve": a reserve who keeps every quota now (the group may have changed since);
    - "pool": draw one of the respondents outside the group who keep every quota, in order
      of pseudonym, with the assembly's public seed (purpose "replacement/<pseudonym of the
      drop-out>"), so anyone with the pool file can redo it; only when no reserve fits;
    - "reserve_anyway" or "empty": the next reserve takes the seat, or it stays empty, and
      the organiser accepts the deviation from the quotas this causes (`accept_deviation`);
      the deviation is stored with the record and shown in the report.
    """
    if how not in SEAT_CHOICES:
        raise ValueError(f"not a way to fill a seat: {how}")
    assembly = replacement.assembly
    _require(actor, "sortition.record_dropout", assembly)
    replacement = Replacement.objects.select_for_update().get(pk=replacement.pk)
    if not replacement.is_open:
        raise ValidationError(_("A decision about this seat has already been made."))
    options = selectors.seat_options(assembly, replacement)
    chosen = None
    method = ReplacementMethod.DEVIATION
    if how == "reserve":
        chosen, method = options.fitting_reserve, ReplacementMethod.RESERVE
        if chosen is None:
            raise ValidationError(_("No reserve can take the seat without breaking a quota."))
    elif how == "pool":
        if options.fitting_reserve is not None:
            raise ValidationError(
                _(
                    "Reserve %(rank)s can take the seat without breaking a quota: give the "
                    "seat to the reserve first."
                )
                % {"rank": options.fitting_reserve.reserve_rank}
            )
        if not options.candidates:
            raise ValidationError(
                _("Nobody outside the group keeps every quota. Accept a deviation instead.")
            )
        replacement.seed_purpose = f"replacement/{replacement.dropped_pseudonym}"
        replacement.candidates = len(options.candidates)
        index = engine.SeedStream(assembly.seed, replacement.seed_purpose).below(
            len(options.candidates)
        )
        chosen = assembly.respondents.get(pseudonym=options.candidates[index])
        method = ReplacementMethod.POOL
    else:
        if not accept_deviation:
            raise ValidationError(
                _("Tick the box to accept the deviation from the quotas."), code="confirm"
            )
        if how == "reserve_anyway":
            chosen = options.next_reserve
            if chosen is None:
                raise ValidationError(_("There are no reserves left."))
    if chosen is not None:
        chosen.status = RespondentStatus.SELECTED
        chosen.save(update_fields=["status"])
    replacement.method = method
    replacement.replaced_by = chosen
    replacement.replacement_pseudonym = chosen.pseudonym if chosen else ""
    replacement.deviations = (
        selectors.current_deviations(assembly) if method == ReplacementMethod.DEVIATION else []
    )
    replacement.decided_by = actor
    replacement.decided_at = timezone.now()
    replacement.save()
    audit_log(
        actor=actor,
        action="sortition.seat_filled",
        target=assembly,
        data={
            "replacement": replacement.pk,
            "how": how,
            "replaced_by": chosen.pk if chosen else None,
            "seed_purpose": replacement.seed_purpose,
            "candidates": replacement.candidates,
            "deviations": replacement.deviations,
        },
    )
    if chosen is not None:
        _mail(chosen, "sortition/mail/replacement")
    return replacement


# --- the report and deletion --------------------------------------------------------------


def report_data(assembly: Assembly, selection: Selection) -> dict:
    """Aggregates only: composition against population and quotas, and the selection
    probabilities per value and sorted, without any id."""
    probabilities = {k: float(v) for k, v in selection.probabilities.items()}
    features_of = dict(assembly.respondents.values_list("pseudonym", "features"))
    features = []
    for block in selectors.composition(assembly):
        rows = []
        for row in block["rows"]:
            values = [
                probabilities[pk]
                for pk, feats in features_of.items()
                if feats.get(block["name"]) == row["value"] and pk in probabilities
            ]
            rows.append(
                {
                    **row,
                    "p_min": min(values) if values else None,
                    "p_mean": statistics.fmean(values) if values else None,
                    "p_max": max(values) if values else None,
                }
            )
        features.append({"name": block["name"], "rows": rows})
    ordered = sorted(probabilities.values())
    closed_on = assembly.registration_closed_on
    reserves = assembly.respondents.filter(reserve_rank__isnull=False).order_by("reserve_rank")
    return {
        "features": features,
        "probabilities": [round(p, 6) for p in ordered],
        # The group and the reserves as drawn, by pseudonym: what a recomputation gives.
        "panel": sorted(selection.panels[selection.panel_index])
        if selection.panel_index is not None and selection.panels
        else [],
        "reserves": list(reserves.values_list("pseudonym", flat=True)),
        "summary": {
            "min": min(ordered) if ordered else 0.0,
            "mean": statistics.fmean(ordered) if ordered else 0.0,
            "max": max(ordered) if ordered else 0.0,
            "panel_size": assembly.panel_size,
            "reserves": assembly.respondents.filter(reserve_rank__isnull=False).count(),
            "replacements": assembly.replacements.count(),
            "panel_index": selection.panel_index,
            "random_value": selection.random_value,
            "panels": len(selection.panels),
            "one_per_household": assembly.one_per_household,
            "people_per_letter": assembly.people_per_letter,
            "addresses": assembly.respondents.values("invitation_id").distinct().count(),
        },
        # When registration closed, and each reopening before the draw (public: a reopening
        # after the chances were computed let the pool change with the seed known).
        "registration": {
            "closed_at": closed_on.isoformat() if closed_on else None,
            "reopenings": list(assembly.registration_reopenings),
        },
    }


def pool_files(assembly: Assembly, selection: Selection) -> dict[str, Any]:
    """The anonymised pool (pseudonyms, features and household labels; no names, contacts or
    addresses) and the quotas of `selection`, in the engine's CSV formats, and whether they
    give back the fingerprint the selection was computed with."""
    id_column, household_column = csvfiles.pool_file_columns(assembly.feature_names)
    if not assembly.one_per_household:
        household_column = ""
    pool = selectors.computed_pool(assembly, selection)
    pool_text = csvfiles.people_csv(
        pool.people,
        assembly.feature_names,
        id_column=id_column,
        household_column=household_column or None,
    )
    categories_text = csvfiles.categories_csv(selection.quotas_used)
    digest = selectors.files_digest(
        pool_text,
        categories_text,
        id_column=id_column,
        household_column=household_column,
        panel_size=assembly.panel_size,
    )
    return {
        "pool": pool_text,
        "categories": categories_text,
        "id_column": id_column,
        "household_column": household_column,
        "matches": digest == selection.pool_digest,
    }


@transaction.atomic
def report_publish(*, actor, assembly: Assembly, publish_pool_file: bool = True) -> Report:
    """Publish the report. With `publish_pool_file`, also the anonymised pool file, until the
    pool is deleted (decision 0007); the quota file is always published."""
    _require(actor, "sortition.publish_report", assembly)
    selection = selectors.drawn_selection(assembly)
    if selection is None:
        raise ValidationError(_("Draw the group first."))
    files = pool_files(assembly, selection)
    data = report_data(assembly, selection)
    data["recompute"] = {
        "id_column": files["id_column"],
        "household_column": files["household_column"],
    }
    # A pool computed before pseudonyms existed gives another fingerprint: not published.
    publish_pool_file = publish_pool_file and files["matches"]
    report = Report.objects.create(
        assembly=assembly,
        algorithm=selection.algorithm,
        engine_version=selection.engine_version,
        seed=assembly.seed,
        seed_source=assembly.seed_source,
        seed_fixed_at=assembly.seed_fixed_at,
        pool_digest=selection.pool_digest,
        pool_size=selection.pool_size or 0,
        invitation_count=assembly.invitation_count or 0,
        invitation_seed=assembly.invitation_seed,
        data=data,
        publishes_pool_file=publish_pool_file,
        pool_file=files["pool"] if publish_pool_file else "",
        categories_file=files["categories"],
        published_by=actor,
    )
    audit_log(
        actor=actor,
        action="sortition.report_published",
        target=assembly,
        data={"pool_file": publish_pool_file},
    )
    return report


@transaction.atomic
def pool_delete(*, actor, assembly: Assembly, today: date | None = None) -> dict[str, int]:
    """Delete the respondents, invitations and addresses (the report stays). `actor` None is
    the scheduled deletion on the assembly's deletion date."""
    if actor is not None:
        _require(actor, "sortition.delete_pool", assembly)
    elif assembly.deletion_date > (today or timezone.localdate()):
        raise PermissionDenied("sortition.delete_pool")
    counts = {
        "respondents": assembly.respondents.count(),
        "invitations": assembly.invitations.count(),
        "addresses": assembly.addresses.count(),
    }
    # Replacements stay (pseudonyms, method, deviations: shown in the report); their links
    # to the respondents are cleared when the respondents go.
    assembly.respondents.all().delete()
    assembly.invitations.all().delete()
    assembly.addresses.all().delete()
    assembly.selections.update(panels=[], panel_probabilities=[], probabilities={})
    # The pool file is pseudonymous, not anonymous: it goes with the pool (decision 0007).
    Report.objects.filter(assembly=assembly).update(pool_file="")
    assembly.pool_deleted_at = timezone.now()
    assembly.save(update_fields=["pool_deleted_at"])
    audit_log(actor=actor, action="sortition.pool_deleted", target=assembly, data=counts)
    return counts


def pools_purge_due(*, today: date | None = None) -> list[Assembly]:
    """Delete the pool of every assembly whose deletion date has come."""
    today = today or timezone.localdate()
    due = Assembly.objects.filter(deletion_date__lte=today, pool_deleted_at__isnull=True)
    done = []
    for assembly in due:
        pool_delete(actor=None, assembly=assembly, today=today)
        done.append(assembly)
    return done
