from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from voorop.accounts.models import User
    from voorop.panel.models import Panel

    Actor = User | Any
else:
    Actor = Any


def check_weighting(panel: Panel, weighting: list[str]) -> list[str]:
    """The features to weight on, in the panel's order: a panel with features needs at least
    one of them, and nothing else. Used for the panel's choice and for a consultation's."""
    if not weighting and panel.features:
        raise ValidationError(
            _("Choose at least one feature to weight the results on."), code="weighting"
        )
    if set(weighting) - set(panel.feature_names):
        raise ValidationError(_("Weight only on features of the panel."), code="weighting")
    return [name for name in panel.feature_names if name in weighting]
