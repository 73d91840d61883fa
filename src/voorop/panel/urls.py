from django.urls import path

from voorop.panel.views import members, opinions, public, staff

app_name = "panel"

urlpatterns = [
    path("", public.index, name="index"),
    path("werk/", staff.work, name="work"),
    path("nieuw/", staff.panel_create, name="create"),
    path("<int:pk>/", public.panel_detail, name="panel"),
    path("<int:pk>/aanmelden/", public.join, name="join"),
    path("<int:pk>/aangemeld/", public.joined, name="joined"),
    path("lid/<str:token>/", public.member, name="member"),
    path("vragen/<str:token>/", public.answer, name="answer"),
    path("raadpleging/<int:pk>/resultaten/", public.results, name="results"),
    path(
        "raadpleging/<int:pk>/open-antwoorden/<int:question_pk>/",
        public.open_answers,
        name="open_answers",
    ),
    path("<int:pk>/beheer/", staff.manage, name="manage"),
    path("<int:pk>/bewerken/", members.panel_edit, name="edit"),
    path("<int:pk>/leden/", members.members, name="members"),
    path(
        "<int:pk>/leden/<int:member_pk>/verwijderen/",
        members.member_remove,
        name="member_remove",
    ),
    path("<int:pk>/inwonertal/", staff.population, name="population"),
    path("<int:pk>/werving/", staff.recruitment, name="recruitment"),
    path("<int:pk>/werving/<int:recruitment_pk>/brieven/", staff.letters, name="letters"),
    path("<int:pk>/raadpleging/nieuw/", staff.consultation_create, name="consultation_create"),
    path("raadpleging/<int:pk>/", staff.consultation, name="consultation"),
    path("raadpleging/<int:pk>/terugkoppeling/", staff.feedback, name="feedback"),
    path("raadpleging/<int:pk>/resultaten.<str:fmt>", staff.export, name="export"),
    path("stellingen/<int:pk>/", opinions.opinion_map, name="map"),
    path("stellingen/<int:pk>/groepen/", opinions.map_groups, name="map_groups"),
    path("<int:pk>/stellingen/nieuw/", opinions.map_create, name="map_create"),
    path("stellingen/<int:pk>/beheer/", opinions.map_manage, name="map_manage"),
    path("stellingen/<int:pk>/sluiten/", opinions.map_closing, name="map_closing"),
    path("stellingen/<int:pk>/<str:name>", opinions.map_export, name="map_export"),
]
