"""What the desk holds about a person, for the data download and for account deletion."""

from __future__ import annotations

from voorop.loket.models import DeskItem


def export(user) -> list[dict]:
    return [
        {
            "reference": item.reference,
            "kind": item.kind,
            "title": item.title,
            "description": item.description,
            "status": item.status,
            "received": item.created_at.isoformat(),
            "contact_phone": item.contact_phone,
        }
        for item in DeskItem.objects.filter(submitter=user).order_by("created_at")
    ]


def anonymise(user) -> None:
    # The items stay (staff still need to handle them) but no longer lead to the person.
    DeskItem.objects.filter(submitter=user).update(
        submitter=None, contact_name="", contact_email="", contact_phone=""
    )
