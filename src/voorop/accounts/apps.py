from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "voorop.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from voorop.accounts import mail
        from voorop.accounts.roles import ensure_role_groups

        mail.register()
        from voorop.accounts import follows, personal_data

        personal_data.register(
            "follows", export=follows.export_follows, anonymise=follows.delete_follows
        )
        from allauth.account.signals import password_reset

        password_reset.connect(forget_reset_key, dispatch_uid="voorop.forget_reset_key")

        # After every migrate and flush, so the role groups always exist.
        post_migrate.connect(ensure_role_groups, sender=self)


def forget_reset_key(sender: object, request: object, **kwargs: object) -> None:
    """allauth keeps the reset key in the session while the new password is chosen (so it
    is not in the address bar); once the password is reset it has no use, so it does not
    stay in the session table."""
    from allauth.account.views._password_reset import INTERNAL_RESET_SESSION_KEY

    session = getattr(request, "session", None)
    if session is not None:
        session.pop(INTERNAL_RESET_SESSION_KEY, None)
