"""The organisers' member list: members filtered by feature value and by where they are in
their term (active, renewal due, term ended), one page at a time. Only for organisers
(panel.view_members): names and features, never on a public page; e-mail addresses are not
shown at all (the mails go through Voorop)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.db.models import QuerySet
from django.db.models.fields.json import KeyTransform
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voorop.panel.models import RENEWAL_NOTICE, Member, Panel


class MemberStatus:
    ACTIVE = "active"
    RENEWAL_DUE = "renewal_due"
    ENDED = "ended"

    CHOICES = (
        (ACTIVE, _("Active")),
        (RENEWAL_DUE, _("Renewal due (term ends within 30 days)")),
        (ENDED, _("Term ended")),
    )


def member_status(member: Member, today: date | None = None) -> str:
    today = today or timezone.localdate()
    if member.term_ends_on < today:
        return MemberStatus.ENDED
    if member.term_ends_on <= today + RENEWAL_NOTICE:
        return MemberStatus.RENEWAL_DUE
    return MemberStatus.ACTIVE


def members_list(
    panel: Panel,
    *,
    features: Mapping[str, str] | None = None,
    status: str = "",
    today: date | None = None,
) -> QuerySet[Member]:
    """The panel's members with the given feature values and status, in the order they
    joined (an indexed order, so a page reads only its rows)."""
    today = today or timezone.localdate()
    members = panel.members.all()
    known = {f["name"]: f["values"] for f in panel.features}
    for index, (name, value) in enumerate((features or {}).items()):
        if not value or value not in known.get(name, ()):
            continue
        # Feature names are free text (spaces, capitals): a key lookup by name, not a path.
        alias = f"feature_{index}"
        members = members.alias(**{alias: KeyTransform(name, "features")}).filter(**{alias: value})
    if status == MemberStatus.ENDED:
        members = members.filter(term_ends_on__lt=today)
    elif status == MemberStatus.RENEWAL_DUE:
        members = members.filter(term_ends_on__gte=today, term_ends_on__lte=today + RENEWAL_NOTICE)
    elif status == MemberStatus.ACTIVE:
        members = members.filter(term_ends_on__gt=today + RENEWAL_NOTICE)
    return members.order_by("joined_at", "pk")


def member_rows(panel: Panel, members: list[Member]) -> list[dict]:
    """What the list shows of each member of one page: features in the panel's order."""
    today = timezone.localdate()
    labels = dict(MemberStatus.CHOICES)
    rows = []
    for member in members:
        status = member_status(member, today)
        rows.append(
            {
                "member": member,
                "features": [member.features.get(name, "") for name in panel.feature_names],
                "status": status,
                "status_label": labels[status],
            }
        )
    return rows
