"""What citizens' assemblies store about a person with an account: the registrations they
made while logged in (name, contact, features). Pool data is deleted on the assembly's
deletion date in any case; deleting the account unlinks the registration."""

from __future__ import annotations

from typing import Any

from voorop.sortition.models import Respondent

# Fields this module covers (tests/security/test_personal_data_walk.py).
COVERS = frozenset(
    {
        "sortition.Respondent.user",
        "sortition.Respondent.name",
        "sortition.Respondent.email",
        "sortition.Respondent.phone",
    }
)


def export(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "assembly": r.assembly.title,
            "name": r.name,
            "email": r.email,
            "phone": r.phone,
            "features": r.features,
            "pseudonym": r.pseudonym,
            "status": r.status,
            "registered_at": r.created_at.isoformat(),
            "deleted_on": r.assembly.deletion_date.isoformat(),
        }
        for r in Respondent.objects.filter(user=user).select_related("assembly")
    ]


def anonymise(user: Any) -> None:
    Respondent.objects.filter(user=user).update(user=None)
