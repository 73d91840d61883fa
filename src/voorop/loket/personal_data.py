"""What the desk holds about a person, for the data download and for account deletion."""

from __future__ import annotations

from django.db.models import Q

from voorop.loket.models import DeskItem, DeskItemTimelineEntry, EscalationStep, RoutingRule, Team

# Fields this module covers (tests/security/test_personal_data_walk.py).
COVERS = frozenset(
    {
        "loket.DeskItem.submitter",
        "loket.DeskItem.contact_name",
        "loket.DeskItem.contact_email",
        "loket.DeskItem.contact_phone",
        "loket.DeskItem.contact_address",
        "loket.DeskItem.registered_by",
        "loket.DeskItem.assignee",
        "loket.Attachment.original_name",
        "loket.DeskItemTimelineEntry.actor",
        "loket.Team.members",
        "loket.RoutingRule.contact",
        "loket.EscalationStep.contact",
    }
)


def _own_items(user):
    """Items the person sent while logged in, or sent with their e-mail address."""
    mine = Q(submitter=user)
    if user.email:
        mine |= Q(contact_email__iexact=user.email)
    return DeskItem.objects.filter(mine).order_by("created_at")


def export(user) -> list[dict]:
    items = _own_items(user).prefetch_related("attachments", "timeline")
    data = [
        {
            "reference": item.reference,
            "kind": item.kind,
            "title": item.title,
            "description": item.description,
            "location": item.location,
            "status": item.status,
            "received": item.created_at.isoformat(),
            "contact_name": item.contact_name,
            "contact_email": item.contact_email,
            "contact_phone": item.contact_phone,
            "contact_address": item.contact_address,
            "attachments": [
                {
                    "file_name": a.original_name,
                    "type": a.content_type,
                    "size": a.size,
                    "uploaded_at": a.uploaded_at.isoformat(),
                }
                for a in item.attachments.all()
            ],
            # The history the person can see: public steps and messages to them.
            "history": [
                {
                    "at": e.created_at.isoformat(),
                    "what": e.get_kind_display(),
                    "status": e.status,
                    "text": e.display_text,
                }
                for e in item.timeline.all()
                if e.public
            ],
        }
        for item in items
    ]
    # In a staff role: the items one registered, is handling, or acted on, by reference.
    handled = DeskItem.objects.filter(
        Q(registered_by=user)
        | Q(assignee=user)
        | Q(pk__in=DeskItemTimelineEntry.objects.filter(actor=user).values("item"))
    ).exclude(pk__in=items.values("pk"))
    staff = {
        "items_handled": list(handled.order_by("created_at").values_list("reference", flat=True)),
        "teams": list(Team.objects.filter(members=user).values_list("name", flat=True)),
        "routing_contact_for": [str(rule) for rule in RoutingRule.objects.filter(contact=user)],
        "escalation_contact_for": [
            str(step) for step in EscalationStep.objects.filter(contact=user)
        ],
    }
    if any(staff.values()):
        data.append({"as_staff": staff})
    return data


def anonymise(user) -> None:
    # The items stay (staff still need to handle them) but no longer lead to the person:
    # no link, no contact details, no name in the public history.
    _own_items(user).update(
        submitter=None, contact_name="", contact_email="", contact_phone="", contact_address=""
    )
    Team.members.through.objects.filter(user=user).delete()
