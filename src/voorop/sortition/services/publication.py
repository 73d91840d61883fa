"""Publication: the public report (aggregates, chances, changes to the group) and the
anonymised pool and quota files anyone can recompute the draw from.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from voorop.accounts.services import notify_followers
from voorop.core import cache
from voorop.core.permissions import require
from voorop.core.services import audit_log
from voorop.sortition import csvfiles, selectors
from voorop.sortition.models import Assembly, Report, Selection

if TYPE_CHECKING:
    from voorop.accounts.models import User


def report_data(assembly: Assembly, selection: Selection) -> dict[str, Any]:
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
def report_publish(*, actor: User, assembly: Assembly, publish_pool_file: bool = True) -> Report:
    """Publish the report. With `publish_pool_file`, also the anonymised pool file, until the
    pool is deleted (decision 0007); the quota file is always published."""
    require(actor, "sortition.publish_report", assembly)
    selection = selectors.drawn_selection(assembly)
    # A drawn group implies a seed fixed before it; the second test only narrows the type.
    if selection is None or assembly.seed_fixed_at is None:
        raise ValidationError(_("Draw the group first."))
    files = pool_files(assembly, selection)
    data = report_data(assembly, selection)
    data["recompute"] = {
        "id_column": files["id_column"],
        "household_column": files["household_column"],
    }
    # A pool computed before pseudonyms existed gives another fingerprint: not published.
    publish_pool_file = publish_pool_file and files["matches"]
    cache.renew(selectors.REPORT_PAGE, assembly.pk)
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
    notify_followers(assembly, "result", actor=actor)
    return report
