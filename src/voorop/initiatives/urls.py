"""URLs of the initiatives app (/initiatieven/)."""

from django.urls import path

from voorop.initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("", views.gallery, name="gallery"),
    path("mijn/", views.mine, name="mine"),
    path("aandacht/", views.attention, name="attention"),
    path("nieuw/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/wijzigen/", views.edit, name="edit"),
    path("<int:pk>/status/", views.change_status, name="status"),
    path("<int:pk>/steun/", views.support, name="support"),
    path("<int:pk>/leden/", views.members, name="members"),
    path(
        "<int:pk>/leden/<int:membership_pk>/verwijderen/",
        views.member_remove,
        name="member_remove",
    ),
    path("<int:pk>/scenario/", views.scenario_add, name="scenario_add"),
    path("<int:pk>/bericht/", views.update_add, name="update_add"),
    path("<int:pk>/begeleiding/", views.facilitators, name="facilitators"),
    path("foto/<int:pk>/", views.photo, name="photo"),
]
