from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostopConfig(AppConfig):
    name = "voorop.hostop"
    label = "hostop"
    verbose_name = _("Ho-stop cards")
