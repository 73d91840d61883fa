"""Area councils: setting a council up, seating members (elected, volunteered, or drawn by
lot through a citizens' assembly's draw), meetings with an agenda and minutes, items
residents put forward (each one answered), and decisions. New agendas and decisions are
mailed to the council's followers (voorop.accounts' follow)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voorop.accounts import services as accounts
from voorop.accounts.roles import Role, role_names
from voorop.community import mail
from voorop.community.models import (
    AgendaItem,
    AgendaItemStatus,
    AreaCouncil,
    ChosenBy,
    CouncilDecision,
    CouncilMember,
    Meeting,
    MemberRole,
)
from voorop.community.services._common import check_limit, clean_text
from voorop.core import mail as core_mail
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.core.throttle import Throttle
from voorop.sortition import selectors as sortition

if TYPE_CHECKING:
    from voorop.accounts.models import User

AGENDA_PROPOSALS = Throttle("community.agenda_item", limit=5)


@transaction.atomic
def council_save(*, actor: User, council: AreaCouncil | None, data: dict) -> AreaCouncil:
    require(
        actor,
        "community.manage_councils" if council is None else "community.manage_council",
        council,
    )
    creating = council is None
    council = council or AreaCouncil()
    # A council's own members keep its description; where it lies, its name and its draw
    # are set by the municipality.
    fields = (
        ("name", "slug", "kind", "area", "description", "draw")
        if actor.has_perm("community.manage_councils")
        else ("description",)
    )
    for field in fields:
        if field in data:
            setattr(council, field, data[field])
    council.full_clean()
    council.save()
    audit_log(
        actor=actor,
        action="community.council_created" if creating else "community.council_changed",
        target=council,
    )
    return council


def _grant_role(user: User, actor: User) -> None:
    current = set(role_names(user))
    if Role.WIJKRAADSLID.value not in current:
        accounts.user_set_roles(user=user, roles=current | {Role.WIJKRAADSLID.value}, actor=actor)


def _withdraw_role_if_last(user: User, actor: User) -> None:
    if CouncilMember.objects.filter(user=user).exclude(term_end__lt=timezone.localdate()).exists():
        return
    current = set(role_names(user))
    if Role.WIJKRAADSLID.value in current:
        accounts.user_set_roles(user=user, roles=current - {Role.WIJKRAADSLID.value}, actor=actor)


@transaction.atomic
def member_add(
    *,
    actor: User,
    council: AreaCouncil,
    public_name: str,
    chosen_by: str,
    term_start: date,
    term_end: date | None = None,
    role: str = MemberRole.MEMBER,
    user: User | None = None,
) -> CouncilMember:
    """Seat a member. With an account, the member gets the light area-council role."""
    require(actor, "community.manage_councils")
    if term_end is not None and term_end < term_start:
        raise ValidationError({"term_end": _("The term cannot end before it starts.")})
    member = CouncilMember.objects.create(
        council=council,
        user=user,
        public_name=clean_text(public_name, field="public_name"),
        role=MemberRole(role),
        chosen_by=ChosenBy(chosen_by),
        term_start=term_start,
        term_end=term_end,
    )
    if user is not None:
        _grant_role(user, actor)
    audit_log(
        actor=actor,
        action="community.member_added",
        target=council,
        data={"member": member.pk, "chosen_by": member.chosen_by, "role": member.role},
    )
    return member


@transaction.atomic
def member_end_term(*, actor: User, member: CouncilMember, on: date | None = None) -> CouncilMember:
    require(actor, "community.manage_councils")
    member.term_end = on or timezone.localdate()
    member.save(update_fields=["term_end"])
    if member.user is not None:
        _withdraw_role_if_last(member.user, actor)
    audit_log(actor=actor, action="community.member_term_ended", target=member.council)
    return member


@transaction.atomic
def members_seat_drawn(
    *,
    actor: User,
    council: AreaCouncil,
    term_start: date,
    term_end: date | None = None,
    link_accounts: bool = True,
) -> list[CouncilMember]:
    """Seat the group drawn by lot in the council's citizens' assembly (sortition's draw,
    not a copy of it). Those already seated from this draw are left as they are. A drawn
    person who registered with an account gets the area-council role, unless
    ``link_accounts`` is False (then they are seated by name only)."""
    require(actor, "community.manage_councils")
    if council.draw is None:
        raise ValidationError(_("This council has no draw by lot linked to it."))
    seated = []
    known = set(council.members.exclude(drawn_as="").values_list("drawn_as", flat=True))
    for respondent in sortition.panel_members(council.draw):
        if respondent.pseudonym in known:
            continue
        user = respondent.user if respondent.user and respondent.user.is_active else None
        if not link_accounts:
            user = None
        member = member_add(
            actor=actor,
            council=council,
            public_name=user.public_name if user is not None else respondent.name,
            chosen_by=ChosenBy.DRAWN,
            term_start=term_start,
            term_end=term_end,
            user=user,
        )
        member.drawn_as = respondent.pseudonym
        member.save(update_fields=["drawn_as"])
        seated.append(member)
    return seated


@transaction.atomic
def meeting_save(
    *, actor: User, council: AreaCouncil, meeting: Meeting | None, data: dict
) -> Meeting:
    """Plan a meeting, or (chair, secretary or staff) change a planned one's time and place
    until its minutes are approved."""
    if meeting is None:
        require(actor, "community.manage_council", council)
        meeting = Meeting(council=council)
    else:
        require(actor, "community.edit_meeting", meeting)
        if meeting.council_id != council.pk:
            raise ValidationError(_("Choose a meeting of this council."))
    meeting.starts_at = data["starts_at"]
    meeting.place = clean_text(data["place"], field="place")
    meeting.save()
    audit_log(actor=actor, action="community.meeting_saved", target=meeting)
    return meeting


@transaction.atomic
def agenda_publish(*, actor: User, meeting: Meeting) -> Meeting:
    """Publish the meeting's agenda (its items taken up) and tell the followers."""
    require(actor, "community.manage_council", meeting.council)
    if not meeting.items.exclude(status=AgendaItemStatus.WITHDRAWN).exists():
        raise ValidationError(_("Put at least one item on the agenda first."))
    first = meeting.agenda_published_at is None
    meeting.agenda_published_at = timezone.now()
    meeting.save(update_fields=["agenda_published_at"])
    audit_log(actor=actor, action="community.agenda_published", target=meeting)
    if first:
        accounts.notify_followers(meeting.council, "agenda", actor=actor)
    return meeting


@transaction.atomic
def item_add(*, actor: User, meeting: Meeting, title: str, text: str = "") -> AgendaItem:
    """The council puts its own item on a meeting's agenda."""
    require(actor, "community.manage_council", meeting.council)
    item = AgendaItem.objects.create(
        council=meeting.council,
        meeting=meeting,
        title=clean_text(title, field="title"),
        text=text.strip(),
        status=AgendaItemStatus.TAKEN_UP,
    )
    audit_log(actor=actor, action="community.agenda_item_added", target=meeting)
    return item


@transaction.atomic
def item_edit(*, actor: User, item: AgendaItem, title: str, text: str = "") -> AgendaItem:
    """The chair or secretary changes an item the council put on its agenda."""
    require(actor, "community.edit_agenda_item", item)
    item.title = clean_text(title, field="title")
    item.text = text.strip()
    item.full_clean()
    item.save(update_fields=["title", "text"])
    audit_log(
        actor=actor,
        action="community.agenda_item_changed",
        target=item,
        data={"meeting": item.meeting_id},
    )
    return item


@transaction.atomic
def item_withdraw(*, actor: User, item: AgendaItem) -> AgendaItem:
    """Take an item back: the resident who proposed it (before the council answers), or
    the chair or secretary for an item the council put on its agenda (before the minutes
    are approved). The row stays with the status "withdrawn"; the audit log says who."""
    require(actor, "community.withdraw_agenda_item", item)
    by_proposer = item.proposer_id is not None and item.proposer_id == actor.pk
    item.status = AgendaItemStatus.WITHDRAWN
    item.save(update_fields=["status"])
    audit_log(
        actor=actor,
        action="community.agenda_item_withdrawn",
        target=item,
        data={"by": "proposer" if by_proposer else "council", "meeting": item.meeting_id},
    )
    return item


def item_propose(*, council: AreaCouncil, proposer: User, title: str, text: str) -> AgendaItem:
    """A resident puts an item forward. Limited per account (AGENDA_PROPOSALS); not in a
    transaction so the count is seen by parallel requests at once."""
    require(proposer, "community.propose_agenda_item", council)
    title = clean_text(title, field="title")
    check_limit(AGENDA_PROPOSALS, proposer)
    return _item_propose(council=council, proposer=proposer, title=title, text=text)


@transaction.atomic
def _item_propose(*, council: AreaCouncil, proposer: User, title: str, text: str) -> AgendaItem:
    item = AgendaItem.objects.create(
        council=council, proposer=proposer, title=title, text=text.strip()
    )
    audit_log(actor=proposer, action="community.agenda_item_proposed", target=council)
    return item


@transaction.atomic
def item_answer(
    *,
    actor: User,
    item: AgendaItem,
    answer: str,
    take_up: bool,
    meeting: Meeting | None = None,
) -> AgendaItem:
    """The council answers a resident's item: taken up (on a meeting's agenda) or not,
    always with an answer; the proposer gets it by e-mail."""
    require(actor, "community.manage_council", item.council)
    item.answer = clean_text(answer, field="answer")
    if take_up:
        if meeting is not None and meeting.council_id != item.council_id:
            raise ValidationError({"meeting": _("Choose a meeting of this council.")})
        item.status = AgendaItemStatus.TAKEN_UP
        item.meeting = meeting
    else:
        item.status = AgendaItemStatus.DECLINED
        item.meeting = None
    item.answered_at = timezone.now()
    item.save()
    audit_log(
        actor=actor,
        action="community.agenda_item_answered",
        target=item.council,
        data={"item": item.pk, "status": item.status},
    )
    if item.proposer_id:
        core_mail.send(mail.ITEM_ANSWERED, item=item.pk)
    return item


@transaction.atomic
def minutes_save(*, actor: User, meeting: Meeting, minutes: str, approved: bool) -> Meeting:
    """Write the minutes; they are published once the council marks them approved. The
    items of the meeting count as discussed once the minutes are approved."""
    require(actor, "community.manage_council", meeting.council)
    meeting.minutes = minutes.strip()
    if approved and not meeting.minutes:
        raise ValidationError({"minutes": _("Write the minutes before approving them.")})
    meeting.minutes_approved_at = timezone.now() if approved else None
    meeting.save(update_fields=["minutes", "minutes_approved_at"])
    if approved:
        meeting.items.filter(status=AgendaItemStatus.TAKEN_UP).update(
            status=AgendaItemStatus.DISCUSSED
        )
    audit_log(
        actor=actor,
        action="community.minutes_approved" if approved else "community.minutes_saved",
        target=meeting,
    )
    return meeting


@transaction.atomic
def decision_record(
    *,
    actor: User,
    council: AreaCouncil,
    title: str,
    text: str = "",
    decided_on: date | None = None,
    meeting: Meeting | None = None,
) -> CouncilDecision:
    require(actor, "community.manage_council", council)
    if meeting is not None and meeting.council_id != council.pk:
        raise ValidationError({"meeting": _("Choose a meeting of this council.")})
    decision = CouncilDecision.objects.create(
        council=council,
        meeting=meeting,
        title=clean_text(title, field="title"),
        text=text.strip(),
        decided_on=decided_on or timezone.localdate(),
    )
    audit_log(actor=actor, action="community.decision_recorded", target=council)
    accounts.notify_followers(council, "decision", actor=actor)
    return decision
