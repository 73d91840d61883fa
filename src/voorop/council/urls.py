"""URLs of the council's instruments (/raad/)."""

from django.urls import path

from voorop.council import views

app_name = "council"

urlpatterns = [
    path("", views.index, name="index"),
    path("dossiers/", views.dossier_list, name="dossier_list"),
    path("dossiers/nieuw/", views.dossier_edit, name="dossier_create"),
    path("dossiers/<int:pk>/", views.dossier_detail, name="dossier_detail"),
    path("dossiers/<int:pk>/wijzigen/", views.dossier_edit, name="dossier_edit"),
    path("dossiers/<int:pk>/ankerpunten/", views.anchor_point_add, name="anchor_point_add"),
    path(
        "dossiers/<int:pk>/ankerpunten/<int:point_pk>/verwijderen/",
        views.anchor_point_delete,
        name="anchor_point_delete",
    ),
    path("dossiers/<int:pk>/openen/", views.dossier_open, name="dossier_open"),
    path(
        "ankerpunten/<slug:app_label>/<slug:model>/<int:pk>/antwoorden/",
        views.anchor_respond,
        name="anchor_respond",
    ),
    path(
        "ankerpunten/<slug:app_label>/<slug:model>/<int:pk>/beoordelen/",
        views.anchor_judge,
        name="anchor_judge",
    ),
    path("besluiten/", views.decision_list, name="decision_list"),
    path("besluiten/nieuw/", views.decision_edit, name="decision_create"),
    path("besluiten/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("besluiten/<int:pk>/wijzigen/", views.decision_edit, name="decision_edit"),
    path("besluiten/<int:pk>/documenten/", views.decision_document_add, name="document_add"),
    path(
        "besluiten/<int:pk>/documenten/<int:document_pk>/",
        views.decision_document,
        name="document",
    ),
    path("besluiten/<int:pk>/publiceren/", views.decision_publish, name="decision_publish"),
    path("besluiten/<int:pk>/spiegeling/", views.reflection_edit, name="reflection_edit"),
    path("spiegelingen/", views.reflection_overview, name="reflections"),
    path("bijeenkomsten/", views.event_list, name="event_list"),
    path("bijeenkomsten.ics", views.events_feed, name="events_feed"),
    path("bijeenkomsten/nieuw/", views.event_edit, name="event_create"),
    path("bijeenkomsten/afmelden/<str:token>/", views.event_cancel_guest, name="cancel_guest"),
    path("bijeenkomsten/aanmelding/<str:token>/", views.event_guest_sign_up, name="guest_sign_up"),
    path("bijeenkomsten/<int:pk>/", views.event_detail, name="event_detail"),
    path("bijeenkomsten/<int:pk>/agenda.ics", views.event_ics, name="event_ics"),
    path("bijeenkomsten/<int:pk>/wijzigen/", views.event_edit, name="event_edit"),
    path("bijeenkomsten/<int:pk>/aanmelden/", views.event_sign_up, name="sign_up"),
    path("bijeenkomsten/<int:pk>/afmelden/", views.event_cancel, name="cancel"),
    path("bijeenkomsten/<int:pk>/onderwerp/", views.event_topic, name="topic"),
    path("bijeenkomsten/<int:pk>/oogst/", views.event_harvest, name="harvest"),
    path("bijeenkomsten/<int:pk>/vervolg/", views.follow_up_add, name="follow_up_add"),
    path(
        "bijeenkomsten/<int:pk>/vervolg/<int:action_pk>/",
        views.follow_up_update,
        name="follow_up_update",
    ),
]
