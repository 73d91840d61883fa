from django.urls import path

from voorop.sortition.views import (
    assemblies,
    invitations,
    panel,
    privacy,
    publication,
    quotas,
    registration,
    selection,
)

app_name = "sortition"

urlpatterns = [
    path("", assemblies.index, name="index"),
    path("werk/", assemblies.work, name="work"),
    path("nieuw/", assemblies.assembly_create, name="create"),
    path("<int:pk>/", assemblies.assembly_detail, name="assembly"),
    path("<int:pk>/aanmelden/", registration.register, name="register"),
    path("<int:pk>/aangemeld/", registration.registered, name="registered"),
    path("<int:pk>/verslag/", publication.report, name="report"),
    path(
        "<int:pk>/verslag/aanmeldingen.csv",
        publication.report_pool_file,
        name="report_pool_file",
    ),
    path(
        "<int:pk>/verslag/quota.csv",
        publication.report_categories_file,
        name="report_categories_file",
    ),
    path("<int:pk>/beheer/", assemblies.manage, name="manage"),
    path("<int:pk>/wijzigen/", assemblies.assembly_edit, name="edit"),
    path("<int:pk>/adressen/", invitations.addresses, name="addresses"),
    path("<int:pk>/uitnodigingen/", invitations.invitations, name="invitations"),
    path("<int:pk>/brieven/", invitations.letters, name="letters"),
    path("<int:pk>/papieren-aanmelding/", registration.paper, name="paper"),
    path(
        "<int:pk>/aanmelden-sluiten/",
        registration.registration_close,
        name="registration_close",
    ),
    path(
        "<int:pk>/aanmelden-heropenen/",
        registration.registration_reopen,
        name="registration_reopen",
    ),
    path("<int:pk>/aanmeldingen/", registration.pool, name="pool"),
    path("<int:pk>/quota/", quotas.quotas, name="quotas"),
    path("<int:pk>/selectie/", selection.selection, name="selection"),
    path("<int:pk>/selectie/status/", selection.selection_status, name="selection_status"),
    path(
        "<int:pk>/selectie/<int:selection_pk>/stoppen/",
        selection.selection_cancel,
        name="selection_cancel",
    ),
    path(
        "<int:pk>/selectie/<int:selection_pk>/opnieuw/",
        selection.selection_retry,
        name="selection_retry",
    ),
    path("<int:pk>/gelote-groep/", panel.panel, name="panel"),
    path("<int:pk>/gelote-groep/export.csv", panel.panel_export, name="panel_export"),
    path("<int:pk>/afmelding/<int:respondent_pk>/", panel.dropout, name="dropout"),
    path("<int:pk>/open-plek/<int:replacement_pk>/", panel.open_seat, name="open_seat"),
    path("<int:pk>/publiceren/", publication.publish, name="publish"),
    path("<int:pk>/gegevens-verwijderen/", privacy.delete_pool, name="delete_pool"),
]
