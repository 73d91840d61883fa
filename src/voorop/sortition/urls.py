from django.urls import path

from voorop.sortition import views

app_name = "sortition"

urlpatterns = [
    path("", views.index, name="index"),
    path("werk/", views.work, name="work"),
    path("nieuw/", views.assembly_create, name="create"),
    path("<int:pk>/", views.assembly_detail, name="assembly"),
    path("<int:pk>/aanmelden/", views.register, name="register"),
    path("<int:pk>/aangemeld/", views.registered, name="registered"),
    path("<int:pk>/verslag/", views.report, name="report"),
    path("<int:pk>/verslag/aanmeldingen.csv", views.report_pool_file, name="report_pool_file"),
    path("<int:pk>/verslag/quota.csv", views.report_categories_file, name="report_categories_file"),
    path("<int:pk>/beheer/", views.manage, name="manage"),
    path("<int:pk>/wijzigen/", views.assembly_edit, name="edit"),
    path("<int:pk>/adressen/", views.addresses, name="addresses"),
    path("<int:pk>/uitnodigingen/", views.invitations, name="invitations"),
    path("<int:pk>/brieven/", views.letters, name="letters"),
    path("<int:pk>/papieren-aanmelding/", views.paper, name="paper"),
    path("<int:pk>/aanmelden-sluiten/", views.registration_close, name="registration_close"),
    path("<int:pk>/aanmelden-heropenen/", views.registration_reopen, name="registration_reopen"),
    path("<int:pk>/aanmeldingen/", views.pool, name="pool"),
    path("<int:pk>/quota/", views.quotas, name="quotas"),
    path("<int:pk>/selectie/", views.selection, name="selection"),
    path("<int:pk>/selectie/status/", views.selection_status, name="selection_status"),
    path(
        "<int:pk>/selectie/<int:selection_pk>/stoppen/",
        views.selection_cancel,
        name="selection_cancel",
    ),
    path("<int:pk>/gelote-groep/", views.panel, name="panel"),
    path("<int:pk>/gelote-groep/export.csv", views.panel_export, name="panel_export"),
    path("<int:pk>/afmelding/<int:respondent_pk>/", views.dropout, name="dropout"),
    path("<int:pk>/open-plek/<int:replacement_pk>/", views.open_seat, name="open_seat"),
    path("<int:pk>/publiceren/", views.publish, name="publish"),
    path("<int:pk>/gegevens-verwijderen/", views.delete_pool, name="delete_pool"),
]
