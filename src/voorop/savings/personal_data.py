"""What budget dialogues store about a person: their own plans (choices and reasons) and,
for a code participant, the e-mail address for the answer (deleted once it is sent)."""

from __future__ import annotations

from typing import Any

from voorop.savings.models import Dialogue, Plan, holder_hash

# Fields this module covers (tests/security/test_personal_data_walk.py).
COVERS = frozenset({"savings.Plan.author", "savings.Plan.email"})


def export(user: Any) -> dict[str, Any]:
    return {
        "plans": [
            {
                "dialogue": plan.dialogue.title,
                "sent_at": plan.sent_at.isoformat(),
                "choices": [
                    {"option": c.option.name, "steps": c.level, "reason": c.reason}
                    for c in plan.choices.select_related("option")
                ],
            }
            for plan in Plan.objects.filter(author=user).select_related("dialogue")
        ]
    }


def anonymise(user: Any) -> None:
    """The plan stays in the results (it has no name), no longer tied to the account;
    the reasons are the person's own words and go."""
    plans = Plan.objects.filter(author=user)
    for plan in plans:
        plan.choices.update(reason="")
    plans.update(author=None, email="")
    # The keyed hash that ties a code plan to the account goes too.
    holders = [holder_hash(pk, user.pk) for pk in Dialogue.objects.values_list("pk", flat=True)]
    Plan.objects.filter(code_holder__in=holders).update(code_holder="")
