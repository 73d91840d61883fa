from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetingConfig(AppConfig):
    name = "voorop.budgeting"
    label = "budgeting"
    verbose_name = _("Budget rounds")

    def ready(self) -> None:
        import rules

        from voorop.accounts import personal_data
        from voorop.budgeting import personal_data as budgeting_data
        from voorop.core import navigation

        navigation.register(
            navigation.NavItem(
                label=_("Budgets"),
                url_name="budgeting:index",
                order=40,
                description=_(
                    "Decide together how to spend a village or neighbourhood budget: send in "
                    "a proposal, vote, and see which proposals get the money and why."
                ),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Check residents"),
                url_name="budgeting:verify",
                order=40,
                menu="staff",
                visible=lambda user: rules.has_perm("budgeting.verify_residents", user),
            )
        )
        personal_data.register(
            "budget_rounds", export=budgeting_data.export, anonymise=budgeting_data.anonymise
        )
        from voorop.budgeting.services import rounds_close_due
        from voorop.core import maintenance

        maintenance.register("budgeting.close_due_rounds", rounds_close_due)
        from voorop.budgeting.services.announcements import result_notices_prune

        maintenance.register("budgeting.prune_result_notices", result_notices_prune)

        from voorop.budgeting import mail

        mail.register()
