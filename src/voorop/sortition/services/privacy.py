"""Personal data of respondents: every look at it is logged, and it is deleted (by the
organiser, or on the assembly's deletion date by the daily task); the report stays.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from voorop.core import cache
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.sortition import selectors
from voorop.sortition.models import Assembly, Report

if TYPE_CHECKING:
    from voorop.accounts.models import User


def pool_view_log(*, actor: User, assembly: Assembly, what: str) -> None:
    """Every look at personal pool data is recorded with the viewer."""
    require(actor, "sortition.view_pool", assembly)
    audit_log(actor=actor, action="sortition.pool_viewed", target=assembly, data={"what": what})


@transaction.atomic
def pool_delete(
    *, actor: User | None, assembly: Assembly, today: date | None = None
) -> dict[str, int]:
    """Delete the respondents, invitations and addresses (the report stays). `actor` None is
    the scheduled deletion on the assembly's deletion date."""
    if actor is not None:
        require(actor, "sortition.delete_pool", assembly)
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
    cache.renew(selectors.REPORT_PAGE, assembly.pk)
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
