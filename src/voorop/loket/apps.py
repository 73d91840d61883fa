from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoketConfig(AppConfig):
    name = "voorop.loket"
    label = "loket"
    verbose_name = _("Community desk")
