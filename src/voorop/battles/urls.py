from django.urls import path

from voorop.battles import views

app_name = "battles"

urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.battle_create, name="create"),
    path("<int:pk>/inrichten/", views.set_up, name="set_up"),
    path("<int:pk>/inrichten/plannen/", views.set_up_entries, name="set_up_entries"),
    path("<int:pk>/", views.battle_detail, name="battle"),
    path("<int:pk>/volgende-stap/", views.advance, name="advance"),
    path("<int:pk>/uitslag/", views.results, name="results"),
    path("plan/<int:pk>/", views.entry_detail, name="entry"),
    path("plan/<int:pk>/scoren/", views.score, name="score"),
]
