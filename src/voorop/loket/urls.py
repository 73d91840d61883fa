"""URLs of the Samenlevingsloket (/loket/)."""

from django.urls import path

from voorop.loket import views

app_name = "loket"

urlpatterns = [
    path("", views.submit, name="submit"),
    path("volg/<str:token>/", views.track, name="track"),
    path("mijn-meldingen/", views.my_items, name="my_items"),
    path("registreren/", views.register, name="register"),
    path("werkvoorraad/", views.queue, name="queue"),
    path("melding/<str:reference>/", views.item_detail, name="item"),
    path("melding/<str:reference>/doorverwijzen/", views.refer, name="refer"),
    path("melding/<str:reference>/bericht/", views.message, name="message"),
    path("melding/<str:reference>/notitie/", views.note, name="note"),
    path("melding/<str:reference>/escaleren/", views.escalate, name="escalate"),
    path("melding/<str:reference>/afsluiten/", views.close, name="close"),
    path("melding/<str:reference>/initiatief/", views.convert, name="convert"),
    path("taak/<int:pk>/gedaan/", views.task_done, name="task_done"),
    path("melding/<str:reference>/volglink/", views.new_tracking_link, name="new_link"),
    path("melding/<str:reference>/bijlage/<int:pk>/", views.attachment, name="attachment"),
]
