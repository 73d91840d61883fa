from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SortitionConfig(AppConfig):
    name = "voorop.sortition"
    label = "sortition"
    verbose_name = _("Citizens' assemblies")
