"""The desk app: its menu items and its personal data, registered when Django starts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoketConfig(AppConfig):
    name = "voorop.loket"
    label = "loket"
    verbose_name = _("Community desk")

    def ready(self) -> None:
        import rules

        from voorop.accounts import personal_data
        from voorop.core import maintenance, navigation
        from voorop.loket import double_post, mail
        from voorop.loket import personal_data as loket_data

        mail.register()
        maintenance.register("loket.prune_recent_posts", double_post.prune)

        navigation.register(
            navigation.NavItem(
                label=_("Community desk"),
                url_name="loket:submit",
                order=10,
                description=_(
                    "Share an idea, a question or a signal about your village or "
                    "neighbourhood. A contact person reads it quickly and you hear what "
                    "was done with it."
                ),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Desk queue"),
                url_name="loket:queue",
                order=10,
                menu="staff",
                visible=lambda user: rules.has_perm("loket.view_queue", user),
            )
        )
        personal_data.register(
            "desk_items", export=loket_data.export, anonymise=loket_data.anonymise
        )
