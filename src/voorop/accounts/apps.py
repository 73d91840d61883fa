from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "voorop.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from voorop.accounts.roles import ensure_role_groups

        # After every migrate and flush, so the role groups always exist.
        post_migrate.connect(ensure_role_groups, sender=self)
