"""What the council's services share: the site address for e-mail. (The permission check
is `voorop.core.permissions.require`.)"""

from __future__ import annotations

from django.conf import settings


def _site_url() -> str:
    return getattr(settings, "VOOROP_SITE_URL", "")
