from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "voorop.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        import rules

        from voorop.core import files, inserts, jobs, mail, maintenance, navigation, tasks, throttle  # noqa: F401
        from voorop.core.forms import install_blank_choice_rule

        install_blank_choice_rule()

        maintenance.register("core.prune_pending_uploads", maintenance.prune_pending_uploads)
        maintenance.register("core.prune_failed_attempts", throttle.prune)
        maintenance.register("core.prune_task_results", tasks.prune_task_results)
        maintenance.register("core.reap_jobs", jobs.reap)
        maintenance.register("core.prune_outbox", mail.prune)
        maintenance.register("core.sweep_outbox", mail.sweep)
        maintenance.register("core.requeue_dead_tasks", tasks.requeue_dead)

        navigation.register(navigation.NavItem(label=_("Home"), url_name="core:home", order=0))
        navigation.register(
            navigation.NavItem(
                label=_("Back office"),
                url_name="beheer:index",
                order=900,
                # rules' own check: the role predicate, without the model backend's queries.
                visible=lambda user: rules.has_perm("core.use_back_office", user),
                menu="staff",
            )
        )
