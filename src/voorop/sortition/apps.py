from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SortitionConfig(AppConfig):
    name = "voorop.sortition"
    label = "sortition"
    verbose_name = _("Citizens' assemblies")

    def ready(self) -> None:
        import rules

        from voorop.accounts import personal_data
        from voorop.core import navigation
        from voorop.sortition import personal_data as sortition_data

        navigation.register(
            navigation.NavItem(
                label=_("Citizens' assemblies"),
                url_name="sortition:index",
                order=50,
                description=_(
                    "Residents drawn by lot talk about a topic together and give advice. "
                    "See who can take part, how the lot was drawn and how the group is made "
                    "up."
                ),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Assemblies"),
                url_name="sortition:work",
                order=50,
                menu="staff",
                visible=lambda user: rules.has_perm("sortition.view_work_list", user),
            )
        )
        personal_data.register(
            "citizens_assemblies", export=sortition_data.export, anonymise=sortition_data.anonymise
        )
        from voorop.core import maintenance
        from voorop.sortition.services import pools_purge_due

        maintenance.register("sortition.purge_due_pools", lambda: len(pools_purge_due()))

        from voorop.sortition import mail

        mail.register()
