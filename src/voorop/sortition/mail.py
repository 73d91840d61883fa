"""The e-mails of citizens' assemblies, rendered when they are sent (voorop.core.mail): a task
row holds the kind and the respondent's id, never a name or an address."""

from __future__ import annotations

from django.conf import settings

from voorop.core import mail
from voorop.sortition.models import Respondent

REGISTERED = "sortition.registered"
SELECTED = "sortition.selected"
RESERVE = "sortition.reserve"
REPLACEMENT = "sortition.replacement"

_TEMPLATES = {
    REGISTERED: "sortition/mail/registered",
    SELECTED: "sortition/mail/selected",
    RESERVE: "sortition/mail/reserve",
    REPLACEMENT: "sortition/mail/replacement",
}


def _renderer(kind: str) -> mail.Renderer:
    def render(*, respondent: int, language: str = "") -> mail.Message | None:
        found = Respondent.objects.select_related("assembly").filter(pk=respondent).first()
        if found is None or not found.email:
            return None  # the pool was deleted, or no address was given
        return mail.from_templates(
            to=[found.email],
            template=_TEMPLATES[kind],
            context={"assembly": found.assembly, "respondent": found},
            language=language or settings.LANGUAGE_CODE,
        )

    return render


def register() -> None:
    for kind in _TEMPLATES:
        mail.register(kind, _renderer(kind))
