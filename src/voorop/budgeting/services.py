"""Writes of budget rounds. Each checks its permission, runs in a transaction and writes an
audit entry. A ballot's content never goes into the audit log or a log line: votes are secret.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from voorop.budgeting import phases, selectors
from voorop.budgeting.ballots import ballot_check, clean_choices
from voorop.budgeting.models import (
    CODE_LENGTH,
    TIE_BREAKING,
    Ballot,
    BallotChannel,
    BudgetRound,
    Proposal,
    ProposalStatus,
    ResidentVerification,
    ResultNotice,
    ResultStatus,
    RoundResult,
    VotingCode,
    VotingCodeBatch,
    hash_address,
    hash_code,
)
from voorop.core import codes
from voorop.core.services import audit_log, email_send
from voorop.core.throttle import Throttle
from voorop.engines.budgeting import ballots_digest, compute, read_pb, write_pb

ROUND_FIELDS = (
    "title",
    "kind",
    "description",
    "area",
    "budget",
    "dossier",
    "proposals_from",
    "review_from",
    "voting_from",
    "voting_until",
    "implementation_from",
    "min_age",
    "voting_method",
    "ballot_type",
    "max_choices",
    "points",
    "rule",
    "completion",
)
# Rules that decide the outcome may not change once voting has started.
LOCKED_WHEN_VOTING = ("budget", "ballot_type", "max_choices", "points", "rule", "completion")


def _require(actor, permission: str, obj=None) -> None:
    if not actor.has_perm(permission, obj):
        raise PermissionDenied(permission)


def _language_of(user) -> str:
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def _check_round(fields: dict[str, Any]) -> None:
    order = ["proposals_from", "review_from", "voting_from", "voting_until", "implementation_from"]
    dates = [fields.get(name) for name in order]
    if all(isinstance(d, datetime) for d in dates) and not (
        dates[0] <= dates[1] <= dates[2] < dates[3] <= dates[4]
    ):
        raise ValidationError(_("The dates must follow each other: proposals, review, voting."))
    if fields.get("ballot_type") == "approval" and not fields.get("max_choices"):
        raise ValidationError(_("Say how many proposals a voter may choose."))
    if fields.get("ballot_type") == "cumulative" and not fields.get("points"):
        raise ValidationError(_("Say how many points each voter gets."))


def _check_area(actor, area) -> None:
    """A procesbegeleider who holds areas starts and moves rounds only within them."""
    from voorop.accounts.roles import is_beheerder

    if is_beheerder(actor) or selectors.held_areas(actor).covers(area):
        return
    names = ", ".join(
        sorted(holding.area.name for holding in actor.budget_areas.select_related("area"))
    )
    if area is None:
        raise ValidationError(
            _(
                "Only an administrator or the process facilitator of the whole municipality "
                "can start a round for the whole municipality. You run the rounds of: %(areas)s."
            )
            % {"areas": names}
        )
    raise ValidationError(
        _("You run the budget rounds of these areas only: %(areas)s. Choose one of them.")
        % {"areas": names}
    )


# --- rounds ------------------------------------------------------------------------------


@transaction.atomic
def round_create(*, actor, **fields: Any) -> BudgetRound:
    _require(actor, "budgeting.add_round")
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise ValueError(f"not a round field: {', '.join(sorted(unknown))}")
    _check_round(fields)
    _check_area(actor, fields.get("area"))
    if fields.get("rule") == "greedy":
        fields["completion"] = "none"
    budget_round = BudgetRound.objects.create(created_by=actor, seed=secrets.token_hex(4), **fields)
    audit_log(
        actor=actor,
        action="budgeting.round_created",
        target=budget_round,
        data={"budget": budget_round.budget, "rule": budget_round.rule},
    )
    return budget_round


@transaction.atomic
def round_update(*, actor, budget_round: BudgetRound, **fields: Any) -> BudgetRound:
    _require(actor, "budgeting.change_round", budget_round)
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise ValueError(f"not a round field: {', '.join(sorted(unknown))}")
    if fields.get("rule") == "greedy":
        fields["completion"] = "none"
    started = budget_round.voting_from <= timezone.now()
    changed = []
    for name, value in fields.items():
        if getattr(budget_round, name) != value:
            if started and name in LOCKED_WHEN_VOTING:
                raise ValidationError(
                    _(
                        "Voting has started: the budget, the ballot and the rule can no "
                        "longer change."
                    )
                )
            setattr(budget_round, name, value)
            changed.append(name)
    _check_round({name: getattr(budget_round, name) for name in ROUND_FIELDS})
    if "area" in changed:
        _check_area(actor, budget_round.area)
    if changed:
        budget_round.save()
        audit_log(
            actor=actor,
            action="budgeting.round_changed",
            target=budget_round,
            data={"fields": sorted(changed)},
        )
    return budget_round


@transaction.atomic
def round_start_next_phase(*, actor, budget_round: BudgetRound) -> BudgetRound:
    """Start the next phase now (moves that phase's date to this moment)."""
    _require(actor, "budgeting.manage_round", budget_round)
    budget_round = BudgetRound.objects.select_for_update().get(pk=budget_round.pk)
    now = timezone.now()
    current = budget_round.phase
    keys = [phase.key for phase in phases.PHASES]
    index = keys.index(current.key)
    if index + 1 >= len(phases.PHASES):
        raise ValidationError(_("This round is already in its last phase."))
    following = phases.PHASES[index + 1]
    setattr(budget_round, following.starts_field, now)
    # Earlier dates that are still in the future move along to keep the order.
    for phase in phases.DATED_PHASES:
        if phase.key == following.key:
            break
        if getattr(budget_round, phase.starts_field) > now:
            setattr(budget_round, phase.starts_field, now)
    if following.key == "results" and budget_round.implementation_from < now:
        budget_round.implementation_from = now
    budget_round.save()
    audit_log(
        actor=actor,
        action="budgeting.phase_started",
        target=budget_round,
        data={"phase": following.key},
    )
    if following.key == "results":
        _queue_result(budget_round, actor=actor)
    return budget_round


# --- proposals ---------------------------------------------------------------------------


@transaction.atomic
def proposal_submit(
    *,
    actor,
    budget_round: BudgetRound,
    title: str,
    description: str,
    cost_estimate: int,
    area=None,
    theme=None,
) -> Proposal:
    _require(actor, "budgeting.submit_proposal", budget_round)
    if cost_estimate > budget_round.budget:
        raise ValidationError(_("The cost is higher than the whole budget of this round."))
    proposal = Proposal.objects.create(
        round=budget_round,
        title=title.strip(),
        description=description.strip(),
        cost_estimate=cost_estimate,
        cost=cost_estimate,
        area=area,
        theme=theme,
        author=actor,
    )
    audit_log(actor=actor, action="budgeting.proposal_submitted", target=proposal)
    email_send(
        to=[actor.email],
        template="budgeting/mail/proposal_received",
        context={"proposal": proposal, "round": budget_round},
        language=_language_of(actor),
    )
    return proposal


@transaction.atomic
def proposal_update(*, actor, proposal: Proposal, **fields: Any) -> Proposal:
    _require(actor, "budgeting.change_proposal", proposal)
    allowed = {"title", "description", "cost_estimate", "area", "theme"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not a proposal field: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.cost = proposal.cost_estimate
    proposal.save()
    audit_log(
        actor=actor,
        action="budgeting.proposal_changed",
        target=proposal,
        data={"fields": sorted(fields)},
    )
    return proposal


@transaction.atomic
def proposal_review(
    *,
    actor,
    proposal: Proposal,
    approve: bool,
    reason: str = "",
    cost: int | None = None,
    cost_reason: str = "",
) -> Proposal:
    """Approve (possibly with an adjusted cost, which needs a reason) or reject (always with
    a reason). The author sees the outcome on the proposal and gets an e-mail."""
    _require(actor, "budgeting.review_proposal", proposal)
    reason, cost_reason = reason.strip(), cost_reason.strip()
    if not approve and not reason:
        raise ValidationError(_("Explain why the proposal is not on the ballot."))
    new_cost = proposal.cost_estimate if cost is None else cost
    if approve and new_cost != proposal.cost_estimate and not cost_reason:
        raise ValidationError(_("Explain why the cost differs from the estimate."))
    if approve and new_cost > proposal.round.budget:
        raise ValidationError(_("The cost is higher than the whole budget of this round."))
    proposal.status = ProposalStatus.APPROVED if approve else ProposalStatus.REJECTED
    proposal.review_reason = reason
    if approve:
        proposal.cost = new_cost
        proposal.cost_reason = cost_reason if new_cost != proposal.cost_estimate else ""
    proposal.reviewed_by = actor
    proposal.reviewed_at = timezone.now()
    proposal.save()
    audit_log(
        actor=actor,
        action="budgeting.proposal_reviewed",
        target=proposal,
        data={"status": proposal.status, "cost": proposal.cost},
    )
    if proposal.author and proposal.author.email:
        email_send(
            to=[proposal.author.email],
            template="budgeting/mail/proposal_reviewed",
            context={"proposal": proposal, "round": proposal.round},
            language=_language_of(proposal.author),
        )
    return proposal


@transaction.atomic
def proposal_link_initiative(*, actor, proposal: Proposal, initiative) -> Proposal:
    _require(actor, "budgeting.link_initiative", proposal)
    proposal.initiative = initiative
    proposal.save(update_fields=["initiative"])
    audit_log(
        actor=actor,
        action="budgeting.initiative_linked",
        target=proposal,
        data={"initiative": getattr(initiative, "pk", None)},
    )
    return proposal


# --- eligibility -------------------------------------------------------------------------


@transaction.atomic
def resident_verify(
    *, actor, user, area, birth_year: int, method: str = ResidentVerification.Method.STAFF
) -> ResidentVerification:
    """Record that the municipality checked where the resident lives and their birth year."""
    _require(actor, "budgeting.verify_residents")
    verification, _created = ResidentVerification.objects.update_or_create(
        user=user,
        defaults={
            "area": area,
            "birth_year": birth_year,
            "method": method,
            "verified_by": actor,
            "verified_at": timezone.now(),
        },
    )
    audit_log(
        actor=actor,
        action="budgeting.resident_verified",
        target=user,
        data={"area": area.pk, "method": method},
    )
    return verification


@transaction.atomic
def resident_unverify(*, actor, user) -> None:
    _require(actor, "budgeting.verify_residents")
    deleted, _rows = ResidentVerification.objects.filter(user=user).delete()
    if deleted:
        audit_log(actor=actor, action="budgeting.resident_unverified", target=user)


# --- voting codes ------------------------------------------------------------------------


def _make_codes(batch: VotingCodeBatch, addresses: list[dict[str, str]]) -> list[dict[str, str]]:
    """A code per address. An address that already has a code gets a replacement (a lost
    letter) and its old code stops working; an address whose code was used to vote gets no
    second code, so one household can never vote twice."""
    round_id = batch.round_id
    keyed = {}
    for address in addresses:
        keyed.setdefault(hash_address(round_id, address), address)  # duplicates in the file
    existing = {
        code.address_hash: code
        for code in VotingCode.objects.filter(
            round_id=round_id, address_hash__in=list(keyed), revoked_at__isnull=True
        ).select_related("ballot")
    }
    voted = {key for key, code in existing.items() if _has_ballot(code)}
    replaced = [code.pk for key, code in existing.items() if key not in voted]
    VotingCode.objects.filter(pk__in=replaced).update(revoked_at=timezone.now())
    rows, letters = [], []
    for key, address in keyed.items():
        if key in voted:
            continue
        code = codes.generate(CODE_LENGTH)
        rows.append(
            VotingCode(
                round_id=round_id,
                batch=batch,
                code_hash=hash_code(round_id, code),
                address_hash=key,
            )
        )
        letters.append({**address, "code": codes.display(code)})
    VotingCode.objects.bulk_create(rows)
    batch.skipped_voted_count = len(voted)
    batch.replaced_count = len(replaced)
    batch.count = len(rows)
    return letters


def _has_ballot(code: VotingCode) -> bool:
    try:
        return code.ballot is not None
    except Ballot.DoesNotExist:
        return False


@transaction.atomic
def voting_codes_generate(
    *, actor, budget_round: BudgetRound, addresses: list[dict[str, str]]
) -> tuple[VotingCodeBatch, list[dict[str, str]]]:
    """One code per address, now. Only the codes' HMAC is stored; the returned letters
    (address and code in clear) are for the PDF and are not kept."""
    _require(actor, "budgeting.prepare_voting_codes", budget_round)
    if not addresses:
        raise ValidationError(_("The address list is empty."))
    batch = VotingCodeBatch.objects.create(
        round=budget_round, count=len(addresses), created_by=actor
    )
    letters = _make_codes(batch, addresses)
    batch.save(update_fields=["count", "replaced_count", "skipped_voted_count"])
    audit_log(
        actor=actor,
        action="budgeting.voting_codes_generated",
        target=budget_round,
        data={"batch": batch.pk, "count": len(letters)},
    )
    return batch, letters


@transaction.atomic
def voting_codes_request(
    *, actor, budget_round: BudgetRound, addresses: list[dict[str, str]], base_url: str = ""
) -> VotingCodeBatch:
    """Queue the codes and letters for an address list; a background task makes them
    (`voting_letters_make`), because a PDF of thousands of letters takes minutes."""
    _require(actor, "budgeting.prepare_voting_codes", budget_round)
    if not addresses:
        raise ValidationError(_("The address list is empty."))
    from voorop.budgeting.tasks import make_voting_letters

    batch = VotingCodeBatch.objects.create(
        round=budget_round,
        count=len(addresses),
        status=VotingCodeBatch.Status.QUEUED,
        addresses=addresses,
        base_url=base_url[:200],
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action="budgeting.voting_codes_requested",
        target=budget_round,
        data={"batch": batch.pk, "count": len(addresses)},
    )
    transaction.on_commit(lambda: make_voting_letters.enqueue(batch_id=batch.pk))
    return batch


def voting_letters_make(*, batch_id: int) -> VotingCodeBatch:
    """Make the codes and the PDF; then forget the addresses."""
    from django.core.files.base import ContentFile

    from voorop.budgeting.letters import letters_pdf

    with transaction.atomic():
        batch = VotingCodeBatch.objects.select_for_update().select_related("round").get(pk=batch_id)
        if batch.status != VotingCodeBatch.Status.QUEUED:
            return batch
        batch.status = VotingCodeBatch.Status.RUNNING
        batch.save(update_fields=["status"])
    try:
        with transaction.atomic():
            letters = _make_codes(batch, batch.addresses)
            pdf = letters_pdf(batch.round, letters, base_url=batch.base_url)
            batch.letters.save(f"stemcodes-{batch.pk}.pdf", ContentFile(pdf), save=False)
            batch.status = VotingCodeBatch.Status.DONE
            batch.addresses = []
            batch.save()
    except Exception as error:  # stored and shown to staff; no code was kept
        VotingCodeBatch.objects.filter(pk=batch.pk).update(
            status=VotingCodeBatch.Status.FAILED,
            addresses=[],
            error=f"{type(error).__name__}: {error}",
        )
        batch.refresh_from_db()
        return batch
    audit_log(
        actor=None,
        action="budgeting.voting_codes_generated",
        target=batch.round,
        data={"batch": batch.pk, "count": len(letters)},
    )
    return batch


@transaction.atomic
def voting_letters_delete(*, actor, batch: VotingCodeBatch) -> None:
    """Delete the PDF with the codes in clear, once it is printed. The codes keep working."""
    _require(actor, "budgeting.manage_round", batch.round)
    if batch.letters:
        batch.letters.delete(save=False)
    batch.letters_deleted_at = timezone.now()
    batch.save(update_fields=["letters", "letters_deleted_at"])
    audit_log(
        actor=actor,
        action="budgeting.voting_letters_deleted",
        target=batch.round,
        data={"batch": batch.pk},
    )


# Wrong voting codes per client and hour. Generous, because a library or care home may share
# one address; with 59 bits per code guessing is hopeless anyway (decision record 0006).
WRONG_CODES = Throttle("budgeting.voting_code", limit=20)


def voting_code_check(*, budget_round: BudgetRound, code: str, client: str) -> VotingCode:
    """The code's row, or a ValidationError in plain words. Wrong codes are counted per
    client; after too many in an hour every attempt is refused for a while."""
    attempt = WRONG_CODES.attempt(client)  # counted before the code is looked at
    if attempt.refused:
        raise ValidationError(
            _("You entered a wrong code too often. Wait an hour and try again, or ask the desk."),
            code="rate_limited",
        )
    normalised = codes.normalise(code)
    found = None
    if normalised:
        found = VotingCode.objects.filter(
            round=budget_round, code_hash=hash_code(budget_round.pk, normalised)
        ).first()
    if found is not None:
        attempt.forgive()  # a real code, also a replaced one, is no guess
    if found is not None and found.revoked_at is not None:
        raise ValidationError(
            _("This code was replaced by a newer letter. Use the code on the newest letter."),
            code="revoked",
        )
    if found is None:
        raise ValidationError(
            _("This code is not right. Check the letter and type the code again."), code="wrong"
        )
    return found


# --- ballots -----------------------------------------------------------------------------


@transaction.atomic
def ballot_cast(
    *,
    actor,
    budget_round: BudgetRound,
    choices: dict,
    voting_code: VotingCode | None = None,
    paper: bool = False,
) -> tuple[Ballot, bool]:
    """Cast or change a ballot. Returns (ballot, changed): changed is False for a first vote.

    With an account: the actor must be an eligible voter. With a code: whoever holds the
    code (online), or staff entering a paper ballot against it. The database allows one
    ballot per voter and per code; two requests at the same time end in one ballot.
    """
    if paper:
        _require(actor, "budgeting.enter_paper_ballot", budget_round)
        if voting_code is None:
            raise ValidationError(_("A paper ballot is entered against the code on it."))
    elif voting_code is not None:
        _require(actor, "budgeting.vote_with_code", budget_round)
    else:
        _require(actor, "budgeting.vote", budget_round)
    if voting_code is not None and voting_code.round_id != budget_round.pk:
        raise ValidationError(_("This code belongs to another round."))

    cleaned = clean_choices(choices)
    check = ballot_check(budget_round, selectors.ballot_proposals(budget_round), cleaned)
    if not check.ok:
        raise ValidationError(check.problems)

    if voting_code is not None:
        where = {"voting_code": voting_code}
        new = {
            "round": budget_round,
            "voting_code": voting_code,
            "channel": BallotChannel.PAPER if paper else BallotChannel.CODE,
        }
    else:
        where = {"round": budget_round, "voter": actor}
        new = {"round": budget_round, "voter": actor, "channel": BallotChannel.ACCOUNT}

    ballot = Ballot.objects.select_for_update().filter(**where).first()
    if ballot is None:
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(choices=cleaned, **new)
        except IntegrityError:
            # Another request created it a moment ago: change that one instead.
            ballot = Ballot.objects.select_for_update().filter(**where).first()
            if ballot is None:
                raise
        else:
            _after_ballot(actor, ballot, changed=False, paper=paper)
            return ballot, False
    if paper:
        raise ValidationError(_("This code has already been used to vote."))
    ballot.choices = cleaned
    ballot.changed_at = timezone.now()
    ballot.times_changed += 1
    ballot.save(update_fields=["choices", "changed_at", "times_changed"])
    _after_ballot(actor, ballot, changed=True, paper=paper)
    return ballot, True


def _after_ballot(actor, ballot: Ballot, *, changed: bool, paper: bool) -> None:
    # The audit entry says that a ballot was cast or changed, never what it holds.
    audit_log(
        actor=actor,
        action="budgeting.ballot_changed" if changed else "budgeting.ballot_cast",
        target=ballot.round,
        data={"channel": ballot.channel},
    )
    voter = ballot.voter
    if voter is not None and voter.email and not paper:
        email_send(
            to=[voter.email],
            template="budgeting/mail/ballot_receipt",
            context={
                "round": ballot.round,
                "ballot": ballot,
                "chosen": receipt_lines(ballot),
                "changed": changed,
            },
            language=_language_of(voter),
        )


def receipt_lines(ballot: Ballot) -> list[dict]:
    proposals = {str(p.pk): p for p in Proposal.objects.filter(pk__in=ballot.proposal_ids())}
    return [
        {"proposal": proposals[key], "points": points}
        for key, points in sorted(ballot.choices.items(), key=lambda kv: int(kv[0]))
        if key in proposals
    ]


# --- results -----------------------------------------------------------------------------


def _queue_result(budget_round: BudgetRound, *, actor) -> RoundResult:
    from voorop.budgeting.tasks import compute_round_result

    result = RoundResult.objects.create(
        round=budget_round,
        status=ResultStatus.QUEUED,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    transaction.on_commit(lambda: compute_round_result.enqueue(result_id=result.pk))
    return result


@transaction.atomic
def result_compute(*, actor, budget_round: BudgetRound) -> RoundResult:
    """Queue a (re)computation of the outcome; the task runs `result_run`."""
    _require(actor, "budgeting.compute_result", budget_round)
    pending = budget_round.results.filter(
        status__in=[ResultStatus.QUEUED, ResultStatus.RUNNING]
    ).first()
    if pending:
        return pending
    result = _queue_result(budget_round, actor=actor)
    audit_log(
        actor=actor,
        action="budgeting.result_requested",
        target=budget_round,
        data={"result": result.pk},
    )
    return result


def rounds_close_due() -> int:
    """Daily job: compute the results of every round whose voting has closed, so the
    result is there on time even when nobody visits the round."""
    queued = 0
    # Rounds with a result are done for good; without this filter the hourly job would look
    # at every round that ever closed.
    due = BudgetRound.objects.filter(voting_until__lte=timezone.now(), results__isnull=True)
    for budget_round in due:
        queued += round_close_if_due(budget_round=budget_round) is not None
    return queued


def round_close_if_due(*, budget_round: BudgetRound) -> RoundResult | None:
    """When voting has closed by its date and nothing was computed yet, queue it.

    Called on page views, so the common case (nothing to do) takes no write lock.
    """
    if budget_round.phase.key not in ("results", "implementation"):
        return None
    if budget_round.results.exists():
        return None
    with transaction.atomic():
        locked = BudgetRound.objects.select_for_update().get(pk=budget_round.pk)
        if locked.results.exists():
            return None
        result = _queue_result(locked, actor=None)
        audit_log(
            actor=None,
            action="budgeting.result_requested",
            target=locked,
            data={"result": result.pk, "by": "close"},
        )
    return result


def result_run(*, result_id: int) -> RoundResult:
    """Compute with the engine and store everything needed to recompute it."""
    with transaction.atomic():
        result = RoundResult.objects.select_for_update().select_related("round").get(pk=result_id)
        if result.status != ResultStatus.QUEUED:
            return result
        result.status = ResultStatus.RUNNING
        result.save(update_fields=["status"])
    budget_round = result.round
    try:
        election = selectors.election_of(budget_round)
        pb_text = write_pb(election)
        completion = budget_round.completion if budget_round.rule == "mes" else "none"
        outcome = compute(
            election,
            budget_round.rule,
            completion=completion,
            tie_breaking=TIE_BREAKING,
            seed=budget_round.seed,
        )
        # The stored file must give the same digest when read back: the public check.
        if ballots_digest(read_pb(pb_text)) != outcome.ballots_digest:
            raise RuntimeError("the .pb file does not reproduce the ballots digest")
    except Exception as error:  # stored and shown to staff
        result.status = ResultStatus.FAILED
        result.error = f"{type(error).__name__}: {error}"
        result.finished_at = timezone.now()
        result.save()
        audit_log(actor=None, action="budgeting.result_failed", target=budget_round)
        return result
    data = outcome.to_json_dict()
    result.status = ResultStatus.DONE
    result.rule = outcome.rule
    result.completion = outcome.completion
    result.tie_breaking = outcome.tie_breaking
    result.seed = outcome.seed
    result.engine_version = outcome.engine_version
    result.ballots_digest = outcome.ballots_digest
    result.ballot_count = len(election.ballots)
    result.selected = list(outcome.selected)
    result.selection_order = list(outcome.selection_order)
    result.votes = data["votes"]
    result.unfunded = data["unfunded"]
    result.total_cost = int(outcome.total_cost)
    result.pb_text = pb_text
    result.finished_at = timezone.now()
    result.save()
    audit_log(
        actor=None,
        action="budgeting.result_computed",
        target=budget_round,
        data={
            "result": result.pk,
            "rule": result.rule,
            "engine_version": result.engine_version,
            "ballots_digest": result.ballots_digest,
        },
    )
    from voorop.budgeting.tasks import announce_round_result

    transaction.on_commit(lambda: announce_round_result.enqueue(result_id=result.pk))
    return result


# --- telling people the result -----------------------------------------------------------


@transaction.atomic
def result_notice_request(*, actor, ballot: Ballot, email: str, language: str = "") -> ResultNotice:
    """The voter asks for an e-mail when the result is published (opt-in). Asked from the
    receipt page, so only someone holding a ballot of the round can ask. Neither the notice
    nor the audit entry says which ballot it came with."""
    budget_round = ballot.round
    if budget_round.phase.key not in ("upcoming", "proposals", "review", "voting"):
        raise ValidationError(_("The result is already known. You can read it on the site."))
    user = actor if getattr(actor, "is_authenticated", False) else None
    notice, _created = ResultNotice.objects.update_or_create(
        round=budget_round,
        email=email.strip().lower(),
        defaults={"language": language or _language_of(actor), "user": user},
    )
    audit_log(actor=user, action="budgeting.result_notice_requested", target=budget_round)
    return notice


@transaction.atomic
def result_notice_cancel(*, actor, notice: ResultNotice) -> None:
    """No e-mail after all. The view only offers it to whoever asked (session or account)."""
    budget_round = notice.round
    notice.delete()
    user = actor if getattr(actor, "is_authenticated", False) else None
    audit_log(actor=user, action="budgeting.result_notice_cancelled", target=budget_round)


def result_announce(*, result_id: int) -> int:
    """E-mail the first published result of a round: every proposer of a proposal on the
    ballot (funded or not, and why), and everyone who asked for it on the receipt page.
    The requests are deleted once sent. A later recomputation announces nothing.
    Returns the number of e-mails."""
    with transaction.atomic():
        result = RoundResult.objects.select_for_update().select_related("round").get(pk=result_id)
        budget_round = result.round
        earlier = budget_round.results.filter(status=ResultStatus.DONE).exclude(pk=result.pk)
        if result.status != ResultStatus.DONE or result.announced_at or earlier.exists():
            return 0
        result.announced_at = timezone.now()
        result.save(update_fields=["announced_at"])
        sent = 0
        unfunded = {item["project_id"]: item for item in result.unfunded}
        for proposal in selectors.ballot_proposals(budget_round):
            author = proposal.author
            if author is None or not author.email or not author.is_active:
                continue
            language = _language_of(author)
            with translation.override(language):
                why = selectors.unfunded_text(unfunded.get(str(proposal.pk)))
            email_send(
                to=[author.email],
                template="budgeting/mail/proposal_result",
                context={
                    "proposal": proposal,
                    "round": budget_round,
                    "funded": str(proposal.pk) in result.selected,
                    "why": why,
                },
                language=language,
            )
            sent += 1
        funded = [row for row in selectors.vote_rows(budget_round, result) if row["funded"]]
        notices = list(budget_round.result_notices.all())
        for notice in notices:
            email_send(
                to=[notice.email],
                template="budgeting/mail/result_published",
                context={"round": budget_round, "result": result, "funded": funded},
                language=notice.language or settings.LANGUAGE_CODE,
            )
        sent += len(notices)
        ResultNotice.objects.filter(pk__in=[notice.pk for notice in notices]).delete()
        audit_log(
            actor=None,
            action="budgeting.result_announced",
            target=budget_round,
            data={"result": result.pk, "emails": sent},
        )
    return sent
