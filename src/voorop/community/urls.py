"""URLs of the community instruments (/samen/)."""

from django.urls import path

from voorop.community import views

app_name = "community"

urlpatterns = [
    path("", views.index, name="index"),
    # Area councils
    path("raden/", views.council_list, name="council_list"),
    path("raden/nieuw/", views.council_create, name="council_create"),
    path("raden/<slug:slug>/", views.council_detail, name="council_detail"),
    path("raden/<slug:slug>/wijzigen/", views.council_edit, name="council_edit"),
    path("raden/<slug:slug>/leden/nieuw/", views.member_add, name="member_add"),
    path("raden/<slug:slug>/leden/loting/", views.members_seat_drawn, name="members_seat_drawn"),
    path("raden/<slug:slug>/leden/<int:pk>/einde/", views.member_end, name="member_end"),
    path("raden/<slug:slug>/agendapunt/", views.item_propose, name="item_propose"),
    path(
        "raden/<slug:slug>/agendapunten/<int:pk>/antwoord/", views.item_answer, name="item_answer"
    ),
    path("raden/<slug:slug>/agendapunten/<int:pk>/wijzigen/", views.item_edit, name="item_edit"),
    path(
        "raden/<slug:slug>/agendapunten/<int:pk>/intrekken/",
        views.item_withdraw,
        name="item_withdraw",
    ),
    path("raden/<slug:slug>/besluiten/nieuw/", views.decision_create, name="decision_create"),
    path("raden/<slug:slug>/vergaderingen/nieuw/", views.meeting_create, name="meeting_create"),
    path("raden/<slug:slug>/vergaderingen/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path(
        "raden/<slug:slug>/vergaderingen/<int:pk>/wijzigen/",
        views.meeting_edit,
        name="meeting_edit",
    ),
    path("raden/<slug:slug>/vergaderingen/<int:pk>/punt/", views.item_add, name="item_add"),
    path(
        "raden/<slug:slug>/vergaderingen/<int:pk>/agenda-publiceren/",
        views.agenda_publish,
        name="agenda_publish",
    ),
    path(
        "raden/<slug:slug>/vergaderingen/<int:pk>/verslag/",
        views.minutes_edit,
        name="minutes_edit",
    ),
    # Manifest
    path("manifest/nieuw/", views.manifest_create, name="manifest_create"),
    path("manifest/<slug:slug>/", views.manifest_detail, name="manifest"),
    path(
        "manifest/<slug:slug>/versies/<int:number>/",
        views.manifest_detail,
        name="manifest_version",
    ),
    path(
        "manifest/<slug:slug>/versies/<int:number>/vergelijken/",
        views.version_compare,
        name="version_compare",
    ),
    path(
        "manifest/<slug:slug>/versies/<int:number>/reageren/",
        views.comment_add,
        name="comment_add",
    ),
    path("manifest/<slug:slug>/nieuwe-versie/", views.version_publish, name="version_publish"),
    path("manifest/<slug:slug>/aanvulling/", views.addition_propose, name="addition_propose"),
    path(
        "manifest/<slug:slug>/aanvullingen/<int:pk>/",
        views.addition_decide,
        name="addition_decide",
    ),
    # Society agreements
    path("akkoorden/", views.agreement_list, name="agreements"),
    path("akkoorden/register/", views.agreement_register, name="agreement_register"),
    path("akkoorden/nieuw/", views.agreement_create, name="agreement_create"),
    path("akkoorden/<slug:slug>/", views.agreement_detail, name="agreement_detail"),
    path("akkoorden/<slug:slug>/wijzigen/", views.agreement_edit, name="agreement_edit"),
    path("akkoorden/<slug:slug>/tekenen/", views.agreement_sign, name="agreement_sign"),
    path(
        "akkoorden/<slug:slug>/toezeggingen/<int:pk>/voortgang/",
        views.progress_report,
        name="progress_report",
    ),
    # Neighbourhood network
    path("buurt/", views.network_list, name="networks"),
    path("buurt/nieuw/", views.network_create, name="network_create"),
    path("buurt/moderatie/", views.moderation, name="moderation"),
    path("buurt/moderatie/logboek/", views.moderation_log, name="moderation_log"),
    path("buurt/moderatie/<int:pk>/", views.post_moderate, name="post_moderate"),
    path("buurt/<slug:area_slug>/", views.network_detail, name="network"),
    path("buurt/<slug:area_slug>/instellingen/", views.network_edit, name="network_edit"),
    path("buurt/<slug:area_slug>/plaatsen/", views.post_create, name="post_create"),
    path("buurt/<slug:area_slug>/groepen/nieuw/", views.group_create, name="group_create"),
    path("buurt/<slug:area_slug>/groepen/<int:pk>/wijzigen/", views.group_edit, name="group_edit"),
    path(
        "buurt/<slug:area_slug>/groepen/<int:pk>/verwijderen/",
        views.group_remove,
        name="group_remove",
    ),
    path(
        "buurt/<slug:area_slug>/veiligheidskoffer/nieuw/",
        views.safety_create,
        name="safety_create",
    ),
    path(
        "buurt/<slug:area_slug>/veiligheidskoffer/<int:pk>/wijzigen/",
        views.safety_edit,
        name="safety_edit",
    ),
    path(
        "buurt/<slug:area_slug>/veiligheidskoffer/<int:pk>/verwijderen/",
        views.safety_remove,
        name="safety_remove",
    ),
    path("buurt/<slug:area_slug>/<int:pk>/", views.post_detail, name="post_detail"),
    path("buurt/<slug:area_slug>/<int:pk>/reageren/", views.post_reply, name="post_reply"),
    path(
        "buurt/<slug:area_slug>/<int:pk>/antwoorden/<int:reply_pk>/",
        views.post_answer,
        name="post_answer",
    ),
    path("buurt/<slug:area_slug>/<int:pk>/melden/", views.post_report, name="post_report"),
    path("buurt/<slug:area_slug>/<int:pk>/klaar/", views.post_close, name="post_close"),
]
