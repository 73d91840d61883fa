from django.urls import path

from voorop.accounts import views

app_name = "accounts"

urlpatterns = [
    path("profiel/", views.profile, name="profile"),
    path("profiel/wijzigen/", views.profile_edit, name="profile_edit"),
    path("mijn-gegevens/", views.export_data, name="export"),
    path("verwijderen/", views.delete_account, name="delete"),
    path("taal/", views.set_language, name="set_language"),
    path("meedoen/", views.participation, name="participation"),
    path("volgen/", views.follow_toggle, name="follow"),
    path("tweestapsverificatie/", views.two_factor_required, name="two_factor_required"),
]
