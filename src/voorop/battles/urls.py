from django.urls import path

from voorop.battles import views

app_name = "battles"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.battle_detail, name="battle"),
    path("<int:pk>/volgende-stap/", views.advance, name="advance"),
    path("<int:pk>/uitslag/", views.results, name="results"),
    path("plan/<int:pk>/", views.entry_detail, name="entry"),
    path("plan/<int:pk>/scoren/", views.score, name="score"),
]
